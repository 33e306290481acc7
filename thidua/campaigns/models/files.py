"""What every checked private file records (evidence of a report, a movement's documents)."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def random_name(folder: str, filename: str) -> str:
    """A random stored name: the uploaded name is kept only as data, never as a path."""
    return f"{folder}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:10]}"


class CheckedFile(models.Model):
    """A file whose type was read from its content (services.evidence.check_upload), stored
    under MEDIA_ROOT, which no URL serves: a view checks scope and sends it as an attachment."""

    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("checksum"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)

    class Meta:
        abstract = True
