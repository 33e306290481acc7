"""FREEZE_DURING_REVIEW (ND 98/152 Art. 4) and how outcomes combine into a status."""

from __future__ import annotations

from datetime import date

import pytest

from thidua.eligibility import Outcome, Result, Status
from thidua.eligibility.verdict import status_of

from .builders import freeze, judge, outcome_of, person, rated, unit, year_row

ON = date(2025, 3, 20)


@pytest.mark.parametrize(
    ("opened", "closed", "status"),
    [
        pytest.param(date(2025, 2, 1), None, Status.DEFERRED, id="an open inspection defers"),
        pytest.param(date(2025, 2, 1), date(2025, 3, 1), Status.ELIGIBLE,
                     id="an inspection closed before the judgement does not defer"),
        pytest.param(date(2025, 2, 1), date(2025, 3, 20), Status.ELIGIBLE,
                     id="an inspection closed on the judgement day does not defer"),
        pytest.param(date(2025, 2, 1), date(2025, 3, 21), Status.DEFERRED,
                     id="an inspection closing the day after still defers"),
        pytest.param(date(2025, 4, 1), None, Status.ELIGIBLE,
                     id="an inspection opened after the judgement does not defer"),
    ],
)  # fmt: skip
def test_an_open_review_defers_the_award(opened, closed, status):
    subject = person(rated(2024, 2024, "HTT"), freeze(opened, closed))

    assert judge(subject, "LDTT", 2024, on=ON).status is status


def test_a_freeze_outranks_a_failure():
    subject = person(rated(2024, 2024, "HT"), freeze(date(2025, 2, 1), kind="complaint"))

    verdict = judge(subject, "LDTT", 2024, on=ON)

    o = outcome_of(verdict, "common.freeze")
    assert (verdict.status, o.message, o.params["kind"]) == (
        Status.DEFERRED,
        "freeze.open",
        "complaint",
    )


def test_a_collective_under_audit_is_deferred_too():
    subject = unit(year_row(2024, "HTT", roster=10, ldtt=8), freeze(date(2025, 1, 6), kind="audit"))

    assert judge(subject, "TTLDTT", 2024, on=ON).status is Status.DEFERRED


def _outcomes(*results: Result) -> list[Outcome]:
    return [Outcome(f"r{i}", r, "m") for i, r in enumerate(results)]


P, F, D, W, N = Result.PASSED, Result.FAILED, Result.DEFERRED, Result.PENDING_DOCUMENT, Result.INFO


@pytest.mark.parametrize(
    ("results", "status"),
    [
        pytest.param((P, F, D, W), Status.DEFERRED, id="deferred outranks everything"),
        pytest.param((P, W, F), Status.INELIGIBLE, id="ineligible outranks a missing paper"),
        pytest.param((P, W, N), Status.PENDING_DOCUMENT, id="a missing paper outranks passing"),
        pytest.param((P, N), Status.ELIGIBLE, id="passes and notes are eligible"),
        pytest.param((), Status.ELIGIBLE, id="no outcome at all is eligible"),
    ],
)
def test_statuses_follow_their_precedence(results, status):
    assert status_of(_outcomes(*results)) is status
