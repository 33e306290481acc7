"""Reads for the indicator pages: a cluster's indicators and periods of a year, and how figures
read in the viewer's number format (1.054 in Vietnamese, 1,054 in English)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django.db.models import Prefetch, Q, QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from thidua.campaigns.figures import KEYS_BY_FREQUENCY, period_bounds, rounded
from thidua.campaigns.models import Indicator, IndicatorTarget, ReportingPeriod
from thidua.org.models import Cluster, Unit

K = Indicator.Kind


def indicators_of_year(*, cluster: Cluster, year: int) -> QuerySet[Indicator]:
    """The year's indicators in their set order, each with its units' own targets."""
    targets = IndicatorTarget.objects.select_related("unit").order_by("unit__name")
    return (
        Indicator.objects.filter(cluster=cluster, year=year)
        .order_by("order", "name", "pk")
        .prefetch_related(Prefetch("targets", queryset=targets))
    )


def periods_of_year(*, cluster: Cluster, year: int) -> list[ReportingPeriod]:
    """The year's periods in calendar order (a quarter before the half-year that ends with it)."""
    periods = ReportingPeriod.objects.filter(cluster=cluster, year=year).select_related("closed_by")
    return sorted(periods, key=lambda p: (p.ends_on, -p.starts_on.toordinal()))


def keys_in_use(indicators: list[Indicator]) -> set[str]:
    return {key for i in indicators for key in KEYS_BY_FREQUENCY[i.frequency]}


def units_of_year(*, cluster: Cluster, year: int) -> QuerySet[Unit]:
    """Units that were members of the cluster at some time in the year."""
    start, end = period_bounds(year, "Y")
    return (
        Unit.objects.filter(
            Q(cluster_memberships__left_on__isnull=True)
            | Q(cluster_memberships__left_on__gte=start),
            cluster_memberships__cluster=cluster,
            cluster_memberships__joined_on__lte=end,
        )
        .distinct()
        .order_by("name", "pk")
    )


# ---- numbers as the reader writes them -----------------------------------------------------------
def number_text(value: Decimal | Fraction | int | None, places: int | None = None) -> str:
    """A figure with the language's separators; whole numbers without decimals."""
    if value is None:
        return "—"
    if isinstance(value, Fraction):
        value = rounded(value, places if places is not None else 2)
    value = Decimal(value)
    if places is None:
        if value == value.to_integral_value():
            return number_format(int(value), force_grouping=True)
        value = value.normalize()
    return number_format(value, decimal_pos=places, force_grouping=True)


def percent_text(value: Fraction | Decimal | None) -> str:
    """61,67 % — rounded once, half up, to two places."""
    if value is None:
        return "—"
    return f"{number_text(rounded(Fraction(value)), 2)} %"


def value_text(kind: str, value: Decimal | None) -> str:
    """A reported value or a target in the indicator's terms."""
    if value is None:
        return "—"
    if kind == K.YES_NO:
        return _("Yes") if value == 1 else _("No")
    if kind in (K.RATIO, K.PERCENTAGE):
        return percent_text(value)
    return number_text(value)


def target_text(indicator: Indicator, target: Decimal | None) -> str:
    """The target with its direction: "at least 60,00 %", "at most 3"."""
    if target is None:
        return "—"
    shown = value_text(indicator.kind, target)
    if indicator.kind == K.YES_NO:
        return shown
    if indicator.unit_of_measure and indicator.kind in (K.COUNT, K.NUMBER):
        shown = f"{shown} {indicator.unit_of_measure}"
    if indicator.direction == Indicator.Direction.AT_MOST:
        return _("at most %(target)s") % {"target": shown}
    return _("at least %(target)s") % {"target": shown}
