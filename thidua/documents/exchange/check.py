"""An uploaded workbook checked against the server: every row read, merged three ways and held
to the dataset's rules. Nothing here writes; the apply job writes `CheckResult.writes()`.

The file is streamed once (read-only mode); what is kept per row is its canonical values and its
merge, so a 100,000-row file fits in memory once, not twice.
"""

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _

from thidua.core.spreadsheets import open_workbook, sheet_row_count
from thidua.documents.exchange.datasets import (
    TEXT,
    Dataset,
    Key,
    Scope,
    ServerRow,
    Write,
    server_index,
)
from thidua.documents.exchange.merge import (
    ERROR,
    MISSING,
    RowMerge,
    merge_row,
    plan_digest,
)
from thidua.documents.exchange.reader import FileRow, RowReader
from thidua.documents.exchange.workbook import Meta, read_meta


@dataclass
class CheckResult:
    dataset: Dataset
    scope: Scope
    rows: list[RowMerge]  # the file's rows in order, then the server's rows not in the file
    server: dict[Key, ServerRow]
    labels: dict[Key, str]  # how the preview names each row
    read: int  # non-empty rows in the file
    exported_at: str | None  # None: the file has no export record (a template made elsewhere)

    def counts(self) -> Counter:
        return Counter(row.outcome for row in self.rows)

    @property
    def errors(self) -> list[RowMerge]:
        return [row for row in self.rows if row.outcome == ERROR]

    def digest(self) -> str:
        return plan_digest(self.rows)

    def writes(self, accepted: Iterable[str]) -> list[Write]:
        """What a confirmation writes: the file's changes, new rows, and the chosen conflicts."""
        chosen = set(accepted)
        found = []
        for row in self.rows:
            if row.outcome in (ERROR, MISSING):
                continue
            values = row.writes(chosen)
            if not values:
                continue
            server = self.server.get(row.key)
            found.append(
                Write(
                    line=row.line,
                    key=row.key,
                    ref=row.ref,
                    values=values,
                    current=server.values if server else {},
                    extra=server.extra if server else {},
                )
            )
        return found


def exchange_check(
    *,
    dataset: Dataset,
    scope: Scope,
    handle: IO[bytes],
    accepted: set[str] | None = None,
    progress: Any = None,
) -> CheckResult:
    """Read, merge and check the file; `accepted` as in `Dataset.check` (None in the preview).

    Raises WorkbookError when the file as a whole cannot be used.
    """
    book = open_workbook(handle)
    try:
        meta = read_meta(book, dataset=dataset, scope=scope)
        server, shared = server_index(dataset, scope)
        reader = RowReader(dataset, scope)
        sheet = reader.data_sheet(book)
        if progress is not None:
            progress.set_total(max((sheet_row_count(sheet) or 1) - 1, 0))
        merger = _Merger(dataset, scope, meta, server, shared)
        rows = list(merger.merge(reader.rows(sheet), progress))
    finally:
        book.close()
    read = len(rows)
    dataset.check(rows, server, scope, accepted)
    rows.extend(merger.missing())
    return CheckResult(
        dataset=dataset, scope=scope, rows=rows, server=server, labels=merger.labels, read=read,
        exported_at=meta.exported_at if meta else None,
    )  # fmt: skip


class _Merger:
    def __init__(
        self,
        dataset: Dataset,
        scope: Scope,
        meta: Meta | None,
        server: dict[Key, ServerRow],
        shared: set[Key],
    ):
        self.dataset, self.scope, self.meta = dataset, scope, meta
        self.server, self.shared = server, shared
        self.seen: dict[Key, int] = {}
        self.labels: dict[Key, str] = {key: row.label for key, row in server.items()}
        self.key_column = dataset.key_columns[0].key
        self.name_column = next(
            (c.key for c in dataset.importable if c.kind == TEXT and not c.in_key), None
        )

    def merge(self, rows: Iterable[FileRow], progress: Any) -> Iterator[RowMerge]:
        for count, file_row in enumerate(rows, start=1):
            yield self.merge_one(file_row)
            if progress is not None:
                progress.advance(count)

    def merge_one(self, file_row: FileRow) -> RowMerge:
        key = file_row.key
        if file_row.errors or key is None:
            if key is not None:  # a row in error is still in the file: not "missing"
                self.seen.setdefault(key, file_row.line)
            return RowMerge(
                line=file_row.line, key=key or (), outcome=ERROR, errors=list(file_row.errors)
            )
        if key not in self.labels and self.name_column:
            self.labels[key] = file_row.values.get(self.name_column) or ""
        base = self.meta.base.get(key) if self.meta else None
        theirs = self.server.get(key)
        row = merge_row(
            line=file_row.line, key=key, fields=self.dataset.fields, mine=file_row.values,
            base=base, theirs=theirs.values if theirs else None,
        )  # fmt: skip
        row.ref = theirs.ref if theirs else None
        self._refuse_unmatched(row, key, base, theirs)
        self.seen.setdefault(key, file_row.line)
        return row

    def _refuse_unmatched(
        self, row: RowMerge, key: Key, base: Any, theirs: ServerRow | None
    ) -> None:
        column = self.key_column
        if self.seen.get(key) is not None:
            message = _("Row %(row)s already has this %(column)s.")
            label = str(self.dataset.column(column).label).lower()
            row.fail(column, message % {"row": self.seen[key], "column": label})
        elif key in self.shared:
            row.fail(
                column,
                _(
                    "Several records on the server share this code, so the row cannot be "
                    "matched; correct them on their pages first."
                ),
            )
        elif theirs is None and base is not None:
            message = _(
                "This row is no longer in %(scope)s on the server: it was removed or moved "
                "after the export."
            )
            row.fail(None, message % {"scope": self.dataset.describe(self.scope)})

    def missing(self) -> Iterator[RowMerge]:
        """The server's rows the file does not have: reported, never deleted."""
        for key, server_row in self.server.items():
            if key not in self.seen:
                yield RowMerge(line=None, key=key, outcome=MISSING, ref=server_row.ref)
