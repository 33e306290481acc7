"""The year-end meeting as the ranking page shows it: the cluster's ballot sessions of the year
and what the leader can do next (prepare the ballot, add the Bằng khen question, record the
rotation)."""

from __future__ import annotations

from typing import Any

from thidua.ballots.models import BallotSession, Question
from thidua.ballots.selectors.sessions import question_outcome
from thidua.scoring.models import CriteriaTable, Ranking


def meeting_sessions(table: CriteriaTable) -> list[BallotSession]:
    return list(
        BallotSession.objects.filter(cluster=table.cluster, year=table.year).order_by("created_at")
    )


def meeting_steps(table: CriteriaTable, ranking: Ranking | None) -> dict[str, Any]:
    """Sessions of the year with the next step each allows (for the leader)."""
    published = ranking is not None and ranking.status == Ranking.Status.PUBLISHED
    rows = []
    for session in meeting_sessions(table):
        kinds = {q.kind: q for q in session.questions.all()}
        leading = kinds.get(Question.Kind.LEADING_UNIT)
        rows.append(
            {
                "session": session,
                "can_add_merit": published
                and session.status == BallotSession.Status.OPEN
                and Question.Kind.MERIT_UNITS not in kinds
                and leading is not None
                and question_outcome(leading)["state"] == "settled",
                "can_record_leadership": session.status == BallotSession.Status.CLOSED
                and (Question.Kind.NEXT_LEADER in kinds or Question.Kind.NEXT_DEPUTY in kinds),
            }
        )
    # One meeting a year: once a session exists the leader works in it (a further one can still
    # be set up from the ballots pages, e.g. after a session prepared by mistake).
    return {"sessions": rows, "can_prepare": published and not rows}
