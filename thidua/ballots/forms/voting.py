"""Forms of the voting pages: one voter's choices, and a receipt to look up."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from thidua.ballots.models import Candidate, Round
from thidua.org.forms import PageForm


class VoteForm(PageForm):
    """The candidates of a round as boxes to tick, at most as many as there are seats."""

    candidates = forms.ModelMultipleChoiceField(
        label=_("Your choice"), queryset=Candidate.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one name.")},
    )  # fmt: skip

    def __init__(self, *args: Any, round: Round, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.seats = round.seats
        self.fields["candidates"].queryset = round.candidates.order_by("order", "label")
        self.fields["candidates"].widget.attrs["class"] = "form-check-input"

    def clean_candidates(self) -> Any:
        chosen = self.cleaned_data["candidates"]
        if len(chosen) > self.seats:
            raise forms.ValidationError(
                ngettext(
                    "Tick at most %(seats)d name.", "Tick at most %(seats)d names.", self.seats
                )
                % {"seats": self.seats}
            )
        return chosen


class ReceiptForm(PageForm):
    code = forms.CharField(
        label=_("Your receipt code"), max_length=32,
        help_text=_("As written down when you voted, e.g. K7Q2-M9XD."),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs |= {"autocomplete": "off", "autocapitalize": "characters"}

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not code:
            raise forms.ValidationError(_("Type the code written on your receipt."))
        return code
