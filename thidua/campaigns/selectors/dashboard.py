"""Progress of a cluster's year: each unit's indicators against their targets over the periods,
the cluster's aggregate, and the deadlines still running. Plain data, read in five queries
whatever the number of units, indicators and periods.

Figures are year-to-date (lũy kế từ đầu năm): a unit's current result is its report for the
latest period that has one. Only reports in the counted statuses enter the figures: submitted
and accepted by default, since a draft is the unit's own unfinished work and a returned report
is being corrected.

The cluster aggregate of an indicator depends on its kind:
- ratio: the sum of numerators over the sum of denominators (4,290/9,317 and 1,054/1,709 give
  5,344/11,026 = 48.47 %), never the mean of the units' percentages, which would weigh a unit
  handling 1,709 documents like one handling 9,317;
- count, number: the sum of the values, against the sum of the reporting units' targets;
- percentage: the plain mean of the units' percentages (units report no counts for these, so
  no weighting is possible);
- yes or no: the share of reporting units that met their target, against 100 %.
Each aggregate point also says how many units reported and how many met their target.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.campaigns.figures import (
    KEYS_BY_FREQUENCY,
    Figures,
    attainment,
    meets_target,
    period_bounds,
    ratio_percent,
    rounded,
)
from thidua.campaigns.models import Indicator, IndicatorReport, IndicatorTarget, ReportingPeriod
from thidua.core.text import vi_sort_key
from thidua.org.models import Cluster, ClusterMembership
from thidua.org.scope import covers, scope_for
from thidua.org.selectors import clusters_visible_to

S = IndicatorReport.Status
K = Indicator.Kind
COUNTED_STATUSES: tuple[str, ...] = (S.SUBMITTED, S.ACCEPTED)
# What the page may be asked to count (`?counted=`): drafts never, they are the unit's own.
COUNTED_CHOICES = {"submitted": COUNTED_STATUSES, "accepted": (S.ACCEPTED,)}
# A unit has reported for a deadline once its report is submitted, whatever the page counts.
SENT_STATUSES = frozenset({S.SUBMITTED, S.ACCEPTED})
PERCENT_KINDS = frozenset({K.RATIO, K.PERCENTAGE})
# Attainment bands of the heat map below the target: (upper bound in %, band).
_BANDS_BELOW = ((Decimal(50), 0), (Decimal(75), 1), (Decimal(90), 2))
EXCEEDED_FROM = Decimal(120)
Spans = list[tuple[dt.date, dt.date | None]]  # a unit's spans of membership (joined, left)


@dataclass(frozen=True)
class UnitInfo:
    pk: int
    name: str


@dataclass(frozen=True)
class Point:
    """One unit's report for one period (status "" when there is none that counts)."""

    period: ReportingPeriod
    result: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    value: Decimal | None = None
    status: str = ""
    is_late: bool = False
    target: Decimal | None = None
    attainment: Decimal | None = None
    met: bool | None = None

    @property
    def reported(self) -> bool:
        return bool(self.status)

    @property
    def status_label(self) -> str:
        return str(S(self.status).label) if self.status else ""


@dataclass(frozen=True)
class Cell:
    """A unit's progress on one indicator: its target, its series and where it stands now."""

    unit: UnitInfo
    indicator: Indicator
    target: Decimal | None
    has_own_target: bool
    series: tuple[Point, ...]
    current: Point | None

    @property
    def heat(self) -> str:
        return heat_class(self.current)


@dataclass(frozen=True)
class AggregatePoint(Point):
    """The cluster's figure for one period, from the units that reported for it."""

    units_reported: int = 0
    units_expected: int = 0
    met_count: int = 0

    @property
    def reported(self) -> bool:
        return self.units_reported > 0


@dataclass(frozen=True)
class Aggregate:
    indicator: Indicator
    method: str  # ratio_of_sums | sum | mean | share_met
    series: tuple[AggregatePoint, ...]
    current: AggregatePoint | None

    @property
    def method_label(self) -> str:
        return aggregate_method_label(self.method)

    @property
    def heat(self) -> str:
        return heat_class(self.current)


@dataclass(frozen=True)
class Deadline:
    """An open period still taking reports: days left (negative once overdue) and who is missing.

    `missing` names only the units the viewer may see; `missing_count` counts them all."""

    period: ReportingPeriod
    days: int
    expected: int
    missing_count: int
    missing: tuple[tuple[UnitInfo, tuple[str, ...]], ...]

    @property
    def is_overdue(self) -> bool:
        return self.days < 0

    @property
    def days_overdue(self) -> int:
        return -self.days


