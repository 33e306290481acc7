"""The moderation page: the secretariat or a system administrator reads readers' feedback
awaiting moderation on the articles they review, and shows it under its article or keeps it off
the page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from thidua.core.errors import DomainError
from thidua.news.feedback import feedback_moderate, feedback_pending, may_moderate
from thidua.news.forms import ModerationForm
from thidua.news.models import ArticleFeedback


def _decide(request: HttpRequest) -> None:
    form = ModerationForm(request.POST)
    feedback = None
    if form.is_valid():
        feedback = ArticleFeedback.objects.filter(pk=form.cleaned_data["feedback"]).first()
    if feedback is None:
        messages.error(request, _("This feedback no longer exists; the list is up to date now."))
        return
    try:
        feedback_moderate(
            feedback=feedback, by=request.user, approve=form.approve,
            note=form.cleaned_data["note"],
        )  # fmt: skip
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        done = _("The feedback is shown under the article.") if form.approve else None
        messages.success(request, done or _("The feedback will not be shown."))


@login_required
def feedback_moderation(request: HttpRequest) -> HttpResponse:
    if not may_moderate(request.user):
        raise PermissionDenied(_("You do not have permission to do this."))
    if request.method == "POST":
        _decide(request)
        return redirect("news:feedback_moderation")
    return render(request, "news/moderation.html", {"rows": feedback_pending(request.user)})


urlpatterns = [path("tin-tuc/phan-hoi/", feedback_moderation, name="feedback_moderation")]
