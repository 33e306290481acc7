"""Facts objects → frames, for tests and small sweeps (the Django side fills frames from SQL)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import polars as pl

from ..facts import AwardHeld, Freeze, PersonFacts, Posting, Subject, UnitFacts
from .frames import Frames, conform, frame_names


def frames_from_facts(subjects: Iterable[Subject]) -> Frames:
    """One `Frames` holding every subject; person and unit ids must not collide."""
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    seen: set[str] = set()
    for subject in subjects:
        if subject.id in seen:
            raise ValueError(f"two subjects share the id {subject.id!r}")
        seen.add(subject.id)
        if isinstance(subject, PersonFacts):
            _person(subject, rows)
        else:
            _unit(subject, rows)
        _shared(subject, rows)
    frames = {
        n: pl.DataFrame(rows[n], infer_schema_length=None) if rows[n] else None
        for n in frame_names()
    }
    return conform(**frames)


def _person(p: PersonFacts, rows: dict[str, list[dict[str, Any]]]) -> None:
    pid = p.id
    rows["people"].append({"id": pid, "employment_start": p.employment_start, "gender": p.gender})
    for r in p.ratings:  # a second record of a year is dropped by `conform`, as scalar ignores it
        rows["ratings"].append({"person": pid, "year": r.year, "rating": r.rating.value})
    for leave in p.leaves:
        rows["leaves"].append(
            {
                "person": pid,
                "kind": leave.kind.value,
                "start": leave.start,
                "end": leave.end,
                "study_completed": leave.study_completed,
            }
        )
    for t in p.transfers:
        rows["transfers"].append(
            {
                "person": pid,
                "on": t.on,
                "months_at_old_unit": t.months_at_old_unit,
                "old_unit_comment": t.old_unit_comment,
            }
        )
    for d in p.disciplines:
        rows["disciplines"].append(
            {"person": pid, "form": d.form, "decided_on": d.decided_on, "ends_on": d.ends_on}
        )
    for i in p.initiatives:
        rows["initiatives"].append(
            {
                "person": pid,
                "id": i.id,
                "year": i.year,
                "scope": i.scope.value,
                "kind": i.kind.value,
                "applied": i.applied,
                "used_for": i.used_for,
            }
        )


def _unit(u: UnitFacts, rows: dict[str, list[dict[str, Any]]]) -> None:
    rows["units"].append({"id": u.id, "dissolved_on": u.dissolved_on})
    for row in u.years:
        rows["unit_years"].append(
            {
                "unit": u.id,
                "year": row.year,
                "rating": row.rating.value if row.rating else None,
                "roster": row.roster,
                "completed": row.completed,
                "ldtt": row.ldtt,
                "cstdcs": row.cstdcs,
                "disciplined": row.disciplined,
                "led_cluster": row.led_cluster,
                "party_clean_strong": row.party_clean_strong,
            }
        )


def _shared(s: Subject, rows: dict[str, list[dict[str, Any]]]) -> None:
    rows["awards"].extend(_award(s.id, a) for a in s.awards)
    rows["freezes"].extend(_freeze(s.id, f) for f in s.freezes)
    rows["postings"].extend(_posting(s.id, p) for p in s.postings)
    rows["registered"].extend({"subject": s.id, "target": t} for t in s.registered)


def _award(sid: str, a: AwardHeld) -> dict[str, Any]:
    return {
        "subject": sid,
        "code": a.code,
        "year": a.year,
        "decided_on": a.decided_on,
        "limb": a.limb.value if a.limb else None,
        "initiatives": list(a.initiatives),
        "revoked": a.revoked,
    }


def _freeze(sid: str, f: Freeze) -> dict[str, Any]:
    return {"subject": sid, "kind": f.kind, "opened_on": f.opened_on, "closed_on": f.closed_on}


def _posting(sid: str, p: Posting) -> dict[str, Any]:
    return {
        "subject": sid,
        "award": p.award,
        "year": p.year,
        "start": p.start,
        "council_on": p.council_on,
    }
