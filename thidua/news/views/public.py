"""The public portal's news pages (no sign-in): the list, a category, an article with its
blocks and feedback, the search, the photos and the RSS feed.

Only published articles whose time has come are reachable: anything else is a 404, whatever the
address guessed. A reading counts once per browser session; a visitor without a session gets a
random, signed session cookie for that (no server-side session per anonymous visitor).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from thidua.core.fragments import cached_parts, cached_render
from thidua.news import pagecache, photos, selectors, services
from thidua.news.models import Article, Category, Photo
from thidua.nominations.views.public import client_address
from thidua.org.views.common import form_data, submit

PAGE_SIZE = 10
VISITOR_COOKIE = "thidua_reader"
VISITOR_SALT = "thidua.news.reader"


def news_home(request: HttpRequest, category: str | None = None) -> HttpResponse:
    number = _page_number(request)
    key = ("home", category or "", number, selectors.listing_epoch())
    # Kept whole for signed-out readers when the address is the page's own ("?page=2").
    if pagecache.keepable(request, ("page",)) and request.GET.get("page", "1") == str(number):
        kept = pagecache.kept_page(request, key)
        if kept is not None:
            return kept[0]
        return pagecache.keep_page(
            request, key, lambda extra: _home_page(request, category, number, extra)
        )
    return _home_page(request, category, number, {})


def _home_page(
    request: HttpRequest, category: str | None, number: int, extra: dict[str, Any]
) -> HttpResponse:
    chosen = get_object_or_404(Category, slug=category) if category else None

    def listing() -> dict[str, Any]:
        articles = selectors.published().prefetch_related("photos")
        if chosen:
            articles = articles.filter(categories=chosen)
        ordered = articles.order_by("-publish_at", "-id")
        return {"page": Paginator(ordered, PAGE_SIZE).get_page(number)}

    article_list = cached_render(
        request, "news/_home_list.html", listing, namespace="news",
        key=("list", chosen and chosen.pk, number, selectors.listing_epoch()),
    )  # fmt: skip
    context = {"article_list": article_list, "category": chosen, **extra}
    return render(request, "news/home.html", context)


def news_search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    found = selectors.search(query) if query else selectors.published().none()
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "news/search.html", {"query": query, "page": page})


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    from thidua.news import feedback
    from thidua.news.forms import ArticleFeedbackForm

    key = ("article", slug, selectors.listing_epoch())
    keepable = pagecache.keepable(request)
    if keepable:
        # A kept page exists only while its article is on the portal: any change to the news
        # (a withdrawal too) retires it.
        kept = pagecache.kept_page(request, key)
        if kept is not None:
            response, article_pk = kept
            return _count_reading(request, response, article_pk)
    article = get_object_or_404(selectors.published(), slug=slug)
    form = ArticleFeedbackForm(form_data(request))
    thanks = _("Thank you. Your feedback has been sent; it is shown here once it is checked.")
    if request.method == "POST" and form.is_robot:
        messages.success(request, thanks)  # a robot is thanked like a person; nothing is kept
        return redirect("news:article", slug=article.slug)
    done, _sent = submit(
        request, form,
        lambda data: feedback.feedback_submit(
            article=article, name=data["name"], contact=data["contact"],
            content=data["content"], sender=client_address(request),
        ),
    )  # fmt: skip
    if done:
        messages.success(request, thanks)
        return redirect("news:article", slug=article.slug)
    if keepable:
        page = pagecache.keep_page(
            request, key, lambda extra: _article_page(request, article, form, extra), article.pk
        )
    else:
        page = _article_page(request, article, form, {})
    return _count_reading(request, page, article.pk)


def _article_page(
    request: HttpRequest, article: Article, form: Any, extra: dict[str, Any]
) -> HttpResponse:
    # What every reader sees is rendered once until the news change (the counter is not in it).
    parts = cached_parts(
        request, "news/_article_parts.html", lambda: _article_parts(request, article),
        namespace="news", key=("article", article.pk, request.get_host(), request.scheme,
                               selectors.listing_epoch()),
    )  # fmt: skip
    context = {"article": article, "parts": parts, "feedback_form": form, **extra}
    return render(request, "news/article.html", context)


def _count_reading(request: HttpRequest, response: HttpResponse, article_pk: int) -> HttpResponse:
    """Count a GET as a reading of the article (once per reading session)."""
    if request.method != "GET" or response.status_code != 200:
        return response
    visitor, new_visitor = _visitor(request)
    services.view_record(article=Article(pk=article_pk), session_key=visitor)
    if new_visitor:
        response.set_signed_cookie(
            VISITOR_COOKIE, visitor, salt=VISITOR_SALT, httponly=True, samesite="Lax",
            secure=request.is_secure(),
        )  # fmt: skip
    return response


def _article_parts(request: HttpRequest, article: Article) -> dict[str, Any]:
    from thidua.news import feedback

    article = Article.objects.prefetch_related("photos", "categories", "tags").get(pk=article.pk)
    return {
        "article": article,
        "photos": list(article.photos.all()),
        "feedback_list": feedback.feedback_shown(article),
        "other_news": selectors.other_news(article),
        "structured_data": _structured_data(request, article),
    }


def _page_number(request: HttpRequest) -> int:
    """The page asked for, as a number (anything else is the first page)."""
    raw = request.GET.get("page", "")
    return int(raw) if raw.isdigit() and len(raw) < 6 else 1


def photo_file(request: HttpRequest, pk: int) -> FileResponse:
    """A photo of a published article (the media folder itself is not served)."""
    photo = get_object_or_404(Photo.objects.select_related("article"), pk=pk)
    if not selectors.published().filter(pk=photo.article_id).exists():
        raise Http404
    return photo_response(photo, cache_control="public, max-age=86400")


def photo_response(photo: Photo, *, cache_control: str) -> FileResponse:
    """The photo's file with its type (404 if the file is gone); the caller decided access."""
    try:
        handle = photo.image.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, content_type=photos.content_type(photo.image.name))
    response["Cache-Control"] = cache_control
    return response


def _structured_data(request: HttpRequest, article: Article) -> SafeString:
    """schema.org NewsArticle for search engines, as JSON safe inside a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.lead,
        "datePublished": article.publish_at.isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "url": request.build_absolute_uri(reverse("news:article", args=[article.slug])),
        "image": [
            request.build_absolute_uri(reverse("news:photo", args=[p.pk]))
            for p in article.photos.all()
        ],
        "author": {"@type": "Organization", "name": article.byline or "thidua"},
    }
    text = json.dumps(data, ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return mark_safe(text)  # no "<", ">" or "&" left: it cannot close the script element


def _visitor(request: HttpRequest) -> tuple[str, bool]:
    """The reading session: the signed-in user's session, else the reader cookie, else a new
    one (True when it is new and must be set on the response)."""
    if request.session.session_key:
        return request.session.session_key, False
    known = request.get_signed_cookie(VISITOR_COOKIE, default=None, salt=VISITOR_SALT)
    if known:
        return known, False
    return uuid.uuid4().hex, True
