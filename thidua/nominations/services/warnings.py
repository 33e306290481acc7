"""Warnings on a dossier and on a proposal: they do not block, they show.

A warning is stored as {"code", "params"} and put into words only when shown (`warning_text`),
in the reader's language. Codes: duplicate, already_held, initiative_used, conflicting
(on a dossier) and mixed_authority (on a proposal)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.models import AwardRecord
from thidua.core.audit import save_audited
from thidua.nominations.models import Batch, Dossier
from thidua.nominations.services.verdicts import subject_q

LIVE = (Batch.Status.DRAFT, Batch.Status.IN_PROGRESS, Batch.Status.RETURNED)

MESSAGES = {
    "duplicate": gettext_lazy(
        "Also proposed for %(award)s for %(year)s in another proposal: “%(batch)s”."
    ),
    "already_held": gettext_lazy(
        "%(award)s for %(year)s has already been received (decision %(decision)s)."
    ),
    "already_held_record": gettext_lazy("%(award)s for %(year)s is already in the award history."),
    "initiative_elsewhere": gettext_lazy(
        "The initiative “%(initiative)s” already grounded another award: %(used_for)s. An "
        "initiative counts for one award only (CV 5007/BNV-TĐKT)."
    ),
    "initiative_record": gettext_lazy(
        "The initiative “%(initiative)s” already grounded %(award)s for %(year)s. An initiative "
        "counts for one award only (CV 5007/BNV-TĐKT)."
    ),
    "initiative_dossier": gettext_lazy(
        "The initiative “%(initiative)s” is also relied on for %(award)s for %(year)s in "
        "“%(batch)s”. An initiative counts for one award only (CV 5007/BNV-TĐKT)."
    ),
    "conflicting": gettext_lazy(
        "This proposal also puts the same nominee forward for %(award)s for %(year)s: one "
        "achievement is rewarded once, by one form (Law 06/2022, Art. 5)."
    ),
    "conflicting_kind": gettext_lazy(
        "The same nominee is proposed for %(award)s for %(year)s in “%(batch)s”: a title and a "
        "form for the same year reward one achievement twice (Law 06/2022, Art. 5)."
    ),
    "mixed_authority": gettext_lazy(
        "Awards decided by the President (%(president)s) and awards decided by the Prime "
        "Minister (%(prime_minister)s) are in one proposal: submit them separately."
    ),
}


def _w(code: str, **params: Any) -> dict[str, Any]:
    return {"code": code, "params": params}


def _others(dossier: Dossier):
    """The subject's other live nominations (included, in a proposal not closed)."""
    return (
        Dossier.objects.filter(
            subject_q(dossier), status=Dossier.Status.INCLUDED, batch__status__in=LIVE
        )
        .exclude(pk=dossier.pk)
        .select_related("award", "batch")
        .order_by("batch_id", "pk")
    )


def _not_from_this_dossier(records, dossier: Dossier):
    """The award history without the record this dossier's own decision created."""
    return records.exclude(decision_line__dossier=dossier) if dossier.pk else records


def _held(dossier: Dossier) -> list[dict[str, Any]]:
    records = AwardRecord.objects.filter(
        subject_q(dossier), award=dossier.award, year=dossier.year, revoked=False
    )
    record = _not_from_this_dossier(records, dossier).order_by("pk").first()
    if record is None:
        return []
    return [
        _w("already_held", award=dossier.award.code, year=dossier.year,
           decision=record.decision_number)
    ]  # fmt: skip


def _initiatives(dossier: Dossier) -> list[dict[str, Any]]:
    """law.md b.0 #9 INITIATIVE_SINGLE_USE: an initiative grounds one award only."""
    out = []
    for item in dossier.initiatives.order_by("pk"):
        if item.used_elsewhere:
            out.append(_w("initiative_used", initiative=item.title, used_for=item.used_elsewhere))
        records = AwardRecord.objects.filter(initiatives=item, revoked=False)
        for record in _not_from_this_dossier(records, dossier).select_related("award"):
            out.append(
                _w("initiative_used", initiative=item.title, award=record.award.code,
                   year=record.year)
            )  # fmt: skip
        others = Dossier.objects.filter(
            initiatives=item, status=Dossier.Status.INCLUDED, batch__status__in=LIVE
        ).exclude(pk=dossier.pk)
        for other in others.select_related("award", "batch").order_by("pk"):
            out.append(
                _w("initiative_used", initiative=item.title, award=other.award.code,
                   year=other.year, batch=other.batch.title)
            )  # fmt: skip
    return out


