"""Every change to units, clusters, people and roles goes through these functions.

Each validates, runs in a transaction and leaves an audit row naming the user (`by`).
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from thidua.core.audit import delete_audited, save_audited
from thidua.core.errors import DomainError
from thidua.core.formatting import short_date
from thidua.org.models import (
    Cluster,
    ClusterLeadership,
    ClusterMembership,
    Council,
    CouncilSeat,
    LeavePeriod,
    Membership,
    Person,
    RoleAssignment,
    Unit,
)

# ---- units -------------------------------------------------------------------------------


@transaction.atomic
def unit_create(*, by: Any, parent: Unit | None = None, **fields: Any) -> Unit:
    unit = Unit(parent=parent, **fields)
    unit.path, unit.depth = "/", 0  # placeholder until the id is known
    save_audited(unit, by=by)
    _set_path(unit)
    # The path needs the new id; write it to the row and to its creation history row alike.
    Unit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)
    unit.history.filter(history_type="+").update(path=unit.path, depth=unit.depth)
    return unit


def _set_path(unit: Unit) -> None:
    parent_path = unit.parent.path if unit.parent else "/"
    unit.path = f"{parent_path}{unit.pk}/"
    unit.depth = unit.path.count("/") - 2


@transaction.atomic
def unit_update(*, unit: Unit, by: Any, reason: str = "", **fields: Any) -> Unit:
    for name, value in fields.items():
        setattr(unit, name, value)
    save_audited(unit, by=by, reason=reason)
    return unit


@transaction.atomic
def unit_move(*, unit: Unit, new_parent: Unit | None, by: Any) -> Unit:
    """Re-hang a unit (and its subtree) under another parent; a cycle is refused."""
    if new_parent is not None and new_parent.path.startswith(unit.path):
        raise DomainError(
            _("%(unit)s cannot be placed under %(parent)s, which is inside it.")
            % {"unit": unit.name, "parent": new_parent.name},
            field="parent",
            code="cycle",
        )
    old_path = unit.path
    unit.parent = new_parent
    _set_path(unit)
    save_audited(unit, by=by, reason=_("moved in the unit tree"))
    for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
        child.path = unit.path + child.path[len(old_path) :]
        child.depth = child.path.count("/") - 2
        save_audited(child, by=by, reason=_("moved in the unit tree"), clean=False)
    return unit


@transaction.atomic
def unit_deactivate(*, unit: Unit, by: Any, on: dt.date, successor: Unit | None = None) -> Unit:
    """Close a unit (merger, dissolution, renaming); its records and history stay."""
    unit.active_to = on
    unit.successor = successor
    save_audited(unit, by=by, reason=_("deactivated"))
    return unit


@transaction.atomic
def unit_delete(*, unit: Unit, by: Any) -> None:
    """Only an empty unit can be deleted; one with people or sub-units is deactivated instead."""
    if Membership.objects.filter(unit__path__startswith=unit.path).exists():
        raise DomainError(
            _("%(unit)s has people and cannot be deleted. Deactivate it instead.")
            % {"unit": unit.name},
            code="unit_has_people",
        )
    if unit.children.exists():
        raise DomainError(
            _("%(unit)s has sub-units and cannot be deleted. Deactivate it instead.")
            % {"unit": unit.name},
            code="unit_has_children",
        )
    delete_audited(unit, by=by)


# ---- clusters ----------------------------------------------------------------------------


@transaction.atomic
def cluster_create(*, by: Any, organiser: Unit, **fields: Any) -> Cluster:
    cluster = Cluster(organiser=organiser, **fields)
    save_audited(cluster, by=by)
    return cluster


def _overlaps(start: dt.date, end: dt.date | None, field_start: str, field_end: str) -> Q:
    """Rows whose [field_start, field_end] period meets [start, end] (open ends = forever)."""
    q = Q(**{f"{field_end}__isnull": True}) | Q(**{f"{field_end}__gte": start})
    if end is not None:
        q &= Q(**{f"{field_start}__lte": end})
    return q


def check_cluster_membership_free(
    *,
    cluster: Cluster,
    unit: Unit,
    joined_on: dt.date,
    left_on: dt.date | None,
    exclude_pk: int | None = None,
) -> None:
    """A unit is a member of a cluster at most once at any date (also used by the admin)."""
    clash = (
        cluster.memberships.filter(unit=unit)
        .filter(_overlaps(joined_on, left_on, "joined_on", "left_on"))
        .exclude(pk=exclude_pk)
        .first()
    )
    if clash is not None:
        raise DomainError(
            _("%(unit)s is already a member of %(cluster)s from %(start)s.")
            % {"unit": unit.name, "cluster": cluster.name, "start": short_date(clash.joined_on)},
            field="unit",
            code="membership_overlap",
        )


@transaction.atomic
def cluster_member_add(
    *, cluster: Cluster, unit: Unit, joined_on: dt.date, by: Any, left_on: dt.date | None = None
) -> ClusterMembership:
    check_cluster_membership_free(cluster=cluster, unit=unit, joined_on=joined_on, left_on=left_on)
    membership = ClusterMembership(cluster=cluster, unit=unit, joined_on=joined_on, left_on=left_on)
    save_audited(membership, by=by)
    return membership


@transaction.atomic
def cluster_member_leave(*, membership: ClusterMembership, left_on: dt.date, by: Any) -> None:
    membership.left_on = left_on
    save_audited(membership, by=by, reason=_("left the cluster"))


def _is_member_in_year(cluster: Cluster, unit: Unit, year: int) -> bool:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (
        cluster.memberships.filter(unit=unit).filter(_overlaps(start, end, "joined_on", "left_on"))
    ).exists()


@transaction.atomic
def cluster_leadership_set(
    *, cluster: Cluster, year: int, role: str, unit: Unit, by: Any, note: str = ""
) -> ClusterLeadership:
    """Record the leader or deputy for a year; a second holder of the same seat is refused."""
    if not _is_member_in_year(cluster, unit, year):
        raise DomainError(
            _("%(unit)s is not a member of %(cluster)s in %(year)s.")
            % {"unit": unit.name, "cluster": cluster.name, "year": year},
            field="unit",
            code="not_a_member",
        )
    taken = cluster.leaderships.filter(year=year).filter(Q(role=role) | Q(unit=unit)).first()
    if taken is not None:
        raise DomainError(
            _("In %(year)s %(unit)s already holds the seat of %(role)s.")
            % {"year": year, "unit": taken.unit.name, "role": taken.get_role_display()},
            field="unit",
            code="leadership_taken",
        )
    seat = ClusterLeadership(cluster=cluster, year=year, role=role, unit=unit, note=note)
    save_audited(seat, by=by)
    return seat


# ---- people ------------------------------------------------------------------------------


@transaction.atomic
def person_create(
    *,
    by: Any,
    unit: Unit,
    position: str = "",
    start_date: dt.date | None = None,
    **fields: Any,
) -> Person:
    """A new person with their first main post (nothing to overlap, so no checks needed)."""
    person = Person(unit=unit, position=position, **fields)
    save_audited(person, by=by)
    first_post = Membership(
        person=person,
        unit=unit,
        position=position,
        start_date=start_date or person.employment_start or dt.date.today(),
    )
    save_audited(first_post, by=by)
    return person


@transaction.atomic
def person_update(*, person: Person, by: Any, reason: str = "", **fields: Any) -> Person:
    for name, value in fields.items():
        setattr(person, name, value)
    save_audited(person, by=by, reason=reason)
    return person


def check_main_post_free(
    *,
    person: Person,
    start_date: dt.date,
    end_date: dt.date | None,
    exclude_pk: int | None = None,
) -> None:
    """A person holds one main post at a time; concurrent posts are not checked."""
    clash = (
        person.memberships.filter(is_concurrent=False)
        .filter(_overlaps(start_date, end_date, "start_date", "end_date"))
        .exclude(pk=exclude_pk)
        .select_related("unit")
        .first()
    )
    if clash is not None:
        raise DomainError(
            _("%(person)s already works at %(unit)s from %(start)s; end that post first.")
            % {
                "person": person.full_name,
                "unit": clash.unit.name,
                "start": short_date(clash.start_date),
            },
            field="start_date",
            code="membership_overlap",
        )


@transaction.atomic
def membership_add(
    *,
    person: Person,
    unit: Unit,
    start_date: dt.date,
    by: Any,
    position: str = "",
    end_date: dt.date | None = None,
    is_concurrent: bool = False,
) -> Membership:
    """Add a post; main posts may not overlap (a transfer ends the old one first)."""
    if not is_concurrent:
        check_main_post_free(person=person, start_date=start_date, end_date=end_date)
    membership = Membership(
        person=person,
        unit=unit,
        position=position,
        start_date=start_date,
        end_date=end_date,
        is_concurrent=is_concurrent,
    )
    save_audited(membership, by=by)
    person_sync_current_unit(person, by=by)
    return membership


@transaction.atomic
def person_transfer(
    *, person: Person, to_unit: Unit, on: dt.date, by: Any, position: str = ""
) -> Membership:
    """Close the open main post the day before `on` and open one at `to_unit`."""
    current = person.memberships.filter(is_concurrent=False, end_date__isnull=True).first()
    if current is not None:
        if on <= current.start_date:
            raise DomainError(
                _("The transfer date must be after %(start)s, when the current post began.")
                % {"start": short_date(current.start_date)},
                field="on",
                code="transfer_date",
            )
        current.end_date = on - dt.timedelta(days=1)
        save_audited(current, by=by, reason=_("transfer"))
    return membership_add(person=person, unit=to_unit, start_date=on, position=position, by=by)


def person_sync_current_unit(person: Person, *, by: Any) -> None:
    """Keep Person.unit/position equal to the open main post (a denormalised copy for scoping)."""
    current = (
        person.memberships.filter(is_concurrent=False, end_date__isnull=True)
        .order_by("-start_date")
        .first()
    )
    unit = current.unit if current else None
    position = current.position if current else ""
    if person.unit_id != (unit.pk if unit else None) or person.position != position:
        person.unit, person.position = unit, position
        save_audited(person, by=by, clean=False)


def check_leave_free(
    *, person: Person, start_date: dt.date, end_date: dt.date, exclude_pk: int | None = None
) -> None:
    clash = (
        person.leave_periods.filter(_overlaps(start_date, end_date, "start_date", "end_date"))
        .exclude(pk=exclude_pk)
        .first()
    )
    if clash is not None:
        raise DomainError(
            _("This leave overlaps the %(kind)s from %(start)s to %(end)s.")
            % {
                "kind": clash.get_kind_display(),
                "start": short_date(clash.start_date),
                "end": short_date(clash.end_date),
            },
            field="start_date",
            code="leave_overlap",
        )


@transaction.atomic
def leave_add(
    *, person: Person, kind: str, start_date: dt.date, end_date: dt.date, by: Any, note: str = ""
) -> LeavePeriod:
    check_leave_free(person=person, start_date=start_date, end_date=end_date)
    leave = LeavePeriod(
        person=person, kind=kind, start_date=start_date, end_date=end_date, note=note
    )
    save_audited(leave, by=by)
    return leave


# ---- councils and roles ------------------------------------------------------------------


@transaction.atomic
def council_create(*, unit: Unit, name: str, by: Any) -> Council:
    council = Council(unit=unit, name=name)
    save_audited(council, by=by)
    return council


@transaction.atomic
def council_seat_add(
    *, council: Council, person: Person, role: str, start_date: dt.date, by: Any
) -> CouncilSeat:
    seat = CouncilSeat(council=council, person=person, role=role, start_date=start_date)
    save_audited(seat, by=by)
    return seat


_TARGET_OF_ROLE = {
    RoleAssignment.Role.SYSTEM_ADMIN: None,
    RoleAssignment.Role.SECRETARIAT: "unit",
    RoleAssignment.Role.UNIT_OFFICER: "unit",
    RoleAssignment.Role.UNIT_HEAD: "unit",
    RoleAssignment.Role.REVIEWER: "unit",
    RoleAssignment.Role.CLUSTER_OFFICER: "cluster",
    RoleAssignment.Role.COUNCIL_MEMBER: "council",
}


def check_role_scope(
    *, role: str, unit: Unit | None, cluster: Cluster | None, council: Council | None
) -> None:
    targets = {"unit": unit, "cluster": cluster, "council": council}
    needed = _TARGET_OF_ROLE[RoleAssignment.Role(role)]
    given = [name for name, value in targets.items() if value is not None]
    if given != ([needed] if needed else []):
        raise DomainError(
            _("This role needs a scope of the right kind (unit, cluster or council)."),
            field=needed or "role",
            code="role_scope",
        )


@transaction.atomic
def role_assign(
    *,
    user: Any,
    role: str,
    by: Any,
    unit: Unit | None = None,
    cluster: Cluster | None = None,
    council: Council | None = None,
) -> RoleAssignment:
    """Give a role; each role needs exactly the kind of scope it works on."""
    targets = {"unit": unit, "cluster": cluster, "council": council}
    check_role_scope(role=role, **targets)
    existing = RoleAssignment.objects.filter(user=user, role=role, **targets).first()
    if existing is not None:
        return existing
    assignment = RoleAssignment(user=user, role=role, **targets)
    save_audited(assignment, by=by)
    return assignment


# ---- page-level changes ------------------------------------------------------------------


@transaction.atomic
def unit_change(*, unit: Unit, by: Any, parent: Unit | None, **fields: Any) -> Unit:
    """The unit edit page's save: a move (when the parent differs) and the field changes, together.

    The move goes first so a refused cycle leaves every field as it was.
    """
    if parent != unit.parent:
        unit_move(unit=unit, new_parent=parent, by=by)
    return unit_update(unit=unit, by=by, **fields)
