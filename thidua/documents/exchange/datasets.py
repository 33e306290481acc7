"""What can make the offline round-trip: a dataset names its columns, reads the server's rows
for a scope (a unit, and a reporting period for indicator values), checks its own rules and
writes through its app's services.

Values travel in a canonical form (str, int or None: dates as ISO text, decimals as plain
text, choices as their codes) so that the workbook's hidden sheet, the merge and the preview
all compare like with like.
"""

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise

from thidua.documents.exchange.merge import RowMerge
from thidua.org.models import Unit

TEXT, INT, DECIMAL, DATE, CHOICE = "text", "int", "decimal", "date", "choice"
Key = tuple[str, ...]


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    kind: str = TEXT
    required: bool = False
    read_only: bool = False  # exported for reference, never imported
    in_key: bool = False  # identifies the row (compared in upper case)
    width: int = 16
    max_length: int | None = None
    multiline: bool = False  # text kept as typed; other text has its spaces tidied
    shows_label: bool = False  # a choice cell shows its label ("Nữ"), not its code ("female")


@dataclass(frozen=True)
class Scope:
    """Where a dataset's rows come from; its ids go into the workbook's signed sheet."""

    unit: Unit
    period: Any = None  # campaigns.ReportingPeriod for indicator values

    def as_dict(self) -> dict[str, int | None]:
        return {"unit": self.unit.pk, "period": self.period.pk if self.period else None}


@dataclass
class ServerRow:
    key: Key
    ref: Any  # what `apply` needs to find the record again (an id)
    values: dict[str, Any]  # canonical values of the importable columns
    label: str = ""  # how the preview names the row ("Trần Thị Bích")
    extra: dict[str, Any] = field(default_factory=dict)  # what the dataset's checks need


@dataclass(frozen=True)
class Write:
    line: int
    key: Key
    ref: Any  # None: create
    values: dict[str, Any]  # canonical values to write (only those that change)
    current: dict[str, Any] = field(default_factory=dict)  # the server's values now
    extra: dict[str, Any] = field(default_factory=dict)  # the server row's `extra`


Choices = dict[str, list[tuple[str, str]]]  # {column key: [(code, label)]}


class Dataset:
    name: str
    label: Promise
    columns: tuple[Column, ...]
    help_text: Promise | str = ""

    # ---- scope and permission --------------------------------------------------------------

    def scope_for(self, user: Any, *, unit_id: Any, period_id: Any = None) -> Scope:
        """The scope if the user may exchange its data: 404 outside their sight, 403 else."""
        raise NotImplementedError

    def may_use(self, user: Any, scope: Scope) -> bool:
        raise NotImplementedError

    def describe(self, scope: Scope) -> str:
        return scope.unit.name

    # ---- reading ---------------------------------------------------------------------------

    def choices(self, scope: Scope) -> Choices:
        return {}

    def server_rows(self, scope: Scope) -> Iterator[ServerRow]:
        raise NotImplementedError

    def check(
        self,
        rows: list[RowMerge],
        server: dict[Key, ServerRow],
        scope: Scope,
        accepted: set[str] | None = None,
    ) -> None:
        """The dataset's own rules on the merged rows; refusals go on the row (`row.fail`).

        `accepted`: the conflicts settled for the file (None: all of them, as in the preview).
        """

    def missing_key_message(self) -> str:
        raise NotImplementedError

    def result_url(self, scope: Scope) -> str:
        """Where the user sees the data once it is saved."""
        raise NotImplementedError

    # ---- writing ---------------------------------------------------------------------------

    def apply(
        self, writes: list[Write], *, scope: Scope, by: Any, progress: Callable[[int], None]
    ) -> None:
        """Write every row inside the caller's transaction; raise DomainError to refuse."""
        raise NotImplementedError

    # ---- columns ---------------------------------------------------------------------------

    @property
    def importable(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not c.read_only)

    @property
    def fields(self) -> tuple[str, ...]:
        """The importable columns that are not part of the key: what the merge compares."""
        return tuple(c.key for c in self.importable if not c.in_key)

    @property
    def key_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.in_key)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def canonical(column: Column, value: Any) -> Any:
    """A server value in the form the file's values are read into."""
    if value is None or value == "":
        return None
    if column.kind == DATE:
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if column.kind == DECIMAL:
        return decimal_text(Decimal(value))
    if column.kind == INT:
        return int(value)
    text = str(value) if column.multiline else " ".join(str(value).split())
    return text or None


def decimal_text(number: Decimal) -> str:
    """1054, 61.67, 0.5: no exponent, no trailing zeros."""
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def cell_value(column: Column, value: Any, labels: dict[str, str] | None = None) -> Any:
    """A canonical value as it is written into a cell."""
    if value is None:
        return None
    if column.kind == DATE:
        return dt.date.fromisoformat(value)
    if column.kind == DECIMAL:
        return Decimal(value)
    if column.kind == CHOICE and column.shows_label and labels:
        return labels.get(value, value)
    return value


def shown(column: Column, value: Any, labels: dict[str, str] | None = None) -> str:
    """A canonical value as the preview shows it (dates dd/mm/yyyy, choices by their label)."""
    if value is None or value == "":
        return "—"
    if column.kind == DATE:
        return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
    if column.kind == CHOICE and labels and value in labels:
        label = labels[value]
        return label if column.shows_label or label == value else f"{value} – {label}"
    return str(value)


def server_index(dataset: Dataset, scope: Scope) -> tuple[dict[Key, ServerRow], set[Key]]:
    """The server's rows by key, and the keys several rows share (they cannot be matched, so
    they are neither exported nor imported)."""
    rows: dict[Key, ServerRow] = {}
    shared: set[Key] = set()
    for row in dataset.server_rows(scope):
        if row.key in rows:
            shared.add(row.key)
        rows[row.key] = row
    for key in shared:
        del rows[key]
    return rows, shared


_REGISTRY: dict[str, Dataset] = {}


def register(dataset: Dataset) -> Dataset:
    _REGISTRY[dataset.name] = dataset
    return dataset


def dataset_named(name: str) -> Dataset:
    _discover()
    return _REGISTRY[name]


def all_datasets() -> list[Dataset]:
    _discover()
    return list(_REGISTRY.values())


def _discover() -> None:
    # The datasets register themselves; importing them here keeps this module free of
    # the apps they write to.
    from thidua.documents.exchange import people  # noqa: F401, I001 - people first
    from thidua.documents.exchange import indicator_values  # noqa: F401
