"""Thresholds, bases, tie-breaks and candidate gates of a secret ballot (law.md §c.4 [U]).

Plain pytest: the rules module imports nothing from Django, so these tests touch no database.
"""

import ast
import json
from fractions import Fraction
from pathlib import Path

import pytest

from thidua.ballots.rules import (
    BASES,
    THRESHOLDS,
    Contender,
    Count,
    Outcome,
    Policy,
    base_size,
    decide,
    gate,
    merit_seats,
    reaches,
)

SIZES = {"members_total": 10, "members_present": 8, "valid_ballots": 6}


def count(votes: dict[str, int], seats: int = 1, total: int = 10, present: int = 8, valid=6, **kw):
    return Count(
        votes=votes,
        seats=seats,
        members_total=total,
        members_present=present,
        valid_ballots=valid,
        **kw,
    )


def contenders(**finals_and_groups) -> list[Contender]:
    """contenders(A=(90, 50), B=(85, 55)) → figures "final" and "group:I" as fractions."""
    return [
        Contender(key, {"final": Fraction(final), "group:I": Fraction(group)})
        for key, (final, group) in finals_and_groups.items()
    ]


def test_the_rules_module_imports_nothing_from_django_or_the_apps():
    tree = ast.parse((Path(__file__).parents[1] / "rules.py").read_text())
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not {name for name in imported if name.startswith(("django", "thidua"))}


# ---- every threshold on every base ---------------------------------------------------------------
# base 10 (all members), 8 (present or voting in writing), 6 (valid ballots):
# the fewest votes that reach each threshold, worked out by hand.
NEEDED = {
    ("gt_half", "members_total"): 6,
    ("gt_half", "members_present"): 5,
    ("gt_half", "valid_ballots"): 4,
    ("ge_half", "members_total"): 5,
    ("ge_half", "members_present"): 4,
    ("ge_half", "valid_ballots"): 3,
    ("ge_two_thirds", "members_total"): 7,
    ("ge_two_thirds", "members_present"): 6,
    ("ge_two_thirds", "valid_ballots"): 4,
    ("ge_90", "members_total"): 9,
    ("ge_90", "members_present"): 8,
    ("ge_90", "valid_ballots"): 6,
}


def test_the_table_covers_every_threshold_on_every_base():
    assert set(NEEDED) == {(t, b) for t in THRESHOLDS for b in BASES}


@pytest.mark.parametrize(("threshold", "base"), sorted(NEEDED))
def test_a_candidate_is_elected_from_the_fewest_votes_that_reach_the_threshold(threshold, base):
    policy = Policy(threshold=threshold, ballot_base=base)
    needed = NEEDED[threshold, base]
    outcome = decide(count({"A": needed, "B": 0}), [], policy)
    assert outcome.base == SIZES[base]
    assert outcome.elected == ("A",)
    assert outcome.decided_by == {"A": "votes"}


@pytest.mark.parametrize(("threshold", "base"), sorted(NEEDED))
def test_one_vote_fewer_elects_nobody(threshold, base):
    policy = Policy(threshold=threshold, ballot_base=base)
    outcome = decide(count({"A": NEEDED[threshold, base] - 1, "B": 0}), [], policy)
    assert (outcome.elected, outcome.reached, outcome.seats_left) == ((), (), 1)
    assert (outcome.revote_among, outcome.chair_among) == ((), ())


@pytest.mark.parametrize("base", BASES)
def test_the_base_is_the_size_the_policy_names(base):
    policy = Policy(ballot_base=base)
    assert base_size(policy, members_total=10, members_present=8, valid_ballots=6) == SIZES[base]


@pytest.mark.parametrize("threshold", THRESHOLDS)
def test_nothing_reaches_a_threshold_of_an_empty_base(threshold):
    assert not reaches(0, 0, threshold)


def test_an_unknown_threshold_is_refused():
    with pytest.raises(ValueError, match="majority"):
        reaches(3, 5, "majority")


def test_two_thirds_is_compared_exactly_not_as_a_rounded_percentage():
    # 66.67 % would round up to two thirds; 2 of 3 is exactly two thirds, 666 of 1000 is not.
    assert reaches(2, 3, "ge_two_thirds")
    assert not reaches(666, 1000, "ge_two_thirds")
    assert reaches(667, 1000, "ge_two_thirds")


# ---- an absent member (the worked case of the brief) ---------------------------------------------
def test_an_absent_member_leaves_the_leader_short_of_more_than_half_of_all_members():
    votes = count({"A": 3, "B": 2, "C": 1}, total=7, present=6, valid=6)
    outcome = decide(votes, [], Policy(ballot_base="members_total", threshold="gt_half"))
    assert outcome.base == 7
    assert outcome.elected == ()
    assert outcome.seats_left == 1


