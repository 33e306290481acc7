"""The adapter between the database and the engine: records in, engine facts out."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from django.db.models import Q

from thidua.awards.models import (
    AwardRecord,
    Discipline,
    Freeze,
    Initiative,
    PersonRating,
    PolicySetting,
    TransferComment,
    UnitYear,
)
from thidua.campaigns.models import Registration, RegistrationEntry
from thidua.eligibility import facts as f
from thidua.eligibility.context import full_months
from thidua.eligibility.policy import discipline_heaviness
from thidua.org.models import Membership, Person, Unit
from thidua.org.scope import path_q

UNKNOWN_START = date(1900, 1, 1)


def path_ids(path: str) -> list[int]:
    """The unit ids of a tree path, root first ("/1/5/12/" → [1, 5, 12])."""
    return [int(i) for i in path.strip("/").split("/") if i]


def merged_policy(settings: dict[int | None, dict[str, Any]], path: str) -> dict[str, Any]:
    """Installation settings (key None), then each ancestor's, the unit's own last."""
    merged = dict(settings.get(None, {}))
    for ancestor in path_ids(path):
        merged.update(settings.get(ancestor, {}))
    return merged


def policy_values(unit: Unit | None) -> dict[str, Any]:
    """The policy overrides that apply in `unit` (nearest setting wins)."""
    ids = path_ids(unit.path) if unit else []
    rows = PolicySetting.objects.filter(Q(unit__isnull=True) | Q(unit_id__in=ids))
    return merged_policy({row.unit_id: row.values for row in rows}, unit.path if unit else "")


def agencies(units: list[tuple[int, str]], kinds: dict[int, str]) -> dict[int, int]:
    """Each unit's evaluating agency: its nearest ancestor (or itself) of kind agency or sector.

    A move between two departments of one agency is not a transfer: the same head rates both.
    `units` are (pk, path) pairs; `kinds` maps every ancestor's pk to its kind.
    """
    top = (Unit.Kind.AGENCY, Unit.Kind.SECTOR)
    out = {}
    for pk, path in units:
        chain = path_ids(path) or [pk]
        out[pk] = next((i for i in reversed(chain) if kinds.get(i) in top), chain[0])
    return out


def _award_held(record: AwardRecord) -> f.AwardHeld:
    return f.AwardHeld(
        code=record.award.code,
        year=record.year,
        decision=record.decision_number,
        decided_on=record.decision_date,
        limb=f.Limb(record.limb) if record.limb else None,
        initiatives=tuple(str(i.pk) for i in record.initiatives.all()),
        period_start=record.period_start,
        revoked=record.revoked,
    )


def _freezes(rows) -> tuple[f.Freeze, ...]:
    return tuple(f.Freeze(r.kind, r.opened_on, r.closed_on) for r in rows)


def transfers(person: Person) -> tuple[f.Transfer, ...]:
    """A new main post in another agency: months at the old one in the year of the move."""
    posts = list(
        Membership.objects.filter(person=person, is_concurrent=False)
        .select_related("unit")
        .order_by("start_date")
    )
    commented = set(TransferComment.objects.filter(person=person).values_list("year", flat=True))
    ancestor_ids = {i for p in posts for i in path_ids(p.unit.path)}
    kinds = dict(Unit.objects.filter(pk__in=ancestor_ids).values_list("pk", "kind"))
    agency = agencies([(p.unit_id, p.unit.path) for p in posts], kinds)
    moves = []
    for old, new in pairwise(posts):
        if agency[old.unit_id] == agency[new.unit_id]:
            continue
        year = new.start_date.year
        left = old.end_date or new.start_date - timedelta(days=1)
        months = full_months(max(old.start_date, date(year, 1, 1)), left)
        moves.append(f.Transfer(new.start_date, months, year in commented))
    return tuple(moves)


def registered(**where: Any) -> tuple[str, ...]:
    """The "CODE:YEAR" targets of approved registrations (the year is the movement's year)."""
    rows = RegistrationEntry.objects.filter(
        registration__status=Registration.Status.APPROVED, **where
    ).values_list("award_code", "registration__movement__starts_on")
    return tuple(sorted({f"{code}:{starts.year}" for code, starts in rows}))


def person_facts(person: Person) -> f.PersonFacts:
    ratings = PersonRating.objects.filter(person=person)
    records = AwardRecord.objects.filter(person=person).select_related("award")
    return f.PersonFacts(
        id=str(person.pk),
        name=person.full_name,
        gender=person.gender,
        employment_start=person.employment_start or UNKNOWN_START,
        ratings=tuple(f.YearRating(r.year, f.Rating(r.rating)) for r in ratings),
        leaves=tuple(
            f.Leave(f.LeaveKind(x.kind), x.start_date, x.end_date, x.study_completed)
            for x in person.leave_periods.all()
        ),
        transfers=transfers(person),
        disciplines=tuple(
            f.Discipline(d.form, d.decided_on, d.ends_on, d.party)
            for d in Discipline.objects.filter(person=person)
        ),
        freezes=_freezes(Freeze.objects.filter(person=person)),
        initiatives=tuple(
            f.Initiative(
                id=str(i.pk),
                year=i.year,
                scope=f.Scope(i.scope),
                kind=f.InitiativeKind(i.kind),
                recognised_by=i.recognised_by,
                applied=i.applied,
                used_for=i.used_elsewhere,
            )
            for i in Initiative.objects.filter(person=person)
        ),
        awards=tuple(_award_held(r) for r in records.prefetch_related("initiatives")),
        registered=registered(person=person),
    )


def _roster(unit: Unit, year: int) -> list[int]:
    end = date(year, 12, 31)
    posts = Membership.objects.filter(
        path_q((unit.path,), "unit__path"), is_concurrent=False, start_date__lte=end
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=end))
    # No ordering: Membership's default one would join people and sort them by collation.
    return list(posts.order_by().values_list("person_id", flat=True).distinct())


