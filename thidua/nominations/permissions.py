"""Who may see and do what with proposals, dossiers and decisions (django-rules predicates).

Objects: a Batch (proposal), a Dossier, a Decision, a Posting's Feedback. A unit sees only the
dossiers it prepares (`owner_unit`); the proposing unit sees its proposal's list; the cluster
leader's officer sees the cluster's proposals; the secretariat over the awarding body sees all.
Who acts on a proposal depends on its current step's actor (`step_actor`)."""

from typing import Any

import rules

from thidua.nominations.models import Batch, Decision, Dossier, RouteStep
from thidua.org.models import Unit
from thidua.org.permissions import heads_unit, is_officer_of_unit, is_system_admin
from thidua.org.scope import covers, scope_for

Actor = RouteStep.Actor


def _staff_of(user: Any, unit: Unit | None) -> bool:
    """The unit's emulation officer or head (covering the unit's subtree)."""
    return unit is not None and (is_officer_of_unit(user, unit) or heads_unit(user, unit))


def secretariat_over(user: Any, unit: Unit | None) -> bool:
    return unit is not None and covers(scope_for(user).secretariat_paths, unit.path)


def on_council_of(user: Any, unit: Unit | None) -> bool:
    if unit is None:
        return False
    ids = scope_for(user).council_ids
    return bool(ids) and unit.councils.filter(pk__in=ids).exists()


def step_actor(user: Any, batch: Batch, actor: str) -> bool:
    """Whether `user` may act for `actor` on `batch` (the actor of a route step)."""
    if actor == Actor.PROPOSER:
        return _staff_of(user, batch.proposer)
    if actor == Actor.CLUSTER:
        return batch.cluster_id is not None and batch.cluster_id in scope_for(user).cluster_ids
    if actor == Actor.SUPERIOR:
        return _staff_of(user, batch.proposer.parent)
    if actor in (Actor.SECRETARIAT, Actor.COUNCIL, Actor.DECIDER):
        # The council votes through the ballots module; the secretariat moves the proposal.
        return secretariat_over(user, batch.awarding_unit)
    return False


# ---- proposals (object: the batch) -------------------------------------------------------------
@rules.predicate
def acts_on_current_step(user, batch: Batch) -> bool:
    return batch.step_id is not None and step_actor(user, batch, batch.step.actor)


@rules.predicate
def prepares_batch(user, batch: Batch) -> bool:
    return _staff_of(user, batch.proposer)


@rules.predicate
def runs_batch_cluster(user, batch: Batch) -> bool:
    return batch.cluster_id is not None and batch.cluster_id in scope_for(user).cluster_ids


@rules.predicate
def runs_awarding_body(user, batch: Batch) -> bool:
    return secretariat_over(user, batch.awarding_unit)


@rules.predicate
def sits_on_awarding_council(user, batch: Batch) -> bool:
    return on_council_of(user, batch.awarding_unit)


@rules.predicate
def owns_a_dossier_of(user, batch: Batch) -> bool:
    paths = scope_for(user).officer_paths + scope_for(user).head_paths
    return any(
        covers(paths, path)
        for path in batch.dossiers.values_list("owner_unit__path", flat=True).distinct()
    )


rules.add_perm(
    "nominations.view_batch",
    is_system_admin
    | prepares_batch
    | runs_batch_cluster
    | runs_awarding_body
    | sits_on_awarding_council
    | owns_a_dossier_of,
)
rules.add_perm("nominations.act_on_batch", is_system_admin | acts_on_current_step)
rules.add_perm("nominations.run_batch", is_system_admin | runs_awarding_body)


# ---- dossiers (object: the dossier) ------------------------------------------------------------
@rules.predicate
def prepares_dossier(user, dossier: Dossier) -> bool:
    return _staff_of(user, dossier.owner_unit)


@rules.predicate
def proposes_dossier(user, dossier: Dossier) -> bool:
    return prepares_batch(user, dossier.batch) or runs_batch_cluster(user, dossier.batch)


@rules.predicate
def runs_dossier_awarding_body(user, dossier: Dossier) -> bool:
    return runs_awarding_body(user, dossier.batch)


@rules.predicate
def sits_on_dossier_council(user, dossier: Dossier) -> bool:
    return sits_on_awarding_council(user, dossier.batch)


rules.add_perm(
    "nominations.view_dossier",
    is_system_admin
    | prepares_dossier
    | proposes_dossier
    | runs_dossier_awarding_body
    | sits_on_dossier_council,
)
rules.add_perm("nominations.change_dossier", is_system_admin | prepares_dossier | proposes_dossier)
rules.add_perm("nominations.appraise_dossier", is_system_admin | runs_dossier_awarding_body)


# ---- decisions (object: the decision) ----------------------------------------------------------
@rules.predicate
def issues_decision(user, decision: Decision) -> bool:
    unit = decision.issuer or (decision.batch.awarding_unit if decision.batch_id else None)
    return secretariat_over(user, unit)


rules.add_perm("nominations.issue_decision", is_system_admin | issues_decision)
rules.add_perm("nominations.revoke_decision", is_system_admin | issues_decision)
# Issued decisions are public documents of the sector: every signed-in user may read them.
rules.add_perm("nominations.view_decision", rules.is_authenticated)
