"""Ballot sessions: the roll, the policy snapshot, questions and candidates, open and close."""

import datetime as dt

from thidua.ballots.models import BallotSession, Question, Round, SessionEvent, Voter
from thidua.ballots.services import rounds, sessions, voting
from thidua.ballots.tests.factories import (
    MEETING,
    cast_many,
    close,
    cluster_with_members,
    line,
    open_round,
    question_with,
    refused,
    session_of,
)
from thidua.core.audit import save_audited
from thidua.org import services as org_services
from thidua.org.tests.factories import PersonFactory, UserFactory

Kind = Question.Kind


# ---- the roll ----------------------------------------------------------------------------------
def test_a_cluster_session_puts_the_members_of_the_meeting_date_on_the_roll(world):
    left = org_services.cluster_member_add(
        cluster=world.cluster6, unit=world.kt, joined_on=dt.date(2021, 1, 1),
        left_on=dt.date(2023, 12, 31), by=None,
    )  # fmt: skip

    session = session_of(world.cluster6)

    assert left.unit == world.kt
    assert sorted(session.voters.values_list("unit_id", flat=True)) == sorted(
        [world.dn.pk, world.cq.pk]
    )
    assert set(session.voters.values_list("label", flat=True)) == {world.dn.name, world.cq.name}


def test_a_council_session_puts_each_open_seat_holder_on_the_roll_once(world):
    chair, former = PersonFactory(full_name="Phạm Thu Dung"), PersonFactory()
    account = UserFactory()
    org_services.person_update(person=chair, user=account, by=None)
    for role in ("chair", "member"):
        org_services.council_seat_add(
            council=world.council, person=chair, role=role, start_date=dt.date(2022, 1, 1),
            by=None,
        )  # fmt: skip
    seat = org_services.council_seat_add(
        council=world.council, person=former, role="member", start_date=dt.date(2020, 1, 1),
        by=None,
    )  # fmt: skip
    seat.end_date = dt.date(2023, 6, 30)
    save_audited(seat, by=None)

    session = sessions.session_create(
        by=None, year=2023, title="Phiên họp Hội đồng", council=world.council, meeting_date=MEETING
    )

    roll = list(session.voters.all())
    assert [(v.person_id, v.user_id, v.label) for v in roll] == [
        (chair.pk, account.pk, "Phạm Thu Dung")
    ]


def test_the_session_keeps_the_owners_rules_with_its_own_overrides(world):
    world.cluster6.policy = {"ballots": {"threshold": "ge_two_thirds", "max_flags": 2}}
    save_audited(world.cluster6, by=None)

    session = session_of(world.cluster6, policy={"self_vote_allowed": True})
    world.cluster6.policy = {"ballots": {"threshold": "ge_90"}}
    save_audited(world.cluster6, by=None)

    session.refresh_from_db()
    assert session.policy["threshold"] == "ge_two_thirds"
    assert session.policy["max_flags"] == 2
    assert session.policy["self_vote_allowed"] is True
    assert session.policy["ballot_base"] == "members_total"


def test_invalid_voting_rules_are_refused_naming_the_rule(world):
    error = refused(session_of, cluster=world.cluster6, policy={"threshold": "most"})

    assert error.field == "policy"
    assert "threshold" in str(error)
    assert not BallotSession.objects.exists()


def test_a_session_is_for_a_cluster_or_a_council_not_both(world):
    error = refused(
        sessions.session_create, by=None, year=2023, title="x", cluster=world.cluster6,
        council=world.council,
    )  # fmt: skip

    assert error.field == "cluster"


def test_a_voter_who_voted_in_an_open_round_cannot_be_marked_absent(world):
    session = session_of(world.cluster6)
    rnd = open_round(session, question_with(session, [world.dn]))
    voting.ballot_cast(
        round=rnd, voter=line(session, world.cq), candidate_ids=[rnd.candidates.get().pk], by=None
    )

    error = refused(
        sessions.voter_set_attendance, voter=line(session, world.cq), attendance="absent", by=None
    )

    assert error.code == "already_voted"
    assert line(session, world.cq).attendance == Voter.Attendance.PRESENT


