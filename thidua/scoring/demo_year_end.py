"""Cluster 6's 2023 year-end in the demo: the criteria table, self and cross scorecards, one
review round with an explanation, and the published ranking (figures in demo_plan)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import DateTimeField, ExpressionWrapper, F
from django.utils import timezone

from thidua.campaigns.demo_data import at
from thidua.org.models import Cluster, Unit
from thidua.scoring import demo_plan as plan
from thidua.scoring.models import (
    CriteriaTable,
    Criterion,
    Ranking,
    Scorecard,
    ScorecardEvent,
    ScoreEntry,
)
from thidua.scoring.services import rankings, reviews, scorecards, tables

OFFICERS = {
    "BTC-DUKDN": "donvi_dukdn",
    "CTCCB-BCA": "donvi_bca",
    "CTC-TCCT": "donvi_tcct",
    "CCB-TCCT": "donvi_ccb",
}
HALF = Decimal("0.5")


def to_half(value: Decimal) -> Decimal:
    """Scorers give points in halves."""
    return (value / HALF).quantize(Decimal(1), rounding=ROUND_HALF_UP) * HALF


class YearEnd:
    def __init__(self, cluster: Cluster, created: Counter[str]) -> None:
        self.cluster, self.created = cluster, created
        users = get_user_model().objects.in_bulk(
            ["cumtruong6", *OFFICERS.values()], field_name="username"
        )
        self.leader = users.get("cumtruong6")
        self.officers = {code: users.get(name) for code, name in OFFICERS.items()}

    def officer(self, unit: Unit) -> Any:
        return self.officers.get(unit.code)

    # ---- the table ------------------------------------------------------------------------
    def table(self) -> CriteriaTable:
        table = tables.table_create(
            cluster=self.cluster, year=plan.YEAR, title=plan.TITLE, by=self.leader,
            bonus_cap=Decimal(10),
            self_due_on=plan.SELF_DUE, cross_due_on=plan.CROSS_DUE,
            explanation_due_on=plan.EXPLANATION_DUE,
        )  # fmt: skip
        for code, title, kind, criteria in plan.TABLE:
            group = tables.group_save(
                table=table, by=self.leader, code=code, title=title, kind=kind
            )
            for c_code, c_title, c_kind, top, each in criteria:
                tables.criterion_save(
                    group=group, by=self.leader, code=c_code, title=c_title, kind=c_kind,
                    max_points=Decimal(top), points_each=Decimal(each) if each else None,
                )  # fmt: skip
        # The chain names groups, so it is set once they exist.
        tables.table_update(table=table, by=self.leader, tie_break=["group:I", "penalties"])
        self.created["criteria tables"] += 1
        return table

    # ---- the cards --------------------------------------------------------------------------
    def answers(self, card: Scorecard) -> dict[int, dict[str, Any]]:
        code = card.unit.code
        level = Decimal(plan.LEVEL[code])
        if card.kind == Scorecard.Kind.SELF:
            level += Decimal(plan.SELF_OPTIMISM)
        else:  # peers differ a little: -0.5, 0 or +0.5 point by scorer
            level += Decimal((card.scorer_id % 3) - 1) / 100
        found: dict[int, dict[str, Any]] = {}
        for entry in card.entries.select_related("criterion__group"):
            found[entry.pk] = self.answer(entry.criterion, code, min(level, Decimal(1)))
        return found

    @staticmethod
    def answer(criterion: Criterion, code: str, level: Decimal) -> dict[str, Any]:
        group = criterion.group.code
        if criterion.kind == Criterion.Kind.PASS_FAIL:
            return {"passed": True}
        if criterion.kind == Criterion.Kind.PER_OCCURRENCE:
            count = plan.LATE_REPORTS.get(code, 0) if group == "TR" else plan.MODELS[code]
            return {"occurrences": count}
        if group == "T":
            return {"points": Decimal(plan.BONUS.get(code, {}).get(criterion.code, "0"))}
        return {"points": to_half(level * criterion.max_points)}

    def fill_and_submit(self, table: CriteriaTable) -> list[Scorecard]:
        cards = scorecards.cards_ensure(table=table, by=self.leader)
        for card in cards:
            by = self.officer(card.scorer)
            scorecards.entries_record(card=card, by=by, answers=self.answers(card))
            due = plan.SELF_DUE if card.kind == Scorecard.Kind.SELF else plan.CROSS_DUE
            scorecards.card_submit(card=card, by=by, now=at(due - dt.timedelta(days=1)))
        self.created["scorecards"] += len(cards)
        return cards

    def review(self, cards: list[Scorecard]) -> None:
        """The leader accepts every self card; one goes back once for an explanation."""
        for card in cards:
            if card.kind != Scorecard.Kind.SELF:
                continue
            card.refresh_from_db()
            if card.unit.code == plan.RETURNED_FOR_EXPLANATION:
                self.review_with_explanation(card)
            else:
                reviews.card_accept(card=card, by=self.leader)

    def review_with_explanation(self, card: Scorecard) -> None:
        entry = card.entries.get(criterion__code="1.1")
        proposed = entry.points - Decimal(1)
        reviews.card_return(
            card=card, by=self.leader,
            remarks=[(entry.criterion, "Đề nghị đơn vị bổ sung minh chứng về các văn bản tham "
                      "mưu cấp ủy đã được ban hành trong năm.", proposed)],
        )  # fmt: skip
        card.refresh_from_db()
        reviews.card_explain(
            card=card, by=self.officer(card.unit),
            explanations=[(entry.criterion, "Đơn vị đã bổ sung danh mục văn bản tham mưu; "
                           "một số đề án chuyển sang quý I năm sau.")],
        )  # fmt: skip
        card.refresh_from_db()
        entry.refresh_from_db()
        reviews.card_accept(
            card=card, by=self.leader,
            adjustments=[(entry, proposed, "Điều chỉnh sau giải trình: một đề án chưa xong.")],
        )  # fmt: skip

    # ---- the ranking --------------------------------------------------------------------------
    def ranking(self, table: CriteriaTable) -> Ranking:
        ranking = rankings.ranking_compute(table=table, by=self.leader)
        ranking = rankings.ranking_publish(ranking=ranking, by=self.leader)
        Ranking.objects.filter(pk=ranking.pk).update(
            computed_at=at(plan.PUBLISHED_ON, 8), published_at=at(plan.PUBLISHED_ON)
        )
        self.created["rankings"] += 1
        return ranking

    def date_events(self, table: CriteriaTable) -> None:
        """The steps happened in December 2023, not on the day the demo was loaded."""
        for event in ScorecardEvent.objects.filter(scorecard__table=table).select_related(
            "scorecard"
        ):
            day = {
                ScorecardEvent.Action.SUBMITTED: plan.SELF_DUE - dt.timedelta(days=1),
                ScorecardEvent.Action.RETURNED: plan.CROSS_DUE,
                ScorecardEvent.Action.EXPLAINED: plan.EXPLANATION_DUE - dt.timedelta(days=1),
            }.get(event.action, plan.EXPLANATION_DUE)
            ScorecardEvent.objects.filter(pk=event.pk).update(at=at(day))
        # The audit trail too, moved back as a block so that its order is kept.
        shift = timezone.now() - at(plan.SELF_DUE - dt.timedelta(days=2))
        moved = ExpressionWrapper(F("history_date") - shift, output_field=DateTimeField())
        ScoreEntry.history.filter(scorecard__table=table).update(history_date=moved)
        Scorecard.history.filter(table=table).update(history_date=moved)

    def run(self) -> Ranking:
        table = self.table()
        cards = self.fill_and_submit(table)
        self.review(cards)
        self.date_events(table)
        return self.ranking(table)
