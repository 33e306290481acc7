"""Feeds of indicator values: tokens for other systems, the JSON endpoint they push to, and the
file upload (template, upload, preview, confirm; a background job does the writing).

Between the preview and the confirmation the upload is kept in private storage under a random
name in the uploader's folder, so any web worker can serve the next step and nobody else can.
"""

import json
from decimal import Decimal
from typing import Any, NoReturn

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from thidua.campaigns import feed_import
from thidua.campaigns.forms.feeds import XLSX, FeedTokenForm, FeedUploadForm
from thidua.campaigns.jobs import FEED_UPLOAD, reports_for
from thidua.campaigns.models import FeedToken, IndicatorReport
from thidua.campaigns.selectors import feeds as selectors
from thidua.campaigns.services import feeds as services
from thidua.core.errors import DomainError
from thidua.core.jobs import job_start
from thidua.core.uploads import KeptUploads
from thidua.org.views.common import form_data, submit

MAX_BODY = 2**20  # bytes of one request: 1,000 values take about 200 kB
_NEW_SECRET = "campaigns.feed_token_secret"
PREVIEW_ROWS = 500
ACTIONS = {
    services.CREATED: gettext_lazy("New"),
    services.REPLACED: gettext_lazy("Replaces the figures sent before"),
    services.UNCHANGED: gettext_lazy("Unchanged"),
}


def _denied() -> NoReturn:
    raise PermissionDenied(_("You do not have permission to do this."))


# ---- tokens ------------------------------------------------------------------------------------
def feed_token_for(user: Any, pk: int) -> FeedToken:
    """A token of a unit the user manages tokens for; any other token does not exist (404)."""
    token = FeedToken.objects.select_related("unit").filter(pk=pk).first()
    if token is None or not user.has_perm("campaigns.manage_feed_tokens", token.unit):
        raise Http404
    return token


