"""Public posting before the council (ND 98 Art. 46(2), ND 152 Art. 44(2)) and working days.

MoD practice (law-updates-2025 §2.2): posted Wed 20-8-2025, ten working days end Thu 4-9-2025
because 1 and 2 September 2025 are holidays; the posting day is day one.
"""

from __future__ import annotations

from datetime import date

import pytest

from thidua.eligibility import Status
from thidua.eligibility.calendar import WorkCalendar

from .builders import held, judge, outcome_of, person, posted, rated, ratings

POSTED_ON = date(2025, 8, 20)
CALENDAR = WorkCalendar()


@pytest.mark.parametrize(
    ("day", "working"),
    [
        pytest.param(date(2025, 8, 20), True, id="Wednesday 20-8-2025 is a working day"),
        pytest.param(date(2025, 8, 23), False, id="Saturday 23-8-2025 is not"),
        pytest.param(date(2025, 9, 1), False, id="1-9-2025 is a National Day holiday"),
        pytest.param(date(2025, 9, 2), False, id="2-9-2025 is National Day"),
        pytest.param(date(2025, 1, 29), False, id="29-1-2025 is Tet"),
        pytest.param(date(2025, 5, 2), False, id="2-5-2025 is a substitute day off"),
    ],
)
def test_the_calendar_knows_weekends_and_vietnamese_holidays(day, working):
    assert CALENDAR.is_working_day(day) is working


def test_ten_working_days_from_20_august_2025_end_on_4_september():
    assert CALENDAR.window_end(POSTED_ON, 10) == date(2025, 9, 4)


def test_the_posting_window_counts_ten_working_days_both_ends_included():
    assert CALENDAR.working_days(POSTED_ON, date(2025, 9, 4)) == 10


def test_a_window_that_starts_the_next_day_ends_a_day_later():
    assert CALENDAR.window_end(POSTED_ON, 10, start_counts=False) == date(2025, 9, 5)


def test_a_local_day_off_pushes_the_window_end():
    calendar = WorkCalendar(extra_holidays=[date(2025, 8, 29)])

    assert calendar.window_end(POSTED_ON, 10) == date(2025, 9, 5)


def test_a_make_up_working_saturday_counts():
    calendar = WorkCalendar(extra_workdays=[date(2025, 4, 26)])

    assert calendar.is_working_day(date(2025, 4, 26))


def labour_order_candidate(council_on: date | None):
    return person(
        held("BK_TTG", 2019), rated(2020, 2023, "HTT"), ratings(y2024="HTXS"),
        held("CSTDCS", 2021, 2022, 2023), posted("HCLD_3", 2024, POSTED_ON, council_on),
    )  # fmt: skip


ON = date(2025, 9, 10)  # under ND 152


@pytest.mark.parametrize(
    ("council_on", "status"),
    [
        pytest.param(date(2025, 9, 4), Status.INELIGIBLE, id="a council on 4-9 is one day short"),
        pytest.param(date(2025, 9, 5), Status.ELIGIBLE, id="a council on 5-9 is in time"),
        pytest.param(None, Status.PENDING_DOCUMENT, id="a posting with no council yet waits"),
    ],
)
def test_the_council_meets_after_ten_working_days_of_posting(council_on, status):
    verdict = judge(labour_order_candidate(council_on), "HCLD_3", 2024, on=ON)

    assert verdict.status is status


def test_a_council_one_day_short_is_explained_with_the_days_counted():
    verdict = judge(labour_order_candidate(date(2025, 9, 4)), "HCLD_3", 2024, on=ON)

    o = outcome_of(verdict, "hcld3.posting")
    assert (o.message, o.params["counted"], o.params["end"], o.clause) == (
        "posting.too_short",
        9,
        date(2025, 9, 4),
        "Nghị định 152/2025/NĐ-CP, Điều 44, khoản 2",
    )


def test_without_a_posting_the_award_waits_for_it():
    subject = person(
        held("BK_TTG", 2019), rated(2020, 2024, "HTXS"), held("CSTDCS", 2021, 2022, 2023)
    )

    verdict = judge(subject, "HCLD_3", 2024, on=ON)

    assert outcome_of(verdict, "hcld3.posting").message == "posting.missing"


@pytest.mark.parametrize(
    ("policy", "status"),
    [
        pytest.param({"posting_day_counts": False}, Status.INELIGIBLE,
                     id="when the posting day does not count, 5-9 is still short"),
        pytest.param({"extra_holidays": ["2025-08-29"]}, Status.INELIGIBLE,
                     id="a local day off makes 5-9 short"),
        pytest.param({"posting_working_days": 9}, Status.ELIGIBLE,
                     id="a nine-day rule would accept 4-9"),
    ],
)  # fmt: skip
def test_the_posting_rule_follows_the_policy(policy, status):
    council_on = date(2025, 9, 4) if policy.get("posting_working_days") else date(2025, 9, 5)

    verdict = judge(labour_order_candidate(council_on), "HCLD_3", 2024, on=ON, policy=policy)

    assert verdict.status is status
