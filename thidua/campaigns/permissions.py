"""Who may see and run movements (django-rules predicates)."""

import rules

from thidua.campaigns.models import Movement
from thidua.org.models import Unit
from thidua.org.permissions import is_system_admin, runs_unit_as_secretariat, sees_unit
from thidua.org.scope import covers, scope_for


@rules.predicate
def runs_the_launching_body(user, movement: Movement) -> bool:
    return runs_unit_as_secretariat(user, movement.authority)


@rules.predicate
def is_reached_by(user, movement: Movement) -> bool:
    """The movement reaches a unit or cluster the user sees or serves."""
    scope = scope_for(user)
    if movement.reach == Movement.Reach.SECTOR:
        return any(path.startswith(movement.authority.path) for path in scope.unit_paths)
    if movement.reach == Movement.Reach.CLUSTERS:
        return bool(scope.cluster_ids & set(movement.clusters.values_list("pk", flat=True)))
    return any(covers(scope.unit_paths, u.path) for u in movement.units.all())


@rules.predicate
def sees_launching_body(user, movement: Movement) -> bool:
    return sees_unit(user, movement.authority)


@rules.predicate
def may_launch_from(user, unit: Unit) -> bool:
    return runs_unit_as_secretariat(user, unit)


rules.add_perm("campaigns.add_movement", is_system_admin | may_launch_from)
rules.add_perm("campaigns.change_movement", is_system_admin | runs_the_launching_body)
rules.add_perm(
    "campaigns.view_movement",
    is_system_admin | runs_the_launching_body | sees_launching_body | is_reached_by,
)
