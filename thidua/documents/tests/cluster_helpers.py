"""Builders for the cluster papers' tests (minutes, pledge, annual summary, statistics), on top
of the root `world` fixture: records are made directly with the models, in the shape their own
services write, so these tests check the papers and not those services."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from django.utils import timezone
from docx import Document

from thidua.awards.models import AwardRecord, AwardType
from thidua.awards.services import catalogue_sync
from thidua.ballots.models import BallotSession, Candidate, Question, Round, Voter
from thidua.ballots.rules import Policy
from thidua.campaigns.figures import period_bounds
from thidua.campaigns.models import Indicator, IndicatorReport, ReportingPeriod
from thidua.documents import docx_builder
from thidua.documents.registry import definition

CLOSED = BallotSession.Status.CLOSED


# ---- Word -------------------------------------------------------------------------------------
def template_of(kind: str) -> bytes:
    """The kind's template built afresh from its definition (the shipped file may be older)."""
    doc = docx_builder.new_template()
    definition(kind).build_template(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def table_rows(content: bytes) -> list[list[str]]:
    """The cell texts of every table row of a .docx, tables in document order."""
    doc = Document(io.BytesIO(content))
    return [[cell.text for cell in row.cells] for table in doc.tables for row in table.rows]


# ---- ballots ----------------------------------------------------------------------------------
def ballot_session(world: Any, *, status: str = CLOSED, council: bool = False) -> BallotSession:
    owner = {"council": world.council} if council else {"cluster": world.cluster6}
    return BallotSession.objects.create(
        **owner, year=2023, title="Hội nghị tổng kết năm 2023", status=status,
        meeting_date=dt.date(2024, 1, 15), meeting_place="Hà Nội",
        chair_name="Chu Đình Động", secretary_name="Trần Thị Ký",
        policy=Policy.from_dict({}).to_dict(),
    )  # fmt: skip


def roll_of(session: BallotSession, lines: list[tuple[Any, str]]) -> list[Voter]:
    """Roll lines (a unit or a person, and how they attended)."""
    voters = []
    for subject, how in lines:
        field = "person" if hasattr(subject, "full_name") else "unit"
        label = subject.full_name if field == "person" else subject.name
        voters.append(
            Voter.objects.create(session=session, label=label, attendance=how, **{field: subject})
        )
    return voters


def question_of(session: BallotSession, *labels: str, seats: int = 1) -> list[Candidate]:
    asked = Question.objects.create(
        session=session, kind=Question.Kind.LEADING_UNIT, title="Đơn vị dẫn đầu", seats=seats
    )
    return [Candidate.objects.create(question=asked, label=label) for label in labels]


def closed_round(candidates: list[Candidate], votes: list[int], *, elected: int = 0) -> Round:
    """Round 1 closed with `votes` per candidate over 5 valid ballots; candidate `elected` wins."""
    asked, base = candidates[0].question, 5
    rows = [
        {
            "candidate": c.pk, "label": c.label, "votes": n,
            "percent": str((Decimal(n * 100) / base).quantize(Decimal("0.01"))),
            "reached": 2 * n > base,
        }
        for c, n in zip(candidates, votes, strict=True)
    ]  # fmt: skip
    winner = candidates[elected]
    result = {
        "round": 1, "seats": 1, "members_total": 5, "members_present": 5, "ballots_cast": 5,
        "valid_ballots": 5, "invalid_ballots": 0, "base": base, "base_kind": "valid_ballots",
        "threshold": "gt_half", "votes": rows, "elected": [winner.pk], "revote_among": [],
        "chair_among": [], "seats_left": 0, "decided_by": {str(winner.pk): "votes"},
        "receipts": ["K7Q2-M9XD"],
    }  # fmt: skip
    round_ = Round.objects.create(
        question=asked, number=1, seats=1, status=Round.Status.CLOSED, result=result
    )
    round_.candidates.set(candidates)
    return round_


# ---- indicators and reports -------------------------------------------------------------------
def indicator(world: Any, code: str, name: str, **fields: Any) -> Indicator:
    fields.setdefault("frequency", Indicator.Frequency.QUARTER)
    return Indicator.objects.create(
        cluster=world.cluster6, year=2023, code=code, name=name, **fields
    )


def period(world: Any, key: str, *, year: int = 2023) -> ReportingPeriod:
    start, end = period_bounds(year, key)
    return ReportingPeriod.objects.create(
        cluster=world.cluster6, year=year, key=key, starts_on=start, ends_on=end,
        due_on=end + dt.timedelta(days=10),
    )  # fmt: skip


def report(ind: Indicator, unit: Any, when: ReportingPeriod, *, status: str = "accepted",
           **figures: Any) -> IndicatorReport:  # fmt: skip
    return IndicatorReport.objects.create(
        indicator=ind, unit=unit, period=when, status=status,
        submitted_at=timezone.now(), **{k: Decimal(v) for k, v in figures.items()},
    )  # fmt: skip


# ---- awards -----------------------------------------------------------------------------------
def award(code: str) -> AwardType:
    if not AwardType.objects.exists():
        catalogue_sync()
    return AwardType.objects.get(code=code)


def received(code: str, *, year: int = 2023, revoked: bool = False, **subject: Any) -> AwardRecord:
    return AwardRecord.objects.create(award=award(code), year=year, revoked=revoked, **subject)
