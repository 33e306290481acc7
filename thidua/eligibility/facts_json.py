"""The public JSON facts format: a person's or a collective's history as one JSON object.

`parse_subject` turns a decoded object into `PersonFacts` / `UnitFacts`, `parse_case` a whole
question (subject, award, year, dates), `load` reads a file, and `dump_subject` / `dump_case`
write the same shape back (parse(dump(x)) == x). Bad input raises `FactsError` listing every
problem with its JSON path ("ratings[2].rating"); messages are English, the Django edge
translates. The format is documented in docs/eligibility.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import MISSING, fields
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from .facts import (
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
    YearRating,
)

Subject = PersonFacts | UnitFacts
Errors = list[tuple[str, str]]
Parser = Callable[[Any, str, Errors], Any]
Check = Callable[[dict[str, Any], str, Errors], None]  # a rule across a record's fields

MIN_YEAR, MAX_YEAR = 1945, 2100
GENDERS = ("female", "male", "")
CLUSTER_KINDS = ("ministry", "central", "")
REGISTRATION = re.compile(r"^[A-Z][A-Z0-9_]*:\d{4}$")


class FactsError(ValueError):
    """Every problem found in a facts document; `.field` and `.message` are the first one."""

    def __init__(self, errors: Errors):
        self.errors = list(errors) or [("", "invalid facts")]
        self.field, self.message = self.errors[0]
        super().__init__("; ".join(f"{f or '(document)'}: {m}" for f, m in self.errors))


class _Bad:
    """A value that failed to parse; its error is already recorded."""


BAD = _Bad()


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


# --- scalar parsers: (value, path, errors) -> value or BAD ----------------------------------


def _int(value: Any, path: str, errors: Errors) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        errors.append((path, f"must be a whole number, not {_kind(value)}"))
        return BAD
    if value < 0:
        errors.append((path, "must not be negative"))
        return BAD
    return value


def _year(value: Any, path: str, errors: Errors) -> Any:
    value = _int(value, path, errors)
    if value is not BAD and not MIN_YEAR <= value <= MAX_YEAR:
        errors.append((path, f"must be a year between {MIN_YEAR} and {MAX_YEAR}"))
        return BAD
    return value


def _str(value: Any, path: str, errors: Errors) -> Any:
    if not isinstance(value, str):
        errors.append((path, f"must be a string, not {_kind(value)}"))
        return BAD
    return value


def _text(value: Any, path: str, errors: Errors) -> Any:
    """A string that must not be blank (ids, codes)."""
    value = _str(value, path, errors)
    if value is not BAD and not value.strip():
        errors.append((path, "must not be empty"))
        return BAD
    return value


def _bool(value: Any, path: str, errors: Errors) -> Any:
    if not isinstance(value, bool):
        errors.append((path, f"must be true or false, not {_kind(value)}"))
        return BAD
    return value


def _date(value: Any, path: str, errors: Errors) -> Any:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        errors.append((path, f"must be a date written YYYY-MM-DD, not {_show(value)}"))
        return BAD
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        errors.append((path, f"{value} is not a real calendar date"))
        return BAD
    # The engine adds years and months to dates; near year 9999 that arithmetic overflows.
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        errors.append((path, f"must be a date between {MIN_YEAR} and {MAX_YEAR}"))
        return BAD
    return parsed


def _choice(options: tuple[str, ...]) -> Parser:
    def parse(value: Any, path: str, errors: Errors) -> Any:
        if value not in options:
            shown = ", ".join(repr(o) for o in options)
            errors.append((path, f"must be one of {shown}, not {_show(value)}"))
            return BAD
        return value

    return parse


def _enum(cls: type[Enum]) -> Parser:
    choose = _choice(tuple(m.value for m in cls))

    def parse(value: Any, path: str, errors: Errors) -> Any:
        value = choose(value, path, errors)
        return BAD if value is BAD else cls(value)

    return parse


def _registration(value: Any, path: str, errors: Errors) -> Any:
    value = _str(value, path, errors)
    if value is not BAD and not REGISTRATION.match(value):
        errors.append((path, f"must read AWARD:YEAR (e.g. LDTT:2025), not {value!r}"))
        return BAD
    return value


def _optional(parse: Parser) -> Parser:
    def parse_or_none(value: Any, path: str, errors: Errors) -> Any:
        return None if value is None else parse(value, path, errors)

    return parse_or_none


def _list(parse: Parser) -> Parser:
    def parse_all(value: Any, path: str, errors: Errors) -> Any:
        if not isinstance(value, list):
            errors.append((path, f"must be a list, not {_kind(value)}"))
            return BAD
        # Bad items stay in place (as BAD) so checks across items still see true indexes.
        return tuple(parse(item, f"{path}[{i}]", errors) for i, item in enumerate(value))

    return parse_all


def _kind(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a decimal number", str: "a string"}
    names |= {list: "a list", dict: "an object", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _show(value: Any) -> str:
    return repr(value) if isinstance(value, str) else _kind(value)


# --- records --------------------------------------------------------------------------------

# Each record: field name -> (parser, required). Optional fields take the dataclass default.
Spec = dict[str, tuple[Parser, bool]]


def _record(cls: Callable[..., Any], spec: Spec, check: Check | None = None) -> Parser:
    """An object with exactly the fields of `spec`; `check` then sees the fields that parsed."""

    def parse(value: Any, path: str, errors: Errors) -> Any:
        if not isinstance(value, dict):
            errors.append((path, f"must be an object, not {_kind(value)}"))
            return BAD
        count = len(errors)
        for key in value:
            if key not in spec:
                errors.append((_join(path, str(key)), "unknown field"))
        out = {}
        for name, (parse_field, required) in spec.items():
            if name in value:
                out[name] = parse_field(value[name], _join(path, name), errors)
            elif required:
                errors.append((_join(path, name), "is required"))
        if check is not None:
            check({k: v for k, v in out.items() if v is not BAD}, path, errors)
        return BAD if len(errors) > count else cls(**out)

    return parse


def _ordered(first: str, last: str, verb: str) -> Check:
    """`last` (when given) must not fall before `first`."""

    def check(values: dict[str, Any], path: str, errors: Errors) -> None:
        start, end = values.get(first), values.get(last)
        if start is not None and end is not None and end < start:
            errors.append((_join(path, last), f"{verb} {end} is before {first} {start}"))

    return check


def _unit_counts(values: dict[str, Any], path: str, errors: Errors) -> None:
    roster = values.get("roster", 0)
    for name in ("completed", "ldtt", "cstdcs", "disciplined"):
        if values.get(name, 0) > roster:
            errors.append((_join(path, name), f"{values[name]} is more than the roster {roster}"))


RATING = _record(YearRating, {"year": (_year, True), "rating": (_enum(Rating), True)})
LEAVE = _record(
    Leave,
    {
        "kind": (_enum(LeaveKind), True),
        "start": (_date, True),
        "end": (_date, True),
        "study_completed": (_optional(_bool), False),
    },
    _ordered("start", "end", "end"),
)
TRANSFER = _record(
    Transfer,
    {"on": (_date, True), "months_at_old_unit": (_int, True), "old_unit_comment": (_bool, True)},
)
DISCIPLINE = _record(
    Discipline,
    {
        "form": (_text, True),
        "decided_on": (_date, True),
        "ends_on": (_optional(_date), False),
        "party": (_bool, False),
    },
    _ordered("decided_on", "ends_on", "ends_on"),
)
FREEZE = _record(
    Freeze,
    {"kind": (_text, True), "opened_on": (_date, True), "closed_on": (_optional(_date), False)},
    _ordered("opened_on", "closed_on", "closed_on"),
)
INITIATIVE = _record(
    Initiative,
    {
        "id": (_text, True),
        "year": (_year, True),
        "scope": (_enum(Scope), True),
        "kind": (_enum(InitiativeKind), False),
        "recognised_by": (_str, False),
        "applied": (_bool, False),
        "used_for": (_str, False),
    },
)
AWARD = _record(
    AwardHeld,
    {
        "code": (_text, True),
        "year": (_year, True),
        "decision": (_str, False),
        "decided_on": (_optional(_date), False),
        "limb": (_optional(_enum(Limb)), False),
        "initiatives": (_list(_text), False),
        "period_start": (_optional(_year), False),
        "revoked": (_bool, False),
    },
)
POSTING = _record(
    Posting,
    {
        "award": (_text, True),
        "year": (_year, True),
        "start": (_date, True),
        "council_on": (_optional(_date), False),
    },
    _ordered("start", "council_on", "council_on"),
)
UNIT_YEAR = _record(
    UnitYear,
    {
        "year": (_year, True),
        "rating": (_optional(_enum(Rating)), True),
        "roster": (_int, False),
        "completed": (_int, False),
        "ldtt": (_int, False),
        "cstdcs": (_int, False),
        "disciplined": (_int, False),
        "led_cluster": (_choice(CLUSTER_KINDS), False),
        "party_clean_strong": (_optional(_bool), False),
    },
    _unit_counts,
)


def _unique(name: str, field: str, what: str) -> Check:
    """No two items of list `name` share their `field` (e.g. two ratings for one year)."""

    def check(values: dict[str, Any], path: str, errors: Errors) -> None:
        seen: dict[Any, int] = {}
        for i, item in enumerate(values.get(name, ())):
            if item is BAD:
                continue
            k = getattr(item, field)
            if k in seen:
                where = f"{_join(path, name)}[{i}].{field}"
                errors.append((where, f"{what} {k!r} is already given at [{seen[k]}]"))
            seen.setdefault(k, i)

    return check


def _all(*checks: Check) -> Check:
    def check(values: dict[str, Any], path: str, errors: Errors) -> None:
        for one in checks:
            one(values, path, errors)

    return check


COMMON: Spec = {
    "kind": (_choice(("person", "unit")), True),
    "id": (_text, True),
    "name": (_str, False),
    "awards": (_list(AWARD), False),
    "freezes": (_list(FREEZE), False),
    "postings": (_list(POSTING), False),
    "registered": (_list(_registration), False),
}
PERSON_SPEC: Spec = {
    **COMMON,
    "employment_start": (_date, True),
    "gender": (_choice(GENDERS), False),
    "ratings": (_list(RATING), False),
    "leaves": (_list(LEAVE), False),
    "transfers": (_list(TRANSFER), False),
    "disciplines": (_list(DISCIPLINE), False),
    "initiatives": (_list(INITIATIVE), False),
}
UNIT_SPEC: Spec = {
    **COMMON,
    "years": (_list(UNIT_YEAR), False),
    "dissolved_on": (_optional(_date), False),
}


def _build(cls: type) -> Callable[..., Any]:
    def build(kind: str, **values: Any) -> Any:
        return cls(**values)

    return build


PERSON = _record(
    _build(PersonFacts),
    PERSON_SPEC,
    _all(
        _unique("ratings", "year", "a rating for"),
        _unique("initiatives", "id", "initiative id"),
    ),
)
UNIT = _record(_build(UnitFacts), UNIT_SPEC, _unique("years", "year", "the year"))


def _subject(value: Any, path: str, errors: Errors) -> Any:
    if not isinstance(value, dict):
        errors.append((path, f"must be an object, not {_kind(value)}"))
        return BAD
    kind = value.get("kind")
    if kind not in ("person", "unit"):
        errors.append((_join(path, "kind"), f"must be 'person' or 'unit', not {_show(kind)}"))
        return BAD
    return (PERSON if kind == "person" else UNIT)(value, path, errors)


CASE = _record(
    lambda **v: Case(**v),
    {
        "subject": (_subject, True),
        "award": (_text, True),
        "year": (_year, True),
        "as_of": (_date, True),
        "submitted_on": (_optional(_date), False),
        "notes": (_list(_str), False),
    },
)


def _run(parse: Parser, data: Any) -> Any:
    errors: Errors = []
    result = parse(data, "", errors)
    if errors:
        raise FactsError(errors)
    return result


def parse_subject(data: Any) -> Subject:
    """A person or a collective from its JSON object; raises FactsError listing every problem."""
    return _run(_subject, data)


def parse_case(data: Any) -> Case:
    """{"subject": {...}, "award": "LDTT", "year": 2025, "as_of": "2026-01-15", ...} → Case."""
    return _run(CASE, data)


def read(path: str | Path) -> Any:
    """The decoded JSON in `path`; an unreadable file or bad JSON is a FactsError too."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise FactsError([("", f"cannot read {path}: {exc.strerror or exc}")]) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise FactsError([("", f"not valid JSON ({exc.msg} at {where})")]) from exc


