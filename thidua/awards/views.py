"""Award pages: a person's record with what they qualify for now, a unit's who-is-due lists."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from thidua.awards import selectors
from thidua.awards.models import AwardType
from thidua.awards.sweeps import sweep_start
from thidua.eligibility import Status
from thidua.org import access

DUE_STATUSES = [s.value for s in (Status.ELIGIBLE, Status.PENDING_DOCUMENT, Status.DEFERRED)]


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    award = forms.CharField(label=_("Award"), required=False)

    def year_or_default(self) -> int:
        if self.is_valid() and self.cleaned_data["year"]:
            return self.cleaned_data["year"]
        return selectors.evaluation_year()


@login_required
def person_record(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.person_for(request.user, pk)
    year = YearForm(request.GET).year_or_default()
    context = {
        "person": person,
        "year": year,
        "years": range(year + 1, year - 6, -1),
        "panel": selectors.person_panel(person, year=year, as_of=timezone.localdate()),
        "records": selectors.person_records(person),
        "ratings": person.ratings.order_by("-year"),
        "initiatives": person.initiatives.prefetch_related("used_by__award"),
        "disciplines": person.disciplines.all(),
        "freezes": person.freezes.all(),
    }
    return render(request, "awards/person_record.html", context)


@login_required
def unit_due(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access.unit_for(request.user, pk, perm="org.view_unit_people")
    form = YearForm(request.GET)
    year = form.year_or_default()
    awards = list(AwardType.objects.filter(subject="individual"))
    wanted = form.cleaned_data.get("award") if form.is_valid() else ""
    award = next((a for a in awards if a.code == wanted), awards[0] if awards else None)
    sweep = selectors.latest_sweep(unit, year)
    names = selectors.award_names()
    rows = []
    if sweep and award:
        for row in selectors.due_list(sweep, award.code, DUE_STATUSES):
            rows.append((row, selectors.stored_reasons(row, names)))
    context = {
        "unit": unit,
        "year": year,
        "years": range(year + 1, year - 6, -1),
        "cap": selectors.cstdcs_cap(sweep, unit) if award and award.code == "CSTDCS" else None,
        "tally": (sweep.counts.get(award.code, {}) if sweep and award else {}),
        "awards": awards,
        "award": award,
        "sweep": sweep,
        "rows": rows,
        "panel": selectors.unit_panel(unit, year=year, as_of=timezone.localdate()),
    }
    return render(request, "awards/unit_due.html", context)


@login_required
@require_POST
def unit_sweep_start(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access.unit_for(request.user, pk, perm="org.view_unit_people")
    year = YearForm(request.POST).year_or_default()
    back = f"{reverse('awards:unit_due', args=[unit.pk])}?year={year}"
    sweep = sweep_start(
        by=request.user, year=year, as_of=timezone.localdate(), unit=unit, return_url=back
    )
    return redirect("job_detail", pk=sweep.job_id)
