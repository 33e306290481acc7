"""The portal's public record pages (no sign-in, GET only): issued decisions, published rankings
and exemplary units and people. What is not public answers 404; what a person shows is the
policy of `thidua.news.records`."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from thidua.news import records

PAGE_SIZE = 20


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) <= 4 else None


def _page(request: HttpRequest, items: Any) -> Any:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """Every record page: the canonical address (no query). The side blocks come from the
    portal's sidebar ({% news_side_blocks %} renders and caches them itself)."""
    context = {"canonical": request.build_absolute_uri(request.path), **context}
    return render(request, f"news/records/{template}", context)


@require_GET
def decision_list(request: HttpRequest) -> HttpResponse:
    year = _number(request.GET.get("nam"))
    issuer = request.GET.get("co-quan", "").strip()[:32]
    query = request.GET.get("q", "").strip()[:200]
    found = records.issued_decisions(year=year, issuer=issuer, query=query)
    context = {
        "page": _page(request, found),
        "year": year,
        "issuer": issuer,
        "query": query,
        "years": records.decision_years(),
        "issuers": records.decision_issuers(),
    }
    return _render(request, "decisions.html", context)


@require_GET
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    shown = records.decision_public(pk)
    if shown is None:
        raise Http404
    return _render(request, "decision.html", {"shown": shown, "decision": shown.decision})


@require_GET
def ranking_list(request: HttpRequest) -> HttpResponse:
    year = _number(request.GET.get("nam"))
    found = records.published_rankings(year=year)
    return _render(request, "rankings.html", {"page": _page(request, found), "year": year})


@require_GET
def ranking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    shown = records.ranking_public(pk)
    if shown is None:
        raise Http404
    return _render(request, "ranking.html", {"shown": shown, "ranking": shown.ranking})


@require_GET
def exemplary_list(request: HttpRequest) -> HttpResponse:
    year = _number(request.GET.get("nam"))
    people = request.GET.get("loai") == "ca-nhan"
    units, persons = records.exemplary_list(year=year)
    context = {
        "page": _page(request, persons if people else units),
        "people": people,
        "year": year,
        "years": sorted({h.year for s in units + persons for h in s.honours}, reverse=True),
    }
    return _render(request, "exemplary.html", context)


@require_GET
def exemplary_unit(request: HttpRequest, pk: int) -> HttpResponse:
    return _subject_page(request, records.exemplary_unit(pk))


@require_GET
def exemplary_person(request: HttpRequest, pk: int) -> HttpResponse:
    return _subject_page(request, records.exemplary_person(pk))


def _subject_page(request: HttpRequest, subject: records.Exemplary | None) -> HttpResponse:
    if subject is None:
        raise Http404
    context = {"subject": subject, "articles": records.exemplary_articles(subject)}
    return _render(request, "exemplary_subject.html", context)


urlpatterns = [
    path("cong-bo/quyet-dinh/", decision_list, name="decisions"),
    path("cong-bo/quyet-dinh/<int:pk>/", decision_detail, name="decision"),
    path("cong-bo/xep-hang/", ranking_list, name="rankings"),
    path("cong-bo/xep-hang/<int:pk>/", ranking_detail, name="ranking"),
    path("cong-bo/dien-hinh/", exemplary_list, name="exemplary"),
    path("cong-bo/dien-hinh/don-vi/<int:pk>/", exemplary_unit, name="exemplary_unit"),
    path("cong-bo/dien-hinh/ca-nhan/<int:pk>/", exemplary_person, name="exemplary_person"),
]
