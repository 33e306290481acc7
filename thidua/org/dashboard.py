"""The home page: for each of the user's roles, the few things they look at most."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from thidua.core.fragments import cached_render
from thidua.core.models import Job
from thidua.org.models import Cluster, Council, Person, RoleAssignment, Unit
from thidua.org.scope import Scope, path_q, scope_fingerprint, scope_for
from thidua.org.selectors import cluster_leader_in, cluster_members

Role = RoleAssignment.Role
RECENT_JOBS = 5


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    # Everything but the jobs changes only with org data: reuse it until that changes (or the
    # day does: this year's leaders and today's members are shown).
    body = cached_render(
        request,
        "org/_dashboard_body.html",
        lambda: _blocks(user),
        namespace="org",
        key=("dashboard", user.pk, scope_fingerprint(user), timezone.localdate()),
    )
    context = {"body": body, "recent_jobs": Job.objects.filter(created_by=user)[:RECENT_JOBS]}
    return render(request, "org/dashboard.html", context)


def _blocks(user: Any) -> dict[str, Any]:
    scope = scope_for(user)
    assignments = list(
        user.role_assignments.select_related("unit", "cluster", "council").order_by("role", "pk")
    )
    return {
        "assignments": assignments,
        "officer_units": _with_people_counts(_units_of(assignments, Role.UNIT_OFFICER)),
        "reviewer_units": _with_people_counts(_units_of(assignments, Role.REVIEWER)),
        "served_clusters": _cluster_cards(scope.cluster_ids),
        "secretariat": _secretariat_summary(scope) if scope.secretariat_paths else None,
        "councils": _councils(scope),
        "person": Person.objects.filter(user=user).select_related("unit").first(),
        "admin_counts": _admin_counts() if scope.is_admin else None,
    }


def _units_of(assignments: list[RoleAssignment], role: str) -> list[Unit]:
    return [a.unit for a in assignments if a.role == role and a.unit is not None]


def _with_people_counts(units: list[Unit]) -> list[dict[str, Any]]:
    """Each unit with the number of people in its whole subtree, counted in one query."""
    if not units:
        return []
    # One indexed count per unit: a user holds one or two units, and a single aggregate with a
    # FILTER per unit would scan every person of the sector.
    return [
        {"unit": u, "people_count": Person.objects.filter(unit__path__startswith=u.path).count()}
        for u in units
    ]


def _cluster_cards(cluster_ids: frozenset[int]) -> list[dict[str, Any]]:
    # A cluster officer serves one cluster, rarely two: a few small queries each is fine.
    today = timezone.localdate()
    clusters = Cluster.objects.filter(pk__in=cluster_ids).select_related("organiser")
    return [
        {
            "cluster": cluster,
            "members": list(cluster_members(cluster, on=today)),
            "leader": cluster_leader_in(cluster, today.year),
            "year": today.year,
        }
        for cluster in clusters
    ]


def _secretariat_summary(scope: Scope) -> dict[str, Any]:
    paths = scope.secretariat_paths
    clusters = (
        Cluster.objects.filter(path_q(paths, "organiser__path"))
        .annotate(member_count=Count("memberships", filter=Q(memberships__left_on__isnull=True)))
        .order_by("kind", "number", "name")
    )
    return {
        "clusters": clusters,
        "unit_count": Unit.objects.filter(path_q(paths)).count(),
        "people_count": Person.objects.filter(path_q(paths, "unit__path")).count(),
    }


def _councils(scope: Scope) -> list[Council]:
    if not scope.council_ids:
        return []
    open_seats = Q(seats__end_date__isnull=True)
    return list(
        Council.objects.filter(pk__in=scope.council_ids)
        .select_related("unit")
        .annotate(seat_count=Count("seats", filter=open_seats))
    )


def _admin_counts() -> dict[str, int]:
    return {
        "units": Unit.objects.count(),
        "people": Person.objects.count(),
        "clusters": Cluster.objects.count(),
        "users": get_user_model().objects.filter(is_active=True).count(),
        "jobs_waiting": Job.objects.filter(
            status__in=[Job.Status.QUEUED, Job.Status.RUNNING]
        ).count(),
    }
