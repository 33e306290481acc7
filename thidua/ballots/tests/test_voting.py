"""Online ballots and paper marks: one ballot per voter and round, only candidates of the round,
no more than the seats, no self-vote unless the rules allow it."""

import re

from thidua.ballots.models import Ballot, Channel, VoterMark
from thidua.ballots.services import sessions, voting
from thidua.ballots.tests.factories import (
    cast,
    close,
    cluster_with_members,
    line,
    open_round,
    question_with,
    refused,
    refused_cast,
    session_of,
)


def flag_round(world, **policy):
    session = session_of(world.cluster6, policy=policy or None)
    return session, open_round(session, question_with(session, [world.dn, world.cq]))


def test_a_present_voter_casts_a_ballot_and_gets_a_receipt(world):
    session, rnd = flag_round(world)

    receipt = cast(rnd, session, world.cq, world.dn)

    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", receipt)
    ballot = Ballot.objects.get(round=rnd)
    assert (ballot.receipt, ballot.channel, ballot.is_valid) == (receipt, Channel.ONLINE, True)
    assert [c.candidate.unit for c in ballot.choices.all()] == [world.dn]
    assert VoterMark.objects.get(round=rnd).voter == line(session, world.cq)


def test_a_second_ballot_by_the_same_voter_is_refused(world):
    session, rnd = flag_round(world)
    cast(rnd, session, world.cq, world.dn)

    error = refused_cast(rnd, session, world.cq, world.dn)

    assert str(error.messages[0]) == "This voter has already voted in this round."
    assert Ballot.objects.filter(round=rnd).count() == 1


def test_a_vote_after_the_round_closes_is_refused(world):
    session, rnd = flag_round(world)
    close(rnd)

    error = refused_cast(rnd, session, world.cq, world.dn)

    assert error.code == "round_closed"
    assert not VoterMark.objects.exists()


def test_a_choice_that_is_not_a_candidate_of_the_round_is_refused(world):
    session = session_of(world.cluster6)
    first = question_with(session, [world.dn])
    other = question_with(session, [world.cq], kind="next_leader")
    rnd = open_round(session, first)

    error = refused(
        voting.ballot_cast, round=rnd, voter=line(session, world.cq),
        candidate_ids=[other.candidates.get().pk], by=None,
    )  # fmt: skip

    assert error.code == "not_candidate"
    assert not Ballot.objects.exists()


def test_more_choices_than_seats_are_refused(world):
    cluster, units = cluster_with_members(3)
    session = session_of(cluster)
    rnd = open_round(session, question_with(session, units[:2]))

    error = refused_cast(rnd, session, units[2])

    assert error.code == "empty"  # a ballot must choose someone…
    error = refused(
        voting.ballot_cast, round=rnd, voter=line(session, units[2]),
        candidate_ids=list(rnd.candidates.values_list("pk", flat=True)), by=None,
    )  # fmt: skip
    assert error.code == "too_many"  # …and no more than the seats
    assert not VoterMark.objects.exists()


def test_voting_for_ones_own_unit_is_refused_when_the_rules_say_so(world):
    session, rnd = flag_round(world)

    error = refused_cast(rnd, session, world.dn, world.dn)

    assert error.code == "self_vote"
    assert not VoterMark.objects.exists()


def test_voting_for_ones_own_unit_is_accepted_when_the_rules_allow_it(world):
    session, rnd = flag_round(world, self_vote_allowed=True)

    assert cast(rnd, session, world.dn, world.dn)


def test_an_absent_voter_cannot_vote_online(world):
    session, rnd = flag_round(world)
    for attendance in ("absent", "written"):
        sessions.voter_set_attendance(voter=line(session, world.cq), attendance=attendance, by=None)

        error = refused_cast(rnd, session, world.cq, world.dn)

        assert error.code == "attendance"
    assert not Ballot.objects.exists()


def test_a_voter_of_another_session_is_refused(world):
    _session, rnd = flag_round(world)
    other = session_of(world.cluster6, title="Phiên khác")

    error = refused(
        voting.ballot_cast, round=rnd, voter=line(other, world.cq),
        candidate_ids=[rnd.candidates.get(unit=world.dn).pk], by=None,
    )  # fmt: skip

    assert error.code == "not_on_roll"


def test_the_secretary_ticks_a_paper_ballot_once_and_makes_no_ballot(world):
    session, rnd = flag_round(world)

    voting.paper_mark(round=rnd, voter=line(session, world.cq), channel="paper", by=None)
    error = refused(
        voting.paper_mark, round=rnd, voter=line(session, world.cq), channel="paper", by=None
    )

    assert error.code == "already_voted"
    assert VoterMark.objects.get().channel == Channel.PAPER
    assert not Ballot.objects.exists()


def test_a_voter_who_voted_on_paper_cannot_also_vote_online(world):
    session, rnd = flag_round(world)
    voting.paper_mark(round=rnd, voter=line(session, world.cq), channel="paper", by=None)

    error = refused_cast(rnd, session, world.cq, world.dn)

    assert error.code == "already_voted"
