"""Fetch a record and check the permission in one step; the same helpers serve pages and API.

Outside the user's scope a record does not exist (404), so ids cannot be probed; a record the
user can see but not change answers 403.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.org.models import Cluster, Person, Unit


def _require(user: Any, perm: str, obj: Any) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have permission to do this."))


def _get(model: type, pk: Any, **related: Any) -> Any:
    qs = model.objects.all()
    if related.get("select"):
        qs = qs.select_related(*related["select"])
    try:
        return qs.get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def unit_for(user: Any, pk: Any, *, perm: str = "org.view_unit") -> Unit:
    unit = _get(Unit, pk, select=["parent", "successor"])
    if not user.has_perm("org.view_unit", unit):
        raise Http404
    _require(user, perm, unit)
    return unit


def person_for(user: Any, pk: Any, *, perm: str = "org.view_person") -> Person:
    person = _get(Person, pk, select=["unit", "unit__parent"])
    if not user.has_perm("org.view_person", person):
        raise Http404
    _require(user, perm, person)
    return person


def cluster_for(user: Any, pk: Any, *, perm: str = "org.view_cluster") -> Cluster:
    cluster = _get(Cluster, pk, select=["organiser"])
    if not user.has_perm("org.view_cluster", cluster):
        raise Http404
    _require(user, perm, cluster)
    return cluster