def test_the_same_votes_elect_the_leader_on_half_of_those_present():
    votes = count({"A": 3, "B": 2, "C": 1}, total=7, present=6, valid=6)
    outcome = decide(votes, [], Policy(ballot_base="members_present", threshold="ge_half"))
    assert outcome.base == 6
    assert outcome.elected == ("A",)


# ---- ties among those reaching the threshold -----------------------------------------------------
# Six present, "at least half of those present": 3 votes each reach it.
REACHING = dict(ballot_base="members_present", threshold="ge_half")


def tied_pair(revotes_done: int = 0) -> Count:
    return count({"A": 3, "B": 3}, total=6, present=6, valid=6, revotes_done=revotes_done)


def test_a_tie_for_the_last_seat_first_calls_for_a_revote_among_the_tied():
    outcome = decide(tied_pair(), contenders(A=(90, 50), B=(85, 55)), Policy(**REACHING))
    assert outcome.reached == ("A", "B")
    assert outcome.elected == ()
    assert outcome.revote_among == ("A", "B")
    assert outcome.seats_left == 1


def test_a_tie_that_persists_after_the_revote_falls_to_the_final_score():
    outcome = decide(tied_pair(1), contenders(A=(85, 50), B=(90, 40)), Policy(**REACHING))
    assert outcome.elected == ("B",)
    assert outcome.decided_by == {"B": "final"}
    assert outcome.revote_among == ()
    assert outcome.seats_left == 0


def test_equal_final_scores_fall_to_the_group_i_score():
    outcome = decide(tied_pair(1), contenders(A=(90, 58), B=(90, 52)), Policy(**REACHING))
    assert outcome.elected == ("A",)
    assert outcome.decided_by == {"A": "group:I"}


def test_equal_scores_everywhere_leave_the_decision_to_the_chair():
    outcome = decide(tied_pair(1), contenders(A=(90, 58), B=(90, 58)), Policy(**REACHING))
    assert outcome.elected == ()
    assert outcome.chair_among == ("A", "B")
    assert outcome.seats_left == 1


def test_a_policy_allowing_two_revotes_calls_for_a_second_one():
    policy = Policy(max_revotes=2, **REACHING)
    outcome = decide(tied_pair(1), contenders(A=(85, 50), B=(90, 40)), policy)
    assert outcome.revote_among == ("A", "B")
    assert outcome.elected == ()


def test_a_policy_without_revotes_goes_straight_to_the_scores():
    policy = Policy(max_revotes=0, **REACHING)
    outcome = decide(tied_pair(), contenders(A=(85, 50), B=(90, 40)), policy)
    assert outcome.elected == ("B",)


def test_a_score_step_is_skipped_when_a_tied_candidate_has_no_such_figure():
    tied = [Contender("A", {"group:I": Fraction(50)}), Contender("B", {"final": Fraction(99)})]
    outcome = decide(tied_pair(1), tied, Policy(**REACHING))
    assert outcome.chair_among == ("A", "B")


def test_fewer_penalties_win_a_penalties_step():
    policy = Policy(tie_break=("penalties",), **REACHING)
    tied = [Contender("A", {"penalties": Fraction(3)}), Contender("B", {"penalties": Fraction(1)})]
    assert decide(tied_pair(), tied, policy).decided_by == {"B": "penalties"}


def test_figures_given_as_text_compare_as_exact_numbers():
    tied = [Contender("A", {"final": "93.50"}), Contender("B", {"final": "93.5000001"})]
    assert decide(tied_pair(1), tied, Policy(**REACHING)).elected == ("B",)


def test_a_tie_the_whole_chain_cannot_break_elects_nobody():
    policy = Policy(tie_break=("final",), **REACHING)
    outcome = decide(tied_pair(), contenders(A=(90, 1), B=(90, 2)), policy)
    assert (outcome.elected, outcome.revote_among, outcome.chair_among) == ((), (), ())
    assert outcome.seats_left == 1


# ---- ties under the threshold -------------------------------------------------------------------
# Seven members, "more than half of all members": 3 votes do not reach it.
def under_threshold_tie(revotes_done: int = 0) -> Count:
    return count({"A": 3, "B": 3, "C": 1}, total=7, present=7, valid=7, revotes_done=revotes_done)


