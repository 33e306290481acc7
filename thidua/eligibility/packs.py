"""Rule packs: one JSON file per legal regime, chosen by evaluation year and submission date.

A pack lists the awards of its regime, each with metadata (names, subject, level, authority,
money multiplier, report period) and an ordered list of rules. A rule names a check from
`checks.REGISTRY` with its parameters and the clause it comes from. A pack may `extend`
another and replace whole awards; a new regime is a new file, not new code.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from .policy import Policy

PACK_DIR = Path(__file__).with_name("packs")
SUBJECTS = ("individual", "collective")


class PackError(ValueError):
    pass


class NoPackError(LookupError):
    def __init__(self, year: int, as_of: date):
        super().__init__(f"no enabled rule pack covers year {year} judged on {as_of}")
        self.year, self.as_of = year, as_of


@dataclass(frozen=True)
class Award:
    code: str
    name_vi: str
    name_en: str
    subject: str
    kind: str  # "title" (danh hiệu) or "form" (hình thức)
    level: str
    authority: str
    legal_basis: str
    rules: tuple[dict[str, Any], ...]
    multiplier: str | None = None
    report_years: int = 1
    system: str = "state"  # "state" or "sector" (the sector's own awards)
    posting: bool = False
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Pack:
    id: str
    version: int
    digest: str
    title: str
    effective_from: date
    min_year: int
    enabled: bool
    legal_basis: tuple[str, ...]
    policy: Policy
    params: dict[str, Any]
    awards: dict[str, Award]

    @property
    def version_label(self) -> str:
        return f"{self.version}+{self.digest}"

    def award(self, code: str) -> Award:
        try:
            return self.awards[code]
        except KeyError:
            raise PackError(f"award {code!r} is not in pack {self.id}") from None


def _read(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise PackError(f"{path.name}: {exc}") from exc


def _resolve(data: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> dict[str, Any]:
    parent_id = data.get("extends")
    if not parent_id:
        return data
    if parent_id not in by_id:
        raise PackError(f"{data['id']}: extends unknown pack {parent_id!r}")
    parent = _resolve(by_id[parent_id], by_id)
    merged = {**parent, **{k: v for k, v in data.items() if k not in ("awards", "drop_awards")}}
    awards = {**parent.get("awards", {}), **data.get("awards", {})}
    for code in data.get("drop_awards", ()):
        awards.pop(code, None)
    merged["awards"] = awards
    merged["policy"] = {**parent.get("policy", {}), **data.get("policy", {})}
    merged["params"] = {**parent.get("params", {}), **data.get("params", {})}
    merged.pop("extends", None)
    return merged


def _inline(rules: list[dict[str, Any]], awards: dict[str, Any], seen: tuple[str, ...]):
    """Replace {"include": CODE} by CODE's rules so a pack reads as data but runs flat."""
    out = []
    for rule in rules:
        if "include" in rule:
            code = rule["include"]
            if code in seen or code not in awards:
                raise PackError(f"include of {code!r} is unknown or circular")
            out.extend(_inline(awards[code]["rules"], awards, (*seen, code)))
        elif "rules" in rule:
            out.append({**rule, "rules": _inline(rule["rules"], awards, seen)})
        else:
            out.append(rule)
    return out


def _build(data: dict[str, Any]) -> Pack:
    from .checks import validate_rule

    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
    awards = {}
    common = data.get("common_rules", {})
    for code, spec in data["awards"].items():
        shared = [*common.get("any", ()), *common.get(spec["subject"], ())]
        rules = shared + _inline(spec["rules"], data["awards"], (code,))
        for rule in rules:
            validate_rule(rule, where=f"{data['id']}:{code}")
        if spec["subject"] not in SUBJECTS:
            raise PackError(f"{data['id']}:{code}: subject must be one of {SUBJECTS}")
        awards[code] = Award(
            code=code,
            name_vi=spec["name_vi"],
            name_en=spec["name_en"],
            subject=spec["subject"],
            kind=spec["kind"],
            level=spec["level"],
            authority=spec["authority"],
            legal_basis=spec["legal_basis"],
            rules=tuple(rules),
            multiplier=spec.get("multiplier"),
            report_years=int(spec.get("report_years", 1)),
            system=spec.get("system", "state"),
            posting=bool(spec.get("posting", False)),
            raw=spec,
        )
    return Pack(
        id=data["id"],
        version=int(data["version"]),
        digest=hashlib.sha256(canonical).hexdigest()[:12],
        title=data["title"],
        effective_from=date.fromisoformat(data["effective_from"]),
        min_year=int(data["min_year"]),
        enabled=bool(data["enabled"]),
        legal_basis=tuple(data["legal_basis"]),
        policy=Policy.from_mapping(data.get("policy", {})),
        params=data.get("params", {}),
        awards=awards,
    )


@lru_cache(maxsize=4)
def load_packs(directory: Path = PACK_DIR) -> tuple[Pack, ...]:
    """Every pack in `directory`, drafts included, oldest regime first."""
    raw = [_read(p) for p in sorted(directory.glob("*.json"))]
    by_id = {d["id"]: d for d in raw}
    if len(by_id) != len(raw):
        raise PackError("two pack files share an id")
    packs = [_build(_resolve(d, by_id)) for d in raw]
    return tuple(sorted(packs, key=lambda p: (p.effective_from, p.id)))


def select_pack(year: int, as_of: date, packs: tuple[Pack, ...] | None = None) -> Pack:
    """The enabled pack in force on `as_of` (the submission date) that covers `year`."""
    candidates = [
        p
        for p in packs or load_packs()
        if p.enabled and p.effective_from <= as_of and p.min_year <= year
    ]
    if not candidates:
        raise NoPackError(year, as_of)
    return max(candidates, key=lambda p: p.effective_from)


def rules_in_force(rules: tuple | list, on: date) -> list[dict[str, Any]]:
    """The rules whose optional `effective_from` has come by `on` (a rule's own later start,
    e.g. a circular that took effect after the decree), nested rules included."""
    out = []
    for rule in rules:
        start = rule.get("effective_from")
        if start and date.fromisoformat(start) > on:
            continue
        if "rules" in rule:
            rule = {**rule, "rules": rules_in_force(rule["rules"], on)}
        out.append(rule)
    return out


def pack_by_id(pack_id: str, packs: tuple[Pack, ...] | None = None) -> Pack:
    for pack in packs or load_packs():
        if pack.id == pack_id:
            return pack
    raise PackError(f"unknown pack {pack_id!r}")