def _nominations(dossier: Dossier) -> list[dict[str, Any]]:
    """Duplicates (same award and year elsewhere) and conflicts (law.md b.0 #8: one
    achievement, one award): the same nominee twice in this proposal for the year, or a title
    and a form for the same year in two proposals."""
    out = []
    for other in _others(dossier).filter(year=dossier.year):
        params = {"award": other.award.code, "year": other.year, "batch": other.batch.title}
        if other.batch_id == dossier.batch_id:
            out.append(_w("conflicting", award=other.award.code, year=other.year))
        elif other.award_id == dossier.award_id:
            out.append(_w("duplicate", **params))
        elif other.award.kind != dossier.award.kind:
            out.append(_w("conflicting", **params))
    return out


def warnings_compute(dossier: Dossier) -> list[dict[str, Any]]:
    """The dossier's warnings now: [{"code", "params"}], nothing stored."""
    return [*_nominations(dossier), *_held(dossier), *_initiatives(dossier)]


@transaction.atomic
def warnings_refresh(*, dossier: Dossier, by: Any = None) -> list[dict[str, Any]]:
    warnings = warnings_compute(dossier)
    if warnings != dossier.warnings:
        dossier.warnings = warnings
        save_audited(dossier, by=by, reason=_("Warnings refreshed"), clean=False)
    return warnings


def related_refresh(dossier: Dossier, *, by: Any = None) -> None:
    """After a nominee is added or taken out, the warnings of the nominations it touches (the
    same subject, or an initiative in common) change too."""
    shared = Q(initiatives__in=dossier.initiatives.all()) if dossier.person_id else Q(pk=None)
    touched = (
        Dossier.objects.filter(subject_q(dossier) | shared, status=Dossier.Status.INCLUDED)
        .filter(batch__status__in=LIVE)
        .exclude(pk=dossier.pk)
        .select_related("award", "batch")
        .distinct()
    )
    for other in touched:
        warnings_refresh(dossier=other, by=by)


def batch_warnings(batch: Batch) -> list[dict[str, Any]]:
    """Warnings on the whole proposal: awards decided by the President mixed with awards
    decided by the Prime Minister (law.md §e.1, last bullet: submit them separately)."""
    by_authority: dict[str, list[str]] = {"president": [], "prime_minister": []}
    rows = batch.dossiers.filter(status=Dossier.Status.INCLUDED).select_related("award")
    for dossier in rows.order_by("award__sort_order", "award__code"):
        codes = by_authority.get(dossier.award.authority)
        if codes is not None and dossier.award.code not in codes:
            codes.append(dossier.award.code)
    if by_authority["president"] and by_authority["prime_minister"]:
        return [_w("mixed_authority", **by_authority)]
    return []


def _message_key(warning: dict[str, Any]) -> str:
    code, params = warning.get("code", ""), warning.get("params", {})
    if code == "already_held" and not params.get("decision"):
        return "already_held_record"
    if code == "initiative_used":
        if "used_for" in params:
            return "initiative_elsewhere"
        return "initiative_dossier" if "batch" in params else "initiative_record"
    if code == "conflicting" and "batch" in params:
        return "conflicting_kind"
    return code


def warning_text(warning: dict[str, Any], names: dict[str, str] | None = None) -> str:
    """A stored warning in words, in the current language; `names` maps award codes to the
    names to show (read from the catalogue when not given)."""
    if names is None:
        from thidua.awards.selectors import award_names

        names = award_names()
    params = dict(warning.get("params", {}))
    if "award" in params:
        params["award"] = names.get(params["award"], params["award"])
    for key in ("president", "prime_minister"):
        if key in params:
            params[key] = ", ".join(names.get(code, code) for code in params[key])
    key = _message_key(warning)
    template = MESSAGES.get(key)
    if template is None:
        return str(warning.get("code", ""))
    return str(template) % params
