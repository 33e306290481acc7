"""Writes to scorecards: make the year's cards, record scores and evidence, submit, recuse, reopen.

Each member scores itself on every criterion (self card, bonus and penalty items included) and
the cross scorers score the others on the regular groups (law.md §c.2 step 3). Every score change
goes through the audit trail; once a card has been submitted a change needs a reason, and the
history keeps the old value beside it. A page saves with the card's `revision` it showed, so two
people filling the same card never overwrite each other unknowingly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from thidua.campaigns.figures import rounded
from thidua.campaigns.selectors.pledges import members_in_year
from thidua.campaigns.services.evidence import store_checked
from thidua.core.audit import actor, save_audited
from thidua.core.errors import DomainError
from thidua.org.models import ClusterLeadership, Unit
from thidua.scoring.computed import answered_points, computed_points
from thidua.scoring.models import (
    CriteriaTable,
    Criterion,
    CriterionGroup,
    Ranking,
    Scorecard,
    ScorecardEvent,
    ScoreEntry,
    ScoreEvidence,
)

S = Scorecard.Status
CardKind = Scorecard.Kind
K = Criterion.Kind
Action = ScorecardEvent.Action
# The one table of moves. Review moves (return, explain, accept) live in reviews.py and go
# through `card_move` as well.
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED, S.RECUSED},
    S.SUBMITTED: {S.RETURNED, S.ACCEPTED, S.DRAFT},
    S.RETURNED: {S.EXPLAINED, S.ACCEPTED},  # accepted without an answer: reviews.card_accept
    S.EXPLAINED: {S.RETURNED, S.ACCEPTED},
    S.ACCEPTED: set(),
    S.RECUSED: set(),
}
# Scores may change while the scorer fills the card in, and while a self card is back with its
# unit for explanation.
EDITABLE = {S.DRAFT, S.RETURNED}
CENT = Decimal("0.01")


class ScorecardConflict(DomainError):
    """Someone saved the card since the page was opened."""


class EntriesRefused(DomainError):
    """Several scores of one save were refused: `by_entry` maps an entry pk to its refusal."""

    def __init__(self, by_entry: dict[int, DomainError]):
        super().__init__(_("Some scores were not accepted: see the messages beside them."))
        self.by_entry = by_entry


# ---- checks -------------------------------------------------------------------------------------
def check_cards_open(table: CriteriaTable) -> None:
    """A published ranking rests on the cards as they are: they stay so until a new round."""
    if table.rankings.filter(status=Ranking.Status.PUBLISHED).exists():
        raise DomainError(
            _("The ranking has been published: scorecards can no longer change. The cluster "
              "leader may open a new ranking round."),
            code="published",
        )  # fmt: skip


def check_editable(card: Scorecard) -> None:
    if card.status not in EDITABLE:
        raise DomainError(
            _("A card that is %(status)s cannot be changed.")
            % {"status": card.get_status_display().lower()},
            code="locked",
        )


def check_revision(card: Scorecard, expected_revision: int | None) -> None:
    if expected_revision is not None and expected_revision != card.revision:
        raise ScorecardConflict(
            _("Someone saved this card while you were editing it. What you typed is still in "
              "the form: check the card and save again."),
            code="conflict",
        )  # fmt: skip


def check_points(criterion: Criterion, points: Any) -> Decimal:
    """A typed score: a number from zero to the criterion's maximum, in hundredths. Refused
    otherwise, never silently clamped, so the scorer knows what was kept."""
    try:
        number = Decimal(str(points).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        number = Decimal("NaN")
    if not number.is_finite():
        raise DomainError(_("Enter a number of points."), field="points", code="points")
    if number < 0 or number > criterion.max_points:
        raise DomainError(
            _("%(criterion)s takes from 0 to %(max)s points (zero is a valid score).")
            % {"criterion": criterion.code, "max": _plain(criterion.max_points)},
            field="points",
            code="range",
        )
    if number != number.quantize(CENT):
        raise DomainError(_("Use at most two decimal places."), field="points", code="points")
    return number.quantize(CENT)


def _plain(value: Decimal) -> str:
    return str(value.quantize(Decimal(1)) if value == value.to_integral_value() else value)


def locked(card: Scorecard) -> Scorecard:
    return (
        Scorecard.objects.select_for_update()
        .select_related("table__cluster", "unit", "scorer")
        .get(pk=card.pk)
    )


# ---- the one guarded move -----------------------------------------------------------------------
def check_move(card: Scorecard, to: str) -> None:
    if to not in TRANSITIONS[card.status]:
        raise DomainError(
            _("A card that is %(current)s cannot become %(to)s.")
            % {"current": S(card.status).label.lower(), "to": S(to).label.lower()},
            code="transition",
        )


def card_move(card: Scorecard, *, to: str, by: Any, action: str, reason: str = "") -> Scorecard:
    """Move a locked card to `to` and record the step; every status change goes through here."""
    check_move(card, to)
    card.status = to
    card.revision += 1
    save_audited(card, by=by, reason=reason, clean=False)
    ScorecardEvent.objects.create(
        scorecard=card, action=action, review_round=card.review_round, reason=reason[:500],
        by=actor(by),
    )  # fmt: skip
    return card


# ---- the year's cards ---------------------------------------------------------------------------
def members_of(table: CriteriaTable) -> list[Unit]:
    units = members_in_year(table.cluster, table.year).values("unit_id")
    return list(Unit.objects.filter(pk__in=units).order_by("name", "pk"))


def cross_pairs(table: CriteriaTable, units: list[Unit]) -> list[tuple[Unit, Unit]]:
    """(unit scored, scorer) of the year's cross cards, by the table's policy."""
    scorers = units
    if table.cross_scorers == CriteriaTable.CrossScorers.LEADERSHIP:
        seats = ClusterLeadership.objects.filter(cluster=table.cluster, year=table.year)
        seated = {seat.unit_id for seat in seats}
        scorers = [unit for unit in units if unit.pk in seated]
        if not scorers:
            raise DomainError(
                _("Name the cluster leader and deputy of %(year)s first: they cross-score the "
                  "members.") % {"year": table.year},
                code="no_leadership",
            )  # fmt: skip
    return [(unit, scorer) for scorer in scorers for unit in units if unit.pk != scorer.pk]


def _on_card(card: Scorecard, criterion: Criterion) -> bool:
    """Bonus and penalty items are declared by the unit itself, on its own card only."""
    return card.kind == CardKind.SELF or criterion.group.kind == CriterionGroup.Kind.REGULAR


@transaction.atomic
def cards_ensure(*, table: CriteriaTable, by: Any) -> list[Scorecard]:
    """The year's cards with an entry for each of their criteria; running it again adds only
    what is missing (a unit that joined, a criterion added) and refreshes computed points."""
    check_cards_open(table)
    units = members_of(table)
    if not units:
        raise DomainError(
            _("%(cluster)s has no member units in %(year)s.")
            % {"cluster": table.cluster, "year": table.year},
            code="no_members",
        )
    wanted = [(unit, unit, CardKind.SELF) for unit in units]
    wanted += [(unit, scorer, CardKind.CROSS) for unit, scorer in cross_pairs(table, units)]
    cards = {(c.unit_id, c.scorer_id): c for c in table.scorecards.all()}
    for unit, scorer, kind in wanted:
        if (unit.pk, scorer.pk) not in cards:
            card = Scorecard(table=table, unit=unit, scorer=scorer, kind=kind)
            save_audited(card, by=by)
            cards[(unit.pk, scorer.pk)] = card
    _ensure_entries(table, list(cards.values()), by=by)
    refresh_computed(table=table, cards=list(cards.values()), by=by, units=units)
    return sorted(cards.values(), key=lambda c: (c.unit.name, c.kind != CardKind.SELF, c.pk))


def _ensure_entries(table: CriteriaTable, cards: list[Scorecard], *, by: Any) -> None:
    criteria = list(Criterion.objects.filter(group__table=table).select_related("group"))
    pairs = ScoreEntry.objects.filter(scorecard__table=table)
    have = set(pairs.values_list("scorecard_id", "criterion_id"))
    new = [
        ScoreEntry(scorecard=card, criterion=criterion)
        for card in cards
        for criterion in criteria
        if _on_card(card, criterion) and (card.pk, criterion.pk) not in have
    ]
    if new:
        # Thousands of rows for a large cluster: one insert, with their history rows.
        bulk_create_with_history(new, ScoreEntry, default_user=actor(by))


def refresh_computed(
    *, table: CriteriaTable, cards: Iterable[Scorecard], by: Any, units: list[Unit] | None = None
) -> None:
    """Write the computed criteria's points into the cards still being filled in; a submitted
    card keeps the points it was submitted with."""
    open_ids = [card.pk for card in cards if card.status in EDITABLE]
    entries = list(
        ScoreEntry.objects.filter(
            scorecard_id__in=open_ids, criterion__kind__in=(K.TARGET, K.CLUSTER_RELATIVE)
        ).select_related("criterion", "scorecard")
    )
    if not entries:
        return
    criteria = {entry.criterion_id: entry.criterion for entry in entries}.values()
    computed = computed_points(criteria, units or members_of(table), table=table)
    for entry in entries:
        found = computed.get((entry.criterion_id, entry.scorecard.unit_id))
        points = found.stored if found is not None else Decimal(0)
        if entry.points != points:
            entry.points = points
            save_audited(entry, by=by, reason=_("Computed from the accepted figures"))


# ---- scores -------------------------------------------------------------------------------------
def _answer(
    criterion: Criterion, *, points: Any, occurrences: int | None, passed: bool | None
) -> tuple[Decimal | None, int | None, bool | None]:
    """(points, occurrences, passed) to store for what the scorer typed."""
    if criterion.is_computed:
        raise DomainError(
            _("The points of %(criterion)s are computed from the indicator's accepted figures; "
              "they cannot be typed.") % {"criterion": criterion.code},
            field="points",
            code="computed",
        )  # fmt: skip
    if criterion.kind == K.PASS_FAIL:
        found = answered_points(criterion, passed=passed)
        return (None if found is None else rounded(found, 2)), None, passed
    if criterion.kind == K.PER_OCCURRENCE:
        if occurrences is not None and (int(occurrences) != occurrences or occurrences < 0):
            raise DomainError(
                _("The number of times is a whole number, zero or more."),
                field="occurrences",
                code="occurrences",
            )
        found = answered_points(criterion, occurrences=occurrences)
        return (None if found is None else rounded(found, 2)), occurrences, None
    return (None if points is None else check_points(criterion, points)), None, None


def record_locked(
    card: Scorecard,
    entry: ScoreEntry,
    *,
    by: Any,
    points: Any = None,
    occurrences: int | None = None,
    passed: bool | None = None,
    explanation: str = "",
    reason: str = "",
) -> bool:
    """Record one score on a card the caller has locked and checked; True when it changed."""
    criterion = entry.criterion
    if not _on_card(card, criterion):
        raise DomainError(
            _("Bonus and penalty items are declared on the unit's own card only."), code="kind"
        )
    values = _answer(criterion, points=points, occurrences=occurrences, passed=passed)
    explanation = explanation.strip()
    if (*values, explanation) == (entry.points, entry.occurrences, entry.passed, entry.explanation):
        return False
    reason = reason.strip()
    if card.submitted_at is not None and not reason:
        raise DomainError(
            _("This card has been submitted: say why the score changes."),
            field="reason",
            code="reason",
        )
    entry.points, entry.occurrences, entry.passed = values
    entry.explanation = explanation
    save_audited(entry, by=by, reason=reason)
    # The revision is only a lock token: no history row for it.
    Scorecard.objects.filter(pk=card.pk).update(revision=F("revision") + 1)
    card.revision += 1
    return True


@transaction.atomic
def entry_record(
    *,
    entry: ScoreEntry,
    by: Any,
    points: Decimal | None = None,
    occurrences: int | None = None,
    passed: bool | None = None,
    explanation: str = "",
    reason: str = "",
    expected_revision: int | None = None,
) -> ScoreEntry:
    """Record the score of one criterion (points for a graded item, met or not, a number of
    times); zero is a valid score, more than the maximum is refused."""
    card = locked(entry.scorecard)
    check_revision(card, expected_revision)
    check_cards_open(card.table)
    check_editable(card)
    entry = ScoreEntry.objects.select_related("criterion__group").get(pk=entry.pk)
    record_locked(
        card, entry, by=by, points=points, occurrences=occurrences, passed=passed,
        explanation=explanation, reason=reason,
    )  # fmt: skip
    return entry


@transaction.atomic
def entries_record(
    *,
    card: Scorecard,
    by: Any,
    answers: Mapping[int, Mapping[str, Any]],
    reason: str = "",
    expected_revision: int | None = None,
) -> int:
    """Record the scores of one page in one go (entry pk → points/occurrences/passed/
    explanation); all or nothing. Returns how many changed; refusals come back together."""
    card = locked(card)
    check_revision(card, expected_revision)
    check_cards_open(card.table)
    check_editable(card)
    entries = card.entries.select_related("criterion__group").filter(pk__in=list(answers))
    refused: dict[int, DomainError] = {}
    changed = 0
    for entry in entries:
        try:
            changed += record_locked(card, entry, by=by, reason=reason, **answers[entry.pk])
        except DomainError as exc:
            refused[entry.pk] = exc
    if refused:
        raise EntriesRefused(refused)
    return changed


@transaction.atomic
def evidence_add(*, entry: ScoreEntry, upload: UploadedFile, by: Any) -> ScoreEvidence:
    """Attach a file behind a score while the card can still change."""
    card = locked(entry.scorecard)
    check_cards_open(card.table)
    check_editable(card)
    evidence = ScoreEvidence(entry=entry)
    store_checked(evidence, upload, by=by)
    return evidence


# ---- moves --------------------------------------------------------------------------------------
def missing_scores(card: Scorecard) -> list[Criterion]:
    """Criteria of the card the scorer has not answered yet (zero is an answer)."""
    missing = []
    for entry in card.entries.select_related("criterion").order_by(
        "criterion__group__order", "criterion__order", "pk"
    ):
        criterion = entry.criterion
        unanswered = {
            K.GRADED: entry.points is None,
            K.PASS_FAIL: entry.passed is None,
            K.PER_OCCURRENCE: entry.occurrences is None,
        }.get(criterion.kind, False)
        if unanswered:
            missing.append(criterion)
    return missing


def due_on(card: Scorecard) -> dt.date | None:
    table = card.table
    return table.self_due_on if card.kind == CardKind.SELF else table.cross_due_on


@transaction.atomic
def card_submit(*, card: Scorecard, by: Any, now: dt.datetime | None = None) -> Scorecard:
    """Send the card in: refused while a criterion has no score (the refusal lists them). A
    cross card is final once submitted; a self card goes to the cluster leader's review."""
    card = locked(card)
    check_cards_open(card.table)
    check_move(card, S.SUBMITTED)
    refresh_computed(table=card.table, cards=[card], by=by)
    missing = missing_scores(card)
    if missing:
        names = "; ".join(f"{c.code} {Truncator(c.title).chars(60)}" for c in missing)
        raise DomainError(
            _("Score every criterion before submitting (zero is a valid score). Still missing: "
              "%(criteria)s.") % {"criteria": names},
            code="incomplete",
        )  # fmt: skip
    now = now or timezone.now()
    due = due_on(card)
    # A card once sent late stays marked late, even after a reopening.
    card.is_late = card.is_late or (due is not None and timezone.localdate(now) > due)
    card.submitted_at = now
    return card_move(card, to=S.SUBMITTED, by=by, action=Action.SUBMITTED)


