"""Files of a decision: upload (the issuer's secretariat), download (whoever sees the decision),
remove from a draft."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.campaigns.views.files import attachment_response
from thidua.core.errors import DomainError
from thidua.nominations.models import DecisionAttachment
from thidua.nominations.selectors.decisions import decision_get
from thidua.nominations.services.decision_files import decision_file_add, decision_file_remove
from thidua.org.forms import PageForm

ISSUE = "nominations.issue_decision"


class DecisionFileForm(PageForm):
    uploaded_file = forms.FileField(label=gettext_lazy("File"))
    title = forms.CharField(label=gettext_lazy("What the file is"), max_length=255, required=False)


def _back(pk: int) -> HttpResponse:
    return redirect("nominations:decision_detail", pk=pk)


def _errors(request: HttpRequest, error: DomainError) -> None:
    messages.error(request, " ".join(error.messages))


@login_required
@require_POST
def file_add(request: HttpRequest, pk: int) -> HttpResponse:
    decision = decision_get(request.user, pk, perm=ISSUE)
    form = DecisionFileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
        return _back(decision.pk)
    try:
        decision_file_add(
            decision=decision, uploaded_file=form.cleaned_data["uploaded_file"],
            title=form.cleaned_data["title"], by=request.user,
        )  # fmt: skip
    except DomainError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The file is attached to the decision."))
    return _back(decision.pk)


def _attachment(request: HttpRequest, pk: int, *, perm: str) -> DecisionAttachment:
    attachment = DecisionAttachment.objects.filter(pk=pk, removed_at__isnull=True).first()
    if attachment is None:
        raise Http404
    decision_get(request.user, attachment.decision_id, perm=perm)
    return attachment


@login_required
def file_download(request: HttpRequest, pk: int) -> FileResponse:
    return attachment_response(_attachment(request, pk, perm="nominations.view_decision"))


@login_required
@require_POST
def file_remove(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _attachment(request, pk, perm=ISSUE)
    try:
        decision_file_remove(
            attachment=attachment, by=request.user, reason=request.POST.get("reason", "")
        )
    except DomainError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The file is removed from the draft."))
    return _back(attachment.decision_id)


urlpatterns = [
    path("nominations/decisions/<int:pk>/files/", file_add, name="decision_file_add"),
    path("nominations/decision-files/<int:pk>/", file_download, name="decision_file_download"),
    path("nominations/decision-files/<int:pk>/remove/", file_remove, name="decision_file_remove"),
]
