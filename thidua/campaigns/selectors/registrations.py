"""Reads for registrations: whom a movement reaches, what a viewer may see, the catalogue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from thidua.awards.models import AwardType
from thidua.campaigns.models import Movement, Registration, RegistrationEntry
from thidua.org.models import ClusterMembership, Person, Unit
from thidua.org.scope import covers, path_q, scope_for

OPEN_MOVEMENT = (Movement.Status.LAUNCHED, Movement.Status.IN_PROGRESS)


def reaches_unit(movement: Movement, unit: Unit, *, on: dt.date | None = None) -> bool:
    """The movement concerns `unit`: below its launching body (sector), below a chosen unit,
    or below a unit that is a member of a chosen cluster on `on` (today by default)."""
    if movement.reach == Movement.Reach.SECTOR:
        return unit.path.startswith(movement.authority.path)
    if movement.reach == Movement.Reach.UNITS:
        roots = tuple(movement.units.values_list("path", flat=True))
    else:
        on = on or timezone.localdate()
        members = ClusterMembership.objects.filter(
            cluster__in=movement.clusters.all(), joined_on__lte=on
        ).filter(Q(left_on__isnull=True) | Q(left_on__gte=on))
        roots = tuple(members.values_list("unit__path", flat=True))
    return covers(roots, unit.path)


def oversees_movement(user: Any, movement: Movement) -> bool:
    """The launching body's secretariat (or an administrator) follows every unit's registration."""
    scope = scope_for(user)
    return scope.is_admin or covers(scope.secretariat_paths, movement.authority.path)


def registrations_for(*, user: Any, movement: Movement) -> QuerySet[Registration]:
    """The movement's registrations the viewer may see, with their entry counts."""
    scope = scope_for(user)
    registrations = (
        Registration.objects.filter(movement=movement)
        .select_related("unit", "approved_by")
        .annotate(
            collective_count=Count("entries", filter=Q(entries__person__isnull=True)),
            individual_count=Count("entries", filter=Q(entries__person__isnull=False)),
        )
        .order_by("unit__path")
    )
    if oversees_movement(user, movement):
        return registrations
    paths = scope.read_paths + scope.head_paths
    return registrations.filter(path_q(paths, "unit__path"))


def units_to_register(*, user: Any, movement: Movement) -> list[Unit]:
    """The units whose own emulation officer the user is and which the movement reaches."""
    paths = scope_for(user).officer_paths
    if not paths or movement.status not in OPEN_MOVEMENT:
        return []
    units = Unit.objects.filter(path__in=paths, active_to__isnull=True).order_by("path")
    return [unit for unit in units if reaches_unit(movement, unit)]


def award_choices(subject: str) -> list[tuple[str, str]]:
    """Catalogue awards for a subject kind (titles first), as (code, name) pairs."""
    awards = AwardType.objects.filter(subject=subject).order_by("-kind", "sort_order", "code")
    # "title" sorts after "form" alphabetically: descending puts the titles (danh hiệu) first.
    return [(a.code, a.name) for a in awards]


def award_names() -> dict[str, str]:
    return dict(AwardType.objects.values_list("code", "name"))


def registration_people(registration: Registration) -> QuerySet[Person]:
    """The people a unit may register: in the unit or its sub-units, sorted the Vietnamese way."""
    return (
        Person.objects.filter(unit__path__startswith=registration.unit.path)
        .select_related("unit")
        .order_by("sort_name", "pk")
    )


def registered_codes(movement: Movement) -> dict[int, list[str]]:
    """Each person's codes already registered in the movement (any unit's registration)."""
    found: dict[int, list[str]] = {}
    rows = RegistrationEntry.objects.filter(
        registration__movement=movement, person__isnull=False
    ).order_by("award_code")
    for person_id, code in rows.values_list("person_id", "award_code"):
        found.setdefault(person_id, []).append(code)
    return found


@dataclass(frozen=True)
class Entries:
    collective: list[RegistrationEntry]
    individual: list[RegistrationEntry]


def registration_entries(registration: Registration) -> Entries:
    entries = list(
        registration.entries.select_related("person__unit").order_by(
            "person__sort_name", "person_id", "award_code"
        )
    )
    names = award_names()
    for entry in entries:
        entry.award_name = names.get(entry.award_code, entry.award_code)
    return Entries(
        collective=[e for e in entries if e.person_id is None],
        individual=[e for e in entries if e.person_id is not None],
    )


@dataclass(frozen=True)
class Deadline:
    on: dt.date | None
    days_left: int | None  # None: no deadline; negative: past

    @property
    def passed(self) -> bool:
        return self.days_left is not None and self.days_left < 0


def deadline_of(movement: Movement, *, today: dt.date | None = None) -> Deadline:
    on = movement.registration_deadline
    if on is None:
        return Deadline(None, None)
    return Deadline(on, (on - (today or timezone.localdate())).days)


def entry_history(registration: Registration, limit: int = 100) -> list[Any]:
    """Titles added and removed, newest first (entries are deleted, their history stays)."""
    rows = list(
        RegistrationEntry.history.filter(registration_id=registration.pk)
        .exclude(history_type="~")
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    names = award_names()
    people = dict(
        Person.objects.filter(pk__in={r.person_id for r in rows if r.person_id}).values_list(
            "pk", "full_name"
        )
    )
    for row in rows:
        row.award_name = names.get(row.award_code, row.award_code)
        row.subject_name = people.get(row.person_id, "") if row.person_id else ""
    return rows
