"""Whole pages of the portal kept for signed-out readers, who all see the same page.

A signed-out reader's GET of a news page is answered from the shared cache when the page was
rendered since the news last changed (the "news" data version of core.fragments, so every
process and machine agrees). A page is kept only when nothing in it belongs to one reader: no
flash message waits, the address carries no query but the page number, and the forms' CSRF
tokens are left as a slot filled with the reader's own token each time it is served. Signed-in
users, POSTs and anything unusual are rendered as before (their parts are still cached).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.html import escape
from django.utils.translation import get_language

from thidua.core.fragments import FRAGMENT_TIMEOUT, data_version, version_key

CSRF_SLOT = "thidua-csrf-slot"  # rendered as the value of every csrf_token in a kept page
NAMESPACE = "news"


def keepable(request: HttpRequest, allowed_query: tuple[str, ...] = ()) -> bool:
    """Whether this request's page may be served from (and kept in) the shared cache."""
    if request.method not in ("GET", "HEAD") or set(request.GET) - set(allowed_query):
        return False
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return False
    waiting = getattr(request, "_messages", None)
    return not (waiting is not None and len(waiting))


def _cache_key(request: HttpRequest, key: Hashable) -> str:
    raw = repr((get_language(), request.scheme, request.get_host(), key))
    return "thidua:page:" + hashlib.sha256(raw.encode()).hexdigest()


def kept_page(request: HttpRequest, key: Hashable) -> tuple[HttpResponse, Any] | None:
    """The kept page for `key` with the data stored beside it, or None.

    The page is stored with the data version it was rendered from, and both are read in one
    query of the shared cache: a page of an older version is never served."""
    page_key = _cache_key(request, key)
    found = cache.get_many([version_key(NAMESPACE), page_key])
    entry, version = found.get(page_key), found.get(version_key(NAMESPACE))
    if entry is None or version is None or entry[0] != version:
        return None
    _version, html, extra = entry
    token = escape(get_token(request))  # also sets the reader's CSRF cookie on the response
    return HttpResponse(html.replace(CSRF_SLOT, token)), extra


def keep_page(
    request: HttpRequest,
    key: Hashable,
    render: Callable[[dict[str, Any]], HttpResponse],
    extra: Any = None,
) -> HttpResponse:
    """Render the page with a CSRF slot (`render` takes the context to add), keep it, and
    answer with the reader's own token in place."""
    version = data_version(NAMESPACE, request)  # read before rendering: a change meanwhile wins
    response = render({"csrf_token": CSRF_SLOT})
    if response.status_code == 200:
        html = response.content.decode()
        cache.set(_cache_key(request, key), (version, html, extra), FRAGMENT_TIMEOUT)
        response.content = html.replace(CSRF_SLOT, escape(get_token(request))).encode()
    return response
