"""Moves of a proposal along its route: submit, forward, return, withdraw, decide; deadlines and
reminders.

The transition table is the route itself (configuration, `models/routes.py`): a proposal moves
from its current step to the next step that is not skipped; a step merged with the next is
completed by the same action; any actor may send it back to an earlier step with a reason. Each
step kind has a guard that must hold before the proposal may leave it (law.md §e.1–e.3: appraisal
before posting, the posting window before the council meeting, the council's vote before the
decision). Every move writes a BatchMove row; the Batch is saved through `save_audited`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.models import AwardType
from thidua.core.audit import save_audited
from thidua.core.errors import DomainError
from thidua.eligibility import NoPackError, PackError, select_pack
from thidua.nominations.models import Batch, BatchMove, Dossier, Posting, Route, RouteStep
from thidua.nominations.permissions import prepares_batch
from thidua.nominations.selectors.routing import step_actors
from thidua.nominations.services import setup
from thidua.nominations.services.reminders import announce_step, enter_step, site_language, tell
from thidua.org.models import Unit
from thidua.org.permissions import is_system_admin

Kind, Skip, Status, Action = RouteStep.Kind, RouteStep.Skip, Batch.Status, BatchMove.Action
LEVEL_RANK = {"unit": 0, "ministry": 1, "government": 2, "state": 3}
# A proposal with no award yet (just created) is routed as one for the awarding body's own
# awards; it is routed again at submission if its awards need another route.
DEFAULT_LEVEL = "ministry"
LIVE = (Status.IN_PROGRESS, Status.RETURNED)

DONE, CURRENT, SKIPPED, AHEAD = "done", "current", "skipped", "ahead"


@dataclass(frozen=True)
class StepView:
    step: RouteStep
    state: str  # done / current / skipped / ahead
    skipped_why: str = ""


@dataclass(frozen=True)
class _Needs:
    """What the proposal's included awards ask of the route (computed once per move)."""

    cluster: bool
    posting: bool
    vote: bool


# ---- choosing a route --------------------------------------------------------------------------
def route_for(award_codes: list[str], awarding_unit: Unit) -> Route:
    """The route for these awards: the awarding body's own routes first, then installation-wide
    ones; a route naming one of the codes wins, else the one carrying the highest level present
    (state > government > ministry > unit)."""
    setup.defaults_ensure()
    active = Route.objects.filter(is_active=True).order_by("code")
    candidates = [
        *active.filter(awarding_unit=awarding_unit),
        *active.filter(awarding_unit__isnull=True),
    ]
    codes = set(award_codes)
    for route in candidates:
        if codes & set(route.award_codes):
            return route
    level = _highest_level(codes) or DEFAULT_LEVEL
    for route in candidates:
        if level in route.award_levels:
            return route
    raise DomainError(
        _("No route carries these awards to %(body)s. Ask the administrator to set one up.")
        % {"body": awarding_unit.name},
        code="no_route",
    )


def _highest_level(codes: set[str]) -> str | None:
    levels = AwardType.objects.filter(code__in=codes).values_list("level", flat=True)
    return max(levels, key=lambda level: LEVEL_RANK.get(level, -1), default=None)


def _fits(route: Route, codes: set[str]) -> bool:
    return bool(codes & set(route.award_codes)) or _highest_level(codes) in route.award_levels


# ---- skip rules and the state of each step -----------------------------------------------------
def _included_awards(batch: Batch) -> list[AwardType]:
    return list(
        AwardType.objects.filter(
            dossiers__batch=batch, dossiers__status=Dossier.Status.INCLUDED
        ).distinct()
    )


