"""Excel workbooks written and read the same way everywhere: safe cells, code sheets, limits.

Writing: every text that a spreadsheet program would run as a formula ("=HYPERLINK(…)", "+1",
"@SUM(…)") is stored as a text cell with Excel's "quote prefix" style, so Excel and LibreOffice
show it as typed, never run it, and keep it text when someone edits the cell. The helpers work on
normal and on write-only (streaming) sheets alike.

Reading: `open_workbook` opens an upload in read-only mode after checking what it really is, with
a message a person can act on (too big, not an .xlsx, protected by a password).
"""

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 20 * MB  # settings.THIDUA_IMPORT_MAX_BYTES overrides it
DATE_FORMAT = "DD/MM/YYYY"  # Vietnamese offices read day/month/year
CHECKED_ROWS = 1000  # rows of a blank data sheet that carry the cell checks
# A spreadsheet program runs a cell starting with one of these as a formula (also after spaces).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ZIP_SIGNATURE = b"PK\x03\x04"  # an .xlsx is a zip archive
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted .xlsx, or an old .xls
_ENCRYPTED_STREAM = "EncryptionInfo".encode("utf-16-le")  # the OLE stream of a protected .xlsx
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


class WorkbookError(Exception):
    """The file as a whole cannot be read; `message` tells the user what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# ---- writing -------------------------------------------------------------------------------


def looks_like_formula(value: Any) -> bool:
    return isinstance(value, str) and value.lstrip(" \u00a0").startswith(FORMULA_STARTS)


def safe_cell_value(value: Any, *, sheet: Any = None) -> Any:
    """The value to put in a cell: formula-like text becomes a text cell with a quote prefix.

    openpyxl stores any string starting with "=" as a formula; the returned cell is forced back
    to a plain (inline) string, and `quotePrefix` makes Excel and LibreOffice treat it as text
    even after an edit. No apostrophe is added to the text itself: it reads back unchanged.
    """
    if not looks_like_formula(value):
        return value
    cell = Cell(sheet, row=1, column=1, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def _row_cells(sheet: Any, values: Iterable[Any]) -> list[Any]:
    cells = []
    for value in values:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            cell = Cell(sheet, row=1, column=1, value=value)
            cell.number_format = DATE_FORMAT
            cells.append(cell)
        else:
            cells.append(safe_cell_value(value, sheet=sheet))
    return cells


def write_rows(sheet: Any, rows: Iterable[Sequence[Any]]) -> int:
    """Append the rows (dates shown dd/mm/yyyy, formula-like text kept as text); their count."""
    count = 0
    for values in rows:
        sheet.append(_row_cells(sheet, values))
        count += 1
    return count


def header_row(sheet: Any, labels: Sequence[str], widths: Sequence[int] | None = None) -> None:
    """The bold first row, frozen while scrolling; on a write-only sheet call it first."""
    for position, width in enumerate(widths or (), start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    sheet.freeze_panes = "A2"
    cells = []
    for label in labels:
        cell = Cell(sheet, row=1, column=1, value=str(label))
        if looks_like_formula(cell.value):
            cell.data_type, cell.quotePrefix = "s", True
        cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)


@dataclass(frozen=True)
class CodeSheet:
    """A sheet of codes; `source` is the range a list validation points at."""

    title: str
    source: str
    count: int


def code_sheet(
    book: Workbook,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[int] | None = None,
) -> CodeSheet:
    """A sheet listing codes (column A) and what they mean; the data sheet's lists use it."""
    sheet = book.create_sheet(sheet_title(title))
    header_row(sheet, header, widths or (16, 50, *[16] * max(len(header) - 2, 0)))
    count = write_rows(sheet, ([str(v) if v is not None else "" for v in row] for row in rows))
    return CodeSheet(title=sheet.title, source=code_range(sheet.title, count), count=count)


def code_range(title: str, count: int) -> str:
    """The range of the codes (column A, under the header) of a code sheet with `count` rows;
    known before the sheet is written, for a write-only data sheet that comes first."""
    return f"{quote_sheetname(sheet_title(title))}!$A$2:$A${max(count + 1, 2)}"


def cell_check(
    sheet: Any, column_letter: str, rule: DataValidation, prompt: str, rows: int = CHECKED_ROWS
) -> DataValidation:
    """Attach a validation to rows 2 … rows + 1 of a column, with its prompt as the error text."""
    rule.allow_blank = True
    rule.showInputMessage = rule.showErrorMessage = True
    rule.prompt = rule.error = prompt[:255]  # Excel's limits
    rule.errorTitle = _("Check this cell")[:32]
    rule.add(f"{column_letter}2:{column_letter}{rows + 1}")
    sheet.data_validations.append(rule)  # works on write-only sheets too
    return rule


