"""Proposals (tờ trình) and their nominees' dossiers: create, add a nominee, the achievement
report (Form 02 / Form 03, law.md §e.1), attachments, taking a nominee out.

Each dossier carries the engine's verdict and its warnings from the moment it is added; a
subject under review cannot be proposed at all (law.md b.0 #3 FREEZE_DURING_REVIEW, ND 152
Art. 4)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from thidua.awards.facts import path_ids
from thidua.awards.models import AwardRecord, AwardType, Freeze, Initiative
from thidua.ballots.models import BallotSession, Candidate
from thidua.campaigns.services.evidence import store_checked
from thidua.core.audit import actor, save_audited
from thidua.core.errors import DomainError
from thidua.nominations.models import Batch, BatchMove, Dossier, DossierAttachment, Route
from thidua.nominations.services import setup
from thidua.nominations.services.verdicts import verdict_apply
from thidua.nominations.services.warnings import related_refresh, warnings_compute
from thidua.org.models import Cluster, ClusterMembership, Person, Unit

CLOSED = (Batch.Status.DECIDED, Batch.Status.WITHDRAWN)
MAX_TEXT = 20_000


# ---- proposals ---------------------------------------------------------------------------------
def _member_in(cluster: Cluster, unit_ids: Iterable[int], year: int) -> set[int]:
    """Units among `unit_ids` that were members of the cluster during `year`."""
    return set(
        ClusterMembership.objects.filter(
            cluster=cluster, unit_id__in=list(unit_ids), joined_on__lte=date(year, 12, 31)
        )
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=date(year, 1, 1)))
        .values_list("unit_id", flat=True)
    )


@transaction.atomic
def batch_create(
    *,
    proposer: Unit,
    awarding_unit: Unit,
    year: int,
    title: str,
    by: Any,
    cluster: Cluster | None = None,
    route: Route | None = None,
    award_codes: Iterable[str] = (),
    ballot_session: BallotSession | None = None,
    detail: dict[str, Any] | None = None,
) -> Batch:
    """A draft proposal at the first step of its route (chosen from its awards when not given)."""
    setup.defaults_ensure()
    if route is None:
        from thidua.nominations.services.routing import route_for  # written beside this part

        route = route_for(list(award_codes), awarding_unit)
    first = route.steps.order_by("order").first()
    if not route.is_active or first is None:
        raise DomainError(
            _("The route “%(route)s” cannot be used.") % {"route": route},
            field="route",
            code="route",
        )
    if cluster is not None and not _member_in(cluster, [proposer.pk], year):
        raise DomainError(
            _("%(unit)s is not a member of %(cluster)s in %(year)s.")
            % {"unit": proposer, "cluster": cluster, "year": year},
            field="cluster",
            code="not_member",
        )
    if not title.strip():
        raise DomainError(_("Give the proposal a title."), field="title", code="required")
    batch = Batch(
        proposer=proposer, cluster=cluster, awarding_unit=awarding_unit, route=route, year=year,
        title=title.strip(), status=Batch.Status.DRAFT, step=first,
        step_entered_at=timezone.now(), ballot_session=ballot_session, created_by=actor(by),
    )  # fmt: skip
    save_audited(batch, by=by)
    BatchMove.objects.create(
        batch=batch, action=BatchMove.Action.CREATE, to_step=first, by=actor(by),
        detail=detail or {},
    )  # fmt: skip
    return batch


def open_for_nominees(batch: Batch) -> bool:
    """Nominees are added while the proposal is prepared, or after it came back to step one."""
    if batch.status == Batch.Status.DRAFT:
        return True
    first = batch.route.steps.order_by("order").values_list("pk", flat=True).first()
    return batch.status == Batch.Status.RETURNED and batch.step_id == first


# ---- adding a nominee ----------------------------------------------------------------------
def open_freeze(subject: Person | Unit, on: date | None = None) -> Freeze | None:
    """The verification open on the subject on `on` (today), if any (ND 152 Art. 4)."""
    on = on or timezone.localdate()
    field = "person" if isinstance(subject, Person) else "unit"
    return (
        Freeze.objects.filter(**{field: subject}, opened_on__lte=on)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=on))
        .order_by("opened_on", "pk")
        .first()
    )


def check_not_frozen(subject: Person | Unit, *, field: str) -> None:
    """law.md b.0 #3 FREEZE_DURING_REVIEW: no proposal while a review, inspection or complaint
    about the subject is being verified."""
    freeze = open_freeze(subject)
    if freeze is not None:
        raise DomainError(
            _("%(name)s cannot be proposed while a verification is open: %(kind)s since "
              "%(since)s (Decree 152/2025, Art. 4).")
            % {"name": subject, "kind": freeze.get_kind_display().lower(),
               "since": date_format(freeze.opened_on, "SHORT_DATE_FORMAT")},
            field=field,
            code="frozen",
        )  # fmt: skip


def _check_subject(award: AwardType, person: Person | None, unit: Unit | None) -> str:
    if (person is None) == (unit is None):
        raise DomainError(_("Choose a person or a collective."), field="person", code="subject")
    if award.subject == "individual" and person is None:
        raise DomainError(
            _("%(award)s is awarded to individuals: choose a person.") % {"award": award},
            field="person",
            code="subject",
        )
    if award.subject == "collective" and unit is None:
        raise DomainError(
            _("%(award)s is awarded to collectives: choose a unit.") % {"award": award},
            field="unit",
            code="subject",
        )
    return "person" if person is not None else "unit"


def default_owner(batch: Batch, person: Person | None, unit: Unit | None) -> Unit:
    """The unit that prepares the dossier: the collective itself; for a person, the nearest
    unit above them that proposes (the proposer, or a member of the proposal's cluster)."""
    if unit is not None:
        return unit
    home = person.unit if person is not None else None
    if home is None:
        return batch.proposer
    chain = path_ids(home.path) or [home.pk]
    members = _member_in(batch.cluster, chain, batch.year) if batch.cluster_id else set()
    for pk in reversed(chain):
        if pk == batch.proposer_id or pk in members:
            return home if pk == home.pk else Unit.objects.get(pk=pk)
    return home


@transaction.atomic
def dossier_add(
    *,
    batch: Batch,
    award: AwardType,
    by: Any,
    person: Person | None = None,
    unit: Unit | None = None,
    initiatives: Iterable[Initiative] = (),
    ballot_candidate: Candidate | None = None,
    owner_unit: Unit | None = None,
) -> Dossier:
    """A nominee in a proposal being prepared, with the report prefilled from the records, the
    engine's verdict and the warnings."""
    batch = (
        Batch.objects.select_for_update().select_related("route", "awarding_unit").get(pk=batch.pk)
    )
    if not open_for_nominees(batch):
        raise DomainError(
            _("Nominees can be added only while the proposal is being prepared or after it "
              "was returned to its first step."),
            code="locked",
        )  # fmt: skip
    field = _check_subject(award, person, unit)
    check_not_frozen(person or unit, field=field)
    same = batch.dossiers.filter(award=award, status=Dossier.Status.INCLUDED)
    if same.filter(person=person, unit=unit).exists():
        raise DomainError(
            _("%(name)s is already in this proposal for %(award)s.")
            % {"name": person or unit, "award": award},
            field=field,
            code="duplicate",
        )
    initiatives = list(initiatives)
    if any(person is None or item.person_id != person.pk for item in initiatives):
        raise DomainError(
            _("Choose initiatives of the nominee."), field="initiatives", code="initiatives"
        )
    dossier = Dossier(
        batch=batch, award=award, person=person, unit=unit, year=batch.year,
        owner_unit=owner_unit or default_owner(batch, person, unit),
        ballot_candidate=ballot_candidate,
    )  # fmt: skip
    save_audited(dossier, by=by)
    dossier.initiatives.set(initiatives)
    verdict = verdict_apply(dossier)
    if award.report_years > 1:
        dossier.period_start = verdict.report_period[0]
    dossier.report = report_prefill(dossier)
    dossier.warnings = warnings_compute(dossier)
    save_audited(dossier, by=by, reason=_("Nominee added"), clean=False)
    related_refresh(dossier, by=by)
    return dossier


# ---- the achievement report (Form 02 / Form 03) ------------------------------------------------
PROFILE_FIELDS = {
    # Form 03, I. Sơ lược lý lịch
    "03": (
        "full_name", "birth_date", "gender", "ethnicity", "religion", "home_town", "residence",
        "unit", "position", "political_theory", "professional_level", "academic_titles",
    ),
    # Form 02, I. Sơ lược đặc điểm, tình hình (collectives without a Party organisation say so,
    # TT 01/2024)
    "02": (
        "name", "parent", "address", "contact", "history", "features", "party_organisation",
    ),
}  # fmt: skip
# II.1 tasks (functions), II.2 results, and the short summary published with the posting (§e.2)
TEXT_SECTIONS = ("duties", "achievements", "summary")
LIST_SECTIONS = {"03": ("initiatives", "awards"), "02": ("awards",)}


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def _awards_received(dossier: Dossier) -> list[dict[str, Any]]:
    """III. Các hình thức đã được khen thưởng: the live award history, oldest first."""
    field = "person_id" if dossier.person_id else "unit_id"
    records = AwardRecord.objects.filter(
        **{field: dossier.person_id or dossier.unit_id}, revoked=False
    ).select_related("award")
    return [
        {"award": r.award.code, "name": r.award.name, "kind": r.award.kind, "year": r.year,
         "decision_number": r.decision_number, "decision_date": _iso(r.decision_date),
         "issuer": r.issuer}
        for r in records.order_by("year", "award__sort_order", "pk")
    ]  # fmt: skip


def _initiatives_listed(dossier: Dossier) -> list[dict[str, Any]]:
    """II.2 initiatives and research with recognition and scope: those the dossier relies on,
    else the person's within the award's report period."""
    chosen = dossier.initiatives.all()
    if not chosen.exists():
        first = dossier.year - dossier.award.report_years + 1
        chosen = Initiative.objects.filter(
            person=dossier.person_id, year__gte=first, year__lte=dossier.year
        )
    return [
        {"title": i.title, "kind": i.kind, "year": i.year, "scope": i.scope,
         "recognised_by": i.recognised_by, "recognition_ref": i.recognition_ref}
        for i in chosen.order_by("year", "pk")
    ]  # fmt: skip


def report_prefill(dossier: Dossier) -> dict[str, Any]:
    """The report's sections (law.md §e.1) with what the records already say; the written
    sections are left for the unit."""
    texts = dict.fromkeys(TEXT_SECTIONS, "")
    if dossier.person_id:
        person = dossier.person
        profile = dict.fromkeys(PROFILE_FIELDS["03"], "")
        profile |= {
            "full_name": person.full_name, "birth_date": _iso(person.birth_date),
            "gender": person.gender, "unit": person.unit.name if person.unit else "",
            "position": person.position,
        }  # fmt: skip
        return {
            "form": "03", "profile": profile, **texts,
            "initiatives": _initiatives_listed(dossier), "awards": _awards_received(dossier),
        }  # fmt: skip
    unit = dossier.unit
    profile = dict.fromkeys(PROFILE_FIELDS["02"], "")
    profile |= {"name": unit.name, "parent": unit.parent.name if unit.parent else ""}
    return {"form": "02", "profile": profile, **texts, "awards": _awards_received(dossier)}


def _bad_report() -> DomainError:
    return DomainError(_("The report has a section this form does not have."), field="report")


def _clean_text(value: Any) -> str:
    if not isinstance(value, str):
        raise _bad_report()
    if len(value) > MAX_TEXT:
        raise DomainError(
            _("A section may hold at most %(count)s characters.") % {"count": MAX_TEXT},
            field="report",
            code="too_long",
        )
    return value.strip()


def _merged_report(dossier: Dossier, changes: dict[str, Any]) -> dict[str, Any]:
    form = dossier.form
    report = dict(dossier.report or report_prefill(dossier))
    for key, value in changes.items():
        if key == "profile" and isinstance(value, dict):
            if set(value) - set(PROFILE_FIELDS[form]):
                raise _bad_report()
            profile = dict(report.get("profile", {}))
            profile |= {k: _clean_text(v) for k, v in value.items()}
            report["profile"] = profile
        elif key in TEXT_SECTIONS:
            report[key] = _clean_text(value)
        elif key in LIST_SECTIONS[form] and isinstance(value, list):
            if not all(isinstance(item, dict) for item in value):
                raise _bad_report()
            report[key] = value
        elif key != "form":
            raise _bad_report()
    return report


def _check_changeable(dossier: Dossier) -> None:
    if dossier.status != Dossier.Status.INCLUDED or dossier.batch.status in CLOSED:
        raise DomainError(_("This nominee is no longer in an open proposal."), code="closed")


@transaction.atomic
def dossier_report_update(*, dossier: Dossier, report: dict[str, Any], by: Any) -> Dossier:
    """Save the sections the unit wrote; refused once the dossier passed appraisal."""
    dossier = Dossier.objects.select_for_update().select_related("batch").get(pk=dossier.pk)
    _check_changeable(dossier)
    if dossier.appraisal == Dossier.Appraisal.PASSED:
        raise DomainError(
            _("The report can no longer be changed: the dossier has passed appraisal."),
            code="locked",
        )
    dossier.report = _merged_report(dossier, report)
    save_audited(dossier, by=by, reason=_("Achievement report updated"), clean=False)
    return dossier


@transaction.atomic
def dossier_withdraw(*, dossier: Dossier, by: Any, reason: str) -> Dossier:
    """Take the nominee out of the proposal, saying why (kept, with its history)."""
    dossier = Dossier.objects.select_for_update().select_related("batch").get(pk=dossier.pk)
    if not reason.strip():
        raise DomainError(
            _("Say why the nominee is taken out."), field="reason", code="reason_required"
        )
    _check_changeable(dossier)
    dossier.status = Dossier.Status.WITHDRAWN
    save_audited(dossier, by=by, reason=reason.strip(), clean=False)
    related_refresh(dossier, by=by)
    return dossier


# ---- attachments -------------------------------------------------------------------------------
@transaction.atomic
def attachment_add(
    *, dossier: Dossier, uploaded_file: UploadedFile, kind: str, title: str = "",
    certified: bool = True, by: Any,
) -> DossierAttachment:  # fmt: skip
    """A minutes, recognition or evidence file, checked by its content before it is kept."""
    dossier = Dossier.objects.select_related("batch").get(pk=dossier.pk)
    _check_changeable(dossier)
    if kind not in DossierAttachment.Kind.values:
        raise DomainError(_("Choose what the file is."), field="kind", code="kind")
    attachment = DossierAttachment(
        dossier=dossier, kind=kind, title=title.strip()[:255], certified=certified
    )
    store_checked(attachment, uploaded_file, by=by)
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: DossierAttachment, by: Any, reason: str) -> DossierAttachment:
    """Take a file off the dossier (kept, no longer listed); refused once it passed appraisal."""
    attachment = (
        DossierAttachment.objects.select_for_update()
        .select_related("dossier__batch")
        .get(pk=attachment.pk)
    )
    if attachment.removed_at is not None:
        return attachment
    if not reason.strip():
        raise DomainError(_("Say why the file is removed."), field="reason", code="reason_required")
    if attachment.dossier.appraisal == Dossier.Appraisal.PASSED:
        raise DomainError(
            _("Files cannot be removed from a dossier that has passed appraisal."),
            code="locked",
        )
    _check_changeable(attachment.dossier)
    attachment.removed_at = timezone.now()
    save_audited(attachment, by=by, reason=reason.strip())
    return attachment
