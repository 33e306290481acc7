"""Closing a round (the tally), re-votes among the tied, and the chair's decision.

The tally is computed from the ballots only, with `rules.decide` (exact integer arithmetic), and
written once into `round.result` when the round closes; `tally_recompute` does the same count
again so anyone can check the published figures against the ballots.

The chair's decision comes after the round's result is published, so it is NOT written into
`round.result` (which stays equal to what the ballots give); it is a CHAIR_DECIDED SessionEvent of
the round whose detail holds {"among", "elected", "seats"} and whose reason says why.
`selectors.question_outcome` joins both into the question's outcome."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.ballots import rules
from thidua.ballots.models import (
    BallotChoice,
    BallotSession,
    Candidate,
    Round,
    SessionEvent,
    Voter,
)
from thidua.ballots.services.sessions import (
    check_status,
    contender_of,
    record_event,
    round_start,
    session_policy,
)
from thidua.campaigns.figures import rounded
from thidua.core.audit import save_audited
from thidua.core.errors import DomainError

TOOK_PART = (Voter.Attendance.PRESENT, Voter.Attendance.WRITTEN)


# ---- the count -----------------------------------------------------------------------------------
def roll_counts(session: BallotSession) -> tuple[int, int]:
    """(members on the roll, members who took part: present, or absent with a written vote)."""
    voters = session.voters.all()
    return voters.count(), voters.filter(attendance__in=TOOK_PART).count()


def _tally(rnd: Round, *, members_total: int, members_present: int) -> dict[str, Any]:
    session = rnd.question.session
    policy = session_policy(session)
    candidates = list(rnd.candidates.order_by("order", "label", "pk"))
    cast = rnd.ballots.count()
    valid = rnd.ballots.filter(is_valid=True).count()
    counted = (
        BallotChoice.objects.filter(ballot__round=rnd, ballot__is_valid=True)
        .order_by()
        .values("candidate_id")
        .annotate(n=Count("pk"))
    )
    votes = {str(c.pk): 0 for c in candidates}
    votes.update({str(row["candidate_id"]): row["n"] for row in counted})
    count = rules.Count(
        votes=votes, seats=rnd.seats, members_total=members_total,
        members_present=members_present, valid_ballots=valid,
        revotes_done=_revotes_done(rnd),
    )  # fmt: skip
    outcome = rules.decide(count, [contender_of(c) for c in candidates], policy)
    return {
        "round": rnd.number,
        "seats": rnd.seats,
        "members_total": members_total,
        "members_present": members_present,
        "ballots_cast": cast,
        "valid_ballots": valid,
        "invalid_ballots": cast - valid,
        "base": outcome.base,
        "base_kind": policy.ballot_base,
        "threshold": policy.threshold,
        "votes": _vote_rows(candidates, votes, outcome),
        "elected": [int(key) for key in outcome.elected],
        "revote_among": [int(key) for key in outcome.revote_among],
        "chair_among": [int(key) for key in outcome.chair_among],
        "seats_left": outcome.seats_left,
        "decided_by": dict(outcome.decided_by),
        "receipts": sorted(rnd.ballots.values_list("receipt", flat=True)),
    }


def _vote_rows(
    candidates: list[Candidate], votes: dict[str, int], outcome: rules.Outcome
) -> list[dict[str, Any]]:
    """Most votes first; equal counts keep the order of the ballot paper."""
    rows = []
    for candidate in sorted(candidates, key=lambda c: -votes[str(c.pk)]):
        n = votes[str(candidate.pk)]
        share = Fraction(n * 100, outcome.base) if outcome.base else Fraction(0)
        rows.append(
            {
                "candidate": candidate.pk,
                "label": candidate.label,
                "votes": n,
                "percent": str(rounded(share, 2)),
                "reached": str(candidate.pk) in outcome.reached,
            }
        )
    return rows


def _revotes_done(rnd: Round) -> int:
    earlier = Round.objects.filter(question_id=rnd.question_id, number__lt=rnd.number)
    return sum(1 for r in earlier.only("result") if (r.result or {}).get("revote_among"))


def tally_recompute(round: Round) -> dict[str, Any]:
    """The tally counted again from the ballots. For a closed round the roll figures are those
    recorded at the close (attendance may change later in the meeting), so the recount equals the
    published result exactly when the ballots are untouched."""
    rnd = Round.objects.select_related("question__session").get(pk=round.pk)
    if rnd.status == Round.Status.CLOSED and rnd.result:
        total, present = rnd.result["members_total"], rnd.result["members_present"]
    else:
        total, present = roll_counts(rnd.question.session)
    return _tally(rnd, members_total=total, members_present=present)


# ---- closing a round ---------------------------------------------------------------------------
def _lock_round(round: Round) -> Round:
    rnd = (
        Round.objects.select_for_update(of=("self",))
        .select_related("question__session")
        .get(pk=round.pk)
    )
    check_status(rnd.question.session, BallotSession.Status.OPEN)
    return rnd


@transaction.atomic
def round_close(*, round: Round, by: Any) -> dict[str, Any]:
    """Close the round and publish its tally. The round row is locked first, so every ballot
    committed before the close is counted and every later cast is refused as too late."""
    rnd = _lock_round(round)
    if rnd.status != Round.Status.OPEN:
        raise DomainError(_("This round is already closed."), code="round_closed")
    pending = sorted(
        set(rnd.teller_entries.values_list("sheet", flat=True))
        - set(rnd.ballots.values_list("receipt", flat=True))
    )
    if pending:
        raise DomainError(
            _("These sheets have been typed by one teller only: %(sheets)s. A second teller must "
              "type them before the round closes.") % {"sheets": ", ".join(pending)},
            code="sheets_pending",
        )  # fmt: skip
    total, present = roll_counts(rnd.question.session)
    result = _tally(rnd, members_total=total, members_present=present)
    rnd.status = Round.Status.CLOSED
    rnd.closed_at = timezone.now()
    rnd.result = result
    save_audited(rnd, by=by, clean=False)
    record_event(
        session=rnd.question.session, round=rnd, action=SessionEvent.Action.ROUND_CLOSED, by=by,
        detail={key: result[key] for key in ("elected", "revote_among", "chair_among")},
    )  # fmt: skip
    return result


@transaction.atomic
def revote_open(*, round: Round, by: Any, reason: str = "") -> Round:
    """A new round among the candidates a closed round left tied, for the seats still free."""
    rnd = _lock_round(round)
    among = _closed_result(rnd).get("revote_among") or []
    if not among:
        raise DomainError(
            _("This round did not end in a tie that calls for a re-vote."), code="no_revote"
        )
    if rnd.question.rounds.filter(number__gt=rnd.number).exists():
        raise DomainError(_("The re-vote has already been opened."), code="revote_open")
    return round_start(
        question=rnd.question, number=rnd.number + 1, seats=rnd.result["seats_left"],
        candidates=list(Candidate.objects.filter(pk__in=among)), by=by, reason=reason.strip(),
    )  # fmt: skip


@transaction.atomic
def chair_decide(*, round: Round, candidate_ids: list[int], by: Any, reason: str) -> dict[str, Any]:
    """The chair settles a tie the policy leaves to them (law.md §c.4 [U]): exactly as many of the
    tied as there are seats left, with a reason for the minutes."""
    rnd = _lock_round(round)
    result = _closed_result(rnd)
    among = result.get("chair_among") or []
    if not among:
        raise DomainError(_("This round did not leave a tie for the chair."), code="no_tie")
    if rnd.events.filter(action=SessionEvent.Action.CHAIR_DECIDED).exists():
        raise DomainError(_("The chair has already decided this tie."), code="decided")
    chosen = sorted({int(pk) for pk in candidate_ids})
    seats = result["seats_left"]
    if not set(chosen) <= set(among) or len(chosen) != seats:
        raise DomainError(
            _("Choose %(count)s of the tied candidates.") % {"count": seats},
            field="candidates",
            code="choice",
        )
    if not reason.strip():
        raise DomainError(
            _("Give the reason for the chair's decision."), field="reason", code="reason"
        )
    decision = {"round": rnd.number, "among": among, "elected": chosen, "seats": seats}
    record_event(
        session=rnd.question.session, round=rnd, action=SessionEvent.Action.CHAIR_DECIDED, by=by,
        reason=reason.strip(), detail=decision,
    )  # fmt: skip
    return {**decision, "reason": reason.strip()}


def _closed_result(rnd: Round) -> dict[str, Any]:
    if rnd.status != Round.Status.CLOSED:
        raise DomainError(_("Close this round first."), code="round_open")
    return rnd.result or {}
