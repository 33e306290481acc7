"""Points of the criteria nobody types: a target or cluster-relative criterion is worth what the
unit's accepted figures of the year earn (law.md §c.2 step 3, scoring against the pledge's
targets), and a pass/fail or per-occurrence criterion what the scorer's answer earns.

Figures are year-to-date, so a unit's result of the year is its latest ACCEPTED report of the
year; a draft, submitted or returned report counts for nothing. The arithmetic is formulas.py;
this module fetches the facts and says in words how the points were made.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from thidua.campaigns.figures import Figures, rounded
from thidua.campaigns.models import Indicator, IndicatorReport, IndicatorTarget
from thidua.campaigns.selectors.indicators import number_text, percent_text, target_text
from thidua.campaigns.selectors.reports import target_for
from thidua.org.models import Unit
from thidua.scoring import formulas
from thidua.scoring.models import CriteriaTable, Criterion

K = Criterion.Kind
ZERO = Fraction(0)


@dataclass(frozen=True)
class Computed:
    """A computed criterion's points for one unit, with the words that explain them."""

    points: Fraction
    result: Fraction | None
    target: Decimal | None
    explanation: str

    @property
    def stored(self) -> Decimal:
        """The points as a score entry keeps them: two places, rounded half up once."""
        return rounded(self.points, 2)


# ---- facts --------------------------------------------------------------------------------------
def year_results(indicator: Indicator, units: Iterable[Unit]) -> dict[int, Fraction | None]:
    """Each unit's result of the indicator's year (unit pk → result; None without an accepted
    report), from one query."""
    unit_ids = [unit.pk for unit in units]
    reports = (
        IndicatorReport.objects.filter(
            indicator=indicator,
            unit_id__in=unit_ids,
            status=IndicatorReport.Status.ACCEPTED,
            period__year=indicator.year,
        )
        .select_related("period")
        # The period ending last holds the figures of the whole year so far.
        .order_by("unit_id", "-period__ends_on", "period__starts_on", "-pk")
    )
    latest: dict[int, IndicatorReport] = {}
    for report in reports:
        latest.setdefault(report.unit_id, report)
    results: dict[int, Fraction | None] = {}
    for unit_id in unit_ids:
        report = latest.get(unit_id)
        results[unit_id] = (
            None
            if report is None
            else Figures(indicator.kind, report.numerator, report.denominator, report.value).result
        )
    return results


def result_text(indicator: Indicator, result: Fraction | None) -> str:
    if result is None:
        return "—"
    if indicator.kind in (Indicator.Kind.RATIO, Indicator.Kind.PERCENTAGE):
        return percent_text(result)
    if indicator.kind == Indicator.Kind.YES_NO:
        return _("Yes") if result == 1 else _("No")
    return number_text(result)


def points_text(points: Fraction | Decimal) -> str:
    return number_text(rounded(Fraction(points), 2))


# ---- computed criteria ---------------------------------------------------------------------------
def computed_points(
    criteria: Iterable[Criterion], units: Iterable[Unit], *, table: CriteriaTable
) -> dict[tuple[int, int], Computed]:
    """Points of every computed criterion for every unit: (criterion pk, unit pk) → Computed.

    One query per criterion whatever the number of units (cluster-relative points need every
    member's result anyway)."""
    units = list(units)
    found: dict[tuple[int, int], Computed] = {}
    for criterion in criteria:
        if not criterion.is_computed:
            continue
        if criterion.indicator_id is None:
            for unit in units:
                found[(criterion.pk, unit.pk)] = _unlinked()
            continue
        indicator = _with_targets(criterion.indicator_id, units)
        results = year_results(indicator, units)
        if criterion.kind == K.TARGET:
            for unit in units:
                found[(criterion.pk, unit.pk)] = _against_target(
                    criterion, indicator, results[unit.pk], target_for(indicator, unit)
                )
        else:
            found |= {
                (criterion.pk, unit_id): computed
                for unit_id, computed in _relative(criterion, indicator, results, table).items()
            }
    return found


def _with_targets(indicator_pk: int, units: list[Unit]) -> Indicator:
    own = IndicatorTarget.objects.filter(unit__in=units)
    return Indicator.objects.prefetch_related(Prefetch("targets", queryset=own)).get(
        pk=indicator_pk
    )


def _unlinked() -> Computed:
    return Computed(ZERO, None, None, _("No indicator is linked to this criterion: 0 points."))


