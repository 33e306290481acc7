"""The engine is pure Python: no module under thidua/eligibility imports Django."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parents[1]
MODULES = sorted(p for p in ENGINE.rglob("*.py") if "tests" not in p.relative_to(ENGINE).parts)


DYNAMIC = {"__import__", "import_module"}


def imported_names(path: Path) -> set[str]:
    """Modules named by import statements and by __import__ / import_module("...") calls."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) in DYNAMIC
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            names.add(str(node.args[0].value))
    return names


def test_the_engine_has_modules_to_check():
    assert ENGINE / "engine.py" in MODULES and ENGINE / "facts_json.py" in MODULES


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ENGINE)))
def test_no_engine_module_imports_django(path):
    assert sorted(n for n in imported_names(path) if n.split(".")[0] == "django") == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ENGINE)))
def test_no_engine_module_imports_the_apps_above_it(path):
    above = {n for n in imported_names(path) if n.startswith("thidua.")}

    assert sorted(n for n in above if not n.startswith("thidua.eligibility")) == []
