"""Who may write, review and moderate the portal's articles.

An article belongs to a unit (or to the portal as a whole when it has none). The emulation
officers and the secretariat of that unit (or of a unit above it) write it; the emulation
secretariat over the unit reviews, publishes and withdraws it and moderates its readers'
feedback. The portal's own articles are reviewed by any secretariat. A system administrator
may do everything. law.md is silent on portal editing: this is the usual editorial split of
agency portals (units write, the standing body publishes).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from thidua.news.models import Article
from thidua.org.models import RoleAssignment, Unit
from thidua.org.scope import covers, path_q, scope_for


def may_write(user: Any) -> bool:
    """The user may start articles: an admin, a secretariat or a unit emulation officer."""
    scope = scope_for(user)
    return scope.is_admin or bool(scope.manage_paths)


def writable_units(user: Any) -> QuerySet[Unit]:
    """The units the user may write articles for (the owning unit's choices)."""
    scope = scope_for(user)
    units = (
        Unit.objects.all() if scope.is_admin else Unit.objects.filter(path_q(scope.manage_paths))
    )
    return units.order_by("path")


def may_edit(user: Any, article: Article) -> bool:
    """The author, the owning unit's writers, or an admin (the status is the services' check)."""
    scope = scope_for(user)
    if scope.is_admin or article.author_id == getattr(user, "pk", None):
        return True
    unit = article.unit
    return unit is not None and covers(scope.manage_paths, unit.path)


def may_review(user: Any, article: Article) -> bool:
    """The secretariat over the owning unit (any secretariat for the portal's own), or an admin."""
    scope = scope_for(user)
    if scope.is_admin:
        return True
    if article.unit is None:
        return bool(scope.secretariat_paths)
    return covers(scope.secretariat_paths, article.unit.path)


def reviewable_q(user: Any) -> Q:
    """Filter of the articles the user reviews (nothing for a user who reviews none)."""
    scope = scope_for(user)
    if scope.is_admin:
        return Q()
    if not scope.secretariat_paths:
        return Q(pk__in=[])
    return Q(unit__isnull=True) | path_q(scope.secretariat_paths, "unit__path")


def editable_q(user: Any) -> Q:
    """Filter of the articles the user may open in the editor."""
    scope = scope_for(user)
    if scope.is_admin:
        return Q()
    return (
        Q(author_id=getattr(user, "pk", None))
        | path_q(scope.manage_paths, "unit__path")
        | reviewable_q(user)
    )


def reviewers_of(article: Article) -> list[Any]:
    """The active users who review the article: the secretariat over its unit (every
    secretariat for the portal's own)."""
    assignments = RoleAssignment.objects.filter(role=RoleAssignment.Role.SECRETARIAT)
    if article.unit is not None:
        assignments = assignments.filter(unit__path__in=_ancestor_paths(article.unit.path))
    user_ids = assignments.values("user_id")
    return list(get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("pk"))


def _ancestor_paths(path: str) -> list[str]:
    """ "/1/5/9/" → ["/1/", "/1/5/", "/1/5/9/"]: the unit and every unit above it."""
    steps = path.strip("/").split("/")
    return ["/" + "/".join(steps[: n + 1]) + "/" for n in range(len(steps))]
