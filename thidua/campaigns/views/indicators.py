"""Indicator pages of a cluster's year: the list with per-unit targets and the reporting periods,
add and edit an indicator, the units' own targets, copy last year's set, periods' due dates and
closing. The cluster leader's officer and the secretariat running the cluster manage them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from thidua.campaigns.forms.indicators import (
    IndicatorForm,
    IndicatorTargetsForm,
    PeriodCloseForm,
    PeriodDueForm,
)
from thidua.campaigns.models import Indicator, IndicatorTarget, ReportingPeriod
from thidua.campaigns.selectors import indicators as selectors
from thidua.campaigns.services import indicators as services
from thidua.campaigns.services import reports as report_services
from thidua.core.errors import DomainError
from thidua.org.models import Cluster
from thidua.org.views.common import form_data, submit

RUN = "campaigns.run_cluster_year"
VIEW = "campaigns.view_cluster_year"
YEARS = range(2000, 2101)


def cluster_for(user: Any, pk: int, *, perm: str = VIEW) -> Cluster:
    """The cluster if the user may see its year (404 otherwise), and may do `perm` (403)."""
    cluster = Cluster.objects.select_related("organiser").filter(pk=pk).first()
    if cluster is None or not user.has_perm(VIEW, cluster):
        raise Http404
    if not user.has_perm(perm, cluster):
        raise PermissionDenied(_("You do not have permission to do this."))
    return cluster


def indicator_for(user: Any, pk: int, *, perm: str = RUN) -> Indicator:
    indicator = Indicator.objects.select_related("cluster").filter(pk=pk).first()
    if indicator is None:
        raise Http404
    cluster_for(user, indicator.cluster_id, perm=perm)
    return indicator


def period_for(user: Any, pk: int) -> ReportingPeriod:
    period = ReportingPeriod.objects.select_related("cluster").filter(pk=pk).first()
    if period is None:
        raise Http404
    cluster_for(user, period.cluster_id, perm=RUN)
    return period


def _check_year(year: int) -> None:
    if year not in YEARS:
        raise Http404


@login_required
def indicator_list(request: HttpRequest, cluster_pk: int, year: int) -> HttpResponse:
    _check_year(year)
    cluster = cluster_for(request.user, cluster_pk)
    indicators = list(selectors.indicators_of_year(cluster=cluster, year=year))
    keys = selectors.keys_in_use(indicators)
    periods = selectors.periods_of_year(cluster=cluster, year=year)
    rows = [
        {
            "indicator": i,
            "target": selectors.target_text(i, i.target),
            "unit_targets": [(t.unit, selectors.target_text(i, t.target)) for t in i.targets.all()],
        }
        for i in indicators
    ]
    context = {
        "cluster": cluster,
        "year": year,
        "rows": rows,
        "periods": [p for p in periods if p.key in keys] if keys else periods,
        "can_manage": request.user.has_perm(RUN, cluster),
        "previous_year": year - 1,
    }
    return render(request, "campaigns/indicators/list.html", context)


def _back(indicator: Indicator) -> HttpResponse:
    return redirect(
        "campaigns:indicator_list", cluster_pk=indicator.cluster_id, year=indicator.year
    )


@login_required
def indicator_add(request: HttpRequest, cluster_pk: int, year: int) -> HttpResponse:
    _check_year(year)
    cluster = cluster_for(request.user, cluster_pk, perm=RUN)
    form = IndicatorForm(form_data(request))
    done, indicator = submit(
        request, form,
        lambda data: services.indicator_create(
            cluster=cluster, year=year, by=request.user, **form.service_fields()
        ),
    )  # fmt: skip
    if done:
        messages.success(request, _("The indicator was added."))
        return _back(indicator)
    title = _("New indicator for %(year)s") % {"year": year}
    context = {"form": form, "title": title, "cluster": cluster, "year": year}
    return render(request, "campaigns/indicators/form.html", context)


@login_required
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = indicator_for(request.user, pk)
    has_reports = indicator.reports.exists()
    form = IndicatorForm(
        form_data(request), initial=IndicatorForm.initial_for(indicator), has_reports=has_reports
    )
    done, _saved = submit(
        request, form,
        lambda data: services.indicator_update(
            indicator=indicator, by=request.user, reason=data.get("reason", ""),
            **form.service_fields(),
        ),
    )  # fmt: skip
    if done:
        messages.success(request, _("The indicator was saved."))
        return _back(indicator)
    context = {
        "form": form,
        "title": _("Edit the indicator"),
        "cluster": indicator.cluster,
        "year": indicator.year,
        "indicator": indicator,
    }
    return render(request, "campaigns/indicators/form.html", context)


@login_required
def indicator_targets(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = indicator_for(request.user, pk)
    units = list(selectors.units_of_year(cluster=indicator.cluster, year=indicator.year))
    form = IndicatorTargetsForm(
        form_data(request),
        indicator=indicator,
        units=units,
        has_reports=indicator.reports.exists(),
    )
    if request.method == "POST" and form.is_valid() and _save_targets(request, indicator, form):
        messages.success(request, _("The units' targets were saved."))
        return _back(indicator)
    context = {"form": form, "indicator": indicator, "cluster": indicator.cluster}
    return render(request, "campaigns/indicators/targets.html", context)


def _save_targets(request: HttpRequest, indicator: Indicator, form: IndicatorTargetsForm) -> bool:
    """All targets or none: a refusal for one unit leaves every target as it was."""
    reason = form.cleaned_data.get("reason", "")
    own = {t.unit_id: t for t in IndicatorTarget.objects.filter(indicator=indicator)}
    current = None
    try:
        with transaction.atomic():
            for unit, target in form.targets():
                current = unit
                if target is not None:
                    services.indicator_target_set(
                        indicator=indicator, unit=unit, target=target, by=request.user,
                        reason=reason,
                    )  # fmt: skip
                elif unit.pk in own:
                    services.indicator_target_remove(
                        target=own[unit.pk], by=request.user, reason=reason
                    )
    except ValidationError as exc:
        form.add_refusal(exc, unit=current)
        return False
    return True


@login_required
@require_POST
def indicators_copy(request: HttpRequest, cluster_pk: int, year: int) -> HttpResponse:
    _check_year(year)
    cluster = cluster_for(request.user, cluster_pk, perm=RUN)
    try:
        created = services.indicators_copy_from_year(
            cluster=cluster, from_year=year - 1, to_year=year, by=request.user
        )
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        message = ngettext(
            "%(count)s indicator was copied from %(year)s.",
            "%(count)s indicators were copied from %(year)s.",
            len(created),
        )
        messages.success(request, message % {"count": len(created), "year": year - 1})
    return redirect("campaigns:indicator_list", cluster_pk=cluster.pk, year=year)


@login_required
def period_due(request: HttpRequest, pk: int) -> HttpResponse:
    period = period_for(request.user, pk)
    form = PeriodDueForm(form_data(request), initial={"due_on": period.due_on})
    done, _saved = submit(
        request, form,
        lambda data: report_services.period_set_due(
            period=period, due_on=data["due_on"], by=request.user
        ),
    )  # fmt: skip
    if done:
        messages.success(request, _("The due date was changed."))
        return redirect("campaigns:indicator_list", cluster_pk=period.cluster_id, year=period.year)
    title = _("Due date of %(period)s") % {"period": period.label}
    context = {"form": form, "title": title, "period": period}
    return render(request, "campaigns/indicators/period_due.html", context)


@login_required
def period_close(request: HttpRequest, pk: int) -> HttpResponse:
    period = period_for(request.user, pk)
    form = PeriodCloseForm(form_data(request))
    done, _saved = submit(
        request, form,
        lambda data: report_services.period_close(
            period=period, by=request.user, reason=data["reason"]
        ),
    )  # fmt: skip
    if done:
        messages.success(request, _("%(period)s is closed.") % {"period": period.label})
        return redirect("campaigns:indicator_list", cluster_pk=period.cluster_id, year=period.year)
    title = _("Close %(period)s") % {"period": period.label}
    context = {"form": form, "title": title, "period": period}
    return render(request, "campaigns/indicators/period_close.html", context)


urlpatterns = [
    path("clusters/<int:cluster_pk>/<int:year>/indicators/", indicator_list, name="indicator_list"),
    path(
        "clusters/<int:cluster_pk>/<int:year>/indicators/new/", indicator_add, name="indicator_add"
    ),
    path(
        "clusters/<int:cluster_pk>/<int:year>/indicators/copy/",
        indicators_copy,
        name="indicators_copy",
    ),
    path("indicators/<int:pk>/edit/", indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/targets/", indicator_targets, name="indicator_targets"),
    path("periods/<int:pk>/due/", period_due, name="period_due"),
    path("periods/<int:pk>/close/", period_close, name="period_close"),
]
