"""The routing table of the default routes: every allowed move and every refused one, skip
rules, merged steps, restart rules, and the deadlines of steps in working days."""

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine

from thidua.awards.models import PolicySetting
from thidua.core.errors import DomainError
from thidua.nominations.models import Batch, BatchMove, Dossier, Posting, Route, RouteStep
from thidua.nominations.services import routing
from thidua.nominations.tests.factories import award, proposal

pytestmark = pytest.mark.django_db
# What batch_decided reads from an issued decision (the decisions part issues real ones).
DECISION = SimpleNamespace(pk=12, number_text="Số 12-QĐ/BTCTW")
Status, Appraisal = Batch.Status, Dossier.Appraisal


def nominate(batch: Batch, code: str, subject) -> Dossier:
    """A nominee made directly (the dossier services are tested elsewhere)."""
    kind = "person" if hasattr(subject, "full_name") else "unit"
    return Dossier.objects.create(
        batch=batch, award=award(code), owner_unit=batch.proposer, year=batch.year,
        **{kind: subject},
    )  # fmt: skip


def merit(world, **values) -> Batch:
    """A proposal with one Bằng khen (a form of the ministry level: no posting, no vote)."""
    batch = proposal(world, **values)
    nominate(batch, "BK_BTCTW", world.dn_person)
    return batch


def appraise_all(batch: Batch) -> None:
    batch.dossiers.update(appraisal=Appraisal.PASSED)


def at_step(world, code: str, batch: Batch | None = None) -> Batch:
    """Walk a proposal along the sector route up to the step `code`."""
    batch = batch or merit(world)
    batch = routing.batch_submit(batch=batch, by=world.leader_officer)
    while batch.step.code != code:
        if batch.step.kind == RouteStep.Kind.APPRAISE:
            appraise_all(batch)
        if batch.step.kind == RouteStep.Kind.VOTE:
            batch.dossiers.update(council=Dossier.Council.ELECTED)
        actor = world.leader_officer if batch.step.actor == "cluster" else world.secretary
        batch = routing.batch_forward(batch=batch, by=actor)
    return batch


