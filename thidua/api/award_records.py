"""An achievement record sent through the API: the award-history import's checks on one row,
then `awards.services.award_record_add`, with the import's permission (`awards.jobs.IMPORT_PERM`).
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thidua.api.access import unit_by_code
from thidua.api.errors import Conflict
from thidua.awards import importer
from thidua.awards.jobs import IMPORT_PERM
from thidua.awards.models import AwardRecord
from thidua.awards.services import award_record_add

# The import's column keys that the API names differently.
_FIELD_NAMES = {"unit_code": "unit"}
_LINE = 1  # the importer numbers rows; the API sends one


class RecordRefused(ValidationError):
    code = "invalid"


def award_record_post(*, user: Any, data: dict[str, Any]) -> AwardRecord:
    """Record an award a person or a unit received; every refusal names its field."""
    unit = unit_by_code(
        user, data["unit"], perm=IMPORT_PERM,
        refusal=_("You may not change the award history of %(unit)s."),
    )  # fmt: skip
    rows = [(_LINE, _cells(unit, data))]
    result = importer.check_rows(rows, importer.lookups_for(unit=unit, rows=rows))
    if result.errors:
        raise RecordRefused(_by_field(result.errors))
    row = result.rows[0]
    try:
        with transaction.atomic():
            return award_record_add(
                award=row.award, year=row.year, person=row.person, unit=row.unit, by=user,
                source=AwardRecord.Source.IMPORT, **row.record_values(),
            )  # fmt: skip
    except IntegrityError as exc:  # the same record, sent twice at once: one of them stands
        raise Conflict from exc


def _cells(unit: Any, data: dict[str, Any]) -> dict[str, Any]:
    """The row the import would read: a person by staff code and name, or the unit itself."""
    if data.get("staff_code"):
        who = {"staff_code": data["staff_code"], "full_name": data.get("full_name") or ""}
    else:
        who = {"unit_code": unit.code}
    keys = ("award", "year", "period_start", "decision_number", "decision_date", "issuer")
    return {**who, **{key: data.get(key) for key in (*keys, "limb", "revoked")}}


def _by_field(errors: list[importer.CellError]) -> dict[str, list[str]]:
    by_field: dict[str, list[str]] = {}
    for error in errors:
        field = _FIELD_NAMES.get(error.column, error.column) or "__all__"
        by_field.setdefault(field, []).append(error.message)
    return by_field
