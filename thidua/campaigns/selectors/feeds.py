"""Reads for feeds: the tokens a user manages, the units they report for, and what the items of
a feed refer to, loaded in a few queries whatever the number of items."""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import F, Q, QuerySet
from django.db.models.functions import Upper

from thidua.campaigns.feed_import import FeedItem
from thidua.campaigns.figures import period_bounds
from thidua.campaigns.models import FeedToken, Indicator, ReportingPeriod
from thidua.org.models import ClusterMembership, Unit
from thidua.org.scope import path_q, scope_for

T = TypeVar("T")
_CHUNK = 500  # values per IN (...) list: SQLite takes at most 999 parameters


def _chunks(values: Iterable[T]) -> Iterator[list[T]]:
    values = sorted(values)
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


# ---- tokens and units --------------------------------------------------------------------------
def feed_token_units_for(*, user: Any) -> QuerySet[Unit]:
    """Units a user may make feed tokens for (`campaigns.manage_feed_tokens`), in tree order."""
    scope = scope_for(user)
    units = Unit.objects.filter(active_to__isnull=True).order_by("path")
    return units if scope.is_admin else units.filter(path_q(scope.officer_paths))


def feed_tokens_for(*, user: Any) -> QuerySet[FeedToken]:
    """The tokens of those units and their sub-units, live ones first."""
    scope = scope_for(user)
    tokens = FeedToken.objects.select_related("unit", "created_by")
    if not scope.is_admin:
        tokens = tokens.filter(path_q(scope.officer_paths, "unit__path"))
    live_first = F("revoked_at").asc(nulls_first=True)
    return tokens.order_by(live_first, "unit__path", "name", "pk")


def report_units_for(*, user: Any) -> QuerySet[Unit]:
    """Units a user enters indicator values for (`campaigns.report_for_unit`)."""
    units = Unit.objects.filter(active_to__isnull=True).order_by("path")
    return units.filter(path_q(scope_for(user).officer_paths))


def indicators_of_units(units: Iterable[Unit]) -> list[Indicator]:
    """Indicators of the clusters these units belong to, in the years they belong to them."""
    spans = defaultdict(list)
    memberships = ClusterMembership.objects.filter(unit__in=list(units))
    for member in memberships:
        spans[member.cluster_id].append((member.joined_on, member.left_on))
    indicators = Indicator.objects.filter(cluster_id__in=list(spans)).select_related("cluster")
    return [
        indicator
        for indicator in indicators.order_by("-year", "cluster__name", "order", "code")
        if any(_overlaps(span, indicator.year) for span in spans[indicator.cluster_id])
    ]


def _overlaps(span: tuple[Any, Any], year: int) -> bool:
    """The same rule as `check_reporting_unit`: a member at any time of the year."""
    start, end = period_bounds(year, "Y")
    joined_on, left_on = span
    return joined_on <= end and (left_on is None or left_on >= start)


# ---- what a feed's items refer to --------------------------------------------------------------
@dataclass(frozen=True)
class FeedLookups:
    units: dict[str, list[Unit]]  # code in upper case -> units
    indicators: dict[tuple[str, int], list[Indicator]]  # (code in upper case, year)
    spans: dict[int, dict[int, list[tuple[Any, Any]]]]  # unit -> cluster -> (joined, left)
    periods: dict[tuple[int, int, str], ReportingPeriod]  # (cluster, year, key)

    def clusters_of(self, unit: Unit, year: int) -> set[int]:
        """The clusters the unit belongs to at some time of the year."""
        found = self.spans.get(unit.pk, {})
        return {c for c, spans in found.items() if any(_overlaps(s, year) for s in spans)}


def feed_lookups(items: Iterable[FeedItem]) -> FeedLookups:
    """Units, indicators, memberships and periods named by the items; codes ignore case."""
    items = list(items)
    units: dict[str, list[Unit]] = defaultdict(list)
    for keys in _chunks({item.unit.upper() for item in items}):
        for unit in Unit.objects.annotate(key=Upper("code")).filter(key__in=keys):
            units[unit.key].append(unit)
    indicators: dict[tuple[str, int], list[Indicator]] = defaultdict(list)
    years = sorted({item.year for item in items})
    for keys in _chunks({item.indicator.upper() for item in items}):
        found = Indicator.objects.annotate(key=Upper("code")).filter(key__in=keys, year__in=years)
        for indicator in found.select_related("cluster"):
            indicators[(indicator.key, indicator.year)].append(indicator)
    spans: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for ids in _chunks({unit.pk for found in units.values() for unit in found}):
        for member in ClusterMembership.objects.filter(unit_id__in=ids):
            spans[member.unit_id][member.cluster_id].append((member.joined_on, member.left_on))
    clusters = {indicator.cluster_id for found in indicators.values() for indicator in found}
    periods = ReportingPeriod.objects.filter(
        Q(cluster_id__in=sorted(clusters)), year__in=years
    ).select_related("cluster")
    return FeedLookups(
        units=dict(units),
        indicators=dict(indicators),
        spans={unit: dict(by_cluster) for unit, by_cluster in spans.items()},
        periods={(p.cluster_id, p.year, p.key): p for p in periods},
    )
