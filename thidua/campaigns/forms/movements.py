from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.campaigns.models import Movement
from thidua.campaigns.selectors import launching_bodies_for
from thidua.org.forms import PageForm
from thidua.org.models import Cluster, Unit


class MovementForm(PageForm):
    model = Movement
    model_fields = (
        "title", "kind", "authority", "decision_number", "decision_date", "reach", "units",
        "clusters", "starts_on", "ends_on", "registration_deadline", "goals", "slogan",
    )  # fmt: skip

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = launching_bodies_for(user=user)
        self.fields["units"].queryset = Unit.objects.filter(active_to__isnull=True)
        self.fields["clusters"].queryset = Cluster.objects.filter(is_active=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date is before the start date."))
        return data


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=Movement.Status.choices)
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class DocumentForm(PageForm):
    title = forms.CharField(label=_("Document title"), max_length=300)
    uploaded_file = forms.FileField(
        label=_("File"), help_text=_("PDF, JPEG, PNG, Word, Excel or OpenDocument.")
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["uploaded_file"].widget.attrs["accept"] = (
            ".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.odt,.ods"
        )