def _needs(batch: Batch, today: dt.date | None = None) -> _Needs:
    awards = _included_awards(batch)
    try:
        pack = select_pack(batch.year, batch.submitted_on or today or timezone.localdate())
        posting = any(_pack_posting(pack, award.code) for award in awards)
    except NoPackError:
        posting = True  # no rule pack to tell: keep the legal step rather than skip it
    if batch.route.vote_awards:
        vote = any(award.code in batch.route.vote_awards for award in awards)
    else:
        # law.md §e.1 (row 4): emulation titles above the unit level go to the council's vote.
        vote = any(award.kind == "title" and award.level != "unit" for award in awards)
    return _Needs(cluster=batch.cluster_id is not None, posting=posting, vote=vote)


def _pack_posting(pack: Any, code: str) -> bool:
    try:
        return pack.award(code).posting  # ND 98 Art. 46(2) / ND 152 Art. 44(2)
    except PackError:
        return False


def _skip_why(step: RouteStep, needs: _Needs) -> str:
    if step.skip == Skip.ALWAYS:
        return _("This step is switched off in the route.")
    if step.skip == Skip.NO_CLUSTER and not needs.cluster:
        return _("The proposal does not come from a cluster.")
    if step.skip == Skip.NO_POSTING and not needs.posting:
        return _("No award in the proposal needs public posting.")
    if step.skip == Skip.NO_VOTE and not needs.vote:
        return _("No award in the proposal needs a council vote.")
    return ""


def is_skipped(step: RouteStep, batch: Batch) -> str:
    """Why `step` is skipped for `batch` ("" when it is not)."""
    return _skip_why(step, _needs(batch))


def steps_of(batch: Batch) -> list[StepView]:
    """Every step of the route with its state for this proposal."""
    needs = _needs(batch)
    current = batch.step
    views = []
    for step in batch.route.steps.all():
        why = _skip_why(step, needs)
        if current is not None and step.pk == current.pk:
            state = CURRENT
        elif why:
            state = SKIPPED
        elif batch.status == Status.DECIDED or (current and step.order < current.order):
            state = DONE
        else:
            state = AHEAD
        views.append(StepView(step=step, state=state, skipped_why=why if state == SKIPPED else ""))
    return views


# ---- guards ------------------------------------------------------------------------------------
def _guard_leaving(step: RouteStep, batch: Batch, today: dt.date) -> None:
    """Refuse to leave `step` until what its kind stands for is done."""
    included = batch.dossiers.filter(status=Dossier.Status.INCLUDED)
    if step.kind == Kind.PREPARE and not included.exists():
        raise DomainError(
            _("Add at least one nominee before submitting the proposal."), code="empty"
        )
    if step.kind == Kind.APPRAISE:
        from thidua.nominations.services.appraisal import batch_appraised

        result = batch_appraised(batch)
        done, reasons = result if isinstance(result, tuple) else (result, [])
        if not done:
            raise DomainError(
                _(
                    "A dossier missing a required component cannot move past appraisal. "
                    "Still to do: %(reasons)s"
                )
                % {"reasons": "; ".join(str(r) for r in reasons) or _("appraise every dossier")},
                code="not_appraised",
            )
    if step.kind == Kind.POST:
        from thidua.nominations.services.postings import posting_window_over

        if not posting_window_over(batch, today):
            raise DomainError(
                _(
                    "The public posting has not ended yet (or was not opened). The proposal can "
                    "move on from the working day after the posting window."
                ),
                code="posting_open",
            )
    if step.kind == Kind.VOTE:
        from thidua.nominations.services.council import council_results_recorded

        if not council_results_recorded(batch):
            raise DomainError(
                _("The council's results are not recorded yet for every nominee."),
                code="no_council_result",
            )
    if step.kind == Kind.DECIDE:
        raise DomainError(
            _("At the decision step the proposal closes when its decision is issued."),
            code="decide_by_decision",
        )


def _require_actor(batch: Batch, by: Any) -> None:
    """Only the actor of the current step (or a system admin) moves the proposal; `by=None` is
    the system itself (a data load), as in the audit trail."""
    if by is None or by.has_perm("nominations.act_on_batch", batch):
        return
    raise DomainError(
        _("Only %(actor)s can act on this proposal at the step “%(step)s”.")
        % {"actor": batch.step.get_actor_display(), "step": batch.step.name},
        code="not_actor",
    )


