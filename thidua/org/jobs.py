"""Background jobs of the org app (registered with core's job runner on start-up)."""

import datetime as dt
import io
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from thidua.core.jobs import Progress, job_runner, job_save_result
from thidua.core.models import Job
from thidua.org.models import Person, Unit
from thidua.org.selectors import unit_people

UNIT_PEOPLE_EXPORT = "org.unit_people_export"
# A spreadsheet program runs a cell starting with one of these as a formula ("=HYPERLINK(…)").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_DATE_FORMAT = "DD/MM/YYYY"
_COLUMN_WIDTHS = {"A": 32, "B": 10, "C": 14, "D": 40, "E": 28, "F": 14}


def spreadsheet_safe(value: Any) -> Any:
    """Text that a spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


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
    # A write-only sheet takes its layout before the first row.
    for column, width in _COLUMN_WIDTHS.items():
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_header(sheet, text) for text in _headers()])
    for done, person in enumerate(people.iterator(chunk_size=500), start=1):
        sheet.append([_cell(sheet, value) for value in _row(person)])
        progress.advance(done)
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


def _row(person: Person) -> list[Any]:
    return [
        person.full_name,
        person.get_gender_display(),
        person.birth_date,
        person.unit.name if person.unit else "",
        person.position,
        person.employment_start,
    ]


def _header(sheet: Any, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=spreadsheet_safe(text))
    cell.font = Font(bold=True)
    return cell


def _cell(sheet: Any, value: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=spreadsheet_safe(value))
    if isinstance(value, dt.date):
        cell.number_format = _DATE_FORMAT  # Vietnamese offices read day/month/year
    return cell
