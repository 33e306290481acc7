"""Background jobs of the org app (registered with core's job runner on start-up)."""

import io
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook

from thidua.core.jobs import Progress, job_runner, job_save_result
from thidua.core.models import Job
from thidua.core.spreadsheets import header_row, write_rows
from thidua.org.models import Person, Unit
from thidua.org.selectors import unit_people

UNIT_PEOPLE_EXPORT = "org.unit_people_export"
_COLUMN_WIDTHS = (32, 10, 14, 40, 28, 14)


@job_runner(UNIT_PEOPLE_EXPORT)
def unit_people_export(job: Job, progress: Progress) -> None:
    """The people of a unit and its sub-units as .xlsx, in the language of whoever started it."""
    unit = Unit.objects.get(pk=job.params["unit_id"])
    with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
        content = _people_workbook(unit, progress)
    job_save_result(job, filename=f"{slugify(unit.code) or unit.pk}-people.xlsx", content=content)


def _people_workbook(unit: Unit, progress: Progress) -> bytes:
    people = unit_people(unit)
    progress.set_total(people.count())
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=_("People")[:31])  # Excel's limit for sheet names
    header_row(sheet, _headers(), _COLUMN_WIDTHS)
    write_rows(sheet, _rows(people, progress))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _headers() -> list[str]:
    return [
        _("Full name"),
        _("Gender"),
        _("Date of birth"),
        _("Unit"),
        _("Position"),
        _("Employment start"),
    ]


def _rows(people: Any, progress: Progress) -> Iterator[list[Any]]:
    for done, person in enumerate(people.iterator(chunk_size=500), start=1):
        yield _row(person)
        progress.advance(done)


def _row(person: Person) -> list[Any]:
    return [
        person.full_name,
        person.get_gender_display(),
        person.birth_date,
        person.unit.name if person.unit else "",
        person.position,
        person.employment_start,
    ]
