"""Closing rounds: the published tally, re-votes among the tied, figures and the chair."""

from thidua.ballots.models import Ballot, Round, SessionEvent
from thidua.ballots.selectors.sessions import question_outcome
from thidua.ballots.services import rounds, sessions
from thidua.ballots.tests.factories import (
    cast_many,
    close,
    cluster_with_members,
    line,
    open_round,
    question_with,
    refused,
    session_of,
)

SELF = {"self_vote_allowed": True}


def contest(size: int, policy: dict | None = None, figures: dict | None = None):
    """A cluster of `size` members voting on a leading unit between its first two units."""
    cluster, units = cluster_with_members(size)
    session = session_of(cluster, policy={**SELF, **(policy or {})})
    by_unit = {units[i]: f for i, f in (figures or {}).items()}
    question = question_with(session, units[:2], figures=by_unit)
    return session, question, open_round(session, question), units


def ids(rnd, units):
    return [rnd.candidates.get(unit=u).pk for u in units]


def test_closing_a_round_publishes_the_tally_in_the_agreed_shape(world):
    session, _question, rnd, units = contest(5)
    sessions.voter_set_attendance(voter=line(session, units[4]), attendance="absent", by=None)
    cast_many(rnd, session, {units[0]: 3, units[1]: 1}, units)
    a, b = ids(rnd, units[:2])

    result = close(rnd)

    receipts = sorted(Ballot.objects.filter(round=rnd).values_list("receipt", flat=True))
    assert result == {
        "round": 1, "seats": 1, "members_total": 5, "members_present": 4, "ballots_cast": 4,
        "valid_ballots": 4, "invalid_ballots": 0, "base": 5, "base_kind": "members_total",
        "threshold": "gt_half",
        "votes": [
            {"candidate": a, "label": units[0].name, "votes": 3, "percent": "60.00",
             "reached": True},
            {"candidate": b, "label": units[1].name, "votes": 1, "percent": "20.00",
             "reached": False},
        ],
        "elected": [a], "revote_among": [], "chair_among": [], "seats_left": 0,
        "decided_by": {str(a): "votes"}, "receipts": receipts,
    }  # fmt: skip
    rnd.refresh_from_db()
    assert (rnd.status, rnd.result) == (Round.Status.CLOSED, result)
    assert rnd.events.get(action=SessionEvent.Action.ROUND_CLOSED).detail["elected"] == [a]


def test_percent_is_a_share_of_the_base_rounded_half_up(world):
    session, _question, rnd, units = contest(3)
    cast_many(rnd, session, {units[0]: 2, units[1]: 1}, units)

    result = close(rnd)

    assert [row["percent"] for row in result["votes"]] == ["66.67", "33.33"]


def test_nobody_under_the_threshold_is_elected_without_a_tie(world):
    session, question, rnd, units = contest(5)
    cast_many(rnd, session, {units[0]: 2, units[1]: 1}, units)

    result = close(rnd)

    assert (result["elected"], result["revote_among"], result["seats_left"]) == ([], [], 1)
    assert question_outcome(question)["state"] == "settled"
    refused(rounds.revote_open, round=rnd, by=None)


def test_a_tie_calls_a_revote_among_the_tied_for_the_seats_left(world):
    session, question, rnd, units = contest(4)
    cast_many(rnd, session, {units[0]: 2, units[1]: 2}, units)

    result = close(rnd)
    second = rounds.revote_open(round=rnd, by=None, reason="Hai đơn vị bằng phiếu")
    cast_many(second, session, {units[0]: 3, units[1]: 1}, units)
    again = close(second)

    assert set(result["revote_among"]) == set(ids(rnd, units[:2]))
    assert (second.number, second.seats, second.reason) == (2, 1, "Hai đơn vị bằng phiếu")
    assert set(second.candidates.values_list("pk", flat=True)) == set(ids(rnd, units[:2]))
    assert again["elected"] == ids(rnd, units[:1])
    outcome = question_outcome(question)
    assert (outcome["state"], outcome["elected"], outcome["seats_left"]) == (
        "settled", ids(rnd, units[:1]), 0,
    )  # fmt: skip