# ---- questions and candidates ------------------------------------------------------------------
def test_a_leading_unit_question_cannot_choose_more_units_than_flags_allowed(world):
    session = session_of(world.cluster6)

    error = refused(
        sessions.question_add, session=session, kind=Kind.LEADING_UNIT, title="Cờ", seats=2,
        by=None,
    )  # fmt: skip

    assert error.field == "seats"


def test_merit_units_are_capped_at_half_the_members_by_default(world):
    cluster, _units = cluster_with_members(5)
    session = session_of(cluster)

    refused(
        sessions.question_add, session=session, kind=Kind.MERIT_UNITS, title="BK", seats=3,
        by=None,
    )  # fmt: skip
    question = sessions.question_add(
        session=session, kind=Kind.MERIT_UNITS, title="BK", seats=2, by=None
    )
    assert question.seats == 2


def test_a_candidate_below_the_minimum_score_is_refused_saying_why(world):
    session = session_of(world.cluster6, policy={"min_final_score": "90"})
    question = sessions.question_add(
        session=session, kind=Kind.LEADING_UNIT, title="Cờ", seats=1, by=None
    )

    error = refused(
        sessions.candidate_add, question=question, unit=world.dn, figures={"final": "89.5"},
        by=None,
    )  # fmt: skip

    assert error.code == "below_min_score"
    assert "90" in str(error)
    assert not question.candidates.exists()


def test_top_k_keeps_candidates_tied_at_k_and_refuses_the_next(world):
    cluster, units = cluster_with_members(4)
    session = session_of(cluster, policy={"top_k": 2})
    scores = {units[0]: "95", units[1]: "90", units[2]: "90", units[3]: "80"}
    question = question_with(
        session, units[:3], figures={u: {"final": s} for u, s in scores.items()}
    )

    error = refused(
        sessions.candidate_add, question=question, unit=units[3], figures={"final": "80"},
        by=None,
    )  # fmt: skip

    assert question.candidates.count() == 3
    assert error.code == "outside_top_k"


def test_the_gate_does_not_apply_to_choosing_the_next_leader(world):
    session = session_of(world.cluster6, policy={"min_final_score": "90"})
    question = sessions.question_add(
        session=session, kind=Kind.NEXT_LEADER, title="Cụm trưởng 2024", seats=1, by=None
    )

    candidate = sessions.candidate_add(question=question, unit=world.cq, by=None)

    assert candidate.label == world.cq.name


def test_a_unit_not_on_the_roll_cannot_stand_in_a_cluster_session(world):
    session = session_of(world.cluster6)
    question = sessions.question_add(
        session=session, kind=Kind.LEADING_UNIT, title="Cờ", seats=1, by=None
    )

    error = refused(sessions.candidate_add, question=question, unit=world.kt, by=None)

    assert error.code == "not_member"


def test_figures_that_are_not_numbers_are_refused(world):
    session = session_of(world.cluster6)
    question = sessions.question_add(
        session=session, kind=Kind.LEADING_UNIT, title="Cờ", seats=1, by=None
    )

    error = refused(
        sessions.candidate_add, question=question, unit=world.dn, figures={"final": "cao"},
        by=None,
    )  # fmt: skip

    assert error.field == "figures"


# ---- open and close ----------------------------------------------------------------------------
def test_opening_the_session_opens_round_one_of_every_question_with_its_candidates(world):
    session = session_of(world.cluster6)
    flag = question_with(session, [world.dn, world.cq])
    leader = question_with(session, [world.cq], kind=Kind.NEXT_LEADER)

    sessions.session_open(session=session, by=world.leader_officer)

    session.refresh_from_db()
    assert session.status == BallotSession.Status.OPEN
    for question, count in ((flag, 2), (leader, 1)):
        rnd = question.rounds.get()
        assert (rnd.number, rnd.seats, rnd.status) == (1, question.seats, Round.Status.OPEN)
        assert rnd.candidates.count() == count
    assert session.events.filter(action=SessionEvent.Action.ROUND_OPENED).count() == 2


