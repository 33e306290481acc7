"""Arithmetic on reported figures, exact to the last digit, and the calendar of reporting periods.

A ratio is computed from its raw counts with `Fraction` and rounded once, half up, for display:
1,054 / 1,709 = 61.67 % (the seed's figure), never from an already rounded percentage.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

PERIOD_KEYS = ("Q1", "Q2", "Q3", "Q4", "H1", "H2", "Y")
KEYS_BY_FREQUENCY = {"quarter": ("Q1", "Q2", "Q3", "Q4"), "half": ("H1", "H2"), "year": ("Y",)}
_MONTHS = {
    "Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12),
    "H1": (1, 6), "H2": (7, 12), "Y": (1, 12),
}  # fmt: skip


def period_bounds(year: int, key: str) -> tuple[dt.date, dt.date]:
    """First and last day of a period of `year` ("Q1" … "Q4", "H1", "H2", "Y")."""
    first, last = _MONTHS[key]
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def exact(value: Decimal | int | None) -> Fraction | None:
    return None if value is None else Fraction(value)


def ratio_percent(numerator: Decimal | int, denominator: Decimal | int) -> Fraction | None:
    """numerator / denominator as an exact percentage; None when nothing was due (0 / 0)."""
    if not denominator:
        return None
    return Fraction(numerator) * 100 / Fraction(denominator)


def rounded(value: Fraction | None, places: int = 2) -> Decimal | None:
    """Round half up once, at the end (61.6734… → 61.67)."""
    if value is None:
        return None
    quantum = Decimal(1).scaleb(-places)
    exact_decimal = Decimal(value.numerator) / Decimal(value.denominator)
    return exact_decimal.quantize(quantum, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Figures:
    """What a report says, in the indicator's terms: the result to compare with the target."""

    kind: str
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    value: Decimal | None = None

    @property
    def result(self) -> Fraction | None:
        """Per cent for ratios and percentages, 1/0 for yes-no, the value otherwise."""
        if self.kind == "ratio":
            if self.numerator is None or self.denominator is None:
                return None
            return ratio_percent(self.numerator, self.denominator)
        return exact(self.value)


def attainment(result: Fraction | None, target: Decimal | None, direction: str) -> Fraction | None:
    """How far the result goes toward the target, as a percentage (100 = target met).

    Lower-is-better targets invert the ratio; a zero target is met only by a zero result."""
    if result is None or target is None:
        return None
    goal = Fraction(target)
    if direction == "at_most":
        if result == 0:
            return Fraction(100)
        return goal * 100 / result if goal else Fraction(0)
    if goal == 0:
        return Fraction(100)
    return result * 100 / goal


def meets_target(result: Fraction | None, target: Decimal | None, direction: str) -> bool | None:
    if result is None or target is None:
        return None
    goal = Fraction(target)
    return result <= goal if direction == "at_most" else result >= goal
