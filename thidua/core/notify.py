"""In-app notifications, with the same words by e-mail (Django's mail backend: the console in
development, SMTP in production).

Any app calls `notify(users=…, kind=…, title=…)`; the nav bell reads `unread_notifications`."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone, translation

from thidua.core.models import Notification

log = logging.getLogger(__name__)


def notify(
    *,
    users: Iterable[Any],
    kind: str,
    title: Any,
    url: str = "",
    body: Any = "",
    email: bool = True,
) -> int:
    """Give each active user (once) a notification; e-mail those with an address after the
    transaction commits. Returns how many notifications were created.

    Lazy texts are rendered in the site's language: the reader is not the one who acted."""
    unique = {user.pk: user for user in users if user is not None and user.is_active}
    if not unique:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        title, body = str(title)[:300], str(body)
    Notification.objects.bulk_create(
        Notification(user=user, kind=kind, title=title, body=body, url=url[:300])
        for user in unique.values()
    )
    addresses = [user.email for user in unique.values() if user.email]
    if email and addresses:
        text = "\n\n".join(part for part in (body, _absolute(url)) if part)
        transaction.on_commit(lambda: _mail(title, text, addresses))
    return len(unique)


def _absolute(url: str) -> str:
    """A link for the e-mail; THIDUA_SITE_URL (e.g. "https://thidua.example.vn") makes it whole."""
    if not url:
        return ""
    return getattr(settings, "THIDUA_SITE_URL", "").rstrip("/") + url


def _mail(subject: str, text: str, addresses: list[str]) -> None:
    # One message per person, so no one sees the others' addresses; a mail server that is down
    # must not undo a move that is already saved: the in-app notification is there.
    messages = [(subject, text, None, [address]) for address in addresses]
    try:
        send_mass_mail(messages, fail_silently=False)
    except Exception:
        log.exception("notification e-mail not sent (%s recipients)", len(addresses))


@transaction.atomic
def notifications_mark_read(*, user: Any) -> int:
    """Mark all of the user's notifications read; returns how many were unread."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def unread_count(user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    """Context processor: `unread_notifications`, counted only when a template uses it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # A template calls it; cached so the nav's `if` and its badge cost one query between them.
    return {"unread_notifications": functools.cache(lambda: unread_count(user))}
