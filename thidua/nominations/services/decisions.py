"""Decisions (quyết định khen thưởng): drafting, numbering, issuing into the award history,
and corrections. An issued decision is immutable; a correction is a new decision that refers to
the old one (law.md §e.5 numbering; law-updates-2025.md §2.2 b.4 and its Addendum for money)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.facts import policy_values
from thidua.awards.models import AwardRecord, AwardType
from thidua.awards.services import award_record_add
from thidua.core.audit import actor, delete_audited, save_audited
from thidua.core.errors import DomainError
from thidua.nominations import money
from thidua.nominations import signals as _signals  # also registers the immutability guard
from thidua.nominations.models import Batch, Decision, DecisionLine, Dossier, RouteStep
from thidua.nominations.selectors.decisions import base_salary_on, decision_candidates
from thidua.org.models import Person, Unit

EDITABLE = (
    "abstract", "issuer_name", "issuer_code", "style", "type_code", "place", "signer_name",
    "signer_title", "rounding", "year",
)  # fmt: skip
LINE_EDITABLE = ("label", "multiplier", "year", "period_start")


def _require_draft(decision: Decision) -> None:
    if decision.is_issued:
        raise _signals.issued_error()


def default_rounding(unit: Unit | None) -> str:
    """The issuer's policy `money_rounding`; ND 98/2023 Art. 53(2) (up to 10,000) otherwise."""
    rule = policy_values(unit).get("money_rounding", money.DEFAULT_RULE)
    return rule if rule in money.STEPS else money.DEFAULT_RULE


def reference(decision: Decision) -> str:
    """The number and symbol without "Số"/"Số:", as the award history records it."""
    return decision.number_text.removeprefix("Số:").removeprefix("Số").strip()


@transaction.atomic
def decision_draft(
    *, by: Any, issuer: Unit | None, abstract: str, year: int | None = None,
    batch: Batch | None = None, issuer_name: str = "", issuer_code: str = "", style: str = "",
    signer_name: str = "", signer_title: str = "", place: str = "", rounding: str = "",
) -> Decision:  # fmt: skip
    """A draft decision; the issuer's name, abbreviation and style come from the unit unless
    given (an authority outside thidua, e.g. "Thủ tướng Chính phủ" / "TTg", has no unit).
    `rounding` defaults to the issuer's policy (see `default_rounding`)."""
    if issuer is not None:
        issuer_name = issuer_name or issuer.name
        issuer_code = issuer_code or issuer.issuer_code or issuer.code
        party = issuer.document_style == Unit.DocumentStyle.PARTY
        style = style or (Decision.Style.PARTY if party else Decision.Style.STATE)
    if not issuer_name.strip() or not issuer_code.strip():
        raise DomainError(
            _("Name the issuing authority and its abbreviation."), field="issuer_name",
            code="issuer",
        )  # fmt: skip
    decision = Decision(
        issuer=issuer, issuer_name=issuer_name.strip(), issuer_code=issuer_code.strip(),
        style=style or Decision.Style.STATE, year=year or timezone.localdate().year,
        abstract=abstract, batch=batch, signer_name=signer_name, signer_title=signer_title,
        place=place,
        rounding=rounding or default_rounding(issuer or (batch.awarding_unit if batch else None)),
    )  # fmt: skip
    save_audited(decision, by=by)
    return decision


def line_label(*, person: Person | None = None, unit: Unit | None = None) -> str:
    """How a recipient is named in the decision: a person with position and unit; a collective
    by its name."""
    if unit is not None:
        return unit.name
    assert person is not None
    return ", ".join(part for part in (person.full_name, person.position, person.unit.name) if part)


@transaction.atomic
def line_add(
    *, decision: Decision, award: AwardType, by: Any, person: Person | None = None,
    unit: Unit | None = None, year: int, label: str = "", multiplier: Decimal | None = None,
    dossier: Dossier | None = None, period_start: int | None = None,
) -> DecisionLine:  # fmt: skip
    _require_draft(decision)
    if (person is None) == (unit is None):
        raise DomainError(
            _("Choose either a person or a collective."), field="person", code="subject"
        )
    if award.subject == "individual" and person is None:
        raise DomainError(_("This award is for individuals."), field="award", code="subject")
    if award.subject == "collective" and unit is None:
        raise DomainError(_("This award is for collectives."), field="award", code="subject")
    last = decision.lines.order_by("-order").values_list("order", flat=True).first() or 0
    line = DecisionLine(
        decision=decision, order=last + 1, dossier=dossier, award=award, person=person,
        unit=unit, label=label or line_label(person=person, unit=unit), year=year,
        period_start=period_start,
        multiplier=award.multiplier if multiplier is None else multiplier,
    )  # fmt: skip
    save_audited(line, by=by)
    return line


