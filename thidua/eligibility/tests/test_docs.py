"""docs/eligibility.md stays true: every check and setting listed, its examples valid."""

from __future__ import annotations

import json
import re
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest

from thidua.eligibility import Policy, Status, check, facts_json
from thidua.eligibility.checks import REGISTRY

DOC = (Path(__file__).resolve().parents[3] / "docs" / "eligibility.md").read_text("utf-8")
BLOCKS = [json.loads(b) for b in re.findall(r"```json\n(.*?)```", DOC, re.S)]
EXAMPLES = {b["kind"]: facts_json.parse_subject(b) for b in BLOCKS if "kind" in b}
ON = date(2025, 3, 20)


def test_every_check_has_a_row_in_the_checks_table():
    assert [name for name in REGISTRY if f"| `{name}` |" not in DOC] == []


def test_every_policy_setting_has_a_row_in_the_settings_table():
    names = [f.name for f in fields(Policy) if f.name != "overrides"]

    assert [name for name in names if f"| `{name}` |" not in DOC] == []


def test_the_docs_show_one_person_and_one_unit():
    assert sorted(EXAMPLES) == ["person", "unit"]


def test_the_person_example_is_the_moha_worked_example():
    verdict = check(EXAMPLES["person"], "BK_BO", 2024, as_of=ON)

    assert (verdict.status, verdict.consumes) == (Status.ELIGIBLE, ("SK-2023-01", "SK-2024-07"))


@pytest.mark.parametrize("award", ["TTLDXS", "CO_BO", "CO_CP"])
def test_the_unit_example_earns_what_the_docs_say(award):
    assert check(EXAMPLES["unit"], award, 2024, as_of=ON).status is Status.ELIGIBLE