def refused(code: str, call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    assert caught.value.code == code
    return caught.value


def actions(batch: Batch) -> list[tuple[str, str | None, str | None]]:
    moves = BatchMove.objects.filter(batch=batch).order_by("pk")
    return [
        (m.action, getattr(m.from_step, "code", None), getattr(m.to_step, "code", None))
        for m in moves
    ]


# ---- choosing a route --------------------------------------------------------------------------
def test_ministry_awards_take_the_sector_route(world):
    assert routing.route_for(["BK_BTCTW"], world.btctw).code == "sector"


def test_the_highest_level_in_the_proposal_chooses_the_route(world):
    award("HCLD_3")
    assert routing.route_for(["BK_BTCTW", "HCLD_3"], world.btctw).code == "government"


def test_a_route_naming_an_award_wins_over_the_levels(world):
    award("BK_BTCTW")
    Route.objects.create(code="merit-fast", name="Fast", award_codes=["BK_BTCTW"])
    assert routing.route_for(["BK_BTCTW"], world.btctw).code == "merit-fast"


def test_the_awarding_bodys_own_route_comes_before_the_installation_wide_one(world):
    award("BK_BTCTW")
    Route.objects.create(
        code="z-own", name="Own", awarding_unit=world.btctw, award_levels=["ministry"]
    )
    assert routing.route_for(["BK_BTCTW"], world.btctw).code == "z-own"
    assert routing.route_for(["BK_BTCTW"], world.cq).code == "sector"


def test_no_active_route_for_the_awards_is_refused(world):
    award("BK_BTCTW")
    Route.objects.update(is_active=False)
    refused("no_route", routing.route_for, award_codes=["BK_BTCTW"], awarding_unit=world.btctw)


# ---- submitting --------------------------------------------------------------------------------
def test_a_proposal_without_nominees_cannot_be_submitted(world):
    batch = proposal(world)
    refused("empty", routing.batch_submit, batch=batch, by=world.leader_officer)


def test_submitting_moves_the_proposal_to_the_cluster_leader(world):
    with time_machine.travel(dt.date(2024, 1, 15)):
        batch = routing.batch_submit(
            batch=merit(world), by=world.leader_officer, document_number="12/TTr"
        )
    assert (batch.status, batch.step.code) == (Status.IN_PROGRESS, "cluster")
    assert (batch.submitted_on, batch.document_number) == (dt.date(2024, 1, 15), "12/TTr")
    assert actions(batch) == [("forward", "prepare", "cluster")]


def test_only_the_proposing_unit_submits(world):
    refused("not_actor", routing.batch_submit, batch=merit(world), by=world.officer)


def test_a_proposal_outside_a_cluster_skips_the_cluster_step(world):
    batch = routing.batch_submit(batch=merit(world, cluster=False), by=world.leader_officer)
    assert batch.step.code == "appraise"
    assert actions(batch) == [("forward", "prepare", "appraise"), ("skip", "cluster", "appraise")]


def test_a_submitted_proposal_cannot_be_submitted_again(world):
    batch = at_step(world, "cluster")
    refused("not_submittable", routing.batch_submit, batch=batch, by=world.leader_officer)


def test_a_draft_whose_awards_need_another_route_is_routed_again_at_submission(world):
    batch = proposal(world)
    nominate(batch, "HCLD_3", world.dn_person)
    batch = routing.batch_submit(batch=batch, by=world.leader_officer)
    assert (batch.route.code, batch.step.route.code) == ("government", "government")
    assert BatchMove.objects.get(batch=batch, action="forward").detail["route"] == "government"


# ---- forwarding --------------------------------------------------------------------------------
def test_the_cluster_leader_sends_the_proposal_to_appraisal(world):
    batch = routing.batch_forward(batch=at_step(world, "cluster"), by=world.leader_officer)
    assert batch.step.code == "appraise"


@pytest.mark.parametrize("who", ["secretary", "officer", "outsider", "leader_officer"])
def test_only_the_actor_of_the_current_step_sends_it_on(world, who):
    batch = at_step(world, "appraise")
    appraise_all(batch)
    if who == "secretary":
        assert routing.batch_forward(batch=batch, by=world.secretary).step.code == "decide"
    else:
        refused("not_actor", routing.batch_forward, batch=batch, by=getattr(world, who))


def test_a_system_admin_may_act_for_any_step(world):
    assert (
        routing.batch_forward(batch=at_step(world, "cluster"), by=world.admin).step.code
        == "appraise"
    )


def test_a_pending_dossier_cannot_move_past_appraisal(world):
    batch = at_step(world, "appraise")
    error = refused("not_appraised", routing.batch_forward, batch=batch, by=world.secretary)
    assert "cannot move past appraisal" in error.messages[0]
    assert Batch.objects.get(pk=batch.pk).step.code == "appraise"


def test_a_certificate_of_merit_skips_posting_and_the_vote(world):
    batch = at_step(world, "appraise")
    appraise_all(batch)
    batch = routing.batch_forward(batch=batch, by=world.secretary, note="Đủ hồ sơ")
    assert batch.step.code == "decide"
    assert actions(batch)[-3:] == [
        ("forward", "appraise", "decide"),
        ("skip", "post", "decide"),
        ("skip", "vote", "decide"),
    ]


def test_a_flag_goes_to_the_council_vote_without_posting(world):
    batch = proposal(world)
    nominate(batch, "CO_BTCTW", world.dn)
    batch = at_step(world, "appraise", batch)
    appraise_all(batch)
    assert routing.batch_forward(batch=batch, by=world.secretary).step.code == "vote"


def test_the_vote_step_waits_for_the_councils_results(world):
    batch = proposal(world)
    nominate(batch, "CO_BTCTW", world.dn)
    batch = at_step(world, "vote", batch)
    batch.dossiers.update(council=Dossier.Council.PENDING)
    refused("no_council_result", routing.batch_forward, batch=batch, by=world.secretary)
    batch.dossiers.update(council=Dossier.Council.ELECTED)
    assert routing.batch_forward(batch=batch, by=world.secretary).step.code == "decide"


def test_a_state_award_goes_through_public_posting(world):
    batch = proposal(world, route="government")
    nominate(batch, "HCLD_3", world.dn_person)
    batch = at_step(world, "appraise", batch)
    appraise_all(batch)
    assert routing.batch_forward(batch=batch, by=world.secretary).step.code == "post"


def test_the_posting_step_is_left_only_after_the_window_ends(world):
    batch = proposal(world, route="government")
    nominate(batch, "HCLD_3", world.dn_person)
    batch = at_step(world, "post", batch)
    Posting.objects.create(
        batch=batch, title="Công khai", opened_on=dt.date(2024, 3, 1), working_days=10,
        ends_on=dt.date(2024, 3, 14),
    )  # fmt: skip
    with time_machine.travel(dt.date(2024, 3, 14)):
        refused("posting_open", routing.batch_forward, batch=batch, by=world.secretary)
    with time_machine.travel(dt.date(2024, 3, 15)):
        # HCLĐ is a form, not a title: no council vote; on to the Prime Minister's office.
        assert routing.batch_forward(batch=batch, by=world.secretary).step.code == "forward"


def test_the_decision_step_is_not_left_by_hand(world):
    batch = at_step(world, "decide")
    refused("decide_by_decision", routing.batch_forward, batch=batch, by=world.secretary)


def test_an_issued_decision_closes_the_proposal(world):
    batch = at_step(world, "decide")
    batch = routing.batch_decided(batch=batch, decision=DECISION, by=world.secretary)
    assert (batch.status, batch.step) == (Status.DECIDED, None)
    assert actions(batch)[-1] == ("decide", "decide", None)
    assert batch.moves.get(action="decide").detail == {"decision": 12, "number": "Số 12-QĐ/BTCTW"}
    assert all(view.state in ("done", "skipped") for view in routing.steps_of(batch))


def test_a_second_decision_on_a_decided_proposal_is_recorded(world):
    batch = routing.batch_decided(batch=at_step(world, "decide"), decision=DECISION, by=None)
    second = SimpleNamespace(pk=13, number_text="Số 13-QĐ/BTCTW")
    batch = routing.batch_decided(batch=batch, decision=second, by=None)
    assert batch.status == Status.DECIDED
    assert [m.detail["decision"] for m in batch.moves.filter(action="decide")] == [12, 13]


def test_a_decision_cannot_close_a_proposal_before_its_decision_step(world):
    batch = at_step(world, "appraise")
    refused(
        "not_at_decision", routing.batch_decided, batch=batch, decision=DECISION, by=world.secretary
    )


def test_a_draft_cannot_be_sent_on_without_submitting(world):
    refused("not_live", routing.batch_forward, batch=merit(world), by=world.leader_officer)


# ---- merged steps ------------------------------------------------------------------------------
def test_a_step_merged_with_the_next_is_completed_by_the_same_action(world):
    batch = merit(world)
    RouteStep.objects.filter(route=batch.route, code="prepare").update(merge_with_next=True)
    batch = routing.batch_submit(batch=batch, by=world.leader_officer)
    assert batch.step.code == "appraise"
    assert BatchMove.objects.get(batch=batch, action="forward").detail["merged"] == ["cluster"]


def test_a_merge_does_not_pass_over_a_skipped_step(world):
    batch = merit(world, cluster=False)
    RouteStep.objects.filter(route=batch.route, code="prepare").update(merge_with_next=True)
    assert routing.batch_submit(batch=batch, by=world.leader_officer).step.code == "appraise"


def test_the_guard_of_a_merged_step_still_applies(world):
    batch = at_step(world, "appraise")
    RouteStep.objects.filter(route=batch.route, code="cluster").update(merge_with_next=True)
    routing.batch_return(batch=batch, to_step_code="cluster", reason="Bổ sung", by=world.secretary)
    batch = Batch.objects.get(pk=batch.pk)
    refused("not_appraised", routing.batch_forward, batch=batch, by=world.leader_officer)


# ---- returns -----------------------------------------------------------------------------------
def test_a_return_needs_a_reason(world):
    batch = at_step(world, "appraise")
    error = refused(
        "no_reason",
        routing.batch_return,
        batch=batch,
        to_step_code="cluster",
        reason=" ",
        by=world.secretary,
    )
    assert error.field == "reason"


@pytest.mark.parametrize("to_step", ["appraise", "decide", "nowhere"])
def test_a_return_goes_only_to_an_earlier_step(world, to_step):
    batch = at_step(world, "appraise")
    refused(
        "not_earlier",
        routing.batch_return,
        batch=batch,
        to_step_code=to_step,
        reason="x",
        by=world.secretary,
    )


def test_a_return_to_a_skipped_step_is_refused(world):
    batch = at_step(world, "decide")
    refused(
        "skipped_step",
        routing.batch_return,
        batch=batch,
        to_step_code="post",
        reason="x",
        by=world.secretary,
    )


def test_only_the_actor_of_the_current_step_returns_the_proposal(world):
    batch = at_step(world, "appraise")
    refused(
        "not_actor",
        routing.batch_return,
        batch=batch,
        to_step_code="cluster",
        reason="x",
        by=world.leader_officer,
    )


def test_a_return_to_appraisal_sets_the_appraisal_back_to_pending(world):
    batch = at_step(world, "decide")
    batch = routing.batch_return(
        batch=batch, to_step_code="appraise", reason="Thiếu biên bản", by=world.secretary
    )
    assert (batch.status, batch.step.code) == (Status.RETURNED, "appraise")
    assert list(batch.dossiers.values_list("appraisal", flat=True)) == [Appraisal.PENDING]
    move = BatchMove.objects.filter(batch=batch, action="return").get()
    assert (move.reason, move.detail["appraisal_reset"]) == ("Thiếu biên bản", 1)


def test_after_a_return_the_proposal_goes_through_every_later_step_again(world):
    batch = at_step(world, "decide")
    batch = routing.batch_return(
        batch=batch, to_step_code="cluster", reason="Bổ sung", by=world.secretary
    )
    batch = routing.batch_forward(batch=batch, by=world.leader_officer)
    assert (batch.status, batch.step.code) == (Status.IN_PROGRESS, "appraise")
    refused("not_appraised", routing.batch_forward, batch=batch, by=world.secretary)


def test_a_route_that_starts_again_returns_to_the_first_step_whatever_was_named(world):
    batch = at_step(world, "decide")
    Route.objects.filter(pk=batch.route_id).update(restart=Route.Restart.FROM_START)
    batch = routing.batch_return(
        batch=batch, to_step_code="appraise", reason="Làm lại", by=world.secretary
    )
    assert batch.step.code == "prepare"
    detail = BatchMove.objects.get(batch=batch, action="return").detail
    assert (detail["asked_step"], detail["from_start"]) == ("appraise", True)


def test_a_proposal_returned_to_its_first_step_is_submitted_again(world):
    batch = at_step(world, "cluster")
    batch = routing.batch_return(
        batch=batch, to_step_code="prepare", reason="Sửa", by=world.leader_officer
    )
    refused("submit_first", routing.batch_forward, batch=batch, by=world.leader_officer)
    batch = routing.batch_submit(batch=batch, by=world.leader_officer)
    assert (batch.status, batch.step.code) == (Status.IN_PROGRESS, "cluster")
    assert actions(batch)[-1] == ("restart", "prepare", "cluster")


def test_a_return_before_the_vote_clears_the_councils_results(world):
    batch = proposal(world)
    nominate(batch, "CO_BTCTW", world.dn)
    batch = at_step(world, "decide", batch)
    batch = routing.batch_return(
        batch=batch, to_step_code="vote", reason="Bỏ phiếu lại", by=world.secretary
    )
    assert list(batch.dossiers.values_list("council", "appraisal")) == [("pending", "passed")]


# ---- withdrawal --------------------------------------------------------------------------------
def test_the_proposing_unit_withdraws_its_proposal_with_a_reason(world):
    batch = at_step(world, "appraise")
    refused("no_reason", routing.batch_withdraw, batch=batch, by=world.leader_officer, reason="")
    batch = routing.batch_withdraw(batch=batch, by=world.leader_officer, reason="Rút đề nghị")
    assert batch.status == Status.WITHDRAWN
    assert actions(batch)[-1] == ("withdraw", "appraise", None)
    refused("not_live", routing.batch_forward, batch=batch, by=world.secretary)


def test_only_the_proposing_unit_withdraws(world):
    batch = at_step(world, "appraise")
    refused("not_actor", routing.batch_withdraw, batch=batch, by=world.secretary, reason="x")


def test_a_decided_proposal_cannot_be_withdrawn(world):
    batch = at_step(world, "decide")
    batch = routing.batch_decided(batch=batch, decision=DECISION, by=world.secretary)
    refused("closed", routing.batch_withdraw, batch=batch, by=world.leader_officer, reason="x")


# ---- skip rules and states ---------------------------------------------------------------------
def test_the_skip_rules_say_why_a_step_is_skipped(world):
    batch = merit(world, cluster=False)
    steps = {step.code: step for step in batch.route.steps.all()}
    assert "cluster" in routing.is_skipped(steps["cluster"], batch)
    assert "posting" in routing.is_skipped(steps["post"], batch)
    assert "council vote" in routing.is_skipped(steps["vote"], batch)
    assert routing.is_skipped(steps["appraise"], batch) == ""


def test_a_step_switched_off_is_always_skipped(world):
    batch = merit(world)
    RouteStep.objects.filter(route=batch.route, code="cluster").update(skip=RouteStep.Skip.ALWAYS)
    assert routing.batch_submit(batch=batch, by=world.leader_officer).step.code == "appraise"


def test_a_route_naming_the_voted_awards_sends_those_to_the_council(world):
    batch = merit(world)
    Route.objects.filter(pk=batch.route_id).update(vote_awards=["BK_BTCTW"])
    batch = at_step(world, "appraise", batch)
    appraise_all(batch)
    assert routing.batch_forward(batch=batch, by=world.secretary).step.code == "vote"


def test_the_steps_show_what_is_done_now_skipped_and_ahead(world):
    batch = at_step(world, "appraise")
    states = {view.step.code: view.state for view in routing.steps_of(batch)}
    assert states == {
        "prepare": "done", "cluster": "done", "appraise": "current", "post": "skipped",
        "vote": "skipped", "decide": "ahead",
    }  # fmt: skip


# ---- deadlines ---------------------------------------------------------------------------------
def test_a_deadline_counts_working_days_from_the_day_after_arrival(world):
    with time_machine.travel(dt.date(2024, 1, 5)):  # a Friday
        batch = at_step(world, "cluster")
    assert batch.step_due_on == dt.date(2024, 1, 12)  # 5 working days: Mon 8 to Fri 12


def test_a_deadline_skips_public_holidays(world):
    with time_machine.travel(dt.date(2024, 2, 7)):  # the eve of the Tết holiday (8–14 February)
        batch = at_step(world, "cluster")
    assert batch.step_due_on == dt.date(2024, 2, 21)


def test_a_deadline_skips_the_organisations_own_days_off(world):
    PolicySetting.objects.create(unit=world.btctw, values={"extra_holidays": ["2024-01-10"]})
    with time_machine.travel(dt.date(2024, 1, 5)):
        batch = at_step(world, "cluster")
    assert batch.step_due_on == dt.date(2024, 1, 15)


def test_a_step_without_a_time_limit_has_no_deadline(world):
    batch = at_step(world, "cluster")
    batch = routing.batch_return(
        batch=batch, to_step_code="prepare", reason="Sửa", by=world.leader_officer
    )
    assert batch.step_due_on is None
