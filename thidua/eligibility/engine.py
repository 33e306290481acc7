"""Evaluate one case: pick the pack, run the award's rules in order, build the verdict."""

from __future__ import annotations

from datetime import date

from .calendar import WorkCalendar
from .checks import run_rule
from .context import Context
from .facts import Case, PersonFacts
from .packs import Pack, PackError, rules_in_force, select_pack
from .policy import Policy
from .verdict import Verdict, status_of


def evaluate(
    case: Case,
    *,
    pack: Pack | None = None,
    policy: dict | Policy | None = None,
    calendar: WorkCalendar | None = None,
) -> Verdict:
    """The verdict on `case`; `policy` overrides the pack's defaults for an organisation."""
    pack = pack or select_pack(case.year, case.submitted_on or case.as_of)
    award = pack.award(case.award)
    expected = "individual" if isinstance(case.subject, PersonFacts) else "collective"
    if award.subject != expected:
        raise PackError(f"{case.award} is for a {award.subject}, not a {expected}")
    rules_policy = resolve_policy(pack, policy)
    ctx = Context(
        case=case,
        pack=pack,
        policy=rules_policy,
        calendar=calendar or WorkCalendar.of(rules_policy),
    )
    outcomes = []
    for rule in rules_in_force(award.rules, case.submitted_on or case.as_of):
        outcomes.extend(run_rule(ctx, rule))
    return Verdict(
        subject=case.subject.id,
        award=award.code,
        year=case.year,
        status=status_of(outcomes),
        outcomes=tuple(outcomes),
        pack=pack.id,
        pack_version=pack.version_label,
        report_period=(case.year - award.report_years + 1, case.year),
        consumes=tuple(dict.fromkeys(ctx.consumes)),
        limb=ctx.limb,
    )


def resolve_policy(pack: Pack, policy: dict | Policy | None) -> Policy:
    if isinstance(policy, Policy):
        return policy
    return Policy.from_mapping(policy or {}, base=pack.policy)


def check(
    subject, award: str, year: int, *, as_of: date, submitted_on: date | None = None, **kwargs
) -> Verdict:
    """Shorthand: `check(person, "LDTT", 2025, as_of=date(2026, 1, 15))`."""
    return evaluate(Case(subject, award, year, as_of, submitted_on), **kwargs)
