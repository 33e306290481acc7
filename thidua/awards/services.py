"""Writes to achievement records and award history, each validated and audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.awards.models import (
    AwardRecord,
    AwardType,
    Discipline,
    Freeze,
    Initiative,
    PersonRating,
    PolicySetting,
    UnitYear,
)
from thidua.core.audit import save_audited
from thidua.core.errors import DomainError
from thidua.eligibility import Policy, PolicyError, load_packs
from thidua.org.models import Person, Unit


def catalogue_sync(*, using: str = "default") -> int:
    """Mirror the award catalogue from the packs; the newest enabled pack describes an award."""
    packs = [p for p in load_packs() if p.enabled]
    newest: dict[str, Any] = {}
    for pack in packs:  # oldest first, so later packs win
        for code, award in pack.awards.items():
            newest[code] = (pack, award)
    for order, (code, (pack, award)) in enumerate(newest.items()):
        AwardType.objects.using(using).update_or_create(
            code=code,
            defaults={
                "name": award.name_vi,
                "name_en": award.name_en,
                "subject": award.subject,
                "kind": award.kind,
                "level": award.level,
                "authority": award.authority,
                "system": award.system,
                "legal_basis": award.legal_basis,
                "multiplier": Decimal(award.multiplier) if award.multiplier else None,
                "report_years": award.report_years,
                "pack": pack.id,
                "sort_order": order,
            },
        )
    return len(newest)


@transaction.atomic
def rating_set(*, person: Person, year: int, rating: str, by: Any, note: str = "") -> PersonRating:
    row = PersonRating.objects.filter(person=person, year=year).first() or PersonRating(
        person=person, year=year
    )
    row.rating, row.note = rating, note
    save_audited(row, by=by)
    return row


@transaction.atomic
def unit_year_set(*, unit: Unit, year: int, by: Any, **values: Any) -> UnitYear:
    row = UnitYear.objects.filter(unit=unit, year=year).first() or UnitYear(unit=unit, year=year)
    for name, value in values.items():
        setattr(row, name, value)
    save_audited(row, by=by)
    return row


@transaction.atomic
def initiative_add(*, person: Person, by: Any, **values: Any) -> Initiative:
    item = Initiative(person=person, **values)
    save_audited(item, by=by)
    return item


@transaction.atomic
def discipline_add(*, person: Person, by: Any, **values: Any) -> Discipline:
    item = Discipline(person=person, **values)
    save_audited(item, by=by)
    return item


@transaction.atomic
def freeze_open(
    *, by: Any, kind: str, opened_on: date, person: Person | None = None,
    unit: Unit | None = None, note: str = "",
) -> Freeze:  # fmt: skip
    item = Freeze(person=person, unit=unit, kind=kind, opened_on=opened_on, note=note)
    save_audited(item, by=by)
    return item


@transaction.atomic
def freeze_close(*, freeze: Freeze, closed_on: date, by: Any, reason: str = "") -> Freeze:
    if freeze.closed_on is not None:
        raise DomainError(_("This verification is already closed."), code="closed")
    freeze.closed_on = closed_on
    save_audited(freeze, by=by, reason=reason)
    return freeze


@transaction.atomic
def award_record_add(
    *, award: AwardType, year: int, by: Any, person: Person | None = None,
    unit: Unit | None = None, initiatives: list[Initiative] = (), **values: Any,
) -> AwardRecord:  # fmt: skip
    if not values.get("revoked"):  # a revoked record may sit beside the live one
        check_award_record(award=award, year=year, person=person, unit=unit)
    record = AwardRecord(award=award, person=person, unit=unit, year=year, **values)
    save_audited(record, by=by)
    if initiatives:
        record.initiatives.set(initiatives)
    return record


def check_award_record(
    *, award: AwardType, year: int, person: Person | None, unit: Unit | None,
    exclude_pk: int | None = None,
) -> None:  # fmt: skip
    """One subject of the right kind, and one live record of an award per subject and year."""
    if award.subject == "individual" and person is None:
        raise DomainError(_("This award is for individuals."), field="award", code="subject")
    if award.subject == "collective" and unit is None:
        raise DomainError(_("This award is for collectives."), field="award", code="subject")
    same = AwardRecord.objects.filter(award=award, year=year, revoked=False)
    same = same.filter(person=person) if person else same.filter(unit=unit)
    if same.exclude(pk=exclude_pk).exists():
        raise DomainError(
            _("%(award)s for %(year)s is already recorded.") % {"award": award, "year": year},
            field="year",
            code="duplicate",
        )


@transaction.atomic
def policy_set(*, unit: Unit | None, values: dict[str, Any], by: Any) -> PolicySetting:
    try:
        Policy.from_mapping(values)
    except PolicyError as exc:
        raise DomainError(
            _("Setting %(name)s: %(problem)s") % {"name": exc.name, "problem": exc.problem},
            field="values",
            code="policy",
        ) from exc
    row = PolicySetting.objects.filter(unit=unit).first() or PolicySetting(unit=unit)
    row.values = values
    save_audited(row, by=by)
    return row
