"""The shapes the API reads and writes (pydantic, through django-ninja's Schema).

Inputs refuse unknown fields, so a misspelt field is noticed; texts refuse the NUL character,
which PostgreSQL cannot store; numbers and dates are bounded so no value can overflow a column.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import ConfigDict, StringConstraints

MAX_ID = 2**63 - 1
NO_NUL = r"^[^\x00]*$"
FIRST_DAY, LAST_DAY = dt.date(1945, 1, 1), dt.date(2100, 12, 31)

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Code = Annotated[str, StringConstraints(min_length=1, max_length=32, pattern=NO_NUL)]
Search = Annotated[str, StringConstraints(max_length=100, pattern=NO_NUL)]
Year = Annotated[int, Field(ge=1945, le=2100)]
Day = Annotated[dt.date, Field(ge=FIRST_DAY, le=LAST_DAY)]
# A reported figure: what an IndicatorReport column holds (18 digits, 4 after the point).
Figure = Annotated[Decimal, Field(max_digits=18, decimal_places=4, allow_inf_nan=False)]


def text(max_length: int, *, min_length: int = 0) -> Any:
    return Annotated[
        str, StringConstraints(min_length=min_length, max_length=max_length, pattern=NO_NUL)
    ]


class Input(Schema):
    model_config = ConfigDict(extra="forbid")


# ---- organisation ------------------------------------------------------------------------------
class UnitRef(Schema):
    id: int
    code: str
    name: str


class UnitOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    document_style: str = Field(description="state, party or armed_forces")
    issuer_code: str
    active_from: dt.date | None
    active_to: dt.date | None


class ClusterRef(Schema):
    id: int
    number: int | None
    name: str


class UnitClusterOut(Schema):
    cluster: ClusterRef
    joined_on: dt.date
    left_on: dt.date | None


class UnitDetailOut(UnitOut):
    children: list[UnitRef]
    clusters: list[UnitClusterOut]


class UnitFilters(Schema):
    q: Search | None = Field(None, description="Words of the name or code; accents ignored.")
    code: Code | None = Field(None, description="Exactly this code (case ignored).")
    parent: Id | None = Field(None, description="Only the direct sub-units of this unit.")


class PersonOut(Schema):
    id: int
    full_name: str
    gender: str
    staff_code: str
    position: str
    unit: UnitRef | None


class PersonDetailOut(PersonOut):
    birth_date: dt.date | None
    employment_start: dt.date | None


class PersonFilters(Schema):
    q: Search | None = Field(None, description="Words of the name or staff code; accents ignored.")
    unit: Id | None = Field(None, description="Only people of this unit and its sub-units.")


class ClusterOut(Schema):
    id: int
    number: int | None
    name: str
    kind: str
    organiser: UnitRef
    is_active: bool
    member_count: int = Field(description="Member units on the chosen day.")
    leader: UnitRef | None = Field(description="The leading unit in the chosen day's year.")

    @staticmethod
    def resolve_leader(cluster: Any) -> Any:
        leaders = getattr(cluster, "leaders", None) or []  # prefetched for the day's year
        return leaders[0].unit if leaders else None


class ClusterMemberOut(Schema):
    unit: UnitRef
    joined_on: dt.date
    left_on: dt.date | None


class ClusterDetailOut(Schema):
    id: int
    number: int | None
    name: str
    kind: str
    organiser: UnitRef
    is_active: bool
    description: str
    on: dt.date
    year: int
    members: list[ClusterMemberOut]
    leader: UnitRef | None
    deputy: UnitRef | None


class ClusterQuery(Schema):
    on: Day | None = Field(None, description="Members on this day (default: today).")


class ClusterDetailQuery(ClusterQuery):
    year: Year | None = Field(None, description="Leader of this year (default: the day's year).")


# ---- awards and decisions ----------------------------------------------------------------------
class AwardRecordOut(Schema):
    id: int
    award: str
    award_name: str
    person_id: int | None
    unit_id: int | None
    year: int
    period_start: int | None
    decision_number: str
    decision_date: dt.date | None
    issuer: str
    limb: str
    revoked: bool
    source: str

    @staticmethod
    def resolve_award(record: Any) -> str:
        return record.award.code

    @staticmethod
    def resolve_award_name(record: Any) -> str:
        return record.award.name


class AwardRecordIn(Input):
    unit: Code = Field(
        description="The unit's code: the collective itself, or the unit (with its sub-units) "
        "the person works in."
    )
    staff_code: text(32) | None = Field(None, description="The person's staff code.")
    full_name: text(150) | None = Field(None, description="Required with staff_code, as a check.")
    award: Code
    year: Year
    period_start: Year | None = None
    decision_number: text(64, min_length=1)
    decision_date: Day
    issuer: text(255, min_length=1)
    limb: text(16) = Field("", description="CSTDCS only: htxs or initiative.")
    revoked: bool = False


class YearQuery(Schema):
    year: Year | None = None


class DecisionOut(Schema):
    id: int
    number: int | None
    number_text: str = Field(description='"Số 12-QĐ/BTCTW" (Party) or "Số: 12/QĐ-UBND" (State)')
    year: int
    signed_on: dt.date | None
    style: str
    issuer_id: int | None
    issuer_name: str
    issuer_code: str
    abstract: str
    place: str
    signer_name: str
    signer_title: str
    corrects_id: int | None


class DecisionLineOut(Schema):
    order: int
    award: str
    award_name: str
    person_id: int | None
    unit_id: int | None
    label: str
    year: int
    period_start: int | None
    multiplier: Decimal | None
    amount: Decimal | None
    revoked: bool


class DecisionDetailOut(DecisionOut):
    lines: list[DecisionLineOut]
    total: Decimal


class DecisionQuery(Schema):
    year: Year | None = None
    q: Search | None = Field(None, description="Words of the issuer or the abstract.")


# ---- eligibility -------------------------------------------------------------------------------
class VerdictIn(Input):
    subject: dict[str, Any] = Field(
        description="A person or a collective in the JSON facts format of docs/eligibility.md."
    )
    award: Code
    year: Year
    as_of: Day | None = Field(None, description="Judge on this day (default: today).")
    submitted_on: Day | None = Field(None, description="The dossier's date (selects the pack).")


class SubjectVerdictQuery(Schema):
    award: Code
    year: Year | None = Field(None, description="Default: the year under review.")


class OutcomeOut(Schema):
    rule: str
    result: str = Field(description="passed, failed, deferred, pending_document or info")
    message: str = Field(description="The message key.")
    text: str = Field(description="The message in words, in the language asked for.")
    params: dict[str, Any]
    clause: str


class VerdictOut(Schema):
    subject: str
    award: str
    award_name: str
    year: int
    status: str = Field(description="eligible, ineligible, deferred or pending_document")
    status_label: str
    pack: str
    pack_version: str
    pack_title: str
    pack_effective_from: dt.date
    report_period: list[int]
    consumes: list[str]
    limb: str
    as_of: dt.date
    submitted_on: dt.date | None
    outcomes: list[OutcomeOut]


# ---- indicator values --------------------------------------------------------------------------
class IndicatorValueIn(Input):
    unit: Code
    indicator: Code
    year: Annotated[int, Field(ge=2000, le=2100)]
    period: text(2, min_length=1) = Field(description="Q1-Q4, H1, H2 or Y")
    cluster: Id | None = Field(None, description="Only when two clusters share the code.")
    numerator: Figure | None = None
    denominator: Figure | None = None
    value: Figure | None = None
    note: text(2000) | None = Field(None, description="Left out: the current note stays.")
    submit: bool = Field(False, description="Also send the report to the cluster leader.")


class IndicatorValueOut(Schema):
    report: int
    result: str = Field(description="created, replaced or unchanged")
    status: str
    revision: int
    unit: str
    indicator: str
    cluster: int
    year: int
    period: str
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    note: str


class ErrorItem(Schema):
    field: str
    code: str
    message: str


class ErrorOut(Schema):
    error: str
    message: str
    errors: list[ErrorItem] = []
