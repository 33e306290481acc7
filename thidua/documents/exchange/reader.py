"""Reading the data sheet of an uploaded workbook, one streamed row at a time, cell by cell.

Each cell is turned into the canonical value the merge compares (see `datasets.canonical`), or
an error naming its column: a required cell left empty, text too long, a number or a date that
is not one, a code that is not on its code sheet. Headings are recognised in every language of
the site, so a file exported in Vietnamese reads the same under English.
"""

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.core.spreadsheets import WorkbookError, cell_text, sheet_by_title, sheet_title
from thidua.core.text import fold
from thidua.documents.exchange.datasets import (
    CHOICE,
    DATE,
    DECIMAL,
    INT,
    Column,
    Dataset,
    Key,
    Scope,
    canonical,
    decimal_text,
)

_DATE_TEXT = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMBER_TEXT = re.compile(r"-?\d+([.,]\d+)?")
_WHOLE_TEXT = re.compile(r"-?\d+")


@dataclass
class FileRow:
    line: int
    key: Key | None  # None when a key cell is wrong
    values: dict[str, Any]  # canonical values of the importable columns read well
    errors: list[tuple[str | None, str]] = field(default_factory=list)


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


class RowReader:
    """Reads the rows of one dataset for one scope (the scope decides the valid codes)."""

    def __init__(self, dataset: Dataset, scope: Scope):
        self.dataset = dataset
        self.columns = dataset.importable
        self.codes = self._code_lookups(scope)

    def _code_lookups(self, scope: Scope) -> dict[str, dict[str, str]]:
        """{column: {folded code or label, in any language: code}}."""
        lookups: dict[str, dict[str, str]] = {}
        for language in _languages():
            with translation.override(language):
                for key, pairs in self.dataset.choices(scope).items():
                    column = lookups.setdefault(key, {})
                    for code, label in pairs:
                        column.setdefault(fold(code), code)
                        if self.dataset.column(key).shows_label:
                            column.setdefault(fold(label), code)
        return lookups

    # ---- the sheet and its header ----------------------------------------------------------

    def data_sheet(self, book: Any) -> Any:
        titles = []
        for language in _languages():
            with translation.override(language):
                titles.append(sheet_title(str(self.dataset.label)))
        return sheet_by_title(book, titles, first_if_none=True)

    def header(self, values: Sequence[Any]) -> dict[str, int]:
        """{column key: position}; every importable column must be there."""
        aliases: dict[str, str] = {}
        for language in _languages():
            with translation.override(language):
                aliases |= {fold(str(c.label)): c.key for c in self.dataset.columns}
        found: dict[str, int] = {}
        for position, value in enumerate(values):
            key = aliases.get(fold(cell_text(value)))
            if key and key not in found:
                found[key] = position
        missing = [str(c.label) for c in self.columns if c.key not in found]
        if missing:
            message = _("These columns are missing: %(columns)s.")
            raise WorkbookError(message % {"columns": ", ".join(missing)})
        return {key: position for key, position in found.items() if key in self._keys}

    @property
    def _keys(self) -> set[str]:
        return {c.key for c in self.columns}

    # ---- rows ------------------------------------------------------------------------------

    def rows(self, sheet: Any) -> Iterator[FileRow]:
        """The non-empty rows, numbered as the spreadsheet shows them (the header is row 1)."""
        records = sheet.iter_rows(values_only=True)
        positions = self.header(next(records, ()))
        for line, values in enumerate(records, start=2):
            cells = {k: values[p] if p < len(values) else None for k, p in positions.items()}
            if all(cell_text(v) == "" for v in cells.values()):
                continue
            yield self.read(line, cells)

    def read(self, line: int, cells: dict[str, Any]) -> FileRow:
        row = FileRow(line=line, key=None, values={})
        for column in self.columns:
            value, error = self.cell(column, cells.get(column.key))
            if error:
                row.errors.append((column.key, error))
            else:
                row.values[column.key] = value
        keys = [row.values.get(c.key) for c in self.dataset.key_columns]
        if all(k is not None for k in keys):
            row.key = tuple(str(k).upper() for k in keys)
        return row

    def cell(self, column: Column, value: Any) -> tuple[Any, str | None]:
        """(canonical value, None) or (None, the error)."""
        text = cell_text(value)
        if not text:
            if column.in_key:
                return None, self.dataset.missing_key_message()
            return None, _("Fill in this cell.") if column.required else None
        reader = {DATE: _date, DECIMAL: _decimal, INT: _whole, CHOICE: self._choice}.get(
            column.kind, _text
        )
        return reader(column, value, text)

    def _choice(self, column: Column, value: Any, text: str) -> tuple[Any, str | None]:
        codes = self.codes.get(column.key, {})
        code = codes.get(text)  # as typed: most cells repeat a few codes; fold only the others
        if code is None:
            code = codes.get(fold(text))
            if code is not None:
                codes[text] = code
        if code is None:
            message = _("'%(value)s' is not one of the codes on the sheet %(sheet)s.")
            return None, message % {"value": text, "sheet": sheet_title(str(column.label))}
        return code, None


def _text(column: Column, value: Any, text: str) -> tuple[Any, str | None]:
    if column.multiline and isinstance(value, str):
        text = value.strip()
    result = canonical(column, text)
    if column.max_length and len(result) > column.max_length:
        message = _("At most %(limit)s characters (this cell has %(count)s).")
        return None, message % {"limit": column.max_length, "count": len(result)}
    return result, None


def _whole(column: Column, value: Any, text: str) -> tuple[Any, str | None]:
    if isinstance(value, int) and not isinstance(value, bool):
        return value, None
    compact = re.sub(r"\s", "", text)
    if not _WHOLE_TEXT.fullmatch(compact):
        return None, _("'%(value)s' is not a whole number.") % {"value": text}
    return int(compact), None


def _decimal(column: Column, value: Any, text: str) -> tuple[Any, str | None]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return decimal_text(Decimal(str(value))), None
    compact = re.sub(r"\s", "", text)  # "1 054" with a (non-breaking) group space
    if not _NUMBER_TEXT.fullmatch(compact):
        return None, _("'%(value)s' is not a number.") % {"value": text}
    try:
        return decimal_text(Decimal(compact.replace(",", "."))), None
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None, _("'%(value)s' is not a number.") % {"value": text}


def _date(column: Column, value: Any, text: str) -> tuple[Any, str | None]:
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    if match := _DATE_TEXT.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        return None, _("'%(value)s' is not a date; write it as dd/mm/yyyy.") % {"value": text}
    try:
        return dt.date(year, month, day).isoformat(), None
    except ValueError:
        return None, _("%(value)s is not a real date.") % {"value": text}
