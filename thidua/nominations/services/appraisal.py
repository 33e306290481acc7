"""Appraisal (thẩm định) by the secretariat: the checklist of required components per award
(law.md §e.1, `components.py`), the engine's verdict, and the reviewer's notes.

A dossier missing a required component cannot pass, and a proposal with a dossier not yet
passed cannot move past the appraisal step (`batch_appraised`, called by the routing)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.ballots.models import BallotSession
from thidua.core.audit import actor, save_audited
from thidua.core.errors import DomainError
from thidua.eligibility import PackError, Status, pack_by_id
from thidua.eligibility.packs import Award
from thidua.nominations import components as c
from thidua.nominations.models import Batch, Dossier, DossierAttachment, Posting, RouteStep
from thidua.nominations.services.verdicts import pack_for, verdict_refresh

Kind = DossierAttachment.Kind
CLOSED = BallotSession.Status.CLOSED
RESULTS = (Dossier.Appraisal.PASSED, Dossier.Appraisal.INCOMPLETE, Dossier.Appraisal.REJECTED)
# The attachment kinds that count as each component.
FILES = {
    c.REPORT: {Kind.REPORT},
    c.CLUSTER_MINUTES: {Kind.CLUSTER_MINUTES},
    c.COUNCIL_MINUTES: {Kind.COUNCIL_MINUTES},
    c.INITIATIVE: {Kind.INITIATIVE},
}


def _pack_award(dossier: Dossier) -> Award | None:
    """The award as the pack of the stored verdict describes it (or the pack in force)."""
    try:
        pack = pack_by_id(dossier.pack) if dossier.pack else pack_for(dossier, timezone.localdate())
        return pack.award(dossier.award.code)
    except (PackError, DomainError):
        return None


def required_for(dossier: Dossier, pack_award: Award | None = None) -> list[str]:
    """The component codes this dossier needs: the route's list for its award, else law.md
    §e.1's defaults (council vote as the route configures it)."""
    pack_award = pack_award or _pack_award(dossier)
    award, route = dossier.award, dossier.batch.route
    council_vote = award.code in route.vote_awards if route.vote_awards else None
    return c.required_components(
        award.code, award.subject, award.kind, award.level,
        pack_award.rules if pack_award else (), bool(pack_award and pack_award.posting),
        route.components or {},
        via_cluster=dossier.batch.cluster_id is not None, council_vote=council_vote,
        limb=(dossier.verdict or {}).get("limb", ""),
    )  # fmt: skip


def _present(dossier: Dossier) -> dict[str, bool]:
    batch = dossier.batch
    files = list(
        dossier.attachments.filter(removed_at__isnull=True).values_list("kind", "certified")
    )
    kinds = {kind for kind, _certified in files}
    present = {code: bool(kinds & wanted) for code, wanted in FILES.items()}
    # The proposal itself is the submission (tờ trình) sent with the list of nominees.
    present[c.PROPOSAL] = bool(batch.submitted_on or batch.document_number)
    # A report written on the page counts as much as a signed scan of it.
    present[c.REPORT] |= bool((dossier.report or {}).get("achievements"))
    # Ballots run in thidua are their own record of the cluster's and the council's votes.
    present[c.CLUSTER_MINUTES] |= bool(
        batch.ballot_session_id and batch.ballot_session.status == CLOSED
    )
    present[c.COUNCIL_MINUTES] |= bool(
        batch.council_session_id and batch.council_session.status == CLOSED
    )
    # law.md b.0 #10 EVIDENCE_ORIGINALS: originals or certified copies only (CV 3385).
    present[c.EVIDENCE] = any(kind == Kind.EVIDENCE and certified for kind, certified in files)
    present[c.POSTING] = batch.postings.filter(status=Posting.Status.OPEN).exists()
    return present


def _step_ahead(batch: Batch, kind: str) -> bool:
    """The route still has a step of `kind` ahead: the public posting and the council's vote
    come after appraisal, so their papers cannot be on file yet and do not hold it up."""
    current = batch.step.order if batch.step_id else None
    if current is None:
        return False
    return (
        batch.route.steps.filter(kind=kind, order__gt=current)
        .exclude(skip=RouteStep.Skip.ALWAYS)
        .exists()
    )


def _marks(dossier: Dossier) -> dict[str, str]:
    return dict((dossier.checklist or {}).get("marks", {}))


