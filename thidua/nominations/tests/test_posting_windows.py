"""Posting windows in working days (ND 98 Art. 46(2) / ND 152 Art. 44(2); law-updates-2025.md
§2.2 e.2): weekends, national holidays from the `holidays` package, the organisation's own days
off and make-up working days, and whether the posting day counts."""

from datetime import date

import pytest

from thidua.core.errors import DomainError
from thidua.eligibility.calendar import national_holidays
from thidua.nominations.services.postings import posting_window


def window(opened_on: date, days: int = 10, day_counts: bool = True, **policy) -> date:
    return posting_window(opened_on=opened_on, days=days, day_counts=day_counts, policy=policy)


def test_the_holidays_package_knows_both_national_days_of_2025():
    # 1-9-2025 (the extra day off that year) and 2-9-2025 both come from the package.
    assert {date(2025, 9, 1), date(2025, 9, 2)} <= national_holidays(2025)


def test_the_ministry_of_defence_posting_of_2025_ends_on_thursday_4_september():
    # Posted Wed 20-8-2025, called 10 working days: the posting day is day 1 and 1-2 Sept skipped.
    assert window(date(2025, 8, 20)) == date(2025, 9, 4)


def test_weekends_are_not_counted():
    assert window(date(2024, 3, 4)) == date(2024, 3, 15)


def test_when_the_posting_day_does_not_count_the_window_ends_a_working_day_later():
    assert window(date(2024, 3, 4), day_counts=False) == date(2024, 3, 18)


def test_a_posting_opened_on_a_saturday_starts_counting_on_monday():
    assert window(date(2024, 3, 2)) == date(2024, 3, 15)


def test_the_tet_holidays_of_2025_are_skipped():
    # Tết 2025: Mon 27-1 to Sat 1-2 off.
    assert window(date(2025, 1, 23)) == date(2025, 2, 12)


def test_the_organisations_own_days_off_are_skipped():
    assert window(date(2024, 3, 4), extra_holidays=["2024-03-08"]) == date(2024, 3, 18)


def test_a_make_up_working_saturday_counts():
    assert window(date(2024, 3, 4), extra_workdays=["2024-03-09"]) == date(2024, 3, 14)


def test_other_policy_settings_do_not_matter_to_the_window():
    assert window(date(2025, 8, 20), posting_working_days=3, cstdcs_cap="15%") == date(2025, 9, 4)


def test_a_window_of_no_day_is_refused():
    with pytest.raises(DomainError):
        window(date(2024, 3, 4), days=0)


def test_a_day_off_that_is_not_a_date_is_refused():
    with pytest.raises(DomainError) as caught:
        window(date(2024, 3, 4), extra_holidays=["8 March"])
    assert caught.value.code == "policy"
