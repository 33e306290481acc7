"""The engine's verdict on a dossier, stored beside it with the pack and version that gave it
(style: "store the pack id and version beside every stored verdict").

The facts are the awards adapter's (`awards.facts`) plus the public postings of proposals that
include the subject, so the engine can judge the posting window (law.md §e.2)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.facts import person_facts, policy_values, unit_facts
from thidua.awards.models import AwardRecord, Initiative
from thidua.core.audit import save_audited
from thidua.core.errors import DomainError
from thidua.eligibility import (
    Case,
    NoPackError,
    Pack,
    PackError,
    PersonFacts,
    UnitFacts,
    Verdict,
    evaluate,
    select_pack,
)
from thidua.eligibility import Posting as PostingFact
from thidua.nominations.components import prerequisite_codes
from thidua.nominations.models import Batch, Dossier, Posting


def subject_q(dossier: Dossier, prefix: str = "") -> Q:
    """Rows about the dossier's subject (a person or a collective)."""
    if dossier.person_id:
        return Q(**{f"{prefix}person_id": dossier.person_id})
    return Q(**{f"{prefix}unit_id": dossier.unit_id})


def _postings(dossier: Dossier) -> tuple[PostingFact, ...]:
    """The subject's nominations that were posted publicly: one fact per award and year, from
    the latest open posting of each proposal (a re-posting starts the window again)."""
    rows = Dossier.objects.filter(subject_q(dossier), status=Dossier.Status.INCLUDED)
    rows = list(rows.select_related("award", "batch__council_session"))
    latest: dict[int, Posting] = {}
    postings = Posting.objects.filter(
        batch_id__in={row.batch_id for row in rows}, status=Posting.Status.OPEN
    ).order_by("opened_on", "pk")
    for posting in postings:
        latest[posting.batch_id] = posting
    facts = []
    for row in rows:
        posting = latest.get(row.batch_id)
        if posting is None:
            continue
        council = row.batch.council_session
        council_on = council.meeting_date if council is not None else None
        facts.append(PostingFact(row.award.code, row.year, posting.opened_on, council_on))
    return tuple(facts)


def subject_facts(
    dossier: Dossier, *, policy: dict[str, Any] | None = None
) -> PersonFacts | UnitFacts:
    """What the engine knows of the subject, with the public postings of its nominations."""
    if dossier.person_id:
        facts: PersonFacts | UnitFacts = person_facts(dossier.person)
    else:
        if policy is None:
            policy = policy_values(dossier.batch.awarding_unit)
        facts = unit_facts(dossier.unit, bar=policy.get("ttldtt_discipline_bar"))
    return replace(facts, postings=_postings(dossier))


def jsonable(value: Any) -> Any:
    """Engine parameters as JSON (dates as ISO strings)."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def pack_for(dossier: Dossier, as_of: date) -> Pack:
    """The pack in force when the proposal was submitted (or on `as_of` before submission)."""
    try:
        pack = select_pack(dossier.year, dossier.batch.submitted_on or as_of)
        pack.award(dossier.award.code)
    except (NoPackError, PackError):
        raise DomainError(
            _("No rules in force judge %(award)s for %(year)s.")
            % {"award": dossier.award, "year": dossier.year},
            field="award",
            code="no_pack",
        ) from None
    return pack


def verdict_apply(dossier: Dossier, *, as_of: date | None = None) -> Verdict:
    """Judge the dossier and set its verdict fields, `relied_on` and (when the user chose none)
    the initiatives the verdict uses; the caller saves the row."""
    as_of = as_of or timezone.localdate()
    # The proposal as it is now: a caller's copy may predate its submission date (the pack).
    dossier.batch = batch = Batch.objects.select_related("awarding_unit").get(pk=dossier.batch_id)
    pack = pack_for(dossier, as_of)
    policy = policy_values(batch.awarding_unit)
    case = Case(
        subject_facts(dossier, policy=policy), dossier.award.code, dossier.year, as_of,
        batch.submitted_on,
    )  # fmt: skip
    verdict = evaluate(case, pack=pack, policy=policy)
    dossier.verdict = jsonable(verdict.as_dict())
    dossier.verdict_status = verdict.status.value
    dossier.pack, dossier.pack_version = verdict.pack, verdict.pack_version
    dossier.verdict_at = timezone.now()
    first, last = verdict.report_period
    # Law Art. 93 / law.md §e.4: what the verdict counted, so a revocation can flag this award.
    dossier.relied_on.set(
        AwardRecord.objects.filter(
            subject_q(dossier),
            revoked=False,
            award__code__in=prerequisite_codes(pack.award(dossier.award.code).rules),
            year__gte=first,
            year__lte=last,
        )
    )
    if verdict.consumes and dossier.person_id and not dossier.initiatives.exists():
        ids = [int(pk) for pk in verdict.consumes]
        dossier.initiatives.set(Initiative.objects.filter(pk__in=ids, person=dossier.person_id))
    return verdict


@transaction.atomic
def verdict_refresh(*, dossier: Dossier, as_of: date | None = None, by: Any = None) -> Verdict:
    """Judge the dossier again (e.g. after a freeze was opened) and store the verdict."""
    verdict = verdict_apply(dossier, as_of=as_of)
    save_audited(dossier, by=by, reason=_("Verdict refreshed"), clean=False)
    return verdict
