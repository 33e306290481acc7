"""Account pages (sign-in, two-factor, password) and the background job pages."""

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.core import two_factor
from thidua.core.forms import LoginForm, PasswordChangeForm, TokenForm
from thidua.core.models import Job

# ---- account -----------------------------------------------------------------------------


def _safe_next(request: HttpRequest) -> str:
    """Where to go after the check: `next` when it points back into this site, else home."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


def _verified_if_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The 2FA middleware lets /account/ through; changing a password still needs the code."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not user.is_verified() and two_factor.needs_two_factor(user):
            return redirect(f"{reverse('otp_verify')}?next={request.path}")
        return view(request, *args, **kwargs)

    return wrapper


login_view = auth_views.LoginView.as_view(
    authentication_form=LoginForm, redirect_authenticated_user=True
)
logout_view = auth_views.LogoutView.as_view()
# Our own template names: django.contrib.admin ships registration/password_change_*.html and,
# being listed first in INSTALLED_APPS, would win over ours.
password_change_view = _verified_if_required(
    auth_views.PasswordChangeView.as_view(
        form_class=PasswordChangeForm, template_name="core/password_change_form.html"
    )
)
password_change_done_view = auth_views.PasswordChangeDoneView.as_view(
    template_name="core/password_change_done.html"
)


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Ask for the TOTP code; a user without a confirmed device enrols one first."""
    next_url = _safe_next(request)
    if request.user.is_verified():
        return redirect(next_url)
    device = two_factor.confirmed_device(request.user)
    enrolling = device is None
    if enrolling:
        device = two_factor.pending_device(request.user)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        if enrolling:
            _confirm_device(device)
        otp_login(request, device)
        return redirect(next_url)
    context = {"form": form, "next": next_url, "enrolling": enrolling}
    if enrolling:
        context |= {"qr_svg": _inline_svg(device), "secret": _spaced_secret(device)}
    return render(request, "core/otp_verify.html", context)


def _confirm_device(device: TOTPDevice) -> None:
    # The first correct code proves the app holds the secret; only then does the device count.
    device.confirmed = True
    device.save(update_fields=["confirmed"])


def _inline_svg(device: TOTPDevice) -> str:
    svg = two_factor.device_qr_svg(device)
    return svg[svg.index("<svg") :]  # drop the XML declaration, which HTML does not expect


def _spaced_secret(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, easier to type into a phone by hand."""
    secret = two_factor.device_secret_base32(device).rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


# ---- background jobs ---------------------------------------------------------------------


def _is_system_admin(user: Any) -> bool:
    return user.is_superuser or user.role_assignments.filter(role="system_admin").exists()


def _job_for(user: Any, pk: int) -> Job:
    """Only the job's creator or a system admin sees a job; to others it does not exist."""
    job = get_object_or_404(Job.objects.select_related("created_by"), pk=pk)
    if job.created_by_id != user.pk and not _is_system_admin(user):
        raise Http404
    return job


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request.user, pk)
    return render(request, "core/job_detail.html", {"job": job})


@login_required
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment htmx swaps in every second until the job finishes."""
    job = _job_for(request.user, pk)
    return render(request, "core/includes/job_progress.html", {"job": job})


@login_required
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = _job_for(request.user, pk)
    if job.status != Job.Status.SUCCEEDED or not job.result_file:
        raise Http404
    return FileResponse(
        job.result_file.open("rb"), as_attachment=True, filename=Path(job.result_file.name).name
    )
