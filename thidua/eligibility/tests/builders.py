"""Small builders so each table row reads like the case it describes.

`person(rated(2020, 2024, "HTT"), held("CSTDCS", 2022, 2023, 2024), ...)`: the parts are
merged into one PersonFacts; `unit(year_row(2024, "HTXS", roster=10, ldtt=7))` likewise.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from thidua.eligibility import (
    AwardHeld,
    Case,
    Discipline,
    Freeze,
    Initiative,
    InitiativeKind,
    Leave,
    LeaveKind,
    Limb,
    PersonFacts,
    Posting,
    Rating,
    Scope,
    Transfer,
    UnitFacts,
    UnitYear,
    Verdict,
    YearRating,
    evaluate,
    pack_by_id,
)

ND98 = "law2022-nd98"
ND152 = "law2022-nd152"
ENABLED_PACKS = (ND98, ND152)
LAST_ND98_DAY = date(2025, 6, 30)
FIRST_ND152_DAY = date(2025, 7, 1)
HIRED = date(2010, 1, 1)

Part = dict[str, tuple[Any, ...]]


def _merge(parts: tuple[Part, ...]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for part in parts:
        for key, value in part.items():
            merged[key] = (*merged.get(key, ()), *value) if isinstance(value, tuple) else value
    return merged


def person(*parts: Part, hired: date = HIRED, id: str = "p-1", **fields: Any) -> PersonFacts:
    return PersonFacts(id=id, employment_start=hired, **_merge(parts), **fields)


def unit(*parts: Part, id: str = "u-1", **fields: Any) -> UnitFacts:
    return UnitFacts(id=id, **_merge(parts), **fields)


# --- person parts ---------------------------------------------------------------------------


def rated(first: int, last: int, rating: str) -> Part:
    """The same rating every year from `first` to `last`."""
    return {"ratings": tuple(YearRating(y, Rating(rating)) for y in range(first, last + 1))}


def ratings(**by_year: str) -> Part:
    """ratings(y2023="HTXS", y2024="HTT")."""
    rows = (YearRating(int(k.removeprefix("y")), Rating(v)) for k, v in by_year.items())
    return {"ratings": tuple(rows)}


def held(code: str, *years: int, **fields: Any) -> Part:
    return {"awards": tuple(AwardHeld(code, y, **fields) for y in years)}


def cstdcs_via(limb: str, year: int, *initiatives: str) -> Part:
    """A CSTĐCS title won on `limb`, consuming `initiatives`."""
    award = AwardHeld("CSTDCS", year, limb=Limb(limb), initiatives=initiatives)
    return {"awards": (award,)}


def initiative(
    id: str, year: int, scope: str = "unit", *, kind: str = "initiative", **fields: Any
) -> Part:
    item = Initiative(id, year, Scope(scope), kind=InitiativeKind(kind), **fields)
    return {"initiatives": (item,)}


def leave(kind: str, start: date, end: date, **fields: Any) -> Part:
    return {"leaves": (Leave(LeaveKind(kind), start, end, **fields),)}


def transfer(on: date, months_at_old_unit: int, comment: bool) -> Part:
    return {"transfers": (Transfer(on, months_at_old_unit, comment),)}


def discipline(decided_on: date, ends_on: date | None = None, form: str = "reprimand") -> Part:
    return {"disciplines": (Discipline(form, decided_on, ends_on),)}


def freeze(opened_on: date, closed_on: date | None = None, kind: str = "inspection") -> Part:
    return {"freezes": (Freeze(kind, opened_on, closed_on),)}


def posted(award: str, year: int, start: date, council_on: date | None) -> Part:
    """A public posting opened on `start` and the council meeting that followed it."""
    return {"postings": (Posting(award, year, start, council_on),)}


def registered(*targets: str) -> Part:
    return {"registered": targets}


# --- unit parts -----------------------------------------------------------------------------


def year_row(year: int, rating: str | None, **counts: Any) -> Part:
    return {"years": (UnitYear(year, Rating(rating) if rating else None, **counts),)}


# --- evaluation -----------------------------------------------------------------------------


def judge(
    subject: PersonFacts | UnitFacts,
    award: str,
    year: int,
    *,
    on: date,
    pack: str | None = None,
    policy: dict[str, Any] | None = None,
    submitted_on: date | None = None,
) -> Verdict:
    """The verdict on `award`; `pack` forces a pack, otherwise the dates select it."""
    case = Case(subject, award, year, on, submitted_on)
    chosen = pack_by_id(pack) if pack else None
    return evaluate(case, pack=chosen, policy=policy)


def failed_rules(verdict: Verdict) -> set[str]:
    return {o.rule for o in verdict.failed}


def outcome_of(verdict: Verdict, rule: str):
    return next(o for o in verdict.outcomes if o.rule == rule)


def with_(subject: PersonFacts | UnitFacts, **changes: Any) -> PersonFacts | UnitFacts:
    return replace(subject, **changes)
