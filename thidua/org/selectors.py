"""Reads shared by pages, the API and reports; each takes the viewer and keeps to their scope."""

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from thidua.core.text import fold
from thidua.org.models import Cluster, ClusterLeadership, ClusterMembership, Person, Unit
from thidua.org.scope import path_q, scope_for


def units_visible_to(user: Any) -> QuerySet[Unit]:
    scope = scope_for(user)
    qs = Unit.objects.all()
    return qs if scope.is_admin else qs.filter(path_q(scope.unit_paths))


def people_visible_to(user: Any) -> QuerySet[Person]:
    """People whose current unit the user may read, plus the user themself."""
    scope = scope_for(user)
    qs = Person.objects.select_related("unit")
    if scope.is_admin:
        return qs
    q = path_q(scope.read_paths, "unit__path")
    if scope.person_id:
        q |= Q(pk=scope.person_id)
    return qs.filter(q)


def clusters_visible_to(user: Any) -> QuerySet[Cluster]:
    scope = scope_for(user)
    qs = Cluster.objects.select_related("organiser")
    if scope.is_admin:
        return qs
    visible_members = ClusterMembership.objects.filter(path_q(scope.unit_paths, "unit__path"))
    return qs.filter(
        path_q(scope.secretariat_paths, "organiser__path")
        | Q(pk__in=scope.cluster_ids)
        | Q(pk__in=visible_members.values("cluster_id"))
    ).distinct()


def person_search(*, user: Any, query: str = "", unit: Unit | None = None) -> QuerySet[Person]:
    """Diacritics-insensitive search ("nguyen van" finds "Nguyễn Văn"), Vietnamese order."""
    qs = people_visible_to(user)
    for word in fold(query).split():
        qs = qs.filter(search_text__contains=word)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs.order_by("sort_name", "pk")


def unit_search(*, user: Any, query: str = "") -> QuerySet[Unit]:
    qs = units_visible_to(user)
    for word in fold(query).split():
        qs = qs.filter(search_text__contains=word)
    return qs.order_by("name", "pk")


def unit_roots_for(user: Any) -> list[Unit]:
    """The top units of the user's visible forest (their scope roots)."""
    units = list(units_visible_to(user).order_by("path").only("pk", "path", "name", "parent_id"))
    seen: set[int] = {u.pk for u in units}
    return [u for u in units if u.parent_id not in seen]


def unit_tree(*, user: Any) -> list[dict[str, Any]]:
    """The visible units as nested dicts, siblings in their set order then by name."""
    units = list(
        units_visible_to(user)
        .annotate(people_count=Count("people"))
        .order_by("depth", "sort_order", "name")
    )
    by_id = {u.pk: {"unit": u, "children": []} for u in units}
    roots = []
    for u in units:
        node = by_id[u.pk]
        parent = by_id.get(u.parent_id)
        (parent["children"] if parent else roots).append(node)
    return roots


def unit_children(unit: Unit) -> QuerySet[Unit]:
    return unit.children.order_by("sort_order", "name").annotate(people_count=Count("people"))


def unit_people(unit: Unit, *, include_subunits: bool = True) -> QuerySet[Person]:
    qs = Person.objects.select_related("unit")
    if include_subunits:
        return qs.filter(unit__path__startswith=unit.path).order_by("sort_name", "pk")
    return qs.filter(unit=unit).order_by("sort_name", "pk")


def unit_clusters(unit: Unit) -> QuerySet[ClusterMembership]:
    return unit.cluster_memberships.select_related("cluster").order_by("-joined_on")


def cluster_members(cluster: Cluster, *, on: dt.date | None = None) -> QuerySet[ClusterMembership]:
    qs = cluster.memberships.select_related("unit").order_by("joined_on", "unit__name")
    if on is not None:
        qs = qs.filter(joined_on__lte=on).filter(Q(left_on__isnull=True) | Q(left_on__gte=on))
    return qs


def cluster_leader_history(cluster: Cluster) -> QuerySet[ClusterLeadership]:
    return cluster.leaderships.select_related("unit").order_by("-year", "role")


def cluster_leader_in(cluster: Cluster, year: int) -> Unit | None:
    seat = cluster.leaderships.filter(year=year, role=ClusterLeadership.Role.LEADER).first()
    return seat.unit if seat else None


def person_detail(person: Person) -> Person:
    return (
        Person.objects.select_related("unit", "user")
        .prefetch_related(
            Prefetch("memberships", queryset=person.memberships.select_related("unit")),
            "leave_periods",
            "council_seats__council",
        )
        .get(pk=person.pk)
    )


# ---- reads added for the org pages -------------------------------------------------------


def units_managed_by(user: Any, *, active_only: bool = True) -> QuerySet[Unit]:
    """Units the user may change, in tree order: the choices of the org forms' unit fields."""
    scope = scope_for(user)
    qs = Unit.objects.all() if scope.is_admin else Unit.objects.filter(path_q(scope.manage_paths))
    if active_only:
        qs = qs.filter(active_to__isnull=True)
    return qs.order_by("path")


def unit_ancestors(*, user: Any, unit: Unit) -> list[Unit]:
    """The unit's visible ancestors from the top down (for breadcrumbs), read from its path."""
    ids = [int(part) for part in unit.path.strip("/").split("/")[:-1] if part]
    return list(units_visible_to(user).filter(pk__in=ids).order_by("depth"))


def cluster_list_for(*, user: Any, on: dt.date) -> QuerySet[Cluster]:
    """Visible clusters with their member count on `on` and that year's leader (`leaders`)."""
    current = Q(memberships__joined_on__lte=on) & (
        Q(memberships__left_on__isnull=True) | Q(memberships__left_on__gte=on)
    )
    leaders = ClusterLeadership.objects.filter(
        year=on.year, role=ClusterLeadership.Role.LEADER
    ).select_related("unit")
    return (
        clusters_visible_to(user)
        .annotate(member_count=Count("memberships", filter=current, distinct=True))
        .prefetch_related(Prefetch("leaderships", queryset=leaders, to_attr="leaders"))
    )


def cluster_leadership_units(cluster: Cluster) -> QuerySet[Unit]:
    """Units that have ever been members of the cluster: who may hold its leader or deputy seat."""
    return Unit.objects.filter(cluster_memberships__cluster=cluster).distinct().order_by("name")
