"""Report pages: a unit's board of indicators × periods, the reviewers' queue, one report with its
figures, evidence, review and history, and evidence downloads.

A unit's officer edits only their unit's reports; the cluster leader's officer or the secretariat
running the cluster reviews them, never a report of their own unit.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.campaigns.forms.reports import (
    EvidenceForm,
    EvidenceRemoveForm,
    QueueFilterForm,
    ReportForm,
    ReviewForm,
)
from thidua.campaigns.models import Evidence, Indicator, IndicatorReport, ReportingPeriod
from thidua.campaigns.selectors import indicators as indicator_selectors
from thidua.campaigns.selectors import reports as selectors
from thidua.campaigns.services import evidence as evidence_services
from thidua.campaigns.services import reports as services
from thidua.campaigns.views.files import attachment_response
from thidua.campaigns.views.indicators import RUN, YEARS, cluster_for
from thidua.core.errors import DomainError
from thidua.org.models import Unit
from thidua.org.views.common import page_of

S = IndicatorReport.Status
VIEW_REPORT = "campaigns.view_report"


# ---- access ------------------------------------------------------------------------------------
def report_for(user: Any, pk: int, *, perm: str = VIEW_REPORT) -> IndicatorReport:
    """The report if the user may see it (404 otherwise) and may do `perm` (403)."""
    report = (
        IndicatorReport.objects.select_related("indicator__cluster", "unit", "period")
        .filter(pk=pk)
        .first()
    )
    if report is None or not user.has_perm(VIEW_REPORT, report):
        raise Http404
    if not user.has_perm(perm, report):
        raise PermissionDenied(_("You do not have permission to do this."))
    return report


def may_review(user: Any, report: IndicatorReport) -> bool:
    """Reviewers of the cluster, except for their own unit's report (no one reviews themself)."""
    return user.has_perm("campaigns.review_report", report) and not user.has_perm(
        "campaigns.change_report", report
    )


def may_edit(user: Any, unit: Unit, period: ReportingPeriod, report: IndicatorReport | None):
    if period.is_closed or not user.has_perm("campaigns.report_for_unit", unit):
        return False
    return report is None or report.status in services.EDITABLE_ON_PAGE


def slot_for(user: Any, indicator_pk: int, unit_pk: int, period_pk: int):
    """(indicator, unit, period) of a report still to write; 404 unless the user reports for
    that unit, 403 for a reviewer of the cluster who sees it but does not write it."""
    indicator = Indicator.objects.select_related("cluster").filter(pk=indicator_pk).first()
    unit = Unit.objects.filter(pk=unit_pk).first()
    period = ReportingPeriod.objects.filter(pk=period_pk).first()
    if indicator is None or unit is None or period is None:
        raise Http404
    if not user.has_perm("campaigns.report_for_unit", unit):
        if user.has_perm(RUN, indicator.cluster):
            raise PermissionDenied(_("Only the unit's own officer writes its reports."))
        raise Http404
    try:
        services.check_reporting_unit(indicator=indicator, unit=unit, period=period)
    except DomainError:
        raise Http404 from None
    return indicator, unit, period


def _evidence_for(user: Any, pk: int, *, perm: str = VIEW_REPORT) -> Evidence:
    evidence = Evidence.objects.select_related("report").filter(pk=pk).first()
    if evidence is None or evidence.removed_at is not None:
        raise Http404
    report_for(user, evidence.report_id, perm=perm)
    return evidence


