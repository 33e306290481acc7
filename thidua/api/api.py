"""thidua's REST API (django-ninja), mounted at /api/, with its OpenAPI description at
/api/openapi.json and a Swagger page at /api/docs (ninja's bundled assets, no CDN).

Each request acts as a user — the owner of the token, or the signed-in session — and asks the
same selectors, access helpers and services as the pages, so it never sees or does more than
that user could on a page. Answers are in the language of Accept-Language (Vietnamese unless
English is asked for). How to use it: docs/api.md.
"""

import json
from collections.abc import Callable
from decimal import Decimal
from functools import wraps
from typing import Any, NoReturn

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.parser import Parser

from thidua.api import errors
from thidua.api.auth import SessionAuth, TokenAuth
from thidua.api.routers import awards, decisions, eligibility, indicators, org


class JsonParser(Parser):
    """Numbers with a decimal point are read as Decimal, so 61.67 stays exact (as in the feed);
    NaN and Infinity are not JSON and are refused."""

    def parse_body(self, request: HttpRequest) -> Any:
        return json.loads(request.body, parse_float=Decimal, parse_constant=_not_a_number)


def _not_a_number(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number JSON allows")


def in_callers_language(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer in the language the caller asks for (Accept-Language, or the language cookie of a
    browser session); Vietnamese otherwise. The pages ignore Accept-Language on purpose; a
    program asks for its language explicitly."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = translation.get_language_from_request(request)
        with translation.override(language):
            response = run(request, *args, **kwargs)
        response["Content-Language"] = language
        response.setdefault("Cache-Control", "no-store")  # answers are personal
        return response

    return wrapper


api = NinjaAPI(
    title="thidua API",
    version="1",
    description="Units, people, clusters, award history, decisions, eligibility verdicts, "
    "indicator values and achievement records, for programs acting as a user. "
    "See docs/api.md.",
    urls_namespace="api",
    docs_url="/docs",
    auth=[TokenAuth(), SessionAuth()],
    parser=JsonParser(),
)
api.add_decorator(in_callers_language, mode="view")
errors.install(api)


def _too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    message = _("The body is too large.")
    return errors.error_response(api, request, 413, "too_large", message)


api.add_exception_handler(RequestDataTooBig, _too_large)
api.add_router("", org.router)
api.add_router("", awards.router)
api.add_router("", decisions.router)
api.add_router("", eligibility.router)
api.add_router("", indicators.router)
