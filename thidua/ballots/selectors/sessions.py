"""Reads of ballot sessions for the pages, the minutes and the tests.

Nothing here joins a voter to a ballot: progress is counted from the marks (who voted), tallies
only from ballots (what was voted), and a round's result is shown only to those
`ballots.view_results` lets see it."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from thidua.ballots.models import (
    Ballot,
    BallotSession,
    Question,
    Round,
    SessionEvent,
    TellerEntry,
    Voter,
    VoterMark,
)
from thidua.ballots.receipts import receipt_normalise
from thidua.org.scope import path_q, scope_for
from thidua.org.selectors import clusters_visible_to


# ---- sessions and the user's roll lines --------------------------------------------------------
def _own_lines_q(user: Any) -> Q:
    """Roll lines the user votes on (same reading as the `ballots.vote` predicate)."""
    scope = scope_for(user)
    q = Q(user_id=user.pk) | Q(unit__path__in=[*scope.officer_paths, *scope.head_paths])
    if scope.person_id:
        q |= Q(person_id=scope.person_id)
    return q


def sessions_for(*, user: Any) -> QuerySet[BallotSession]:
    """Sessions the user may see (`ballots.view_session`), newest year first."""
    qs = BallotSession.objects.select_related("cluster", "council").order_by(
        "-year", "-created_at", "-pk"
    )
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    scope = scope_for(user)
    if scope.is_admin:
        return qs
    return qs.filter(
        Q(cluster__in=clusters_visible_to(user).values("pk"))
        | Q(council_id__in=scope.council_ids)
        | path_q(scope.secretariat_paths, "council__unit__path")
        | Q(pk__in=Voter.objects.filter(_own_lines_q(user)).values("session_id"))
    )


def session_get(pk: int) -> BallotSession:
    """The session (404 when there is none); the caller checks the permissions."""
    return get_object_or_404(
        BallotSession.objects.select_related("cluster__organiser", "council__unit"), pk=pk
    )


def voter_for(*, user: Any, session: BallotSession) -> Voter | None:
    """The roll line the user votes on in this session, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    lines = session.voters.select_related("unit", "person").filter(_own_lines_q(user))
    return lines.order_by("label", "pk").first()


def open_rounds_for(*, user: Any) -> list[dict[str, Any]]:
    """Rounds open now in which the user has a roll line: {"round", "voter", "has_voted"}."""
    if not getattr(user, "is_authenticated", False):
        return []
    lines = {
        v.session_id: v
        for v in Voter.objects.filter(_own_lines_q(user), session__status=BallotSession.Status.OPEN)
        .select_related("unit")
        .order_by("-label", "-pk")  # the first line by label wins, as in voter_for
    }
    rounds = (
        Round.objects.filter(status=Round.Status.OPEN, question__session_id__in=lines)
        .select_related("question__session")
        .order_by("question__session_id", "question__order", "question_id", "number")
    )
    voted = set(
        VoterMark.objects.filter(round__in=rounds, voter__in=lines.values()).values_list(
            "round_id", flat=True
        )
    )
    return [
        {"round": r, "voter": lines[r.question.session_id], "has_voted": r.pk in voted}
        for r in rounds
    ]


def roll_rows(session: BallotSession, round: Round | None = None) -> list[dict[str, Any]]:
    """The roll with attendance and, per round, how each line voted (not for whom).

    Each row: voter, label, attendance, attendance_label, marks {round id: channel}, and for
    `round` (if given): voted, channel."""
    marks: dict[int, dict[int, str]] = {}
    for voter_id, round_id, channel in VoterMark.objects.filter(
        round__question__session=session
    ).values_list("voter_id", "round_id", "channel"):
        marks.setdefault(voter_id, {})[round_id] = channel
    rows = []
    for voter in session.voters.select_related("unit", "person").order_by("label", "pk"):
        own = marks.get(voter.pk, {})
        row = {
            "voter": voter,
            "label": voter.label,
            "attendance": voter.attendance,
            "attendance_label": voter.get_attendance_display(),
            "marks": own,
        }
        if round is not None:
            row["voted"] = round.pk in own
            row["channel"] = own.get(round.pk, "")
        rows.append(row)
    return rows