# ---- board -------------------------------------------------------------------------------------
@login_required
def report_board(request: HttpRequest, cluster_pk: int, year: int) -> HttpResponse:
    if year not in YEARS:
        raise Http404
    user = request.user
    cluster = cluster_for(user, cluster_pk)
    today = timezone.localdate()
    units = selectors.reporting_units_for(user=user, cluster=cluster, year=year)
    context: dict[str, Any] = {
        "cluster": cluster,
        "year": year,
        "today": today,
        "grids": [
            selectors.report_grid(unit=u, cluster=cluster, year=year, today=today) for u in units
        ],
        "is_reviewer": user.has_perm(RUN, cluster),
    }
    if context["is_reviewer"]:
        periods = indicator_selectors.periods_of_year(cluster=cluster, year=year)
        members = indicator_selectors.units_of_year(cluster=cluster, year=year)
        form = QueueFilterForm(
            request.GET or {"status": S.SUBMITTED}, units=members, periods=periods
        )
        queue = selectors.review_queue(user=user, cluster=cluster, year=year, **form.filters())
        page = page_of(request, queue)
        context |= {
            "filter_form": form,
            "page": page,
            "queue": [(r, selectors.figures_text(r.indicator, r)) for r in page],
        }
    return render(request, "campaigns/reports/board.html", context)


# ---- one report --------------------------------------------------------------------------------
def _page(
    request: HttpRequest,
    *,
    indicator: Indicator,
    unit: Unit,
    period: ReportingPeriod,
    report: IndicatorReport | None,
    form: ReportForm | None = None,
    evidence_form: EvidenceForm | None = None,
    review_form: ReviewForm | None = None,
) -> HttpResponse:
    user = request.user
    editable = may_edit(user, unit, period, report)
    if form is None and editable:
        form = ReportForm(initial=ReportForm.initial_for(report), indicator=indicator)
    reviewable = report is not None and may_review(user, report)
    context = {
        "indicator": indicator,
        "unit": unit,
        "period": period,
        "report": report,
        "target": indicator_selectors.target_text(indicator, selectors.target_for(indicator, unit)),
        "summary": selectors.report_summary(report) if report else None,
        "form": form,
        "editable": editable,
        "form_action": reverse("campaigns:report_detail", args=[report.pk])
        if report
        else reverse("campaigns:report_new", args=[indicator.pk, unit.pk, period.pk]),
        "evidence": selectors.evidence_of(report) if report else [],
        "evidence_form": evidence_form or (EvidenceForm() if editable and report else None),
        "max_size": evidence_services.max_bytes(),
        "can_review": reviewable,
        "review_form": review_form
        or (ReviewForm(initial={"revision": report.revision}) if reviewable else None),
        "events": report.events.select_related("by") if report else [],
    }
    return render(request, "campaigns/reports/detail.html", context)


def _record(request: HttpRequest, form: ReportForm, *, unit: Unit, period: ReportingPeriod):
    """Save the figures (and submit them when asked) in one go; a refusal lands on the form,
    which keeps what was typed. On a conflict the form takes the newer revision, so saving
    again after checking is a deliberate overwrite."""
    data = form.cleaned_data
    try:
        with transaction.atomic():
            report, _changed = services.report_record(
                indicator=form.indicator, unit=unit, period=period, figures=form.figures(),
                note=data["note"], by=request.user, expected_revision=data["revision"],
            )  # fmt: skip
            if request.POST.get("action") == "submit":
                report = services.report_transition(
                    report=report, to=S.SUBMITTED, by=request.user,
                    expected_revision=report.revision,
                )  # fmt: skip
        return report
    except services.ReportConflict as exc:
        current = IndicatorReport.objects.get(indicator=form.indicator, unit=unit, period=period)
        form.data = form.data.copy()
        form.data["revision"] = str(current.revision)
        form.add_refusal(exc)
    except ValidationError as exc:
        form.add_refusal(exc)
    return None


def _saved(request: HttpRequest, report: IndicatorReport) -> HttpResponse:
    if report.status == S.SUBMITTED:
        messages.success(request, _("The report was sent to the cluster leader for review."))
    else:
        messages.success(request, _("The report was saved as a draft."))
    return redirect("campaigns:report_detail", pk=report.pk)


