"""The engine behind the API: facts sent by the caller, or the facts thidua holds on a subject.

The answer is the engine's verdict as JSON (`thidua.eligibility.cli.render_json`: pack, version,
outcomes with their message keys and clauses) plus each outcome in words in the caller's language
(`awards.messages.describe`, as the pages show them). A question the engine cannot be asked — bad
facts, an unknown award, no pack for the year — is a 422 with the reason, never a 500.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.facts import person_facts, policy_values, unit_facts
from thidua.awards.messages import STATUS_LABELS, describe
from thidua.awards.selectors import award_names
from thidua.core.errors import DomainError
from thidua.eligibility import (
    Case,
    NoPackError,
    Pack,
    PersonFacts,
    PolicyError,
    Status,
    evaluate,
    facts_json,
    select_pack,
)
from thidua.eligibility.cli import render_json
from thidua.org.models import Person, Unit

INDIVIDUAL, COLLECTIVE = "individual", "collective"


class FactsRefused(ValidationError):
    """The facts document has errors; each keeps its JSON path ("subject.ratings[2].rating")."""

    code = "invalid_facts"
    # The engine words its problems in English (docs/eligibility.md §2); the headline is ours.
    headline = gettext_lazy("The facts are not valid; see the list of errors.")

    def __init__(self, exc: facts_json.FactsError):
        by_field: dict[str, list[str]] = {}
        for field, message in exc.errors:
            by_field.setdefault(field or "subject", []).append(message)
        super().__init__(by_field)


def verdict_from_facts(
    *, subject: dict[str, Any], award: str, year: int, as_of: Any = None, submitted_on: Any = None
) -> dict[str, Any]:
    """The verdict on facts sent by the caller (the JSON facts format of docs/eligibility.md)."""
    raw = {"subject": subject, "award": award, "year": year}
    raw["as_of"] = (as_of or timezone.localdate()).isoformat()
    if submitted_on is not None:
        raw["submitted_on"] = submitted_on.isoformat()
    try:
        case = facts_json.parse_case(raw)
    except facts_json.FactsError as exc:
        raise FactsRefused(exc) from exc
    pack = _pack(case.year, case.submitted_on or case.as_of)
    kind = INDIVIDUAL if isinstance(case.subject, PersonFacts) else COLLECTIVE
    code = _award_code(pack, case.award, kind)
    case = Case(case.subject, code, case.year, case.as_of, case.submitted_on, case.notes)
    return _judge(case, pack, policy=None)


def verdict_for_person(person: Person, *, award: str, year: int) -> dict[str, Any]:
    """The verdict on the facts thidua holds, as the person's award page judges them."""
    today = timezone.localdate()
    pack = _pack(year, today)
    code = _award_code(pack, award, INDIVIDUAL)
    case = Case(person_facts(person), code, year, today)
    return _judge(case, pack, policy=policy_values(person.unit))


def verdict_for_unit(unit: Unit, *, award: str, year: int) -> dict[str, Any]:
    today = timezone.localdate()
    pack = _pack(year, today)
    code = _award_code(pack, award, COLLECTIVE)
    policy = policy_values(unit)
    case = Case(unit_facts(unit, bar=policy.get("ttldtt_discipline_bar")), code, year, today)
    return _judge(case, pack, policy=policy)


def _pack(year: int, day: Any) -> Pack:
    try:
        return select_pack(year, day)
    except NoPackError as exc:
        message = _("No rule pack judges the year %(year)s on %(day)s.")
        raise DomainError(
            message % {"year": year, "day": day.isoformat()}, field="year", code="no_pack"
        ) from exc


def _award_code(pack: Pack, award: str, kind: str) -> str:
    """The award's code in the pack; an unknown code or the wrong kind of subject is refused."""
    code = award.strip().upper()
    found = pack.awards.get(code)
    if found is None:
        fitting = sorted(c for c, a in pack.awards.items() if a.subject == kind)
        message = _("Unknown award code %(code)s. Codes in %(pack)s: %(codes)s.")
        values = {"code": award, "pack": pack.id, "codes": ", ".join(fitting)}
        raise DomainError(message % values, field="award", code="unknown_award")
    if found.subject != kind:
        message = (
            _("%(code)s is awarded to individuals, not to units.")
            if found.subject == INDIVIDUAL
            else _("%(code)s is awarded to collectives, not to people.")
        )
        raise DomainError(message % {"code": code}, field="award", code="subject")
    return code


def _judge(case: Case, pack: Pack, *, policy: dict[str, Any] | None) -> dict[str, Any]:
    try:
        verdict = evaluate(case, pack=pack, policy=policy)
    except PolicyError as exc:
        message = _("Setting %(name)s: %(problem)s") % {"name": exc.name, "problem": exc.problem}
        raise DomainError(message, code="policy") from exc
    except (OverflowError, ValueError) as exc:  # e.g. dates at the very end of the calendar
        message = _("These facts cannot be judged: %(reason)s.") % {"reason": exc}
        raise DomainError(message, field="subject", code="unjudgeable") from exc
    data = json.loads(render_json(verdict, pack, case))
    names = award_names() or {}
    for code, award in pack.awards.items():
        names.setdefault(code, award.name_vi)
    for outcome, out in zip(verdict.outcomes, data["outcomes"], strict=True):
        out["text"] = describe(outcome, names)
    data["award_name"] = names.get(verdict.award, verdict.award)
    data["status_label"] = str(STATUS_LABELS[Status(verdict.status)])
    return data