# ---- the plan of one forward move --------------------------------------------------------------
@dataclass
class _Plan:
    leaving: list[RouteStep]  # the current step, plus the steps merged with it
    skipped: list[RouteStep]
    target: RouteStep | None


def _plan(batch: Batch, needs: _Needs) -> _Plan:
    steps = list(batch.route.steps.all())
    later = [s for s in steps if s.order > batch.step.order]
    plan = _Plan(leaving=[batch.step], skipped=[], target=None)
    for step in later:
        if _skip_why(step, needs):
            plan.skipped.append(step)
            continue
        # Merged: the same action completes this step too, but only when it comes right after
        # the merged step (a skipped neighbour does not pass the merge on to a later step).
        merged = plan.leaving[-1].merge_with_next and _right_after(steps, plan.leaving[-1], step)
        if merged:
            plan.leaving.append(step)
            continue
        plan.target = step
        break
    return plan


def _right_after(steps: list[RouteStep], first: RouteStep, second: RouteStep) -> bool:
    following = [s for s in steps if s.order > first.order]
    return bool(following) and following[0].pk == second.pk


def forward_blockers(batch: Batch, *, today: dt.date | None = None) -> list[str]:
    """Why the proposal cannot be sent on now (empty when it can): for the route panel."""
    if batch.step_id is None:
        return []
    today = today or timezone.localdate()
    plan = _plan(batch, _needs(batch, today))
    problems = []
    for step in plan.leaving:
        try:
            _guard_leaving(step, batch, today)
        except DomainError as exc:
            problems.extend(exc.messages)
    return problems


def next_step(batch: Batch) -> RouteStep | None:
    """Where the next forward move takes the proposal."""
    return _plan(batch, _needs(batch)).target if batch.step_id else None


# ---- moves -------------------------------------------------------------------------------------
def _locked(batch: Batch) -> Batch:
    # `of`: PostgreSQL refuses FOR UPDATE on the nullable side of the join to the step.
    locked = Batch.objects.select_for_update(of=("self",)).select_related("route", "step")
    return locked.get(pk=batch.pk)


def _first_step(batch: Batch) -> RouteStep:
    return batch.route.steps.order_by("order").first()


def _advance(batch: Batch, *, by: Any, note: str, action: str, detail: dict) -> Batch:
    today = timezone.localdate()
    plan = _plan(batch, _needs(batch, today))
    for step in plan.leaving:
        _guard_leaving(step, batch, today)
    if plan.target is None:
        raise DomainError(_("This is the last step of the route."), code="last_step")
    from_step = batch.step
    enter_step(batch, plan.target, today)
    batch.status = Status.IN_PROGRESS
    save_audited(batch, by=by, reason=note or str(BatchMove.Action(action).label))
    merged = [s.code for s in plan.leaving[1:]]
    BatchMove.objects.create(
        batch=batch, action=action, from_step=from_step, to_step=plan.target, by=by,
        reason=note[:500], detail={**detail, **({"merged": merged} if merged else {})},
    )  # fmt: skip
    for step in plan.skipped:
        BatchMove.objects.create(
            batch=batch, action=Action.SKIP, from_step=step, to_step=plan.target, by=by,
            detail={"skip": step.skip},
        )  # fmt: skip
        if step.kind == Kind.VOTE:  # nobody votes: the decision may take the nominees as they are
            _reset_dossiers(batch, by, note, council=Dossier.Council.NOT_REQUIRED)
    announce_step(batch, by=by, returned=False, note=note)
    return batch


