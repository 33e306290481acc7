"""Points of a criterion and a unit's final score: plain, exact arithmetic (no Django).

The sector's point table was not found (law.md §c.3: the typical structure is ILLUSTRATIVE and
the cluster rules unconfirmed [U]), so every choice below is a parameter the cluster's policy
sets; the defaults follow the examples law.md §c.3 cites. All arithmetic is on `Fraction`s;
results are rounded only for display.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

Number = Fraction | int
Direction = Literal["at_least", "at_most"]


def clamp(value: Number, high: Number, low: Number = 0) -> Fraction:
    """A score inside [low, high]: zero is a valid score, more than the maximum is not."""
    return Fraction(min(max(Fraction(value), Fraction(low)), Fraction(high)))


# ---- criterion types ----------------------------------------------------------------------------
def against_target(
    result: Number | None, target: Number, max_points: Number, *, direction: Direction = "at_least"
) -> Fraction:
    """Proportional to how far the result goes toward the target, full points once it is met.

    For a lower-is-better target the ratio is inverted; a zero target is met only by zero."""
    if result is None:
        return Fraction(0)
    result, target, top = Fraction(result), Fraction(target), Fraction(max_points)
    if direction == "at_most":
        share = Fraction(1) if result <= target else (target / result if result else Fraction(1))
    else:
        share = Fraction(1) if target == 0 or result >= target else result / target
    return clamp(top * share, top)


def cluster_relative(
    results: Mapping[str, Number | None],
    target: Number,
    max_points: Number,
    *,
    direction: Direction = "at_least",
    below_target: Literal["proportional", "zero"] = "proportional",
) -> dict[str, Fraction]:
    """Points of every unit of a cluster on one criterion, relative to the best.

    The best unit at or beyond the target gets the full points; another unit at or beyond it gets
    half plus the other half in proportion to its excess over the target relative to the best
    unit's excess (law.md §c.3, "cluster-relative"). A unit short of the target gets, by policy,
    half the points in proportion to how far it went (`proportional`) or nothing (`zero`)."""
    top, half, goal = Fraction(max_points), Fraction(max_points) / 2, Fraction(target)

    def excess(value: Fraction) -> Fraction:
        return value - goal if direction == "at_least" else goal - value

    reached = {
        unit: Fraction(value)
        for unit, value in results.items()
        if value is not None and excess(Fraction(value)) >= 0
    }
    best = max((excess(value) for value in reached.values()), default=Fraction(0))
    points: dict[str, Fraction] = {}
    for unit, value in results.items():
        if value is None:
            points[unit] = Fraction(0)
        elif unit in reached:
            share = excess(reached[unit]) / best if best else Fraction(1)
            points[unit] = clamp(half + half * share, top)
        elif below_target == "zero":
            points[unit] = Fraction(0)
        else:
            points[unit] = clamp(half * _toward(Fraction(value), goal, direction), half)
    return points


def _toward(value: Fraction, goal: Fraction, direction: Direction) -> Fraction:
    if direction == "at_most":
        return goal / value if value else Fraction(1)
    return value / goal if goal else Fraction(1)


def pass_fail(passed: bool, max_points: Number) -> Fraction:
    return Fraction(max_points) if passed else Fraction(0)


def per_occurrence(count: int, points_each: Number, cap: Number) -> Fraction:
    """Points for each occurrence (a model, a hosted event), never more than the cap."""
    if count < 0:
        raise ValueError("An occurrence count cannot be negative.")
    return clamp(Fraction(points_each) * count, cap)


def capped_total(items: Sequence[Number], cap: Number | None) -> Fraction:
    """Bonus or penalty items added up, then capped (None: no cap)."""
    total = sum((Fraction(item) for item in items), Fraction(0))
    return total if cap is None else min(total, Fraction(cap))


# ---- final score --------------------------------------------------------------------------------
@dataclass(frozen=True)
class FinalRule:
    """How a unit's final score is made from the other members' cross scores (policy)."""

    trim_extremes: bool = False  # drop the highest and the lowest cross score (needs 3 or more)
    bonus_cap: Number | None = 10
    penalty_cap: Number | None = None  # law.md §c.3: penalties are often uncapped
    floor_at_zero: bool = True


def final_score(
    cross_scores: Sequence[Number],
    *,
    bonus: Sequence[Number] = (),
    penalties: Sequence[Number] = (),
    rule: FinalRule = FinalRule(),
) -> Fraction:
    """Mean of the other members' cross scores (trimmed if the rule says so), plus the capped
    bonus, minus the penalties. The cap applies here, before ranking."""
    if not cross_scores:
        raise ValueError("A final score needs at least one cross score.")
    scores = sorted(Fraction(score) for score in cross_scores)
    if rule.trim_extremes and len(scores) >= 3:
        scores = scores[1:-1]
    mean = sum(scores, Fraction(0)) / len(scores)
    total = mean + capped_total(bonus, rule.bonus_cap) - capped_total(penalties, rule.penalty_cap)
    return max(total, Fraction(0)) if rule.floor_at_zero else total
