"""Whole pages of the portal kept for signed-out readers, who all see the same page.

A signed-out reader's GET of a news page is answered from the shared cache when the page was
rendered since the news last changed (the "news" data version of core.fragments, so every
process and machine agrees). A page is kept only when nothing in it belongs to one reader: no
flash message waits, the address carries no query but the page number, and the forms' CSRF
tokens are left as a slot filled with the reader's own token each time it is served. Signed-in
users, POSTs and anything unusual are rendered as before (their parts are still cached).

Each process also holds copies of the pages it served lately (`LocalCopies`), so a page that
has not changed costs one read of the data version rather than a transfer of the whole page.
A copy is served only while the data version it was rendered from is the current one, and never
after its shared entry would have expired: every process still answers as the shared cache would.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.html import escape
from django.utils.translation import get_language

from thidua.core.fragments import FRAGMENT_TIMEOUT, data_version

CSRF_SLOT = "thidua-csrf-slot"  # rendered as the value of every csrf_token in a kept page
NAMESPACE = "news"
# In every key: a new shape of entry (version, UTF-8 body, extra, kept_at) takes a new name, so
# two releases running side by side during an upgrade never read each other's entries.
ENTRY_SHAPE = "page3"


class LocalCopies:
    """A process's copies of kept pages: (version, body, extra, kept_at) by page key, the least
    recently served dropped first (a body is the page's UTF-8 bytes, as it is sent)."""

    def __init__(self, size: int | None = None) -> None:
        self._size = size  # None: settings.THIDUA_PAGE_COPIES (pages of some 10-30 KB each)
        self._entries: OrderedDict[str, tuple] = OrderedDict()
        self._lock = threading.Lock()  # a threaded worker's requests share the copies

    def get(self, page_key: str, version: str) -> tuple | None:
        """The copy rendered from `version`, if its shared entry would still be there."""
        with self._lock:
            entry = self._entries.get(page_key)
            if entry is None:
                return None
            if entry[0] != version or entry[3] + FRAGMENT_TIMEOUT <= time.time():
                del self._entries[page_key]
                return None
            self._entries.move_to_end(page_key)
            return entry

    def put(self, page_key: str, entry: tuple) -> None:
        with self._lock:
            self._entries[page_key] = entry
            self._entries.move_to_end(page_key)
            size = settings.THIDUA_PAGE_COPIES if self._size is None else self._size
            while len(self._entries) > size:
                self._entries.popitem(last=False)


copies = LocalCopies()


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
    return f"thidua:{ENTRY_SHAPE}:" + hashlib.sha256(raw.encode()).hexdigest()


def kept_page(request: HttpRequest, key: Hashable) -> tuple[HttpResponse, Any] | None:
    """The kept page for `key` with the data stored beside it, or None.

    The page is stored with the data version it was rendered from, and a page of another
    version than the current one is never served. The current version is read on every
    request; the page itself comes from the shared cache only when this process has no copy."""
    page_key = _cache_key(request, key)
    version = data_version(NAMESPACE, request)
    entry = copies.get(page_key, version)
    if entry is None:
        entry = cache.get(page_key)
        if entry is None or entry[0] != version:
            return None
        copies.put(page_key, entry)
    _version, body, extra, _kept_at = entry
    return HttpResponse(_with_token(request, body)), extra


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
        page_key = _cache_key(request, key)
        entry = (version, response.content, extra, time.time())
        cache.set(page_key, entry, FRAGMENT_TIMEOUT)
        copies.put(page_key, entry)
        response.content = _with_token(request, response.content)
    return response


def _with_token(request: HttpRequest, body: bytes) -> bytes:
    token = escape(get_token(request))  # also sets the reader's CSRF cookie on the response
    return body.replace(CSRF_SLOT.encode(), token.encode())
