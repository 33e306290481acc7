"""Internal posting pages: the secretariat posts a proposal's nominees, reads and triages the
feedback, and schedules the council vote once the posting window is over."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.errors import DomainError
from thidua.nominations.forms.postings import CouncilForm, PostingOpenForm, ReasonForm, TriageForm
from thidua.nominations.models import Batch, Feedback, Posting, RouteStep
from thidua.nominations.selectors import postings as selectors
from thidua.nominations.services import council as council_services
from thidua.nominations.services import postings as services
from thidua.org.views.common import form_data, submit


def batch_for(user: Any, pk: int, *, runs: bool = True) -> Batch:
    """404 unless the viewer may see the proposal; 403 when they do not run its postings."""
    batch = (
        Batch.objects.select_related("step", "route", "awarding_unit", "proposer")
        .filter(pk=pk)
        .first()
    )
    if batch is None or not user.has_perm("nominations.view_batch", batch):
        raise Http404
    if runs and not selectors.runs_postings(user, batch):
        raise PermissionDenied(_("You do not have permission to do this."))
    return batch


def _at(batch: Batch, kind: str) -> bool:
    return (
        batch.status == Batch.Status.IN_PROGRESS
        and batch.step is not None
        and batch.step.kind == kind
    )


def _back(batch: Batch) -> str:
    """The proposal's page (the pages part's), or this part's own page until it exists."""
    try:
        return reverse("nominations:batch_detail", args=[batch.pk])
    except NoReverseMatch:  # pragma: no cover - until the pages part lands
        return reverse("nominations:posting_manage", args=[batch.pk])


@login_required
def posting_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposal's postings and, at the posting step, the form that opens one."""
    batch = batch_for(request.user, pk)
    policy = services.posting_policy(batch)
    form = PostingOpenForm(
        form_data(request), days=policy.posting_working_days, day_counts=policy.posting_day_counts
    )
    if request.method == "POST" and not _at(batch, RouteStep.Kind.POST):
        messages.error(request, _("The proposal is not at its public posting step."))
        return redirect("nominations:posting_manage", pk=batch.pk)
    done, posting = submit(
        request, form, lambda data: services.posting_open(batch=batch, by=request.user, **data)
    )
    if done:
        messages.success(
            request,
            _("The nominees are posted until %(date)s.")
            % {"date": posting.ends_on.strftime("%d/%m/%Y")},
        )
        return redirect("nominations:posting_manage", pk=batch.pk)
    current = services.current_posting(batch)
    context = {
        "batch": batch,
        "form": form if _at(batch, RouteStep.Kind.POST) else None,
        "current": current,
        "nominees": selectors.posting_nominees(current) if current else [],
        "postings": selectors.batch_postings(batch),
        "counts": selectors.feedback_counts(batch),
        "withdraw_form": ReasonForm(),
        "back": _back(batch),
    }
    return render(request, "nominations/posting_manage.html", context)


@login_required
@require_POST
def posting_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    posting = Posting.objects.select_related("batch").filter(pk=pk).first()
    if posting is None:
        raise Http404
    batch = batch_for(request.user, posting.batch_id)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the posting is withdrawn."))
        return redirect("nominations:posting_manage", pk=batch.pk)
    try:
        services.posting_withdraw(posting=posting, by=request.user, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The posting is withdrawn from the public pages."))
    return redirect("nominations:posting_manage", pk=batch.pk)


@login_required
def feedback_list(request: HttpRequest, pk: int) -> HttpResponse:
    batch = batch_for(request.user, pk)
    status = request.GET.get("status", "open")
    if status not in {"open", "", *Feedback.Status.values}:
        status = "open"
    context = {
        "batch": batch,
        "rows": selectors.feedback_list(batch, status=status),
        "status": status,
        "statuses": Feedback.Status.choices,
        "counts": selectors.feedback_counts(batch),
        "back": _back(batch),
    }
    return render(request, "nominations/feedback_list.html", context)


@login_required
def feedback_triage(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = selectors.feedback_get(request.user, pk)
    form = TriageForm(form_data(request), feedback=feedback)
    done, _saved = submit(
        request, form,
        lambda data: services.feedback_triage(feedback=feedback, by=request.user, **data),
    )  # fmt: skip
    if done:
        messages.success(request, _("The feedback is triaged."))
        return redirect("nominations:feedback_list", pk=feedback.posting.batch_id)
    context = {"feedback": feedback, "batch": feedback.posting.batch, "form": form}
    return render(request, "nominations/feedback_triage.html", context)


@login_required
def council_prepare(request: HttpRequest, pk: int) -> HttpResponse:
    """Schedule the council vote (a ballot session) after the posting window."""
    batch = batch_for(request.user, pk)
    form = CouncilForm(form_data(request), batch=batch)
    done, session = submit(
        request, form,
        lambda data: council_services.council_session_create(batch=batch, by=request.user, **data),
    )  # fmt: skip
    if done:
        messages.success(request, _("The council vote is prepared. Open it at the meeting."))
        return redirect("ballots:session_detail", pk=session.pk)
    context = {
        "batch": batch,
        "form": form if _at(batch, RouteStep.Kind.VOTE) else None,
        "posting": services.current_posting(batch),
        "session": batch.council_session,
        "recorded": council_services.council_results_recorded(batch),
        "back": _back(batch),
    }
    return render(request, "nominations/posting_council.html", context)


@login_required
@require_POST
def council_apply(request: HttpRequest, pk: int) -> HttpResponse:
    batch = batch_for(request.user, pk)
    try:
        counts = council_services.council_results_apply(batch=batch, by=request.user)
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("nominations:council_prepare", pk=batch.pk)
    messages.success(
        request,
        _("The council's results are recorded: %(elected)s approved, %(not_elected)s not approved.")
        % {"elected": counts.get("elected", 0), "not_elected": counts.get("not_elected", 0)},
    )
    return redirect(_back(batch))


urlpatterns = [
    path("nominations/<int:pk>/posting/", posting_manage, name="posting_manage"),
    path("nominations/postings/<int:pk>/withdraw/", posting_withdraw, name="posting_withdraw"),
    path("nominations/<int:pk>/feedback/", feedback_list, name="feedback_list"),
    path("nominations/feedback/<int:pk>/", feedback_triage, name="feedback_triage"),
    path("nominations/<int:pk>/council/", council_prepare, name="council_prepare"),
    path("nominations/<int:pk>/council/results/", council_apply, name="council_apply"),
]
