"""Who may see and do what in year-end scoring (django-rules predicates), in one place.

Objects: a CriteriaTable (run/view the cluster's year), a Scorecard (score, review, view) and a
Ranking (view: members only once published)."""

import rules

from thidua.org.permissions import (
    cluster_has_visible_member,
    heads_unit,
    is_officer_of_unit,
    is_system_admin,
    runs_cluster,
    serves_cluster,
)
from thidua.scoring.models import CriteriaTable, Ranking, Scorecard


# ---- criteria tables (object: the table) -------------------------------------------------------
@rules.predicate
def runs_table_cluster(user, table: CriteriaTable) -> bool:
    return serves_cluster(user, table.cluster) or runs_cluster(user, table.cluster)


@rules.predicate
def sees_table_cluster(user, table: CriteriaTable) -> bool:
    return cluster_has_visible_member(user, table.cluster)


rules.add_perm("scoring.change_table", is_system_admin | runs_table_cluster)
rules.add_perm("scoring.view_table", is_system_admin | runs_table_cluster | sees_table_cluster)


# ---- scorecards (object: the card) -------------------------------------------------------------
@rules.predicate
def scores_for_card_scorer(user, card: Scorecard) -> bool:
    """The scoring unit's officer or head fills the card in."""
    return is_officer_of_unit(user, card.scorer) or heads_unit(user, card.scorer)


@rules.predicate
def is_scored_unit_staff(user, card: Scorecard) -> bool:
    return is_officer_of_unit(user, card.unit) or heads_unit(user, card.unit)


@rules.predicate
def runs_card_cluster(user, card: Scorecard) -> bool:
    return runs_table_cluster(user, card.table)


rules.add_perm("scoring.fill_scorecard", scores_for_card_scorer)
# The leader's officer is often also their own unit's officer: nobody reviews their own card.
rules.add_perm(
    "scoring.review_scorecard", is_system_admin | (runs_card_cluster & ~is_scored_unit_staff)
)
# A unit sees the cards about it only once they are submitted (checked by the selector), and
# the cards it fills in; the leader sees every card.
rules.add_perm(
    "scoring.view_scorecard",
    is_system_admin | runs_card_cluster | scores_for_card_scorer | is_scored_unit_staff,
)


# ---- rankings (object: the ranking) ------------------------------------------------------------
@rules.predicate
def runs_ranking_cluster(user, ranking: Ranking) -> bool:
    return runs_table_cluster(user, ranking.table)


@rules.predicate
def is_published(user, ranking: Ranking) -> bool:
    return ranking.status != Ranking.Status.DRAFT


@rules.predicate
def sees_ranking_cluster(user, ranking: Ranking) -> bool:
    return sees_table_cluster(user, ranking.table)


rules.add_perm("scoring.publish_ranking", is_system_admin | runs_ranking_cluster)
rules.add_perm(
    "scoring.view_ranking",
    is_system_admin | runs_ranking_cluster | (is_published & sees_ranking_cluster),
)
