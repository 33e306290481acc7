"""Writes to movements: create, change, and move through the lifecycle (one guarded function)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.campaigns.models import Movement, MovementDocument, MovementEvent
from thidua.campaigns.services.evidence import store_checked
from thidua.core.audit import actor, save_audited
from thidua.core.errors import DomainError
from thidua.org.models import Cluster, Unit

S = Movement.Status
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.LAUNCHED},
    S.LAUNCHED: {S.IN_PROGRESS, S.REVIEWING},
    S.IN_PROGRESS: {S.REVIEWING},
    S.REVIEWING: {S.CLOSED, S.IN_PROGRESS},  # back to work needs a reason
    S.CLOSED: set(),
}
NEEDS_REASON = {(S.REVIEWING, S.IN_PROGRESS)}


@transaction.atomic
def movement_create(
    *, by: Any, units: list[Unit] = (), clusters: list[Cluster] = (), **fields: Any
) -> Movement:
    movement = Movement(**fields)
    save_audited(movement, by=by)
    movement.units.set(units)
    movement.clusters.set(clusters)
    return movement


@transaction.atomic
def movement_update(
    *, movement: Movement, by: Any, units: list[Unit] | None = None,
    clusters: list[Cluster] | None = None, reason: str = "", **fields: Any,
) -> Movement:  # fmt: skip
    # Re-read under a lock: a stale copy must not write back an old status.
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    if movement.status == S.CLOSED:
        raise DomainError(_("A closed movement cannot be changed."), code="closed")
    for name, value in fields.items():
        setattr(movement, name, value)
    save_audited(movement, by=by, reason=reason)
    if units is not None:
        movement.units.set(units)
    if clusters is not None:
        movement.clusters.set(clusters)
    return movement


def check_launch(movement: Movement) -> None:
    """A movement is launched by a decision or plan, and reaches someone."""
    if not movement.decision_number or not movement.decision_date:
        raise DomainError(
            _("Enter the number and date of the decision or plan that launches the movement."),
            field="decision_number",
            code="decision_missing",
        )
    if movement.reach == Movement.Reach.UNITS and not movement.units.exists():
        raise DomainError(_("Choose the units the movement reaches."), field="units", code="reach")
    if movement.reach == Movement.Reach.CLUSTERS and not movement.clusters.exists():
        raise DomainError(
            _("Choose the clusters the movement reaches."), field="clusters", code="reach"
        )


@transaction.atomic
def movement_transition(*, movement: Movement, to: str, by: Any, reason: str = "") -> Movement:
    """The only way a movement's status changes; every move is recorded as an event."""
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    current = movement.status
    if to not in TRANSITIONS[current]:
        raise DomainError(
            _("A movement that is %(current)s cannot become %(to)s.")
            % {"current": S(current).label, "to": S(to).label},
            code="transition",
        )
    if (current, to) in NEEDS_REASON and not reason.strip():
        raise DomainError(_("Give the reason."), field="reason", code="reason")
    if to == S.LAUNCHED:
        check_launch(movement)
    movement.status = to
    save_audited(movement, by=by, reason=reason, clean=False)
    MovementEvent.objects.create(
        movement=movement, from_status=current, to_status=to, reason=reason,
        by=actor(by),
    )  # fmt: skip
    return movement


@transaction.atomic
def movement_document_add(
    *, movement: Movement, uploaded_file: UploadedFile, title: str, by: Any
) -> MovementDocument:
    """Attach the launching decision, the plan or guidance; checked by content like evidence."""
    if not title.strip():
        raise DomainError(_("Enter the document's title."), field="title", code="title")
    document = MovementDocument(movement=movement, title=title.strip())
    store_checked(document, uploaded_file, by=by)
    return document


@transaction.atomic
def movement_document_remove(*, document: MovementDocument, by: Any) -> MovementDocument:
    """No longer listed or served; the row and its history stay."""
    document = MovementDocument.objects.select_for_update().get(pk=document.pk)
    if document.removed_at is None:
        document.removed_at = timezone.now()
        save_audited(document, by=by, reason=_("Document removed"))
    return document
