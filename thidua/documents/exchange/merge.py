"""The three-way merge of an offline round-trip, row by row and field by field. Pure Python.

For each field: *base* is the value when the workbook was exported, *theirs* the server's value
now, *mine* the value in the uploaded file. Values are canonical (str, int or None), so equal
means equal. A field the server changed and the file did not keeps the server's value: nothing
is ever overwritten silently. Both changed to different values: a conflict, which is applied only
when the user chooses the file's value for it.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

UNCHANGED = "unchanged"
CHANGE = "change"  # only the file changed the field: the file's value is written
SERVER_NEWER = "server_newer"  # only the server changed it: the server's value stays
CONFLICT = "conflict"  # both changed it, differently
SAME_CHANGE = "same_change"  # both changed it to the same value: nothing to do
NEW = "new"  # a row the server does not have: created
MISSING = "missing"  # a row the server has and the file does not: reported, never deleted
ERROR = "error"
# A row's outcome is the first of these that one of its fields has.
_ROW_ORDER = (CONFLICT, CHANGE, SAME_CHANGE, SERVER_NEWER)

Values = Mapping[str, Any]  # {field: canonical value}


@dataclass(frozen=True)
class FieldMerge:
    field: str
    outcome: str
    base: Any
    theirs: Any
    mine: Any

    @property
    def conflict_id(self) -> str:
        """Names this conflict with the values it was decided on: a choice made in the preview
        does not carry over to a value that changed again on the server."""
        return fingerprint([self.field, self.theirs, self.mine])


@dataclass
class RowMerge:
    line: int | None  # row of the file; None for a missing row
    key: tuple[str, ...]
    outcome: str
    fields: list[FieldMerge] = field(default_factory=list)  # the fields that are not unchanged
    values: dict[str, Any] = field(default_factory=dict)  # the file's values (new rows)
    errors: list[tuple[str | None, str]] = field(default_factory=list)  # (column, message)
    ref: Any = None  # the server's record id, when it has the row

    def fail(self, column: str | None, message: str) -> None:
        self.errors.append((column, message))
        self.outcome = ERROR

    def writes(self, accepted: Iterable[str] | None) -> dict[str, Any]:
        """The values to write: the file's changes and the conflicts settled for the file.

        `accepted` holds the ids of those conflicts; None counts every conflict as settled for
        the file (what the preview checks, before the user has chosen).
        """
        if self.outcome == NEW:
            return dict(self.values)
        chosen = None if accepted is None else set(accepted)
        return {
            f.field: f.mine
            for f in self.fields
            if f.outcome == CHANGE
            or (f.outcome == CONFLICT and (chosen is None or f.conflict_id in chosen))
        }

    @property
    def conflicts(self) -> list[FieldMerge]:
        return [f for f in self.fields if f.outcome == CONFLICT]


def fingerprint(values: Any) -> str:
    """A short, stable digest of canonical values (JSON of str/int/None)."""
    text = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def merge_field(base: Any, theirs: Any, mine: Any) -> str:
    if mine == base:
        return UNCHANGED if theirs == base else SERVER_NEWER
    if theirs == base:
        return CHANGE
    return SAME_CHANGE if theirs == mine else CONFLICT


def merge_row(
    *,
    line: int,
    key: tuple[str, ...],
    fields: Sequence[str],
    mine: Values,
    base: Values | None,
    theirs: Values | None,
) -> RowMerge:
    """One file row against its exported and its current server values.

    No server row: new (the caller refuses a row that was exported and has left the server
    since). No exported values (a blank template, or a row added since the export): every base
    value counts as empty, so the file fills empty fields and any other difference is a conflict.
    """
    if theirs is None:
        return RowMerge(line=line, key=key, outcome=NEW, values=dict(mine))
    base = base or {}
    merged = [
        FieldMerge(name, outcome, base.get(name), theirs.get(name), mine.get(name))
        for name in fields
        if (outcome := merge_field(base.get(name), theirs.get(name), mine.get(name))) != UNCHANGED
    ]
    found = {f.outcome for f in merged}
    outcome = next((o for o in _ROW_ORDER if o in found), UNCHANGED)
    return RowMerge(line=line, key=key, outcome=outcome, fields=merged)


def plan_digest(rows: Iterable[RowMerge]) -> str:
    """What a confirmation would write and decide; the apply job refuses if it has changed.

    Server changes to fields the file leaves alone do not count: they are kept either way.
    """
    digest = hashlib.sha256()
    for row in rows:
        if row.outcome == NEW:
            digest.update(fingerprint(["new", list(row.key), row.values]).encode())
        elif row.outcome == ERROR:
            digest.update(fingerprint(["error", row.line, list(row.key)]).encode())
        for f in row.fields:
            if f.outcome in (CHANGE, CONFLICT):
                parts = [list(row.key), f.field, f.outcome, f.theirs, f.mine]
                digest.update(fingerprint(parts).encode())
    return digest.hexdigest()