@transaction.atomic
def batch_submit(
    *,
    batch: Batch,
    by: Any,
    document_number: str = "",
    submitted_on: dt.date | None = None,
) -> Batch:
    """Send a proposal from its first step (being prepared, or returned there) along its route.

    A proposal never submitted before is routed again by its awards if its route does not carry
    them. A re-submission keeps the first submission date unless another is given (the date
    chooses the rule pack: law-updates-2025.md §0, the transition by submission date)."""
    batch = _locked(batch)
    first = _first_step(batch)
    returned_here = batch.status == Status.RETURNED and batch.step_id == first.pk
    if batch.status != Status.DRAFT and not returned_here:
        raise DomainError(
            _("Only a proposal being prepared, or returned to its first step, can be submitted."),
            code="not_submittable",
        )
    _require_actor(batch, by)
    detail: dict[str, Any] = {}
    codes = {award.code for award in _included_awards(batch)}
    if batch.status == Status.DRAFT and codes and not _fits(batch.route, codes):
        batch.route = route_for(sorted(codes), batch.awarding_unit)
        batch.step = _first_step(batch)
        detail["route"] = batch.route.code
    batch.submitted_on = submitted_on or batch.submitted_on or timezone.localdate()
    if document_number:
        batch.document_number = document_number
    action = Action.RESTART if returned_here else Action.FORWARD
    return _advance(batch, by=by, note="", action=action, detail=detail)


@transaction.atomic
def batch_forward(*, batch: Batch, by: Any, note: str = "") -> Batch:
    """Complete the current step (and any merged with it) and move to the next step."""
    batch = _locked(batch)
    if batch.status not in LIVE or batch.step_id is None:
        raise DomainError(_("This proposal is not moving along its route."), code="not_live")
    if batch.step_id == _first_step(batch).pk:
        raise DomainError(_("Submit the proposal instead."), code="submit_first")
    _require_actor(batch, by)
    return _advance(batch, by=by, note=note.strip(), action=Action.FORWARD, detail={})


@transaction.atomic
def batch_return(*, batch: Batch, to_step_code: str, reason: str, by: Any) -> Batch:
    """Send the proposal back to an earlier step, with the reason. Under the route's restart
    rule "from_start" it goes back to the first step whatever step was named."""
    batch = _locked(batch)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for the return."), field="reason", code="no_reason")
    if batch.status not in LIVE or batch.step_id is None:
        raise DomainError(_("This proposal is not moving along its route."), code="not_live")
    _require_actor(batch, by)
    asked = batch.route.steps.filter(code=to_step_code).first()
    if asked is None or asked.order >= batch.step.order:
        raise DomainError(
            _("A proposal can only be returned to an earlier step of its route."),
            field="to_step", code="not_earlier",
        )  # fmt: skip
    if _skip_why(asked, _needs(batch)):
        raise DomainError(
            _("That step is skipped for this proposal."), field="to_step", code="skipped_step"
        )
    from_start = batch.route.restart == Route.Restart.FROM_START
    target = _first_step(batch) if from_start else asked
    detail = {
        "asked_step": asked.code,
        "asked_step_name": asked.name,
        "from_start": from_start,
        **_reset_for(batch, target, by, reason),
    }
    from_step = batch.step
    enter_step(batch, target, timezone.localdate())
    batch.status = Status.RETURNED
    save_audited(batch, by=by, reason=reason)
    BatchMove.objects.create(
        batch=batch, action=Action.RETURN, from_step=from_step, to_step=target, by=by,
        reason=reason[:500], detail=detail,
    )  # fmt: skip
    announce_step(batch, by=by, returned=True, note=reason)
    return batch


def _reset_for(batch: Batch, target: RouteStep, by: Any, reason: str) -> dict[str, int]:
    """Results of steps the proposal will go through again start over: appraisal when it goes
    back to (or before) appraisal, the council's results when it goes back before the vote."""
    steps = list(batch.route.steps.filter(order__gte=target.order))
    out = {}
    if any(s.kind == Kind.APPRAISE for s in steps):
        out["appraisal_reset"] = _reset_dossiers(
            batch, by, reason, appraisal=Dossier.Appraisal.PENDING, appraised_by=None,
            appraised_at=None,
        )  # fmt: skip
    if any(s.kind == Kind.POST for s in steps):
        out["postings_withdrawn"] = _withdraw_postings(batch, by, reason)
    if any(s.kind == Kind.VOTE for s in steps):
        out["council_reset"] = _reset_dossiers(batch, by, reason, council=Dossier.Council.PENDING)
        if batch.council_session_id:
            out["council_session"] = batch.council_session_id
            batch.council_session = None
    return out