def load(path: str | Path) -> Subject:
    """The subject described by the JSON facts file at `path`."""
    return parse_subject(read(path))


def load_case(path: str | Path) -> Case:
    return parse_case(read(path))


# --- dumping --------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return _record_dict(value)
    return value


def _record_dict(record: Any) -> dict[str, Any]:
    """Fields that are required or differ from their defaults, in declaration order."""
    out = {}
    for f in fields(record):
        value = getattr(record, f.name)
        if f.default_factory is not MISSING:
            default: Any = f.default_factory()
        else:
            default = f.default
        if default is MISSING or value != default:
            out[f.name] = _plain(value)
    return out


def dump_subject(subject: Subject) -> dict[str, Any]:
    """The JSON object for `subject`; `parse_subject(dump_subject(s)) == s`."""
    kind = "person" if isinstance(subject, PersonFacts) else "unit"
    return {"kind": kind, **_record_dict(subject)}


def dump_case(case: Case) -> dict[str, Any]:
    out: dict[str, Any] = {"subject": dump_subject(case.subject), "award": case.award}
    out |= {"year": case.year, "as_of": case.as_of.isoformat()}
    if case.submitted_on is not None:
        out["submitted_on"] = case.submitted_on.isoformat()
    if case.notes:
        out["notes"] = list(case.notes)
    return out
