"""What readers see: published articles whose time has come, the portal's blocks, search."""

from __future__ import annotations

from django.db.models import Max, QuerySet
from django.utils import timezone

from thidua.core.text import fold
from thidua.news.models import Article


def published(now=None) -> QuerySet[Article]:
    """Articles a reader may open: published, and their publishing time has come."""
    return Article.objects.filter(
        status=Article.Status.PUBLISHED, publish_at__lte=now or timezone.now()
    )


def live_mark(now=None) -> str:
    """Changes when a scheduled article's time comes (the newest publishing time reached), so
    cached lists show it then without any write; other changes make them stale themselves."""
    newest = published(now).aggregate(newest=Max("publish_at"))["newest"]
    return newest.isoformat() if newest else ""


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
