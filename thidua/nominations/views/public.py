"""Public pages (no sign-in): the postings open today, and a posting's nominees with the
feedback form. Plain and Vietnamese first; a withdrawn or unknown posting answers 404."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from thidua.nominations.forms.postings import FeedbackForm
from thidua.nominations.selectors import postings as selectors
from thidua.nominations.services import postings as services
from thidua.org.views.common import form_data, submit


def client_address(request: HttpRequest) -> str:
    """The sender's address as django-axes reads it (AXES_IPWARE_* settings: behind a proxy the
    administrator configures which header to trust)."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "")


def public_postings(request: HttpRequest) -> HttpResponse:
    return render(
        request, "nominations/public_list.html", {"postings": list(selectors.postings_open())}
    )


def public_posting(request: HttpRequest, public_id: UUID) -> HttpResponse:
    posting = selectors.public_posting_get(public_id)
    nominees = selectors.posting_nominees(posting)
    accepting = selectors.is_accepting(posting)
    thanks = _("Thank you. Your feedback has been sent to the emulation secretariat.")
    if request.method == "POST" and not accepting:
        messages.error(request, _("This posting is closed: feedback can no longer be sent."))
        return redirect("nominations:public_posting", public_id=posting.public_id)
    form = FeedbackForm(form_data(request), nominees=nominees)
    if request.method == "POST" and form.is_robot:
        # A robot filled the hidden field: thank it like a person and keep nothing.
        messages.success(request, thanks)
        return redirect("nominations:public_posting", public_id=posting.public_id)
    done, _feedback = submit(
        request, form,
        lambda data: services.feedback_submit(
            posting=posting, name=data["name"], contact=data["contact"], content=data["content"],
            dossier_id=data["dossier"], sender=client_address(request),
        ),
    )  # fmt: skip
    if done:
        messages.success(request, thanks)
        return redirect("nominations:public_posting", public_id=posting.public_id)
    context = {
        "posting": posting,
        "nominees": nominees,
        "accepting": accepting,
        "form": form if accepting else None,
    }
    return render(request, "nominations/public_posting.html", context)


urlpatterns = [
    path("cong-khai/", public_postings, name="public_postings"),
    path("cong-khai/<uuid:public_id>/", public_posting, name="public_posting"),
]