def test_a_tie_at_the_top_below_the_threshold_still_calls_for_a_revote():
    outcome = decide(under_threshold_tie(), contenders(A=(90, 1), B=(80, 1), C=(70, 1)), Policy())
    assert outcome.reached == ()
    assert outcome.revote_among == ("A", "B")


def test_a_tie_break_winner_under_the_threshold_is_not_elected_when_the_threshold_binds():
    figures = contenders(A=(90, 1), B=(80, 1), C=(70, 1))
    outcome = decide(under_threshold_tie(1), figures, Policy(tie_winner_needs_threshold=True))
    assert outcome.elected == ()
    assert outcome.chair_among == ()  # the chair cannot lift anyone over the threshold either
    assert outcome.seats_left == 1


def test_a_tie_break_winner_under_the_threshold_is_elected_when_the_policy_allows_it():
    figures = contenders(A=(90, 1), B=(80, 1), C=(70, 1))
    outcome = decide(under_threshold_tie(1), figures, Policy(tie_winner_needs_threshold=False))
    assert outcome.elected == ("A",)
    assert outcome.decided_by == {"A": "final"}


def test_without_a_tie_nobody_under_the_threshold_is_elected():
    outcome = decide(count({"A": 3, "B": 2, "C": 2}, total=7, present=7, valid=7), [], Policy())
    assert (outcome.elected, outcome.revote_among, outcome.chair_among) == ((), (), ())


def test_a_shared_count_is_no_tie_when_there_are_seats_enough_for_all_who_share_it():
    outcome = decide(count({"A": 2, "B": 2, "C": 1}, seats=2, total=7), [], Policy())
    assert (outcome.elected, outcome.revote_among, outcome.seats_left) == ((), (), 2)


# ---- several seats (units proposed for a Bằng khen) ----------------------------------------------
def merit_count(votes: dict[str, int], seats: int = 2, revotes_done: int = 0) -> Count:
    return count(votes, seats=seats, total=7, present=7, valid=7, revotes_done=revotes_done)


def test_several_seats_are_filled_in_order_of_votes():
    outcome = decide(merit_count({"A": 4, "B": 6, "C": 5, "D": 1}), [], Policy())
    assert outcome.reached == ("B", "C", "A")
    assert outcome.elected == ("B", "C")
    assert outcome.seats_left == 0


def test_a_tie_for_the_second_of_two_seats_seats_the_first_and_revotes_on_the_rest():
    outcome = decide(merit_count({"A": 6, "B": 5, "C": 5, "D": 2}), [], Policy())
    assert outcome.reached == ("A", "B", "C")
    assert outcome.elected == ("A",)
    assert outcome.revote_among == ("B", "C")
    assert outcome.seats_left == 1


def test_the_revote_for_the_last_seat_elects_whoever_reaches_the_threshold():
    outcome = decide(merit_count({"B": 5, "C": 2}, seats=1, revotes_done=1), [], Policy())
    assert outcome.elected == ("B",)


def test_scores_seat_the_better_of_three_tied_and_the_group_i_score_the_next():
    figures = contenders(A=(85, 40), B=(90, 10), C=(85, 45))
    outcome = decide(merit_count({"A": 5, "B": 5, "C": 5}, revotes_done=1), figures, Policy())
    assert outcome.elected == ("B", "C")
    assert outcome.decided_by == {"B": "final", "C": "group:I"}


def test_too_few_reaching_the_threshold_leaves_the_other_seats_empty():
    outcome = decide(merit_count({"A": 5, "B": 3, "C": 2}), [], Policy())
    assert outcome.elected == ("A",)
    assert outcome.seats_left == 1
    assert outcome.revote_among == ()


def test_a_tie_under_the_threshold_for_a_seat_left_over_calls_for_a_revote():
    outcome = decide(merit_count({"A": 5, "B": 3, "C": 3}), [], Policy())
    assert outcome.elected == ("A",)
    assert outcome.revote_among == ("B", "C")


def test_a_contender_missing_from_the_votes_counts_zero():
    outcome = decide(count({"A": 6}), [Contender("A"), Contender("Z")], Policy())
    assert outcome.elected == ("A",)


def test_negative_votes_are_refused():
    with pytest.raises(ValueError):
        decide(count({"A": -1}), [], Policy())


def test_an_outcome_is_plain_json():
    outcome = decide(merit_count({"A": 6, "B": 5, "C": 5}), [], Policy())
    assert isinstance(outcome, Outcome)
    assert json.loads(json.dumps(outcome.to_dict())) == {
        "base": 7,
        "reached": ["A", "B", "C"],
        "elected": ["A"],
        "revote_among": ["B", "C"],
        "chair_among": [],
        "seats_left": 1,
        "decided_by": {"A": "votes"},
    }