@transaction.atomic
def card_recuse(*, card: Scorecard, by: Any, conflict: str) -> Scorecard:
    """A cross scorer with a conflict of interest steps aside; a recused card never counts."""
    card = locked(card)
    check_cards_open(card.table)
    if card.kind != CardKind.CROSS:
        raise DomainError(_("A unit always scores itself: only a cross scorer can step aside."))
    conflict = conflict.strip()
    if not conflict:
        raise DomainError(
            _("Say what the conflict of interest is."), field="conflict", code="conflict"
        )
    check_move(card, S.RECUSED)
    card.conflict = conflict[:500]
    return card_move(card, to=S.RECUSED, by=by, action=Action.RECUSED, reason=conflict)


@transaction.atomic
def card_reopen(*, card: Scorecard, by: Any, reason: str) -> Scorecard:
    """The cluster leader sends a submitted cross card back to its scorer, with a reason."""
    card = locked(card)
    check_cards_open(card.table)
    if card.kind != CardKind.CROSS:
        raise DomainError(
            _("A unit's own card goes back to it through a review round, not a reopening."),
            code="kind",
        )
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Say why the card is reopened."), field="reason", code="reason")
    check_move(card, S.DRAFT)
    return card_move(card, to=S.DRAFT, by=by, action=Action.REOPENED, reason=reason)
