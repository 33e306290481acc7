"""Proposal (tờ trình) and dossier pages: the list, a new proposal, a proposal with its
nominees, and a nominee's dossier (report, attachments, verdict, appraisal, withdrawal).

Outside the viewer's scope a proposal or dossier does not exist (404); one they can see but may
not change answers 403. The services decide every rule; the views parse, call and redirect."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.awards.selectors import award_names, evaluation_year
from thidua.campaigns.views.files import attachment_response
from thidua.core.errors import DomainError
from thidua.nominations.forms.batches import (
    AppraisalForm,
    AttachmentForm,
    BatchCreateForm,
    BatchFilterForm,
    NomineeForm,
    ReasonForm,
    ReportForm,
)
from thidua.nominations.models import Batch, Dossier, DossierAttachment, RouteStep
from thidua.nominations.selectors import batches as selectors
from thidua.nominations.selectors.postings import dossier_open_feedback, open_feedback
from thidua.nominations.selectors.routing import route_context
from thidua.nominations.services import appraisal
from thidua.nominations.services import dossiers as dossier_services
from thidua.nominations.services.verdicts import verdict_refresh
from thidua.nominations.services.warnings import batch_warnings, warning_text, warnings_refresh
from thidua.org.views.common import form_data, submit

OPEN = selectors.OPEN_STATUSES


def _forbidden() -> PermissionDenied:
    return PermissionDenied(_("You do not have permission to do this."))


def _require(allowed: bool) -> None:
    if not allowed:
        raise _forbidden()


# ---- who may do what (the services check the state; these check the person) -------------


def may_prepare(user: Any, batch: Batch) -> bool:
    """Add nominees: whoever acts on the first step (the proposer), or the secretariat."""
    return user.has_perm("nominations.act_on_batch", batch) or user.has_perm(
        "nominations.run_batch", batch
    )


def may_edit(user: Any, dossier: Dossier) -> bool:
    """The preparing unit edits the report and files until the dossier passes appraisal."""
    return (
        dossier.status == Dossier.Status.INCLUDED
        and dossier.appraisal != Dossier.Appraisal.PASSED
        and dossier.batch.status in OPEN
        and user.has_perm("nominations.change_dossier", dossier)
    )


def may_withdraw(user: Any, dossier: Dossier) -> bool:
    return (
        dossier.status == Dossier.Status.INCLUDED
        and dossier.batch.status in OPEN
        and (
            user.has_perm("nominations.change_dossier", dossier)
            or user.has_perm("nominations.run_batch", dossier.batch)
        )
    )


def may_appraise(user: Any, dossier: Dossier) -> bool:
    step = dossier.batch.step
    return (
        dossier.status == Dossier.Status.INCLUDED
        and step is not None
        and step.kind == RouteStep.Kind.APPRAISE
        and user.has_perm("nominations.appraise_dossier", dossier)
    )


def _decision_url(user: Any, batch: Batch) -> str:
    """The link to draft the decision, at the "decide" step, for those who issue decisions."""
    at_decide = batch.step is not None and batch.step.kind == RouteStep.Kind.DECIDE
    if not at_decide or not user.has_perm("nominations.run_batch", batch):
        return ""
    return reverse("nominations:decision_from_batch", kwargs={"batch_pk": batch.pk})


def _warning_rows(warnings: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Stored warnings ({code, params}) in words, in the reader's language."""
    names = award_names()
    return [{"code": w.get("code", ""), "text": warning_text(w, names)} for w in warnings]


# ---- proposals ------------------------------------------------------------------------------


@login_required
def batch_list(request: HttpRequest) -> HttpResponse:
    filters = BatchFilterForm(request.GET or None)
    batches = list(selectors.batches_for(request.user, **filters.values()))
    counts = selectors.visible_counts(request.user, batches)
    today = timezone.localdate()
    rows = [
        {
            "batch": b,
            "count": counts.get(b.pk, 0),
            "overdue": selectors.batch_overdue(b, today),
        }
        for b in batches
    ]
    can_create = selectors.proposer_choices(request.user).exists()
    context = {"filters": filters, "rows": rows, "can_create": can_create}
    return render(request, "nominations/batch_list.html", context)


@login_required
def batch_create(request: HttpRequest) -> HttpResponse:
    _require(selectors.proposer_choices(request.user).exists())
    form = BatchCreateForm(form_data(request), user=request.user, year=evaluation_year())

    def create(data: dict[str, Any]) -> Batch:
        return dossier_services.batch_create(
            proposer=data["proposer"], awarding_unit=data["awarding_unit"], year=data["year"],
            title=data["title"], by=request.user, cluster=data["cluster"],
            route=data["route"], award_codes=list(data["award_codes"]),
        )  # fmt: skip

    done, batch = submit(request, form, create)
    if done:
        messages.success(request, _("The proposal is created. Add its nominees now."))
        return redirect("nominations:batch_detail", pk=batch.pk)
    return render(request, "nominations/batch_form.html", {"form": form})


