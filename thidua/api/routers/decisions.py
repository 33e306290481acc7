"""Issued decisions (public documents of the sector) with their lines."""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest
from ninja import Path, Query, Router
from ninja.pagination import paginate

from thidua.api.pagination import Pagination
from thidua.api.schemas import MAX_ID, DecisionDetailOut, DecisionOut, DecisionQuery
from thidua.nominations.models import Decision, DecisionLine
from thidua.nominations.selectors import decisions as selectors

router = Router(tags=["Decisions"])


@router.get("/decisions", response=list[DecisionOut], summary="Issued decisions")
@paginate(Pagination)
def decision_list(request: HttpRequest, filters: Query[DecisionQuery]) -> Any:
    """Newest first. Drafts are never listed here, not even to those who issue them."""
    return selectors.decisions_for(
        request.auth, year=filters.year, q=filters.q or "", status=Decision.Status.ISSUED
    )


@router.get("/decisions/{decision_id}", response=DecisionDetailOut, summary="A decision")
def decision_detail(request: HttpRequest, decision_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    decision = selectors.decision_get(request.auth, decision_id)
    if not decision.is_issued:
        raise Http404
    lines = selectors.decision_lines(decision)
    return {
        **DecisionOut.model_validate(decision).model_dump(),
        "lines": [_line(line) for line in lines],
        "total": selectors.decision_total(lines),
    }


def _line(line: DecisionLine) -> dict[str, Any]:
    names = ("order", "person_id", "unit_id", "label", "year", "period_start", "multiplier")
    return {
        **{name: getattr(line, name) for name in (*names, "amount")},
        "award": line.award.code,
        "award_name": line.award.name,
        "revoked": _revoked(line),
    }


def _revoked(line: DecisionLine) -> bool:
    try:
        return line.revocation is not None
    except ObjectDoesNotExist:
        return False