def _withdraw_postings(batch: Batch, by: Any, reason: str) -> int:
    """A proposal sent back before its posting is posted again: the old window no longer
    counts (ND 98 Art. 46(2) / ND 152 Art. 44(2) need the list as it goes to the council)."""
    postings = list(batch.postings.filter(status=Posting.Status.OPEN))
    for posting in postings:
        posting.status = Posting.Status.WITHDRAWN
        save_audited(posting, by=by, reason=reason)
    return len(postings)


def _reset_dossiers(batch: Batch, by: Any, reason: str, **values: Any) -> int:
    field = next(iter(values))
    dossiers = batch.dossiers.filter(status=Dossier.Status.INCLUDED).exclude(
        **{field: values[field]}
    )
    count = 0
    for dossier in dossiers:
        for name, value in values.items():
            setattr(dossier, name, value)
        save_audited(dossier, by=by, reason=reason, clean=False)
        count += 1
    return count


@transaction.atomic
def batch_withdraw(*, batch: Batch, by: Any, reason: str) -> Batch:
    """The proposing unit takes its proposal back (any time before the decision)."""
    batch = _locked(batch)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            _("Give the reason for the withdrawal."), field="reason", code="no_reason"
        )
    if batch.status in (Status.DECIDED, Status.WITHDRAWN):
        raise DomainError(_("This proposal can no longer be withdrawn."), code="closed")
    if by is not None and not (is_system_admin(by) or prepares_batch(by, batch)):
        raise DomainError(_("Only the proposing unit can withdraw its proposal."), code="not_actor")
    was_live = batch.status in LIVE
    batch.status = Status.WITHDRAWN
    batch.step_due_on = None
    save_audited(batch, by=by, reason=reason)
    BatchMove.objects.create(
        batch=batch, action=Action.WITHDRAW, from_step=batch.step, by=by, reason=reason[:500]
    )
    if was_live:
        with site_language():
            title = _("The proposal “%(title)s” was withdrawn") % {"title": batch.title}
            tell(step_actors(batch), batch, by=by, kind="nominations.withdrawn", title=title,
                 body=reason)  # fmt: skip
    return batch


@transaction.atomic
def batch_decided(*, batch: Batch, decision: Any, by: Any) -> Batch:
    """Close the proposal when its decision is issued (called by the decisions service). A
    further decision on a closed proposal (its awards split over two decisions) is recorded."""
    batch = _locked(batch)
    number = str(getattr(decision, "number_text", "") or "")
    detail = {"decision": decision.pk, "number": number}
    if batch.status == Status.DECIDED:
        BatchMove.objects.create(batch=batch, action=Action.DECIDE, by=by, detail=detail)
        return batch
    if batch.status not in LIVE or batch.step is None or batch.step.kind != Kind.DECIDE:
        raise DomainError(
            _("The proposal has not reached the decision step of its route."),
            code="not_at_decision",
        )
    from_step = batch.step
    batch.status, batch.step, batch.step_due_on = Status.DECIDED, None, None
    save_audited(batch, by=by, reason=_("Decision issued"))
    BatchMove.objects.create(
        batch=batch, action=Action.DECIDE, from_step=from_step, by=by, detail=detail
    )
    with site_language():
        title = _("A decision was issued on the proposal “%(title)s”") % {"title": batch.title}
        users = step_actors(batch, RouteStep.Actor.PROPOSER)
        tell(users, batch, by=by, kind="nominations.decided", title=title, body=number)
    return batch
