"""Unit pages: the tree, a unit's page, and its changes (edit, sub-unit, deactivate, delete)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thidua.core.fragments import cached_parts
from thidua.org import access, selectors, services
from thidua.org.forms import PageForm, SearchForm, UnitDeactivateForm, UnitEditForm, UnitForm
from thidua.org.models import Unit
from thidua.org.scope import scope_fingerprint
from thidua.org.views.common import HtmxHttpRequest, form_data, page_of, submit

# What the unit page may offer; each is a django-rules permission checked on the unit.
UNIT_ACTIONS = (
    "view_unit_people",
    "change_unit",
    "add_subunit",
    "add_person_to_unit",
    "export_unit",
    "view_history",
)
SEARCH_LIMIT = 100


def unit_actions(user: Any, unit: Unit) -> dict[str, bool]:
    return {name: user.has_perm(f"org.{name}", unit) for name in UNIT_ACTIONS}


@login_required
def unit_tree(request: HtmxHttpRequest) -> HttpResponse:
    """The visible unit forest; with a filter, the matching units as a flat list instead."""
    query = SearchForm(request.GET).query
    context: dict[str, Any] = {"query": query}
    if query:
        found = selectors.unit_search(user=request.user, query=query).select_related("parent")
        context["results"] = found[:SEARCH_LIMIT]
    else:
        context["tree"] = selectors.unit_tree(user=request.user)
    template = "org/_unit_tree_body.html" if request.htmx else "org/unit_tree.html"
    return render(request, template, context)


@login_required
def unit_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    unit = access.unit_for(request.user, pk)
    can = unit_actions(request.user, unit)
    query = SearchForm(request.GET).query

    def people() -> Any:
        if not can["view_unit_people"]:
            return None
        return page_of(request, selectors.person_search(user=request.user, query=query, unit=unit))

    if request.htmx and can["view_unit_people"]:  # the live search re-renders the list only
        context = {"unit": unit, "people": people(), "query": query}
        return render(request, "org/_unit_people.html", context)
    # The viewer's scope decides both the actions offered and the breadcrumbs shown.
    breadcrumbs, body = cached_parts(
        request,
        "org/_unit_detail_body.html",
        lambda: {
            "unit": unit,
            "can": can,
            "query": query,
            "people": people(),
            "ancestors": selectors.unit_ancestors(user=request.user, unit=unit),
            "children": selectors.unit_children(unit),
            "cluster_memberships": selectors.unit_clusters(unit),
        },
        namespace="org",
        key=(
            "unit_detail",
            unit.pk,
            scope_fingerprint(request.user),
            query,
            request.GET.get("page"),
        ),
    )
    context = {"unit": unit, "breadcrumbs": breadcrumbs, "body": body}
    return render(request, "org/unit_detail.html", context)


@login_required
def unit_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    unit = access.unit_for(request.user, pk, perm="org.change_unit")
    form = UnitEditForm(form_data(request), unit=unit, user=request.user)
    done, _result = submit(
        request, form, lambda data: services.unit_change(unit=unit, by=request.user, **data)
    )
    if done:
        messages.success(request, _("The changes to %(unit)s were saved.") % {"unit": unit.name})
        return redirect("org:unit_detail", pk=unit.pk)
    if request.method == "POST":
        unit.refresh_from_db()  # a refused save may have left the typed values on the object
    title = _("Edit %(unit)s") % {"unit": unit.name}
    return render(request, "org/unit_form.html", {"form": form, "unit": unit, "title": title})


@login_required
def unit_add_child(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    unit = access.unit_for(request.user, pk, perm="org.add_subunit")
    form = UnitForm(form_data(request))
    done, child = submit(
        request, form, lambda data: services.unit_create(by=request.user, parent=unit, **data)
    )
    if done:
        messages.success(request, _("%(unit)s was added.") % {"unit": child.name})
        return redirect("org:unit_detail", pk=child.pk)
    title = _("Add a sub-unit to %(unit)s") % {"unit": unit.name}
    return render(request, "org/unit_form.html", {"form": form, "unit": unit, "title": title})


@login_required
def unit_deactivate(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Close a unit (merger, dissolution, renaming); its people and history stay."""
    unit = access.unit_for(request.user, pk, perm="org.change_unit")
    form = UnitDeactivateForm(form_data(request), unit=unit, user=request.user)
    done, _result = submit(
        request, form, lambda data: services.unit_deactivate(unit=unit, by=request.user, **data)
    )
    if done:
        messages.success(request, _("%(unit)s was deactivated.") % {"unit": unit.name})
        return redirect("org:unit_detail", pk=unit.pk)
    title = _("Deactivate %(unit)s") % {"unit": unit.name}
    context = {"form": form, "unit": unit, "title": title}
    return render(request, "org/unit_deactivate.html", context)


@login_required
def unit_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Delete an empty unit after a confirmation; the service refuses one with people."""
    unit = access.unit_for(request.user, pk, perm="org.change_unit")
    form = PageForm(form_data(request))
    done, _result = submit(
        request, form, lambda data: services.unit_delete(unit=unit, by=request.user)
    )
    if done:
        messages.success(request, _("%(unit)s was deleted.") % {"unit": unit.name})
        if unit.parent and request.user.has_perm("org.view_unit", unit.parent):
            return redirect("org:unit_detail", pk=unit.parent.pk)
        return redirect("org:unit_tree")
    return render(request, "org/unit_delete.html", {"form": form, "unit": unit})
