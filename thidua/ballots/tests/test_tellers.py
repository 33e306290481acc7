"""Paper and written ballots: the secretary ticks the roll, two tellers type each sheet, and a
ballot is made only when their typings agree."""

from thidua.ballots.models import Ballot, Channel, TellerEntry
from thidua.ballots.selectors.sessions import teller_sheets
from thidua.ballots.services import sessions, voting
from thidua.ballots.tests.factories import (
    close,
    cluster_with_members,
    line,
    open_round,
    question_with,
    refused,
    session_of,
)
from thidua.org.tests.factories import UserFactory


def paper_round(world, handed_in: int = 1):
    """A round of a 3-member cluster in which `handed_in` members put a paper sheet in the box."""
    cluster, units = cluster_with_members(3)
    session = session_of(cluster)
    rnd = open_round(session, question_with(session, units[:2]))
    for unit in units[:handed_in]:
        voting.paper_mark(round=rnd, voter=line(session, unit), channel="paper", by=None)
    return session, rnd, units


def enter(rnd, teller, sheet="P-01", ids=None, is_valid=True, channel="paper"):
    return voting.teller_enter(
        round=rnd, sheet=sheet, teller=teller, candidate_ids=ids or [], is_valid=is_valid,
        channel=channel,
    )  # fmt: skip


def test_a_sheet_becomes_a_ballot_when_two_tellers_agree(world):
    _session, rnd, units = paper_round(world)
    first = rnd.candidates.get(unit=units[0]).pk

    assert enter(rnd, world.leader_officer, "p-01 ", [first]) is None
    ballot = enter(rnd, world.secretary, "P-01", [first])

    assert (ballot.receipt, ballot.channel, ballot.is_valid) == ("P-01", Channel.PAPER, True)
    assert [c.candidate_id for c in ballot.choices.all()] == [first]
    assert [row["agreed"] for row in teller_sheets(rnd)] == [True]


def test_a_disagreeing_second_entry_is_refused_naming_the_sheet_and_not_saved(world):
    _session, rnd, units = paper_round(world)
    a, b = (rnd.candidates.get(unit=u).pk for u in units[:2])
    enter(rnd, world.leader_officer, "P-07", [a])

    error = refused(enter, rnd=rnd, teller=world.secretary, sheet="P-07", ids=[b])

    assert error.code == "disagree"
    assert "P-07" in str(error)
    assert TellerEntry.objects.filter(round=rnd).count() == 1
    assert not Ballot.objects.exists()


def test_a_third_teller_who_agrees_with_the_first_settles_the_sheet(world):
    _session, rnd, units = paper_round(world)
    a, b = (rnd.candidates.get(unit=u).pk for u in units[:2])
    enter(rnd, world.leader_officer, "P-07", [a])
    refused(enter, rnd=rnd, teller=world.secretary, sheet="P-07", ids=[b])

    ballot = enter(rnd, world.admin, "P-07", [a])

    assert [c.candidate_id for c in ballot.choices.all()] == [a]


def test_a_teller_cannot_type_the_same_sheet_twice(world):
    _session, rnd, _units = paper_round(world)
    enter(rnd, world.leader_officer, is_valid=False)

    error = refused(enter, rnd=rnd, teller=world.leader_officer, is_valid=False)

    assert error.code == "same_teller"


def test_a_counted_sheet_cannot_be_typed_a_third_time(world):
    _session, rnd, _units = paper_round(world)
    enter(rnd, world.leader_officer, is_valid=False)
    enter(rnd, world.secretary, is_valid=False)

    error = refused(enter, rnd=rnd, teller=world.admin, is_valid=False)

    assert error.code == "counted"
    assert Ballot.objects.count() == 1


def test_sheets_never_outnumber_the_ballots_handed_in(world):
    _session, rnd, _units = paper_round(world, handed_in=1)
    enter(rnd, world.leader_officer, "P-01", is_valid=False)

    error = refused(enter, rnd=rnd, teller=world.leader_officer, sheet="P-02", is_valid=False)

    assert error.code == "too_many_sheets"
    assert not TellerEntry.objects.filter(sheet="P-02").exists()


def test_an_invalid_sheet_counts_as_cast_but_not_as_valid(world):
    _session, rnd, units = paper_round(world)
    a = rnd.candidates.get(unit=units[0]).pk
    # Only the validity of an invalid sheet matters: the marks typed on it are not compared.
    enter(rnd, world.leader_officer, ids=[a], is_valid=False)
    enter(rnd, world.secretary, is_valid=False)

    result = close(rnd)

    assert (result["ballots_cast"], result["valid_ballots"], result["invalid_ballots"]) == (1, 0, 1)
    assert all(row["votes"] == 0 for row in result["votes"])


def test_a_sheet_with_more_names_than_seats_must_be_marked_invalid(world):
    _session, rnd, _units = paper_round(world)

    error = refused(
        enter, rnd=rnd, teller=world.leader_officer,
        ids=list(rnd.candidates.values_list("pk", flat=True)),
    )  # fmt: skip

    assert (error.code, error.field) == ("too_many", "is_valid")


def test_a_round_cannot_close_while_a_sheet_waits_for_its_second_teller(world):
    _session, rnd, _units = paper_round(world)
    enter(rnd, world.leader_officer, "P-01", is_valid=False)

    error = refused(close, rnd=rnd)

    assert error.code == "sheets_pending"
    assert "P-01" in str(error)


def test_a_written_vote_comes_from_a_member_recorded_absent_with_a_written_vote(world):
    session, rnd, units = paper_round(world, handed_in=0)
    absent = line(session, units[2])

    refused(voting.paper_mark, round=rnd, voter=absent, channel="written", by=None)
    sessions.voter_set_attendance(voter=absent, attendance="written", by=None)
    voting.paper_mark(round=rnd, voter=absent, channel="written", by=None)
    a = rnd.candidates.get(unit=units[0]).pk
    enter(rnd, UserFactory(), "W-01", [a], channel="written")
    ballot = enter(rnd, UserFactory(), "W-01", [a], channel="written")

    assert ballot.channel == Channel.WRITTEN
    assert close(rnd)["members_present"] == 3
