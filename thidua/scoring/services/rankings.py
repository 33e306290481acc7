"""The cluster's year-end ranking: computed as a draft, published by the leader, never edited
afterwards. A correction is a new round with its reason; the old round stays, marked replaced
(law.md §c.2 step 4: the cluster's ranking is approved and published at the year-end meeting).

The arithmetic is formulas.final_score and ranking.rank; this module only gathers the cards,
stores the rows and moves the ranking through its statuses."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.campaigns.figures import rounded
from thidua.core.audit import save_audited
from thidua.core.errors import DomainError
from thidua.scoring import policy
from thidua.scoring.formulas import FinalRule, capped_total, final_score
from thidua.scoring.models import CriteriaTable, Ranking, RankingRow
from thidua.scoring.ranking import Standing, rank
from thidua.scoring.selectors.rankings import UnitCards, missing_items, unit_cards
from thidua.scoring.totals import CardTotals, card_totals

S = Ranking.Status
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.PUBLISHED},
    S.PUBLISHED: {S.SUPERSEDED},
    S.SUPERSEDED: set(),
}
PLACES = 4


# ---- the rows ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Scored:
    """One unit's figures before ranking (exact)."""

    cards: UnitCards
    final: Fraction
    cross_mean: Fraction
    bonus: Fraction
    penalties: Fraction
    self_score: Fraction
    groups: dict[str, Fraction]

    def standing(self) -> Standing:
        figures = {f"{policy.GROUP_PREFIX}{code}": value for code, value in self.groups.items()}
        figures |= {policy.PENALTIES: self.penalties, policy.SELF: self.self_score}
        return Standing(str(self.cards.unit.pk), self.final, figures)


def _mean_of_groups(cross: list[CardTotals]) -> dict[str, Fraction]:
    codes = sorted({code for totals in cross for code in totals.groups})
    return {
        code: sum((t.groups.get(code, Fraction(0)) for t in cross), Fraction(0)) / len(cross)
        for code in codes
    }


def _scored(item: UnitCards, rule: FinalRule) -> _Scored:
    own = card_totals(item.self_card)
    cross = [card_totals(card) for card in item.cross_cards]
    regular = [totals.regular for totals in cross]
    # The mean the final score starts from (trimmed when the rule trims), without bonus/penalty.
    mean_rule = FinalRule(trim_extremes=rule.trim_extremes, bonus_cap=None, floor_at_zero=False)
    return _Scored(
        cards=item,
        final=final_score(regular, bonus=[own.bonus], penalties=[own.penalties], rule=rule),
        cross_mean=final_score(regular, rule=mean_rule),
        bonus=capped_total([own.bonus], rule.bonus_cap),
        penalties=capped_total([own.penalties], rule.penalty_cap),
        self_score=own.regular,
        groups=_mean_of_groups(cross),
    )


def _decimal(value: Fraction) -> Decimal:
    return rounded(value, PLACES)


def ranking_rows_computed(table: CriteriaTable) -> list[RankingRow]:
    """The rows a ranking of the table would hold now (unsaved), best first; refused with the
    list of what is missing unless every self card is accepted and every unit has a cross score."""
    cards = unit_cards(table)
    missing = missing_items(table, cards)
    if missing:
        raise DomainError(missing, code="not_ready")
    rule = policy.final_rule(table)
    scored = {str(item.unit.pk): _scored(item, rule) for item in cards}
    ranked = rank([s.standing() for s in scored.values()], policy.tie_chain(table))
    rows = []
    for place in ranked:
        s = scored[place.standing.unit]
        rows.append(
            RankingRow(
                unit=s.cards.unit,
                rank=place.rank,
                final_score=_decimal(s.final),
                self_score=_decimal(s.self_score),
                cross_mean=_decimal(s.cross_mean),
                cross_count=len(s.cards.cross_cards),
                bonus=_decimal(s.bonus),
                penalties=_decimal(s.penalties),
                group_scores={code: str(_decimal(v)) for code, v in s.groups.items()},
                decided_by=place.decided_by or "",
            )
        )
    return rows


