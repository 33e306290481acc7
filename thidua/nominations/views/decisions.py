"""Decision pages: the list, a decision in its issuer's style, drafting from a proposal, editing
a draft, issuing, correcting, revoking a line, recording recovered money, and the awards to
review after a revocation.

A draft is seen only by those who may issue it (404 for everyone else); issued decisions are
read by every signed-in user. The services decide every rule; the views parse, call, redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from thidua.awards.messages import STATUS_LABELS, describe
from thidua.awards.selectors import award_names
from thidua.core.errors import DomainError
from thidua.eligibility import Outcome, Result, Status
from thidua.nominations.forms.decisions import (
    CorrectForm,
    DecisionEditForm,
    DecisionFilterForm,
    DecisionFromBatchForm,
    FlagResolveForm,
    IssueForm,
    LineAddForm,
    LineEditForm,
    RecoveryForm,
    RevokeForm,
)
from thidua.nominations.models import Decision, ReviewFlag
from thidua.nominations.selectors import decisions as selectors
from thidua.nominations.services import decisions as services
from thidua.nominations.services import revocation as revoking
from thidua.nominations.signals import issued_error
from thidua.org.views.common import form_data, page_of, submit

ISSUE = "nominations.issue_decision"
REVOKE = "nominations.revoke_decision"


# ---- reading -----------------------------------------------------------------------------------
@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    form = DecisionFilterForm(request.GET or None)
    decisions = selectors.decisions_for(request.user, **form.values())
    context = {"form": form, "page": page_of(request, decisions)}
    return render(request, "nominations/decision_list.html", context)


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_get(request.user, pk)
    lines = selectors.decision_lines(decision)
    context = {
        "decision": decision,
        "lines": lines,
        "total": selectors.decision_total(lines),
        "unpriced": [line for line in lines if line.multiplier is None],
        "place_date": selectors.place_date_text(decision.place, decision.signed_on),
        "corrections": decision.corrections.all(),
        "revocations": selectors.decision_revocations(decision),
        "can_issue": request.user.has_perm(ISSUE, decision),
        "can_revoke": decision.is_issued and request.user.has_perm(REVOKE, decision),
        "files": decision.attachments.filter(removed_at__isnull=True),
    }
    return render(request, "nominations/decision_detail.html", context)


# ---- drafting ----------------------------------------------------------------------------------
@login_required
def decision_from_batch(request: HttpRequest, batch_pk: int) -> HttpResponse:
    batch = selectors.batch_for_decision(request.user, batch_pk)
    draft = batch.decisions.filter(status=Decision.Status.DRAFT).first()
    if draft is not None:
        messages.info(request, _("This proposal already has a draft decision; continue with it."))
        return redirect("nominations:decision_edit", pk=draft.pk)
    form = DecisionFromBatchForm(
        form_data(request), batch=batch, abstract=services.default_abstract(batch.year),
        rounding=services.default_rounding(batch.awarding_unit),
    )  # fmt: skip
    done, decision = submit(
        request, form,
        lambda _data: services.decision_from_batch(
            batch=batch, by=request.user, **form.service_kwargs()
        ),
    )  # fmt: skip
    if done:
        messages.success(request, _("The draft decision is ready. Check the recipients."))
        return redirect("nominations:decision_edit", pk=decision.pk)
    context = {"batch": batch, "form": form, "dossiers": selectors.decision_candidates(batch)}
    return render(request, "nominations/decision_from_batch.html", context)


def _draft_for(request: HttpRequest, pk: int) -> Decision | None:
    decision = selectors.decision_get(request.user, pk, perm=ISSUE)
    if decision.is_issued:
        messages.error(request, issued_error().messages[0])
        return None
    return decision


def _edit_page(request: HttpRequest, decision: Decision, **forms: Any) -> HttpResponse:
    lines = selectors.decision_lines(decision)
    line_forms = forms.pop("line_forms", {})
    context = {
        "decision": decision,
        "form": forms.get("form") or DecisionEditForm(decision=decision),
        "add_form": forms.get("add_form") or LineAddForm(user=request.user),
        "rows": [(line, line_forms.get(line.pk) or LineEditForm(line=line)) for line in lines],
    }
    return render(request, "nominations/decision_edit.html", context)


@login_required
def decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _draft_for(request, pk)
    if decision is None:
        return redirect("nominations:decision_detail", pk=pk)
    form = DecisionEditForm(form_data(request), decision=decision)
    done, _result = submit(
        request, form,
        lambda data: services.decision_update(decision=decision, by=request.user, **data),
    )  # fmt: skip
    if done:
        messages.success(request, _("The draft is saved."))
        return redirect("nominations:decision_edit", pk=pk)
    return _edit_page(request, decision, form=form)


@login_required
@require_POST
def decision_line_add(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _draft_for(request, pk)
    if decision is None:
        return redirect("nominations:decision_detail", pk=pk)
    form = LineAddForm(request.POST, user=request.user)
    done, _line = submit(
        request, form,
        lambda data: services.line_add(decision=decision, by=request.user, **data),
    )  # fmt: skip
    if done:
        messages.success(request, _("The recipient is added."))
        return redirect("nominations:decision_edit", pk=pk)
    return _edit_page(request, decision, add_form=form)


@login_required
@require_POST
def decision_line_update(request: HttpRequest, pk: int) -> HttpResponse:
    line = selectors.line_get(request.user, pk, perm=ISSUE)
    decision = _draft_for(request, line.decision_id)
    if decision is None:
        return redirect("nominations:decision_detail", pk=line.decision_id)
    form = LineEditForm(request.POST, line=line)
    done, _line = submit(
        request, form, lambda data: services.line_update(line=line, by=request.user, **data)
    )
    if done:
        messages.success(request, _("The recipient is saved."))
        return redirect("nominations:decision_edit", pk=decision.pk)
    return _edit_page(request, decision, line_forms={line.pk: form})


@login_required
@require_POST
def decision_line_remove(request: HttpRequest, pk: int) -> HttpResponse:
    line = selectors.line_get(request.user, pk, perm=ISSUE)
    try:
        services.line_remove(line=line, by=request.user)
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("nominations:decision_detail", pk=line.decision_id)
    messages.success(request, _("The recipient is removed from the draft."))
    return redirect("nominations:decision_edit", pk=line.decision_id)


# ---- issuing and correcting --------------------------------------------------------------------
@login_required
def decision_issue(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _draft_for(request, pk)
    if decision is None:
        return redirect("nominations:decision_detail", pk=pk)
    form = IssueForm(form_data(request), decision=decision)
    done, _decision = submit(
        request, form,
        lambda _data: services.decision_issue(
            decision=decision, by=request.user, **form.service_kwargs()
        ),
    )  # fmt: skip
    if done:
        messages.success(request, _("The decision is issued and the awards are recorded."))
        return redirect("nominations:decision_detail", pk=pk)
    lines = selectors.decision_lines(decision)
    context = {"decision": decision, "form": form, "lines": lines}
    return render(request, "nominations/decision_issue.html", context)


@login_required
def decision_correct(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_get(request.user, pk, perm=ISSUE)
    form = CorrectForm(form_data(request))
    done, correction = submit(
        request, form,
        lambda data: services.decision_correct(decision=decision, by=request.user, **data),
    )  # fmt: skip
    if done:
        messages.success(
            request, _("The correcting decision is a draft. Change it, then issue it.")
        )
        return redirect("nominations:decision_edit", pk=correction.pk)
    return render(
        request, "nominations/decision_correct.html", {"decision": decision, "form": form}
    )


# ---- revocation --------------------------------------------------------------------------------
@login_required
def line_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    line = selectors.line_get(request.user, pk, perm=REVOKE)
    form = RevokeForm(form_data(request))
    done, revocation = submit(
        request, form, lambda data: revoking.line_revoke(line=line, by=request.user, **data)
    )
    if done:
        count = revocation.flags.count()
        messages.success(
            request,
            ngettext(
                "The award is revoked. %(count)s later award relied on it and is to be reviewed.",
                "The award is revoked. %(count)s later awards relied on it and are to be reviewed.",
                count,
            )
            % {"count": count}
            if count
            else _("The award is revoked."),
        )
        return redirect("nominations:decision_detail", pk=line.decision_id)
    return render(request, "nominations/revocation_form.html", {"line": line, "form": form})


@login_required
def recovery_add(request: HttpRequest, pk: int) -> HttpResponse:
    revocation = selectors.revocation_get(request.user, pk, perm=REVOKE)
    form = RecoveryForm(form_data(request))
    done, _row = submit(
        request, form,
        lambda data: revoking.recovery_record(revocation=revocation, by=request.user, **data),
    )  # fmt: skip
    if done:
        messages.success(request, _("The recovery is recorded."))
        return redirect("nominations:decision_detail", pk=revocation.line.decision_id)
    row = selectors.RevocationRow(revocation, selectors.recovered_total(revocation))
    context = {"revocation": revocation, "row": row, "form": form}
    return render(request, "nominations/revocation_recovery.html", context)


def verdict_reasons(verdict: dict[str, Any], names: dict[str, str]) -> list[dict[str, str]]:
    """The outcomes of a stored verdict that did not pass, in words with their clause."""
    rows = []
    for o in verdict.get("outcomes", ()):
        if o["result"] in (Result.PASSED, Result.INFO):
            continue
        outcome = Outcome(o["rule"], Result(o["result"]), o["message"], o["params"], o["clause"])
        rows.append({"text": describe(outcome, names), "clause": o["clause"]})
    return rows


def _status_label(verdict: dict[str, Any]) -> str:
    status = verdict.get("status")
    return str(STATUS_LABELS[Status(status)]) if status in Status._value2member_map_ else ""


@login_required
def flag_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", ReviewFlag.Status.OPEN)
    status = status if status in ReviewFlag.Status.values or status == "all" else "open"
    flags = selectors.flags_for(request.user, status="" if status == "all" else status)
    names = award_names()
    rows = [
        {
            "flag": f,
            "verdict": _status_label(f.verdict),
            "reasons": verdict_reasons(f.verdict, names),
        }
        for f in flags
    ]
    context = {"rows": rows, "status": status, "statuses": ReviewFlag.Status.choices}
    return render(request, "nominations/flag_list.html", context)


@login_required
def flag_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    flag = selectors.flag_get(request.user, pk)
    form = FlagResolveForm(form_data(request))
    done, _flag = submit(
        request, form, lambda data: revoking.flag_resolve(flag=flag, by=request.user, **data)
    )
    if done:
        messages.success(request, _("The review is recorded."))
        return redirect("nominations:flag_list")
    reasons = verdict_reasons(flag.verdict, award_names())
    context = {
        "flag": flag,
        "form": form,
        "reasons": reasons,
        "verdict": _status_label(flag.verdict),
    }
    return render(request, "nominations/flag_resolve.html", context)


urlpatterns = [
    path("nominations/decisions/", decision_list, name="decision_list"),
    path("nominations/decisions/<int:pk>/", decision_detail, name="decision_detail"),
    path("nominations/<int:batch_pk>/decision/", decision_from_batch, name="decision_from_batch"),
    path("nominations/decisions/<int:pk>/edit/", decision_edit, name="decision_edit"),
    path("nominations/decisions/<int:pk>/lines/", decision_line_add, name="decision_line_add"),
    path(
        "nominations/decisions/lines/<int:pk>/", decision_line_update, name="decision_line_update"
    ),
    path(
        "nominations/decisions/lines/<int:pk>/remove/",
        decision_line_remove,
        name="decision_line_remove",
    ),
    path("nominations/decisions/<int:pk>/issue/", decision_issue, name="decision_issue"),
    path("nominations/decisions/<int:pk>/correct/", decision_correct, name="decision_correct"),
    path("nominations/decisions/lines/<int:pk>/revoke/", line_revoke, name="line_revoke"),
    path("nominations/revocations/<int:pk>/recovery/", recovery_add, name="recovery_add"),
    path("nominations/review-flags/", flag_list, name="flag_list"),
    path("nominations/review-flags/<int:pk>/", flag_resolve, name="flag_resolve"),
]
