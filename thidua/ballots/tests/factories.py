"""Builders for ballot tests: clusters with N members and sessions made through the services, as
the pages make them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from thidua.ballots.models import BallotSession, Question, Round, Voter
from thidua.ballots.services import rounds, sessions, voting
from thidua.core.errors import DomainError
from thidua.org import services as org_services
from thidua.org.models import Cluster, RoleAssignment, Unit
from thidua.org.tests.factories import ClusterFactory, UnitFactory, UserFactory

MEETING = dt.date(2024, 1, 15)


def cluster_with_members(count: int, *, name: str = "Cụm thi đua thử") -> tuple[Cluster, list]:
    """A cluster of `count` member units (since 2021), in roll order ("Đơn vị 001", …)."""
    cluster = ClusterFactory(name=name)
    units = []
    for n in range(1, count + 1):
        unit = UnitFactory(name=f"Đơn vị {n:03d}")
        org_services.cluster_member_add(
            cluster=cluster, unit=unit, joined_on=dt.date(2021, 1, 1), by=None
        )
        units.append(unit)
    return cluster, units


def officer_of(unit: Unit) -> Any:
    user = UserFactory()
    org_services.role_assign(user=user, role=RoleAssignment.Role.UNIT_OFFICER, unit=unit, by=None)
    return user


def session_of(
    cluster: Cluster, *, policy: dict | None = None, by: Any = None, **fields: Any
) -> BallotSession:
    fields.setdefault("year", 2023)
    fields.setdefault("title", f"Hội nghị tổng kết {fields['year']}")
    fields.setdefault("meeting_date", MEETING)
    return sessions.session_create(by=by, cluster=cluster, policy=policy, **fields)


def question_with(
    session: BallotSession,
    units: list[Unit],
    *,
    kind: str = Question.Kind.LEADING_UNIT,
    seats: int = 1,
    figures: dict[Unit, dict] | None = None,
) -> Question:
    question = sessions.question_add(
        session=session, kind=kind, title=f"Câu hỏi {kind}", seats=seats, by=None
    )
    for unit in units:
        sessions.candidate_add(
            question=question, unit=unit, by=None, figures=(figures or {}).get(unit)
        )
    return question


def open_round(session: BallotSession, question: Question | None = None) -> Round:
    """Open the session and return round 1 of `question` (or of its only question)."""
    sessions.session_open(session=session, by=None)
    question = question or session.questions.get()
    return question.rounds.get(number=1)


def line(session: BallotSession, unit: Unit) -> Voter:
    return session.voters.get(unit=unit)


def candidate_id(rnd: Round, unit: Unit) -> int:
    return rnd.candidates.get(unit=unit).pk


def cast(rnd: Round, session: BallotSession, voter_unit: Unit, *chosen: Unit) -> str:
    return voting.ballot_cast(
        round=rnd,
        voter=line(session, voter_unit),
        candidate_ids=[candidate_id(rnd, u) for u in chosen],
        by=None,
    )


def refused_cast(rnd: Round, session: BallotSession, voter_unit: Unit, *chosen: Unit):
    """The refusal of a cast that must fail."""
    with pytest.raises(DomainError) as caught:
        cast(rnd, session, voter_unit, *chosen)
    return caught.value


def cast_many(rnd: Round, session: BallotSession, plan: dict[Unit, int], voters: list) -> None:
    """`plan[candidate unit] = n`: the next n voters of `voters` choose that unit."""
    queue = iter(voters)
    for unit, n in plan.items():
        for _ in range(n):
            cast(rnd, session, next(queue), unit)


def close(rnd: Round) -> dict:
    return rounds.round_close(round=rnd, by=None)


def refused(call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    return caught.value
