"""Reads for the scorecard pages: the cards a user fills in, one card as a sheet of criteria with
its review rounds and history, and the leader's board of units × scorers.

A scored unit does not open the cross cards about it: it sees only the totals of those already
submitted (on its own card), so no member reads who gave it what while scoring goes on.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.org.scope import path_q, scope_for
from thidua.scoring.computed import Computed, computed_points
from thidua.scoring.models import (
    CriteriaTable,
    Criterion,
    CriterionGroup,
    ReviewComment,
    Scorecard,
    ScoreEntry,
    ScoreEvidence,
)
from thidua.scoring.services.scorecards import EDITABLE, due_on, members_of
from thidua.scoring.totals import CardTotals, card_totals

S = Scorecard.Status
CardKind = Scorecard.Kind
VIEW = "scoring.view_scorecard"
FILL = "scoring.fill_scorecard"
REVIEW = "scoring.review_scorecard"
RUN = "scoring.change_table"
ANSWERED = ("points", "occurrences", "passed", "explanation")


# ---- who sees what ------------------------------------------------------------------------------
def may_open(user: Any, card: Scorecard) -> bool:
    """The scorer, the cluster's leader and, for a self card, the unit itself; a unit never
    opens a cross card about it (it sees the submitted totals only)."""
    if not user.has_perm(VIEW, card):
        return False
    return card.kind == CardKind.SELF or user.has_perm(FILL, card) or user.has_perm(RUN, card.table)


def card_get(*, user: Any, pk: int) -> Scorecard | None:
    card = (
        Scorecard.objects.select_related("table__cluster__organiser", "unit", "scorer")
        .filter(pk=pk)
        .first()
    )
    return card if card is not None and may_open(user, card) else None


def may_fill(user: Any, card: Scorecard) -> bool:
    return card.status in EDITABLE and user.has_perm(FILL, card)


# ---- my cards -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class CardRow:
    card: Scorecard
    due_on: dt.date | None

    @property
    def is_overdue(self) -> bool:
        return (
            self.card.status == S.DRAFT
            and self.due_on is not None
            and timezone.localdate() > self.due_on
        )


def cards_to_fill(*, user: Any) -> list[CardRow]:
    """The cards the user's units fill in (as their officer or head), newest year first."""
    scope = scope_for(user)
    paths = (*scope.officer_paths, *scope.head_paths)
    cards = (
        Scorecard.objects.filter(path_q(paths, "scorer__path"))
        .select_related("table__cluster", "unit", "scorer")
        .order_by("-table__year", "table__cluster__name", "scorer__name", "kind", "unit__name")
    )
    return [CardRow(card, due_on(card)) for card in cards]


# ---- one card -----------------------------------------------------------------------------------
@dataclass
class Line:
    entry: ScoreEntry
    criterion: Criterion
    evidence: list[ScoreEvidence]
    computed: Computed | None = None
    remarks: list[ReviewComment] = field(default_factory=list)


@dataclass
class Group:
    group: CriterionGroup
    lines: list[Line]
    maximum: Decimal
    subtotal: Fraction | None


def card_sheet(card: Scorecard) -> list[Group]:
    """The card's criteria by group, each with its score, files, computed explanation and the
    reviewer's remarks of the current round."""
    # Explicit order: the model's default (by entry, then its card…) loops in the ORM.
    live = (
        ScoreEvidence.objects.filter(removed_at__isnull=True)
        .select_related("uploaded_by")
        .order_by("uploaded_at", "pk")
    )
    entries = list(
        card.entries.select_related("criterion__group", "criterion__indicator")
        .prefetch_related(Prefetch("evidence", queryset=live))
        .order_by("criterion__group__order", "criterion__group__code", "criterion__order", "pk")
    )
    criteria = [e.criterion for e in entries if e.criterion.is_computed]
    computed = (
        computed_points(criteria, members_of(card.table), table=card.table) if criteria else {}
    )
    remarks = defaultdict(list)
    for comment in card.comments.filter(
        review_round=card.review_round, side=ReviewComment.Side.REVIEWER
    ):
        remarks[comment.criterion_id].append(comment)
    totals = card_totals(card)
    groups: dict[int, Group] = {}
    for entry in entries:
        group = entry.criterion.group
        if group.pk not in groups:
            groups[group.pk] = Group(group, [], Decimal(0), _subtotal(totals, group))
        line = Line(entry, entry.criterion, list(entry.evidence.all()))
        line.computed = computed.get((entry.criterion_id, card.unit_id))
        line.remarks = remarks.get(entry.criterion_id, [])
        groups[group.pk].lines.append(line)
        groups[group.pk].maximum += entry.criterion.max_points
    return list(groups.values())


