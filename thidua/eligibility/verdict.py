"""The engine's answer: a status and the outcomes that explain it, each citing the law."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Result(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    DEFERRED = "deferred"  # frozen while a review or complaint is verified
    PENDING_DOCUMENT = "pending_document"  # eligible once a missing paper is on file
    INFO = "info"  # a note for the reviewer that decides nothing


class Status(StrEnum):
    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    DEFERRED = "deferred"
    PENDING_DOCUMENT = "pending_document"


@dataclass(frozen=True)
class Outcome:
    rule: str  # rule id in the pack, e.g. "cstdcs.limb"
    result: Result
    message: str  # message key, translated at the edge (thidua.awards.messages)
    params: dict[str, Any] = field(default_factory=dict)
    clause: str = ""  # e.g. "Luật 06/2022/QH15, Điều 23"

    @property
    def passed(self) -> bool:
        return self.result in (Result.PASSED, Result.INFO)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "result": self.result.value,
            "message": self.message,
            "params": dict(self.params),
            "clause": self.clause,
        }


@dataclass(frozen=True)
class Verdict:
    subject: str
    award: str
    year: int
    status: Status
    outcomes: tuple[Outcome, ...]
    pack: str
    pack_version: str
    report_period: tuple[int, int]
    consumes: tuple[str, ...] = ()  # initiative ids the award would use up
    limb: str = ""  # for CSTĐCS: the path the title would be won on

    @property
    def failed(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.result is Result.FAILED)

    def as_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "award": self.award,
            "year": self.year,
            "status": self.status.value,
            "pack": self.pack,
            "pack_version": self.pack_version,
            "report_period": list(self.report_period),
            "consumes": list(self.consumes),
            "limb": self.limb,
            "outcomes": [o.as_dict() for o in self.outcomes],
        }


def status_of(outcomes: tuple[Outcome, ...] | list[Outcome]) -> Status:
    """A freeze outranks everything; then a failure; then a missing paper."""
    results = {o.result for o in outcomes}
    if Result.DEFERRED in results:
        return Status.DEFERRED
    if Result.FAILED in results:
        return Status.INELIGIBLE
    if Result.PENDING_DOCUMENT in results:
        return Status.PENDING_DOCUMENT
    return Status.ELIGIBLE
