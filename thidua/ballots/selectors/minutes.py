"""The minutes (biên bản) of a ballot session: everything the printed record states, read once.
The rules are said in the same words as on the session page (`forms.policy`).

Built only from what is public after a round closes: the roll and its attendance, how many marked
"has voted" (VoterMark), the published tally (`Round.result`, see ballots_api.md), the chair's
decisions and reasons (SessionEvent), the tellers' names and the receipt codes. Nothing here reads
a Ballot, so the minutes cannot say who chose what (law.md §c.4: secret ballot)."""

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.ballots.forms.policy import BASE_WORDS, THRESHOLD_WORDS, policy_lines, tie_step_words
from thidua.ballots.models import BallotSession, Question, Round, SessionEvent, TellerEntry, Voter
from thidua.ballots.rules import CHAIR, THRESHOLDS, Policy, reaches
from thidua.campaigns.selectors.pledges import official_dateline
from thidua.org.models import Unit

A = Voter.Attendance


def decided_by_words(step: str) -> str:
    """How a seat was won: by votes, by the chair, or by a step of the policy's tie-break chain."""
    if step == "votes":
        return _("by votes")
    if step == CHAIR:
        return _("by decision of the chair")
    return _("tie-break: %(step)s") % {"step": tie_step_words(step)}


def rules_of(session: BallotSession, members: int) -> list[tuple[str, str]]:
    """The voting rules the session ran under (its snapshot), in the words the session page uses."""
    try:
        policy = Policy.from_dict(session.policy)
    except ValueError:  # a snapshot is written by Policy.to_dict; never expected
        return []
    return policy_lines(policy, members=members)


def votes_needed(base: int, threshold: str) -> int | None:
    """The fewest votes that reach the threshold, found with the same exact rule as the count."""
    if threshold not in THRESHOLDS:
        return None
    return next((v for v in range(base + 1) if reaches(v, base, threshold)), None)


# ---- the document -------------------------------------------------------------------------------
def issuer_of(session: BallotSession) -> Unit:
    """The body whose document style the minutes follow: the cluster's organiser or the council's
    awarding body."""
    return session.cluster.organiser if session.cluster_id else session.council.unit


def dateline(session: BallotSession) -> str:
    when = session.meeting_date
    # official_dateline takes a moment; noon local time keeps the meeting's own calendar day.
    moment = timezone.make_aware(dt.datetime.combine(when, dt.time(12))) if when else None
    return official_dateline(session.meeting_place, moment)


def roll_of(session: BallotSession) -> dict[str, Any]:
    voters = list(session.voters.all())
    counts = Counter(voter.attendance for voter in voters)
    return {
        "voters": voters,
        "total": len(voters),
        "present": counts[A.PRESENT],
        "absent": counts[A.ABSENT],
        "written": counts[A.WRITTEN],
    }


def tellers_of(session: BallotSession) -> list[str]:
    entries = TellerEntry.objects.filter(round__question__session=session).select_related("teller")
    users = {entry.teller_id: entry.teller for entry in entries}
    names = {user.get_full_name().strip() or user.get_username() for user in users.values()}
    return sorted(names)


def minutes_of(session: BallotSession) -> dict[str, Any]:
    """The minutes of `session`; rounds still open are listed without any figure."""
    session = (
        BallotSession.objects.select_related("cluster__organiser", "council__unit")
        .prefetch_related(
            "voters",
            Prefetch(
                "questions",
                queryset=Question.objects.prefetch_related(
                    "candidates",
                    Prefetch(
                        "rounds",
                        queryset=Round.objects.annotate(issued=Count("marks")).prefetch_related(
                            Prefetch(
                                "events",
                                queryset=SessionEvent.objects.filter(
                                    action=SessionEvent.Action.CHAIR_DECIDED
                                ).order_by("at", "pk"),
                                to_attr="chair_events",
                            )
                        ),
                    ),
                ),
            ),
        )
        .get(pk=session.pk)
    )
    roll = roll_of(session)
    return {
        "session": session,
        "owner": session.cluster or session.council,
        "issuer": issuer_of(session),
        "is_closed": session.status == BallotSession.Status.CLOSED,
        "dateline": dateline(session),
        "roll": roll,
        "rules": rules_of(session, roll["total"]),
        "questions": [question_minutes(question) for question in session.questions.all()],
        "tellers": tellers_of(session),
    }


