"""Plumbing shared by the org pages: paging, and running a service behind a form."""

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, QueryDict
from django_htmx.middleware import HtmxDetails

from thidua.org.forms import PageForm


class HtmxHttpRequest(HttpRequest):
    """A request after django-htmx's middleware (`request.htmx` is truthy for htmx calls)."""

    htmx: HtmxDetails


def page_of(request: HttpRequest, items: Iterable[Any]) -> Page:
    return Paginator(items, settings.PAGE_SIZE).get_page(request.GET.get("page"))


def submit(
    request: HttpRequest, form: PageForm, action: Callable[[dict[str, Any]], Any]
) -> tuple[bool, Any]:
    """On POST, validate the form and run the service with its data.

    Returns (done, what the service returned). A refusal (DomainError, or the ValidationError of
    a model check) lands beside the field it names, so the page re-renders with what was typed.
    """
    if request.method != "POST" or not form.is_valid():
        return False, None
    try:
        return True, action(form.cleaned_data)
    except ValidationError as exc:
        form.add_refusal(exc)
        return False, None


def form_data(request: HttpRequest) -> QueryDict | None:
    """The posted data (even when empty), or None so a GET shows an unbound form."""
    return request.POST if request.method == "POST" else None
