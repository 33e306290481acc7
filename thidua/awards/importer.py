"""Award history from a spreadsheet: reading the file and checking every row and cell.

Nothing here writes: `load_rows` reads the raw rows, `lookups_for` loads what they refer to in
four queries, `check_rows` returns the rows to add and the errors by row and column. The import
job (`jobs.py`) writes all of the rows or none.
"""

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from thidua.awards.models import AwardRecord, AwardType, Subject
from thidua.core.formatting import short_date
from thidua.core.spreadsheets import cell_text
from thidua.core.text import fold
from thidua.org.models import Person, Unit

MAX_FILE_SIZE = 10 * 1024 * 1024
MAX_ROWS = 20_000
FIRST_YEAR, LAST_YEAR = 1945, 2100
LIMB_AWARD = "CSTDCS"  # the only award whose record says which criterion it was won on
_ZIP_SIGNATURE = b"PK\x03\x04"  # an .xlsx is a zip archive
_DATE_TEXT = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_REVOKED_YES = {"x", "1", "true", "yes", "co"}  # folded: "Có" -> "co"
_REVOKED_NO = {"", "0", "false", "no", "khong"}


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    width: int


COLUMNS = (
    Column("staff_code", gettext_lazy("Staff code"), 14),
    Column("unit_code", gettext_lazy("Unit code"), 14),
    Column("full_name", gettext_lazy("Full name"), 28),
    Column("award", gettext_lazy("Award code"), 14),
    Column("year", gettext_lazy("Achievement year"), 12),
    Column("period_start", gettext_lazy("Period from (year)"), 12),
    Column("decision_number", gettext_lazy("Decision number"), 18),
    Column("decision_date", gettext_lazy("Decision date"), 14),
    Column("issuer", gettext_lazy("Issued by"), 32),
    Column("limb", gettext_lazy("Won on (CSTDCS only)"), 18),
    Column("revoked", gettext_lazy("Revoked"), 10),
)
_BY_KEY = {column.key: column for column in COLUMNS}
_ALWAYS_REQUIRED = ("award", "year", "decision_number", "decision_date", "issuer")


def column_label(key: str) -> str:
    return str(_BY_KEY[key].label)


