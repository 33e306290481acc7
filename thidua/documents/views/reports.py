"""The award statistics page: choose a unit and a span of years, see the tables and a chart, and
print the same tables as a paper (Word, PDF, Excel) through the papers' own pages."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.documents.papers import statistics
from thidua.org.forms import unit_label
from thidua.org.models import Unit
from thidua.org.selectors import unit_roots_for, units_visible_to


class StatisticsPageForm(statistics.StatisticsForm):
    """The paper's options plus the unit, chosen among the units the viewer may see."""

    unit = forms.ModelChoiceField(
        label=_("Unit (with its sub-units)"), queryset=Unit.objects.none()
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        field.queryset = units_visible_to(user).order_by("path")
        field.label_from_instance = unit_label
        field.widget.attrs["class"] = "form-select form-select-lg"
        self.order_fields(["unit", "year_from", "year_to", "breakdown"])


def _defaults(user: Any) -> dict[str, Any]:
    """A first visit counts the viewer's top unit over the last five years."""
    this_year = timezone.localdate().year
    roots = unit_roots_for(user)
    return {
        "unit": roots[0].pk if roots else "",
        "year_from": this_year - 4,
        "year_to": this_year,
        "breakdown": "all",
    }


def _cells(table: statistics.Table) -> list[list[tuple[Any, str]]]:
    return [[(row.get(c.key), c.align) for c in table.columns] for row in table.rows]


@login_required
def award_statistics(request: HttpRequest) -> HttpResponse:
    form = StatisticsPageForm(request.GET or _defaults(request.user), user=request.user)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        data = form.cleaned_data
        tables = statistics.statistics_tables(
            user=request.user, unit=data["unit"], year_from=data["year_from"],
            year_to=data["year_to"], breakdown=data["breakdown"],
        )  # fmt: skip
        context |= {
            "unit": data["unit"],
            "tables": [
                {"key": key, "table": table, "values": _cells(table)}
                for key, table in tables.items()
            ],
            "chart": statistics.chart_data(tables),
            "options": [(k, data[k]) for k in ("year_from", "year_to", "breakdown")],
            "kind": statistics.KIND,
        }
    return render(request, "documents/statistics.html", context)


urlpatterns = [
    path("documents/statistics/", award_statistics, name="award_statistics"),
]
