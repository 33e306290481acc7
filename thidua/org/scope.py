"""Where a user may look and act, computed once per request from their role assignments.

Unit scopes are subtree paths ("/1/5/"): a unit officer of /1/5/ manages /1/5/ and below.
"""

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import F, Q

from thidua.org.models import ClusterMembership, RoleAssignment

Role = RoleAssignment.Role


@dataclass(frozen=True)
class Scope:
    is_admin: bool = False
    manage_paths: tuple[str, ...] = ()  # units (with people) the user may change
    read_paths: tuple[str, ...] = ()  # units (with people) the user may read
    unit_paths: tuple[str, ...] = ()  # units the user may see, without their people
    secretariat_paths: tuple[str, ...] = ()  # organisers whose clusters the user runs
    officer_paths: tuple[str, ...] = ()  # units whose own emulation officer the user is
    head_paths: tuple[str, ...] = ()  # units the user heads (approves their registrations)
    cluster_ids: frozenset[int] = field(default_factory=frozenset)  # clusters the user serves
    council_ids: frozenset[int] = field(default_factory=frozenset)
    person_id: int | None = None
    roles: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_anonymous(self) -> bool:
        return not (self.is_admin or self.roles or self.person_id)


def covers(paths: tuple[str, ...], path: str) -> bool:
    return any(path.startswith(root) for root in paths)


def path_q(paths: tuple[str, ...], field_name: str = "path") -> Q:
    """A filter matching rows whose unit path lies under any of `paths` (nothing if none)."""
    q = Q(pk__in=[])
    for root in paths:
        q |= Q(**{f"{field_name}__startswith": root})
    return q


def scope_for(user: Any) -> Scope:
    """The user's scope, cached on the user object for the rest of the request."""
    if not getattr(user, "is_authenticated", False):
        return Scope()
    cached = getattr(user, "_thidua_scope", None)
    if cached is None:
        cached = _build_scope(user)
        user._thidua_scope = cached
    return cached


# Roles that can change the whole sector sign in with a second factor (TOTP).
TWO_FACTOR_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECRETARIAT})


def needs_two_factor(user: Any) -> bool:
    """The two-factor policy (settings.THIDUA_TWO_FACTOR_POLICY); reuses the request's scope."""
    return bool(TWO_FACTOR_ROLES & scope_for(user).roles)


def scope_fingerprint(user: Any) -> str:
    """Equal for users who see exactly the same records (to share cached results)."""
    s = scope_for(user)
    parts = (
        s.is_admin,
        *(tuple(sorted(paths)) for paths in (s.manage_paths, s.read_paths, s.unit_paths)),
        tuple(sorted(s.secretariat_paths)),
        tuple(sorted(s.head_paths)),
        tuple(sorted(s.officer_paths)),
        tuple(sorted(s.cluster_ids)),
        tuple(sorted(s.council_ids)),
        s.person_id,
        tuple(sorted(s.roles)),
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def _build_scope(user: Any) -> Scope:
    # One query of plain values (roles and the linked person, outer-joined to the user): this runs
    # on every request of a signed-in user.
    found = list(
        get_user_model()
        .objects.filter(pk=user.pk)
        .values(
            person_pk=F("person__id"),
            role=F("role_assignments__role"),
            unit_path=F("role_assignments__unit__path"),
            cluster_pk=F("role_assignments__cluster_id"),
            council_pk=F("role_assignments__council_id"),
            council_unit_pk=F("role_assignments__council__unit_id"),
            council_unit_path=F("role_assignments__council__unit__path"),
        )
    )
    rows = [row for row in found if row["role"] is not None]

    def having(*roles: str) -> list[dict[str, Any]]:
        return [row for row in rows if row["role"] in roles]

    def unit_paths(*roles: str) -> tuple[str, ...]:
        return tuple(sorted({r["unit_path"] for r in having(*roles) if r["unit_path"]}))

    cluster_ids = frozenset(r["cluster_pk"] for r in having(Role.CLUSTER_OFFICER))
    secretariat = unit_paths(Role.SECRETARIAT)
    councils = having(Role.COUNCIL_MEMBER)
    # A council and a secretariat see the member units (not their staff) of the clusters their
    # body organises; a cluster officer those of their cluster.
    council_organisers = [r["council_unit_pk"] for r in councils]
    member_paths: tuple[str, ...] = ()
    if cluster_ids or council_organisers or secretariat:  # most users hold none of these
        member_paths = tuple(
            ClusterMembership.objects.filter(
                Q(cluster_id__in=cluster_ids)
                | Q(cluster__organiser_id__in=council_organisers)
                | path_q(secretariat, "cluster__organiser__path")
            ).values_list("unit__path", flat=True)
        )
    manage = unit_paths(Role.SECRETARIAT, Role.UNIT_OFFICER)
    heads = unit_paths(Role.UNIT_HEAD)
    read = manage + heads + unit_paths(Role.REVIEWER)
    roles = frozenset(r["role"] for r in rows)
    return Scope(
        is_admin=user.is_superuser or Role.SYSTEM_ADMIN in roles,
        manage_paths=manage,
        read_paths=read,
        unit_paths=read + tuple(r["council_unit_path"] for r in councils) + member_paths,
        secretariat_paths=secretariat,
        head_paths=heads,
        officer_paths=unit_paths(Role.UNIT_OFFICER),
        cluster_ids=cluster_ids,
        council_ids=frozenset(r["council_pk"] for r in councils),
        person_id=found[0]["person_pk"] if found else None,
        roles=roles,
    )
