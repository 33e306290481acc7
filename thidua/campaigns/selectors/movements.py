"""Reads for the movement pages, narrowed to what the viewer may see."""

from typing import Any

from django.db.models import Q, QuerySet

from thidua.campaigns.models import Movement
from thidua.org.models import Unit
from thidua.org.scope import path_q, scope_for


def _ancestor_paths(paths: tuple[str, ...]) -> set[str]:
    out = set()
    for path in paths:
        parts = [p for p in path.strip("/").split("/") if p]
        out.update("/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts)))
    return out


def movements_for(*, user: Any) -> QuerySet[Movement]:
    """The movements a user may see: launched by a body they see, or reaching them."""
    scope = scope_for(user)
    movements = Movement.objects.select_related("authority")
    if scope.is_admin:
        return movements
    seen = (
        path_q(scope.unit_paths, "authority__path")
        | path_q(scope.secretariat_paths, "authority__path")
        | Q(reach=Movement.Reach.SECTOR, authority__path__in=_ancestor_paths(scope.unit_paths))
        | Q(reach=Movement.Reach.CLUSTERS, clusters__in=scope.cluster_ids)
        | Q(
            reach=Movement.Reach.CLUSTERS,
            clusters__memberships__unit__in=Unit.objects.filter(path_q(scope.unit_paths)),
        )
        | Q(reach=Movement.Reach.UNITS, units__in=Unit.objects.filter(path_q(scope.unit_paths)))
    )
    return movements.filter(seen).distinct()


def launching_bodies_for(*, user: Any) -> QuerySet[Unit]:
    scope = scope_for(user)
    units = Unit.objects.filter(active_to__isnull=True)
    return units if scope.is_admin else units.filter(path_q(scope.secretariat_paths))
