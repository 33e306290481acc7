"""Reads for the route panel of a proposal: its moves, what the viewer may do, who acts now."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from thidua.awards.facts import path_ids
from thidua.nominations.models import Batch, BatchMove, RouteStep
from thidua.nominations.permissions import prepares_batch
from thidua.nominations.selectors.batches import batch_overdue
from thidua.org.models import RoleAssignment, Unit
from thidua.org.permissions import is_system_admin

Actor, Role, Status = RouteStep.Actor, RoleAssignment.Role, Batch.Status


def moves_of(batch: Batch) -> QuerySet[BatchMove]:
    """Every move of the proposal, oldest first."""
    return batch.moves.select_related("from_step", "to_step", "by").order_by("at", "pk")


def _nearest_holders(unit: Unit | None, roles: list[str]) -> list[Any]:
    """Active users holding one of `roles` on `unit`, else on its nearest ancestor that has any
    (an officer of the whole sector is not told about each unit's proposals)."""
    if unit is None:
        return []
    chain = path_ids(unit.path) or [unit.pk]
    rows = RoleAssignment.objects.filter(
        role__in=roles, unit_id__in=chain, user__is_active=True
    ).values_list("unit_id", "user_id")
    by_unit: dict[int, set[int]] = {}
    for unit_id, user_id in rows:
        by_unit.setdefault(unit_id, set()).add(user_id)
    for unit_id in reversed(chain):
        if by_unit.get(unit_id):
            return list(get_user_model().objects.filter(pk__in=by_unit[unit_id]).order_by("pk"))
    return []


def _unit_staff(unit: Unit | None) -> list[Any]:
    # The emulation officer does the work; the head is told only where there is no officer.
    return _nearest_holders(unit, [Role.UNIT_OFFICER]) or _nearest_holders(unit, [Role.UNIT_HEAD])


def step_actors(batch: Batch, actor: str | None = None) -> list[Any]:
    """The people who act for `actor` (default: the current step's actor) on the proposal, as
    `permissions.step_actor` sees them: staff of the proposer or its superior, the cluster
    leader's officers, or the secretariat over the awarding body (it also moves the proposal
    for the council and the decider)."""
    actor = actor or (batch.step.actor if batch.step_id else None)
    if actor == Actor.PROPOSER:
        return _unit_staff(batch.proposer)
    if actor == Actor.SUPERIOR:
        return _unit_staff(batch.proposer.parent)
    if actor == Actor.CLUSTER:
        if batch.cluster_id is None:
            return []
        return list(
            get_user_model()
            .objects.filter(
                is_active=True,
                role_assignments__role=Role.CLUSTER_OFFICER,
                role_assignments__cluster_id=batch.cluster_id,
            )
            .distinct()
            .order_by("pk")
        )
    if actor in (Actor.SECRETARIAT, Actor.COUNCIL, Actor.DECIDER):
        return _nearest_holders(batch.awarding_unit, [Role.SECRETARIAT])
    return []


def actions_for(user: Any, batch: Batch, steps: list | None = None) -> dict[str, Any]:
    """What `user` may do on the proposal now, with the earlier steps it may be returned to and
    what still stops it from moving on."""
    # Imported here: the services import this module (step_actors) when they load.
    from thidua.nominations.services import routing

    steps = steps if steps is not None else routing.steps_of(batch)
    live = batch.status in (Status.IN_PROGRESS, Status.RETURNED) and batch.step_id is not None
    acts = batch.step_id is not None and user.has_perm("nominations.act_on_batch", batch)
    at_first = bool(steps) and batch.step_id == steps[0].step.pk
    can_submit = acts and (
        batch.status == Status.DRAFT or (batch.status == Status.RETURNED and at_first)
    )
    can_forward = acts and live and not at_first and batch.step.kind != RouteStep.Kind.DECIDE
    return_steps = []
    if acts and live:
        return_steps = [
            view.step
            for view in steps
            if view.step.order < batch.step.order and view.state != routing.SKIPPED
        ]
    can_withdraw = batch.status not in (Status.DECIDED, Status.WITHDRAWN) and (
        is_system_admin(user) or prepares_batch(user, batch)
    )
    return {
        "can_submit": can_submit,
        "can_forward": can_forward,
        "next_step": routing.next_step(batch) if can_forward else None,
        "blockers": routing.forward_blockers(batch) if can_forward else [],
        "can_return": bool(return_steps),
        "return_steps": return_steps,
        "can_withdraw": can_withdraw,
        "restarts_from_start": batch.route.restart == "from_start",
        "overdue": batch_overdue(batch, timezone.localdate()),
    }


def route_context(user: Any, batch: Batch) -> dict[str, Any]:
    """The context of `nominations/includes/route_panel.html`."""
    from thidua.nominations.services import routing

    steps = routing.steps_of(batch)
    return {
        "batch": batch,
        "steps": steps,
        "actions": actions_for(user, batch, steps),
        "moves": list(moves_of(batch)),
    }