def test_a_revote_can_be_opened_only_once_per_tied_round(world):
    session, _question, rnd, units = contest(4)
    cast_many(rnd, session, {units[0]: 2, units[1]: 2}, units)
    close(rnd)
    rounds.revote_open(round=rnd, by=None)

    error = refused(rounds.revote_open, round=rnd, by=None)

    assert error.code == "revote_open"


def test_a_tie_that_persists_after_the_revotes_allowed_falls_to_the_final_score(world):
    scores = {0: {"final": "90"}, 1: {"final": "95.5"}}
    session, question, rnd, units = contest(4, {"threshold": "ge_half"}, scores)
    cast_many(rnd, session, {units[0]: 2, units[1]: 2}, units)
    close(rnd)
    second = rounds.revote_open(round=rnd, by=None)
    cast_many(second, session, {units[0]: 2, units[1]: 2}, units)

    result = close(second)

    winner = ids(rnd, units[1:2])
    assert (result["elected"], result["decided_by"]) == (winner, {str(winner[0]): "final"})
    assert question_outcome(question)["elected"] == winner


def test_a_tie_no_figure_settles_is_left_to_the_chair_who_gives_a_reason(world):
    same = {"final": "92", "group:I": "55"}
    session, question, rnd, units = contest(
        4, {"threshold": "ge_half", "max_revotes": 0}, {0: same, 1: same}
    )
    cast_many(rnd, session, {units[0]: 2, units[1]: 2}, units)
    result = close(rnd)
    assert set(result["chair_among"]) == set(ids(rnd, units[:2]))
    assert question_outcome(question)["state"] == "chair_needed"

    chosen = ids(rnd, units[1:2])
    refused(rounds.chair_decide, round=rnd, candidate_ids=chosen, by=None, reason=" ")
    refused(rounds.chair_decide, round=rnd, candidate_ids=ids(rnd, units[:2]), by=None,
            reason="Cả hai")  # fmt: skip
    decision = rounds.chair_decide(
        round=rnd, candidate_ids=chosen, by=world.secretary, reason="Nhiều mô hình mới"
    )

    assert decision["elected"] == chosen
    event = rnd.events.get(action=SessionEvent.Action.CHAIR_DECIDED)
    assert (event.reason, event.by, event.detail["elected"]) == (
        "Nhiều mô hình mới", world.secretary, chosen,
    )  # fmt: skip
    outcome = question_outcome(question)
    assert (outcome["state"], outcome["elected"]) == ("settled", chosen)
    assert outcome["decided_by"] == {str(chosen[0]): "chair"}


def test_the_chair_decision_leaves_the_published_result_as_the_ballots_give_it(world):
    same = {"final": "92"}
    session, _question, rnd, units = contest(
        4, {"threshold": "ge_half", "max_revotes": 0, "tie_break": ["final", "chair"]},
        {0: same, 1: same},
    )  # fmt: skip
    cast_many(rnd, session, {units[0]: 2, units[1]: 2}, units)
    published = close(rnd)

    rounds.chair_decide(round=rnd, candidate_ids=ids(rnd, units[:1]), by=None, reason="Lý do")
    error = refused(
        rounds.chair_decide, round=rnd, candidate_ids=ids(rnd, units[:1]), by=None, reason="x"
    )

    rnd.refresh_from_db()
    assert rnd.result == published == rounds.tally_recompute(rnd)
    assert "chair_decision" not in rnd.result
    assert error.code == "decided"


def test_a_closed_round_cannot_be_closed_again(world):
    _session, _question, rnd, _units = contest(2)
    close(rnd)

    error = refused(close, rnd=rnd)

    assert error.code == "round_closed"


def test_the_recount_equals_the_published_result_after_attendance_changes(world):
    session, _question, rnd, units = contest(5)
    cast_many(rnd, session, {units[0]: 3, units[1]: 1}, units)
    published = close(rnd)

    sessions.voter_set_attendance(voter=line(session, units[4]), attendance="absent", by=None)

    assert rounds.tally_recompute(rnd) == published
