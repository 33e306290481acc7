"""From a published ranking to the year-end meeting's secret ballot (law.md §c.2 step 3: the
cluster votes to acclaim the leading unit (→ flag) and the excellent units (→ Bằng khen), and
elects next year's leader and deputy).

Candidates carry their ranking figures ("final", "group:<code>", "penalties"), which the ballot's
tie-break chain and score gate read. The Bằng khen question is added once the leading unit is
chosen, so that the unit acclaimed for the flag is not also a candidate for a Bằng khen."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.ballots import rules
from thidua.ballots.models import BallotSession, Question
from thidua.ballots.selectors.sessions import question_outcome
from thidua.ballots.services import sessions as ballot_sessions
from thidua.core.errors import DomainError
from thidua.org.models import ClusterLeadership
from thidua.org.services import cluster_leadership_set
from thidua.scoring import policy
from thidua.scoring.models import Ranking, RankingRow

Kind = Question.Kind


def candidate_figures(row: RankingRow) -> dict[str, str]:
    figures = {"final": str(row.final_score), policy.PENALTIES: str(row.penalties)}
    figures |= {f"{policy.GROUP_PREFIX}{code}": str(v) for code, v in row.group_scores.items()}
    return figures


def _rows(ranking: Ranking) -> list[RankingRow]:
    return list(ranking.rows.select_related("unit").order_by("rank", "unit__name"))


def _admitted(rows: list[RankingRow], session: BallotSession) -> list[RankingRow]:
    """The rows the session's score gate lets stand (min final score, top k)."""
    by_key = {str(row.unit_id): row for row in rows}
    contenders = [
        rules.Contender(
            str(row.unit_id), {k: Fraction(v) for k, v in candidate_figures(row).items()}
        )
        for row in rows
    ]
    admitted, _refused = rules.gate(contenders, ballot_sessions.session_policy(session))
    return [by_key[c.key] for c in admitted]


def elected_units(question: Question) -> list[int]:
    """Unit ids the question's rounds (and the chair) chose, in the order they were chosen."""
    by_candidate = dict(question.candidates.values_list("pk", "unit_id"))
    return [by_candidate[pk] for pk in question_outcome(question)["elected"]]


@transaction.atomic
def session_from_ranking(
    *,
    ranking: Ranking,
    by: Any,
    meeting_date: dt.date | None = None,
    meeting_place: str = "",
    chair_name: str = "",
    secretary_name: str = "",
) -> BallotSession:
    """A draft session of the cluster's year-end meeting with three questions: the leading unit
    (ranked units the gate admits), next year's leader and deputy (every member but this year's
    leader, who hands over)."""
    if ranking.status != Ranking.Status.PUBLISHED:
        raise DomainError(_("Publish the ranking before preparing the ballot."), code="draft")
    table = ranking.table
    session = ballot_sessions.session_create(
        by=by, year=table.year, cluster=table.cluster, meeting_date=meeting_date,
        meeting_place=meeting_place, chair_name=chair_name, secretary_name=secretary_name,
        title=_("Year-end review meeting %(year)s – %(cluster)s")
        % {"year": table.year, "cluster": table.cluster},
    )  # fmt: skip
    rows = _rows(ranking)
    policy_ = ballot_sessions.session_policy(session)
    leading = ballot_sessions.question_add(
        session=session, kind=Kind.LEADING_UNIT, seats=policy_.max_flags, by=by,
        title=_("Leading unit of %(year)s, proposed for the emulation flag") % {"year": table.year},
    )  # fmt: skip
    for row in _admitted(rows, session):
        ballot_sessions.candidate_add(
            question=leading, unit=row.unit, figures=candidate_figures(row), by=by
        )
    outgoing = ClusterLeadership.objects.filter(
        cluster=table.cluster, year=table.year, role=ClusterLeadership.Role.LEADER
    ).values_list("unit_id", flat=True)
    for kind, title in (
        (Kind.NEXT_LEADER, _("Cluster leader for %(year)s")),
        (Kind.NEXT_DEPUTY, _("Deputy leader for %(year)s")),
    ):
        question = ballot_sessions.question_add(
            session=session, kind=kind, seats=1, by=by, title=title % {"year": table.year + 1}
        )
        for row in rows:
            if row.unit_id not in outgoing:
                ballot_sessions.candidate_add(question=question, unit=row.unit, by=by)
    return session


@transaction.atomic
def merit_question_add(*, session: BallotSession, ranking: Ranking, by: Any) -> Question:
    """The Bằng khen question, once the leading unit is chosen: every admitted ranked unit except
    the one(s) acclaimed for the flag; as many seats as the policy allows for the cluster."""
    leading = session.questions.filter(kind=Kind.LEADING_UNIT).first()
    if leading is None or question_outcome(leading)["state"] != "settled":
        raise DomainError(
            _("Choose the leading unit first: its vote is not settled yet."), code="unsettled"
        )
    flagged = set(elected_units(leading))
    ranked = _rows(ranking)
    rows = [row for row in _admitted(ranked, session) if row.unit_id not in flagged]
    policy_ = ballot_sessions.session_policy(session)
    seats = min(rules.merit_seats(policy_, len(ranked)), max(len(rows), 1))
    question = ballot_sessions.question_add(
        session=session, kind=Kind.MERIT_UNITS, seats=seats, by=by,
        title=_("Units proposed for a certificate of merit for %(year)s")
        % {"year": ranking.table.year},
    )  # fmt: skip
    for row in rows:
        ballot_sessions.candidate_add(
            question=question, unit=row.unit, figures=candidate_figures(row), by=by
        )
    return question


@transaction.atomic
def leadership_from_ballot(*, session: BallotSession, by: Any) -> list[ClusterLeadership]:
    """Record next year's leader and deputy the closed session elected (law.md §c.1: chosen by
    the members in rotation at the year-end review). A seat already recorded for the same unit is
    kept; one held by another unit is refused, naming it."""
    session = BallotSession.objects.get(pk=session.pk)
    if session.status != BallotSession.Status.CLOSED or session.cluster_id is None:
        raise DomainError(_("Close the cluster's ballot session first."), code="not_closed")
    seats = []
    roles = {Kind.NEXT_LEADER: ClusterLeadership.Role.LEADER,
             Kind.NEXT_DEPUTY: ClusterLeadership.Role.DEPUTY}  # fmt: skip
    for question in session.questions.filter(kind__in=list(roles)):
        for unit_id in elected_units(question):
            existing = ClusterLeadership.objects.filter(
                cluster=session.cluster, year=session.year + 1, role=roles[question.kind]
            ).first()
            if existing is not None and existing.unit_id == unit_id:
                seats.append(existing)
                continue
            unit = question.candidates.get(unit_id=unit_id).unit
            note = _("Elected at the year-end meeting: %(session)s") % {"session": session.title}
            seats.append(
                cluster_leadership_set(
                    cluster=session.cluster,
                    year=session.year + 1,
                    role=roles[question.kind],
                    unit=unit,
                    by=by,
                    note=note[:255],
                )
            )
    return seats
