"""Secrets that let machines act (API tokens, feed tokens): made here, stored only as a hash.

A secret is 32 random bytes written as 43 URL-safe characters. The database keeps its SHA-256
and its first characters (to tell tokens apart on a page), never the secret: a copy of the
database opens nothing. A plain hash is enough because the secret is long and random, not a
password a person chose, so there is nothing to guess from a dictionary.
"""

import hashlib
import secrets
from dataclasses import dataclass

PREFIX_LENGTH = 8
MAX_SECRET_LENGTH = 200  # anything longer is refused before it is hashed


@dataclass(frozen=True)
class NewSecret:
    secret: str  # shown once to whoever made the token
    prefix: str  # kept, to recognise the token in a list
    digest: str  # kept, to find the token when the secret comes back


def secret_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_new() -> NewSecret:
    secret = secrets.token_urlsafe(32)
    return NewSecret(secret=secret, prefix=secret[:PREFIX_LENGTH], digest=secret_digest(secret))


def secret_plausible(secret: str | None) -> bool:
    """Worth looking up at all: present and of a sane length."""
    return bool(secret) and len(secret) <= MAX_SECRET_LENGTH
