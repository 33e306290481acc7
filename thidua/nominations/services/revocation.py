"""Revocation of a decision line (Law 06/2022 Art. 93, law.md §e.4), what it puts in doubt, and
the money and insignia recovered.

Revoking an award also questions every later award that relied on it as a prerequisite (e.g. a
Chiến sĩ thi đua toàn quốc whose chain counted a revoked Chiến sĩ thi đua Bộ). law.md §e.4 marks
this cascade as our design inference [U]: a flag is a question for a person, never an automatic
revocation; revoking the flagged award in turn (through `line_revoke`) cascades further."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.facts import person_facts, policy_values, unit_facts
from thidua.awards.models import AwardRecord
from thidua.core.audit import actor, save_audited
from thidua.core.errors import DomainError
from thidua.core.formatting import short_date
from thidua.eligibility import Case, NoPackError, PackError, evaluate, select_pack
from thidua.nominations.components import prerequisite_codes
from thidua.nominations.models import DecisionLine, Recovery, ReviewFlag, Revocation
from thidua.nominations.selectors.decisions import recovered_total

__all__ = [
    "cascade",
    "flag_resolve",
    "line_revoke",
    "prerequisite_codes",
    "recovered_total",
    "recovery_record",
]


def _required(value: str, field: str, message: str) -> str:
    if not (value or "").strip():
        raise DomainError(message, field=field, code="required")
    return value.strip()


@transaction.atomic
def line_revoke(
    *, line: DecisionLine, ground: str, reason: str, document_ref: str, revoked_on: date, by: Any
) -> Revocation:
    """Revoke one recipient of an issued decision: the award leaves the live history, the money
    is to be recovered, and later awards that relied on it are flagged for review."""
    decision = line.decision
    if not decision.is_issued:
        raise DomainError(_("Only a line of an issued decision can be revoked."), code="not_issued")
    if Revocation.objects.filter(line=line).exists():
        raise DomainError(_("This award has already been revoked."), code="already_revoked")
    record = line.award_record
    if record is not None and record.revoked:
        raise DomainError(
            _("This award was replaced by a correcting decision; revoke the line there."),
            code="replaced",
        )
    reason = _required(reason, "reason", _("Give the reason for the revocation."))
    document_ref = _required(
        document_ref, "document_ref", _("Give the number of the revoking decision.")
    )
    if decision.signed_on and revoked_on < decision.signed_on:
        raise DomainError(
            _("The revocation cannot be dated before the decision (%(day)s).")
            % {"day": short_date(decision.signed_on)},
            field="revoked_on",
            code="date",
        )
    revocation = Revocation(
        line=line, ground=ground, reason=reason, document_ref=document_ref,
        revoked_on=revoked_on, amount_to_recover=line.amount or Decimal(0), by=actor(by),
    )  # fmt: skip
    save_audited(revocation, by=by)
    if record is not None:
        record.revoked = True
        note = _("Revoked by %(ref)s: %(reason)s") % {"ref": document_ref, "reason": reason}
        save_audited(record, by=by, reason=note)
        _close_flags_on(record, revocation, by)
    cascade(revocation)
    return revocation


def _close_flags_on(record: AwardRecord, revocation: Revocation, by: Any) -> None:
    """Open questions about the award just revoked are answered by the revocation itself."""
    note = _("Revoked by %(ref)s.") % {"ref": revocation.document_ref}
    for flag in record.review_flags.filter(status=ReviewFlag.Status.OPEN):
        flag.status, flag.note = ReviewFlag.Status.REVOKED, note
        flag.resolved_by, flag.resolved_at = actor(by), timezone.now()
        save_audited(flag, by=by)


def _subject_q(record: AwardRecord) -> Q:
    if record.person_id:
        return Q(person_id=record.person_id)
    return Q(unit_id=record.unit_id)


def _covers(record: AwardRecord, year: int) -> bool:
    """Whether the record's achievement period (as recorded, else its award's report period)
    includes `year`."""
    start = record.period_start or record.year - record.award.report_years + 1
    return start <= year <= record.year


def _pack_award(record: AwardRecord) -> Any:
    try:
        pack = select_pack(record.year, record.decision_date or timezone.localdate())
    except NoPackError:
        return None, None
    return pack, pack.awards.get(record.award.code)


def _later_dependants(revoked: AwardRecord) -> list[AwardRecord]:
    later = (
        AwardRecord.objects.filter(_subject_q(revoked), revoked=False, year__gte=revoked.year)
        .exclude(pk=revoked.pk)
        .select_related("award")
    )
    out = []
    for record in later:
        _pack, award = _pack_award(record)
        named = award is not None and revoked.award.code in prerequisite_codes(award.rules)
        if named and _covers(record, revoked.year):
            out.append(record)
    return out


def _verdict_without(record: AwardRecord) -> dict[str, Any]:
    """The engine's verdict on the flagged award as if judged again now: facts drop revoked
    awards, and the award itself is left out so it does not count as "already held"."""
    pack, award = _pack_award(record)
    if award is None:
        return {}
    subject = record.person or record.unit
    home = record.person.unit if record.person_id else record.unit
    policy = policy_values(home)
    if record.person_id:
        facts = person_facts(record.person)
    else:
        facts = unit_facts(record.unit, bar=policy.get("ttldtt_discipline_bar"))
    own = (record.award.code, record.year)
    facts = replace(facts, awards=tuple(a for a in facts.awards if (a.code, a.year) != own))
    as_of = record.decision_date or timezone.localdate()
    try:
        verdict = evaluate(Case(facts, award.code, record.year, as_of), pack=pack, policy=policy)
    except PackError:
        return {"subject": str(subject)}
    # Outcome parameters may hold dates: store them as JSON text, as the dossier's verdict is.
    return json.loads(json.dumps(verdict.as_dict(), cls=DjangoJSONEncoder))


def cascade(revocation: Revocation) -> list[ReviewFlag]:
    """Flag every later live award of the same subject whose rules name the revoked award as a
    prerequisite within their achievement period, and every award whose dossier relied on it."""
    revoked = revocation.line.award_record
    if revoked is None:
        return []
    records = {r.pk: r for r in _later_dependants(revoked)}
    relied = AwardRecord.objects.filter(
        decision_line__dossier__relied_on=revoked, revoked=False
    ).select_related("award")
    records.update({r.pk: r for r in relied})
    flags = []
    for record in sorted(records.values(), key=lambda r: (r.year, r.pk)):
        if ReviewFlag.objects.filter(revocation=revocation, award_record=record).exists():
            continue
        flag = ReviewFlag(revocation=revocation, award_record=record)
        flag.verdict = _verdict_without(record)
        save_audited(flag, by=revocation.by)
        flags.append(flag)
    return flags


@transaction.atomic
def recovery_record(
    *, revocation: Revocation, amount: Decimal, recovered_on: date, by: Any,
    insignia_returned: bool = False, note: str = "",
) -> Recovery:  # fmt: skip
    """Money (and insignia) given back after a revocation; one row per payment."""
    if amount < 0:
        raise DomainError(_("The amount cannot be negative."), field="amount", code="amount")
    if amount == 0 and not insignia_returned:
        raise DomainError(
            _("Enter the amount recovered or tick that the insignia was returned."),
            field="amount",
            code="amount",
        )
    left = revocation.amount_to_recover - recovered_total(revocation)
    if amount > left:
        raise DomainError(
            _("The amount is more than what is left to recover (%(left)s VND).")
            % {"left": f"{max(left, 0):,}".replace(",", ".")},
            field="amount",
            code="too_much",
        )
    if recovered_on < revocation.revoked_on:
        raise DomainError(
            _("Money cannot be recovered before the revocation (%(day)s).")
            % {"day": short_date(revocation.revoked_on)},
            field="recovered_on",
            code="date",
        )
    row = Recovery(
        revocation=revocation, amount=amount, recovered_on=recovered_on,
        insignia_returned=insignia_returned, note=note, by=actor(by),
    )  # fmt: skip
    save_audited(row, by=by)
    return row


@transaction.atomic
def flag_resolve(*, flag: ReviewFlag, status: str, note: str, by: Any) -> ReviewFlag:
    """Answer a review flag: the award stands ("kept") or was revoked in turn ("revoked")."""
    if flag.status != ReviewFlag.Status.OPEN:
        raise DomainError(_("This review has already been answered."), code="resolved")
    if status not in (ReviewFlag.Status.KEPT, ReviewFlag.Status.REVOKED):
        raise DomainError(_("Choose the result of the review."), field="status", code="status")
    flag.note = _required(note, "note", _("Explain the result of the review."))
    flag.status = status
    flag.resolved_by, flag.resolved_at = actor(by), timezone.now()
    save_audited(flag, by=by)
    return flag
