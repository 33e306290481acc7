"""Forms of the report pages: the figures a kind of indicator needs, a review, an evidence file
and the reviewers' filter."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.campaigns.forms.indicators import FigureField, plain
from thidua.campaigns.models import Indicator, IndicatorReport, ReportingPeriod
from thidua.org.forms import PageForm
from thidua.org.models import Unit

K = Indicator.Kind
S = IndicatorReport.Status
VALUE_LABELS = {
    K.COUNT: _("Count"),
    K.PERCENTAGE: _("Percentage (%)"),
    K.NUMBER: _("Value"),
    K.YES_NO: _("Answer"),
}


class ReportForm(PageForm):
    """The figures of one report; `revision` is the version the page showed (optimistic lock)."""

    note = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: what the figures cover, or why they differ from the target."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        figures: dict[str, forms.Field]
        if indicator.kind == K.RATIO:
            figures = {
                "numerator": FigureField(label=indicator.numerator_label or _("Numerator")),
                "denominator": FigureField(label=indicator.denominator_label or _("Denominator")),
            }
            figures["denominator"].help_text = _(
                "Enter both counts as they are; the percentage is computed from them when you save."
            )
        elif indicator.kind == K.YES_NO:
            figures = {
                "value": forms.TypedChoiceField(
                    label=VALUE_LABELS[K.YES_NO],
                    choices=[("1", _("Yes")), ("0", _("No"))],
                    coerce=Decimal,
                    empty_value=None,
                    required=False,
                    widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                )
            }
        else:
            figures = {"value": FigureField(label=VALUE_LABELS[indicator.kind])}
            if indicator.unit_of_measure:
                figures["value"].help_text = indicator.unit_of_measure
        for field in figures.values():
            if not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["class"] = "form-control form-control-lg"
        self.fields = {**figures, **self.fields}

    @staticmethod
    def initial_for(report: IndicatorReport | None) -> dict[str, Any]:
        if report is None:
            return {"revision": 0}
        initial: dict[str, Any] = {
            name: plain(getattr(report, name)) for name in ("numerator", "denominator", "value")
        }
        if report.indicator.kind == K.YES_NO and report.value is not None:
            initial["value"] = str(int(report.value))
        return initial | {"note": report.note, "revision": report.revision}

    def figures(self) -> dict[str, Decimal | None]:
        return {
            name: self.cleaned_data.get(name)
            for name in ("numerator", "denominator", "value")
            if name in self.fields
        }


class ReviewForm(PageForm):
    to = forms.ChoiceField(
        choices=[(S.ACCEPTED, S.ACCEPTED.label), (S.RETURNED, S.RETURNED.label)],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=_("Reason for returning"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed to return the report: say what the unit must correct."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class EvidenceForm(PageForm):
    uploaded_file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG, PNG, Word, Excel or OpenDocument."),
    )
    description = forms.CharField(label=_("What the file shows"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["uploaded_file"].widget.attrs["accept"] = (
            ".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.odt,.ods"
        )


class EvidenceRemoveForm(forms.Form):
    reason = forms.CharField(max_length=500, required=False)


class QueueFilterForm(PageForm):
    """The reviewers' filter; an empty status lists every status."""

    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )
    period = forms.ModelChoiceField(
        label=_("Reporting period"),
        queryset=ReportingPeriod.objects.none(),
        required=False,
        empty_label=_("All periods"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses")), *S.choices], required=False
    )

    def __init__(self, *args: Any, units: Any, periods: list[ReportingPeriod], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = str
        self.fields["period"].queryset = ReportingPeriod.objects.filter(
            pk__in=[p.pk for p in periods]
        ).order_by("ends_on", "-starts_on")

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {"status": S.SUBMITTED}
        return {name: self.cleaned_data.get(name) or None for name in ("unit", "period", "status")}