class ImportFileError(Exception):
    """The file as a whole cannot be used (not an .xlsx, too large, columns missing)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CellError:
    line: int
    column: str | None  # a key of COLUMNS, or None for the row as a whole
    message: str

    @property
    def column_label(self) -> str:
        return column_label(self.column) if self.column else ""

    def __str__(self) -> str:
        if self.column is None:
            return _("Row %(row)s: %(message)s") % {"row": self.line, "message": self.message}
        return _("Row %(row)s, column %(column)s: %(message)s") % {
            "row": self.line,
            "column": self.column_label,
            "message": self.message,
        }


@dataclass
class ImportRow:
    """A checked row, ready for `services.award_record_add`."""

    line: int
    award: AwardType
    person: Person | None
    unit: Unit | None
    year: int
    period_start: int | None
    decision_number: str
    decision_date: dt.date
    issuer: str
    limb: str
    revoked: bool

    def record_values(self) -> dict[str, Any]:
        names = ("period_start", "decision_number", "decision_date", "issuer", "limb", "revoked")
        return {name: getattr(self, name) for name in names}

    @property
    def limb_label(self) -> str:
        return AwardRecord.Limb(self.limb).label if self.limb else ""

    @property
    def duplicate_key(self) -> tuple[int, str, int, int]:
        if self.person is not None:
            return (self.award.pk, "person", self.person.pk, self.year)
        return (self.award.pk, "unit", self.unit.pk, self.year)


@dataclass
class ImportResult:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    read: int = 0  # non-empty data rows in the file

    @property
    def bad_lines(self) -> list[int]:
        return sorted({error.line for error in self.errors})


RawRow = tuple[int, dict[str, Any]]  # (row number in the sheet, {column key: cell value})


# ---- the file ----------------------------------------------------------------------------


def open_book(handle: IO[bytes]) -> Any:
    """The workbook in read-only mode, if the content really is an .xlsx (not just its name)."""
    message = _("This file is not an Excel workbook (.xlsx). Save it as .xlsx and upload it again.")
    refused = ImportFileError(message)
    handle.seek(0)
    if handle.read(len(_ZIP_SIGNATURE)) != _ZIP_SIGNATURE:
        raise refused
    handle.seek(0)
    try:
        book = load_workbook(handle, read_only=True, data_only=True)
        book.worksheets[0]  # a zip without a sheet is no workbook either
    except Exception as exc:  # openpyxl raises many kinds on foreign or damaged zips
        raise refused from exc
    return book


def _header_aliases() -> dict[str, str]:
    """Header labels of every language, folded: a colleague may work in the other language."""
    aliases = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            aliases |= {fold(str(c.label)): c.key for c in COLUMNS}
    return aliases


def header_columns(header: Sequence[Any]) -> dict[str, int]:
    """{column key: position} from the header row; missing columns raise, naming them."""
    aliases = _header_aliases()
    found: dict[str, int] = {}
    for position, value in enumerate(header):
        key = aliases.get(fold(str(value))) if value is not None else None
        if key and key not in found:
            found[key] = position
    missing = [column_label(key) for key in _ALWAYS_REQUIRED if key not in found]
    if "staff_code" not in found and "unit_code" not in found:
        either = {"a": column_label("staff_code"), "b": column_label("unit_code")}
        missing.insert(0, _("%(a)s or %(b)s") % either)
    elif "staff_code" in found and "full_name" not in found:
        missing.insert(0, column_label("full_name"))
    if missing:
        raise ImportFileError(
            _("These columns are missing: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    return found


def check_file(handle: IO[bytes]) -> None:
    """The checks done at upload: content and header (the rows are checked later)."""
    book = open_book(handle)
    try:
        header = next(book.worksheets[0].iter_rows(max_row=1, values_only=True), ())
        header_columns(header)
    finally:
        book.close()


def load_rows(handle: IO[bytes]) -> list[RawRow]:
    """The non-empty data rows of the first sheet, as {column key: value}."""
    book = open_book(handle)
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        columns = header_columns(next(rows, ()))
        found = []
        for line, values in enumerate(rows, start=2):
            if all(value is None or str(value).strip() == "" for value in values):
                continue
            if len(found) == MAX_ROWS:
                raise ImportFileError(
                    _("The file has more than %(limit)s rows; split it into smaller files.")
                    % {"limit": MAX_ROWS}
                )
            cells = {
                key: values[pos] if pos < len(values) else None for key, pos in columns.items()
            }
            found.append((line, cells))
    finally:
        book.close()
    return found


# ---- what the rows refer to, loaded in bulk -----------------------------------------------


@dataclass(frozen=True)
class Lookups:
    unit: Unit  # the unit (with its sub-units) the import covers
    awards: dict[str, AwardType]
    people: dict[str, list[Person]]  # staff code (upper case) -> people with that code
    units: dict[str, list[Unit]]  # unit code (upper case) -> units
    existing: frozenset[tuple[int, str, int, int]]  # live records: (award, kind, subject, year)


def _code(value: Any) -> str:
    return cell_text(value).upper()


def lookups_for(*, unit: Unit, rows: Iterable[RawRow]) -> Lookups:
    """Four queries, whatever the number of rows (no list of ids is sent to the database)."""
    rows = list(rows)
    staff_codes = {_code(cells.get("staff_code")) for _line, cells in rows} - {""}
    unit_codes = {_code(cells.get("unit_code")) for _line, cells in rows} - {""}
    people: dict[str, list[Person]] = defaultdict(list)
    if staff_codes:
        in_unit = Person.objects.filter(unit__path__startswith=unit.path).exclude(staff_code="")
        for person in in_unit:
            if _code(person.staff_code) in staff_codes:
                people[_code(person.staff_code)].append(person)
    units: dict[str, list[Unit]] = defaultdict(list)
    if unit_codes:
        for found in Unit.objects.filter(path__startswith=unit.path):
            if _code(found.code) in unit_codes:
                units[_code(found.code)].append(found)
    years = {cell_text(cells.get("year")) for _line, cells in rows}
    return Lookups(
        unit=unit,
        awards={award.code.upper(): award for award in AwardType.objects.all()},
        people=dict(people),
        units=dict(units),
        existing=_live_records(unit, {int(y) for y in years if y.isdigit()}),
    )


def _live_records(unit: Unit, years: set[int]) -> frozenset[tuple[int, str, int, int]]:
    """The live records of the unit's people and sub-units in the file's years."""
    records = AwardRecord.objects.filter(
        Q(person__unit__path__startswith=unit.path) | Q(unit__path__startswith=unit.path),
        year__in=years,
        revoked=False,
    ).values_list("award_id", "person_id", "unit_id", "year")
    return frozenset(
        (award, "person", person, year) if person else (award, "unit", unit_id, year)
        for award, person, unit_id, year in records
    )


# ---- checking the rows ---------------------------------------------------------------------


def check_rows(
    rows: Iterable[RawRow], lookups: Lookups, on_row: Callable[[int], None] | None = None
) -> ImportResult:
    """Every row checked cell by cell; then duplicates inside the file and against the records."""
    result = ImportResult()
    seen: dict[tuple[int, str, int, int], int] = {}
    for count, (line, cells) in enumerate(rows, start=1):
        result.read = count
        checker = _RowChecker(line, cells, lookups)
        row = checker.check()
        if row is not None:
            checker.check_duplicates(row, seen)
        if checker.errors:
            result.errors.extend(checker.errors)
        else:
            result.rows.append(row)
        if on_row:
            on_row(count)
    return result


def read_import(handle: IO[bytes], *, unit: Unit) -> ImportResult:
    rows = load_rows(handle)
    return check_rows(rows, lookups_for(unit=unit, rows=rows))


class _RowChecker:
    """Collects the errors of one row; each check reads one or two cells."""

    def __init__(self, line: int, cells: dict[str, Any], lookups: Lookups):
        self.line, self.cells, self.lookups = line, cells, lookups
        self.errors: list[CellError] = []

    def fail(self, column: str | None, message: str) -> None:
        self.errors.append(CellError(self.line, column, message))

    def check(self) -> ImportRow | None:
        person, unit = self.subject()
        award = self.award(person, unit)
        year = self.year("year", required=True)
        period_start = self.year("period_start", required=False)
        if year and period_start and period_start > year:
            self.fail("period_start", _("The period cannot start after the achievement year."))
        values = {
            "decision_number": self.text("decision_number", required=True),
            "decision_date": self.decision_date(year),
            "issuer": self.text("issuer", required=True),
            "limb": self.limb(award),
            "revoked": self.revoked(),
        }
        if self.errors:
            return None
        return ImportRow(self.line, award, person, unit, year, period_start, **values)

    # -- who ---------------------------------------------------------------------------------

    def subject(self) -> tuple[Person | None, Unit | None]:
        staff_code = cell_text(self.cells.get("staff_code"))
        unit_code = cell_text(self.cells.get("unit_code"))
        if staff_code and unit_code:
            self.fail(None, _("Fill in the staff code or the unit code, not both."))
        elif staff_code:
            return self.person(staff_code), None
        elif unit_code:
            return None, self.unit(unit_code)
        else:
            self.fail(None, _("Fill in the staff code of a person or the code of a unit."))
        return None, None

    def person(self, code: str) -> Person | None:
        found = self.lookups.people.get(code.upper(), [])
        if len(found) != 1:
            message = _("Several people in %(unit)s have staff code '%(code)s'.")
            if not found:
                message = _("No person with staff code '%(code)s' works in %(unit)s.")
            self.fail("staff_code", message % {"code": code, "unit": self.lookups.unit.name})
            return None
        given, person = cell_text(self.cells.get("full_name")), found[0]
        if not given:
            self.fail("full_name", _("Fill in this cell."))
        elif fold(given) != fold(person.full_name):
            message = _("'%(given)s' is not the name of staff code %(code)s (%(name)s).")
            self.fail("full_name", message % {"given": given, "code": code, "name": person})
        return person

    def unit(self, code: str) -> Unit | None:
        found = self.lookups.units.get(code.upper(), [])
        if len(found) == 1:
            return found[0]
        message = _("'%(code)s' is not the code of a unit within %(unit)s.")
        self.fail("unit_code", message % {"code": code, "unit": self.lookups.unit.name})
        return None

    # -- what and when -----------------------------------------------------------------------

    def award(self, person: Person | None, unit: Unit | None) -> AwardType | None:
        code = cell_text(self.cells.get("award"))
        award = self.lookups.awards.get(code.upper())
        if not code:
            self.fail("award", _("Fill in this cell."))
        elif award is None:
            self.fail("award", _("'%(code)s' does not exist.") % {"code": code})
        elif award.subject == Subject.INDIVIDUAL and unit is not None:
            message = _("%(code)s is awarded to individuals, not to units.")
            self.fail("award", message % {"code": award.code})
        elif award.subject == Subject.COLLECTIVE and person is not None:
            message = _("%(code)s is awarded to collectives, not to people.")
            self.fail("award", message % {"code": award.code})
        return award

    def year(self, key: str, *, required: bool) -> int | None:
        value = self.cells.get(key)
        text = cell_text(value)
        if not text:
            if required:
                self.fail(key, _("Fill in this cell."))
            return None
        if not re.fullmatch(r"\d{1,4}", text):
            self.fail(key, _("'%(value)s' is not a whole year.") % {"value": text})
            return None
        if not FIRST_YEAR <= int(text) <= LAST_YEAR:
            limits = {"value": text, "first": FIRST_YEAR, "last": LAST_YEAR}
            self.fail(key, _("%(value)s is not between %(first)s and %(last)s.") % limits)
            return None
        return int(text)

    def decision_date(self, year: int | None) -> dt.date | None:
        found = self.date("decision_date")
        if found and year and found.year < year:
            message = _("The decision date (%(date)s) is before the achievement year %(year)s.")
            self.fail("decision_date", message % {"date": short_date(found), "year": year})
        return found

    def date(self, key: str) -> dt.date | None:
        value = self.cells.get(key)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = cell_text(value)
        match = _DATE_TEXT.fullmatch(text)
        if not text:
            self.fail(key, _("Fill in this cell."))
        elif not match:
            message = _("'%(value)s' is not a date; write it as dd/mm/yyyy.")
            self.fail(key, message % {"value": text})
        else:
            day, month, year = (int(part) for part in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                self.fail(key, _("%(value)s is not a real date.") % {"value": text})
        return None

    # -- the rest ----------------------------------------------------------------------------

    def text(self, key: str, *, required: bool) -> str:
        """Decision number and issuer: the column names the field of the award record."""
        text = cell_text(self.cells.get(key))
        limit = AwardRecord._meta.get_field(key).max_length
        if required and not text:
            self.fail(key, _("Fill in this cell."))
        elif len(text) > limit:
            message = _("At most %(limit)s characters (this cell has %(count)s).")
            self.fail(key, message % {"limit": limit, "count": len(text)})
        return text

    def limb(self, award: AwardType | None) -> str:
        text = cell_text(self.cells.get("limb"))
        if not text:
            return ""
        if award is not None and award.code != LIMB_AWARD:
            message = _("Only %(code)s rows take this cell; leave it empty.")
            self.fail("limb", message % {"code": LIMB_AWARD})
            return ""
        limbs = [(value, str(label)) for value, label in AwardRecord.Limb.choices if value]
        choices = {fold(name): value for value, label in limbs for name in (value, label)}
        if fold(text) not in choices:
            allowed = ", ".join(value for value, _label in limbs)
            message = _("'%(value)s' is not one of: %(choices)s.")
            self.fail("limb", message % {"value": text, "choices": allowed})
            return ""
        return choices[fold(text)]

    def revoked(self) -> bool:
        value = self.cells.get("revoked")
        if isinstance(value, bool):
            return value
        text = fold(cell_text(value))
        if text not in _REVOKED_YES | _REVOKED_NO:
            message = _("'%(value)s': write x for a revoked award, or leave the cell empty.")
            self.fail("revoked", message % {"value": cell_text(value)})
        return text in _REVOKED_YES

    def check_duplicates(self, row: ImportRow, seen: dict[tuple[int, str, int, int], int]) -> None:
        """Against live records (as the service checks), and between live rows of the file.

        The job writes revoked rows first, so a revoked row never collides with the file.
        """
        key = row.duplicate_key
        if key in self.lookups.existing:
            message = _("%(award)s for %(year)s is already recorded.")
            self.fail("year", message % {"award": row.award, "year": row.year})
        elif not row.revoked and key in seen:
            message = _("Row %(row)s already has this award for the same person or unit and year.")
            self.fail(None, message % {"row": seen[key]})
        elif not row.revoked:
            seen[key] = row.line
