"""Messages from the public (feedback on postings and on articles): who sent them is kept only as
a keyed hash, enough to count a sender's messages and hold back a flood."""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.errors import DomainError


def sender_hash(sender: str) -> str:
    """A keyed hash of the sender's address: enough to count their messages, not to name them."""
    return hmac.new(settings.SECRET_KEY.encode(), sender.encode(), hashlib.sha256).hexdigest()


def sender_lock(digest: str) -> None:
    """Hold the sender's lock until the transaction ends, so a burst of one sender's messages is
    counted one after the other, whatever they are about. PostgreSQL: a transaction-level
    advisory lock keyed on the hash; SQLite lets one writer at a time anyway."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("sender_lock needs a transaction")
    if connection.vendor == "postgresql":
        key = int.from_bytes(bytes.fromhex(digest[:16]), "big", signed=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def sender_throttle(messages: QuerySet, digest: str, *, per_hour: int) -> None:
    """Refuse a sender who already sent `per_hour` of `messages` (rows with `sender_hash` and
    `created_at`) in the last hour. Call it in the transaction that saves the message: it takes
    the sender's lock first, so two messages sent at once cannot both pass the limit."""
    sender_lock(digest)
    since = timezone.now() - timedelta(hours=1)
    if messages.filter(sender_hash=digest, created_at__gte=since).count() >= per_hour:
        raise DomainError(
            _("You have sent several messages in the last hour. Please try again later."),
            code="throttled",
        )
