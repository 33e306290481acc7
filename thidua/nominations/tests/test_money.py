from datetime import date
from decimal import Decimal

import pytest

from thidua.core.errors import DomainError
from thidua.nominations.money import award_amount, round_amount
from thidua.nominations.selectors.decisions import base_salary_on, place_date_text
from thidua.nominations.tests.factories import ready


def test_an_advanced_worker_on_the_new_base_salary_gets_760000():
    # ND 98/2023 Art. 53(2): 0.3 × 2,530,000 = 759,000, rounded up to the next 10,000.
    assert award_amount(Decimal("0.3"), 2_530_000, "up_10000") == Decimal(760_000)


def test_a_national_emulation_fighter_gets_4_5_times_2340000():
    assert award_amount(Decimal("4.5"), 2_340_000, "up_10000") == Decimal(10_530_000)


def test_an_amount_already_on_the_step_is_not_raised():
    assert round_amount(Decimal(760_000), "up_10000") == Decimal(760_000)


def test_up_1000_rounds_up_to_the_next_thousand():
    assert round_amount(Decimal("759_001"), "up_1000") == Decimal(760_000)
    assert round_amount(Decimal("758_100"), "up_1000") == Decimal(759_000)


def test_no_rounding_keeps_the_amount_in_whole_dong():
    assert award_amount(Decimal("0.3"), 2_530_000, "none") == Decimal(759_000)


def test_an_unknown_rounding_rule_is_refused():
    with pytest.raises(ValueError):
        round_amount(Decimal(1), "down")


def test_a_household_gets_one_and_a_half_times_rounded_after_the_multiplication():
    # 1.0 × 2,530,000 × 1.5 = 3,795,000 → 3,800,000
    assert award_amount(1, 2_530_000, "up_10000", household=True) == Decimal(3_800_000)


def test_a_household_rounded_before_the_multiplication_keeps_the_odd_thousands():
    # 2,530,000 is already round; × 1.5 = 3,795,000 is kept as it is.
    amount = award_amount(1, 2_530_000, "up_10000", household=True, household_round_after=False)
    assert amount == Decimal(3_795_000)


@pytest.mark.django_db
def test_the_base_salary_on_30_june_2026_is_2340000():
    ready()
    assert base_salary_on(date(2026, 6, 30)).amount == Decimal(2_340_000)


@pytest.mark.django_db
def test_the_base_salary_from_1_july_2026_is_2530000():
    ready()
    assert base_salary_on(date(2026, 7, 1)).amount == Decimal(2_530_000)


@pytest.mark.django_db
def test_a_date_before_the_base_salary_table_is_refused():
    ready()
    with pytest.raises(DomainError) as exc:
        base_salary_on(date(2000, 1, 1))
    assert exc.value.code == "no_base_salary"


def test_the_date_line_pads_days_below_ten_and_the_first_two_months():
    assert place_date_text("Hà Nội", date(2024, 1, 5)) == "Hà Nội, day 05 month 01 year 2024"
    assert place_date_text("Hà Nội", date(2024, 3, 15)) == "Hà Nội, day 15 month 3 year 2024"
