"""People pages: search, a person's record, and its changes (add, edit, transfer, leave)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thidua.core.fragments import cached_render
from thidua.org import access, selectors, services
from thidua.org.forms import LeaveForm, PersonAddForm, PersonForm, PersonTransferForm, SearchForm
from thidua.org.scope import scope_fingerprint
from thidua.org.views.common import HtmxHttpRequest, form_data, page_of, submit

UNIT_RESULTS = 20  # units shown beside the people; a longer list means the query is too vague


@login_required
def person_search(request: HtmxHttpRequest) -> HttpResponse:
    """One box for people and units, diacritics-insensitive, in Vietnamese name order."""
    query = SearchForm(request.GET).query

    def results() -> dict[str, Any]:
        units = selectors.unit_search(user=request.user, query=query) if query else None
        return {
            "query": query,
            "people": page_of(request, selectors.person_search(user=request.user, query=query)),
            "units": units.select_related("parent")[:UNIT_RESULTS] if units is not None else [],
        }

    # Results depend only on what the viewer may see, so viewers with the same scope share them.
    results_html = cached_render(
        request,
        "org/_search_results.html",
        results,
        namespace="org",
        key=("person_search", scope_fingerprint(request.user), query, request.GET.get("page")),
    )
    if request.htmx:
        return HttpResponse(results_html)
    context = {"query": query, "results_html": results_html}
    return render(request, "org/person_search.html", context)


@login_required
def person_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_detail(access.person_for(request.user, pk))
    context = {
        "person": person,
        "can_change": request.user.has_perm("org.change_person", person),
        "can_view_history": person.unit is not None
        and request.user.has_perm("org.view_history", person.unit),
    }
    return render(request, "org/person_detail.html", context)


@login_required
def person_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    unit = access.unit_for(request.user, pk, perm="org.add_person_to_unit")
    form = PersonAddForm(form_data(request))
    done, person = submit(
        request, form, lambda data: services.person_create(by=request.user, unit=unit, **data)
    )
    if done:
        names = {"person": person.full_name, "unit": unit.name}
        messages.success(request, _("%(person)s was added to %(unit)s.") % names)
        return redirect("org:person_detail", pk=person.pk)
    title = _("Add a person to %(unit)s") % {"unit": unit.name}
    return render(request, "org/unit_form.html", {"form": form, "unit": unit, "title": title})


@login_required
def person_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    person = access.person_for(request.user, pk, perm="org.change_person")
    form = PersonForm(form_data(request), person=person)
    done, _result = submit(
        request, form, lambda data: services.person_update(person=person, by=request.user, **data)
    )
    if done:
        messages.success(request, _("The record of %(person)s was saved.") % {"person": person})
        return redirect("org:person_detail", pk=person.pk)
    if request.method == "POST":
        person.refresh_from_db()  # a refused save may have left the typed values on the object
    title = _("Edit %(person)s") % {"person": person.full_name}
    return render(request, "org/person_form.html", {"form": form, "person": person, "title": title})


@login_required
def person_transfer(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Move a person to another unit the user manages; the old post ends the day before."""
    person = access.person_for(request.user, pk, perm="org.change_person")
    form = PersonTransferForm(form_data(request), person=person, user=request.user)
    done, _result = submit(
        request,
        form,
        lambda data: services.person_transfer(person=person, by=request.user, **data),
    )
    if done:
        names = {"person": person.full_name, "unit": person.unit.name}
        messages.success(request, _("%(person)s was transferred to %(unit)s.") % names)
        return redirect("org:person_detail", pk=person.pk)
    title = _("Transfer %(person)s") % {"person": person.full_name}
    return render(request, "org/person_form.html", {"form": form, "person": person, "title": title})


@login_required
def leave_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    person = access.person_for(request.user, pk, perm="org.change_person")
    form = LeaveForm(form_data(request))
    done, _result = submit(
        request, form, lambda data: services.leave_add(person=person, by=request.user, **data)
    )
    if done:
        messages.success(request, _("The leave of %(person)s was recorded.") % {"person": person})
        return redirect("org:person_detail", pk=person.pk)
    title = _("Record leave for %(person)s") % {"person": person.full_name}
    return render(request, "org/person_form.html", {"form": form, "person": person, "title": title})
