"""The eligibility engine: on facts the caller sends, or on the facts thidua holds."""

from typing import Any

from django.http import HttpRequest
from ninja import Path, Query, Router

from thidua.api import verdicts
from thidua.api.schemas import MAX_ID, ErrorOut, SubjectVerdictQuery, VerdictIn, VerdictOut
from thidua.awards.selectors import evaluation_year
from thidua.org import access

router = Router(tags=["Eligibility"])
ANSWERS = {200: VerdictOut, 404: ErrorOut, 422: ErrorOut}


@router.post("/eligibility/verdict", response=ANSWERS, summary="Judge facts you send")
def verdict_on_facts(request: HttpRequest, payload: VerdictIn) -> Any:
    """`subject` is a person or a collective in the JSON facts format of docs/eligibility.md.
    Facts that do not read answer 422 with every problem and its JSON path."""
    return verdicts.verdict_from_facts(**payload.model_dump())


@router.get("/people/{person_id}/verdict", response=ANSWERS, summary="Judge a person")
def person_verdict(
    request: HttpRequest,
    filters: Query[SubjectVerdictQuery],
    person_id: int = Path(..., ge=1, le=MAX_ID),
) -> Any:
    """The engine on the person's records, judged today, as their award page shows it."""
    person = access.person_for(request.auth, person_id)
    year = filters.year or evaluation_year()
    return verdicts.verdict_for_person(person, award=filters.award, year=year)


@router.get("/units/{unit_id}/verdict", response=ANSWERS, summary="Judge a unit")
def unit_verdict(
    request: HttpRequest,
    filters: Query[SubjectVerdictQuery],
    unit_id: int = Path(..., ge=1, le=MAX_ID),
) -> Any:
    """The engine on the collective's records, as its who-is-due page judges them."""
    unit = access.unit_for(request.auth, unit_id, perm="org.view_unit_people")
    year = filters.year or evaluation_year()
    return verdicts.verdict_for_unit(unit, award=filters.award, year=year)