def _missing(indicator: Indicator, result: Fraction | None, target: Decimal | None):
    if result is None:
        message = _("No accepted figures for %(year)s yet: 0 points.") % {"year": indicator.year}
        return Computed(ZERO, None, target, message)
    if target is None:
        message = _("Result %(result)s, but the indicator has no target: 0 points.") % {
            "result": result_text(indicator, result)
        }
        return Computed(ZERO, result, None, message)
    return None


def _against_target(
    criterion: Criterion, indicator: Indicator, result: Fraction | None, target: Decimal | None
) -> Computed:
    missing = _missing(indicator, result, target)
    if missing is not None:
        return missing
    points = formulas.against_target(
        result, Fraction(target), Fraction(criterion.max_points), direction=indicator.direction
    )
    words = _(
        "Result %(result)s against the target of %(target)s: %(points)s of %(max)s points. "
        "The points follow the result in proportion, in full once the target is met."
    ) % {
        "result": result_text(indicator, result),
        "target": target_text(indicator, target),
        "points": points_text(points),
        "max": points_text(criterion.max_points),
    }
    return Computed(points, result, target, words)


def _relative(
    criterion: Criterion,
    indicator: Indicator,
    results: dict[int, Fraction | None],
    table: CriteriaTable,
) -> dict[int, Computed]:
    """Cluster-relative points measure every unit against the indicator's common target: the
    comparison with the best unit only makes sense on one baseline."""
    target = indicator.target
    if target is None:
        return {unit_id: _missing(indicator, r, None) for unit_id, r in results.items()}
    points = formulas.cluster_relative(
        {str(unit_id): result for unit_id, result in results.items()},
        Fraction(target),
        Fraction(criterion.max_points),
        direction=indicator.direction,
        below_target=table.below_target,
    )
    best = _best(indicator, results.values(), Fraction(target))
    return {
        unit_id: _missing(indicator, result, target)
        or _relative_words(criterion, table, indicator, result, best, points[str(unit_id)])
        for unit_id, result in results.items()
    }


def _best(indicator: Indicator, results: Iterable[Fraction | None], goal: Fraction):
    reached = [
        r
        for r in results
        if r is not None and (r <= goal if indicator.direction == "at_most" else r >= goal)
    ]
    if not reached:
        return None
    return min(reached) if indicator.direction == "at_most" else max(reached)


def _relative_words(
    criterion: Criterion,
    table: CriteriaTable,
    indicator: Indicator,
    result: Fraction,
    best: Fraction | None,
    points: Fraction,
) -> Computed:
    target = indicator.target
    values = {
        "result": result_text(indicator, result),
        "target": target_text(indicator, target),
        "best": result_text(indicator, best),
        "points": points_text(points),
        "max": points_text(criterion.max_points),
    }
    goal = Fraction(target)
    reached = result <= goal if indicator.direction == "at_most" else result >= goal
    if reached:
        words = _(
            "Result %(result)s reaches the target of %(target)s; the best result in the cluster "
            "is %(best)s: %(points)s of %(max)s points. Half the points are for reaching the "
            "target, the other half follow the excess over the target relative to the best unit."
        )
    elif table.below_target == CriteriaTable.BelowTarget.ZERO:
        words = _(
            "Result %(result)s falls short of the target of %(target)s: %(points)s of %(max)s "
            "points. Below the target a unit gets no points."
        )
    else:
        words = _(
            "Result %(result)s falls short of the target of %(target)s: %(points)s of %(max)s "
            "points. Below the target a unit gets half the points in proportion to its result."
        )
    return Computed(points, result, target, words % values)


# ---- criteria the scorer answers -----------------------------------------------------------------
def answered_points(
    criterion: Criterion, *, passed: bool | None = None, occurrences: int | None = None
) -> Fraction | None:
    """Points of a pass/fail or per-occurrence criterion from the scorer's answer (None while
    unanswered)."""
    if criterion.kind == K.PASS_FAIL:
        return None if passed is None else formulas.pass_fail(passed, criterion.max_points)
    if criterion.kind == K.PER_OCCURRENCE:
        if occurrences is None:
            return None
        return formulas.per_occurrence(
            occurrences, Fraction(criterion.points_each or 0), Fraction(criterion.max_points)
        )
    raise ValueError(f"{criterion.kind} is not answered by the scorer")
