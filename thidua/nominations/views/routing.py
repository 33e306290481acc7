"""The route panel's actions on a proposal: submit, send on, return to an earlier step, withdraw.

Each is a POST from the panel on the proposal page; the answer is a redirect back to that page
with a message saying what happened or why not."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.core.errors import DomainError
from thidua.nominations.models import Batch
from thidua.nominations.permissions import prepares_batch
from thidua.nominations.services import routing
from thidua.org.forms import PageForm
from thidua.org.permissions import is_system_admin


class SubmitForm(PageForm):
    document_number = forms.CharField(
        label=gettext_lazy("Document number of the proposal"), max_length=64, required=False
    )
    submitted_on = forms.DateField(label=gettext_lazy("Submitted on"), required=False)


class ForwardForm(PageForm):
    note = forms.CharField(label=gettext_lazy("Note"), max_length=500, required=False)


class ReturnForm(PageForm):
    to_step = forms.CharField(label=gettext_lazy("Return to the step"), max_length=50)
    reason = forms.CharField(label=gettext_lazy("Reason for the return"), max_length=500)


class WithdrawForm(PageForm):
    reason = forms.CharField(label=gettext_lazy("Reason for the withdrawal"), max_length=500)
    confirm = forms.BooleanField(label=gettext_lazy("I want to withdraw this proposal."))


def batch_for(user: Any, pk: int, *, may: Callable[[Any, Batch], bool]) -> Batch:
    """404 when the proposal is not visible to the user; 403 when visible but `may` says no."""
    related = ("route", "step", "proposer", "cluster", "awarding_unit")
    batch = Batch.objects.select_related(*related).filter(pk=pk).first()
    if batch is None or not user.has_perm("nominations.view_batch", batch):
        raise Http404
    if not may(user, batch):
        raise PermissionDenied(_("You do not have permission to do this."))
    return batch


def _acts(user: Any, batch: Batch) -> bool:
    return user.has_perm("nominations.act_on_batch", batch)


def _proposes(user: Any, batch: Batch) -> bool:
    return is_system_admin(user) or prepares_batch(user, batch)


def _run(
    request: HttpRequest, batch: Batch, form: PageForm, action: Callable[[dict], Any], done: str
) -> HttpResponse:
    """Validate, run the service, say what happened, and go back to the proposal page."""
    if not form.is_valid():
        errors = [
            _("%(field)s: %(error)s") % {"field": form.fields[name].label, "error": error}
            for name, field_errors in form.errors.items()
            for error in field_errors
        ]
        messages.error(request, " ".join(errors))
    else:
        try:
            action(form.cleaned_data)
        except DomainError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, done)
    return redirect("nominations:batch_detail", pk=batch.pk)


@login_required
@require_POST
def batch_submit(request: HttpRequest, pk: int) -> HttpResponse:
    batch = batch_for(request.user, pk, may=_acts)
    return _run(
        request, batch, SubmitForm(request.POST),
        lambda data: routing.batch_submit(batch=batch, by=request.user, **data),
        _("The proposal is submitted and sent on along its route."),
    )  # fmt: skip


@login_required
@require_POST
def batch_forward(request: HttpRequest, pk: int) -> HttpResponse:
    batch = batch_for(request.user, pk, may=_acts)
    return _run(
        request, batch, ForwardForm(request.POST),
        lambda data: routing.batch_forward(batch=batch, by=request.user, note=data["note"]),
        _("The proposal is sent on to the next step."),
    )  # fmt: skip


@login_required
@require_POST
def batch_return(request: HttpRequest, pk: int) -> HttpResponse:
    batch = batch_for(request.user, pk, may=_acts)
    return _run(
        request, batch, ReturnForm(request.POST),
        lambda data: routing.batch_return(
            batch=batch, to_step_code=data["to_step"], reason=data["reason"], by=request.user
        ),
        _("The proposal is returned. The people at that step have been told."),
    )  # fmt: skip


@login_required
@require_POST
def batch_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    batch = batch_for(request.user, pk, may=_proposes)
    return _run(
        request, batch, WithdrawForm(request.POST),
        lambda data: routing.batch_withdraw(batch=batch, by=request.user, reason=data["reason"]),
        _("The proposal is withdrawn."),
    )  # fmt: skip


urlpatterns = [
    path("nominations/<int:pk>/submit/", batch_submit, name="batch_submit"),
    path("nominations/<int:pk>/forward/", batch_forward, name="batch_forward"),
    path("nominations/<int:pk>/return/", batch_return, name="batch_return"),
    path("nominations/<int:pk>/withdraw/", batch_withdraw, name="batch_withdraw"),
]