def _batch_page(request: HttpRequest, batch: Batch, *, nominee_form=None) -> HttpResponse:
    user = request.user
    preparing = may_prepare(user, batch) and dossier_services.open_for_nominees(batch)
    if preparing and nominee_form is None:
        nominee_form = NomineeForm(user=user, batch=batch, person_q=request.GET.get("person_q", ""))
    dossiers = selectors.dossiers_for(user, batch)
    context = {
        "batch": batch,
        "dossiers": dossiers,
        "warnings": _warning_rows(batch_warnings(batch)),
        "nominee_form": nominee_form if preparing else None,
        "open_feedback": open_feedback(batch).count(),
        "decision_url": _decision_url(user, batch),
        "runs": user.has_perm("nominations.run_batch", batch),
        "posted": batch.postings.exists(),
        "route": route_context(user, batch),
    }
    return render(request, "nominations/batch_detail.html", context)


@login_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _batch_page(request, selectors.batch_get(request.user, pk))


@login_required
@require_POST
def dossier_add(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_get(request.user, pk)
    _require(may_prepare(request.user, batch))
    form = NomineeForm(request.POST, user=request.user, batch=batch)
    done, dossier = submit(
        request, form,
        lambda data: dossier_services.dossier_add(
            batch=batch, by=request.user, **form.service_values()
        ),
    )  # fmt: skip
    if done:
        messages.success(
            request, _("%(name)s is added to the proposal.") % {"name": dossier.subject}
        )
        return redirect("nominations:batch_detail", pk=batch.pk)
    return _batch_page(request, batch, nominee_form=form)


# ---- dossiers -------------------------------------------------------------------------------


def _dossier_page(request: HttpRequest, dossier: Dossier, **forms: Any) -> HttpResponse:
    user = request.user
    editable = may_edit(user, dossier)
    appraising = may_appraise(user, dossier)
    checklist = appraisal.checklist_for(dossier)
    if editable:
        forms.setdefault("report_form", ReportForm(dossier=dossier))
        forms.setdefault("attachment_form", AttachmentForm())
    if may_withdraw(user, dossier):
        forms.setdefault("withdraw_form", ReasonForm(prefix="withdraw"))
    if appraising:
        forms.setdefault(
            "appraisal_form",
            AppraisalForm(
                checklist=checklist,
                initial={"note": dossier.appraisal_note, "result": _result_initial(dossier)},
            ),
        )
    attachments = dossier.attachments.filter(removed_at=None).select_related("uploaded_by")
    context = {
        "dossier": dossier,
        "batch": dossier.batch,
        "editable": editable,
        "report_rows": _report_rows(dossier),
        "awards_received": _dated(_list_of(dossier.report, "awards"), "decision_date"),
        "initiatives_listed": _list_of(dossier.report, "initiatives"),
        "attachments": attachments,
        "verdict": selectors.verdict_view(dossier),
        "warnings": _warning_rows(dossier.warnings or []),
        "checklist": checklist,
        "appraising": appraising,
        "open_feedback": dossier_open_feedback(dossier).count(),
        **forms,
    }
    return render(request, "nominations/dossier_detail.html", context)


def _result_initial(dossier: Dossier) -> str:
    return "" if dossier.appraisal == Dossier.Appraisal.PENDING else dossier.appraisal


def _list_of(report: dict[str, Any], key: str) -> list[Any]:
    value = (report or {}).get(key)
    return value if isinstance(value, list) else []


def _dated(rows: list[Any], key: str) -> list[Any]:
    """The report keeps dates as ISO text; the page shows them as dates (dd/mm/yyyy)."""
    out = []
    for row in rows:
        if isinstance(row, dict) and isinstance(row.get(key), str) and row[key]:
            with contextlib.suppress(ValueError):
                row = {**row, key: date.fromisoformat(row[key])}
        out.append(row)
    return out


def _report_rows(dossier: Dossier) -> list[tuple[Any, list[tuple[Any, str]]]]:
    """The report read-only: each section with its (label, text) rows."""
    form = ReportForm(dossier=dossier)
    return [
        (title, [(field.label, form.initial.get(field.name, "")) for field in fields])
        for title, fields in form.grouped()
    ]


@login_required
def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _dossier_page(request, selectors.dossier_get(request.user, pk))


@login_required
@require_POST
def dossier_report(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.dossier_get(request.user, pk)
    _require(request.user.has_perm("nominations.change_dossier", dossier))
    form = ReportForm(request.POST, dossier=dossier)
    done, _saved = submit(
        request, form,
        lambda data: dossier_services.dossier_report_update(
            dossier=dossier, report=form.changes(), by=request.user
        ),
    )  # fmt: skip
    if done:
        messages.success(request, _("The achievement report is saved."))
        return redirect("nominations:dossier_detail", pk=dossier.pk)
    messages.error(request, _("The report was not saved. Correct what is marked below."))
    return _dossier_page(request, dossier, report_form=form)


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.dossier_get(request.user, pk)
    _require(request.user.has_perm("nominations.change_dossier", dossier))
    form = AttachmentForm(request.POST, request.FILES)
    done, _attachment = submit(
        request, form,
        lambda data: dossier_services.attachment_add(dossier=dossier, by=request.user, **data),
    )  # fmt: skip
    if done:
        messages.success(request, _("The file is attached."))
        return redirect("nominations:dossier_detail", pk=dossier.pk)
    return _dossier_page(request, dossier, attachment_form=form)


def _attachment_get(user: Any, pk: int) -> DossierAttachment:
    attachment = DossierAttachment.objects.filter(pk=pk, removed_at=None).first()
    if attachment is None:
        raise Http404
    selectors.dossier_get(user, attachment.dossier_id)  # 404 outside the viewer's scope
    return attachment


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    return attachment_response(_attachment_get(request.user, pk))


@login_required
@require_POST
def attachment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _attachment_get(request.user, pk)
    dossier = attachment.dossier
    _require(request.user.has_perm("nominations.change_dossier", dossier))
    form = ReasonForm(request.POST, prefix="remove")
    done, _removed = submit(
        request, form,
        lambda data: dossier_services.attachment_remove(
            attachment=attachment, by=request.user, reason=data["reason"]
        ),
    )  # fmt: skip
    if done:
        messages.success(request, _("The file is removed from the dossier."))
    else:
        for error in [*form.non_field_errors(), *form.errors.get("reason", [])]:
            messages.error(request, error)
        if not form.errors:
            messages.error(request, _("Say why the file is removed."))
    return redirect("nominations:dossier_detail", pk=dossier.pk)


@login_required
@require_POST
def dossier_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.dossier_get(request.user, pk)
    _require(may_withdraw(request.user, dossier))
    form = ReasonForm(request.POST, prefix="withdraw")
    done, _withdrawn = submit(
        request, form,
        lambda data: dossier_services.dossier_withdraw(
            dossier=dossier, by=request.user, reason=data["reason"]
        ),
    )  # fmt: skip
    if done:
        messages.success(request, _("The nominee is taken out of the proposal."))
        return redirect("nominations:batch_detail", pk=dossier.batch_id)
    return _dossier_page(request, dossier, withdraw_form=form)


@login_required
@require_POST
def dossier_verdict(request: HttpRequest, pk: int) -> HttpResponse:
    """Judge the nominee again with today's records (the pack follows the submission date)."""
    dossier = selectors.dossier_get(request.user, pk)
    _require(
        request.user.has_perm("nominations.change_dossier", dossier)
        or request.user.has_perm("nominations.appraise_dossier", dossier)
    )
    try:
        verdict_refresh(dossier=dossier, by=request.user)
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        warnings_refresh(dossier=dossier, by=request.user)
        messages.success(request, _("The nominee is judged again with today's records."))
    return redirect("nominations:dossier_detail", pk=dossier.pk)


@login_required
@require_POST
def dossier_appraise(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.dossier_get(request.user, pk)
    _require(request.user.has_perm("nominations.appraise_dossier", dossier))
    form = AppraisalForm(request.POST, checklist=appraisal.checklist_for(dossier))

    def appraise(data: dict[str, Any]) -> Dossier:
        return appraisal.dossier_appraise(
            dossier=dossier, by=request.user, checklist=form.checklist(), note=data["note"],
            result=data["result"], override_reason=data["override_reason"],
        )  # fmt: skip

    done, _appraised = submit(request, form, appraise)
    if done:
        messages.success(request, _("The appraisal is recorded."))
        return redirect("nominations:dossier_detail", pk=dossier.pk)
    messages.error(request, _("The appraisal was not recorded. See the reason below."))
    return _dossier_page(request, dossier, appraisal_form=form)


urlpatterns = [
    path("nominations/", batch_list, name="batch_list"),
    path("nominations/new/", batch_create, name="batch_create"),
    path("nominations/<int:pk>/", batch_detail, name="batch_detail"),
    path("nominations/<int:pk>/nominees/", dossier_add, name="dossier_add"),
    path("nominations/dossiers/<int:pk>/", dossier_detail, name="dossier_detail"),
    path("nominations/dossiers/<int:pk>/report/", dossier_report, name="dossier_report"),
    path("nominations/dossiers/<int:pk>/files/", attachment_add, name="attachment_add"),
    path("nominations/dossiers/<int:pk>/withdraw/", dossier_withdraw, name="dossier_withdraw"),
    path("nominations/dossiers/<int:pk>/verdict/", dossier_verdict, name="dossier_verdict"),
    path("nominations/dossiers/<int:pk>/appraise/", dossier_appraise, name="dossier_appraise"),
    path("nominations/files/<int:pk>/", attachment_download, name="attachment_download"),
    path("nominations/files/<int:pk>/remove/", attachment_remove, name="attachment_remove"),
]
