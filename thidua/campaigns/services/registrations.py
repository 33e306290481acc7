"""Writes to emulation registrations (đăng ký thi đua): open, list targets, submit, approve, return.

A unit registers once per movement the collective titles it aims for and its people's target
titles; the unit head approves (law.md §a: registration is often a precondition for a title).
Before the deadline and before approval the officer edits freely. A change after the deadline or
after approval needs a reason and is recorded as a late change, so reviewers can tell targets set
at the start of the year from targets added once results were known.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.models import AwardType, Subject
from thidua.campaigns.models import Movement, Registration, RegistrationEntry, RegistrationEvent
from thidua.campaigns.selectors.registrations import OPEN_MOVEMENT, reaches_unit
from thidua.core.audit import actor, delete_audited, save_audited
from thidua.core.errors import DomainError
from thidua.org.models import Person, Unit

S = Registration.Status
Kind = RegistrationEvent.Kind
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED},
    S.SUBMITTED: {S.APPROVED, S.RETURNED},
    S.RETURNED: {S.SUBMITTED},
    S.APPROVED: set(),  # later changes stay approved but are recorded as late changes
}
EVENT_OF = {S.SUBMITTED: Kind.SUBMITTED, S.APPROVED: Kind.APPROVED, S.RETURNED: Kind.RETURNED}
DECIDED_BY_HEAD = {S.APPROVED, S.RETURNED}
DETAIL_LENGTH = RegistrationEvent._meta.get_field("detail").max_length


@transaction.atomic
def registration_open(*, movement: Movement, unit: Unit, by: Any) -> Registration:
    """The unit's (only) registration for the movement, empty and in draft."""
    movement = Movement.objects.select_for_update().select_related("authority").get(pk=movement.pk)
    _check_movement_open(movement)
    if not unit.is_active:
        raise DomainError(
            _("%(unit)s is no longer active and cannot register.") % {"unit": unit.name},
            field="unit", code="unit_inactive",
        )  # fmt: skip
    if not reaches_unit(movement, unit):
        raise DomainError(
            _("This movement does not reach %(unit)s.") % {"unit": unit.name},
            field="unit", code="reach",
        )  # fmt: skip
    if Registration.objects.filter(movement=movement, unit=unit).exists():
        raise DomainError(
            _("%(unit)s has already registered for this movement: open its registration.")
            % {"unit": unit.name},
            field="unit", code="duplicate",
        )  # fmt: skip
    registration = Registration(movement=movement, unit=unit)
    save_audited(registration, by=by)
    return registration


def late_change_reason(registration: Registration) -> str:
    """Why a change now needs a reason (empty when it does not)."""
    if registration.status == S.APPROVED:
        return _("The registration has been approved: give the reason for this change.")
    deadline = registration.movement.registration_deadline
    if deadline is not None and timezone.localdate() > deadline:
        return _("The registration deadline has passed: give the reason for this change.")
    return ""


@transaction.atomic
def registration_entry_add(
    *, registration: Registration, award_code: str, person: Person | None = None, note: str = "",
    by: Any, reason: str = "",
) -> RegistrationEntry:  # fmt: skip
    """One target: a collective title for the unit (no person) or a title for one of its people."""
    registration = _locked(registration)
    late = _check_change(registration, reason)
    award = _award(award_code, individual=person is not None)
    _check_entry(registration, award, person)
    entry = RegistrationEntry(
        registration=registration, person=person, award_code=award.code, note=note
    )
    save_audited(entry, by=by, reason=reason)
    if late:
        subject = person.full_name if person else registration.unit.name
        _late_change(registration, by=by, reason=reason, detail=f"+ {award.name}: {subject}")
    return entry


@transaction.atomic
def registration_entries_add(
    *, registration: Registration, award_code: str, people: Sequence[Person], by: Any,
    note: str = "", reason: str = "",
) -> list[RegistrationEntry]:  # fmt: skip
    """Many people for one title at once; all of them or none (every refusal is named)."""
    registration = _locked(registration)
    if not people:
        raise DomainError(_("Tick at least one person."), field="people", code="nobody")
    late = _check_change(registration, reason)
    award = _award(award_code, individual=True)
    problems = []
    for person in people:
        try:
            _check_entry(registration, award, person)
        except DomainError as exc:
            problems.extend(exc.messages)
    if problems:
        raise DomainError(" ".join(problems), field="people", code="refused")
    entries = []
    for person in people:
        entry = RegistrationEntry(
            registration=registration, person=person, award_code=award.code, note=note
        )
        save_audited(entry, by=by, reason=reason)
        entries.append(entry)
    if late:
        names = ", ".join(p.full_name for p in people)
        _late_change(registration, by=by, reason=reason, detail=f"+ {award.name}: {names}")
    return entries


@transaction.atomic
def registration_entry_remove(*, entry: RegistrationEntry, by: Any, reason: str = "") -> None:
    registration = _locked(entry.registration)
    late = _check_change(registration, reason)
    award = AwardType.objects.filter(code=entry.award_code).first()
    subject = entry.person.full_name if entry.person_id else registration.unit.name
    delete_audited(entry, by=by, reason=reason)
    if late:
        name = award.name if award else entry.award_code
        _late_change(registration, by=by, reason=reason, detail=f"− {name}: {subject}")


def registration_submit(*, registration: Registration, by: Any) -> Registration:
    return registration_transition(registration=registration, to=S.SUBMITTED, by=by)


def registration_approve(*, registration: Registration, by: Any) -> Registration:
    return registration_transition(registration=registration, to=S.APPROVED, by=by)


