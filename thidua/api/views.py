"""The token page: a user's own API tokens, made with a name and an optional end date (the
secret is shown once, right after), and revoked after a confirmation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.api import selectors, services
from thidua.api.forms import ApiTokenForm
from thidua.core.errors import DomainError
from thidua.org.views.common import form_data, submit

_NEW_SECRET = "api.token_secret"


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(form_data(request))
    done, created = submit(
        request,
        form,
        lambda data: services.api_token_create(user=request.user, by=request.user, **data),
    )
    if done:
        token, secret = created
        # Kept in the server-side session for the next page only: never in a URL or a cookie.
        request.session[_NEW_SECRET] = {"token": token.pk, "secret": secret}
        return redirect("api:tokens")
    context = {
        "form": form,
        "tokens": selectors.api_tokens_of(request.user),
        "new": request.session.pop(_NEW_SECRET, None),
        "api_root": request.build_absolute_uri(reverse("api:api-root")),
        "docs": reverse("api:openapi-view"),
        "now": timezone.now(),
    }
    response = render(request, "api/tokens.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """A page that asks first; the token stops working at once and cannot be revived."""
    token = selectors.api_token_of(request.user, pk)
    if request.method == "POST":
        try:
            services.api_token_revoke(token=token, by=request.user)
            messages.success(request, _("The token was revoked."))
        except DomainError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("api:tokens")
    return render(request, "api/token_revoke.html", {"token": token})
