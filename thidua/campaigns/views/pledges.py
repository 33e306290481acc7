"""Pledge pages: a cluster's pledge for a year, one version with its signatures, the draft's
editing pages, opening for signature, signing for a unit, amending, and a printable copy."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.campaigns.forms.pledges import (
    AmendForm,
    MoveForm,
    PledgeForm,
    PledgeItemForm,
    ReopenForm,
    SignForm,
)
from thidua.campaigns.models import Pledge, PledgeItem
from thidua.campaigns.selectors import pledges as selectors
from thidua.campaigns.services import pledges as services
from thidua.core.errors import DomainError
from thidua.org.forms import PageForm
from thidua.org.models import Cluster, Person
from thidua.org.selectors import cluster_leader_in
from thidua.org.views.common import form_data, submit

VIEW, RUN = "campaigns.view_cluster_year", "campaigns.run_cluster_year"


# ---- access -------------------------------------------------------------------------------------
def _check(user: Any, cluster: Cluster, perm: str) -> None:
    if not user.has_perm(VIEW, cluster):
        raise Http404
    if not user.has_perm(perm, cluster):
        raise PermissionDenied(_("You do not have permission to do this."))


def cluster_for(user: Any, pk: int, *, perm: str = VIEW) -> Cluster:
    cluster = Cluster.objects.select_related("organiser").filter(pk=pk).first()
    if cluster is None:
        raise Http404
    _check(user, cluster, perm)
    return cluster


def pledge_for(user: Any, pk: int, *, perm: str = VIEW) -> Pledge:
    try:
        pledge = selectors.pledge_get(pk)
    except Pledge.DoesNotExist:
        raise Http404 from None
    _check(user, pledge.cluster, perm)
    return pledge


def item_for(pledge: Pledge, item_pk: int) -> PledgeItem:
    item = pledge.items.filter(pk=item_pk).first()
    if item is None:
        raise Http404
    return item


def _locked(request: HttpRequest, pledge: Pledge) -> HttpResponse | None:
    """Editing pages of a pledge past its draft send the user back with the reason."""
    if pledge.is_editable:
        return None
    messages.error(request, _("This pledge is no longer a draft, so its text cannot be changed."))
    return redirect("campaigns:pledge_detail", pk=pledge.pk)


def _form_page(
    request: HttpRequest, form: PageForm, pledge: Pledge, *, page: str = "form", **extra: Any
) -> HttpResponse:
    context = {"form": form, "pledge": pledge, "cluster": pledge.cluster, "year": pledge.year}
    context |= extra
    return render(request, f"campaigns/pledges/{page}.html", context)


def _refused(request: HttpRequest, exc: DomainError) -> None:
    messages.error(request, " ".join(exc.messages))


# ---- reading ------------------------------------------------------------------------------------
@login_required
def pledge_current(request: HttpRequest, cluster_pk: int, year: int) -> HttpResponse:
    cluster = cluster_for(request.user, cluster_pk)
    context = {
        "cluster": cluster,
        "year": year,
        "leader": cluster_leader_in(cluster, year),
        "can_run": request.user.has_perm(RUN, cluster),
        **selectors.pledge_current(cluster=cluster, year=year),
    }
    return render(request, "campaigns/pledges/current.html", context)


@login_required
def pledge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = pledge_for(request.user, pk)
    rows = selectors.signer_rows(pledge, user=request.user)
    context = {
        "pledge": pledge,
        "cluster": pledge.cluster,
        "year": pledge.year,
        "contents": selectors.pledge_contents(pledge),
        "rows": rows,
        "progress": selectors.signing_progress(rows),
        "has_signatures": any(row.signature for row in rows),
        "leader": cluster_leader_in(pledge.cluster, pledge.year),
        "versions": selectors.pledge_versions(cluster=pledge.cluster, year=pledge.year),
        "text_changed": selectors.pledge_text_changed(pledge),
        "can_run": request.user.has_perm(RUN, pledge.cluster),
        "item_history": selectors.pledge_item_history(pledge),
    }
    return render(request, "campaigns/pledges/detail.html", context)


@login_required
def pledge_print(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = pledge_for(request.user, pk)
    rows = [r for r in selectors.signer_rows(pledge) if r.awaited or r.signature]
    context = {
        "pledge": pledge,
        "cluster": pledge.cluster,
        "contents": selectors.pledge_contents(pledge),
        "rows": rows,
        "dateline": selectors.official_dateline(
            pledge.place, pledge.in_force_at or pledge.opened_at
        ),
    }
    return render(request, "campaigns/pledges/print.html", context)


# ---- the draft ----------------------------------------------------------------------------------
@login_required
def pledge_add(request: HttpRequest, cluster_pk: int, year: int) -> HttpResponse:
    cluster = cluster_for(request.user, cluster_pk, perm=RUN)
    form = PledgeForm(form_data(request))
    done, pledge = submit(
        request, form,
        lambda data: services.pledge_create(cluster=cluster, year=year, by=request.user, **data),
    )  # fmt: skip
    if done:
        messages.success(request, _("The draft pledge has been created. Now add its contents."))
        return redirect("campaigns:pledge_detail", pk=pledge.pk)
    title = _("New emulation pledge for %(year)s") % {"year": year}
    context = {"form": form, "cluster": cluster, "year": year, "title": title}
    return render(request, "campaigns/pledges/form.html", context)


@login_required
def pledge_edit(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = pledge_for(request.user, pk, perm=RUN)
    if locked := _locked(request, pledge):
        return locked
    initial = {name: getattr(pledge, name) for name in PledgeForm.model_fields}
    form = PledgeForm(form_data(request), initial=initial)
    done, _saved = submit(
        request, form, lambda data: services.pledge_update(pledge=pledge, by=request.user, **data)
    )
    if done:
        messages.success(request, _("The pledge has been saved."))
        return redirect("campaigns:pledge_detail", pk=pledge.pk)
    return _form_page(request, form, pledge, title=_("Edit the pledge"))


@login_required
def pledge_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = pledge_for(request.user, pk, perm=RUN)
    if locked := _locked(request, pledge):
        return locked
    form = PledgeItemForm(form_data(request), pledge=pledge)
    done, _item = submit(
        request, form, lambda data: services.pledge_item_add(pledge=pledge, by=request.user, **data)
    )
    if done:
        messages.success(request, _("The content has been added."))
        return redirect("campaigns:pledge_detail", pk=pledge.pk)
    return _form_page(request, form, pledge, page="item_form", title=_("Add a content"))


@login_required
def pledge_item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    pledge = pledge_for(request.user, pk, perm=RUN)
    item = item_for(pledge, item_pk)
    if locked := _locked(request, pledge):
        return locked
    initial = {"text": item.text, "indicators": list(item.indicators.all())}
    form = PledgeItemForm(form_data(request), pledge=pledge, initial=initial)
    done, _item = submit(
        request, form,
        lambda data: services.pledge_item_update(item=item, by=request.user, **data),
    )  # fmt: skip
    if done:
        messages.success(request, _("The content has been saved."))
        return redirect("campaigns:pledge_detail", pk=pledge.pk)
    title = _("Edit content no. %(number)s") % {"number": item.number}
    return _form_page(request, form, pledge, page="item_form", title=title)


@login_required
def pledge_item_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    pledge = pledge_for(request.user, pk, perm=RUN)
    item = item_for(pledge, item_pk)
    if locked := _locked(request, pledge):
        return locked
    if request.method == "POST":
        services.pledge_item_remove(item=item, by=request.user)
        messages.success(request, _("The content has been removed; the others were renumbered."))
        return redirect("campaigns:pledge_detail", pk=pledge.pk)
    title = _("Remove content no. %(number)s?") % {"number": item.number}
    context = {"pledge": pledge, "cluster": pledge.cluster, "title": title, "item": item}
    return render(request, "campaigns/pledges/confirm.html", context)


@login_required
@require_POST
def pledge_item_move(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    pledge = pledge_for(request.user, pk, perm=RUN)
    item = item_for(pledge, item_pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.pledge_item_move(
                item=item, offset=form.cleaned_data["offset"], by=request.user
            )
        except DomainError as exc:
            _refused(request, exc)
    return redirect("campaigns:pledge_detail", pk=pledge.pk)


# ---- signature ----------------------------------------------------------------------------------
@login_required
def pledge_open(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = pledge_for(request.user, pk, perm=RUN)
    if request.method == "POST":
        try:
            services.pledge_open_for_signing(pledge=pledge, by=request.user)
        except DomainError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("The pledge is open for signature."))
        return redirect("campaigns:pledge_detail", pk=pledge.pk)
    if locked := _locked(request, pledge):
        return locked
    title = _("Open the pledge for signature?")
    rows = [row for row in selectors.signer_rows(pledge) if row.awaited]
    context = {"pledge": pledge, "cluster": pledge.cluster, "title": title, "awaited": rows}
    return render(request, "campaigns/pledges/confirm.html", context)


@login_required
@require_POST
def pledge_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = pledge_for(request.user, pk, perm=RUN)
    form = ReopenForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.pledge_reopen_draft(pledge=pledge, by=request.user, reason=reason)
    except DomainError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("The pledge is a draft again and can be corrected."))
    return redirect("campaigns:pledge_detail", pk=pledge.pk)


@login_required
def pledge_sign(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    pledge = pledge_for(request.user, pk)
    unit = selectors.signable_unit(pledge, unit_pk)
    if unit is None:
        raise Http404
    if not request.user.has_perm("campaigns.sign_for_unit", unit):
        raise PermissionDenied(_("You do not have permission to do this."))
    if request.method != "POST":
        try:
            services.check_may_sign(pledge, unit)
        except DomainError as exc:
            _refused(request, exc)
            return redirect("campaigns:pledge_detail", pk=pledge.pk)
    person = Person.objects.filter(user=request.user).first()
    initial = (
        {"signer_name": person.full_name, "signer_position": person.position} if person else {}
    )
    form = SignForm(form_data(request), initial=initial)
    done, _signature = submit(
        request, form,
        lambda data: services.pledge_sign(pledge=pledge, unit=unit, by=request.user, **data),
    )  # fmt: skip
    if done:
        messages.success(request, _("The signature of %(unit)s is recorded.") % {"unit": unit})
        return redirect("campaigns:pledge_detail", pk=pledge.pk)
    title = _("Sign the pledge for %(unit)s") % {"unit": unit}
    return _form_page(request, form, pledge, title=title, unit=unit, signing=True)


@login_required
def pledge_amend(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = pledge_for(request.user, pk, perm=RUN)
    if pledge.status not in (Pledge.Status.SIGNING, Pledge.Status.IN_FORCE):
        messages.error(
            request, _("Only a pledge that is open for signature or in force can be amended.")
        )
        return redirect("campaigns:pledge_detail", pk=pledge.pk)
    form = AmendForm(form_data(request))
    done, amended = submit(
        request, form, lambda data: services.pledge_amend(pledge=pledge, by=request.user, **data)
    )
    if done:
        messages.success(
            request,
            _("Version %(version)s has been drafted; the current version stays in force until "
              "every member signs the new one.") % {"version": amended.version},
        )  # fmt: skip
        return redirect("campaigns:pledge_detail", pk=amended.pk)
    return _form_page(request, form, pledge, title=_("Amend the pledge"), amending=True)


urlpatterns = [
    path("clusters/<int:cluster_pk>/<int:year>/pledge/", pledge_current, name="pledge_current"),
    path("clusters/<int:cluster_pk>/<int:year>/pledge/new/", pledge_add, name="pledge_add"),
    path("pledges/<int:pk>/", pledge_detail, name="pledge_detail"),
    path("pledges/<int:pk>/edit/", pledge_edit, name="pledge_edit"),
    path("pledges/<int:pk>/items/new/", pledge_item_add, name="pledge_item_add"),
    path("pledges/<int:pk>/items/<int:item_pk>/edit/", pledge_item_edit, name="pledge_item_edit"),
    path(
        "pledges/<int:pk>/items/<int:item_pk>/remove/",
        pledge_item_remove,
        name="pledge_item_remove",
    ),
    path("pledges/<int:pk>/items/<int:item_pk>/move/", pledge_item_move, name="pledge_item_move"),
    path("pledges/<int:pk>/open/", pledge_open, name="pledge_open"),
    path("pledges/<int:pk>/reopen/", pledge_reopen, name="pledge_reopen"),
    path("pledges/<int:pk>/sign/<int:unit_pk>/", pledge_sign, name="pledge_sign"),
    path("pledges/<int:pk>/amend/", pledge_amend, name="pledge_amend"),
    path("pledges/<int:pk>/print/", pledge_print, name="pledge_print"),
]
