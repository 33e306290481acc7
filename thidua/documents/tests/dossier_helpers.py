"""Builders for the tests of the proposal (Form 01) and the achievement reports (Forms 02, 03),
on top of the root `world` fixture and the nominations factories."""

from __future__ import annotations

import datetime as dt
from typing import Any

from thidua.ballots.models import BallotSession, Question
from thidua.ballots.services import rounds, sessions, voting
from thidua.documents import render
from thidua.documents.paper import Paper
from thidua.documents.registry import definition
from thidua.nominations.models import Batch, Dossier
from thidua.nominations.services.dossiers import dossier_add
from thidua.nominations.tests.factories import award, proposal, ready


def nominate(world: Any, batch: Batch, code: str, **subject: Any) -> Dossier:
    """A nominee added through the service, as the leader unit's officer adds it."""
    return dossier_add(batch=batch, award=award(code), by=world.leader_officer, **subject)


def cluster_proposal(world: Any, **values: Any) -> Batch:
    """Cluster 6's 2023 proposal with a person's and a collective's dossier."""
    batch = proposal(world, **values)
    nominate(world, batch, "BK_BTCTW", person=world.dn_person)
    nominate(world, batch, "BK_BTCTW_TT", unit=world.cq)
    return batch


def gathered(kind: str, record: Any, user: Any, options: dict | None = None) -> Paper:
    return definition(kind).gather(record, user, options or {})


def word(paper: Paper) -> bytes:
    """The .docx of the paper through the template in use (the shipped one, else built)."""
    return render.render_docx(paper)


def year_end_ballot(world: Any, *, elect: Any) -> BallotSession:
    """Cluster 6's closed 2023 meeting: every member votes for `elect` (a member unit)."""
    ready()
    session = sessions.session_create(
        by=None, year=2023, cluster=world.cluster6, title="Hội nghị tổng kết 2023",
        meeting_date=dt.date(2023, 12, 22), meeting_place="Hà Nội",
        policy={"self_vote_allowed": True},
    )  # fmt: skip
    asked = sessions.question_add(
        session=session, kind=Question.Kind.MERIT_UNITS, title="Bằng khen tập thể", seats=1,
        by=None,
    )  # fmt: skip
    for unit in (world.cq, world.dn):
        sessions.candidate_add(question=asked, unit=unit, by=None)
    sessions.session_open(session=session, by=None)
    rnd = asked.rounds.get(number=1)
    choice = rnd.candidates.get(unit=elect).pk
    for voter in session.voters.all():
        voting.ballot_cast(round=rnd, voter=voter, candidate_ids=[choice], by=None)
    rounds.round_close(round=rnd, by=None)
    sessions.session_close(session=session, by=None)
    return session


def index_of(texts: list[str], needle: str) -> int:
    """The position of the first text containing `needle`; fails the test when there is none."""
    found = next((i for i, text in enumerate(texts) if needle in text), None)
    assert found is not None, f"{needle!r} is not in the paper"
    return found
