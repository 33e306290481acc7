"""What readers see: published articles whose time has come, the portal's blocks, search."""

from __future__ import annotations

import time

from django.db.models import QuerySet
from django.utils import timezone

from thidua.core.text import fold
from thidua.news.models import Article

LISTING_REFRESH = 60  # seconds


def published(now=None) -> QuerySet[Article]:
    """Articles a reader may open: published, and their publishing time has come."""
    return Article.objects.filter(
        status=Article.Status.PUBLISHED, publish_at__lte=now or timezone.now()
    )


def listing_epoch() -> int:
    """Changes every minute: the portal's cached lists carry it in their keys, so a scheduled
    article shows in them within a minute of its time without any write (its own page is
    reachable at the time itself); every other change makes them stale at once."""
    return int(time.time() // LISTING_REFRESH)


def latest(limit: int = 5, *, now=None) -> list[Article]:
    """The "Mới nhất" block."""
    return list(published(now).order_by("-publish_at", "-id")[:limit])


def most_viewed(limit: int = 5, *, now=None) -> list[Article]:
    """The "Xem nhiều nhất" block."""
    return list(published(now).order_by("-views", "-publish_at", "-id")[:limit])


def other_news(article: Article, limit: int = 5, *, now=None) -> list[Article]:
    """The "Các tin khác" block: the newest of the article's categories, then any others."""
    others = published(now).exclude(pk=article.pk)
    categories = list(article.categories.values_list("pk", flat=True))
    chosen = list(
        others.filter(categories__in=categories).distinct().order_by("-publish_at", "-id")[:limit]
    )
    if len(chosen) < limit:
        taken = [a.pk for a in chosen]
        rest = others.exclude(pk__in=taken).order_by("-publish_at", "-id")
        chosen += list(rest[: limit - len(chosen)])
    return chosen


def search(query: str, *, now=None) -> QuerySet[Article]:
    """Published articles holding every word of `query`, with or without diacritics
    ("toa dam" finds "Tọa đàm")."""
    found = published(now)
    for word in fold(query).split():
        found = found.filter(search_text__contains=word)
    return found.order_by("-publish_at", "-id")
