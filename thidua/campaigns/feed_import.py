"""Reading feed values: a JSON request body, or an uploaded CSV or Excel file, into FeedItems.

Nothing here touches the database. Items name their unit, indicator and period by code;
`services.feeds` resolves and records them. Every error says where it is: the item's position
in the request (from 0), or the row of the file (the header is row 1) and the column.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from thidua.campaigns.figures import PERIOD_KEYS
from thidua.campaigns.models import Indicator, ReportingPeriod
from thidua.core.spreadsheets import cell_text, code_sheet, header_row, list_validation, sheet_title
from thidua.core.text import fold

MAX_ITEMS = 1000  # values in one request
MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 5000  # rows of one file: the preview checks them all while the user waits
MAX_NOTE = 2000
FIRST_YEAR, LAST_YEAR = 2000, 2100
FIGURES = ("numerator", "denominator", "value")
JSON_FIELDS = frozenset({"unit", "cluster", "indicator", "year", "period", "note", *FIGURES})
_ZIP_SIGNATURE = b"PK\x03\x04"  # an .xlsx is a zip archive
_NUMBER_TEXT = re.compile(r"-?\d+([.,]\d+)?")


@dataclass(frozen=True)
class FeedItem:
    """One value to record, as sent: codes, not records."""

    index: int
    unit: str
    indicator: str
    year: int
    period: str
    cluster: int | None = None
    figures: dict[str, Decimal | None] = field(default_factory=dict)
    note: str | None = None  # None keeps the report's note; "" clears it


@dataclass(frozen=True)
class ItemError:
    index: int
    field: str | None  # a key of the item (a column of the file), or None for the whole item
    message: str
    code: str = "invalid"

    def as_json(self) -> dict[str, Any]:
        names = ("index", "field", "code", "message")
        return {name: getattr(self, name) for name in names}

    @property
    def column_label(self) -> str:
        return column_label(self.field) if self.field in _BY_KEY else ""

    def describe(self) -> str:
        """Where and what, for a file (the index is the row number)."""
        if not self.field:
            return _("Row %(row)s: %(message)s") % {"row": self.index, "message": self.message}
        return _("Row %(row)s, column %(column)s: %(message)s") % {
            "row": self.index,
            "column": self.column_label or self.field,
            "message": self.message,
        }


class PayloadError(Exception):
    """The request or the file as a whole cannot be used (its shape, size or kind)."""

    def __init__(self, message: str, *, code: str = "bad_request"):
        super().__init__(message)
        self.message = message
        self.code = code


# ---- JSON ----------------------------------------------------------------------------------


def items_from_json(payload: Any) -> tuple[list[FeedItem], list[ItemError]]:
    """One object, or {"values": [objects]}: the items that read well and the errors of the rest.

    Numbers must arrive as JSON numbers (parsed as Decimal, so 61.67 stays exact)."""
    if isinstance(payload, dict) and "values" in payload:
        entries = payload["values"]
        if not isinstance(entries, list) or not entries:
            raise PayloadError(_('"values" must be a list of one or more objects.'))
        if len(entries) > MAX_ITEMS:
            message = _("At most %(limit)s values may be sent in one request.")
            raise PayloadError(message % {"limit": MAX_ITEMS}, code="too_many_values")
    elif isinstance(payload, dict):
        entries = [payload]
    else:
        raise PayloadError(_('The body must be a JSON object: one value, or {"values": [...]}.'))
    items, errors = [], []
    for index, entry in enumerate(entries):
        reader = _ItemReader(index, entry if isinstance(entry, dict) else {})
        if not isinstance(entry, dict):
            reader.fail(None, _("Each value must be a JSON object."))
        else:
            reader.read_json()
        _collect(reader, items, errors)
    return items, errors


def _collect(reader: "_ItemReader", items: list[FeedItem], errors: list[ItemError]) -> None:
    if reader.errors:
        errors.extend(reader.errors)
    else:
        items.append(reader.item())


class _ItemReader:
    """Reads the cells of one item (JSON values, or spreadsheet cells) and notes each error."""

    def __init__(self, index: int, cells: dict[str, Any]):
        self.index, self.cells = index, cells
        self.errors: list[ItemError] = []
        self.values: dict[str, Any] = {}

    def fail(self, key: str | None, message: str) -> None:
        self.errors.append(ItemError(self.index, key, message))

    def item(self) -> FeedItem:
        figures = {name: self.values.get(name) for name in FIGURES}
        keys = ("unit", "indicator", "year", "period", "cluster", "note")
        return FeedItem(index=self.index, figures=figures, **{k: self.values.get(k) for k in keys})

    def read_json(self) -> None:
        for key in sorted(set(self.cells) - JSON_FIELDS):
            self.fail(key, _("Unknown field."))
        for key in ("unit", "indicator", "period"):
            value = self.cells.get(key)
            if not isinstance(value, str) or not value.strip():
                self.fail(key, _("Give a text code here."))
            else:
                self.values[key] = value.strip()
        if "period" in self.values:
            self.period(self.values["period"].upper())
        self.whole("year", self.cells.get("year"), required=True)
        self.whole("cluster", self.cells.get("cluster"), required=False)
        for key in FIGURES:
            value = self.cells.get(key)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int | Decimal):
                self.fail(key, _("Give a number here."))
            else:
                self.values[key] = Decimal(value)
        self.note(self.cells.get("note"), json=True)

    def whole(self, key: str, value: Any, *, required: bool) -> None:
        if value is None or value == "":
            if required:
                self.fail(key, _("Fill in this value."))
            return
        if isinstance(value, Decimal) and value == value.to_integral_value():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, _("Give a whole number here."))
        elif key == "year" and not FIRST_YEAR <= value <= LAST_YEAR:
            limits = {"value": value, "first": FIRST_YEAR, "last": LAST_YEAR}
            self.fail(key, _("%(value)s is not a year between %(first)s and %(last)s.") % limits)
        else:
            self.values[key] = value

    def period(self, key: str) -> None:
        if key in PERIOD_KEYS:
            self.values["period"] = key
            return
        message = _("'%(value)s' is not a period; use one of %(keys)s.")
        self.fail("period", message % {"value": key, "keys": ", ".join(PERIOD_KEYS)})

    def note(self, value: Any, *, json: bool) -> None:
        if value is None:
            return
        if json and not isinstance(value, str):
            self.fail("note", _("Give a text here."))
            return
        text = cell_text(value)
        if len(text) > MAX_NOTE:
            message = _("At most %(limit)s characters (this has %(count)s).")
            self.fail("note", message % {"limit": MAX_NOTE, "count": len(text)})
        else:
            self.values["note"] = text

    # -- spreadsheet cells ---------------------------------------------------------------------

    def read_cells(self) -> None:
        for key in ("unit", "indicator"):
            text = cell_text(self.cells.get(key))
            if not text:
                self.fail(key, _("Fill in this cell."))
            else:
                self.values[key] = text
        self.period_cell()
        for key, required in (("year", True), ("cluster", False)):
            text = cell_text(self.cells.get(key))
            self.whole(key, int(text) if text.isdigit() else text or None, required=required)
        for key in FIGURES:
            self.number_cell(key)
        text = cell_text(self.cells.get("note"))
        self.note(text or None, json=False)

    def period_cell(self) -> None:
        text = cell_text(self.cells.get("period"))
        if not text:
            self.fail("period", _("Fill in this cell."))
        else:
            self.period(_period_aliases().get(fold(text), text.upper()))

    def number_cell(self, key: str) -> None:
        value = self.cells.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            self.values[key] = Decimal(str(value))
            return
        text = re.sub(r"\s", "", cell_text(value))  # "1 054" with a (non-breaking) group space
        if not text:
            return
        if not _NUMBER_TEXT.fullmatch(text):
            self.fail(key, _("'%(value)s' is not a number.") % {"value": cell_text(value)})
            return
        try:
            self.values[key] = Decimal(text.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern admits only digits
            self.fail(key, _("'%(value)s' is not a number.") % {"value": text})


def _period_aliases() -> dict[str, str]:
    """Period names in every language ("Quý I", "Quarter I") and the keys themselves, folded."""
    aliases = {fold(key): key for key in PERIOD_KEYS}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            aliases |= {fold(str(label)): key for key, label in ReportingPeriod.Key.choices}
    return aliases


# ---- files ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    width: int


# Short headings without commas or semicolons, so a CSV header splits the same in any locale.
COLUMNS = (
    Column("unit", gettext_lazy("Unit code"), 14),
    Column("indicator", gettext_lazy("Indicator code"), 18),
    Column("year", gettext_lazy("Year"), 8),
    Column("period", gettext_lazy("Reporting period"), 12),
    Column("numerator", gettext_lazy("Numerator"), 14),
    Column("denominator", gettext_lazy("Denominator"), 14),
    Column("value", gettext_lazy("Value"), 14),
    Column("note", gettext_lazy("Note"), 40),
    Column("cluster", gettext_lazy("Cluster"), 10),
)
_BY_KEY = {column.key: column for column in COLUMNS}
_REQUIRED = ("unit", "indicator", "year", "period")
# Short English names accepted as headers, for files made by another system.
_ALIASES = {
    "unit": "unit", "unit code": "unit", "indicator": "indicator", "indicator code": "indicator",
    "year": "year", "period": "period", "reporting period": "period", "numerator": "numerator",
    "denominator": "denominator", "value": "value", "note": "note", "cluster": "cluster",
}  # fmt: skip
RawRow = tuple[int, dict[str, Any]]  # (row number in the file, {column key: cell})


def column_label(key: str) -> str:
    return str(_BY_KEY[key].label)


def file_kind(name: str) -> str:
    """ "csv" or "xlsx", from the name; the content is checked when the file is read."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in ("csv", "xlsx"):
        raise PayloadError(_("Upload a CSV file (.csv) or an Excel workbook (.xlsx)."))
    return suffix


