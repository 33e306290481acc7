"""Who may open, run, see, vote in and tell a ballot session, and what the reads show them."""

import datetime as dt

from thidua.ballots.selectors.sessions import (
    open_rounds_for,
    round_progress,
    round_result_for,
    sessions_for,
    voter_for,
)
from thidua.ballots.services import sessions, voting
from thidua.ballots.tests.factories import (
    MEETING,
    cast,
    close,
    line,
    open_round,
    question_with,
    session_of,
)
from thidua.org import services as org_services


def flag_session(world):
    session = session_of(world.cluster6)
    return session, open_round(session, question_with(session, [world.dn, world.cq]))


def council_session(world):
    org_services.council_seat_add(
        council=world.council, person=world.cq_person, role="member",
        start_date=dt.date(2022, 1, 1), by=None,
    )  # fmt: skip
    return sessions.session_create(
        by=None, year=2023, title="Phiên họp Hội đồng", council=world.council, meeting_date=MEETING
    )


def test_runners_of_the_cluster_or_its_organiser_open_its_sessions(world):
    for user, allowed in (
        (world.leader_officer, True), (world.secretary, True), (world.admin, True),
        (world.officer, False), (world.outsider, False),
    ):  # fmt: skip
        assert user.has_perm("ballots.add_cluster_session", world.cluster6) is allowed, user
    assert not world.leader_officer.has_perm("ballots.add_cluster_session", world.cluster3)


def test_the_secretariat_of_the_councils_body_opens_its_sessions(world):
    assert world.secretary.has_perm("ballots.add_council_session", world.council)
    assert not world.council_member.has_perm("ballots.add_council_session", world.council)
    assert not world.leader_officer.has_perm("ballots.add_council_session", world.council)


def test_an_officer_votes_only_on_their_own_units_line(world):
    session, _rnd = flag_session(world)
    dn, cq = line(session, world.dn), line(session, world.cq)

    assert world.officer.has_perm("ballots.vote", cq)
    assert not world.officer.has_perm("ballots.vote", dn)
    assert world.leader_officer.has_perm("ballots.vote", dn)
    assert not world.leader_officer.has_perm("ballots.vote", cq)
    assert world.cq_head.has_perm("ballots.vote", cq)
    # A secretariat manages the member units but does not vote in their name.
    assert not world.secretary.has_perm("ballots.vote", cq)
    assert voter_for(user=world.officer, session=session) == cq
    assert voter_for(user=world.secretary, session=session) is None


def test_a_non_member_can_neither_vote_nor_see_the_session(world):
    session, _rnd = flag_session(world)

    assert not world.outsider.has_perm("ballots.vote", line(session, world.cq))
    assert not world.outsider.has_perm("ballots.view_session", session)
    assert voter_for(user=world.outsider, session=session) is None
    assert session not in sessions_for(user=world.outsider)
    assert session in sessions_for(user=world.officer)


def test_a_council_member_votes_on_their_own_line_of_a_council_session(world):
    session = council_session(world)
    member_line = session.voters.get()

    assert world.individual.has_perm("ballots.vote", member_line)
    assert not world.officer.has_perm("ballots.vote", member_line)
    assert world.council_member.has_perm("ballots.view_session", session)
    assert session in sessions_for(user=world.individual)
    assert session in sessions_for(user=world.council_member)
    assert session not in sessions_for(user=world.officer)
    assert world.secretary.has_perm("ballots.run_session", session)


def test_only_runners_run_the_session_and_tell(world):
    session, _rnd = flag_session(world)

    for user, allowed in (
        (world.leader_officer, True), (world.secretary, True), (world.admin, True),
        (world.officer, False), (world.cq_head, False), (world.outsider, False),
    ):  # fmt: skip
        assert user.has_perm("ballots.run_session", session) is allowed, user
        assert user.has_perm("ballots.tell", session) is allowed, user


def test_results_stay_hidden_from_members_until_the_session_closes(world):
    session, rnd = flag_session(world)
    cast(rnd, session, world.cq, world.dn)

    assert not world.leader_officer.has_perm("ballots.view_results", session)
    close(rnd)
    rnd.refresh_from_db()
    # The runner sees a closed round's tally; a member may see the session (403), not results.
    assert world.leader_officer.has_perm("ballots.view_results", session)
    assert round_result_for(user=world.leader_officer, round=rnd) == rnd.result
    assert world.officer.has_perm("ballots.view_session", session)
    assert not world.officer.has_perm("ballots.view_results", session)
    assert round_result_for(user=world.officer, round=rnd) is None

    session = sessions.session_close(session=session, by=None)
    rnd.refresh_from_db()

    assert world.officer.has_perm("ballots.view_results", session)
    assert round_result_for(user=world.officer, round=rnd) == rnd.result
    assert not world.outsider.has_perm("ballots.view_results", session)


def test_progress_counts_who_voted_and_how_never_for_whom(world):
    session, rnd = flag_session(world)
    cast(rnd, session, world.cq, world.dn)
    voting.paper_mark(round=rnd, voter=line(session, world.dn), channel="paper", by=None)

    progress = round_progress(rnd)

    assert progress == {
        "roll": 2, "voted": 2, "not_voted": 0,
        "by_channel": {"online": 1, "paper": 1, "written": 0},
        "sheets_agreed": 0, "sheets_pending": 0,
    }  # fmt: skip


def test_the_open_rounds_of_a_voter_say_whether_they_have_voted(world):
    session, rnd = flag_session(world)

    assert [(r["round"], r["has_voted"]) for r in open_rounds_for(user=world.officer)] == [
        (rnd, False)
    ]
    cast(rnd, session, world.cq, world.dn)

    assert [r["has_voted"] for r in open_rounds_for(user=world.officer)] == [True]
    assert open_rounds_for(user=world.outsider) == []
