"""Criteria table pages: the tables a user may see, one table as a tree with its maxima and its
policy in plain words, and, for the cluster's runners, the pages that build it: create or copy
from last year, edit the policy, add, edit and delete groups and criteria."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from thidua.core.errors import DomainError
from thidua.org.forms import PageForm
from thidua.org.views.common import form_data, submit
from thidua.scoring.forms.tables import (
    CriterionForm,
    GroupForm,
    TableCopyForm,
    TableCreateForm,
    TableEditForm,
)
from thidua.scoring.models import CriteriaTable, Criterion, CriterionGroup
from thidua.scoring.selectors import tables as selectors
from thidua.scoring.services import tables as services

VIEW, CHANGE = "scoring.view_table", "scoring.change_table"


# ---- access -------------------------------------------------------------------------------------
def table_for(user: Any, pk: int, *, perm: str = VIEW) -> CriteriaTable:
    """The table if the user may see it (404 otherwise) and may do `perm` (403)."""
    table = selectors.table_get(pk)
    if table is None or not user.has_perm(VIEW, table):
        raise Http404
    if not user.has_perm(perm, table):
        raise PermissionDenied(_("You do not have permission to do this."))
    return table


def group_for(user: Any, pk: int) -> CriterionGroup:
    group = CriterionGroup.objects.filter(pk=pk).first()
    if group is None:
        raise Http404
    group.table = table_for(user, group.table_id, perm=CHANGE)
    return group


def criterion_for(user: Any, pk: int) -> Criterion:
    criterion = Criterion.objects.select_related("group").filter(pk=pk).first()
    if criterion is None:
        raise Http404
    criterion.group.table = table_for(user, criterion.group.table_id, perm=CHANGE)
    return criterion


def _locked(request: HttpRequest, table: CriteriaTable) -> HttpResponse | None:
    """Editing pages of a locked table send the user back to it with the reason."""
    try:
        services.check_table_open(table)
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("scoring:table_detail", pk=table.pk)
    return None


def _page(
    request: HttpRequest, form: PageForm, title: str, table: CriteriaTable | None = None,
    **extra: Any,
) -> HttpResponse:  # fmt: skip
    context = {"form": form, "title": title, "table": table, **extra}
    return render(request, "scoring/table_form.html", context)


# ---- reading ------------------------------------------------------------------------------------
@login_required
def table_list(request: HttpRequest) -> HttpResponse:
    tables = selectors.tables_for(user=request.user)
    context = {
        "tables": tables,
        "can_add": selectors.clusters_run_by(user=request.user).exists(),
        "changeable": {t.pk for t in tables if request.user.has_perm(CHANGE, t)},
    }
    return render(request, "scoring/table_list.html", context)


@login_required
def table_detail(request: HttpRequest, pk: int) -> HttpResponse:
    table = table_for(request.user, pk)
    tree = selectors.table_tree(table)
    context = {
        "table": table,
        "tree": tree,
        "regular_max": selectors.regular_max(tree),
        "warnings": selectors.table_warnings(table, tree),
        "policy_lines": selectors.policy_in_words(table),
        "can_change": request.user.has_perm(CHANGE, table) and not table.is_locked,
        "can_copy": request.user.has_perm(CHANGE, table),
    }
    return render(request, "scoring/table_detail.html", context)


# ---- the table ----------------------------------------------------------------------------------
@login_required
def table_create(request: HttpRequest) -> HttpResponse:
    if not selectors.clusters_run_by(user=request.user).exists():
        raise PermissionDenied(_("You do not have permission to do this."))
    form = TableCreateForm(form_data(request), user=request.user)
    done, table = submit(request, form, lambda data: services.table_create(by=request.user, **data))
    if done:
        messages.success(request, _("The criteria table is created. Now add its groups."))
        return redirect("scoring:table_detail", pk=table.pk)
    return _page(request, form, _("New criteria table"))


@login_required
def table_copy(request: HttpRequest, pk: int) -> HttpResponse:
    source = table_for(request.user, pk, perm=CHANGE)
    form = TableCopyForm(form_data(request), source=source)
    done, copied = submit(
        request, form,
        lambda data: services.table_copy(source=source, by=request.user, **data),
    )  # fmt: skip
    if done:
        table, warnings = copied
        messages.success(request, _("The table is copied with its groups and criteria."))
        for warning in warnings:
            messages.warning(request, warning)
        return redirect("scoring:table_detail", pk=table.pk)
    title = _("Copy %(table)s to another year") % {"table": source.title}
    return _page(request, form, title, source, copying=True)


@login_required
def table_edit(request: HttpRequest, pk: int) -> HttpResponse:
    table = table_for(request.user, pk, perm=CHANGE)
    if refused := _locked(request, table):
        return refused
    form = TableEditForm(form_data(request), table=table, user=request.user)
    done, _saved = submit(
        request, form, lambda data: services.table_update(table=table, by=request.user, **data)
    )
    if done:
        messages.success(request, _("The table is saved."))
        return redirect("scoring:table_detail", pk=table.pk)
    return _page(request, form, _("Edit the table and its rules"), table)


# ---- groups -------------------------------------------------------------------------------------
@login_required
def group_add(request: HttpRequest, pk: int) -> HttpResponse:
    table = table_for(request.user, pk, perm=CHANGE)
    if refused := _locked(request, table):
        return refused
    form = GroupForm(form_data(request))
    done, _group = submit(
        request, form, lambda data: services.group_save(table=table, by=request.user, **data)
    )
    if done:
        messages.success(request, _("The group is added."))
        return redirect("scoring:table_detail", pk=table.pk)
    return _page(request, form, _("New group of criteria"), table)


@login_required
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    group = group_for(request.user, pk)
    if refused := _locked(request, group.table):
        return refused
    form = GroupForm(form_data(request), group=group)
    done, _group = submit(
        request, form,
        lambda data: services.group_save(table=group.table, group=group, by=request.user, **data),
    )  # fmt: skip
    if done:
        messages.success(request, _("The group is saved."))
        return redirect("scoring:table_detail", pk=group.table_id)
    return _page(request, form, _("Edit group %(code)s") % {"code": group.code}, group.table)


@login_required
def group_delete(request: HttpRequest, pk: int) -> HttpResponse:
    group = group_for(request.user, pk)
    if refused := _locked(request, group.table):
        return refused
    if request.method == "POST":
        return _delete(
            request, group.table, lambda: services.group_delete(group=group, by=request.user)
        )
    context = {"table": group.table, "group": group, "criteria": group.criteria.all()}
    return render(request, "scoring/table_confirm_delete.html", context)


def _delete(request: HttpRequest, table: CriteriaTable, action: Any) -> HttpResponse:
    try:
        action()
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Deleted."))
    return redirect("scoring:table_detail", pk=table.pk)


# ---- criteria -----------------------------------------------------------------------------------
@login_required
def criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    group = group_for(request.user, pk)
    if refused := _locked(request, group.table):
        return refused
    form = CriterionForm(form_data(request), table=group.table)
    done, _criterion = submit(
        request, form, lambda data: services.criterion_save(group=group, by=request.user, **data)
    )
    if done:
        messages.success(request, _("The criterion is added."))
        return redirect("scoring:table_detail", pk=group.table_id)
    title = _("New criterion in group %(code)s") % {"code": group.code}
    return _page(request, form, title, group.table)


@login_required
def criterion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = criterion_for(request.user, pk)
    table = criterion.group.table
    if refused := _locked(request, table):
        return refused
    form = CriterionForm(form_data(request), table=table, criterion=criterion)
    done, _criterion = submit(
        request, form,
        lambda data: services.criterion_save(criterion=criterion, by=request.user, **data),
    )  # fmt: skip
    if done:
        messages.success(request, _("The criterion is saved."))
        return redirect("scoring:table_detail", pk=table.pk)
    return _page(request, form, _("Edit criterion %(code)s") % {"code": criterion.code}, table)


@login_required
def criterion_delete(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = criterion_for(request.user, pk)
    table = criterion.group.table
    if refused := _locked(request, table):
        return refused
    if request.method == "POST":
        return _delete(
            request, table, lambda: services.criterion_delete(criterion=criterion, by=request.user)
        )
    context = {"table": table, "criterion": criterion}
    return render(request, "scoring/table_confirm_delete.html", context)


urlpatterns = [
    path("scoring/tables/", table_list, name="table_list"),
    path("scoring/tables/new/", table_create, name="table_create"),
    path("scoring/tables/<int:pk>/", table_detail, name="table_detail"),
    path("scoring/tables/<int:pk>/edit/", table_edit, name="table_edit"),
    path("scoring/tables/<int:pk>/copy/", table_copy, name="table_copy"),
    path("scoring/tables/<int:pk>/groups/new/", group_add, name="group_add"),
    path("scoring/groups/<int:pk>/edit/", group_edit, name="group_edit"),
    path("scoring/groups/<int:pk>/delete/", group_delete, name="group_delete"),
    path("scoring/groups/<int:pk>/criteria/new/", criterion_add, name="criterion_add"),
    path("scoring/criteria/<int:pk>/edit/", criterion_edit, name="criterion_edit"),
    path("scoring/criteria/<int:pk>/delete/", criterion_delete, name="criterion_delete"),
]
