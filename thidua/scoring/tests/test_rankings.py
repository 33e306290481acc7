"""The year-end ranking: computed from accepted self cards and counted cross cards, published
once, replaced only by a new round with a reason."""

from decimal import Decimal

import pytest
from django.utils import translation

from thidua.core.audit import save_audited
from thidua.core.errors import DomainError
from thidua.scoring.models import Criterion, Ranking, Scorecard, ScoreEntry
from thidua.scoring.selectors.rankings import ranking_current, rankings_for
from thidua.scoring.services.rankings import ranking_compute, ranking_new_round, ranking_publish
from thidua.scoring.tests.factories import criteria_table, member_with_officer

CARD = Scorecard.Status


# ---- builders shared with the other ranking tests ----------------------------------------------
def scorecard(table, unit, *, scorer=None, status=None, points: dict) -> Scorecard:
    """A card with the given points by criterion code (its own status; no service involved)."""
    scorer = scorer or unit
    kind = Scorecard.Kind.SELF if scorer == unit else Scorecard.Kind.CROSS
    card = Scorecard(table=table, unit=unit, scorer=scorer, kind=kind)
    card.status = status or (CARD.ACCEPTED if kind == Scorecard.Kind.SELF else CARD.SUBMITTED)
    save_audited(card, by=None)
    for code, value in points.items():
        criterion = Criterion.objects.get(group__table=table, code=code)
        points = None if value is None else Decimal(str(value))
        save_audited(ScoreEntry(scorecard=card, criterion=criterion, points=points), by=None)
    return card


def regular(total: int) -> dict:
    """Points adding up to `total` (at most 70) over groups I (50) and II (20)."""
    first = min(total, 30)
    second = min(total - first, 20)
    return {"1.1": first, "1.2": second, "2.1": total - first - second}


def cross(table, unit, scorer, total: int, **kwargs) -> Scorecard:
    return scorecard(table, unit, scorer=scorer, points=regular(total), **kwargs)


def ready_pair(world, *, dn=60, cq=50, dn_bonus=(), cq_bonus=(), **policy):
    """Cluster 6's table with dn and cq each scored by the other and self cards accepted."""
    table = criteria_table(world.cluster6, **policy)
    for unit, bonus in ((world.dn, dn_bonus), (world.cq, cq_bonus)):
        scorecard(table, unit, points=dict(zip(("B.1", "B.2"), bonus, strict=False)))
    cross(table, world.dn, world.cq, dn)
    cross(table, world.cq, world.dn, cq)
    return table


def rows_of(ranking: Ranking) -> list[tuple]:
    return [(r.unit.code, r.rank, r.final_score) for r in ranking.rows.order_by("rank", "unit")]


def order(ranking: Ranking) -> list:
    return [row.unit for row in ranking.rows.order_by("rank", "unit__name")]


# ---- computing ---------------------------------------------------------------------------------
def test_the_bonus_cap_keeps_first_the_unit_an_uncapped_bonus_would_overtake(world):
    table = ready_pair(world, dn=60, cq=50, dn_bonus=(2,), cq_bonus=(8, 8), bonus_cap=10)

    ranking = ranking_compute(table=table, by=world.leader_officer)

    assert order(ranking) == [world.dn, world.cq]
    cq_row = ranking.rows.get(unit=world.cq)
    assert (cq_row.final_score, cq_row.bonus) == (Decimal("60"), Decimal("10"))


def test_without_a_cap_the_larger_bonus_comes_first(world):
    table = ready_pair(world, dn=60, cq=50, dn_bonus=(2,), cq_bonus=(8, 8), bonus_cap=None)

    ranking = ranking_compute(table=table, by=world.leader_officer)

    assert order(ranking) == [world.cq, world.dn]
    assert ranking.rows.get(unit=world.cq).final_score == Decimal("66")


def test_trimming_leaves_out_the_highest_and_the_lowest_cross_score(world):
    x, _ = member_with_officer(world.cluster6, "Đơn vị X")
    y, _ = member_with_officer(world.cluster6, "Đơn vị Y")
    table = criteria_table(world.cluster6, trim_extremes=True)
    units = [world.dn, world.cq, x, y]
    for unit in units:
        scorecard(table, unit, points={})
    for scorer, total in ((world.cq, 60), (x, 40), (y, 10)):
        cross(table, world.dn, scorer, total)
    for unit in units[1:]:
        cross(table, unit, world.dn, 30)

    row = ranking_compute(table=table, by=world.leader_officer).rows.get(unit=world.dn)

    assert (row.cross_mean, row.final_score, row.cross_count) == (40, 40, 3)