@transaction.atomic
def line_update(*, line: DecisionLine, by: Any, **fields: Any) -> DecisionLine:
    """Change a draft line: its name in the decision, multiplier (for forms the law gives none
    for), achievement year or period."""
    _require_draft(line.decision)
    for name, value in fields.items():
        if name not in LINE_EDITABLE:
            raise ValueError(f"{name} cannot be changed on a line")
        setattr(line, name, value)
    save_audited(line, by=by)
    return line


@transaction.atomic
def line_remove(*, line: DecisionLine, by: Any) -> None:
    _require_draft(line.decision)
    delete_audited(line, by=by)


@transaction.atomic
def decision_update(*, decision: Decision, by: Any, **fields: Any) -> Decision:
    _require_draft(decision)
    for name, value in fields.items():
        if name not in EDITABLE:
            raise ValueError(f"{name} cannot be changed on a decision")
        setattr(decision, name, value)
    save_audited(decision, by=by)
    return decision


@transaction.atomic
def decision_from_batch(*, batch: Batch, by: Any, **kwargs: Any) -> Decision:
    """A draft decision for a proposal at its "decide" step, one line per dossier that reached
    it. `kwargs` go to `decision_draft` (issuer defaults to the awarding body)."""
    batch = Batch.objects.select_related("step", "awarding_unit").get(pk=batch.pk)  # not stale
    if batch.step is None or batch.step.kind != RouteStep.Kind.DECIDE:
        raise DomainError(
            _("A decision can be drafted only when the proposal has reached the decision step."),
            code="not_at_decide",
        )
    draft = batch.decisions.filter(status=Decision.Status.DRAFT).first()
    if draft is not None:
        raise DomainError(
            _("This proposal already has a draft decision; continue with it."), code="draft_exists"
        )
    dossiers = decision_candidates(batch)
    if not dossiers:
        raise DomainError(
            _("No dossier of this proposal has passed appraisal and the council vote."),
            code="no_lines",
        )
    kwargs.setdefault("issuer", batch.awarding_unit)
    kwargs.setdefault("abstract", default_abstract(batch.year))
    kwargs.setdefault("year", timezone.localdate().year)
    decision = decision_draft(by=by, batch=batch, **kwargs)
    for dossier in dossiers:
        line_add(
            decision=decision, award=dossier.award, by=by, person=dossier.person,
            unit=dossier.unit, year=dossier.year, dossier=dossier,
            period_start=dossier.period_start or _period_start(dossier),
        )  # fmt: skip
    return decision


def default_abstract(year: int) -> str:
    return _("On emulation titles and commendation for %(year)s") % {"year": year}


def _period_start(dossier: Dossier) -> int | None:
    period = (dossier.verdict or {}).get("report_period") or []
    return period[0] if period and period[0] != dossier.year else None


def _check_number(decision: Decision, number: int, year: int) -> None:
    holder = (
        Decision.objects.filter(issuer_code=decision.issuer_code, year=year, number=number)
        .exclude(pk=decision.pk)
        .first()
    )
    if holder is not None:
        raise _number_taken(number, year, holder)


def _number_taken(number: int, year: int, holder: Decision | None) -> DomainError:
    if holder is None:
        text = _("Number %(number)s of %(year)s is already used by another decision.")
    else:
        text = _(
            "Number %(number)s of %(year)s is already used by the decision “%(abstract)s” "
            "(%(ref)s)."
        )
    values = {"number": number, "year": year}
    if holder is not None:
        values |= {"abstract": holder.abstract, "ref": holder.number_text}
    return DomainError(text % values, field="number", code="number_taken")


def _limb(dossier: Dossier | None) -> str:
    limb = (dossier.verdict or {}).get("limb", "") if dossier else ""
    return limb if limb in AwardRecord.Limb.values else ""


def _record_for(line: DecisionLine, decision: Decision, by: Any) -> AwardRecord:
    dossier = line.dossier
    try:
        return award_record_add(
            award=line.award, year=line.year, by=by, person=line.person, unit=line.unit,
            initiatives=list(dossier.initiatives.all()) if dossier else [],
            period_start=line.period_start, decision_number=reference(decision),
            decision_date=decision.signed_on, issuer=decision.issuer_name, limb=_limb(dossier),
            source=AwardRecord.Source.DECISION,
        )  # fmt: skip
    except DomainError as exc:
        if exc.code != "duplicate":
            raise
        raise DomainError(
            _(
                "%(subject)s already has %(award)s for %(year)s in the award history; remove "
                "the line or revoke the earlier award first."
            )
            % {"subject": line.label, "award": line.award, "year": line.year},
            code="duplicate",
        ) from exc