@dataclass(frozen=True)
class ClusterProgress:
    cluster: Cluster
    year: int
    as_of: dt.date
    statuses: tuple[str, ...]
    indicators: tuple[Indicator, ...]
    units: tuple[UnitInfo, ...]  # the rows the viewer may see
    periods: tuple[ReportingPeriod, ...]
    rows: tuple[tuple[UnitInfo, tuple[Cell, ...]], ...]
    aggregates: tuple[Aggregate, ...]
    deadlines: tuple[Deadline, ...]

    @property
    def status_labels(self) -> list[str]:
        return [str(S(s).label) for s in self.statuses]


def keys_of(indicator: Indicator) -> tuple[str, ...]:
    """The period keys an indicator is reported for ("Q1" … "Q4", "H1", "H2" or "Y")."""
    return KEYS_BY_FREQUENCY[indicator.frequency]


def heat_class(point: Point | AggregatePoint | None) -> str:
    """The heat-map colour class of a result: heat-0 (far below target) … heat-5 (well above).

    The target line itself comes from `meets_target`, so a result exactly on target is met."""
    if point is None or point.attainment is None:
        return "heat-none"
    if point.met:
        return "heat-5" if point.attainment >= EXCEEDED_FROM else "heat-4"
    for upper, band in _BANDS_BELOW:
        if point.attainment < upper:
            return f"heat-{band}"
    return "heat-3"


def aggregate_method_label(method: str) -> str:
    return {
        "ratio_of_sums": _("Total of the numerators over the total of the denominators"),
        "sum": _("Sum of the units' figures"),
        "mean": _("Average of the units' percentages"),
        "share_met": _("Share of reporting units that met the target"),
    }[method]


# ---- the reads ---------------------------------------------------------------------------------
def cluster_progress(
    *,
    cluster: Cluster,
    year: int,
    as_of: dt.date | None = None,
    include_statuses: Iterable[str] = COUNTED_STATUSES,
    unit_ids: Collection[int] | None = None,
) -> ClusterProgress:
    """The cluster's year as of `as_of` (today by default): periods that begin later are left out.

    `unit_ids` limits the rows (and the names of late units) to what the viewer may see; the
    aggregate always covers every member."""
    as_of = as_of or timezone.localdate()
    statuses = tuple(s for s in S.values if s in set(include_statuses))
    ranges = _member_ranges(cluster, year)
    members = sorted(ranges, key=lambda u: (vi_sort_key(u.name), u.pk))
    indicators = _indicators(cluster, year)
    targets = _targets(cluster, year)
    periods = _periods(cluster, year)
    reports = _reports(cluster, year, as_of, periods, set(statuses) | SENT_STATUSES)
    counted = {key: row for key, row in reports.items() if row["status"] in statuses}
    visible = [u for u in members if unit_ids is None or u.pk in unit_ids]
    book = _Book(periods, ranges, targets, counted)
    return ClusterProgress(
        cluster=cluster,
        year=year,
        as_of=as_of,
        statuses=statuses,
        indicators=tuple(indicators),
        units=tuple(visible),
        periods=tuple(periods),
        rows=tuple((u, tuple(book.cell(u, i) for i in indicators)) for u in visible),
        aggregates=tuple(book.aggregate(i, members) for i in indicators),
        deadlines=_deadlines(as_of, periods, indicators, ranges, members, reports, visible),
    )


def unit_progress(*, cluster: Cluster, year: int, unit: Any, **options: Any) -> ClusterProgress:
    """One unit's row of the cluster's year (the aggregate still covers every member); `options`
    are those of `cluster_progress`."""
    return cluster_progress(cluster=cluster, year=year, unit_ids={unit.pk}, **options)


@dataclass(frozen=True)
class ClusterYear:
    cluster: Cluster
    year: int
    runs: bool


