"""Derived figures: whole months between dates, absence in a year, the reference date."""

from __future__ import annotations

from datetime import date

import pytest

from thidua.eligibility.context import full_months


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        pytest.param(date(2025, 7, 1), date(2025, 12, 31), 6, id="1-7 to 31-12 is six months"),
        pytest.param(date(2025, 7, 2), date(2025, 12, 31), 5, id="2-7 to 31-12 is five"),
        pytest.param(date(2025, 1, 1), date(2025, 12, 31), 12, id="a calendar year is twelve"),
        pytest.param(date(2025, 1, 15), date(2025, 2, 14), 1, id="15-1 to 14-2 is one month"),
        pytest.param(date(2025, 1, 15), date(2025, 2, 13), 0, id="a day short is none"),
        pytest.param(date(2025, 3, 1), date(2025, 3, 1), 0, id="a single day is none"),
        pytest.param(date(2025, 3, 2), date(2025, 3, 1), 0, id="an end before the start is none"),
        pytest.param(date(2024, 12, 1), date(2025, 1, 31), 2, id="across the new year"),
        pytest.param(date(2024, 2, 1), date(2024, 2, 29), 1, id="a leap February is one month"),
        pytest.param(date(2010, 1, 1), date(2024, 12, 31), 180, id="fifteen years"),
    ],
)
def test_full_months_counts_whole_months_both_ends_included(start, end, months):
    assert full_months(start, end) == months
