"""The year-end meeting's date, asked when the leader prepares the ballot from the ranking."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.org.forms import PageForm


class MeetingForm(PageForm):
    meeting_date = forms.DateField(
        label=_("Meeting date"),
        help_text=_("The roll lists the units that are members of the cluster on this day."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    meeting_place = forms.CharField(label=_("Meeting place"), max_length=200, required=False)

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        today = dt.date.today()
        # The year-end meeting is held late in the year or early in the next one.
        self.fields["meeting_date"].initial = (
            today if year <= today.year <= year + 1 else dt.date(year, 12, 31)
        )
