"""Units, people and clusters, scoped exactly as the org pages scope them for the caller."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Query, Router
from ninja.pagination import paginate

from thidua.api.pagination import Pagination
from thidua.api.schemas import (
    MAX_ID,
    ClusterDetailOut,
    ClusterDetailQuery,
    ClusterOut,
    ClusterQuery,
    PersonDetailOut,
    PersonFilters,
    PersonOut,
    UnitDetailOut,
    UnitFilters,
    UnitOut,
)
from thidua.org import access, selectors
from thidua.org.models import ClusterLeadership, Unit

router = Router(tags=["Organisation"])


@router.get("/units", response=list[UnitOut], summary="Units you may see")
@paginate(Pagination)
def unit_list(request: HttpRequest, filters: Query[UnitFilters]) -> Any:
    units = selectors.unit_search(user=request.auth, query=filters.q or "")
    if filters.code:
        units = units.filter(code__iexact=filters.code)
    if filters.parent:
        units = units.filter(parent_id=filters.parent)
    return units


@router.get("/units/{unit_id}", response=UnitDetailOut, summary="A unit")
def unit_detail(request: HttpRequest, unit_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    unit = access.unit_for(request.auth, unit_id)
    children = selectors.units_visible_to(request.auth).filter(parent=unit)
    memberships = selectors.unit_clusters(unit).order_by("-joined_on", "pk")
    return {
        **UnitOut.model_validate(unit).model_dump(),
        "children": list(children.order_by("sort_order", "name", "pk")),
        "clusters": list(memberships),
    }


@router.get("/people", response=list[PersonOut], summary="People you may see")
@paginate(Pagination)
def person_list(request: HttpRequest, filters: Query[PersonFilters]) -> Any:
    unit = None
    if filters.unit:
        unit = access.unit_for(request.auth, filters.unit, perm="org.view_unit_people")
    return selectors.person_search(user=request.auth, query=filters.q or "", unit=unit)


@router.get("/people/{person_id}", response=PersonDetailOut, summary="A person")
def person_detail(request: HttpRequest, person_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    return access.person_for(request.auth, person_id)


@router.get("/clusters", response=list[ClusterOut], summary="Emulation clusters you may see")
@paginate(Pagination)
def cluster_list(request: HttpRequest, filters: Query[ClusterQuery]) -> Any:
    on = filters.on or timezone.localdate()
    clusters = selectors.cluster_list_for(user=request.auth, on=on)
    return clusters.order_by("organiser_id", "kind", "number", "name", "pk")


@router.get(
    "/clusters/{cluster_id}", response=ClusterDetailOut, summary="A cluster, its members, leader"
)
def cluster_detail(
    request: HttpRequest,
    filters: Query[ClusterDetailQuery],
    cluster_id: int = Path(..., ge=1, le=MAX_ID),
) -> Any:
    cluster = access.cluster_for(request.auth, cluster_id)
    on = filters.on or timezone.localdate()
    year = filters.year or on.year
    return {
        **{name: getattr(cluster, name) for name in ("id", "number", "name", "kind")},
        **{name: getattr(cluster, name) for name in ("organiser", "is_active", "description")},
        "on": on,
        "year": year,
        "members": list(selectors.cluster_members(cluster, on=on)),
        "leader": selectors.cluster_leader_in(cluster, year),
        "deputy": _deputy(cluster, year),
    }


def _deputy(cluster: Any, year: int) -> Unit | None:
    seat = cluster.leaderships.filter(year=year, role=ClusterLeadership.Role.DEPUTY).first()
    return seat.unit if seat else None