def registration_return(*, registration: Registration, by: Any, reason: str) -> Registration:
    return registration_transition(registration=registration, to=S.RETURNED, by=by, reason=reason)


@transaction.atomic
def registration_transition(
    *, registration: Registration, to: str, by: Any, reason: str = ""
) -> Registration:
    """The only way a registration's status changes; every move is recorded as an event."""
    registration = _locked(registration)
    current = registration.status
    if to not in TRANSITIONS[current]:
        raise DomainError(
            _("A registration that is %(current)s cannot become %(to)s.")
            % {"current": S(current).label, "to": S(to).label},
            code="transition",
        )
    if registration.movement.status == Movement.Status.CLOSED:
        raise DomainError(_("The movement is closed."), code="movement_closed")
    _check_move(registration, to, by, reason)
    now = timezone.now()
    if to == S.SUBMITTED:
        registration.submitted_at = now
    elif to == S.APPROVED:
        registration.approved_at = now
        registration.approved_by = by
    else:
        registration.return_reason = reason.strip()
    registration.status = to
    save_audited(registration, by=by, reason=reason, clean=False)
    RegistrationEvent.objects.create(
        registration=registration, kind=EVENT_OF[to], by=actor(by), reason=reason.strip()
    )
    return registration


def _check_move(registration: Registration, to: str, by: Any, reason: str) -> None:
    if to in DECIDED_BY_HEAD and not _may_decide(by, registration):
        raise DomainError(
            _("Only the head of %(unit)s can approve or return its registration.")
            % {"unit": registration.unit.name},
            code="not_head",
        )
    if to == S.RETURNED and not reason.strip():
        raise DomainError(
            _("Give the reason for returning the registration."), field="reason", code="reason"
        )
    if to == S.SUBMITTED and not registration.entries.exists():
        raise DomainError(_("Add at least one target title before submitting."), code="empty")


def _may_decide(by: Any, registration: Registration) -> bool:
    return bool(getattr(by, "is_authenticated", False)) and by.has_perm(
        "campaigns.approve_registration", registration
    )


def _locked(registration: Registration) -> Registration:
    """The registration, locked with its movement: a person's title is unique across all the
    movement's registrations, which no database constraint can express."""
    list(Movement.objects.select_for_update().filter(pk=registration.movement_id).values("pk"))
    return (
        Registration.objects.select_for_update()
        .select_related("movement", "unit")
        .get(pk=registration.pk)
    )


def _check_movement_open(movement: Movement) -> None:
    if movement.status not in OPEN_MOVEMENT:
        raise DomainError(
            _("Registrations are taken only while the movement is launched or in progress."),
            code="movement_not_open",
        )


def _check_change(registration: Registration, reason: str) -> bool:
    """May the targets change now? Returns whether the change is late (and so recorded)."""
    _check_movement_open(registration.movement)
    if registration.status == S.SUBMITTED:
        raise DomainError(
            _(
                "The registration is awaiting the unit head's approval. "
                "Ask the head to return it before changing it."
            ),
            code="awaiting_approval",
        )
    why = late_change_reason(registration)
    if why and not reason.strip():
        raise DomainError(why, field="reason", code="reason_needed")
    return bool(why)


def _award(code: str, *, individual: bool) -> AwardType:
    """A catalogue award for the subject kind: titles mainly, forms where the catalogue has them."""
    award = AwardType.objects.filter(code=code).first()
    if award is None:
        raise DomainError(
            _("%(code)s is not a title or award in the catalogue.") % {"code": code},
            field="award_code", code="unknown_award",
        )  # fmt: skip
    if individual and award.subject != Subject.INDIVIDUAL:
        message = _("%(award)s is awarded to collectives, not to a person.")
    elif not individual and award.subject != Subject.COLLECTIVE:
        message = _("%(award)s is awarded to individuals: choose the person.")
    else:
        return award
    raise DomainError(message % {"award": award.name}, field="award_code", code="wrong_subject")


def _check_entry(registration: Registration, award: AwardType, person: Person | None) -> None:
    names = {"award": award.name, "unit": registration.unit.name}
    if person is None:
        if registration.entries.filter(person__isnull=True, award_code=award.code).exists():
            raise DomainError(
                _("%(unit)s is already registered for %(award)s.") % names,
                field="award_code", code="duplicate",
            )  # fmt: skip
        return
    names["person"] = person.full_name
    unit = Unit.objects.filter(pk=person.unit_id).first()
    if unit is None or not unit.path.startswith(registration.unit.path):
        raise DomainError(
            _("%(person)s does not work in %(unit)s or its sub-units.") % names,
            field="person", code="outside_unit",
        )  # fmt: skip
    same_target = RegistrationEntry.objects.filter(
        registration__movement_id=registration.movement_id, person=person, award_code=award.code
    )
    clash = same_target.select_related("registration__unit").first()
    if clash is None:
        return
    if clash.registration_id == registration.pk:
        message = _("%(person)s is already registered for %(award)s.") % names
    else:
        names["other"] = clash.registration.unit.name
        message = _("%(person)s is already registered for %(award)s by %(other)s.") % names
    raise DomainError(message, field="person", code="duplicate")


def _late_change(registration: Registration, *, by: Any, reason: str, detail: str) -> None:
    if len(detail) > DETAIL_LENGTH:
        detail = detail[: DETAIL_LENGTH - 1] + "…"
    RegistrationEvent.objects.create(
        registration=registration, kind=Kind.LATE_CHANGE, by=actor(by),
        reason=reason.strip(), detail=detail,
    )  # fmt: skip
