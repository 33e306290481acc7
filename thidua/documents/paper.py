"""A paper: what a report definition gathers, in plain values, for any exporter to render.

A definition (``papers/<kind>.py``) reads the records and returns a ``Paper``; the exporters
(Word through a docxtpl template, PDF from that Word file, Excel from the tables) never query the
database, so one definition serves every format and a unit's own template.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width_mm: float | None = None  # Word/PDF column width; None shares the rest equally
    align: str = "left"  # left | center | right
    number_format: str = ""  # Excel format, e.g. "#,##0" or "0.00%"


@dataclass
class Table:
    columns: list[Column]
    rows: list[dict[str, Any]]  # values: str, int, Decimal, date or None; keys are column keys
    title: str = ""

    def values(self) -> list[list[Any]]:
        return [[row.get(column.key) for column in self.columns] for row in self.rows]


@dataclass(frozen=True)
class Signer:
    """The signature block: "TM. BAN THƯỜNG VỤ" / "KT. TRƯỞNG BAN" over the title and the name."""

    authority: str = ""
    title: str = ""
    name: str = ""


@dataclass
class Paper:
    kind: str  # the definition's registry key, e.g. "decision"
    issuer: Any  # org.Unit or None: its document style and letterhead
    type_name: str  # upper case, e.g. "QUYẾT ĐỊNH", "TỜ TRÌNH", "BIÊN BẢN"
    type_code: str  # in the number symbol: "QĐ", "TTr", "BC", "BB"
    abstract: str  # "Về việc tặng Bằng khen …"
    number: int | str | None = None  # None prints a blank number for a draft
    date: dt.date | None = None
    place: str = ""  # "Hà Nội"; empty takes the letterhead's place
    body: dict[str, Any] = field(default_factory=dict)  # the kind's own values for its template
    tables: dict[str, Table] = field(default_factory=dict)
    signer: Signer = field(default_factory=Signer)
    recipients: list[str] = field(default_factory=list)
    filename: str = ""  # without extension; exporters add .docx/.pdf/.xlsx
    style: str = ""  # "party" | "state"; empty takes the issuer's document style