def member_counts(unit: Unit, year: int, bar: str | None) -> dict[str, int]:
    """Counts over the people on the unit's roster at year end (law.md b.3: policy [U])."""
    people = _roster(unit, year)
    held = AwardRecord.objects.filter(person_id__in=people, year=year, revoked=False)
    ldtt = set(held.filter(award__code__in=("LDTT", "CSTDCS")).values_list("person_id", flat=True))
    cstdcs = held.filter(award__code="CSTDCS").values_list("person_id", flat=True).distinct()
    completed = PersonRating.objects.filter(
        person_id__in=people, year=year, rating__in=("HTXS", "HTT", "HT")
    )
    disciplined = 0
    if bar:
        floor = discipline_heaviness(bar)
        disciplined = len(
            {
                d.person_id
                for d in Discipline.objects.filter(person_id__in=people, decided_on__year=year)
                if discipline_heaviness(d.form) >= floor
            }
        )
    return {
        "roster": len(people),
        "completed": completed.count(),
        "ldtt": len(ldtt),
        "cstdcs": cstdcs.count(),
        "disciplined": disciplined,
    }


def unit_facts(unit: Unit, *, bar: str | None = None) -> f.UnitFacts:
    years = []
    for row in UnitYear.objects.filter(unit=unit):
        counts = member_counts(unit, row.year, bar)
        for name in counts:  # figures entered by hand win over computed ones
            if getattr(row, name) is not None:
                counts[name] = getattr(row, name)
        years.append(
            f.UnitYear(
                year=row.year,
                rating=f.Rating(row.rating) if row.rating else None,
                led_cluster=row.led_cluster,
                party_clean_strong=row.party_clean_strong,
                **counts,
            )
        )
    records = AwardRecord.objects.filter(unit=unit).select_related("award")
    return f.UnitFacts(
        id=str(unit.pk),
        name=unit.name,
        years=tuple(years),
        awards=tuple(_award_held(r) for r in records.prefetch_related("initiatives")),
        freezes=_freezes(Freeze.objects.filter(unit=unit)),
        registered=registered(registration__unit=unit, person__isnull=True),
        dissolved_on=unit.active_to,
    )