@login_required
def feed_tokens(request: HttpRequest) -> HttpResponse:
    if not selectors.feed_token_units_for(user=request.user).exists():
        _denied()
    form = FeedTokenForm(form_data(request), user=request.user)
    done, created = submit(
        request, form, lambda data: services.feed_token_create(by=request.user, **data)
    )
    if done:
        token, secret = created
        # Kept in the server-side session for the next page only: never in a URL or a cookie.
        request.session[_NEW_SECRET] = {"token": token.pk, "secret": secret}
        return redirect("campaigns:feed_tokens")
    context = {
        "form": form,
        "tokens": selectors.feed_tokens_for(user=request.user),
        "new": request.session.pop(_NEW_SECRET, None),
        "endpoint": request.build_absolute_uri(reverse("campaigns:feed_values")),
    }
    response = render(request, "campaigns/feeds/tokens.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def feed_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """A page that asks first; the token stops working at once and cannot be revived."""
    token = feed_token_for(request.user, pk)
    if request.method == "POST":
        try:
            services.feed_token_revoke(token=token, by=request.user)
            messages.success(request, _("The token was revoked."))
        except DomainError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("campaigns:feed_tokens")
    return render(request, "campaigns/feeds/token_revoke.html", {"token": token})


# ---- the endpoint ------------------------------------------------------------------------------
@csrf_exempt  # no session, no cookie: the bearer token is the only credential
def feed_values(request: HttpRequest) -> HttpResponse:
    """POST one value or {"values": [...]}; all are recorded or none (docs/feeds.md)."""
    language = _api_language(request)
    with translation.override(language):
        response = _feed_values(request)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    return response


def _feed_values(request: HttpRequest) -> JsonResponse:
    if request.method != "POST":
        response = _error(405, "method_not_allowed", _("Send the values with POST."))
        response["Allow"] = "POST"
        return response
    token = services.feed_token_authenticate(_bearer(request))
    if token is None:
        response = _error(401, "invalid_token", _("The token is missing, wrong or revoked."))
        response["WWW-Authenticate"] = 'Bearer realm="thidua", error="invalid_token"'
        return response
    try:
        payload = json.loads(_body(request), parse_float=Decimal, parse_constant=_no_constant)
    except _TooLarge:
        limit = {"limit": MAX_BODY // 1024}
        return _error(413, "too_large", _("The body is larger than %(limit)s kB.") % limit)
    except ValueError:
        return _error(400, "invalid_json", _("The body is not valid JSON (UTF-8)."))
    try:
        items, errors = feed_import.items_from_json(payload)
    except feed_import.PayloadError as exc:
        return _error(413 if exc.code == "too_many_values" else 400, exc.code, exc.message)
    try:
        results = services.feed_values_record(
            items=items, errors=errors, allow=services.feed_token_covers(token), by=None,
            source=IndicatorReport.Source.FEED, reason=f"{token.name} ({token.prefix}…)",
        )  # fmt: skip
    except IntegrityError:
        # Two requests created the same new report at once; the other one's values stand.
        message = _("Another request was saving the same values; send this one again.")
        return _error(409, "conflict", message)
    except services.FeedRejected as exc:
        forbidden = any(error.code == services.FORBIDDEN for error in exc.errors)
        return _error(
            403 if forbidden else 422, "forbidden" if forbidden else "invalid_values",
            _("Nothing was saved: correct the values listed and send them all again."),
            errors=[error.as_json() for error in exc.errors],
        )  # fmt: skip
    return JsonResponse({"results": [result.as_json() for result in results]})


class _TooLarge(Exception):
    pass


def _body(request: HttpRequest) -> bytes:
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BODY:
        raise _TooLarge
    try:
        body = request.body
    except RequestDataTooBig as exc:
        raise _TooLarge from exc
    if len(body) > MAX_BODY:
        raise _TooLarge
    return body


def _no_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number JSON allows")


def _bearer(request: HttpRequest) -> str:
    scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else ""


def _api_language(request: HttpRequest) -> str:
    """From Accept-Language (the pages ignore it; a system asks for its language), else vi."""
    supported = {code for code, _name in settings.LANGUAGES}
    choices = []
    for part in request.headers.get("Accept-Language", "").split(","):
        tag, _semicolon, weight = part.strip().partition(";q=")
        code = tag.strip().lower().split("-")[0]
        try:
            quality = float(weight) if weight else 1.0
        except ValueError:
            continue
        if code in supported and quality > 0:
            choices.append((quality, code))
    return max(choices, key=lambda c: c[0])[1] if choices else settings.LANGUAGE_CODE


def _error(status: int, code: str, message: str, **extra: Any) -> JsonResponse:
    body = {"error": code, "message": message, **extra}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


# ---- the upload --------------------------------------------------------------------------------
def _require_reporter(user: Any) -> None:
    if not selectors.report_units_for(user=user).exists():
        _denied()


KEPT = KeptUploads("campaigns/feed-uploads", suffixes=("xlsx", "csv"))


def kept_upload(user: Any, token: str) -> str:
    """The kept upload of this user (another user's token finds nothing: 404)."""
    return KEPT.find(user, token)


@login_required
def feed_upload_template(request: HttpRequest) -> HttpResponse:
    """The empty template with the codes of the user's units and of their clusters' indicators."""
    _require_reporter(request.user)
    units = list(selectors.report_units_for(user=request.user))
    content = feed_import.template_workbook(
        units=units, indicators=selectors.indicators_of_units(units)
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="indicator-values-template.xlsx"'
    return response


@login_required
def feed_upload(request: HttpRequest) -> HttpResponse:
    _require_reporter(request.user)
    form = FeedUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        token = KEPT.keep(request.user, upload, feed_import.file_kind(upload.name))
        return redirect("campaigns:feed_upload_preview", token=token)
    return render(request, "campaigns/feeds/upload.html", {"form": form})


@login_required
def feed_upload_preview(request: HttpRequest, token: str) -> HttpResponse:
    """Every row with what it would do, or its errors by column; nothing is written."""
    _require_reporter(request.user)
    name = kept_upload(request.user, token)
    try:
        with default_storage.open(name, "rb") as handle:
            rows = feed_import.load_rows(handle, name)
    except feed_import.PayloadError as exc:
        messages.error(request, exc.message)
        return redirect("campaigns:feed_upload")
    items, errors = feed_import.items_from_rows(rows)
    outcome = services.feed_values_check(
        items=items, errors=errors, allow=reports_for(request.user), by=request.user,
        source=IndicatorReport.Source.UPLOAD, noun="row",
    )  # fmt: skip
    context = {"token": token, "outcome": outcome, **_preview_rows(rows, outcome)}
    return render(request, "campaigns/feeds/preview.html", context)


def _preview_rows(rows: list[feed_import.RawRow], outcome: Any) -> dict[str, Any]:
    results = {result.item.index: result for result in outcome.results}
    errors: dict[int, list] = {}
    for error in outcome.errors:
        errors.setdefault(error.index, []).append(error)
    shown = [
        {"line": line, "cells": cells, "result": results.get(line), "errors": errors.get(line, []),
         "action": ACTIONS[results[line].action] if line in results else ""}
        for line, cells in rows[:PREVIEW_ROWS]
    ]  # fmt: skip
    return {
        "rows": shown,
        "read": len(rows),
        "hidden_rows": max(len(rows) - PREVIEW_ROWS, 0),
        "bad_rows": len(errors),
        "counts": {action: outcome.count(action) for action in ACTIONS},
    }


@login_required
@require_POST
def feed_upload_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Queue the import; the job checks the file again and writes every row or none."""
    _require_reporter(request.user)
    job = job_start(
        kind=FEED_UPLOAD,
        title=_("Indicator values from a file"),
        params={"file": kept_upload(request.user, token), "language": translation.get_language()},
        by=request.user,
    )
    return redirect("job_detail", pk=job.pk)


urlpatterns = [
    path("feeds/tokens/", feed_tokens, name="feed_tokens"),
    path("feeds/tokens/<int:pk>/revoke/", feed_token_revoke, name="feed_token_revoke"),
    path("feeds/v1/indicator-values/", feed_values, name="feed_values"),
    path("feeds/upload/", feed_upload, name="feed_upload"),
    path("feeds/upload/template/", feed_upload_template, name="feed_upload_template"),
    path("feeds/upload/<str:token>/", feed_upload_preview, name="feed_upload_preview"),
    path("feeds/upload/<str:token>/confirm/", feed_upload_confirm, name="feed_upload_confirm"),
]
