"""Award history (what a person or a unit received) and adding achievement records to it."""

from typing import Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from thidua.api.award_records import award_record_post
from thidua.api.pagination import Pagination
from thidua.api.schemas import MAX_ID, AwardRecordIn, AwardRecordOut, ErrorOut, YearQuery
from thidua.awards.models import AwardRecord
from thidua.org import access

router = Router(tags=["Award history"])
ORDER = ("-year", "award__sort_order", "award__code", "pk")


def _history(records: Any, year: int | None) -> Any:
    records = records.select_related("award")
    return (records.filter(year=year) if year else records).order_by(*ORDER)


@router.get(
    "/people/{person_id}/awards", response=list[AwardRecordOut], summary="A person's awards"
)
@paginate(Pagination)
def person_awards(
    request: HttpRequest, filters: Query[YearQuery], person_id: int = Path(..., ge=1, le=MAX_ID)
) -> Any:
    """Every award received, revoked ones included (`revoked`), newest first."""
    person = access.person_for(request.auth, person_id)
    return _history(AwardRecord.objects.filter(person=person), filters.year)


@router.get("/units/{unit_id}/awards", response=list[AwardRecordOut], summary="A unit's awards")
@paginate(Pagination)
def unit_awards(
    request: HttpRequest, filters: Query[YearQuery], unit_id: int = Path(..., ge=1, le=MAX_ID)
) -> Any:
    """The awards the collective itself received (not those of its people)."""
    unit = access.unit_for(request.auth, unit_id)
    return _history(AwardRecord.objects.filter(unit=unit), filters.year)


@router.post(
    "/award-records",
    response={201: AwardRecordOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Add an award a person or a unit received",
)
def award_record_create(request: HttpRequest, payload: AwardRecordIn) -> Any:
    """For a person give `staff_code` and `full_name` (checked against each other) and, as
    `unit`, the unit they work in; for a collective give only `unit`. Checked like a row of the
    award-history import, by someone who may import the unit's history."""
    record = award_record_post(user=request.auth, data=payload.model_dump())
    return Status(201, record)
