"""Worked time for LĐTT: leave that counts, absence that caps the rating, recruits, transfers.

ND 98/152 Art. 4(5) (maternity counts); ND 90/2020 am. ND 48/2023 (absence 3 to < 6 months:
not HTT or above); TT 01/2024, TT 15/2025 Art. 2(5) (recruits, injury, training, transfers).
"""

from __future__ import annotations

from datetime import date

import pytest

from thidua.eligibility import Status

from .builders import failed_rules, judge, leave, person, rated, transfer

ON = date(2025, 3, 20)
NO_ROWS: set[str] = set()
OK, NO, WAIT = Status.ELIGIBLE, Status.INELIGIBLE, Status.PENDING_DOCUMENT


@pytest.mark.parametrize(
    ("part", "failing"),
    [
        pytest.param(leave("maternity", date(2024, 3, 1), date(2024, 8, 31)), NO_ROWS,
                     id="six months of maternity leave count as worked time"),
        pytest.param(leave("unpaid", date(2024, 3, 1), date(2024, 4, 30)), NO_ROWS,
                     id="two months of unpaid leave change nothing"),
        pytest.param(leave("unpaid", date(2024, 3, 1), date(2024, 5, 31)), {"ldtt.rating"},
                     id="three months of unpaid leave cap the rating at HT"),
        pytest.param(leave("unpaid", date(2024, 3, 1), date(2024, 7, 31)), {"ldtt.rating"},
                     id="five months of unpaid leave cap the rating at HT"),
        pytest.param(leave("unpaid", date(2024, 1, 1), date(2024, 6, 30)), {"ldtt.rating"},
                     id="six months of unpaid leave are no better than five"),
        pytest.param(leave("unpaid", date(2024, 1, 1), date(2024, 7, 31)),
                     {"ldtt.rating", "ldtt.worked"},
                     id="seven months of unpaid leave leave under six months worked"),
        pytest.param(leave("sick", date(2024, 2, 1), date(2024, 5, 31)), {"ldtt.rating"},
                     id="four months of sick leave cap the rating too"),
        pytest.param(leave("injury", date(2024, 2, 1), date(2024, 9, 30)), NO_ROWS,
                     id="treatment after a rescue counts as worked time"),
        pytest.param(leave("training", date(2024, 1, 1), date(2024, 9, 30)), NO_ROWS,
                     id="training under a year counts as worked time"),
        pytest.param(leave("training", date(2023, 9, 1), date(2024, 8, 31), study_completed=True),
                     NO_ROWS, id="a year of training with the study completed counts"),
        pytest.param(leave("training", date(2023, 9, 1), date(2024, 8, 31), study_completed=False),
                     {"ldtt.rating", "ldtt.worked"},
                     id="a year of training with the study not completed is absence"),
        pytest.param(leave("unpaid", date(2023, 6, 1), date(2023, 12, 31)), NO_ROWS,
                     id="leave in another year does not count against this one"),
    ],
)  # fmt: skip
def test_leave_counts_or_caps_the_advanced_worker_title(part, failing):
    verdict = judge(person(rated(2024, 2024, "HTT"), part), "LDTT", 2024, on=ON)

    assert failed_rules(verdict) == failing


def test_capped_absence_is_explained_with_the_recorded_rating():
    away = leave("unpaid", date(2024, 3, 1), date(2024, 6, 30))
    subject = person(rated(2024, 2024, "HTXS"), away)

    verdict = judge(subject, "LDTT", 2024, on=ON)

    o = next(o for o in verdict.failed)
    assert (o.message, o.params["rating"], o.params["recorded"]) == (
        "rating.capped_absence",
        "HT",
        "HTXS",
    )


@pytest.mark.parametrize(
    ("hired", "reference", "status"),
    [
        pytest.param(date(2025, 7, 1), None, OK, id="1 July passes on 31 December"),
        pytest.param(date(2025, 7, 2), None, NO, id="2 July fails on 31 December"),
        pytest.param(date(2025, 6, 1), "11-30", OK, id="1 June passes on 30 November"),
        pytest.param(date(2025, 7, 1), "11-30", NO, id="1 July fails on 30 November"),
    ],
)
def test_a_recruit_needs_six_full_months_by_the_reference_date(hired, reference, status):
    policy = {"recruit_reference": reference} if reference else {}
    subject = person(rated(2025, 2025, "HTT"), hired=hired)

    verdict = judge(subject, "LDTT", 2025, on=date(2026, 1, 15), policy=policy)

    assert verdict.status is status


@pytest.mark.parametrize(
    ("months", "comment", "status"),
    [
        pytest.param(8, False, WAIT, id="eight months at the old unit need its comment"),
        pytest.param(8, True, OK, id="eight months at the old unit with its comment on file"),
        pytest.param(5, False, OK, id="five months at the old unit need no comment"),
        pytest.param(6, False, WAIT, id="exactly six months at the old unit need its comment"),
    ],
)  # fmt: skip
def test_a_transfer_in_the_year_asks_the_old_unit_for_a_comment(months, comment, status):
    subject = person(rated(2024, 2024, "HTT"), transfer(date(2024, 9, 1), months, comment))

    assert judge(subject, "LDTT", 2024, on=ON).status is status
