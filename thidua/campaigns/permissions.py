"""Who may see and do what in campaigns (django-rules predicates), in one place."""

import rules

from thidua.campaigns.models import IndicatorReport, Movement, Registration
from thidua.org.models import ClusterMembership, Unit
from thidua.org.permissions import (
    cluster_has_visible_member,
    heads_unit,
    is_officer_of_unit,
    is_system_admin,
    reads_unit_people,
    runs_cluster,
    runs_unit_as_secretariat,
    sees_unit,
    serves_cluster,
)
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
        if scope.cluster_ids & set(movement.clusters.values_list("pk", flat=True)):
            return True
        # The officers and heads of the clusters' member units are reached too.
        member_paths = ClusterMembership.objects.filter(
            cluster__in=movement.clusters.all()
        ).values_list("unit__path", flat=True)
        return any(covers(scope.unit_paths, path) for path in member_paths)
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


# ---- registrations (object: the unit, or the registration) -------------------------------------
@rules.predicate
def is_officer_of_registering_unit(user, registration: Registration) -> bool:
    return is_officer_of_unit(user, registration.unit)


@rules.predicate
def heads_registering_unit(user, registration: Registration) -> bool:
    return heads_unit(user, registration.unit)


@rules.predicate
def reads_registering_unit(user, registration: Registration) -> bool:
    return reads_unit_people(user, registration.unit)


@rules.predicate
def runs_registration_movement(user, registration: Registration) -> bool:
    return runs_the_launching_body(user, registration.movement)


rules.add_perm("campaigns.register_unit", is_system_admin | is_officer_of_unit)
rules.add_perm(
    "campaigns.view_registration",
    is_system_admin | reads_registering_unit | heads_registering_unit | runs_registration_movement,
)
rules.add_perm("campaigns.change_registration", is_system_admin | is_officer_of_registering_unit)
rules.add_perm("campaigns.approve_registration", is_system_admin | heads_registering_unit)


# ---- a cluster's year: pledge, indicators, periods, review (object: the cluster) ---------------
rules.add_perm("campaigns.run_cluster_year", is_system_admin | serves_cluster | runs_cluster)
rules.add_perm(
    "campaigns.view_cluster_year",
    is_system_admin | serves_cluster | runs_cluster | cluster_has_visible_member,
)
# Signing for a unit (object: the unit): its officer records the signature of its head.
rules.add_perm("campaigns.sign_for_unit", is_officer_of_unit | heads_unit)


# ---- indicator reports (object: the report; `report_for_unit` takes the unit) ------------------
@rules.predicate
def is_officer_of_reporting_unit(user, report: IndicatorReport) -> bool:
    return is_officer_of_unit(user, report.unit)


@rules.predicate
def reads_reporting_unit(user, report: IndicatorReport) -> bool:
    return reads_unit_people(user, report.unit) or heads_unit(user, report.unit)


@rules.predicate
def runs_report_cluster(user, report: IndicatorReport) -> bool:
    cluster = report.indicator.cluster
    return serves_cluster(user, cluster) or runs_cluster(user, cluster)


rules.add_perm("campaigns.report_for_unit", is_officer_of_unit)
rules.add_perm("campaigns.change_report", is_officer_of_reporting_unit)
rules.add_perm(
    "campaigns.view_report",
    is_system_admin | is_officer_of_reporting_unit | reads_reporting_unit | runs_report_cluster,
)
# The leader's officer is often also their own unit's officer: nobody reviews their own report.
rules.add_perm(
    "campaigns.review_report",
    is_system_admin | (runs_report_cluster & ~is_officer_of_reporting_unit),
)

# ---- feeds (object: the unit whose values a token may push) ------------------------------------
rules.add_perm("campaigns.manage_feed_tokens", is_system_admin | is_officer_of_unit)