# ---- one question and its rounds ----------------------------------------------------------------
def question_minutes(question: Question) -> dict[str, Any]:
    labels = {candidate.pk: candidate.label for candidate in question.candidates.all()}
    numbers = [round_.number for round_ in question.rounds.all()]
    rounds = [
        round_minutes(round_, labels, followed=round_.number < max(numbers))
        for round_ in question.rounds.all()
    ]
    elected: list[dict[str, str]] = []
    for item in rounds:
        elected.extend(item["elected"] + item.get("chair_chosen", []))
    last = rounds[-1] if rounds else None
    pending = last is None or last["is_open"] or bool(last["awaiting"])
    return {
        "question": question,
        "rounds": rounds,
        "elected": elected,
        "pending": pending,
        "seats_unfilled": 0 if pending else max(question.seats - len(elected), 0),
    }


def _chair_decision(round_: Round) -> tuple[list[int], str, SessionEvent | None]:
    """(chosen candidate ids, reason, event) of the chair's decision on this round, if any.

    The decision comes after the tally is published, so it lives only in its CHAIR_DECIDED event
    (detail {"among", "elected", "seats"}, the reason on the event; services/rounds.py)."""
    event = round_.chair_events[-1] if round_.chair_events else None
    if event is None:
        return [], "", None
    return [int(i) for i in event.detail.get("elected", [])], event.reason, event


def round_minutes(round_: Round, labels: dict[int, str], *, followed: bool) -> dict[str, Any]:
    """One round as the minutes tell it; `followed` says a later round (the re-vote) exists."""
    result = round_.result or {}
    is_open = round_.status == Round.Status.OPEN or not result
    reason = round_.reason or (_("First round") if round_.number == 1 else _("Re-vote"))
    item: dict[str, Any] = {
        "round": round_,
        "number": round_.number,
        "reason": reason,
        "seats": round_.seats,
        "issued": round_.issued,
        "is_open": is_open,
        "elected": [],
        "awaiting": "",
    }
    if is_open:
        return item
    labels = labels | {row["candidate"]: row.get("label", "") for row in result.get("votes", [])}

    def named(ids: list[int]) -> list[str]:
        return [labels.get(int(i), str(i)) for i in ids]

    decided_by = result.get("decided_by", {})
    elected = [
        {"label": labels.get(int(i), str(i)), "how": decided_by_words(decided_by.get(str(i), ""))}
        for i in result.get("elected", [])
    ]
    chair_ids, chair_reason, chair_event = _chair_decision(round_)
    chair_chosen = [
        {"label": labels.get(i, str(i)), "how": decided_by_words("chair")} for i in chair_ids
    ]
    base, threshold = result.get("base", 0), result.get("threshold", "")
    revote_among, chair_among = result.get("revote_among", []), result.get("chair_among", [])
    awaiting = ""
    if revote_among and not followed:
        awaiting = "revote"
    elif chair_among and not chair_event:
        awaiting = "chair"
    item |= {
        "cast": result.get("ballots_cast", 0),
        "valid": result.get("valid_ballots", 0),
        "invalid": result.get("invalid_ballots", 0),
        "base": base,
        "base_words": str(BASE_WORDS.get(result.get("base_kind", ""), "")),
        "threshold_words": str(THRESHOLD_WORDS.get(threshold, "")),
        "needed": votes_needed(base, threshold),
        "votes": [
            row | {"percent": Decimal(row.get("percent", "0"))} for row in result.get("votes", [])
        ],
        "elected": elected,
        "chair_chosen": chair_chosen,
        "receipts": result.get("receipts", []),
        "revote_among": named(revote_among),
        "chair_among": named(chair_among),
        "chair_reason": chair_reason,
        "seats_left": result.get("seats_left", 0) - len(chair_ids),
        "awaiting": awaiting,
    }
    return item