def test_a_question_added_during_voting_opens_on_its_own_and_blocks_closing_until_then(world):
    session = session_of(world.cluster6)
    open_round(session, question_with(session, [world.dn]))
    later = sessions.question_add(
        session=session, kind=Kind.MERIT_UNITS, title="Bằng khen", seats=1, by=None
    )
    sessions.candidate_add(question=later, unit=world.cq, by=None)
    assert not later.rounds.exists()

    rounds.round_close(round=session.questions.first().rounds.get(), by=None)
    assert refused(sessions.session_close, session=session, by=None).code == "unsettled"

    opened = sessions.question_open(question=later, by=None)
    assert opened.number == 1 and list(opened.candidates.all()) == [later.candidates.get()]


def test_a_questions_candidates_cannot_change_once_its_voting_began(world):
    session = session_of(world.cluster6)
    question = question_with(session, [world.dn])
    open_round(session, question)

    error = refused(sessions.candidate_add, question=question, unit=world.cq, by=None)

    assert error.code == "question_started"


def test_a_session_with_a_question_without_candidates_cannot_open(world):
    session = session_of(world.cluster6)
    sessions.question_add(session=session, kind=Kind.LEADING_UNIT, title="Cờ", seats=1, by=None)

    error = refused(sessions.session_open, session=session, by=None)

    assert error.code == "no_candidates"
    session.refresh_from_db()
    assert session.status == BallotSession.Status.DRAFT


def test_the_session_cannot_close_while_a_round_is_open(world):
    session = session_of(world.cluster6)
    open_round(session, question_with(session, [world.dn]))

    error = refused(sessions.session_close, session=session, by=None)

    assert error.code == "unsettled"


def test_the_session_cannot_close_while_a_tie_waits_for_the_chair(world):
    cluster, units = cluster_with_members(4)
    session = session_of(
        cluster, policy={"self_vote_allowed": True, "tie_break": ["chair"],
                         "tie_winner_needs_threshold": False},
    )  # fmt: skip
    rnd = open_round(session, question_with(session, units[:2]))
    cast_many(rnd, session, {units[0]: 2, units[1]: 2}, units)
    close(rnd)

    refused(sessions.session_close, session=session, by=None)
    rounds.chair_decide(
        round=rnd, candidate_ids=[rnd.candidates.get(unit=units[1]).pk], by=None,
        reason="Đơn vị có nhiều mô hình mới",
    )  # fmt: skip
    sessions.session_close(session=session, by=None)

    session.refresh_from_db()
    assert session.status == BallotSession.Status.CLOSED
    assert session.closed_at is not None


def test_a_closed_session_cannot_be_opened_again(world):
    session = session_of(world.cluster6)
    rnd = open_round(session, question_with(session, [world.dn]))
    close(rnd)
    sessions.session_close(session=session, by=None)

    error = refused(sessions.session_open, session=session, by=None)

    assert error.code == "session_closed"


def test_a_second_session_of_the_year_cannot_give_the_flag_again(world):
    first = session_of(world.cluster6)
    question = question_with(first, [world.dn, world.cq])
    rnd = open_round(first, question)
    for voter in first.voters.all():
        other = world.cq if voter.unit == world.dn else world.dn
        voting.ballot_cast(
            round=rnd, voter=voter, candidate_ids=[rnd.candidates.get(unit=other).pk], by=None
        )
    result = rounds.round_close(round=rnd, by=None)
    assert result["revote_among"]  # 1 – 1 among two: nobody yet, so a new session may still ask
    second = session_of(world.cluster6)
    sessions.question_add(session=second, kind=Kind.LEADING_UNIT, title="Cờ", seats=1, by=None)

    won = session_of(world.cluster6, policy={"threshold": "ge_half"})
    winner = question_with(won, [world.dn])
    won_round = open_round(won, winner)
    voting.ballot_cast(
        round=won_round, voter=won.voters.get(unit=world.cq),
        candidate_ids=[won_round.candidates.get().pk], by=None,
    )  # fmt: skip
    rounds.round_close(round=won_round, by=None)
    third = session_of(world.cluster6)

    error = refused(
        sessions.question_add, session=third, kind=Kind.LEADING_UNIT, title="Cờ", seats=1, by=None
    )

    assert error.code == "seats"
