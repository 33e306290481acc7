"""Progress pages of a cluster's year: the list of years, the cluster's hub (deadlines, charts,
heat map), one unit's page, and the Excel export.

Whoever runs the cluster's year sees every member unit; a member unit's officer or head sees only
their own unit's row beside the cluster aggregate, since units compete with each other.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.text import slugify
from django.utils.translation import gettext as _

from thidua.campaigns.dashboard_export import XLSX_CONTENT_TYPE, progress_workbook
from thidua.campaigns.selectors.dashboard import (
    COUNTED_CHOICES,
    ClusterProgress,
    cluster_progress,
    cluster_years_for,
    keys_of,
    members_in_year,
)
from thidua.core.text import fold
from thidua.org.models import Cluster
from thidua.org.scope import covers, scope_for

YEARS = range(2000, 2101)


# ---- access ------------------------------------------------------------------------------------
def progress_scope(user: Any, cluster_pk: int, year: int) -> tuple[Cluster, frozenset[int] | None]:
    """The cluster and the member units whose rows the user may see (None: all of them).

    404 unless the user may view the cluster's year and, when they do not run it, one of their
    units is a member that year."""
    cluster = Cluster.objects.select_related("organiser").filter(pk=cluster_pk).first()
    if cluster is None or year not in YEARS:
        raise Http404
    if user.has_perm("campaigns.run_cluster_year", cluster):
        return cluster, None
    if not user.has_perm("campaigns.view_cluster_year", cluster):
        raise Http404
    paths = scope_for(user).unit_paths
    members = members_in_year(cluster, year).values_list("unit_id", "unit__path")
    own = frozenset(pk for pk, unit_path in members if covers(paths, unit_path))
    if not own:
        raise Http404
    return cluster, own


def _counted(request: HttpRequest) -> str:
    key = request.GET.get("counted", "")
    return key if key in COUNTED_CHOICES else "submitted"


def _progress(request: HttpRequest, cluster_pk: int, year: int, unit_pk: int | None = None):
    cluster, unit_ids = progress_scope(request.user, cluster_pk, year)
    runs = unit_ids is None
    if unit_pk is not None:
        if unit_ids is not None and unit_pk not in unit_ids:
            raise Http404
        unit_ids = frozenset({unit_pk})
    counted = _counted(request)
    progress = cluster_progress(
        cluster=cluster, year=year, include_statuses=COUNTED_CHOICES[counted], unit_ids=unit_ids
    )
    if unit_pk is not None and not progress.rows:
        raise Http404  # not a member of the cluster that year
    return progress, counted, runs


# ---- pages -------------------------------------------------------------------------------------
@login_required
def progress_index(request: HttpRequest) -> HttpResponse:
    years = cluster_years_for(user=request.user)
    return render(request, "campaigns/dashboard/index.html", {"cluster_years": years})


@login_required
def progress_cluster(request: HttpRequest, cluster_pk: int, year: int) -> HttpResponse:
    progress, counted, runs = _progress(request, cluster_pk, year)
    context = _context(progress, counted) | {"runs": runs}
    return render(request, "campaigns/dashboard/cluster.html", context)


@login_required
def progress_unit(request: HttpRequest, cluster_pk: int, year: int, unit_pk: int) -> HttpResponse:
    progress, counted, runs = _progress(request, cluster_pk, year, unit_pk)
    context = _context(progress, counted) | {"runs": runs, "unit": progress.units[0]}
    return render(request, "campaigns/dashboard/unit.html", context)


@login_required
def progress_export(request: HttpRequest, cluster_pk: int, year: int) -> HttpResponse:
    progress, _counted_key, _runs = _progress(request, cluster_pk, year)
    response = HttpResponse(progress_workbook(progress), content_type=XLSX_CONTENT_TYPE)
    number = progress.cluster.number or progress.cluster.pk
    name = _("cluster-progress-%(number)s-%(year)s") % {"number": number, "year": year}
    # Folded first, so a translated name keeps its letters ("tiến độ" gives "tien-do").
    name = slugify(fold(name))
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


# ---- what the templates read -------------------------------------------------------------------
def _context(progress: ClusterProgress, counted: str) -> dict[str, Any]:
    columns = _columns(progress)
    return {
        "progress": progress,
        "cluster": progress.cluster,
        "year": progress.year,
        "counted": counted,
        "columns": columns,
        "charts": [_chart(column) for column in columns],
    }


def _columns(progress: ClusterProgress) -> list[dict[str, Any]]:
    """Per indicator: its periods, the visible units' cells and the aggregate, with one table row
    per period (the plain table under each chart)."""
    columns = []
    for index, (indicator, aggregate) in enumerate(
        zip(progress.indicators, progress.aggregates, strict=True)
    ):
        cells = [row_cells[index] for _unit, row_cells in progress.rows]
        periods = [p for p in progress.periods if p.key in keys_of(indicator)]
        table = [
            {"period": p, "points": [c.series[k] for c in cells], "cluster": aggregate.series[k]}
            for k, p in enumerate(periods)
        ]
        # A cluster figure other than a sum is a share of units or a percentage.
        cluster_kind = indicator.kind if aggregate.method == "sum" else "percentage"
        columns.append(
            {
                "indicator": indicator,
                "aggregate": aggregate,
                "cells": cells,
                "table": table,
                "cluster_kind": cluster_kind,
            }
        )
    return columns


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _chart(column: dict[str, Any]) -> dict[str, Any]:
    """What progress-charts.js draws: each unit's result, the cluster's when it is on the same
    scale (per cent), and the target as a dashed line; every label already translated."""
    indicator, aggregate, cells = column["indicator"], column["aggregate"], column["cells"]
    periods = [row["period"] for row in column["table"]]
    datasets = [
        {"label": c.unit.name, "role": "unit", "data": [_number(p.result) for p in c.series]}
        for c in cells
    ]
    if aggregate.method in ("ratio_of_sums", "mean"):
        data = [_number(p.result) for p in aggregate.series]
        datasets.append({"label": _("Whole cluster"), "role": "cluster", "data": data})
    datasets += _target_line(indicator, cells, len(periods))
    in_percent = indicator.kind in ("ratio", "percentage")
    return {
        "id": f"chart-{indicator.pk}",
        "title": indicator.name,
        "type": "line" if len(periods) > 1 else "bar",
        "axis": "%" if in_percent else indicator.unit_of_measure,
        "percent": in_percent,
        "whole": indicator.kind == "count",
        "yesNo": {"0": _("No"), "1": _("Yes")} if indicator.kind == "yes_no" else None,
        "labels": [p.label for p in periods],
        "datasets": datasets,
    }


def _target_line(indicator: Any, cells: list[Any], count: int) -> list[dict[str, Any]]:
    """The dashed target line: the unit's own target when one unit is shown, else the common one
    (units with their own target are marked in the table under the chart)."""
    if len(cells) == 1:
        label, target = _("Target"), cells[0].target
    else:
        label, target = _("Common target"), indicator.target
    if target is None:
        return []
    return [{"label": label, "role": "target", "data": [_number(target)] * count}]


urlpatterns = [
    path("progress/", progress_index, name="progress_index"),
    path(
        "clusters/<int:cluster_pk>/<int:year>/progress/", progress_cluster, name="progress_cluster"
    ),
    path(
        "clusters/<int:cluster_pk>/<int:year>/progress/units/<int:unit_pk>/",
        progress_unit,
        name="progress_unit",
    ),
    path(
        "clusters/<int:cluster_pk>/<int:year>/progress/export.xlsx",
        progress_export,
        name="progress_export",
    ),
]
