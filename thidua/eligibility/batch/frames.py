"""The columnar input of a batch sweep: one flat polars frame per kind of fact.

Every frame maps one to one onto a table or a query, so the Django side fills it straight from
SQL (PostgreSQL `COPY (…) TO STDOUT WITH CSV HEADER` → `polars.read_csv`, or a cursor's rows →
`polars.DataFrame`) and `conform` casts what came in to the schema below.

Keys: `people.id`, `units.id` and every `person` / `subject` / `unit` column hold the same kind
of key. Integer keys (the database's primary keys) join about twenty times faster than strings;
`frames_from_facts` uses the facts' string ids. A sweep judges either people or units, so a
person and a unit must not share a key within one `Frames` (fill it for one kind at a time, or
prefix the keys).

    people       id, employment_start: Date, gender: "female" | "male" | ""
    ratings      person, year: Int32, rating: RATING ("HTXS", "HTT", "HT", "KHT")
                 — one row per (person, year)
    leaves       person, kind: LEAVE (`LeaveKind` values), start: Date, end: Date (inclusive),
                 study_completed: Boolean (null: not stated)
    transfers    person, on: Date, months_at_old_unit: Int32, old_unit_comment: Boolean
    disciplines  person, form: String, decided_on: Date, ends_on: Date (null: policy default)
    freezes      subject, kind: String, opened_on: Date, closed_on: Date (null: still open)
    initiatives  person, id: String, year: Int32, scope: SCOPE ("unit", "ministry",
                 "national"), kind: INITIATIVE_KIND ("initiative", "research", "combat"),
                 applied: Boolean, used_for: String ("" when unused)
    awards       subject, code: String, year: Int32, decided_on: Date, limb: String,
                 initiatives: List(String) (ids it consumed; PostgreSQL's "{a,b}" text is
                 accepted), revoked: Boolean
    postings     subject, award: String, year: Int32, start: Date, council_on: Date
                 — one row per (subject, award, year)
    registered   subject, target: String ("CODE:YEAR")
    units        id, dissolved_on: Date
    unit_years   unit, year: Int32, rating: RATING, roster, completed, ldtt, cstdcs,
                 disciplined: Int32, led_cluster: String ("" if none),
                 party_clean_strong: Boolean (null: not assessed) — one row per (unit, year)

The "one row per" keys are unique constraints in the database; where a frame holds more, the
first row is kept, as the scalar engine reads the first matching record.

`conform` sorts every frame by its key (then year), which the sweep relies on: polars groups
and joins sorted keys many times faster. Rows that come ordered (`ORDER BY person, year`; see
`ORDER`) are only checked, not sorted again. Build `Frames` with `conform`, never directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ..facts import InitiativeKind, LeaveKind, Rating, Scope
from ..verdict import Result, Status

# Enum categories are listed by rank, so `to_physical()` is the rank the scalar engine uses.
RATING = pl.Enum(sorted((r.value for r in Rating), key=lambda v: Rating(v).rank))
SCOPE = pl.Enum(sorted((s.value for s in Scope), key=lambda v: Scope(v).rank))
LEAVE = pl.Enum([k.value for k in LeaveKind])
INITIATIVE_KIND = pl.Enum([k.value for k in InitiativeKind])
RESULT = pl.Enum([r.value for r in Result])
STATUS = pl.Enum([s.value for s in Status])
KEY = "key"  # placeholder in SCHEMAS for the key dtype, decided by `conform`

SCHEMAS: dict[str, dict[str, pl.DataType | str]] = {
    "people": {"id": KEY, "employment_start": pl.Date(), "gender": pl.String()},
    "ratings": {"person": KEY, "year": pl.Int32(), "rating": RATING},
    "leaves": {
        "person": KEY,
        "kind": LEAVE,
        "start": pl.Date(),
        "end": pl.Date(),
        "study_completed": pl.Boolean(),
    },
    "transfers": {
        "person": KEY,
        "on": pl.Date(),
        "months_at_old_unit": pl.Int32(),
        "old_unit_comment": pl.Boolean(),
    },
    "disciplines": {
        "person": KEY,
        "form": pl.String(),
        "decided_on": pl.Date(),
        "ends_on": pl.Date(),
    },
    "freezes": {
        "subject": KEY,
        "kind": pl.String(),
        "opened_on": pl.Date(),
        "closed_on": pl.Date(),
    },
    "initiatives": {
        "person": KEY,
        "id": pl.String(),
        "year": pl.Int32(),
        "scope": SCOPE,
        "kind": INITIATIVE_KIND,
        "applied": pl.Boolean(),
        "used_for": pl.String(),
    },
    "awards": {
        "subject": KEY,
        "code": pl.String(),
        "year": pl.Int32(),
        "decided_on": pl.Date(),
        "limb": pl.String(),
        "initiatives": pl.List(pl.String()),
        "revoked": pl.Boolean(),
    },
    "postings": {
        "subject": KEY,
        "award": pl.String(),
        "year": pl.Int32(),
        "start": pl.Date(),
        "council_on": pl.Date(),
    },
    "registered": {"subject": KEY, "target": pl.String()},
    "units": {"id": KEY, "dissolved_on": pl.Date()},
    "unit_years": {
        "unit": KEY,
        "year": pl.Int32(),
        "rating": RATING,
        **{name: pl.Int32() for name in ("roster", "completed", "ldtt", "cstdcs", "disciplined")},
        "led_cluster": pl.String(),
        "party_clean_strong": pl.Boolean(),
    },
}

# The order `conform` puts each frame in; with `FIRST`, only the first row per key is kept.
ORDER = {
    "people": ("id",),
    "ratings": ("person", "year"),
    "leaves": ("person",),
    "transfers": ("person",),
    "disciplines": ("person",),
    "freezes": ("subject",),
    "initiatives": ("person", "year", "id"),  # the order `initiatives` consumes them in
    "awards": ("subject", "year"),
    "postings": ("subject", "award", "year"),
    "registered": ("subject",),
    "units": ("id",),
    "unit_years": ("unit", "year"),
}
FIRST = {"people", "ratings", "postings", "units", "unit_years"}

# Missing values the scalar facts never hold: a null there means the dataclass default.
DEFAULTS = {
    ("people", "gender"): "",
    ("initiatives", "used_for"): "",
    ("initiatives", "applied"): True,
    ("initiatives", "kind"): InitiativeKind.INITIATIVE.value,
    ("transfers", "old_unit_comment"): False,
    ("awards", "revoked"): False,
    ("awards", "initiatives"): pl.lit([], dtype=pl.List(pl.String)),
    ("unit_years", "led_cluster"): "",
    **{("unit_years", n): 0 for n in ("roster", "completed", "ldtt", "cstdcs", "disciplined")},
}


@dataclass(frozen=True)
class Frames:
    people: pl.DataFrame
    ratings: pl.DataFrame
    leaves: pl.DataFrame
    transfers: pl.DataFrame
    disciplines: pl.DataFrame
    freezes: pl.DataFrame
    initiatives: pl.DataFrame
    awards: pl.DataFrame
    postings: pl.DataFrame
    registered: pl.DataFrame
    units: pl.DataFrame
    unit_years: pl.DataFrame
    # What sweeps over these frames derived (keyed by all it depends on), so the next award
    # reuses it; `conform` marks its frames here. Clear it, but for "conformed", to free memory.
    cache: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def key_dtype(self) -> pl.DataType:
        return self.people.schema["id"]


def empty(name: str, key: pl.DataType | None = None) -> pl.DataFrame:
    key = key or pl.String()
    return pl.DataFrame(schema=pl.Schema({c: _dtype(t, key) for c, t in SCHEMAS[name].items()}))


def _dtype(kind: pl.DataType | str, key: pl.DataType) -> pl.DataType:
    return key if isinstance(kind, str) else kind


def conform(**given: pl.DataFrame | pl.LazyFrame | None) -> Frames:
    """Frames cast to the schema; a frame not given is empty, a column not given is null.

    Keys stay integers when every key column given is an integer, else they become strings.
    """
    frames = {n: f.collect() if isinstance(f, pl.LazyFrame) else f for n, f in given.items()}
    unknown = set(frames) - set(SCHEMAS)
    if unknown:
        raise ValueError(f"unknown frames: {', '.join(sorted(unknown))}")
    key_types = [  # an empty frame read from CSV has string columns: it does not count
        frame.schema[col]
        for name, frame in frames.items()
        if frame is not None and not frame.is_empty()
        for col, kind in SCHEMAS[name].items()
        if kind == KEY and col in frame.columns
    ]
    key = pl.Int64() if key_types and all(t.is_integer() for t in key_types) else pl.String()
    out = {name: _canonical(name, _cast(name, frames.get(name), key)) for name in SCHEMAS}
    return Frames(**out, cache={"conformed": True})


def _cast(name: str, frame: pl.DataFrame | None, key: pl.DataType) -> pl.DataFrame:
    if frame is None:
        return empty(name, key)
    columns = []
    for col, kind in SCHEMAS[name].items():
        expr = pl.col(col) if col in frame.columns else pl.lit(None)
        if col == "initiatives" and frame.schema.get(col) == pl.String():
            expr = _text_array(expr)
        expr = expr.cast(_dtype(kind, key))
        if (name, col) in DEFAULTS:
            expr = expr.fill_null(DEFAULTS[name, col])
        columns.append(expr.alias(col))
    return frame.select(columns)


def _canonical(name: str, frame: pl.DataFrame) -> pl.DataFrame:
    keys = ORDER[name]
    if frame.height > 1 and not frame.select(_ascending(keys)).item():
        frame = frame.sort(keys, maintain_order=True)
    frame = frame.rechunk().with_columns(pl.col(keys[0]).set_sorted())
    if name in FIRST and frame.height > 1:
        repeated = pl.all_horizontal(pl.col(k) == pl.col(k).shift() for k in keys)
        frame = frame.filter(~repeated.fill_null(False))
    return frame


def _ascending(keys: tuple[str, ...]) -> pl.Expr:
    """Every row at or after the previous one in the order of `keys` (checked in one pass)."""
    later = pl.lit(True)
    for key in reversed(keys):
        col, before = pl.col(key), pl.col(key).shift()
        later = (col > before) | ((col == before) & later)
    return later.fill_null(False).slice(1).all()


def _text_array(expr: pl.Expr) -> pl.Expr:
    """PostgreSQL's text form of an array ("{12,15}") → a list of ids ("{}" → null → [])."""
    items = expr.str.strip_chars("{}")
    return pl.when(items != "").then(items.str.split(","))


def frame_names() -> tuple[str, ...]:
    return tuple(SCHEMAS)