def checklist_for(dossier: Dossier, marks: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The rows to check: every required component, and any other one on file. Each row:
    code, label, required, present, mark (the reviewer's), state and state_label."""
    marks = _marks(dossier) if marks is None else marks
    required = required_for(dossier)
    present = _present(dossier)
    later = {
        c.POSTING: _step_ahead(dossier.batch, RouteStep.Kind.POST),
        c.COUNCIL_MINUTES: _step_ahead(dossier.batch, RouteStep.Kind.VOTE),
    }
    rows = []
    for code in c.COMPONENTS:
        needed = code in required
        if not needed and not present[code]:
            continue
        mark = marks.get(code, "")
        state = c.state_of(
            required=needed, present=present[code], later=later.get(code, False), mark=mark
        )
        rows.append({
            "code": code, "label": c.label(code, dossier.award.subject), "required": needed,
            "present": present[code], "mark": mark, "state": state,
            "state_label": str(c.STATE_LABELS[state]),
        })  # fmt: skip
    return rows


def missing_components(rows: list[dict[str, Any]]) -> list[str]:
    return [row["label"] for row in rows if row["required"] and row["state"] == c.MISSING]


def _clean_marks(checklist: dict[str, str]) -> dict[str, str]:
    if any(code not in c.COMPONENTS or mark not in c.MARKS for code, mark in checklist.items()):
        raise DomainError(
            _("The checklist has a row or a mark that does not exist."), field="checklist"
        )
    return {code: mark for code, mark in checklist.items() if mark}


def _check_result(
    dossier: Dossier, result: str, rows: list[dict[str, Any]], note: str, override: str
) -> None:
    if result not in RESULTS:
        raise DomainError(_("Choose the result of the appraisal."), field="result")
    if result == Dossier.Appraisal.REJECTED and not note:
        raise DomainError(
            _("Say in the notes why the dossier is rejected."), field="note", code="note_required"
        )
    if result != Dossier.Appraisal.PASSED:
        return
    missing = missing_components(rows)
    if missing:
        raise DomainError(
            _("The dossier cannot pass: these components are missing: %(components)s.")
            % {"components": "; ".join(missing)},
            field="checklist",
            code="incomplete",
        )
    if dossier.verdict_status == Status.DEFERRED:
        raise DomainError(
            _("The dossier cannot pass while a verification of the nominee is open "
              "(Decree 152/2025, Art. 4)."),
            field="result",
            code="frozen",
        )  # fmt: skip
    if dossier.verdict_status == Status.INELIGIBLE and not override:
        raise DomainError(
            _("The rules find the nominee not eligible: to pass the dossier anyway, say why."),
            field="override_reason",
            code="ineligible",
        )


@transaction.atomic
def dossier_appraise(
    *, dossier: Dossier, by: Any, checklist: dict[str, str], note: str, result: str,
    override_reason: str = "",
) -> Dossier:  # fmt: skip
    """Record the secretariat's appraisal, with the verdict judged again first."""
    dossier = Dossier.objects.select_for_update().select_related("batch__route").get(pk=dossier.pk)
    if dossier.status != Dossier.Status.INCLUDED or dossier.batch.status in (
        Batch.Status.DECIDED, Batch.Status.WITHDRAWN,
    ):  # fmt: skip
        raise DomainError(_("This nominee is no longer in an open proposal."), code="closed")
    note, override = note.strip(), override_reason.strip()
    marks = _clean_marks(checklist)
    verdict_refresh(dossier=dossier, by=by)
    rows = checklist_for(dossier, marks)
    _check_result(dossier, result, rows, note, override)
    dossier.appraisal = result
    dossier.checklist = {
        "marks": marks, "missing": [r["code"] for r in rows if r["state"] == c.MISSING],
        "override_reason": override if result == Dossier.Appraisal.PASSED else "",
        "verdict_status": dossier.verdict_status,
    }  # fmt: skip
    dossier.appraisal_note = note
    dossier.appraised_by, dossier.appraised_at = actor(by), timezone.now()
    reason = override or _("Appraised")
    save_audited(dossier, by=by, reason=reason, clean=False)
    return dossier


def batch_appraised(batch: Batch) -> tuple[bool, list[str]]:
    """Whether every nominee still in the proposal was appraised as passed (or rejected), with
    the reasons otherwise. At least one must have passed."""
    reasons = []
    passed = 0
    rows = batch.dossiers.filter(status=Dossier.Status.INCLUDED).select_related(
        "award", "person", "unit"
    )
    for dossier in rows.order_by("pk"):
        names = {"nominee": dossier.subject, "award": dossier.award}
        if dossier.appraisal == Dossier.Appraisal.PASSED:
            passed += 1
        elif dossier.appraisal == Dossier.Appraisal.PENDING:
            reasons.append(_("%(nominee)s – %(award)s: not appraised yet.") % names)
        elif dossier.appraisal == Dossier.Appraisal.INCOMPLETE:
            reasons.append(_("%(nominee)s – %(award)s: components are missing.") % names)
    if not reasons and not passed:
        reasons.append(_("No nominee in the proposal has passed appraisal."))
    return not reasons, reasons
