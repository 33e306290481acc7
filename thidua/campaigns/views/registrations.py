"""Registration pages: a movement's registrations, one unit's registration, bulk add, removal.

The unit's emulation officer edits and submits; the unit head approves or returns; the launching
body's secretariat follows every unit's registration. A registration another unit cannot see is
not found (404); one it sees but may not change is forbidden (403).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.campaigns.forms.registrations import (
    BulkEntryForm,
    OpenForm,
    PersonEntryForm,
    RemoveForm,
    ReturnForm,
    UnitEntryForm,
)
from thidua.campaigns.models import Movement, Registration, RegistrationEntry
from thidua.campaigns.selectors import registrations as selectors
from thidua.campaigns.services import registrations as services
from thidua.core.errors import DomainError
from thidua.org.views.common import form_data, submit

VIEW, CHANGE, APPROVE = (
    "campaigns.view_registration",
    "campaigns.change_registration",
    "campaigns.approve_registration",
)
TEMPLATES = "campaigns/registrations/"


def movement_for_registrations(user: Any, pk: int) -> Movement:
    """The movement, if the user sees it or has a unit it reaches (else 404)."""
    movement = Movement.objects.select_related("authority").filter(pk=pk).first()
    if movement is None:
        raise Http404
    if not (
        user.has_perm("campaigns.view_movement", movement)
        or selectors.units_to_register(user=user, movement=movement)
        or selectors.registrations_for(user=user, movement=movement).exists()
    ):
        raise Http404
    return movement


def registration_for(user: Any, pk: int, *, perm: str = VIEW) -> Registration:
    registration = (
        Registration.objects.select_related("movement__authority", "unit", "approved_by")
        .filter(pk=pk)
        .first()
    )
    if registration is None or not user.has_perm(VIEW, registration):
        raise Http404
    if not user.has_perm(perm, registration):
        raise PermissionDenied(_("You do not have permission to do this."))
    return registration


@login_required
def registration_list(request: HttpRequest, pk: int) -> HttpResponse:
    movement = movement_for_registrations(request.user, pk)
    registrations = list(selectors.registrations_for(user=request.user, movement=movement))
    by_unit = {r.unit_id: r for r in registrations}  # officers read their own units
    units = selectors.units_to_register(user=request.user, movement=movement)
    context = {
        "movement": movement,
        "registrations": registrations,
        "own": [(unit, by_unit.get(unit.pk)) for unit in units],
        # A list: a template reads `counter.items` as the count of a status named "items".
        "by_status": list(Counter(r.get_status_display() for r in registrations).items()),
        "oversees": selectors.oversees_movement(request.user, movement),
        "deadline": selectors.deadline_of(movement),
        "is_open": movement.status in selectors.OPEN_MOVEMENT,
    }
    return render(request, TEMPLATES + "list.html", context)


@login_required
@require_POST
def registration_open(request: HttpRequest, pk: int) -> HttpResponse:
    movement = movement_for_registrations(request.user, pk)
    units = selectors.units_to_register(user=request.user, movement=movement)
    form = OpenForm(request.POST, units=units)
    if not form.is_valid():
        raise PermissionDenied(_("You do not have permission to do this."))
    unit = form.cleaned_data["unit"]
    existing = Registration.objects.filter(movement=movement, unit=unit).first()
    if existing is not None:  # a second click opens the registration made by the first one
        return redirect("campaigns:registration_detail", pk=existing.pk)
    try:
        registration = services.registration_open(movement=movement, unit=unit, by=request.user)
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("campaigns:registration_list", pk=pk)
    return redirect("campaigns:registration_detail", pk=registration.pk)


def _detail(request: HttpRequest, registration: Registration, **forms: Any) -> HttpResponse:
    user, status = request.user, registration.status
    can_change = user.has_perm(CHANGE, registration)
    movement_open = registration.movement.status in selectors.OPEN_MOVEMENT
    context = {
        "registration": registration,
        "movement": registration.movement,
        "entries": selectors.registration_entries(registration),
        "deadline": selectors.deadline_of(registration.movement),
        "late_reason": services.late_change_reason(registration),
        "can_edit": can_change and movement_open and status != Registration.Status.SUBMITTED,
        "can_submit": can_change and Registration.Status.SUBMITTED in services.TRANSITIONS[status],
        "can_decide": user.has_perm(APPROVE, registration)
        and status == Registration.Status.SUBMITTED,
        "unit_form": forms.get("unit_form") or UnitEntryForm(registration=registration),
        "person_form": forms.get("person_form") or PersonEntryForm(registration=registration),
        "return_form": forms.get("return_form") or ReturnForm(),
        "events": registration.events.select_related("by"),
        "entry_history": selectors.entry_history(registration),
    }
    return render(request, TEMPLATES + "detail.html", context)


@login_required
def registration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, registration_for(request.user, pk))


def _add(request: HttpRequest, pk: int, form_class: type, slot: str) -> HttpResponse:
    registration = registration_for(request.user, pk, perm=CHANGE)
    form = form_class(request.POST, registration=registration)
    done, _entry = submit(
        request, form,
        lambda data: services.registration_entry_add(
            registration=registration, by=request.user, **data
        ),
    )  # fmt: skip
    if done:
        messages.success(request, _("The title has been added to the registration."))
        return redirect("campaigns:registration_detail", pk=pk)
    return _detail(request, registration, **{slot: form})


@login_required
@require_POST
def registration_add_unit_entry(request: HttpRequest, pk: int) -> HttpResponse:
    return _add(request, pk, UnitEntryForm, "unit_form")


@login_required
@require_POST
def registration_add_person_entry(request: HttpRequest, pk: int) -> HttpResponse:
    return _add(request, pk, PersonEntryForm, "person_form")


@login_required
def registration_bulk_add(request: HttpRequest, pk: int) -> HttpResponse:
    registration = registration_for(request.user, pk, perm=CHANGE)
    tick_all = request.GET.get("all") == "1"  # "tick everyone" without a script
    form = BulkEntryForm(form_data(request), registration=registration, tick_all=tick_all)
    done, entries = submit(
        request, form,
        lambda data: services.registration_entries_add(
            registration=registration, by=request.user, **data
        ),
    )  # fmt: skip
    if done:
        messages.success(request, _("People registered: %(count)s.") % {"count": len(entries)})
        return redirect("campaigns:registration_detail", pk=pk)
    context = {
        "registration": registration,
        "form": form,
        "late_reason": services.late_change_reason(registration),
    }
    return render(request, TEMPLATES + "bulk.html", context)


@login_required
def registration_entry_remove(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    registration = registration_for(request.user, pk, perm=CHANGE)
    entry = get_object_or_404(
        RegistrationEntry.objects.select_related("person"), pk=entry_pk, registration=registration
    )
    form = RemoveForm(form_data(request))
    done, _nothing = submit(
        request, form,
        lambda data: services.registration_entry_remove(entry=entry, by=request.user, **data),
    )  # fmt: skip
    if done:
        messages.success(request, _("The title has been removed from the registration."))
        return redirect("campaigns:registration_detail", pk=pk)
    context = {
        "registration": registration,
        "entry": entry,
        "award_name": selectors.award_names().get(entry.award_code, entry.award_code),
        "form": form,
        "late_reason": services.late_change_reason(registration),
    }
    return render(request, TEMPLATES + "remove.html", context)


def _move(request: HttpRequest, pk: int, perm: str, action: Callable, done: str) -> HttpResponse:
    registration = registration_for(request.user, pk, perm=perm)
    try:
        action(registration=registration, by=request.user)
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("campaigns:registration_detail", pk=pk)


@login_required
@require_POST
def registration_submit(request: HttpRequest, pk: int) -> HttpResponse:
    done = _("The registration has been sent to the unit head for approval.")
    return _move(request, pk, CHANGE, services.registration_submit, done)


@login_required
@require_POST
def registration_approve(request: HttpRequest, pk: int) -> HttpResponse:
    done = _("The registration has been approved.")
    return _move(request, pk, APPROVE, services.registration_approve, done)


@login_required
@require_POST
def registration_return(request: HttpRequest, pk: int) -> HttpResponse:
    registration = registration_for(request.user, pk, perm=APPROVE)
    form = ReturnForm(request.POST)
    done, _returned = submit(
        request, form,
        lambda data: services.registration_return(
            registration=registration, by=request.user, **data
        ),
    )  # fmt: skip
    if done:
        messages.success(request, _("The registration has been returned to the unit officer."))
        return redirect("campaigns:registration_detail", pk=pk)
    return _detail(request, registration, return_form=form)


urlpatterns = [
    path("movements/<int:pk>/registrations/", registration_list, name="registration_list"),
    path("movements/<int:pk>/registrations/open/", registration_open, name="registration_open"),
    path("registrations/<int:pk>/", registration_detail, name="registration_detail"),
    path(
        "registrations/<int:pk>/unit-titles/",
        registration_add_unit_entry,
        name="registration_add_unit_entry",
    ),
    path(
        "registrations/<int:pk>/people/",
        registration_add_person_entry,
        name="registration_add_person_entry",
    ),
    path(
        "registrations/<int:pk>/people/bulk/", registration_bulk_add, name="registration_bulk_add"
    ),
    path(
        "registrations/<int:pk>/entries/<int:entry_pk>/remove/",
        registration_entry_remove,
        name="registration_entry_remove",
    ),
    path("registrations/<int:pk>/submit/", registration_submit, name="registration_submit"),
    path("registrations/<int:pk>/approve/", registration_approve, name="registration_approve"),
    path("registrations/<int:pk>/return/", registration_return, name="registration_return"),
]