def _store_rows(ranking: Ranking, rows: list[RankingRow]) -> None:
    ranking.rows.all().delete()
    for row in rows:
        row.ranking = ranking
    RankingRow.objects.bulk_create(rows)


def _signature(rows: Any) -> list[tuple]:
    return sorted(
        (r.unit_id, r.rank, r.final_score, r.cross_mean, r.bonus, r.penalties, r.decided_by)
        for r in rows
    )


# ---- the workflow ------------------------------------------------------------------------------
def _locked_table(table: CriteriaTable) -> CriteriaTable:
    """Serialises computing, publishing and new rounds of one table."""
    return CriteriaTable.objects.select_for_update().get(pk=table.pk)


def _move(ranking: Ranking, *, to: str, by: Any, reason: str = "") -> Ranking:
    """The one place a ranking's status changes."""
    if to not in TRANSITIONS[ranking.status]:
        if ranking.status == S.PUBLISHED:
            message = _("This ranking is already published; it can no longer change.")
        elif ranking.status == S.SUPERSEDED:
            message = _("This ranking was replaced by a new round; it can no longer change.")
        else:
            message = _("A draft ranking must be published before a new round can replace it.")
        raise DomainError(message, code="transition")
    ranking.status = to
    if to == S.PUBLISHED:
        ranking.published_at, ranking.published_by = timezone.now(), by
    save_audited(ranking, by=by, reason=reason)
    return ranking


@transaction.atomic
def ranking_compute(*, table: CriteriaTable, by: Any) -> Ranking:
    """Compute the table's draft ranking (round 1 the first time); again replaces the draft's rows.
    A published ranking is never recomputed: a change is a new round (ranking_new_round)."""
    table = _locked_table(table)
    ranking = table.rankings.filter(status=S.DRAFT).first()
    if ranking is None and table.rankings.exists():
        raise DomainError(
            _("The ranking is already published and cannot be computed again. Start a new "
              "round and give the reason."),
            code="published",
        )  # fmt: skip
    rows = ranking_rows_computed(table)
    ranking = ranking or Ranking(table=table, round=1)
    ranking.computed_at = timezone.now()
    save_audited(ranking, by=by, reason=_("Computed from the scorecards."))
    _store_rows(ranking, rows)
    return ranking


@transaction.atomic
def ranking_publish(*, ranking: Ranking, by: Any) -> Ranking:
    """Publish the draft: members see it from now on and its rows never change again.

    Refused when the scorecards changed after the draft was computed (a card reopened, a review
    decided), so nobody publishes figures other than the ones they checked."""
    _locked_table(ranking.table)
    ranking = Ranking.objects.select_related("table").get(pk=ranking.pk)
    if ranking.status == S.DRAFT:
        fresh = ranking_rows_computed(ranking.table)
        if _signature(fresh) != _signature(ranking.rows.all()):
            raise DomainError(
                _("The scores changed after this ranking was computed. Compute it again, check "
                  "it, then publish it."),
                code="stale",
            )  # fmt: skip
    return _move(ranking, to=S.PUBLISHED, by=by)


@transaction.atomic
def ranking_new_round(*, table: CriteriaTable, by: Any, reason: str) -> Ranking:
    """Replace the published ranking by a new draft round, computed from the cards as they are
    now. The reason is kept on the new round and in the old one's history."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            _("Give the reason for a new round of the ranking."), field="reason", code="reason"
        )
    table = _locked_table(table)
    if table.rankings.filter(status=S.DRAFT).exists():
        raise DomainError(
            _("A new round is already being prepared: compute it again or publish it."),
            code="draft_exists",
        )
    published = table.rankings.filter(status=S.PUBLISHED).first()
    if published is None:
        raise DomainError(
            _("There is no published ranking to replace yet."), code="nothing_published"
        )
    rows = ranking_rows_computed(table)
    _move(published, to=S.SUPERSEDED, by=by, reason=reason)
    latest = table.rankings.aggregate(latest=Max("round"))["latest"] or 0
    ranking = Ranking(table=table, round=latest + 1, reason=reason, computed_at=timezone.now())
    save_audited(ranking, by=by, reason=reason)
    _store_rows(ranking, rows)
    return ranking
