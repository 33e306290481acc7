"""Who is calling: a personal token (`Authorization: Bearer …`) or the signed-in session.

Either way the request then acts as that user, with exactly the user's scope and permissions:
the endpoints ask the same selectors and django-rules permissions as the pages.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from thidua.api import services

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class TokenRejected(AuthenticationError):
    """A token was sent but cannot be used; `reason` is one of the services' reasons."""

    def __init__(self, reason: str):
        super().__init__(401, reason)
        self.reason = reason


class CsrfRejected(HttpError):
    def __init__(self) -> None:
        super().__init__(403, "csrf")


class TokenAuth(HttpBearer):
    """A personal API token. A token that is sent but wrong, revoked or expired answers 401 at
    once, even with a session cookie: the caller meant the token."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header, "")
        if not header:
            return None  # perhaps the session
        scheme, _space, secret = header.partition(" ")
        if scheme.lower() != self.openapi_scheme:
            raise TokenRejected(services.INVALID)
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        try:
            api_token = services.api_token_authenticate(token)
        except services.TokenRefused as exc:
            raise TokenRejected(exc.reason) from exc
        # From here on the request is the token's user, for the audit trail too.
        request.user = api_token.user
        request.api_token = api_token
        return api_token.user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session (to try the API on /api/docs), with Django's CSRF check on
    unsafe methods. Unlike ninja's own it checks CSRF only for a signed-in user, so a client
    without a session gets 401, not a CSRF refusal."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise CsrfRejected()
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:  # pragma: no cover
        return self(request)


def api_token_of(request: HttpRequest) -> Any:
    """The token the request came with, or None for a session."""
    return getattr(request, "api_token", None)
