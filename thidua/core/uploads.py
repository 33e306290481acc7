"""Uploads kept between a preview and its confirmation, per user, under a random token.

A file is previewed, then confirmed by a background job that re-reads it. It is kept in the
private storage under `<folder>/<user id>/<token>.<suffix>`; a token is never a path, another
user's token finds nothing (404), and uploads never confirmed go at the user's next upload.
"""

import datetime as dt
import re
import secrets
from typing import Any

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404
from django.utils import timezone

KEEP_FOR = dt.timedelta(days=1)  # an upload previewed but never confirmed
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")


class KeptUploads:
    def __init__(self, folder: str, suffixes: tuple[str, ...] = ("xlsx",)) -> None:
        self.folder = folder
        self.suffixes = suffixes

    def _name(self, user: Any, token: str, suffix: str) -> str:
        if not _TOKEN.fullmatch(token) or suffix not in self.suffixes:
            raise Http404
        return f"{self.folder}/{user.pk}/{token}.{suffix}"

    def keep(self, user: Any, upload: UploadedFile, suffix: str | None = None) -> str:
        """Stores the upload; returns the token that finds it again."""
        self.forget_stale(user)
        token = secrets.token_urlsafe(24)  # 32 characters
        default_storage.save(self._name(user, token, suffix or self.suffixes[0]), upload)
        return token

    def forget_stale(self, user: Any) -> None:
        """Uploads can hold personal data: those never confirmed do not stay."""
        folder = f"{self.folder}/{user.pk}"
        try:
            _folders, names = default_storage.listdir(folder)
        except FileNotFoundError:
            return
        for name in names:
            if default_storage.get_modified_time(f"{folder}/{name}") < timezone.now() - KEEP_FOR:
                default_storage.delete(f"{folder}/{name}")

    def find(self, user: Any, token: str) -> str:
        """The storage name of this user's kept upload, or 404."""
        for suffix in self.suffixes:
            name = self._name(user, token, suffix)
            if default_storage.exists(name):
                return name
        raise Http404
