"""Sweeps: judge everyone in a unit's subtree for a year and store the verdicts with the pack.

Stored verdicts keep the pack id and version, so a verdict can be audited after the rules
change. The sweep reads everything first and writes all verdicts in one transaction.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.facts import person_facts, policy_values
from thidua.awards.models import StoredVerdict, Sweep
from thidua.core.jobs import Progress, job_runner, job_start
from thidua.core.models import Job
from thidua.eligibility import Case, Verdict, evaluate, select_pack
from thidua.eligibility.packs import Pack
from thidua.org.models import Person, Unit

SWEEP = "awards.sweep"
NOT_PASSED = ("failed", "deferred", "pending_document")


def sweep_start(
    *, by: Any, year: int, as_of: date, unit: Unit | None = None,
    awards: list[str] | None = None, queue: bool = True, return_url: str = "",
) -> Sweep:  # fmt: skip
    pack = select_pack(year, as_of)
    sweep = Sweep.objects.create(
        year=year, as_of=as_of, unit=unit, awards=awards or [], pack=pack.id,
        pack_version=pack.version_label, started_by=by if by and by.is_authenticated else None,
    )  # fmt: skip
    title = _("Eligibility check %(year)s: %(scope)s") % {
        "year": year,
        "scope": unit.name if unit else _("everyone"),
    }
    sweep.job = job_start(
        kind=SWEEP,
        title=title,
        params={"sweep_id": sweep.pk, "return_url": return_url},
        by=sweep.started_by,
        queue=queue,
    )
    sweep.save(update_fields=["job"])
    return sweep


def _codes(pack: Pack, subject: str, wanted: list[str]) -> list[str]:
    return [
        c for c, a in pack.awards.items() if a.subject == subject and (not wanted or c in wanted)
    ]


def _stored(sweep: Sweep, verdict: Verdict, **subject: Any) -> StoredVerdict:
    return StoredVerdict(
        sweep=sweep, award=verdict.award, year=verdict.year, as_of=sweep.as_of,
        status=verdict.status.value, pack=verdict.pack, pack_version=verdict.pack_version,
        failed_rules=[o.rule for o in verdict.outcomes if o.result.value in NOT_PASSED],
        outcomes=[_jsonable(o.as_dict()) for o in verdict.outcomes],
        consumes=list(verdict.consumes), **subject,
    )  # fmt: skip


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


@job_runner(SWEEP)
def sweep_run(job: Job, progress: Progress) -> None:
    """Set-based: read the facts in a few queries, judge each award for everyone at once."""
    from thidua.awards import batch_sweep

    sweep = Sweep.objects.select_related("unit").get(pk=job.params["sweep_id"])
    pack = select_pack(sweep.year, sweep.as_of)
    person_codes = _codes(pack, "individual", sweep.awards)
    unit_codes = _codes(pack, "collective", sweep.awards)
    progress.set_total(4)
    people = batch_sweep.person_verdicts(sweep, pack, person_codes)
    progress.advance(1)
    units = batch_sweep.unit_verdicts(sweep, pack, unit_codes)
    progress.advance(2)
    with transaction.atomic():
        eligible = batch_sweep.store(sweep, people, "person")
        progress.advance(3)
        eligible += batch_sweep.store(sweep, units, "unit")
        subjects = _distinct(people) + _distinct(units)
        tally = {**batch_sweep.counts(people), **batch_sweep.counts(units)}
        Sweep.objects.filter(pk=sweep.pk).update(
            subjects=subjects, eligible=eligible, counts=tally, finished_at=timezone.now()
        )


def _distinct(verdicts) -> int:
    return verdicts["subject"].n_unique() if not verdicts.is_empty() else 0


def scalar_verdicts(sweep: Sweep, pack: Pack, person: Person) -> list[StoredVerdict]:
    """The per-person path (the ORM adapter + the scalar engine): pages and the benchmark."""
    codes = _codes(pack, "individual", sweep.awards)
    return _judge(sweep, pack, person_facts(person), codes, person.unit, person=person)


def _judge(sweep, pack, facts, codes, policy_unit, **subject) -> list[StoredVerdict]:
    policy = policy_values(policy_unit)
    out = []
    for code in codes:
        verdict = evaluate(Case(facts, code, sweep.year, sweep.as_of), pack=pack, policy=policy)
        out.append(_stored(sweep, verdict, **subject))
    return out
