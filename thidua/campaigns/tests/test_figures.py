"""Figures: ratios computed from raw counts, rounded once half up, shown in the reader's format."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation

from thidua.campaigns.figures import (
    Figures,
    attainment,
    meets_target,
    period_bounds,
    ratio_percent,
    rounded,
)
from thidua.campaigns.forms.indicators import FigureField
from thidua.campaigns.models import Indicator, IndicatorReport
from thidua.campaigns.selectors.indicators import target_text
from thidua.campaigns.selectors.reports import figures_text

K = Indicator.Kind


@pytest.mark.parametrize(
    ("numerator", "denominator", "percent"),
    [
        (1054, 1709, "61.67"),  # the seed's documents handled
        (4290, 9317, "46.04"),
        (1, 8, "12.50"),  # exactly half-way at the third place stays 12.50
        (2, 3, "66.67"),
        (1, 3, "33.33"),
        (0, 5, "0.00"),
        (5, 5, "100.00"),
    ],
)
def test_a_ratio_is_computed_from_its_raw_counts(numerator, denominator, percent):
    assert rounded(ratio_percent(numerator, denominator)) == Decimal(percent)


def test_rounding_is_half_up_not_to_the_even_digit():
    assert rounded(Fraction(1, 8), 2) == Decimal("0.13")  # banker's rounding would give 0.12
    assert rounded(Fraction(5, 2), 0) == Decimal("3")


def test_nothing_due_gives_no_percentage_rather_than_a_division_by_zero():
    assert ratio_percent(0, 0) is None
    assert Figures("ratio", Decimal(0), Decimal(0)).result is None


def test_attainment_uses_the_exact_ratio_not_the_rounded_one():
    result = Figures("ratio", Decimal(1054), Decimal(1709)).result

    # 61.6734…/60 = 102.789…%; from the rounded 61.67 it would read 102.78 %.
    assert rounded(attainment(result, Decimal(60), "at_least")) == Decimal("102.79")


def test_a_lower_is_better_target_inverts_the_attainment():
    assert rounded(attainment(Fraction(4), Decimal(2), "at_most")) == Decimal("50.00")
    assert meets_target(Fraction(2), Decimal(2), "at_most") is True
    assert meets_target(Fraction(3), Decimal(2), "at_most") is False


def test_a_quarter_and_a_half_year_have_their_calendar_bounds():
    assert period_bounds(2024, "Q1") == (dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    assert period_bounds(2024, "H2") == (dt.date(2024, 7, 1), dt.date(2024, 12, 31))


def test_a_ratio_reads_with_vietnamese_separators():
    report = IndicatorReport(numerator=Decimal("1054.0000"), denominator=Decimal("1709.0000"))

    with translation.override("vi"):
        assert figures_text(Indicator(kind=K.RATIO), report) == "1.054/1.709 = 61,67 %"


def test_a_ratio_reads_with_english_separators_for_an_english_reader():
    report = IndicatorReport(numerator=Decimal(4290), denominator=Decimal(9317))

    with translation.override("en"):
        assert figures_text(Indicator(kind=K.RATIO), report) == "4,290/9,317 = 46.04 %"


def test_a_count_and_a_yes_no_answer_read_plainly():
    with translation.override("en"):
        assert figures_text(Indicator(kind=K.COUNT), IndicatorReport(value=Decimal(12500))) == (
            "12,500"
        )
        assert figures_text(Indicator(kind=K.YES_NO), IndicatorReport(value=Decimal(1))) == "Yes"


def test_a_target_reads_with_its_direction():
    with translation.override("en"):
        ratio = Indicator(kind=K.RATIO, direction="at_least")
        assert target_text(ratio, Decimal("60.5")) == "at least 60.50 %"
        late = Indicator(kind=K.COUNT, direction="at_most", unit_of_measure="reports")
        assert target_text(late, Decimal(2)) == "at most 2 reports"


@pytest.mark.parametrize(
    ("typed", "number"),
    [("1.054", Decimal(1054)), ("1054", Decimal(1054)), ("61,67", Decimal("61.67"))],
)
def test_a_vietnamese_reader_types_figures_as_they_write_them(typed, number):
    with translation.override("vi"):
        assert FigureField().clean(typed) == number


def test_an_english_reader_types_thousands_with_commas():
    with translation.override("en"):
        assert FigureField().clean("1,054") == Decimal(1054)
        assert FigureField().clean("61.67") == Decimal("61.67")