def check_file(handle: IO[bytes], name: str) -> None:
    """The checks made at upload: the content is what the name says and the header is usable."""
    rows = _records(handle, file_kind(name))
    try:
        header_columns(next(rows, ()))
    finally:
        rows.close()


def load_rows(handle: IO[bytes], name: str) -> list[RawRow]:
    """The non-empty data rows as {column key: cell}, numbered as the spreadsheet shows them."""
    records = _records(handle, file_kind(name))
    try:
        columns = header_columns(next(records, ()))
        found = []
        for line, values in enumerate(records, start=2):
            if all(cell_text(value) == "" for value in values):
                continue
            if len(found) == MAX_ROWS:
                message = _("The file has more than %(limit)s rows; split it into smaller files.")
                raise PayloadError(message % {"limit": MAX_ROWS})
            cells = {key: values[p] if p < len(values) else None for key, p in columns.items()}
            found.append((line, cells))
    finally:
        records.close()
    return found


def items_from_rows(rows: Iterable[RawRow]) -> tuple[list[FeedItem], list[ItemError]]:
    items: list[FeedItem] = []
    errors: list[ItemError] = []
    for line, cells in rows:
        reader = _ItemReader(line, cells)
        reader.read_cells()
        _collect(reader, items, errors)
    return items, errors


