"""Forms of the tellers' page: ticking a handed-in sheet, typing a sheet."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.ballots.models import Candidate, Channel, Round, Voter
from thidua.org.forms import PageForm

PAPER_CHANNELS = [(c.value, c.label) for c in (Channel.PAPER, Channel.WRITTEN)]


class PaperMarkForm(forms.Form):
    voter = forms.ModelChoiceField(queryset=Voter.objects.none())
    channel = forms.ChoiceField(choices=PAPER_CHANNELS)

    def __init__(self, *args: Any, round: Round, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["voter"].queryset = round.question.session.voters.all()


class TellerEntryForm(PageForm):
    """One teller's reading of one sheet; a second teller types the same sheet on their own."""

    sheet = forms.CharField(
        label=_("Sheet number"), max_length=16,
        help_text=_("The number written on the sheet as it came out of the box."),
    )  # fmt: skip
    channel = forms.ChoiceField(
        label=_("Kind of sheet"), choices=PAPER_CHANNELS, widget=forms.RadioSelect,
        initial=Channel.PAPER,
    )  # fmt: skip
    candidates = forms.ModelMultipleChoiceField(
        label=_("Names kept on the sheet"), queryset=Candidate.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    is_valid = forms.TypedChoiceField(
        label=_("Is the sheet valid?"), widget=forms.RadioSelect, initial="yes",
        choices=[("yes", _("Valid")), ("no", _("Invalid"))], coerce=lambda v: v == "yes",
    )  # fmt: skip

    def __init__(self, *args: Any, round: Round, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.seats = round.seats
        self.fields["candidates"].queryset = round.candidates.order_by("order", "label")
        for name in ("channel", "candidates", "is_valid"):
            self.fields[name].widget.attrs["class"] = "form-check-input"

    def clean_sheet(self) -> str:
        return self.cleaned_data["sheet"].strip().upper()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("is_valid") and len(data.get("candidates") or ()) > self.seats:
            self.add_error(
                "is_valid",
                _("More names are kept than there are seats (%(seats)d): the sheet is invalid.")
                % {"seats": self.seats},
            )
        return data

    def entry_data(self) -> dict[str, Any]:
        """Keyword arguments of `teller_enter` (without `round` and `teller`)."""
        data = self.cleaned_data
        return {
            "sheet": data["sheet"],
            "candidate_ids": sorted(c.pk for c in data["candidates"]),
            "is_valid": data["is_valid"],
            "channel": data["channel"],
        }