def _retire_corrected(decision: Decision, lines: list[DecisionLine], by: Any) -> None:
    """The corrected decision's records of the same subject and award stop being live, so the
    history keeps one live record per award (the correction's)."""
    keys = {(x.award_id, x.person_id, x.unit_id) for x in lines}
    reason = _("Replaced by decision %(ref)s.") % {"ref": reference(decision)}
    old = AwardRecord.objects.filter(decision_line__decision=decision.corrects, revoked=False)
    for record in old:
        if (record.award_id, record.person_id, record.unit_id) in keys:
            record.revoked = True
            save_audited(record, by=by, reason=reason)


def _amount(line: DecisionLine, base: Decimal, rule: str) -> Decimal | None:
    if line.multiplier is None:
        return None  # forms the law gives no multiplier for: no amount until one is typed
    return money.award_amount(line.multiplier, base, rule)


@transaction.atomic
def decision_issue(
    *, decision: Decision, by: Any, number: int, signed_on: date, signer_name: str | None = None
) -> Decision:
    """Number, date and sign the decision, compute the money, and write the award history.

    All or nothing: a refused line (an award already recorded) leaves nothing written."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    _require_draft(decision)
    lines = list(decision.lines.select_related("award", "person", "unit", "dossier"))
    if not lines:
        raise DomainError(_("Add at least one recipient before issuing."), code="no_lines")
    _check_number(decision, number, signed_on.year)
    decision.number, decision.year, decision.signed_on = number, signed_on.year, signed_on
    if signer_name is not None:
        decision.signer_name = signer_name
    decision.base_salary = base_salary_on(signed_on).amount
    if decision.corrects_id:
        _retire_corrected(decision, lines, by)
    for line in lines:
        line.amount = _amount(line, decision.base_salary, decision.rounding)
        line.award_record = _record_for(line, decision, by)
        save_audited(line, by=by)
    decision.status = Decision.Status.ISSUED
    decision.issued_at, decision.issued_by = timezone.now(), actor(by)
    try:
        with transaction.atomic():  # a savepoint, so PostgreSQL can report the clash cleanly
            save_audited(decision, by=by)
    except IntegrityError as exc:  # another decision took the number meanwhile
        raise _number_taken(number, signed_on.year, None) from exc
    if decision.batch_id:
        from thidua.nominations.services.routing import batch_decided

        batch_decided(batch=decision.batch, decision=decision, by=by)
    return decision


@transaction.atomic
def decision_correct(*, decision: Decision, by: Any, reason: str) -> Decision:
    """A new draft that corrects and replaces an issued decision; the old one stays as issued.

    Its lines start as copies of the old live lines; issuing it retires the old records of the
    same subject and award."""
    if not decision.is_issued:
        raise DomainError(_("Only an issued decision can be corrected."), code="not_issued")
    if not reason.strip():
        raise DomainError(_("Give the reason for the correction."), field="reason", code="reason")
    abstract = _("%(abstract)s (correcting and replacing decision %(ref)s)") % {
        "abstract": decision.abstract, "ref": reference(decision),
    }  # fmt: skip
    correction = Decision(
        issuer=decision.issuer, issuer_name=decision.issuer_name,
        issuer_code=decision.issuer_code, style=decision.style, type_code=decision.type_code,
        year=timezone.localdate().year, place=decision.place, signer_name=decision.signer_name,
        signer_title=decision.signer_title, abstract=abstract[:500], corrects=decision,
        rounding=decision.rounding,
    )  # fmt: skip
    save_audited(correction, by=by, reason=reason.strip())
    for line in decision.lines.select_related("award_record").order_by("order", "pk"):
        if line.award_record is not None and line.award_record.revoked:
            continue  # a revoked or already replaced award is not carried over
        copy = DecisionLine(
            decision=correction, order=line.order, dossier_id=line.dossier_id,
            award_id=line.award_id, person_id=line.person_id, unit_id=line.unit_id,
            label=line.label, year=line.year, period_start=line.period_start,
            multiplier=line.multiplier,
        )  # fmt: skip
        save_audited(copy, by=by)
    return correction