def cluster_years_for(*, user: Any) -> list[ClusterYear]:
    """The cluster-years with indicators or periods that the user may follow, newest year first.

    A member unit's staff see only the years their unit belongs to the cluster."""
    clusters = {c.pk: c for c in clusters_visible_to(user)}
    pairs = {
        *Indicator.objects.filter(cluster_id__in=clusters).values_list("cluster_id", "year"),
        *ReportingPeriod.objects.filter(cluster_id__in=clusters).values_list("cluster_id", "year"),
    }
    runs = {pk for pk, c in clusters.items() if user.has_perm("campaigns.run_cluster_year", c)}
    paths = scope_for(user).unit_paths
    member_rows = ClusterMembership.objects.filter(
        cluster_id__in=[pk for pk in clusters if pk not in runs]
    ).values_list("cluster_id", "unit__path", "joined_on", "left_on")
    own = [(c, joined, left) for c, path, joined, left in member_rows if covers(paths, path)]

    def member_in(cluster_id: int, year: int) -> bool:
        start, end = period_bounds(year, "Y")
        return any(
            c == cluster_id and joined <= end and (left is None or left >= start)
            for c, joined, left in own
        )

    found = [
        ClusterYear(cluster=clusters[c], year=y, runs=c in runs)
        for c, y in pairs
        if c in runs or member_in(c, y)
    ]
    return sorted(found, key=lambda cy: (-cy.year, vi_sort_key(cy.cluster.name), cy.cluster.pk))


# ---- loading -----------------------------------------------------------------------------------
def members_in_year(cluster: Cluster, year: int) -> QuerySet[ClusterMembership]:
    start, end = period_bounds(year, "Y")
    return ClusterMembership.objects.filter(
        Q(left_on__isnull=True) | Q(left_on__gte=start), cluster=cluster, joined_on__lte=end
    )


def _member_ranges(cluster: Cluster, year: int) -> dict[UnitInfo, Spans]:
    """Member units of the year with their spans of membership (a unit may leave and return)."""
    ranges: dict[UnitInfo, Spans] = defaultdict(list)
    rows = members_in_year(cluster, year).values_list(
        "unit_id", "unit__name", "joined_on", "left_on"
    )
    for pk, name, joined, left in rows:
        ranges[UnitInfo(pk=pk, name=name)].append((joined, left))
    return dict(ranges)


def _indicators(cluster: Cluster, year: int) -> list[Indicator]:
    return list(
        Indicator.objects.filter(cluster=cluster, year=year).order_by("order", "name", "pk")
    )


def _targets(cluster: Cluster, year: int) -> dict[tuple[int, int], Decimal]:
    rows = IndicatorTarget.objects.filter(indicator__cluster=cluster, indicator__year=year)
    return {(i, u): t for i, u, t in rows.values_list("indicator_id", "unit_id", "target")}


def _periods(cluster: Cluster, year: int) -> list[ReportingPeriod]:
    return list(
        ReportingPeriod.objects.filter(cluster=cluster, year=year).order_by("ends_on", "starts_on")
    )


_FIGURES = ("numerator", "denominator", "value")
_REPORT_FIELDS = ("indicator_id", "unit_id", "period_id", *_FIGURES, "status", "is_late")


def _reports(
    cluster: Cluster, year: int, as_of: dt.date, periods: list[ReportingPeriod], statuses: set[str]
) -> dict[tuple[int, int, int], dict[str, Any]]:
    """Reports keyed by (indicator, unit, period), for periods begun by `as_of`."""
    begun = [p.pk for p in periods if p.starts_on <= as_of]
    rows = IndicatorReport.objects.filter(
        indicator__cluster=cluster, indicator__year=year, period_id__in=begun, status__in=statuses
    ).values(*_REPORT_FIELDS)
    return {(r["indicator_id"], r["unit_id"], r["period_id"]): r for r in rows}


# ---- computing ---------------------------------------------------------------------------------
def _member_during(spans: Spans, period: ReportingPeriod) -> bool:
    return any(
        joined <= period.ends_on and (left is None or left >= period.starts_on)
        for joined, left in spans
    )


