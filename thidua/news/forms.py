"""Forms of the news pages: the readers' feedback form (with a honeypot) and the moderator's
decision. They parse what was typed; the services in `thidua.news.feedback` decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.news.feedback import CONTENT_MAX
from thidua.org.forms import PublicMessageForm


class ArticleFeedbackForm(PublicMessageForm):
    """The readers' form (name, contact and honeypot from PublicMessageForm)."""

    content = forms.CharField(
        label=_("Your feedback"),
        max_length=CONTENT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ModerationForm(forms.Form):
    """One decision of the moderation page: which feedback, approve or reject, and a note."""

    feedback = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Do not show"))])
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == "approve"
