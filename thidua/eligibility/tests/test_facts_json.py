"""The public JSON facts format: round trips, and errors that name the field at fault."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest

from thidua.eligibility import Case, facts_json
from thidua.eligibility.facts_json import FactsError

from .builders import (
    cstdcs_via,
    discipline,
    freeze,
    held,
    initiative,
    leave,
    person,
    posted,
    rated,
    registered,
    transfer,
    unit,
    year_row,
)

RICH_PERSON = person(
    rated(2022, 2024, "HTXS"),
    leave("training", date(2023, 9, 1), date(2024, 8, 31), study_completed=True),
    transfer(date(2024, 3, 1), 8, True),
    discipline(date(2021, 5, 4), date(2022, 5, 3)),
    freeze(date(2025, 1, 2), date(2025, 2, 3)),
    initiative("SK-1", 2023, "ministry", recognised_by="QĐ 12/QĐ-BTC"),
    initiative("DT-2", 2024, kind="research", used_for="CSTDCS:2024"),
    cstdcs_via("initiative", 2024, "DT-2"),
    held("BK_BO", 2021, decision="QĐ 9", decided_on=date(2022, 2, 1), period_start=2020),
    posted("HCLD_3", 2024, date(2025, 8, 20), None),
    registered("LDTT:2025", "CSTDCS:2025"),
    gender="female",
    name="Nguyễn Thị Bình",
)
RICH_UNIT = unit(
    year_row(2023, None),
    year_row(2024, "HTXS", roster=13, completed=13, ldtt=9, cstdcs=1, led_cluster="ministry",
             party_clean_strong=True),
    held("TTLDXS", 2023),
    dissolved_on=date(2025, 7, 1),
    name="Ban Tổ chức",
)  # fmt: skip
GOOD: dict[str, Any] = {
    "kind": "person",
    "id": "p-1",
    "employment_start": "2016-03-01",
    "ratings": [{"year": 2023, "rating": "HTXS"}, {"year": 2024, "rating": "HTT"}],
    "leaves": [{"kind": "maternity", "start": "2024-02-01", "end": "2024-07-31"}],
    "initiatives": [{"id": "SK-1", "year": 2024, "scope": "unit"}],
    "awards": [{"code": "CSTDCS", "year": 2023, "limb": "htxs"}],
}


@pytest.mark.parametrize(
    "subject", [RICH_PERSON, RICH_UNIT, person()], ids=["a person", "a unit", "a bare person"]
)
def test_dumping_then_parsing_gives_the_same_facts(subject):
    data = json.loads(json.dumps(facts_json.dump_subject(subject)))

    assert facts_json.parse_subject(data) == subject


def test_a_dump_leaves_out_fields_at_their_defaults():
    assert facts_json.dump_subject(person()) == {
        "kind": "person",
        "id": "p-1",
        "employment_start": "2010-01-01",
    }


def test_a_whole_case_round_trips():
    case = Case(RICH_PERSON, "BK_BO", 2024, date(2025, 3, 1), date(2025, 2, 20), ("note",))

    assert facts_json.parse_case(facts_json.dump_case(case)) == case


def bad(path: str, value: Any, *, drop: bool = False) -> dict[str, Any]:
    """GOOD with the value at `path` ("ratings.1.rating") replaced (or dropped)."""
    data = copy.deepcopy(GOOD)
    *parents, last = path.split(".")
    target: Any = data
    for key in parents:
        target = target[int(key)] if key.isdigit() else target[key]
    if drop:
        del target[last]
    elif last.isdigit():
        target[int(last)] = value
    else:
        target[last] = value
    return data


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        pytest.param(bad("nickname", "An"), "nickname", "unknown field", id="unknown top field"),
        pytest.param(bad("ratings.1.comment", "x"), "ratings[1].comment", "unknown field",
                     id="unknown nested field"),
        pytest.param(bad("employment_start", "2025-02-30"), "employment_start",
                     "not a real calendar date", id="30 February"),
        pytest.param(bad("employment_start", "9999-12-31"), "employment_start",
                     "between 1945 and 2100", id="a date the engine cannot count from"),
        pytest.param(bad("employment_start", "01/03/2016"), "employment_start", "YYYY-MM-DD",
                     id="a date in the wrong notation"),
        pytest.param(bad("employment_start", None, drop=True), "employment_start", "required",
                     id="a missing required field"),
        pytest.param(bad("ratings.1.rating", "XS"), "ratings[1].rating", "'HTXS', 'HTT'",
                     id="a rating outside HTXS/HTT/HT/KHT"),
        pytest.param(bad("ratings.1.year", "2024"), "ratings[1].year", "whole number",
                     id="a year written as text"),
        pytest.param(bad("ratings.1.year", True), "ratings[1].year", "whole number",
                     id="a year written as true"),
        pytest.param(bad("ratings.1.year", 2024.5), "ratings[1].year", "not a decimal number",
                     id="a year with a fraction"),
        pytest.param(bad("ratings.1.year", 2023), "ratings[1].year", "already given at [0]",
                     id="two ratings for one year"),
        pytest.param(bad("ratings", {"2024": "HTT"}), "ratings", "must be a list",
                     id="ratings as an object"),
        pytest.param(bad("leaves.0.end", "2024-01-31"), "leaves[0].end", "before start",
                     id="a leave ending before it starts"),
        pytest.param(bad("leaves.0.kind", "holiday"), "leaves[0].kind", "'maternity'",
                     id="an unknown leave kind"),
        pytest.param(bad("initiatives.0.scope", "world"), "initiatives[0].scope", "'national'",
                     id="an unknown scope"),
        pytest.param(bad("awards.0.limb", "luck"), "awards[0].limb", "'htxs', 'initiative'",
                     id="an unknown limb"),
        pytest.param(bad("kind", "robot"), "kind", "'person' or 'unit'", id="an unknown kind"),
        pytest.param(bad("gender", "x"), "gender", "'female'", id="an unknown gender"),
        pytest.param(bad("registered", ["LDTT 2025"]), "registered[0]", "AWARD:YEAR",
                     id="a registration without its year"),
        pytest.param(bad("id", " "), "id", "must not be empty", id="a blank id"),
    ],
)  # fmt: skip
def test_bad_input_is_reported_with_the_path_of_the_field(data, field, words):
    with pytest.raises(FactsError) as caught:
        facts_json.parse_subject(data)

    assert (caught.value.field, words in caught.value.message) == (field, True)


UNIT_DATA: dict[str, Any] = {"kind": "unit", "id": "u-1", "years": [{"year": 2024, "rating": "HT"}]}


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        pytest.param({"roster": 3, "ldtt": 4}, "years[0].ldtt", "more than the roster",
                     id="more advanced workers than members"),
        pytest.param({"roster": -1}, "years[0].roster", "negative", id="a negative roster"),
        pytest.param({"led_cluster": "province"}, "years[0].led_cluster", "'ministry'",
                     id="an unknown cluster kind"),
        pytest.param({"rating": "A"}, "years[0].rating", "'HTXS'", id="a bad unit rating"),
    ],
)  # fmt: skip
def test_bad_unit_years_are_reported_with_their_path(row, field, words):
    data = copy.deepcopy(UNIT_DATA)
    data["years"][0] |= row

    with pytest.raises(FactsError) as caught:
        facts_json.parse_subject(data)

    assert (caught.value.field, words in caught.value.message) == (field, True)


def test_every_problem_is_reported_not_only_the_first():
    data = bad("ratings.1.rating", "XS") | {"employment_start": "2025-02-30", "extra": 1}
    data["leaves"][0]["kind"] = "holiday"

    with pytest.raises(FactsError) as caught:
        facts_json.parse_subject(data)

    assert sorted(field for field, _ in caught.value.errors) == [
        "employment_start",
        "extra",
        "leaves[0].kind",
        "ratings[1].rating",
    ]


def test_a_duplicate_year_is_found_next_to_a_broken_rating():
    data = copy.deepcopy(GOOD)
    data["ratings"] += [{"year": 2022, "rating": "??"}, {"year": 2023, "rating": "HT"}]

    with pytest.raises(FactsError) as caught:
        facts_json.parse_subject(data)

    assert [f for f, _ in caught.value.errors] == ["ratings[2].rating", "ratings[3].year"]


def test_a_facts_error_is_a_value_error_that_lists_every_field():
    error = FactsError([("a", "is wrong"), ("b[0].c", "too")])

    assert isinstance(error, ValueError)
    assert str(error) == "a: is wrong; b[0].c: too"


def test_a_case_reports_subject_fields_under_subject():
    data = {"subject": bad("ratings.0.rating", "X"), "award": "LDTT", "year": 2024}

    with pytest.raises(FactsError) as caught:
        facts_json.parse_case(data)

    assert [f for f, _ in caught.value.errors] == ["subject.ratings[0].rating", "as_of"]


def test_a_file_is_loaded_from_its_path(tmp_path):
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")

    assert facts_json.load(path).rating(2023).value == "HTXS"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        pytest.param("{", "not valid JSON", id="broken JSON"),
        pytest.param(None, "cannot read", id="a missing file"),
    ],
)
def test_a_file_that_cannot_be_read_is_a_facts_error(tmp_path, content, words):
    path = tmp_path / "facts.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")

    with pytest.raises(FactsError, match=words):
        facts_json.load(path)
