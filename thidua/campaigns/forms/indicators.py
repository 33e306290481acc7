"""Forms of the indicator pages: an indicator, the units' own targets, a period's due date and
its closing. They parse what was typed; the services decide."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _

from thidua.campaigns.models import Indicator, ReportingPeriod
from thidua.org.forms import PageForm
from thidua.org.models import Unit


class FigureField(forms.DecimalField):
    """A number as people type it: "1.054" or "1054" (Vietnamese), "61,67" or "61.67".

    Digits grouped by threes with the language's thousands separator are read as one whole
    number, so "1.054" is one thousand and fifty-four in Vietnamese, never 1.054."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_digits", 18)
        kwargs.setdefault("decimal_places", 4)
        super().__init__(localize=True, **kwargs)
        self.widget.attrs["inputmode"] = "decimal"

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace("\u00a0", "")
            separator = get_format("THOUSAND_SEPARATOR")
            grouped = rf"-?\d{{1,3}}({re.escape(separator)}\d{{3}})+"
            if separator and re.fullmatch(grouped, value):
                value = value.replace(separator, "")
        return super().to_python(value)


def plain(value: Decimal | None) -> Decimal | None:
    """A stored figure (1054.0000) as it should appear in a form field (1054)."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


class IndicatorForm(PageForm):
    model = Indicator
    model_fields = (
        "code", "name", "description", "kind", "unit_of_measure", "numerator_label",
        "denominator_label", "direction", "frequency", "order",
    )  # fmt: skip
    target = FigureField(
        label=_("Target"),
        help_text=_("For a ratio or a percentage, in per cent; for yes or no, 1 means yes."),
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=500,
        required=False,
        help_text=_("Needed once units have reported on this indicator."),
    )

    def __init__(self, *args: Any, has_reports: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["numerator_label"].help_text = _("For a ratio: what is counted on top.")
        self.fields["denominator_label"].help_text = _("For a ratio: what it is counted out of.")
        self.fields["description"].widget.attrs["rows"] = 3
        # Left empty, a new indicator goes after the others.
        self.fields["order"].required = False
        self.fields["order"].initial = None
        self.fields["order"].help_text = _("Leave empty to put the indicator last.")
        self.order_fields(
            ["code", "name", "kind", "numerator_label", "denominator_label", "unit_of_measure",
             "direction", "target", "frequency", "description", "order"]
        )  # fmt: skip
        if not has_reports:
            del self.fields["reason"]

    @staticmethod
    def initial_for(indicator: Indicator) -> dict[str, Any]:
        initial = {name: getattr(indicator, name) for name in IndicatorForm.model_fields}
        return initial | {"target": plain(indicator.target)}

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("reason", None)
        if data.get("order") is None:
            data.pop("order", None)
        return data


class IndicatorTargetsForm(PageForm):
    """One field per member unit: its own target, or empty for the indicator's common one."""

    reason = forms.CharField(label=_("Reason for the change"), max_length=500, required=False)

    def __init__(
        self, *args: Any, indicator: Indicator, units: list[Unit], has_reports: bool, **kwargs: Any
    ):
        own = {t.unit_id: t.target for t in indicator.targets.all()}
        kwargs.setdefault("initial", {f"unit_{u.pk}": plain(own.get(u.pk)) for u in units})
        super().__init__(*args, **kwargs)
        self.units = units
        for unit in units:
            self.fields[f"unit_{unit.pk}"] = FigureField(label=unit.name)
            self.fields[f"unit_{unit.pk}"].widget.attrs["class"] = "form-control form-control-lg"
        self.fields["reason"].help_text = (
            _("Needed: units have already reported on this indicator.") if has_reports else ""
        )
        self.fields["reason"] = self.fields.pop("reason")  # shown last

    def targets(self) -> list[tuple[Unit, Decimal | None]]:
        return [(u, self.cleaned_data.get(f"unit_{u.pk}")) for u in self.units]

    def add_refusal(self, exc: Any, unit: Unit | None = None) -> None:
        # A target refused for one unit lands beside that unit's field.
        if unit is not None and getattr(exc, "field", None) in ("target", "unit"):
            self.add_error(f"unit_{unit.pk}", exc.messages)
            return
        super().add_refusal(exc)


class PeriodDueForm(PageForm):
    model = ReportingPeriod
    model_fields = ("due_on",)


class PeriodCloseForm(PageForm):
    reason = forms.CharField(
        label=_("Reason for closing"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: the cluster's review meeting has taken the figures."),
    )