def test_without_trimming_every_counted_cross_score_is_in_the_mean(world):
    x, _ = member_with_officer(world.cluster6, "Đơn vị X")
    table = criteria_table(world.cluster6, trim_extremes=False)
    for unit in (world.dn, world.cq, x):
        scorecard(table, unit, points={})
    cross(table, world.dn, world.cq, 60)
    cross(table, world.dn, x, 10)
    cross(table, world.cq, world.dn, 30)
    cross(table, x, world.dn, 30)
    scorecard(table, world.cq, scorer=x, points={"1.1": "0.5"})

    rows = ranking_compute(table=table, by=world.leader_officer).rows

    assert rows.get(unit=world.dn).cross_mean == Decimal("35")
    assert rows.get(unit=world.cq).cross_mean == Decimal("15.25")


def test_a_tie_on_the_final_score_goes_to_the_higher_group_i_score(world):
    table = criteria_table(world.cluster6, tie_break=["group:I"])
    scorecard(table, world.dn, points={})
    scorecard(table, world.cq, points={})
    scorecard(table, world.dn, scorer=world.cq, points={"1.1": 20, "1.2": 10, "2.1": 10, "2.2": 10})
    scorecard(table, world.cq, scorer=world.dn, points={"1.1": 30, "1.2": 10, "2.1": 10})

    ranking = ranking_compute(table=table, by=world.leader_officer)

    second = ranking.rows.get(unit=world.dn)
    assert order(ranking) == [world.cq, world.dn]
    assert (second.rank, second.decided_by) == (2, "group:I")
    assert second.group_scores == {"I": "30.0000", "II": "20.0000"}


def test_units_equal_on_every_figure_share_a_rank(world):
    table = ready_pair(world, dn=50, cq=50, tie_break=["penalties"])

    ranking = ranking_compute(table=table, by=world.leader_officer)

    assert sorted((r.rank, r.decided_by) for r in ranking.rows.all()) == [(1, ""), (1, "")]


def test_penalties_are_taken_off_the_mean(world):
    table = ready_pair(world, dn=60, cq=50)
    ScoreEntry.objects.filter(
        scorecard__unit=world.dn, scorecard__kind="self", criterion__code="B.1"
    ).delete()
    scorecard_self = Scorecard.objects.get(table=table, unit=world.dn, kind="self")
    save_audited(
        ScoreEntry(
            scorecard=scorecard_self,
            criterion=Criterion.objects.get(group__table=table, code="P.1"),
            points=Decimal("4.5"),
        ),
        by=None,
    )

    row = ranking_compute(table=table, by=world.leader_officer).rows.get(unit=world.dn)

    assert (row.final_score, row.penalties) == (Decimal("55.5"), Decimal("4.5"))


def test_the_ranking_is_refused_with_the_list_of_what_is_missing(world):
    table = criteria_table(world.cluster6)
    scorecard(table, world.dn, points={})
    scorecard(table, world.cq, points={}, status=CARD.SUBMITTED)
    cross(table, world.dn, world.cq, 60, status=CARD.DRAFT)
    cross(table, world.cq, world.dn, 60)

    with translation.override("en"), pytest.raises(DomainError) as refused:
        ranking_compute(table=table, by=world.leader_officer)

    assert refused.value.code == "not_ready"
    submitted = "Submitted"
    assert set(refused.value.messages) == {
        f"{world.dn.name} has no submitted cross-scoring yet.",
        f"The self-scoring of {world.cq.name} is not accepted yet (now: {submitted}).",
    }
    assert not Ranking.objects.exists()


def test_a_recused_cross_card_does_not_count(world):
    x, _ = member_with_officer(world.cluster6, "Đơn vị X")
    table = criteria_table(world.cluster6)
    for unit in (world.dn, world.cq, x):
        scorecard(table, unit, points={})
        cross(table, unit, world.cq if unit != world.cq else world.dn, 60)
    cross(table, world.dn, x, 0, status=CARD.RECUSED)

    row = ranking_compute(table=table, by=world.leader_officer).rows.get(unit=world.dn)

    assert (row.cross_count, row.cross_mean) == (1, 60)


def test_computing_again_replaces_the_drafts_rows(world):
    table = ready_pair(world, dn=60, cq=50)
    first = ranking_compute(table=table, by=world.leader_officer)
    ScoreEntry.objects.filter(scorecard__unit=world.cq, scorecard__kind="cross").update(points=30)

    again = ranking_compute(table=table, by=world.leader_officer)

    assert again.pk == first.pk
    assert [(row.unit, row.final_score) for row in again.rows.order_by("rank")] == [
        (world.cq, Decimal("90")),
        (world.dn, Decimal("60")),
    ]


