"""Every permission of the org pages in one place, as small named predicates (django-rules).

Views and the API ask `user.has_perm("org.<action>", obj)` through the access helpers in
`access.py`; list queries are narrowed by the same Scope in `selectors.py`.
"""

import rules

from thidua.org.models import Cluster, Person, Unit
from thidua.org.scope import covers, scope_for


@rules.predicate
def is_system_admin(user) -> bool:
    return scope_for(user).is_admin


@rules.predicate
def sees_unit(user, unit: Unit) -> bool:
    return covers(scope_for(user).unit_paths, unit.path)


@rules.predicate
def reads_unit_people(user, unit: Unit) -> bool:
    return covers(scope_for(user).read_paths, unit.path)


@rules.predicate
def manages_unit(user, unit: Unit) -> bool:
    return covers(scope_for(user).manage_paths, unit.path)


@rules.predicate
def manages_unit_below_own(user, unit: Unit) -> bool:
    """Unit officers edit their departments, not the record of the unit they belong to."""
    return unit.parent is not None and covers(scope_for(user).manage_paths, unit.parent.path)


@rules.predicate
def is_officer_of_unit(user, unit: Unit) -> bool:
    """The unit's own emulation officer (not a secretariat that manages the whole subtree)."""
    return covers(scope_for(user).officer_paths, unit.path)


@rules.predicate
def heads_unit(user, unit: Unit) -> bool:
    return covers(scope_for(user).head_paths, unit.path)


@rules.predicate
def runs_unit_as_secretariat(user, unit: Unit) -> bool:
    return covers(scope_for(user).secretariat_paths, unit.path)


@rules.predicate
def is_self(user, person: Person) -> bool:
    return person is not None and scope_for(user).person_id == person.pk


@rules.predicate
def reads_person(user, person: Person) -> bool:
    return person.unit is not None and covers(scope_for(user).read_paths, person.unit.path)


@rules.predicate
def manages_person(user, person: Person) -> bool:
    return person.unit is not None and covers(scope_for(user).manage_paths, person.unit.path)


@rules.predicate
def serves_cluster(user, cluster: Cluster) -> bool:
    return cluster.pk in scope_for(user).cluster_ids


@rules.predicate
def runs_cluster(user, cluster: Cluster) -> bool:
    return covers(scope_for(user).secretariat_paths, cluster.organiser.path)


@rules.predicate
def cluster_has_visible_member(user, cluster: Cluster) -> bool:
    paths = scope_for(user).unit_paths
    return any(
        covers(paths, path) for path in cluster.memberships.values_list("unit__path", flat=True)
    )


rules.add_perm("org.view_unit", is_system_admin | sees_unit)
rules.add_perm("org.view_unit_people", is_system_admin | reads_unit_people)
rules.add_perm("org.add_subunit", is_system_admin | manages_unit)
rules.add_perm(
    "org.change_unit", is_system_admin | runs_unit_as_secretariat | manages_unit_below_own
)
rules.add_perm("org.export_unit", is_system_admin | reads_unit_people)
rules.add_perm("org.add_person_to_unit", is_system_admin | manages_unit)
rules.add_perm("org.view_person", is_system_admin | is_self | reads_person)
rules.add_perm("org.change_person", is_system_admin | manages_person)
rules.add_perm(
    "org.view_cluster", is_system_admin | runs_cluster | serves_cluster | cluster_has_visible_member
)
rules.add_perm("org.change_cluster", is_system_admin | runs_cluster)
rules.add_perm("org.view_history", is_system_admin | reads_unit_people)
