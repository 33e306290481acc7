"""Forms of the pledge pages; they parse what was typed, the services in services.pledges decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.campaigns.models import Indicator, Pledge, PledgeItem, PledgeSignature
from thidua.campaigns.selectors.pledges import target_text
from thidua.org.forms import PageForm, label


class PledgeForm(PageForm):
    model = Pledge
    model_fields = ("theme", "preamble", "place")

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["preamble"].widget.attrs["rows"] = 5
        self.fields["place"].help_text = _(
            "The city where the pledge is signed, for example Hanoi."
        )


class IndicatorChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Indicator) -> str:
        target = target_text(obj)
        return f"{obj.name} ({obj.code}): {target}" if target else f"{obj.name} ({obj.code})"


class PledgeItemForm(PageForm):
    model = PledgeItem
    model_fields = ("text",)

    indicators = IndicatorChoices(
        label=label(PledgeItem, "indicators"),
        queryset=Indicator.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick the indicators that measure this content. They are optional."),
    )

    def __init__(self, *args: Any, pledge: Pledge, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["rows"] = 4
        self.fields["indicators"].queryset = Indicator.objects.filter(
            cluster=pledge.cluster, year=pledge.year
        ).order_by("order", "name", "pk")
        self.fields["indicators"].widget.attrs["class"] = "form-check-input"


class SignForm(PageForm):
    model = PledgeSignature
    model_fields = ("signer_name", "signer_position")

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["signer_position"].help_text = _("For example: Head of the Board.")


class AmendForm(PageForm):
    reason = forms.CharField(
        label=label(Pledge, "amendment_reason"),
        max_length=Pledge._meta.get_field("amendment_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say what changes and why; every member unit will sign the new version."),
    )


class ReopenForm(PageForm):
    reason = forms.CharField(label=_("Reason"), max_length=100, required=False)


class MoveForm(forms.Form):
    offset = forms.TypedChoiceField(choices=[("-1", "-1"), ("1", "1")], coerce=int)
