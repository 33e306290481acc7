"""Forms of the posting pages: opening a posting, the public feedback form (with a honeypot),
triage, and scheduling the council vote. They parse what was typed; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.nominations.models import Batch, Dossier, Feedback
from thidua.nominations.services.postings import CONTENT_MAX, CONTENT_MIN, TRIAGE_STATUSES
from thidua.org.forms import PageForm, PublicMessageForm
from thidua.org.models import Council


def _checkbox(form: forms.Form, name: str) -> None:
    form.fields[name].widget.attrs["class"] = "form-check-input"


class PostingOpenForm(PageForm):
    opened_on = forms.DateField(label=_("Posted from"))
    days = forms.IntegerField(
        label=_("Number of working days"),
        min_value=1,
        max_value=60,
        help_text=_("The law asks for 10 working days (ND 98 Art. 46, ND 152 Art. 44)."),
    )
    day_counts = forms.BooleanField(
        label=_("The posting day counts as day 1"),
        required=False,
        help_text=_("Weekends and public holidays are never counted."),
    )
    title = forms.CharField(
        label=_("Title shown to the public"),
        max_length=500,
        required=False,
        help_text=_("Leave empty to use the title of the proposal."),
    )
    note = forms.CharField(
        label=_("Notice to the public"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: where to send written feedback, and who answers it."),
    )
    error_aliases = {"working_days": "days"}

    def __init__(self, *args: Any, days: int = 10, day_counts: bool = True, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["opened_on"].initial = timezone.localdate()
        self.fields["days"].initial = days
        self.fields["day_counts"].initial = day_counts
        _checkbox(self, "day_counts")


class ReasonForm(PageForm):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class FeedbackForm(PublicMessageForm):
    """The public's form on a posting (name, contact and honeypot from PublicMessageForm)."""

    dossier = forms.TypedChoiceField(
        label=_("Nominee concerned (optional)"), required=False, coerce=int, empty_value=None
    )
    content = forms.CharField(
        label=_("Your feedback"),
        min_length=CONTENT_MIN,
        max_length=CONTENT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args: Any, nominees: list = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["dossier"].choices = [
            ("", _("— About the list as a whole —")),
            *[(n.dossier.pk, f"{n.name} – {n.award}") for n in nominees],
        ]


class TriageForm(PageForm):
    status = forms.ChoiceField(label=_("What happens with this feedback"))
    note = forms.CharField(
        label=_("Secretariat's note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the feedback is closed: how it was checked and answered."),
    )
    dossier = forms.ModelChoiceField(
        label=_("Nominee concerned"),
        queryset=Dossier.objects.none(),
        required=False,
        empty_label=_("— No particular nominee —"),
    )

    def __init__(self, *args: Any, feedback: Feedback, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, label) for value, label in Feedback.Status.choices if value in TRIAGE_STATUSES
        ]
        self.fields["dossier"].queryset = feedback.posting.batch.dossiers.select_related(
            "person", "unit", "award"
        ).order_by("award__sort_order", "pk")
        self.fields["dossier"].label_from_instance = lambda d: f"{d.subject} – {d.award.name}"
        if not self.is_bound:
            self.initial = {
                "status": feedback.status if feedback.status in TRIAGE_STATUSES else "to_verify",
                "note": feedback.triage_note,
                "dossier": feedback.dossier_id,
            }


class CouncilForm(PageForm):
    meeting_date = forms.DateField(
        label=_("Date of the council meeting"),
        help_text=_("It must be after the last day of the public posting."),
    )
    council = forms.ModelChoiceField(label=_("Council"), queryset=Council.objects.none())

    def __init__(self, *args: Any, batch: Batch, **kwargs: Any):
        super().__init__(*args, **kwargs)
        councils = batch.awarding_unit.councils.order_by("pk")
        self.fields["council"].queryset = councils
        self.fields["council"].initial = councils.first()
