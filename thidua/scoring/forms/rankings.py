"""Forms of the ranking pages: the confirmation before publishing, and a new round's reason."""

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.org.forms import PageForm


class PublishForm(PageForm):
    """Publishing cannot be undone, so the leader ticks a box first (no script needed)."""

    confirm = forms.BooleanField(
        label=_("I have checked this ranking. Once published it cannot be changed."),
        required=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm"].widget.attrs["class"] = "form-check-input"


class NewRoundForm(PageForm):
    reason = forms.CharField(
        label=_("Reason for a new round"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: a complaint was upheld and a cross score was corrected."),
    )