def header_columns(header: Sequence[Any]) -> dict[str, int]:
    """{column key: position}; headings in any language, or the short English names."""
    aliases = dict(_ALIASES)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            aliases |= {fold(str(column.label)): column.key for column in COLUMNS}
    found: dict[str, int] = {}
    for position, value in enumerate(header):
        key = aliases.get(fold(cell_text(value)))
        if key and key not in found:
            found[key] = position
    missing = [column_label(key) for key in _REQUIRED if key not in found]
    if "value" not in found and not {"numerator", "denominator"} <= set(found):
        missing.append(column_label("value"))
    if missing:
        message = _("These columns are missing: %(columns)s.")
        raise PayloadError(message % {"columns": ", ".join(missing)})
    return found


def _records(handle: IO[bytes], kind: str) -> Iterator[Sequence[Any]]:
    handle.seek(0)
    return _xlsx_records(handle) if kind == "xlsx" else _csv_records(handle.read())


def _xlsx_records(handle: IO[bytes]) -> Iterator[Sequence[Any]]:
    message = _("This file is not an Excel workbook (.xlsx). Save it as .xlsx and upload it again.")
    refused = PayloadError(message)
    if handle.read(len(_ZIP_SIGNATURE)) != _ZIP_SIGNATURE:
        raise refused
    handle.seek(0)
    try:
        book = load_workbook(handle, read_only=True, data_only=True)
        sheet = book.worksheets[0]  # a zip without a sheet is no workbook either
    except Exception as exc:  # openpyxl raises many kinds on foreign or damaged zips
        raise refused from exc
    try:
        yield from sheet.iter_rows(values_only=True)
    finally:
        book.close()