# ---- publishing and new rounds -----------------------------------------------------------------
def test_a_published_ranking_is_never_computed_again(world):
    table = ready_pair(world, dn=60, cq=50)
    ranking = ranking_publish(
        ranking=ranking_compute(table=table, by=world.leader_officer), by=world.leader_officer
    )
    before = rows_of(ranking)
    ScoreEntry.objects.filter(scorecard__unit=world.cq, scorecard__kind="cross").update(points=30)

    with pytest.raises(DomainError) as refused:
        ranking_compute(table=table, by=world.leader_officer)

    assert refused.value.code == "published"
    assert rows_of(ranking) == before


def test_publishing_records_who_and_when(world):
    table = ready_pair(world)

    ranking = ranking_publish(
        ranking=ranking_compute(table=table, by=world.leader_officer), by=world.leader_officer
    )

    ranking.refresh_from_db()
    assert ranking.status == Ranking.Status.PUBLISHED
    assert ranking.published_by == world.leader_officer
    assert ranking.published_at is not None


def test_publishing_twice_is_refused(world):
    ranking = ranking_compute(table=ready_pair(world), by=world.leader_officer)
    ranking_publish(ranking=ranking, by=world.leader_officer)

    with pytest.raises(DomainError) as refused:
        ranking_publish(ranking=ranking, by=world.leader_officer)

    assert refused.value.code == "transition"


def test_a_draft_whose_scores_changed_since_it_was_computed_cannot_be_published(world):
    table = ready_pair(world, dn=60, cq=50)
    ranking = ranking_compute(table=table, by=world.leader_officer)
    ScoreEntry.objects.filter(scorecard__unit=world.cq, scorecard__kind="cross").update(points=30)

    with pytest.raises(DomainError) as refused:
        ranking_publish(ranking=ranking, by=world.leader_officer)

    assert refused.value.code == "stale"
    assert Ranking.objects.get(pk=ranking.pk).status == Ranking.Status.DRAFT


def test_a_new_round_needs_a_reason(world):
    table = ready_pair(world)
    ranking_publish(
        ranking=ranking_compute(table=table, by=world.leader_officer), by=world.leader_officer
    )

    with pytest.raises(DomainError) as refused:
        ranking_new_round(table=table, by=world.leader_officer, reason="  ")

    assert refused.value.field == "reason"
    assert Ranking.objects.get().status == Ranking.Status.PUBLISHED


def test_a_new_round_replaces_the_published_ranking_and_keeps_it_on_record(world):
    table = ready_pair(world, dn=60, cq=50)
    first = ranking_publish(
        ranking=ranking_compute(table=table, by=world.leader_officer), by=world.leader_officer
    )
    before = rows_of(first)
    ScoreEntry.objects.filter(scorecard__unit=world.cq, scorecard__kind="cross").update(points=30)

    second = ranking_new_round(
        table=table, by=world.leader_officer, reason="Khiếu nại về điểm chấm chéo được chấp nhận"
    )

    first.refresh_from_db()
    assert (first.status, rows_of(first)) == (Ranking.Status.SUPERSEDED, before)
    assert (second.round, second.status) == (2, Ranking.Status.DRAFT)
    assert second.reason == "Khiếu nại về điểm chấm chéo được chấp nhận"
    assert order(second) == [world.cq, world.dn]
    assert first.history.first().history_change_reason == second.reason


def test_a_new_round_is_refused_while_nothing_is_published(world):
    table = ready_pair(world)
    ranking_compute(table=table, by=world.leader_officer)

    with pytest.raises(DomainError) as refused:
        ranking_new_round(table=table, by=world.leader_officer, reason="Sửa điểm")

    assert refused.value.code == "draft_exists"


# ---- who sees what -----------------------------------------------------------------------------
def test_members_see_only_the_published_ranking_and_the_leader_sees_the_draft(world):
    table = ready_pair(world)
    draft = ranking_compute(table=table, by=world.leader_officer)

    assert ranking_current(table=table, user=world.officer) is None
    assert ranking_current(table=table, user=world.leader_officer) == draft
    ranking_publish(ranking=draft, by=world.leader_officer)
    assert ranking_current(table=table, user=world.officer) == draft


def test_the_list_hides_drafts_from_members_and_rankings_of_other_clusters(world):
    table = ready_pair(world)
    draft = ranking_compute(table=table, by=world.leader_officer)

    assert list(rankings_for(user=world.leader_officer)) == [draft]
    assert list(rankings_for(user=world.officer)) == []
    ranking_publish(ranking=draft, by=world.leader_officer)
    assert list(rankings_for(user=world.officer)) == [draft]
    assert list(rankings_for(user=world.outsider)) == []
