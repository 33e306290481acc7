"""Movement pages: the list a user may see, one movement with its lifecycle and documents,
create and edit."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.campaigns import selectors, services
from thidua.campaigns.forms.movements import DocumentForm, MovementForm, TransitionForm
from thidua.campaigns.models import Movement, MovementDocument
from thidua.campaigns.views.files import attachment_response
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
    return _detail(request, movement_for(request.user, pk))


def _detail(
    request: HttpRequest, movement: Movement, document_form: DocumentForm | None = None
) -> HttpResponse:
    can_change = request.user.has_perm("campaigns.change_movement", movement)
    context = {
        "movement": movement,
        "can_change": can_change,
        "next_statuses": [Movement.Status(s) for s in services.TRANSITIONS[movement.status]],
        "events": movement.events.select_related("by"),
        "documents": movement.documents.filter(removed_at__isnull=True),
        "document_form": (document_form or DocumentForm()) if can_change else None,
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


@login_required
@require_POST
def movement_document_add(request: HttpRequest, pk: int) -> HttpResponse:
    movement = movement_for(request.user, pk, perm="campaigns.change_movement")
    form = DocumentForm(request.POST, request.FILES)
    done, _document = submit(
        request, form,
        lambda data: services.movement_document_add(
            movement=movement, uploaded_file=data["uploaded_file"], title=data["title"],
            by=request.user,
        ),
    )  # fmt: skip
    if not done:
        return _detail(request, movement, document_form=form)
    messages.success(request, _("The document is attached."))
    return redirect("campaigns:movement_detail", pk=pk)


def _document_for(user: Any, pk: int, *, perm: str) -> MovementDocument:
    document = MovementDocument.objects.filter(pk=pk, removed_at__isnull=True).first()
    if document is None:
        raise Http404
    movement_for(user, document.movement_id, perm=perm)
    return document


@login_required
def movement_document_download(request: HttpRequest, pk: int) -> FileResponse:
    """Always an attachment of the type found in its content: never opened as a page."""
    return attachment_response(_document_for(request.user, pk, perm="campaigns.view_movement"))


@login_required
@require_POST
def movement_document_remove(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_for(request.user, pk, perm="campaigns.change_movement")
    services.movement_document_remove(document=document, by=request.user)
    messages.success(request, _("The document is removed."))
    return redirect("campaigns:movement_detail", pk=document.movement_id)


urlpatterns = [
    path("movements/", movement_list, name="movement_list"),
    path("movements/new/", movement_add, name="movement_add"),
    path("movements/<int:pk>/", movement_detail, name="movement_detail"),
    path("movements/<int:pk>/edit/", movement_edit, name="movement_edit"),
    path("movements/<int:pk>/status/", movement_transition, name="movement_transition"),
    path("movements/<int:pk>/documents/", movement_document_add, name="movement_document_add"),
    path("movement-documents/<int:pk>/", movement_document_download, name="movement_document"),
    path(
        "movement-documents/<int:pk>/remove/",
        movement_document_remove,
        name="movement_document_remove",
    ),
]