def _subtotal(totals: CardTotals, group: CriterionGroup) -> Fraction | None:
    if group.kind == CriterionGroup.Kind.REGULAR:
        return totals.groups.get(group.code, Fraction(0))
    return totals.bonus if group.kind == CriterionGroup.Kind.BONUS else totals.penalties


def card_summary(card: Scorecard) -> CardTotals:
    return card_totals(card)


def general_remarks(card: Scorecard) -> list[ReviewComment]:
    """The reviewer's remarks of the current round on the card as a whole."""
    return list(
        card.comments.filter(
            review_round=card.review_round,
            side=ReviewComment.Side.REVIEWER,
            criterion__isnull=True,
        )
    )


def review_rounds(card: Scorecard) -> list[dict[str, Any]]:
    """Each round's remarks and the unit's explanations, oldest round first."""
    rounds: dict[int, dict[str, Any]] = {}
    for comment in card.comments.select_related("criterion", "author").order_by(
        "review_round", "created_at", "pk"
    ):
        found = rounds.setdefault(
            comment.review_round, {"number": comment.review_round, "remarks": [], "answers": []}
        )
        side = "remarks" if comment.side == ReviewComment.Side.REVIEWER else "answers"
        found[side].append(comment)
    return list(rounds.values())


def card_events(card: Scorecard) -> QuerySet:
    return card.events.select_related("by").order_by("at", "pk")


def score_history(card: Scorecard, limit: int = 100) -> list[dict[str, Any]]:
    """Score changes of the card, newest first: criterion, old → new, who, when and why."""
    records = (
        ScoreEntry.history.filter(scorecard_id=card.pk)
        .select_related("history_user", "criterion")
        .order_by("id", "history_date", "history_id")
    )
    previous: dict[int, Any] = {}
    rows = []
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        if before is None:
            continue
        for name in ANSWERED:
            old, new = getattr(before, name), getattr(record, name)
            if old != new:
                rows.append(_change(record, name, old, new))
    rows.sort(key=lambda row: row["at"], reverse=True)
    return rows[:limit]


def _change(record: Any, name: str, old: Any, new: Any) -> dict[str, Any]:
    return {
        "at": record.history_date,
        "who": record.history_user,
        "criterion": record.criterion.code,
        "field": ScoreEntry._meta.get_field(name).verbose_name,
        "old": _shown(old),
        "new": _shown(new),
        "reason": record.history_change_reason or "",
    }


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Met") if value else _("Not met")
    return str(value)


def cross_totals_about(card: Scorecard) -> list[Fraction]:
    """What the submitted cross cards gave the unit of this self card, without their scorers,
    highest first."""
    cards = Scorecard.objects.filter(
        table=card.table, unit=card.unit, kind=CardKind.CROSS, status=S.SUBMITTED
    ).prefetch_related(Prefetch("entries", ScoreEntry.objects.select_related("criterion__group")))
    return sorted((card_totals(cross).regular for cross in cards), reverse=True)


# ---- the leader's board -------------------------------------------------------------------------
@dataclass
class BoardRow:
    unit: Any
    own: Scorecard | None
    cells: list[Scorecard | None]


def board(table: CriteriaTable) -> dict[str, Any]:
    """Units (rows) × cross scorers (columns), each cell a card or None (a unit does not
    cross-score itself), with each unit's own card first."""
    cards = list(table.scorecards.select_related("unit", "scorer"))
    units = sorted({c.unit for c in cards}, key=lambda u: (u.name, u.pk))
    scorers = sorted(
        {c.scorer for c in cards if c.kind == CardKind.CROSS}, key=lambda u: (u.name, u.pk)
    )
    by_pair = {(c.unit_id, c.scorer_id): c for c in cards}
    rows = [
        BoardRow(
            unit,
            by_pair.get((unit.pk, unit.pk)),
            [by_pair.get((unit.pk, s.pk)) if s.pk != unit.pk else None for s in scorers],
        )
        for unit in units
    ]
    counts: dict[str, int] = defaultdict(int)
    for c in cards:
        counts[c.status] += 1
    statuses = [(S(value).label, counts[value]) for value in S.values if counts[value]]
    return {"scorers": scorers, "rows": rows, "statuses": statuses, "count": len(cards)}
