"""Reads for the award pages: verdict panels and who-is-due lists, with reasons in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy

from thidua.awards.facts import person_facts, policy_values, unit_facts
from thidua.awards.messages import STATUS_LABELS, describe
from thidua.awards.models import AwardRecord, AwardType, StoredVerdict, Sweep
from thidua.eligibility import (
    Case,
    NoPackError,
    Outcome,
    PackError,
    Policy,
    Result,
    Status,
    Verdict,
    evaluate,
    pack_by_id,
)
from thidua.eligibility import select_pack as _select_pack
from thidua.org.models import Person, Unit

ALREADY_HELD = gettext_lazy("Already received")
STATUS_ORDER = [Status.ELIGIBLE, Status.PENDING_DOCUMENT, Status.DEFERRED, Status.INELIGIBLE]


def evaluation_year(today: date | None = None) -> int:
    """The year under review: last year until December, when this year's review starts."""
    today = today or timezone.localdate()
    return today.year if today.month == 12 else today.year - 1


@dataclass(frozen=True)
class ReasonRow:
    text: str
    clause: str
    result: str


@dataclass(frozen=True)
class VerdictRow:
    award: AwardType
    verdict: Verdict
    reasons: list[ReasonRow]

    @property
    def already_held(self) -> bool:
        """Not eligible only because the award is already received for the year."""
        return [o.message for o in self.verdict.failed] == ["award.already_held"]

    @property
    def status_label(self) -> str:
        if self.already_held:
            return str(ALREADY_HELD)
        return str(STATUS_LABELS[self.verdict.status])

    @property
    def status(self) -> str:
        return "held" if self.already_held else self.verdict.status.value


def award_names() -> dict[str, str]:
    field = "name_en" if (get_language() or "").startswith("en") else "name"
    return dict(AwardType.objects.values_list("code", field))


def _reasons(outcomes: tuple[Outcome, ...], names: dict[str, str], *, all_: bool) -> list:
    shown = [o for o in outcomes if all_ or o.result not in (Result.PASSED, Result.INFO)]
    return [ReasonRow(describe(o, names), o.clause, o.result.value) for o in shown]


def _panel(subject, codes: list[AwardType], year: int, as_of: date, policy) -> list[VerdictRow]:
    try:
        pack = _select_pack(year, as_of)
    except NoPackError:
        return []
    names = award_names()
    rows = []
    for award in codes:
        if award.code not in pack.awards:
            continue
        verdict = evaluate(Case(subject, award.code, year, as_of), pack=pack, policy=policy)
        all_ = verdict.status is Status.ELIGIBLE
        rows.append(VerdictRow(award, verdict, _reasons(verdict.outcomes, names, all_=all_)))
    rows.sort(key=lambda r: STATUS_ORDER.index(r.verdict.status))
    return rows


def person_panel(person: Person, *, year: int, as_of: date) -> list[VerdictRow]:
    """Every individual award judged now: eligible ones first, then what is missing."""
    awards = list(AwardType.objects.filter(subject="individual"))
    return _panel(person_facts(person), awards, year, as_of, policy_values(person.unit))


def unit_panel(unit: Unit, *, year: int, as_of: date) -> list[VerdictRow]:
    policy = policy_values(unit)
    bar = policy.get("ttldtt_discipline_bar")
    awards = list(AwardType.objects.filter(subject="collective"))
    return _panel(unit_facts(unit, bar=bar), awards, year, as_of, policy)


def person_records(person: Person) -> QuerySet[AwardRecord]:
    return (
        AwardRecord.objects.filter(person=person)
        .select_related("award")
        .prefetch_related("initiatives")
    )


def latest_sweep(unit: Unit | None, year: int) -> Sweep | None:
    return (
        Sweep.objects.filter(unit=unit, year=year, finished_at__isnull=False)
        .order_by("-finished_at")
        .first()
    )


def due_list(sweep: Sweep, award: str, statuses: list[str]) -> QuerySet[StoredVerdict]:
    return (
        StoredVerdict.objects.filter(sweep=sweep, award=award, status__in=statuses)
        .select_related("person", "person__unit", "unit")
        .order_by("status", "person__sort_name", "unit__name")
    )


def stored_reasons(row: StoredVerdict, names: dict[str, str]) -> list[ReasonRow]:
    """The reasons of a stored verdict; a batch sweep stores only the rules that did not pass,
    so their wording comes from judging that one subject again with the same pack."""
    if row.outcomes or not row.failed_rules or row.person_id is None:
        outcomes = tuple(
            Outcome(o["rule"], Result(o["result"]), o["message"], o["params"], o["clause"])
            for o in row.outcomes
        )
        return _reasons(outcomes, names, all_=False)
    try:
        pack = pack_by_id(row.pack)
    except PackError:
        return []
    case = Case(person_facts(row.person), row.award, row.year, row.as_of)
    verdict = evaluate(case, pack=pack, policy=policy_values(row.person.unit))
    return _reasons(verdict.outcomes, names, all_=False)


@dataclass(frozen=True)
class Cap:
    limit: int
    base: int
    share: str


def cstdcs_cap(sweep: Sweep | None, unit: Unit) -> Cap | None:
    """An organisation's CSTĐCS cap (none in Law 2022; 15 % of LĐTT under ND 91/2017)."""
    if sweep is None:
        return None
    policy = Policy.from_mapping(
        policy_values(unit), base=_select_pack(sweep.year, sweep.as_of).policy
    )
    if policy.cstdcs_cap is None:
        return None
    base = (
        StoredVerdict.objects.filter(
            sweep=sweep, award="LDTT", status__in=[Status.ELIGIBLE.value]
        ).count()
        + AwardRecord.objects.filter(
            person__in=StoredVerdict.objects.filter(sweep=sweep, award="LDTT").values("person"),
            award__code="LDTT",
            year=sweep.year,
            revoked=False,
        ).count()
    )
    limit = policy.cap(base, policy.cstdcs_cap, policy.cstdcs_cap_rounding)
    return Cap(limit=limit, base=base, share=f"{float(policy.cstdcs_cap * 100):g}")
