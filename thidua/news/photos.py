"""Photos of an article: added, captioned, ordered and removed while the article is not published.

An upload is judged by its content, never by its name or the browser's content type: Pillow must
read and verify it as a JPEG, PNG, WebP or GIF, and the stored name takes the real format's
suffix. Oversized files and decompression bombs (a small file claiming a huge picture) are
refused before anything is stored.
"""

from __future__ import annotations

import warnings
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from thidua.core.audit import delete_audited, save_audited
from thidua.core.errors import DomainError
from thidua.news.models import Article, Photo

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
MAX_PIXELS = 40_000_000  # a module constant so tests can lower it
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def content_type(name: str) -> str:
    """The content type of a stored photo, from the suffix its real format gave it."""
    suffix = name.rsplit(".", 1)[-1].lower()
    return {"png": "image/png", "webp": "image/webp", "gif": "image/gif"}.get(suffix, "image/jpeg")


def max_bytes() -> int:
    return getattr(settings, "THIDUA_NEWS_PHOTO_MAX_BYTES", DEFAULT_MAX_BYTES)


def _refuse(message: str, code: str) -> None:
    raise DomainError(message, field="image", code=code)


def _check_not_published(article: Article) -> None:
    if article.status == Article.Status.PUBLISHED:
        raise DomainError(
            _("A published article is withdrawn to a draft before its photos are changed."),
            code="published",
        )


def _open(upload: UploadedFile) -> Image.Image:
    upload.seek(0)
    image = Image.open(upload)
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise Image.DecompressionBombError(f"{width}x{height}")
    return image


def check_photo(upload: UploadedFile) -> str:
    """The stored suffix of an acceptable photo ("jpg", "png" …); a DomainError otherwise."""
    size = upload.size or 0
    if not size:
        _refuse(_("The file is empty."), "empty")
    if size > max_bytes():
        _refuse(
            _("The photo is %(size)s; photos up to %(limit)s are accepted.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes())},
            "size",
        )
    not_a_photo = _("This file is not a photo: send a JPEG, PNG, WebP or GIF image.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            _open(upload).verify()  # verify() leaves the image unusable: open it again
            image_format = _open(upload).format
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        _refuse(_("The picture is too large to show on the portal."), "pixels")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        _refuse(not_a_photo, "format")
    finally:
        upload.seek(0)
    if image_format not in FORMATS:
        _refuse(not_a_photo, "format")
    return FORMATS[image_format]


@transaction.atomic
def photo_add(
    *, article: Article, upload: UploadedFile, caption: str = "", credit: str = "", by: Any
) -> Photo:
    """Check the upload and keep it as the article's last photo; a refusal stores nothing."""
    _check_not_published(article)
    suffix = check_photo(upload)
    last = article.photos.order_by("-order").values_list("order", flat=True).first()
    photo = Photo(
        article=article, caption=caption.strip(), credit=credit.strip(),
        order=0 if last is None else last + 1,
    )  # fmt: skip
    photo.image.save(f"photo.{suffix}", upload, save=False)
    stored = photo.image.name
    try:
        save_audited(photo, by=by)
    except Exception:
        photo.image.storage.delete(stored)
        raise
    return photo


@transaction.atomic
def photo_update(*, photo: Photo, caption: str, credit: str, order: int, by: Any) -> Photo:
    _check_not_published(photo.article)
    photo.caption, photo.credit, photo.order = caption.strip(), credit.strip(), order
    save_audited(photo, by=by)
    return photo


@transaction.atomic
def photo_remove(*, photo: Photo, by: Any, reason: str = "") -> None:
    """Remove the photo; its file goes once the removal is committed (history keeps the row)."""
    _check_not_published(photo.article)
    storage, name = photo.image.storage, photo.image.name
    delete_audited(photo, by=by, reason=reason)
    transaction.on_commit(lambda: storage.delete(name))
