"""Criterion points and final scores, exact to the last fraction (law.md §c.3)."""

from fractions import Fraction

import pytest

from thidua.scoring.formulas import (
    FinalRule,
    against_target,
    capped_total,
    clamp,
    cluster_relative,
    final_score,
    pass_fail,
    per_occurrence,
)
from thidua.scoring.ranking import Standing, rank


# ---- criterion types ----------------------------------------------------------------------------
def test_a_result_short_of_its_target_earns_points_in_proportion():
    # 46.04 % of documents handled against a 60 % target, on a criterion worth 10 points
    assert against_target(Fraction(4290, 9317) * 100, 60, 10) == Fraction(4290, 9317) * 100 / 6


def test_a_result_beyond_its_target_earns_no_more_than_the_maximum():
    assert against_target(Fraction(1054, 1709) * 100, 60, 10) == 10


def test_a_lower_is_better_target_inverts_the_ratio():
    assert against_target(4, 2, 10, direction="at_most") == 5
    assert against_target(0, 0, 10, direction="at_most") == 10


def test_a_missing_result_earns_nothing():
    assert against_target(None, 60, 10) == 0


def test_the_best_unit_beyond_the_target_gets_full_points_the_others_half_plus_their_share():
    points = cluster_relative({"A": 100, "B": 80, "C": 60}, target=60, max_points=20)
    # A exceeds by 40 (the best), B by 20: half of it; C exactly on target: half the points
    assert points == {"A": 20, "B": 15, "C": 10}


def test_a_unit_short_of_the_target_gets_half_in_proportion_or_nothing_by_policy():
    results = {"A": 90, "B": 30}
    assert cluster_relative(results, target=60, max_points=20)["B"] == 5
    assert cluster_relative(results, target=60, max_points=20, below_target="zero")["B"] == 0


def test_when_every_unit_is_exactly_on_target_all_get_the_full_points():
    assert cluster_relative({"A": 60, "B": 60}, target=60, max_points=20) == {"A": 20, "B": 20}


def test_the_cluster_relative_formula_reads_a_lower_is_better_target_the_other_way():
    points = cluster_relative(
        {"A": 0, "B": 1, "C": 4}, target=2, max_points=10, direction="at_most"
    )
    assert points == {"A": 10, "B": Fraction(15, 2), "C": Fraction(5, 2)}


def test_pass_fail_gives_all_or_nothing():
    assert (pass_fail(True, 5), pass_fail(False, 5)) == (5, 0)


def test_points_per_occurrence_stop_at_the_cap():
    assert per_occurrence(3, 2, cap=5) == 5
    assert per_occurrence(2, 2, cap=5) == 4


def test_a_negative_occurrence_count_is_refused():
    with pytest.raises(ValueError):
        per_occurrence(-1, 2, cap=5)


def test_scores_are_clamped_to_zero_and_the_maximum_and_zero_is_valid():
    assert (clamp(-3, 10), clamp(0, 10), clamp(12, 10)) == (0, 0, 10)


def test_bonus_items_are_capped_and_uncapped_penalties_add_up():
    assert capped_total([10, 5, 3], cap=15) == 15
    assert capped_total([2, 2, 2], cap=None) == 6


# ---- final score --------------------------------------------------------------------------------
def test_the_final_score_is_the_mean_of_the_other_members_cross_scores():
    assert final_score([90, 92, 94, 96]) == 93


def test_trimming_drops_the_highest_and_the_lowest_cross_score():
    rule = FinalRule(trim_extremes=True)
    assert final_score([60, 90, 92, 99], rule=rule) == 91


def test_trimming_needs_at_least_three_cross_scores():
    assert final_score([80, 90], rule=FinalRule(trim_extremes=True)) == 85


def test_the_bonus_is_capped_before_penalties_are_taken_off():
    rule = FinalRule(bonus_cap=10, penalty_cap=None)
    assert final_score([90], bonus=[10, 5], penalties=[2, 1], rule=rule) == 97


def test_a_final_score_never_goes_below_zero_unless_the_policy_allows_it():
    assert final_score([2], penalties=[5]) == 0
    assert final_score([2], penalties=[5], rule=FinalRule(floor_at_zero=False)) == -3


def test_a_final_score_without_cross_scores_is_refused():
    with pytest.raises(ValueError):
        final_score([])


def test_the_bonus_cap_changes_who_ranks_first():
    # B's large bonus would carry it above A; capped at 10 it does not.
    a = final_score([95], bonus=[5])
    b_uncapped = final_score([88], bonus=[15], rule=FinalRule(bonus_cap=None))
    b_capped = final_score([88], bonus=[15], rule=FinalRule(bonus_cap=10))
    uncapped = rank([Standing("A", a), Standing("B", b_uncapped)])
    capped = rank([Standing("A", a), Standing("B", b_capped)])
    assert [r.standing.unit for r in uncapped] == ["B", "A"]
    assert [r.standing.unit for r in capped] == ["A", "B"]


# ---- ranking ------------------------------------------------------------------------------------
def test_a_tie_on_the_final_score_is_broken_by_the_group_i_subtotal():
    standings = [
        Standing("A", Fraction(95), {"group:I": Fraction(60)}),
        Standing("B", Fraction(95), {"group:I": Fraction(62)}),
        Standing("C", Fraction(90), {"group:I": Fraction(65)}),
    ]
    ranked = rank(standings, chain=["group:I"])
    assert [(r.rank, r.standing.unit, r.decided_by) for r in ranked] == [
        (1, "B", None),
        (2, "A", "group:I"),
        (3, "C", "final"),
    ]


def test_fewer_penalties_rank_higher_when_the_chain_says_so():
    standings = [
        Standing("A", Fraction(90), {"penalties": Fraction(2)}),
        Standing("B", Fraction(90), {"penalties": Fraction(1)}),
    ]
    assert [r.standing.unit for r in rank(standings, chain=["penalties"])] == ["B", "A"]


def test_units_equal_on_the_whole_chain_share_a_rank_and_the_next_rank_is_skipped():
    standings = [
        Standing("A", Fraction(95)),
        Standing("B", Fraction(95)),
        Standing("C", Fraction(90)),
    ]
    assert [r.rank for r in rank(standings)] == [1, 1, 3]
