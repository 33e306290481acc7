"""Forms of the news pages: the readers' feedback form (with a honeypot) and the moderator's
decision. They parse what was typed; the services in `thidua.news.feedback` decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.news.feedback import CONTENT_MAX
from thidua.org.forms import PageForm


class ArticleFeedbackForm(PageForm):
    """The readers' form. `website` is a honeypot: hidden from people by a CSS class, filled in
    only by robots; the page then thanks them and drops the message (see `is_robot`)."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    contact = forms.CharField(
        label=_("E-mail or telephone (optional)"),
        max_length=150,
        required=False,
        help_text=_("Only the secretariat sees it, to answer you."),
    )
    content = forms.CharField(
        label=_("Your feedback"),
        max_length=CONTENT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website", "").strip())


class ModerationForm(forms.Form):
    """One decision of the moderation page: which feedback, approve or reject, and a note."""

    feedback = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Do not show"))])
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == "approve"
