"""Forms of the decision pages. They parse what was typed; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import AwardType
from thidua.nominations.models import (
    Batch,
    Decision,
    DecisionLine,
    Recovery,
    ReviewFlag,
    Revocation,
)
from thidua.org.forms import PageForm, label
from thidua.org.selectors import people_visible_to, units_visible_to

HEADER_FIELDS = ("abstract", "place", "signer_name", "signer_title", "rounding")


class DecisionFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    q = forms.CharField(label=_("Issuer or abstract"), required=False, max_length=100)

    def values(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"year": data.get("year"), "q": (data.get("q") or "").strip()}


class DecisionFromBatchForm(PageForm):
    """The header of a new decision; an authority outside thidua (e.g. the Prime Minister for a
    national award) is named by hand instead of the awarding body."""

    model = Decision
    model_fields = HEADER_FIELDS
    external = forms.BooleanField(
        label=_("Issued by an authority outside thidua (for example the Prime Minister)"),
        required=False,
    )
    issuer_name = forms.CharField(label=label(Decision, "issuer_name"), required=False)
    issuer_code = forms.CharField(
        label=label(Decision, "issuer_code"), required=False, max_length=32,
        help_text=_("For example TTg for the Prime Minister."),
    )  # fmt: skip
    style = forms.ChoiceField(
        label=label(Decision, "style"), choices=Decision.Style.choices, required=False
    )

    def __init__(self, *args: Any, batch: Batch, rounding: str, abstract: str, **kwargs: Any):
        forwarded = batch.route.steps.filter(kind="forward").exists()
        kwargs.setdefault(
            "initial", {"abstract": abstract, "rounding": rounding, "external": forwarded}
        )
        super().__init__(*args, **kwargs)
        self.fields["external"].widget.attrs["class"] = "form-check-input"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("external"):
            for name in ("issuer_name", "issuer_code"):
                if not (data.get(name) or "").strip():
                    self.add_error(name, _("Required for an authority outside thidua."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        """What `decision_from_batch` takes: without "external", the awarding body issues."""
        data = dict(self.cleaned_data)
        if data.pop("external"):
            data["issuer"] = None
            data["style"] = data["style"] or Decision.Style.STATE
        else:
            for name in ("issuer_name", "issuer_code", "style"):
                data.pop(name)
        return data


class DecisionEditForm(PageForm):
    model = Decision
    model_fields = (
        "abstract", "issuer_name", "issuer_code", "style", "type_code", "place", "signer_name",
        "signer_title", "rounding",
    )  # fmt: skip

    def __init__(self, *args: Any, decision: Decision, **kwargs: Any):
        kwargs.setdefault("initial", forms.model_to_dict(decision, fields=self.model_fields))
        super().__init__(*args, **kwargs)


class LineAddForm(PageForm):
    """A recipient added by hand: an award and either a person or a collective."""

    model = DecisionLine
    model_fields = ("award", "person", "unit", "year", "label", "multiplier")

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        kwargs.setdefault("initial", {"year": timezone.localdate().year - 1})
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = AwardType.objects.order_by("sort_order", "code")
        self.fields["person"].queryset = people_visible_to(user).order_by("full_name")
        self.fields["unit"].queryset = units_visible_to(user).order_by("name")
        self.fields["label"].required = False
        self.fields["label"].help_text = _("Leave empty to use the name, position and unit.")
        self.fields["multiplier"].help_text = _(
            "Leave empty to use the award's multiplier; type one for an award the law gives none."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if bool(data.get("person")) == bool(data.get("unit")):
            self.add_error("person", _("Choose either a person or a collective."))
        return data


class LineEditForm(PageForm):
    model = DecisionLine
    model_fields = ("label", "multiplier")

    def __init__(self, *args: Any, line: DecisionLine, **kwargs: Any):
        kwargs.setdefault("initial", forms.model_to_dict(line, fields=self.model_fields))
        kwargs.setdefault("prefix", f"line{line.pk}")
        super().__init__(*args, **kwargs)


class IssueForm(PageForm):
    number = forms.IntegerField(label=_("Decision number"), min_value=1)
    signed_on = forms.DateField(label=_("Date of signing"), initial=timezone.localdate)
    signer_name = forms.CharField(label=label(Decision, "signer_name"), max_length=150)
    confirm = forms.BooleanField(
        label=_("I have checked the recipients and the money; an issued decision cannot be edited.")
    )

    def __init__(self, *args: Any, decision: Decision, **kwargs: Any):
        kwargs.setdefault("initial", {"signer_name": decision.signer_name})
        super().__init__(*args, **kwargs)
        self.fields["confirm"].widget.attrs["class"] = "form-check-input"

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("confirm")
        return data


class CorrectForm(PageForm):
    reason = forms.CharField(label=_("Reason for the correction"), widget=forms.Textarea)


class RevokeForm(PageForm):
    model = Revocation
    model_fields = ("ground", "reason", "document_ref", "revoked_on")

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("initial", {"revoked_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["ground"].widget = forms.RadioSelect(choices=Revocation.Ground.choices)
        self.fields["ground"].widget.attrs["class"] = "form-check-input"


class RecoveryForm(PageForm):
    model = Recovery
    model_fields = ("amount", "recovered_on", "insignia_returned", "note")

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("initial", {"recovered_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["insignia_returned"].widget.attrs["class"] = "form-check-input"


class FlagResolveForm(PageForm):
    status = forms.ChoiceField(
        label=_("Result of the review"),
        choices=[
            (ReviewFlag.Status.KEPT, ReviewFlag.Status.KEPT.label),
            (ReviewFlag.Status.REVOKED, ReviewFlag.Status.REVOKED.label),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=label(ReviewFlag, "note"), widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["status"].widget.attrs["class"] = "form-check-input"
