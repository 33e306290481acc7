"""Rendered page parts, cached until the data under them changes.

Each namespace ("org", later "campaigns" …) has a data version: a row of DataVersion, read with
one small query per request. A write in that namespace replaces the version with a new random
token in the writer's transaction, so once the change commits no part rendered before it is
served again, on any machine. A token rather than a counter: two writers bumping at once
can never leave a version that a stale render was stored under.

Cached parts hold nothing tied to one session: a form inside one writes `{% csrf_slot %}`, which
is filled with the viewer's own CSRF token each time the part is served.
"""

import hashlib
import uuid
from collections.abc import Callable, Hashable
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from thidua.core.models import DataVersion

FRAGMENT_TIMEOUT = 600  # seconds; versions make entries stale long before that matters
CSRF_SLOT = "<!--thidua:csrf-->"
PART_BREAK = "<!--thidua:part-->"  # splits one cached rendering into parts for separate blocks


def data_version(namespace: str, request: HttpRequest | None = None) -> str:
    """The namespace's current version; read once per GET request (a GET changes no data, so
    its parts can share one read)."""
    memo = None
    if request is not None and request.method in ("GET", "HEAD"):
        memo = request.__dict__.setdefault("_thidua_versions", {})
        if namespace in memo:
            return memo[namespace]
    version = _read_version(namespace)
    if memo is not None:
        memo[namespace] = version
    return version


def _read_version(namespace: str) -> str:
    # Raw SQL: read on every cached request, where the ORM's own cost would be most of it.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT token FROM {DataVersion._meta.db_table} WHERE namespace = %s", [namespace]
        )  # the table name comes from the model; the namespace is a parameter
        row = cursor.fetchone()
    if row is not None:
        return row[0]
    _start_version(namespace)
    return DataVersion.objects.values_list("token", flat=True).get(namespace=namespace)


def _start_version(namespace: str) -> None:
    # Two processes may start one namespace at once: the first row stays.
    first = DataVersion(namespace=namespace, token=uuid.uuid4().hex)
    DataVersion.objects.bulk_create([first], ignore_conflicts=True)


def data_changed(namespace: str) -> None:
    """Mark the namespace's cached parts stale: the new version commits with the change (and
    is undone with it), so no process can pair the new data with the old version."""
    token = uuid.uuid4().hex
    if not DataVersion.objects.filter(namespace=namespace).update(token=token):
        _start_version(namespace)
        DataVersion.objects.filter(namespace=namespace).update(token=token)


def cached_render(
    request: HttpRequest,
    template: str,
    context: Callable[[], dict[str, Any]],
    *,
    namespace: str,
    key: Hashable,
) -> str:
    """Render `template` with `context()` or reuse the copy made for the same key and data."""
    raw = repr((namespace, data_version(namespace, request), get_language(), template, key))
    cache_key = "thidua:fragment:" + hashlib.sha256(raw.encode()).hexdigest()
    html = cache.get(cache_key)
    if html is None:
        html = render_to_string(template, context(), request=request)
        cache.set(cache_key, html, FRAGMENT_TIMEOUT)
    if CSRF_SLOT in html:
        token = escape(get_token(request))
        field = f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
        html = html.replace(CSRF_SLOT, field)
    return mark_safe(html)  # our own template, rendered with autoescaping


def cached_parts(
    request: HttpRequest, template: str, context: Callable[[], dict[str, Any]], **kw: Any
):
    """Like cached_render, for a template whose parts (split by PART_BREAK) fill several blocks."""
    return [
        mark_safe(part)
        for part in cached_render(request, template, context, **kw).split(PART_BREAK)
    ]
