"""Reads for the ranking pages: which cards count, what is still missing before a ranking can be
computed, which rounds a viewer may see, and the rows ready for display.

Members see a ranking only once it is published (scoring.view_ranking); the cluster's leader sees
the draft too, so they can check it before publishing (law.md §c.2 step 4)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from thidua.campaigns.selectors.pledges import members_in_year
from thidua.org.models import Unit
from thidua.org.scope import path_q, scope_for
from thidua.org.selectors import clusters_visible_to
from thidua.scoring import policy
from thidua.scoring.models import CriteriaTable, Ranking, RankingRow, Scorecard, ScoreEntry

CARD = Scorecard.Status
# Cross cards are final on submission; a recused or unfinished card never counts.
COUNTED_CROSS = (CARD.SUBMITTED,)
SELF = Scorecard.Kind.SELF


# ---- the cards a ranking is made of ------------------------------------------------------------
@dataclass
class UnitCards:
    unit: Unit
    self_card: Scorecard | None = None
    cross_cards: list[Scorecard] = field(default_factory=list)  # counted ones only


def unit_cards(table: CriteriaTable) -> list[UnitCards]:
    """Each member of the table's year with its self card and its counted cross cards; the entries
    are prefetched so that totals.card_totals runs no query of its own."""
    member_ids = members_in_year(table.cluster, table.year).values("unit_id")
    by_unit = {
        unit.pk: UnitCards(unit) for unit in Unit.objects.filter(pk__in=member_ids).order_by("name")
    }
    entries = ScoreEntry.objects.select_related("criterion__group")
    cards = (
        table.scorecards.filter(unit_id__in=list(by_unit))
        .filter(Q(kind=SELF) | Q(kind=Scorecard.Kind.CROSS, status__in=COUNTED_CROSS))
        .prefetch_related(Prefetch("entries", queryset=entries))
        .order_by("pk")
    )
    for card in cards:
        if card.kind == SELF:
            by_unit[card.unit_id].self_card = card
        else:
            by_unit[card.unit_id].cross_cards.append(card)
    return list(by_unit.values())


def missing_items(table: CriteriaTable, cards: list[UnitCards] | None = None) -> list[str]:
    """What stops the ranking, one sentence per unit and gap; empty when it can be computed."""
    cards = unit_cards(table) if cards is None else cards
    if not cards:
        return [_("The cluster has no member units in %(year)s.") % {"year": table.year}]
    missing = []
    for item in cards:
        name = item.unit.name
        if item.self_card is None:
            missing.append(_("%(unit)s has no self-scoring card.") % {"unit": name})
        elif item.self_card.status != CARD.ACCEPTED:
            missing.append(
                _("The self-scoring of %(unit)s is not accepted yet (now: %(status)s).")
                % {"unit": name, "status": item.self_card.get_status_display()}
            )
        if not item.cross_cards:
            missing.append(_("%(unit)s has no submitted cross-scoring yet.") % {"unit": name})
    return missing


# ---- which rankings a viewer sees --------------------------------------------------------------
def runs_rankings(user: Any, table: CriteriaTable) -> bool:
    """The leader's side (compute, publish, see drafts): the publish permission of the table."""
    return user.has_perm("scoring.publish_ranking", Ranking(table=table))


def ranking_rounds(*, table: CriteriaTable, user: Any) -> list[Ranking]:
    """Every round of the table the viewer may see, newest first."""
    rounds = table.rankings.select_related("published_by").order_by("-round")
    if not runs_rankings(user, table):
        rounds = rounds.exclude(status=Ranking.Status.DRAFT)
    return [r for r in rounds if user.has_perm("scoring.view_ranking", r)]


def ranking_current(*, table: CriteriaTable, user: Any) -> Ranking | None:
    """The ranking to show first: for members the latest published one; for the leader the draft
    being prepared if there is one, else the published one."""
    rounds = [r for r in ranking_rounds(table=table, user=user) if r.status != "superseded"]
    return rounds[0] if rounds else None


def rankings_for(*, user: Any) -> QuerySet[Ranking]:
    """Rankings of the clusters the user may see: drafts only for those who run the cluster."""
    scope = scope_for(user)
    rankings = Ranking.objects.select_related("table__cluster").order_by(
        "-table__year", "table__cluster__number", "-round"
    )
    if scope.is_admin:
        return rankings
    runs = Q(table__cluster_id__in=scope.cluster_ids) | path_q(
        scope.secretariat_paths, "table__cluster__organiser__path"
    )
    visible = rankings.filter(table__cluster__in=clusters_visible_to(user))
    return visible.filter(runs | ~Q(status=Ranking.Status.DRAFT))


# ---- display -----------------------------------------------------------------------------------
def shown(value: Decimal | str | None) -> str:
    """A stored score without trailing zeros, in the viewer's number format (85,5 in Vietnamese)."""
    if value is None:
        return "—"
    text = format(Decimal(value), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return number_format(Decimal(text), use_l10n=True)


def decided_words(key: str) -> str:
    """Why a unit with the same final score as the unit above it is placed below (the tie-break
    key that separated them), in words; nothing when the final scores differ."""
    if key.startswith(policy.GROUP_PREFIX):
        return _(
            "Same final score as the unit above, which has the higher group %(code)s score."
        ) % {"code": key.removeprefix(policy.GROUP_PREFIX)}
    if key == policy.PENALTIES:
        return _("Same final score as the unit above, which has fewer penalty points.")
    if key == policy.SELF:
        return _("Same final score as the unit above, which has the higher self-score.")
    return ""


@dataclass(frozen=True)
class RowView:
    row: RankingRow
    figures: dict[str, str]  # final, cross_mean, bonus, penalties, self_score, shown
    groups: list[str]
    decided: str
    shared: bool


FIGURES = ("final_score", "cross_mean", "bonus", "penalties", "self_score")


def ranking_rows(ranking: Ranking, codes: list[str]) -> list[RowView]:
    rows = list(ranking.rows.select_related("unit").order_by("rank", "unit__name"))
    ranks = [row.rank for row in rows]
    views = []
    for row in rows:
        shared = ranks.count(row.rank) > 1
        decided = _("Shared rank: equal on every figure.") if shared else ""
        if not shared and row.decided_by:
            decided = decided_words(row.decided_by)
        groups = [shown(row.group_scores.get(code)) for code in codes]
        figures = {name: shown(getattr(row, name)) for name in FIGURES}
        views.append(RowView(row, figures, groups, decided, shared))
    return views


def ranking_chart(rows: list[RowView]) -> dict[str, Any]:
    """The data the bar chart script draws (the same figures are in the table beside it)."""
    return {
        "labels": [view.row.unit.name for view in rows],
        "values": [float(view.row.final_score) for view in rows],
        "label": _("Final score"),
    }
