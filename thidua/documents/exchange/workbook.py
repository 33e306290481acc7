"""The exchange workbook: a data sheet, its code sheets, and a hidden, signed sheet of what was
exported, which the three-way merge needs when the file comes back.

The hidden sheet `_thidua` holds, in row 1, a header signed with the site's secret (dataset,
scope, export time, fields, number of rows, and a digest of the rows' fingerprints); then one
row per exported row: its key, the fingerprint of its key and values, and the values. Changing
a value breaks its fingerprint, changing a fingerprint breaks the signed digest: a tampered
sheet is refused, never trusted.
"""

import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from thidua.core.spreadsheets import (
    CHECKED_ROWS,
    WorkbookError,
    code_range,
    code_sheet,
    header_row,
    list_validation,
    sheet_title,
    write_rows,
)
from thidua.documents.exchange.datasets import (
    CHOICE,
    Dataset,
    Key,
    Scope,
    ServerRow,
    cell_value,
    server_index,
)
from thidua.documents.exchange.merge import fingerprint

META_SHEET = "_thidua"
META_MARK = "thidua-exchange"
SALT = "thidua.documents.exchange"
VERSION = 1


@dataclass(frozen=True)
class Meta:
    exported_at: str
    base: dict[Key, dict[str, Any]]  # the exported values by key


# ---- export --------------------------------------------------------------------------------


def export_workbook(
    *, dataset: Dataset, scope: Scope, blank: bool = False, now: dt.datetime | None = None
) -> bytes:
    """The scope's rows as they are on the server now; `blank` gives the template (no rows)."""
    rows = [] if blank else list(server_index(dataset, scope)[0].values())
    choices = dataset.choices(scope)
    book = Workbook(write_only=True)
    data = book.create_sheet(sheet_title(str(dataset.label)))  # the first sheet
    _data_sheet(data, dataset, choices, rows)
    for column in dataset.columns:
        if column.kind == CHOICE and not column.read_only:
            code_sheet(book, str(column.label), *_code_rows(column, choices[column.key]))
    _meta_sheet(book, dataset, scope, rows, now or timezone.now())
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _code_rows(column: Any, pairs: list[tuple[str, str]]) -> tuple[list[str], list[tuple]]:
    """A choice shown by its label lists the labels; a code lists the codes and their names."""
    if column.shows_label:
        return [str(column.label)], [(label,) for _code, label in pairs]
    return [str(column.label), _("Meaning")], list(pairs)


def _data_sheet(sheet: Any, dataset: Dataset, choices: dict, rows: list[ServerRow]) -> None:
    columns = dataset.columns
    header_row(sheet, [str(c.label) for c in columns], [c.width for c in columns])
    checked = len(rows) + CHECKED_ROWS  # room for the rows the user adds
    for position, column in enumerate(columns, start=1):
        if column.kind != CHOICE or column.read_only:
            continue
        title = sheet_title(str(column.label))
        source = code_range(title, len(choices[column.key]))
        prompt = _("Choose a code from the sheet %(sheet)s.") % {"sheet": title}
        list_validation(sheet, get_column_letter(position), source, prompt, checked)
    labels = {key: dict(pairs) for key, pairs in choices.items()}
    write_rows(
        sheet,
        (
            [cell_value(c, row.values.get(c.key), labels.get(c.key)) for c in columns]
            for row in rows
        ),
    )


def _meta_sheet(
    book: Workbook, dataset: Dataset, scope: Scope, rows: list[ServerRow], now: dt.datetime
) -> None:
    fields = list(dataset.fields)
    lines = []
    digest = hashlib.sha256()
    for row in rows:
        values = [row.values.get(name) for name in fields]
        mark = fingerprint([list(row.key), values])
        digest.update(mark.encode())
        lines.append([_json(list(row.key)), mark, _json(values)])
    header = {
        "v": VERSION,
        "dataset": dataset.name,
        "scope": scope.as_dict(),
        "exported_at": now.isoformat(),
        "fields": fields,
        "rows": len(rows),
        "digest": digest.hexdigest(),
    }
    sheet = book.create_sheet(META_SHEET)
    sheet.sheet_state = "veryHidden"  # not listed under "Unhide" in Excel: nobody edits it
    write_rows(sheet, [[META_MARK, signing.dumps(header, salt=SALT)], *lines])


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# ---- reading it back -----------------------------------------------------------------------


def tampered_message() -> str:
    return _(
        "The hidden control sheet of this workbook has been changed, so its rows cannot be "
        "compared with the server. Download the unit's data again and copy your changes into it."
    )


def read_meta(book: Any, *, dataset: Dataset, scope: Scope) -> Meta | None:
    """What was exported, checked against its signature; None for a file without the sheet
    (a blank template made elsewhere): every row then counts as not exported."""
    if META_SHEET not in book.sheetnames:
        return None
    records = book[META_SHEET].iter_rows(values_only=True)
    header = _signed_header(next(records, ()))
    _check_header(header, dataset, scope)
    fields = header["fields"]
    digest = hashlib.sha256()
    base: dict[Key, dict[str, Any]] = {}
    for record in records:
        key, values = _meta_row(record, digest)
        if not isinstance(values, list) or len(values) != len(fields):
            raise WorkbookError(tampered_message())
        base[key] = dict(zip(fields, values, strict=True))
    if digest.hexdigest() != header["digest"] or len(base) != header["rows"]:
        raise WorkbookError(tampered_message())
    return Meta(exported_at=header["exported_at"], base=base)


def check_export_record(book: Any, *, dataset: Dataset, scope: Scope) -> None:
    """The signed header alone (quick, at upload); the rows are checked by `read_meta`."""
    if META_SHEET in book.sheetnames:
        first = next(book[META_SHEET].iter_rows(max_row=1, values_only=True), ())
        _check_header(_signed_header(first), dataset, scope)


def _signed_header(first: Iterable[Any]) -> dict[str, Any]:
    first = [*list(first), None, None]
    if first[0] != META_MARK:
        raise WorkbookError(tampered_message())
    try:
        header = signing.loads(str(first[1]), salt=SALT)
    except signing.BadSignature as exc:
        raise WorkbookError(tampered_message()) from exc
    if not isinstance(header, dict) or header.get("v") != VERSION:
        raise WorkbookError(tampered_message())
    return header


def _check_header(header: dict[str, Any], dataset: Dataset, scope: Scope) -> None:
    if header.get("dataset") != dataset.name:
        raise WorkbookError(
            _("This workbook holds other data than %(dataset)s; choose the right kind of data.")
            % {"dataset": str(dataset.label).lower()}
        )
    if header.get("scope") != scope.as_dict():
        raise WorkbookError(
            _(
                "This workbook was exported for another unit or reporting period. Upload it "
                "for the one it was exported for, or download the data of this one."
            )
        )
    if header.get("fields") != list(dataset.fields):
        raise WorkbookError(
            _("This workbook was made by an earlier version of thidua; download the data again.")
        )


def _meta_row(record: tuple, digest: Any) -> tuple[Key, list[Any]]:
    try:
        key_text, mark, values_text = record[:3]
        key, values = tuple(json.loads(key_text)), json.loads(values_text)
    except (TypeError, ValueError) as exc:
        raise WorkbookError(tampered_message()) from exc
    if fingerprint([list(key), values]) != mark:
        raise WorkbookError(tampered_message())
    digest.update(mark.encode())
    return key, values