def list_validation(
    sheet: Any, column_letter: str, source_range: str, prompt: str, rows: int = CHECKED_ROWS
) -> DataValidation:
    """A drop-down list on a column, fed by a code sheet's range."""
    rule = DataValidation(type="list", formula1=source_range)
    return cell_check(sheet, column_letter, rule, prompt, rows)


def sheet_title(text: str) -> str:
    """A title Excel accepts: no []:*?/\\, at most 31 characters, no apostrophe at either end."""
    title = _SHEET_NAME_FORBIDDEN.sub(" ", str(text))[:31].strip("' ")
    return title or "Sheet"


# ---- reading -------------------------------------------------------------------------------


def max_bytes() -> int:
    return int(getattr(settings, "THIDUA_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def _megabytes(size: int, places: int) -> str:
    return number_format(round(size / MB, places), places)


def too_big_message(size: int, limit: int) -> str:
    """ "The file is 50.0 MB; the limit is 20 MB." in the reader's number format."""
    return _("The file is %(size)s MB; the limit is %(limit)s MB.") % {
        "size": _megabytes(size, 1),
        "limit": _megabytes(limit, 0 if limit % MB == 0 else 1),
    }


def check_size(size: int, limit: int | None = None) -> None:
    limit = max_bytes() if limit is None else limit
    if size > limit:
        raise WorkbookError(too_big_message(size, limit))


def _size_of(handle: IO[bytes]) -> int:
    size = getattr(handle, "size", None)
    if size is None:
        handle.seek(0, 2)
        size = handle.tell()
    return int(size)


def not_a_workbook_message() -> str:
    return _("This file is not an Excel workbook (.xlsx). Save it as .xlsx and upload it again.")


def _refuse_foreign(handle: IO[bytes]) -> None:
    handle.seek(0)
    start = handle.read(len(_OLE_SIGNATURE))
    if start.startswith(_ZIP_SIGNATURE):
        return
    if start == _OLE_SIGNATURE:
        handle.seek(0)
        if _ENCRYPTED_STREAM in handle.read():
            raise WorkbookError(
                _(
                    "This workbook is protected by a password. Open it in Excel, remove the "
                    "password (File, Info, Protect Workbook), save it and upload it again."
                )
            )
        message = _("This is an old Excel file (.xls). Save it as .xlsx and upload it again.")
        raise WorkbookError(message)
    raise WorkbookError(not_a_workbook_message())


def open_workbook(handle: IO[bytes], *, max_bytes: int | None = None) -> Any:
    """The workbook in read-only mode (values, not formulas), after checking size and content.

    Close it when done (`book.close()`): a read-only workbook keeps the file open.
    """
    check_size(_size_of(handle), max_bytes)
    _refuse_foreign(handle)
    handle.seek(0)
    try:
        book = load_workbook(handle, read_only=True, data_only=True)
        book.worksheets[0]  # a zip without a sheet is no workbook either
    except Exception as exc:  # openpyxl raises many kinds on foreign or damaged zips
        raise WorkbookError(not_a_workbook_message()) from exc
    return book


def sheet_row_count(sheet: Any) -> int | None:
    """The rows of a read-only sheet, for a progress bar: its recorded dimension, or else a count
    of its row elements (one quick byte scan; files written in streaming mode, ours included,
    record no dimension). None if neither can be had."""
    if sheet.max_row:
        return int(sheet.max_row)
    try:
        source = sheet._get_source()  # openpyxl's own way to the sheet's XML in the archive
    except AttributeError:
        return None
    count, tail = 0, b""
    with source:
        while chunk := source.read(1 << 20):
            data = tail + chunk
            count += data.count(b"<row ") + data.count(b"<row>")
            # A tag cut by the chunk's end is completed by these 4 bytes in the next round;
            # one counted here is 5 bytes long, so it can never be counted again.
            tail = data[-4:]
    return count


def sheet_by_title(book: Any, titles: Iterable[str], *, first_if_none: bool = False) -> Any:
    """The first sheet whose title is one of `titles` (any case); else the first sheet, or an
    error naming the sheet the file should have."""
    titles = [str(title) for title in titles]
    wanted = {title.casefold() for title in titles}
    for sheet in book.worksheets:
        if sheet.title.casefold() in wanted:
            return sheet
    if first_if_none:
        return book.worksheets[0]
    raise WorkbookError(
        _("The workbook has no sheet named %(name)s.") % {"name": titles[0] if titles else ""}
    )


def cell_text(value: Any) -> str:
    """A cell as text: Excel gives numbers typed into text columns back as numbers."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()