@login_required
def report_new(
    request: HttpRequest, indicator_pk: int, unit_pk: int, period_pk: int
) -> HttpResponse:
    indicator, unit, period = slot_for(request.user, indicator_pk, unit_pk, period_pk)
    existing = IndicatorReport.objects.filter(indicator=indicator, unit=unit, period=period).first()
    if request.method != "POST":
        if existing is not None:
            return redirect("campaigns:report_detail", pk=existing.pk)
        return _page(request, indicator=indicator, unit=unit, period=period, report=None)
    form = ReportForm(request.POST, indicator=indicator)
    if form.is_valid():
        report = _record(request, form, unit=unit, period=period)
        if report is not None:
            return _saved(request, report)
    current = IndicatorReport.objects.filter(indicator=indicator, unit=unit, period=period).first()
    return _page(request, indicator=indicator, unit=unit, period=period, report=current, form=form)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request.user, pk)
    slot = {"indicator": report.indicator, "unit": report.unit, "period": report.period}
    if request.method != "POST":
        return _page(request, report=report, **slot)
    if not request.user.has_perm("campaigns.change_report", report):
        raise PermissionDenied(_("Only the unit's own officer writes its reports."))
    form = ReportForm(request.POST, indicator=report.indicator)
    if form.is_valid():
        saved = _record(request, form, unit=report.unit, period=report.period)
        if saved is not None:
            return _saved(request, saved)
    report.refresh_from_db()
    return _page(request, report=report, form=form, **slot)


@login_required
@require_POST
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request.user, pk)
    if not may_review(request.user, report):
        raise PermissionDenied(_("You may not review this report."))
    form = ReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.report_transition(
                report=report, to=data["to"], by=request.user, reason=data["reason"],
                expected_revision=data["revision"],
            )  # fmt: skip
        except services.ReportConflict as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("campaigns:report_detail", pk=pk)
        except ValidationError as exc:
            form.add_refusal(exc)
        else:
            accepted = data["to"] == S.ACCEPTED
            messages.success(
                request,
                _("The report was accepted.") if accepted else _("The report was returned."),
            )
            return redirect("campaigns:report_detail", pk=pk)
    slot = {"indicator": report.indicator, "unit": report.unit, "period": report.period}
    return _page(request, report=report, review_form=form, **slot)


# ---- evidence ----------------------------------------------------------------------------------
@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request.user, pk, perm="campaigns.change_report")
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            evidence_services.evidence_add(
                report=report, uploaded_file=form.cleaned_data["uploaded_file"],
                description=form.cleaned_data["description"], by=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            form.add_refusal(exc)
        else:
            messages.success(request, _("The file was attached."))
            return redirect("campaigns:report_detail", pk=pk)
    slot = {"indicator": report.indicator, "unit": report.unit, "period": report.period}
    return _page(request, report=report, evidence_form=form, **slot)


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _evidence_for(request.user, pk, perm="campaigns.change_report")
    form = EvidenceRemoveForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        evidence_services.evidence_remove(evidence=evidence, by=request.user, reason=reason)
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(name)s was removed.") % {"name": evidence.original_name})
    return redirect("campaigns:report_detail", pk=evidence.report_id)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file as an attachment of the type found in its content: a browser never opens it
    as a page, whatever it holds."""
    return attachment_response(_evidence_for(request.user, pk))


urlpatterns = [
    path("clusters/<int:cluster_pk>/<int:year>/reports/", report_board, name="report_board"),
    path("reports/<int:pk>/", report_detail, name="report_detail"),
    path(
        "reports/new/<int:indicator_pk>/<int:unit_pk>/<int:period_pk>/",
        report_new,
        name="report_new",
    ),
    path("reports/<int:pk>/review/", report_review, name="report_review"),
    path("reports/<int:pk>/evidence/", evidence_upload, name="evidence_upload"),
    path("evidence/<int:pk>/", evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/remove/", evidence_remove, name="evidence_remove"),
]
