"""Every refusal as one JSON shape, in the caller's language:

    {"error": "<code>", "message": "<a sentence>", "errors": [{"field", "code", "message"}]}

401 no or bad credentials, 403 a visible record the user may not change, 404 a record that does
not exist or that the user may not see (the two are never told apart), 409 a concurrent write,
422 values that do not pass the checks (each with its field).
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestInvalid

from thidua.api import services
from thidua.api.auth import CsrfRejected, TokenRejected

# Pydantic's error types in words (its own messages are English only).
_NUMBER = gettext_lazy("Give a number here.")
_WHOLE = gettext_lazy("Give a whole number here.")
_DATE = gettext_lazy("Give a date written YYYY-MM-DD.")
_BOOL = gettext_lazy("Give true or false here.")
_TEXT = gettext_lazy("Give a text here.")
_DIGITS = gettext_lazy("This number has too many digits.")
_OBJECT = gettext_lazy("Give a JSON object here.")
_PYDANTIC = {
    "missing": gettext_lazy("Fill in this value."),
    "extra_forbidden": gettext_lazy("Unknown field."),
    "greater_than_equal": gettext_lazy("Give %(ge)s or more."),
    "less_than_equal": gettext_lazy("Give %(le)s or less."),
    "string_too_long": gettext_lazy("At most %(max_length)s characters."),
    "string_too_short": gettext_lazy("Fill in this value."),
    "string_pattern_mismatch": gettext_lazy("This text has characters that are not allowed."),
    "list_type": gettext_lazy("Give a list here."),
    **dict.fromkeys(("int_parsing", "int_type", "int_from_float"), _WHOLE),
    **dict.fromkeys(("decimal_parsing", "decimal_type", "finite_number"), _NUMBER),
    **dict.fromkeys(("float_parsing", "float_type"), _NUMBER),
    **dict.fromkeys(("decimal_max_digits", "decimal_max_places", "decimal_whole_digits"), _DIGITS),
    **dict.fromkeys(("date_parsing", "date_type", "date_from_datetime_parsing"), _DATE),
    **dict.fromkeys(("date_from_datetime_inexact", "date_past", "date_future"), _DATE),
    **dict.fromkeys(("bool_parsing", "bool_type"), _BOOL),
    **dict.fromkeys(("string_type", "string_unicode"), _TEXT),
    **dict.fromkeys(("dict_type", "model_type", "model_attributes_type"), _OBJECT),
}
_SOURCES = ("body", "query", "path", "header", "cookie", "form", "file")
TOKEN_MESSAGES = {
    services.INVALID: gettext_lazy("The token is missing, wrong or revoked."),
    services.REVOKED: gettext_lazy("This token was revoked; make a new one."),
    services.EXPIRED: gettext_lazy("This token has expired; make a new one."),
    services.INACTIVE: gettext_lazy("The account this token belongs to is disabled."),
}


class Conflict(Exception):
    """Another request changed the same record at the same moment; sending again will do."""


def error_response(
    api: NinjaAPI, request: HttpRequest, status: int, code: str, message: str, **extra: Any
) -> HttpResponse:
    body = {"error": code, "message": str(message), **extra}
    return api.create_response(request, body, status=status)


def field_errors(exc: ValidationError) -> list[dict[str, Any]]:
    """A Django ValidationError (a DomainError, a model check) as field errors."""
    code = getattr(exc, "code", None) or "invalid"
    if hasattr(exc, "error_dict"):
        return [
            {"field": "" if name == "__all__" else name, "code": code, "message": message}
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return [{"field": "", "code": code, "message": message} for message in exc.messages]


def request_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ninja's list of pydantic errors, each with its field path and a translated message."""
    return [
        {"field": _field(error.get("loc", ())), "code": error.get("type", "invalid"),
         "message": _pydantic_message(error)}
        for error in errors
    ]  # fmt: skip


def _field(loc: Any) -> str:
    parts = [str(part) for part in loc]
    if parts and parts[0] in _SOURCES:
        # A body arrives as one parameter ("payload"); its fields follow.
        parts = parts[2:] if parts[0] == "body" else parts[1:]
    return ".".join(parts)


def _pydantic_message(error: dict[str, Any]) -> str:
    template = _PYDANTIC.get(error.get("type", ""))
    if template is None:
        return _("This value is not valid.")
    try:
        return str(template) % (error.get("ctx") or {})
    except (KeyError, TypeError, ValueError):
        return str(template)


def install(api: NinjaAPI) -> None:
    """Replace ninja's default answers ({"detail": …}, English) with ours."""

    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        reason = exc.reason if isinstance(exc, TokenRejected) else ""
        code = "invalid_token" if reason else "not_authenticated"
        message = TOKEN_MESSAGES.get(reason) or _(
            "Sign in, or send a token in the header Authorization: Bearer <token>."
        )
        response = error_response(api, request, 401, code, message)
        response["WWW-Authenticate"] = 'Bearer realm="thidua"' + (
            ', error="invalid_token"' if reason else ""
        )
        return response

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc, CsrfRejected):
            message = _("The CSRF check failed: reload the page and try again.")
            return error_response(api, request, 403, "csrf_failed", message)
        if exc.status_code == 400:  # ninja could not read the body
            message = _("The body is not valid JSON (UTF-8).")
            return error_response(api, request, 400, "invalid_json", message)
        return error_response(api, request, exc.status_code, "error", str(exc))

    def invalid_request(request: HttpRequest, exc: RequestInvalid) -> HttpResponse:
        message = _("Some values are not valid; see the list of errors.")
        errors = request_errors(exc.errors)
        return error_response(api, request, 422, "invalid", message, errors=errors)

    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        message = str(exc) or _("Not found, or you may not see it.")
        return error_response(api, request, 404, "not_found", message)

    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        message = str(exc) or _("You do not have permission to do this.")
        return error_response(api, request, 403, "forbidden", message)

    def refused(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = field_errors(exc)
        message = getattr(exc, "headline", None) or (
            errors[0]["message"]
            if len(errors) == 1
            else _("Some values are not valid; see the list of errors.")
        )
        return error_response(api, request, 422, "invalid", message, errors=errors)

    def conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
        message = _("Another request was saving the same values; send this one again.")
        return error_response(api, request, 409, "conflict", message)

    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(Conflict, conflict)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(RequestInvalid, invalid_request)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(ValidationError, refused)
