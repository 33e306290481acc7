"""API tokens: make one (the secret is shown once), revoke it, and recognise it on a request."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.api.models import ApiToken
from thidua.core.audit import save_audited
from thidua.core.errors import DomainError
from thidua.core.tokens import secret_digest, secret_new, secret_plausible

# Why a token was refused (the 401 answer says which, in words).
INVALID, REVOKED, EXPIRED, INACTIVE = "invalid", "revoked", "expired", "inactive"
# A token's use is stamped at most this often: a busy client must not write on every request.
STAMP_EVERY = dt.timedelta(minutes=1)


class TokenRefused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def expiry_moment(day: dt.date) -> dt.datetime:
    """A token valid until `day` works through that whole day, local time."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


@transaction.atomic
def api_token_create(
    *, user: Any, name: str, by: Any, expires_on: dt.date | None = None
) -> tuple[ApiToken, str]:
    """A token acting as `user`, and its secret (only its hash is kept)."""
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Say what the token is for."), field="name", code="name")
    if expires_on is not None and expires_on < timezone.localdate():
        raise DomainError(
            _("Choose today or a later day."), field="expires_on", code="expiry_passed"
        )
    made = secret_new()
    token = ApiToken(
        user=user, name=name, prefix=made.prefix, token_hash=made.digest,
        expires_at=expiry_moment(expires_on) if expires_on else None,
    )  # fmt: skip
    save_audited(token, by=by)
    return token, made.secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: Any) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise DomainError(_("This token was already revoked."), code="revoked")
    token.revoked_at = timezone.now()
    save_audited(token, by=by, clean=False)
    return token


def api_token_authenticate(secret: str, *, now: dt.datetime | None = None) -> ApiToken:
    """The live token with this secret (its user loaded), or TokenRefused saying why.

    The lookup is by hash, so the database never compares secrets."""
    if not secret_plausible(secret):
        raise TokenRefused(INVALID)
    token = ApiToken.objects.select_related("user").filter(token_hash=secret_digest(secret)).first()
    now = now or timezone.now()
    if token is None:
        raise TokenRefused(INVALID)
    if token.revoked_at is not None:
        raise TokenRefused(REVOKED)
    if token.is_expired(now):
        raise TokenRefused(EXPIRED)
    if not token.user.is_active:
        raise TokenRefused(INACTIVE)
    _stamp_use(token, now)
    return token


def _stamp_use(token: ApiToken, now: dt.datetime) -> None:
    """Remember the last use without a history row (one per request would drown the trail)."""
    if token.last_used_at is not None and now - token.last_used_at < STAMP_EVERY:
        return
    token.last_used_at = now
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