class _Book:
    """The loaded rows, turned into cells and aggregates without another query."""

    def __init__(self, periods, ranges, targets, counted) -> None:
        self.periods = periods
        self.ranges: dict[UnitInfo, Spans] = ranges
        self.targets: dict[tuple[int, int], Decimal] = targets
        self.counted: dict[tuple[int, int, int], dict[str, Any]] = counted

    def target(self, indicator: Indicator, unit: UnitInfo) -> Decimal | None:
        return self.targets.get((indicator.pk, unit.pk), indicator.target)

    def point(self, indicator: Indicator, unit: UnitInfo, period: ReportingPeriod) -> Point:
        target = self.target(indicator, unit)
        row = self.counted.get((indicator.pk, unit.pk, period.pk))
        if row is None:
            return Point(period=period, target=target)
        figures = Figures(indicator.kind, row["numerator"], row["denominator"], row["value"])
        exact = figures.result
        return Point(
            period=period,
            result=rounded(exact),
            numerator=row["numerator"],
            denominator=row["denominator"],
            value=row["value"],
            status=row["status"],
            is_late=row["is_late"],
            target=target,
            attainment=rounded(attainment(exact, target, indicator.direction)),
            met=meets_target(exact, target, indicator.direction),
        )

    def cell(self, unit: UnitInfo, indicator: Indicator) -> Cell:
        series = tuple(
            self.point(indicator, unit, p) for p in self.periods if p.key in keys_of(indicator)
        )
        reported = [p for p in series if p.reported]
        return Cell(
            unit=unit,
            indicator=indicator,
            target=self.target(indicator, unit),
            has_own_target=(indicator.pk, unit.pk) in self.targets,
            series=series,
            current=reported[-1] if reported else None,
        )

    def aggregate(self, indicator: Indicator, members: list[UnitInfo]) -> Aggregate:
        method = _METHODS[indicator.kind]
        series = []
        for period in self.periods:
            if period.key not in keys_of(indicator):
                continue
            expected = [u for u in members if _member_during(self.ranges[u], period)]
            points = [self.point(indicator, u, period) for u in expected]
            usable = [p for p in points if p.reported and _has_figures(p, indicator.kind)]
            series.append(_aggregate_point(indicator, method, period, usable, len(expected)))
        reported = [p for p in series if p.reported]
        return Aggregate(
            indicator=indicator,
            method=method,
            series=tuple(series),
            current=reported[-1] if reported else None,
        )


def _has_figures(point: Point, kind: str) -> bool:
    if kind == K.RATIO:
        return point.numerator is not None and point.denominator is not None
    return point.value is not None


_METHODS = {
    K.RATIO: "ratio_of_sums",
    K.COUNT: "sum",
    K.NUMBER: "sum",
    K.PERCENTAGE: "mean",
    K.YES_NO: "share_met",
}


def _aggregate_point(
    indicator: Indicator, method: str, period: ReportingPeriod, points: list[Point], expected: int
) -> AggregatePoint:
    met_count = sum(1 for p in points if p.met)
    numerator = denominator = None
    target, direction = indicator.target, indicator.direction
    exact: Fraction | None = None
    if points and method == "ratio_of_sums":
        numerator = sum(p.numerator for p in points)
        denominator = sum(p.denominator for p in points)
        exact = ratio_percent(numerator, denominator)
    elif points and method == "sum":
        exact = sum((Fraction(p.value) for p in points), Fraction(0))
        unit_targets = [p.target for p in points]
        target = None if None in unit_targets else sum(unit_targets)
    elif points and method == "mean":
        exact = sum((Fraction(p.value) for p in points), Fraction(0)) / len(points)
    elif method == "share_met":
        target, direction = Decimal(100), Indicator.Direction.AT_LEAST
        exact = Fraction(met_count * 100, len(points)) if points else None
    return AggregatePoint(
        period=period,
        result=rounded(exact),
        numerator=numerator,
        denominator=denominator,
        units_reported=len(points),
        units_expected=expected,
        met_count=met_count,
        target=target,
        attainment=rounded(attainment(exact, target, direction)),
        met=meets_target(exact, target, direction),
    )


def _deadlines(
    as_of: dt.date,
    periods: list[ReportingPeriod],
    indicators: list[Indicator],
    ranges: dict[UnitInfo, Spans],
    members: list[UnitInfo],
    reports: dict[tuple[int, int, int], dict[str, Any]],
    visible: list[UnitInfo],
) -> tuple[Deadline, ...]:
    """Open periods that have begun: due soon, or overdue while some unit has not sent all its
    reports (sent = submitted or accepted, whatever the page counts)."""
    shown = {u.pk for u in visible}
    found = []
    for period in periods:
        due = [i for i in indicators if period.key in keys_of(i)]
        if period.is_closed or period.starts_on > as_of or not due:
            continue
        expected = [u for u in members if _member_during(ranges[u], period)]
        missing = []
        for unit in expected:
            names = tuple(
                i.name
                for i in due
                if reports.get((i.pk, unit.pk, period.pk), {}).get("status") not in SENT_STATUSES
            )
            if names:
                missing.append((unit, names))
        days = (period.due_on - as_of).days
        if days < 0 and not missing:
            continue
        found.append(
            Deadline(
                period=period,
                days=days,
                expected=len(expected),
                missing_count=len(missing),
                missing=tuple((u, names) for u, names in missing if u.pk in shown),
            )
        )
    return tuple(sorted(found, key=lambda d: (d.period.due_on, d.period.ends_on)))
