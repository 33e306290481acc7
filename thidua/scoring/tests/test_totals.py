"""A card's totals: regular groups apart from bonus and penalty items, exact, nothing capped."""

from fractions import Fraction

from thidua.scoring.models import Scorecard
from thidua.scoring.tests.factories import criteria_table
from thidua.scoring.tests.test_rankings import scorecard
from thidua.scoring.totals import card_totals


def test_the_regular_groups_are_summed_apart_from_bonus_and_penalties(world):
    table = criteria_table(world.cluster6)
    card = scorecard(
        table, world.dn,
        points={"1.1": "25.5", "1.2": "10", "2.1": "10", "B.1": "3", "B.2": "8", "P.1": "2"},
    )  # fmt: skip

    totals = card_totals(card)

    assert totals.groups == {"I": Fraction("35.5"), "II": 10}
    assert totals.regular == Fraction("45.5")
    assert (totals.bonus, totals.penalties) == (11, 2)


def test_the_bonus_is_not_capped_on_the_card(world):
    table = criteria_table(world.cluster6, bonus_cap=5)
    card = scorecard(table, world.dn, points={"B.1": "8", "B.2": "8"})

    assert card_totals(card).bonus == 16


def test_an_unscored_criterion_counts_as_zero(world):
    table = criteria_table(world.cluster6)
    card = scorecard(table, world.dn, points={"1.1": "20", "1.2": None})

    assert card_totals(card).groups == {"I": 20}


def test_the_sums_are_exact(world):
    table = criteria_table(world.cluster6)
    card = scorecard(table, world.dn, points={"1.1": "0.1", "1.2": "0.2"})

    assert card_totals(card).regular == Fraction(3, 10)


def test_prefetched_entries_need_no_further_query(world, django_assert_num_queries):
    table = criteria_table(world.cluster6)
    scorecard(table, world.dn, points={"1.1": "20", "B.1": "2"})
    card = Scorecard.objects.prefetch_related("entries__criterion__group").get(table=table)

    with django_assert_num_queries(0):
        totals = card_totals(card)

    assert (totals.regular, totals.bonus) == (20, 2)
