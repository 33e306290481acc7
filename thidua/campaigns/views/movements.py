"""Movement pages: the list a user may see, one movement with its lifecycle, create and edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.campaigns import selectors, services
from thidua.campaigns.forms.movements import MovementForm, TransitionForm
from thidua.campaigns.models import Movement
from thidua.core.errors import DomainError
from thidua.org.views.common import form_data, submit


def movement_for(user, pk: int, *, perm: str = "campaigns.view_movement") -> Movement:
    try:
        movement = Movement.objects.select_related("authority").get(pk=pk)
    except Movement.DoesNotExist:
        raise Http404 from None
    if not user.has_perm("campaigns.view_movement", movement):
        raise Http404
    if not user.has_perm(perm, movement):
        raise PermissionDenied(_("You do not have permission to do this."))
    return movement


@login_required
def movement_list(request: HttpRequest) -> HttpResponse:
    movements = selectors.movements_for(user=request.user)
    can_add = selectors.launching_bodies_for(user=request.user).exists()
    return render(
        request, "campaigns/movement_list.html", {"movements": movements, "can_add": can_add}
    )


@login_required
def movement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    movement = movement_for(request.user, pk)
    context = {
        "movement": movement,
        "can_change": request.user.has_perm("campaigns.change_movement", movement),
        "next_statuses": [Movement.Status(s) for s in services.TRANSITIONS[movement.status]],
        "events": movement.events.select_related("by"),
    }
    return render(request, "campaigns/movement_detail.html", context)


@login_required
def movement_add(request: HttpRequest) -> HttpResponse:
    if not selectors.launching_bodies_for(user=request.user).exists():
        raise PermissionDenied(_("You do not have permission to do this."))
    form = MovementForm(form_data(request), user=request.user)
    done, movement = submit(
        request, form, lambda data: services.movement_create(by=request.user, **data)
    )
    if done:
        return redirect("campaigns:movement_detail", pk=movement.pk)
    return render(
        request, "campaigns/movement_form.html", {"form": form, "title": _("New movement")}
    )


@login_required
def movement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    movement = movement_for(request.user, pk, perm="campaigns.change_movement")
    initial = {
        f: getattr(movement, f) for f in MovementForm.model_fields if f not in ("units", "clusters")
    }
    initial |= {"units": movement.units.all(), "clusters": movement.clusters.all()}
    form = MovementForm(form_data(request), user=request.user, initial=initial)
    done, _saved = submit(
        request, form,
        lambda data: services.movement_update(movement=movement, by=request.user, **data),
    )  # fmt: skip
    if done:
        return redirect("campaigns:movement_detail", pk=movement.pk)
    context = {"form": form, "title": _("Edit the movement"), "movement": movement}
    return render(request, "campaigns/movement_form.html", context)


@login_required
@require_POST
def movement_transition(request: HttpRequest, pk: int) -> HttpResponse:
    movement = movement_for(request.user, pk, perm="campaigns.change_movement")
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what happens next."))
        return redirect("campaigns:movement_detail", pk=pk)
    try:
        services.movement_transition(movement=movement, by=request.user, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("campaigns:movement_detail", pk=pk)


urlpatterns = [
    path("movements/", movement_list, name="movement_list"),
    path("movements/new/", movement_add, name="movement_add"),
    path("movements/<int:pk>/", movement_detail, name="movement_detail"),
    path("movements/<int:pk>/edit/", movement_edit, name="movement_edit"),
    path("movements/<int:pk>/status/", movement_transition, name="movement_transition"),
]
