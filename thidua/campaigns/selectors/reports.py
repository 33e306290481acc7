"""Reads for the report pages: a unit's grid of indicators × periods, the reviewers' queue, and
one report's figures next to its target."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Prefetch, QuerySet

from thidua.campaigns.figures import KEYS_BY_FREQUENCY, Figures, attainment, meets_target
from thidua.campaigns.models import (
    Evidence,
    Indicator,
    IndicatorReport,
    IndicatorTarget,
    ReportingPeriod,
)
from thidua.campaigns.selectors.indicators import (
    keys_in_use,
    number_text,
    percent_text,
    periods_of_year,
    target_text,
    units_of_year,
    value_text,
)
from thidua.org.models import Cluster, Unit

S = IndicatorReport.Status


def figures_text(indicator: Indicator, report: IndicatorReport | None) -> str:
    """What a report says, e.g. "1.054/1.709 = 61,67 %" for a ratio (computed from the counts)."""
    if report is None:
        return "—"
    if indicator.kind == Indicator.Kind.RATIO:
        if report.numerator is None or report.denominator is None:
            return "—"
        result = Figures("ratio", report.numerator, report.denominator).result
        counts = f"{number_text(report.numerator)}/{number_text(report.denominator)}"
        return f"{counts} = {percent_text(result)}"
    return value_text(indicator.kind, report.value)


def target_for(indicator: Indicator, unit: Unit) -> Decimal | None:
    """The unit's own target when it has one, otherwise the indicator's (uses prefetched
    targets when present)."""
    for own in indicator.targets.all():
        if own.unit_id == unit.pk:
            return own.target
    return indicator.target


@dataclass(frozen=True)
class Summary:
    figures: str
    target: str
    attainment: str
    meets: bool | None


def report_summary(report: IndicatorReport) -> Summary:
    indicator = report.indicator
    target = target_for(indicator, report.unit)
    result: Fraction | None = Figures(
        indicator.kind, report.numerator, report.denominator, report.value
    ).result
    return Summary(
        figures=figures_text(indicator, report),
        target=target_text(indicator, target),
        attainment=percent_text(attainment(result, target, indicator.direction)),
        meets=meets_target(result, target, indicator.direction),
    )


def reporting_units_for(*, user: Any, cluster: Cluster, year: int) -> list[Unit]:
    """The member units of the year the user reports for (their own unit, as its officer)."""
    return [
        unit
        for unit in units_of_year(cluster=cluster, year=year)
        if user.has_perm("campaigns.report_for_unit", unit)
    ]


@dataclass
class Cell:
    period: ReportingPeriod
    report: IndicatorReport | None
    text: str
    days_left: int | None  # until the due date, while a report is still expected

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


def _cell(indicator: Indicator, period: ReportingPeriod, report, today: dt.date) -> Cell:
    waiting = report is None or report.first_submitted_at is None
    days_left = None
    if waiting and not period.is_closed and today >= period.starts_on:
        days_left = (period.due_on - today).days
    return Cell(period, report, figures_text(indicator, report), days_left)


def report_grid(*, unit: Unit, cluster: Cluster, year: int, today: dt.date) -> dict[str, Any]:
    """The unit's indicators (rows) × the periods they are reported in (columns); a cell is
    None where the indicator is not reported in that period."""
    own_targets = IndicatorTarget.objects.filter(unit=unit)
    indicators = list(
        Indicator.objects.filter(cluster=cluster, year=year)
        .order_by("order", "name", "pk")
        .prefetch_related(Prefetch("targets", queryset=own_targets))
    )
    keys = keys_in_use(indicators)
    columns = [p for p in periods_of_year(cluster=cluster, year=year) if p.key in keys]
    reports = {
        (r.indicator_id, r.period_id): r
        for r in IndicatorReport.objects.filter(unit=unit, indicator__in=indicators)
    }
    rows = []
    for indicator in indicators:
        used = KEYS_BY_FREQUENCY[indicator.frequency]
        cells = [
            _cell(indicator, p, reports.get((indicator.pk, p.pk)), today) if p.key in used else None
            for p in columns
        ]
        rows.append(
            {
                "indicator": indicator,
                "target": target_text(indicator, target_for(indicator, unit)),
                "cells": cells,
            }
        )
    return {"unit": unit, "columns": columns, "rows": rows}


def review_queue(
    *,
    user: Any,
    cluster: Cluster,
    year: int,
    unit: Unit | None = None,
    period: ReportingPeriod | None = None,
    status: str | None = S.SUBMITTED,
) -> QuerySet[IndicatorReport]:
    """The year's reports for the cluster's reviewers, oldest submission first; nothing for a
    user who does not run the cluster."""
    if not user.has_perm("campaigns.run_cluster_year", cluster):
        return IndicatorReport.objects.none()
    reports = IndicatorReport.objects.filter(
        indicator__cluster=cluster, indicator__year=year
    ).select_related("indicator", "unit", "period")
    if unit is not None:
        reports = reports.filter(unit=unit)
    if period is not None:
        reports = reports.filter(period=period)
    if status:
        reports = reports.filter(status=status)
    return reports.order_by(
        "submitted_at", "period__ends_on", "indicator__order", "unit__name", "pk"
    )


def evidence_of(report: IndicatorReport) -> QuerySet[Evidence]:
    """The files still attached to the report (removed ones stay in the history only)."""
    return report.evidence.filter(removed_at__isnull=True).select_related("uploaded_by")
