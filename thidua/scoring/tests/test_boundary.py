"""The score arithmetic is plain Python: the pages, the API and the minutes all reuse it."""

import ast
from pathlib import Path

import pytest

PURE = ["formulas.py", "ranking.py"]


@pytest.mark.parametrize("module", PURE)
def test_the_arithmetic_modules_import_nothing_from_django_or_the_apps(module):
    tree = ast.parse((Path(__file__).parents[1] / module).read_text())
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not {name for name in imported if name.startswith(("django", "thidua"))}