def round_progress(round: Round) -> dict[str, Any]:
    """How far voting has gone: how many of the roll have voted, and by which channel. Counts
    only; never who chose what."""
    by_channel = {"online": 0, "paper": 0, "written": 0}
    for channel in round.marks.values_list("channel", flat=True):
        by_channel[channel] += 1
    voted = sum(by_channel.values())
    roll = Voter.objects.filter(session_id=round.question.session_id).count()
    sheets = teller_sheets(round)
    return {
        "roll": roll,
        "voted": voted,
        "not_voted": roll - voted,
        "by_channel": by_channel,
        "sheets_agreed": sum(1 for s in sheets if s["agreed"]),
        "sheets_pending": sum(1 for s in sheets if not s["agreed"]),
    }


# ---- questions, rounds, outcomes ---------------------------------------------------------------
def session_questions(session: BallotSession) -> list[Question]:
    """Questions in order, each with `candidates` and `rounds` (by number) prefetched."""
    return list(
        session.questions.order_by("order", "pk").prefetch_related(
            "candidates", Prefetch("rounds", queryset=Round.objects.order_by("number"))
        )
    )


def question_outcome(question: Question) -> dict[str, Any]:
    """Where the question stands: state ("not_started" | "voting" | "revote_needed" |
    "chair_needed" | "settled"), the candidate ids elected over all its rounds (with the chair's
    decision), how each was decided, the seats left, and the chair's decision event if any."""
    rounds = list(question.rounds.order_by("number"))
    outcome: dict[str, Any] = {
        "state": "not_started", "elected": [], "decided_by": {}, "seats_left": question.seats,
        "chair_decision": None, "rounds": rounds,
    }  # fmt: skip
    if not rounds:
        return outcome
    for rnd in rounds:
        if rnd.status == Round.Status.OPEN:
            outcome["state"] = "voting"
            return outcome
        outcome["elected"] += rnd.result.get("elected", [])
        outcome["decided_by"].update(rnd.result.get("decided_by", {}))
    last = rounds[-1].result
    outcome["state"] = "settled"
    if last.get("revote_among"):
        outcome["state"] = "revote_needed"
    elif last.get("chair_among"):
        decision = (
            SessionEvent.objects.filter(round=rounds[-1], action=SessionEvent.Action.CHAIR_DECIDED)
            .order_by("pk")
            .first()
        )
        if decision is None:
            outcome["state"] = "chair_needed"
        else:
            outcome["chair_decision"] = decision
            outcome["elected"] += decision.detail["elected"]
            outcome["decided_by"].update(
                dict.fromkeys(map(str, decision.detail["elected"]), "chair")
            )
    outcome["seats_left"] = question.seats - len(outcome["elected"])
    return outcome


def question_pending(question: Question) -> str | None:
    """Why the question is not settled yet (a sentence for the user), or None."""
    messages = {
        "not_started": _("Voting on “%(question)s” has not been opened."),
        "voting": _("Voting on “%(question)s” is still open."),
        "revote_needed": _("The tie in “%(question)s” must be settled by a re-vote."),
        "chair_needed": _("The chair must decide the tie in “%(question)s”."),
    }
    message = messages.get(question_outcome(question)["state"])
    return message % {"question": question.title} if message else None


def round_result_for(*, user: Any, round: Round) -> dict[str, Any] | None:
    """The published tally of a closed round, if the user may see results; else None."""
    if round.status != Round.Status.CLOSED:
        return None
    if not user.has_perm("ballots.view_results", round.question.session):
        return None
    return round.result


# ---- paper sheets, receipts, ballots -----------------------------------------------------------
def teller_sheets(round: Round) -> list[dict[str, Any]]:
    """Typed sheets: code, channel, number of entries, who typed them, agreed (ballot made).
    What the sheets say is not shown, so the second teller types blind."""
    counted = set(round.ballots.values_list("receipt", flat=True))
    sheets: dict[str, dict[str, Any]] = {}
    entries = TellerEntry.objects.filter(round=round).select_related("teller").order_by("pk")
    for entry in entries:
        row = sheets.setdefault(
            entry.sheet,
            {"sheet": entry.sheet, "channel": entry.channel, "entries": 0, "tellers": []},
        )
        row["entries"] += 1
        row["tellers"].append(entry.teller)
    for row in sheets.values():
        row["agreed"] = row["sheet"] in counted
    return sorted(sheets.values(), key=lambda row: row["sheet"])


def receipt_check(*, round: Round, code: str) -> bool | None:
    """Whether a receipt is among the round's published receipts; None while the round is open."""
    if round.status != Round.Status.CLOSED:
        return None
    return receipt_normalise(code) in round.result.get("receipts", [])


def ballot_list(round: Round) -> QuerySet[Ballot]:
    """The round's ballots in receipt order (never in the order they were cast)."""
    return round.ballots.order_by("receipt").prefetch_related("choices")
