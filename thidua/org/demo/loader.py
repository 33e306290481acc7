"""Write the demo organisation through the org services, skipping every record that exists.

Each record has a natural key (unit code, cluster number + organiser, staff code, username), so a
second run finds everything and writes nothing: no new rows and no new history rows. The acting
user is None (a system action) in every audit row.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from thidua.org import services
from thidua.org.demo import data
from thidua.org.demo.accounts import ensure_accounts
from thidua.org.demo.data import ClusterSpec, UnitSpec
from thidua.org.demo.plan import DemoPlan, plan_demo
from thidua.org.models import (
    Cluster,
    ClusterLeadership,
    ClusterMembership,
    Council,
    LeavePeriod,
    Membership,
    Person,
    Unit,
)

SYSTEM = None  # the acting user recorded for demo writes


@dataclass
class LoadReport:
    already_loaded: bool
    created: Counter[str] = field(default_factory=Counter)


def demo_is_loaded(plan: DemoPlan) -> bool:
    """The last person and every account exist: the quick check that makes a re-run cheap."""
    usernames = [spec.username for spec in data.ACCOUNTS]
    last_person = Person.objects.filter(staff_code=plan.people[-1].staff_code)
    accounts = get_user_model().objects.filter(username__in=usernames)
    return last_person.exists() and accounts.count() == len(usernames)


def load_demo() -> LoadReport:
    """Load what is missing, all in one transaction so a failure leaves nothing half-written."""
    plan = plan_demo()
    # Checked before the transaction too: on SQLite it starts with a write lock (IMMEDIATE).
    if demo_is_loaded(plan):
        return LoadReport(already_loaded=True)
    with transaction.atomic():
        if demo_is_loaded(plan):  # another process got there first
            return LoadReport(already_loaded=True)
        return LoadReport(already_loaded=False, created=_load(plan))


def _load(plan: DemoPlan) -> Counter[str]:
    created: Counter[str] = Counter()
    units = ensure_units(data.UNITS, created)
    clusters = {spec.number: ensure_cluster(spec, units, created) for spec in data.CLUSTERS}
    apply_successions(units, created)
    people = ensure_people(plan, units, created)
    ensure_transfers(plan, people, units, created)
    ensure_leaves(plan, people, created)
    council = ensure_council(units, created)
    ensure_accounts(units=units, clusters=clusters, council=council, created=created)
    return created


# ---- units ---------------------------------------------------------------------------------


def ensure_units(specs: tuple[UnitSpec, ...], created: Counter[str]) -> dict[str, Unit]:
    """The units and their departments, keyed by code; parents come before children in `specs`."""
    codes = [spec.code for spec in specs]
    codes += [spec.department_code(suffix) for spec in specs for suffix, _ in spec.departments]
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=codes)}
    for spec in specs:
        parent = units[spec.parent] if spec.parent else None
        unit = _ensure_unit(units, created, parent=parent, **_unit_fields(spec))
        for order, (suffix, name) in enumerate(spec.departments, start=1):
            _ensure_unit(
                units,
                created,
                parent=unit,
                code=spec.department_code(suffix),
                name=name,
                kind=Unit.Kind.DEPARTMENT,
                document_style=spec.style,
                active_from=spec.active_from,
                sort_order=order,
            )
    return units


def _unit_fields(spec: UnitSpec) -> dict[str, Any]:
    return {
        "code": spec.code,
        "name": spec.name,
        "short_name": spec.short_name,
        "kind": spec.kind,
        "document_style": spec.style,
        "issuer_code": spec.issuer_code,
        "active_from": spec.active_from,
    }


def _ensure_unit(units: dict[str, Unit], created: Counter[str], **fields: Any) -> Unit:
    if fields["code"] not in units:
        units[fields["code"]] = services.unit_create(by=SYSTEM, **fields)
        created["units"] += 1
    return units[fields["code"]]


# ---- clusters ------------------------------------------------------------------------------


def ensure_cluster(spec: ClusterSpec, units: dict[str, Unit], created: Counter[str]) -> Cluster:
    organiser = units[spec.organiser]
    cluster = Cluster.objects.filter(number=spec.number, organiser=organiser).first()
    if cluster is None:
        cluster = services.cluster_create(
            by=SYSTEM,
            organiser=organiser,
            number=spec.number,
            name=spec.name,
            kind=Cluster.Kind.CLUSTER,
            description=spec.description,
        )
        created["clusters"] += 1
    joined = set(cluster.memberships.values_list("unit__code", "joined_on"))
    for code, joined_on in spec.members:
        if (code, joined_on) not in joined:
            services.cluster_member_add(
                cluster=cluster, unit=units[code], joined_on=joined_on, by=SYSTEM
            )
            created["cluster memberships"] += 1
    _ensure_leaderships(cluster, spec, units, created)
    return cluster


def _ensure_leaderships(
    cluster: Cluster, spec: ClusterSpec, units: dict[str, Unit], created: Counter[str]
) -> None:
    taken = set(cluster.leaderships.values_list("year", "role"))
    for seat in spec.leaderships:
        for role, code, note in (
            (ClusterLeadership.Role.LEADER, seat.leader, seat.leader_note),
            (ClusterLeadership.Role.DEPUTY, seat.deputy, seat.deputy_note),
        ):
            if (seat.year, role) not in taken:
                services.cluster_leadership_set(
                    cluster=cluster,
                    year=seat.year,
                    role=role,
                    unit=units[code],
                    note=note,
                    by=SYSTEM,
                )
                created["cluster leader seats"] += 1


def apply_successions(units: dict[str, Unit], created: Counter[str]) -> None:
    """Close the pre-2025 bodies; they leave their clusters the day before the successors join.

    Their people stay on their rolls (only a few transfer, see data.TRANSFERS): who moved where
    is unknown, and the demo keeps the 2021–2024 cluster years browsable with full rosters.
    """
    on = data.RESTRUCTURING_DATE
    for old_code, new_code in data.SUCCESSIONS:
        old = units[old_code]
        if old.active_to is None:
            services.unit_deactivate(unit=old, by=SYSTEM, on=on, successor=units[new_code])
            created["units closed"] += 1
        for membership in ClusterMembership.objects.filter(unit=old, left_on__isnull=True):
            left_on = on - dt.timedelta(days=1)
            services.cluster_member_leave(membership=membership, left_on=left_on, by=SYSTEM)
            created["cluster memberships ended"] += 1


# ---- people --------------------------------------------------------------------------------


def ensure_people(
    plan: DemoPlan, units: dict[str, Unit], created: Counter[str]
) -> dict[str, Person]:
    codes = [p.staff_code for p in plan.people]
    people = {p.staff_code: p for p in Person.objects.filter(staff_code__in=codes)}
    for p in plan.people:
        if p.staff_code in people:
            continue
        people[p.staff_code] = services.person_create(
            by=SYSTEM,
            unit=units[p.unit_code],
            position=p.position,
            start_date=p.joined_on,
            full_name=p.full_name,
            gender=p.gender,
            birth_date=p.birth_date,
            employment_start=p.employment_start,
            staff_code=p.staff_code,
        )
        created["people"] += 1
    return people


def ensure_transfers(
    plan: DemoPlan, people: dict[str, Person], units: dict[str, Unit], created: Counter[str]
) -> None:
    for move in plan.transfers:
        person, to_unit = people[move.staff_code], units[move.to_unit]
        if Membership.objects.filter(person=person, unit=to_unit, start_date=move.on).exists():
            continue
        services.person_transfer(
            person=person, to_unit=to_unit, on=move.on, position=move.position, by=SYSTEM
        )
        created["transfers"] += 1


def ensure_leaves(plan: DemoPlan, people: dict[str, Person], created: Counter[str]) -> None:
    for leave in plan.leaves:
        person = people[leave.staff_code]
        if LeavePeriod.objects.filter(
            person=person, kind=leave.kind, start_date=leave.start_date
        ).exists():
            continue
        services.leave_add(
            person=person,
            kind=leave.kind,
            start_date=leave.start_date,
            end_date=leave.end_date,
            note=leave.note,
            by=SYSTEM,
        )
        created["leave periods"] += 1


# ---- the sector council --------------------------------------------------------------------


def ensure_council(units: dict[str, Unit], created: Counter[str]) -> Council:
    body = units[data.BAN_TCTW.code]
    council = Council.objects.filter(unit=body, name=data.COUNCIL_NAME).first()
    if council is None:
        council = services.council_create(unit=body, name=data.COUNCIL_NAME, by=SYSTEM)
        created["councils"] += 1
    seated = set(council.seats.values_list("person_id", "role"))
    for role, unit_code, position in data.COUNCIL_SEATS:
        person = (
            Person.objects.filter(unit=units[unit_code], position=position)
            .order_by("staff_code")
            .first()
        )
        if (person.pk, role) in seated:
            continue
        services.council_seat_add(
            council=council, person=person, role=role, start_date=data.COUNCIL_SINCE, by=SYSTEM
        )
        created["council seats"] += 1
    return council