# ---- merit seats ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("max_merit_units", "members", "seats"),
    [(None, 5, 2), (None, 6, 3), (None, 1, 0), (3, 7, 3), (10, 4, 4), (0, 8, 0)],
)
def test_merit_seats_are_half_the_members_unless_the_policy_says_otherwise(
    max_merit_units, members, seats
):
    assert merit_seats(Policy(max_merit_units=max_merit_units), members) == seats


# ---- candidate gate ------------------------------------------------------------------------------
def finals(**scores) -> list[Contender]:
    return [Contender(key, {"final": Fraction(score)}) for key, score in scores.items()]


def test_a_candidate_below_the_minimum_score_cannot_stand():
    field = finals(A=92, B=80, C="79.99")
    admitted, refused = gate(field, Policy(min_final_score=Fraction(80)))
    assert [c.key for c in admitted] == ["A", "B"]
    assert [(c.key, reason) for c, reason in refused] == [("C", "below_min_score")]


def test_only_the_top_k_by_final_score_may_stand_and_a_tie_at_k_keeps_all_the_tied():
    field = finals(A=92, B=88, C=88, D=70)
    admitted, refused = gate(field, Policy(top_k=2))
    assert [c.key for c in admitted] == ["A", "B", "C"]
    assert [(c.key, reason) for c, reason in refused] == [("D", "outside_top_k")]


def test_a_candidate_with_no_final_score_fails_a_gate_that_is_set():
    field = [*finals(A=92), Contender("B")]
    assert gate(field, Policy(top_k=5))[1][0][0].key == "B"
    assert gate(field, Policy(min_final_score=Fraction(0)))[1][0][1] == "below_min_score"


def test_without_a_gate_everyone_may_stand():
    field = [*finals(A=92), Contender("B")]
    assert gate(field, Policy()) == (field, [])


# ---- policy from and to JSON ---------------------------------------------------------------------
def test_no_policy_gives_the_defaults_of_law_md():
    policy = Policy.from_dict(None)
    assert policy == Policy.from_dict({}) == Policy()
    assert policy.tie_break == ("revote", "final", "group:I", "chair")
    assert (policy.ballot_base, policy.threshold) == ("members_total", "gt_half")
    assert (policy.max_flags, policy.max_merit_units) == (1, None)


def test_a_policy_survives_a_trip_through_json():
    policy = Policy(
        ballot_base="valid_ballots",
        threshold="ge_two_thirds",
        tie_break=("final", "penalties", "chair"),
        min_final_score=Fraction(175, 2),
        top_k=3,
        max_merit_units=2,
    )
    data = json.loads(json.dumps(policy.to_dict()))
    assert data["min_final_score"] == "87.5"
    assert data["tie_break"] == ["final", "penalties", "chair"]
    assert Policy.from_dict(data) == policy


@pytest.mark.parametrize(
    ("value", "expected"),
    [("80.5", Fraction(161, 2)), (80, 80), (87.1, Fraction(871, 10)), ("262/3", Fraction(262, 3))],
)
def test_a_minimum_score_is_read_exactly(value, expected):
    assert Policy.from_dict({"min_final_score": value}).min_final_score == expected


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"quorum": 3}, "quorum"),
        ({"threshold": ">50%"}, "threshold"),
        ({"ballot_base": "everyone"}, "ballot_base"),
        ({"self_vote_allowed": "no"}, "self_vote_allowed"),
        ({"max_revotes": -1}, "max_revotes"),
        ({"max_revotes": True}, "max_revotes"),
        ({"max_flags": 0}, "max_flags"),
        ({"max_merit_units": "2"}, "max_merit_units"),
        ({"top_k": 0}, "top_k"),
        ({"min_final_score": "eighty"}, "min_final_score"),
        ({"min_final_score": [80]}, "min_final_score"),
        ({"tie_break": "revote"}, "tie_break"),
        ({"tie_break": ["revote", ""]}, "tie_break"),
        ({"tie_break": ["final", "final"]}, "tie_break"),
        ({"tie_break": ["chair", "final"]}, "tie_break"),
        ({"tie_winner_needs_threshold": 1}, "tie_winner_needs_threshold"),
    ],
)
def test_a_bad_setting_is_refused_naming_it(data, named):
    with pytest.raises(ValueError, match=named):
        Policy.from_dict(data)


def test_a_policy_that_is_not_an_object_is_refused():
    with pytest.raises(ValueError, match="object"):
        Policy.from_dict(["gt_half"])
