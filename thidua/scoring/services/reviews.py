"""Review rounds of a unit's own card (law.md §c.2 step 3): the cluster leader returns it with
remarks, the unit explains (giải trình) and may correct its scores with a reason, the leader
reviews again and accepts, setting points with a reason where needed.

The cluster's policy sets how many times a card may be returned ("review_rounds", 1 or 2; 2 by
default); after the last round the leader must decide. Cross cards have no review: they are final
on submission (the leader may reopen one, services.scorecards.card_reopen).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from thidua.core.audit import actor, save_audited
from thidua.core.errors import DomainError
from thidua.scoring.models import (
    CriteriaTable,
    Criterion,
    ReviewComment,
    Scorecard,
    ScorecardEvent,
    ScoreEntry,
)
from thidua.scoring.services.scorecards import (
    card_move,
    check_cards_open,
    check_move,
    check_points,
    locked,
)

S = Scorecard.Status
Action = ScorecardEvent.Action
Side = ReviewComment.Side
MAX_ROUNDS = 2

Remark = tuple[Criterion | None, str, Decimal | None]
Explanation = tuple[Criterion | None, str]
Adjustment = tuple[ScoreEntry, Decimal, str]


def review_rounds_allowed(table: CriteriaTable) -> int:
    """How many times the cluster lets a card be returned: 1 or 2 (law.md §c.2: two reviews)."""
    value = (table.cluster.policy or {}).get("review_rounds", MAX_ROUNDS)
    try:
        return min(max(int(value), 1), MAX_ROUNDS)
    except (TypeError, ValueError):
        return MAX_ROUNDS


def _self_card(card: Scorecard) -> None:
    if card.kind != Scorecard.Kind.SELF:
        raise DomainError(
            _("Only a unit's own card is reviewed; a cross card is final once submitted."),
            code="kind",
        )


def _of_table(card: Scorecard, criterion: Criterion | None, field: str) -> None:
    if criterion is not None and criterion.group.table_id != card.table_id:
        raise DomainError(
            _("%(criterion)s is not a criterion of this table.") % {"criterion": criterion},
            field=field,
            code="criterion",
        )


def _comment(card: Scorecard, side: str, criterion, text: str, by: Any, proposed=None) -> None:
    comment = ReviewComment(
        scorecard=card, criterion=criterion, review_round=card.review_round, side=side,
        text=text, proposed_points=proposed, author=actor(by),
    )  # fmt: skip
    save_audited(comment, by=by)


@transaction.atomic
def card_return(*, card: Scorecard, by: Any, remarks: Sequence[Remark]) -> Scorecard:
    """Send the unit's card back with remarks (per criterion or on the whole card), each with
    the points the reviewer proposes if any; opens the next review round."""
    card = locked(card)
    check_cards_open(card.table)
    _self_card(card)
    check_move(card, S.RETURNED)
    allowed = review_rounds_allowed(card.table)
    if card.review_round >= allowed:
        raise DomainError(
            _("This card has already been returned %(rounds)s times, as many as the cluster "
              "allows: accept it now, setting the points where needed.") % {"rounds": allowed},
            code="rounds",
        )  # fmt: skip
    checked = []
    for criterion, text, proposed in remarks:
        text = text.strip()
        _of_table(card, criterion, "remarks")
        if proposed is not None:
            if criterion is None:
                raise DomainError(_("Propose points on a criterion."), field="remarks")
            proposed = check_points(criterion, proposed)
            if not text:
                raise DomainError(
                    _("Say why you propose %(points)s points for %(criterion)s.")
                    % {"points": proposed, "criterion": criterion.code},
                    field="remarks",
                    code="remarks",
                )
        if text:
            checked.append((criterion, text, proposed))
    if not checked:
        raise DomainError(
            _("Write at least one remark for the unit to answer."), field="remarks", code="remarks"
        )
    card.review_round += 1
    for criterion, text, proposed in checked:
        _comment(card, Side.REVIEWER, criterion, text, by, proposed)
    return card_move(card, to=S.RETURNED, by=by, action=Action.RETURNED)


@transaction.atomic
def card_explain(*, card: Scorecard, by: Any, explanations: Sequence[Explanation]) -> Scorecard:
    """The unit's answer to the remarks; scores it corrected meanwhile stay with their reasons
    in the history. An answer after the table's due date is marked late on the step."""
    card = locked(card)
    check_cards_open(card.table)
    _self_card(card)
    check_move(card, S.EXPLAINED)
    checked = []
    for criterion, text in explanations:
        _of_table(card, criterion, "explanations")
        if text.strip():
            checked.append((criterion, text.strip()))
    if not checked:
        raise DomainError(
            _("Write your explanation before sending it."), field="explanations", code="empty"
        )
    for criterion, text in checked:
        _comment(card, Side.UNIT, criterion, text, by)
    due = card.table.explanation_due_on
    note = ""
    if due is not None and timezone.localdate() > due:
        note = _("Sent after the due date (%(date)s).") % {
            "date": date_format(due, "SHORT_DATE_FORMAT")
        }
    return card_move(card, to=S.EXPLAINED, by=by, action=Action.EXPLAINED, reason=note)


def _check_answered(card: Scorecard, now: dt.datetime) -> str:
    """A returned card waits for the unit's explanation until the table's due date; after it,
    the leader decides on what the card holds (the step says so)."""
    if card.status != S.RETURNED:
        return ""
    due = card.table.explanation_due_on
    if due is None or timezone.localdate(now) <= due:
        raise DomainError(
            _("The unit has not explained yet. Accept the card after its explanation, or once "
              "the explanation due date has passed."),
            code="awaiting_explanation",
        )  # fmt: skip
    return _("Accepted without an explanation: the due date %(date)s has passed.") % {
        "date": due.strftime("%d/%m/%Y")
    }


@transaction.atomic
def card_accept(
    *,
    card: Scorecard,
    by: Any,
    adjustments: Sequence[Adjustment] = (),
    now: dt.datetime | None = None,
) -> Scorecard:
    """Accept the unit's card; the reviewer may set the points of some criteria, each with a
    reason kept in the history beside the unit's own score."""
    card = locked(card)
    check_cards_open(card.table)
    _self_card(card)
    check_move(card, S.ACCEPTED)
    unanswered = _check_answered(card, now or timezone.now())
    for entry, points, reason in adjustments:
        entry = ScoreEntry.objects.select_related("criterion").get(pk=entry.pk)
        criterion = entry.criterion
        if entry.scorecard_id != card.pk:
            raise DomainError(_("This score belongs to another card."), code="entry")
        if criterion.is_computed:
            raise DomainError(
                _("The points of %(criterion)s are computed from the indicator's accepted "
                  "figures; they cannot be set by hand.") % {"criterion": criterion.code},
                field="adjustments",
                code="computed",
            )  # fmt: skip
        points = check_points(criterion, points)
        if points == entry.points:
            continue
        if not reason.strip():
            raise DomainError(
                _("Say why the points of %(criterion)s change.") % {"criterion": criterion.code},
                field="adjustments",
                code="reason",
            )
        entry.points = points
        save_audited(entry, by=by, reason=reason.strip())
    return card_move(card, to=S.ACCEPTED, by=by, action=Action.ACCEPTED, reason=unanswered)