def _csv_records(content: bytes) -> Iterator[Sequence[Any]]:
    """UTF-8 with or without a BOM; commas, or semicolons as Excel writes them in Vietnamese."""
    message = _("This file is not a CSV text file in UTF-8. In Excel, save it as CSV UTF-8.")
    refused = PayloadError(message)
    if b"\x00" in content:  # images, archives and other binary files
        raise refused
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise refused from exc
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        raise PayloadError(_("The file is empty."))
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as exc:
        raise refused from exc


# ---- the template --------------------------------------------------------------------------
_TEMPLATE_ROWS = 1000  # rows of the data sheet that carry the cell checks


def template_workbook(*, units: Iterable[Any], indicators: Iterable[Any]) -> bytes:
    """The data sheet (headings of the reader's language, cell checks) and the code sheets."""
    book = Workbook()
    data = book.active
    data.title = sheet_title(_("Indicator values"))
    header_row(data, [column_label(c.key) for c in COLUMNS], [c.width for c in COLUMNS])
    unit_sheet = code_sheet(
        book, _("Units"), [_("Unit code"), _("Unit name")], [(u.code, u.name) for u in units]
    )
    indicator_rows = [
        (i.code, i.name, i.year, Indicator.Kind(i.kind).label, _fill_in(i.kind),
         Indicator.Frequency(i.frequency).label, i.cluster_id, i.cluster.name)
        for i in indicators
    ]  # fmt: skip
    indicator_header = [
        _("Indicator code"), _("Indicator name"), _("Year"), _("Kind"), _("Fill in"),
        _("Reported"), _("Cluster"), _("Cluster name"),
    ]  # fmt: skip
    indicator_sheet = code_sheet(book, _("Indicators"), indicator_header, indicator_rows)
    period_rows = list(ReportingPeriod.Key.choices)
    period_header = [_("Reporting period"), _("Meaning")]
    period_sheet = code_sheet(book, _("Periods"), period_header, period_rows)
    lists = {"unit": unit_sheet, "indicator": indicator_sheet, "period": period_sheet}
    for key, codes in lists.items():
        letter = get_column_letter([c.key for c in COLUMNS].index(key) + 1)
        prompt = _("Choose a code from the sheet %(sheet)s.") % {"sheet": codes.title}
        list_validation(data, letter, codes.source, prompt, _TEMPLATE_ROWS)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill_in(kind: str) -> str:
    if kind == Indicator.Kind.RATIO:
        return _("Numerator and denominator")
    return _("Value")
