"""Forms of the editor pages: the article, its photos, and the reviewer's small decisions.

They parse what was typed; the services (`thidua.news.services`, `thidua.news.photos`) decide.
The article form is plain (not a ModelForm) so nothing touches the record before its service
runs; its fields are built from the model, so labels, lengths and help stay in one place.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.news import permissions
from thidua.news.models import Article, Photo
from thidua.org.forms import PageForm, label
from thidua.org.models import Unit
from thidua.org.scope import scope_for


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker; it exchanges ISO values whatever the language."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class ArticleForm(PageForm):
    """The article's own fields. `unit` offers the units the user writes for (and the current
    one, when a reviewer from above opens it); only an administrator may leave it empty."""

    model = Article
    model_fields = (
        "title", "lead", "body", "byline", "publish_at", "unit", "movement", "cluster",
        "categories", "tags", "units",
    )  # fmt: skip

    def __init__(self, *args: Any, user: Any, article: Article | None = None, **kwargs: Any):
        if article is not None:
            kwargs.setdefault("initial", forms.model_to_dict(article, fields=self.model_fields))
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        current = article.unit_id if article is not None else None
        unit.queryset = Unit.objects.filter(
            Q(pk__in=permissions.writable_units(user).values("pk")) | Q(pk=current)
        ).order_by("path")
        unit.required = not scope_for(user).is_admin
        body = self.fields["body"]
        # A plain textarea without JavaScript; news_editor.js hides it behind the Trix editor.
        body.widget = forms.Textarea(
            attrs={"class": "form-control form-control-lg", "rows": 14, "data-trix-source": ""}
        )
        self.fields["lead"].widget.attrs["rows"] = 3
        publish_at = self.fields["publish_at"]
        publish_at.widget = DateTimeInput(attrs={"class": "form-control form-control-lg"})
        for name in ("categories", "tags", "units"):
            self.fields[name].widget.attrs["size"] = 6

    def clean_title(self) -> str:
        return self.cleaned_data["title"].strip()


ACCEPT = "image/jpeg,image/png,image/webp,image/gif"


class PhotoForm(PageForm):
    image = forms.FileField(
        label=label(Photo, "image"),
        help_text=_("A JPEG, PNG, WebP or GIF photo."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )
    caption = forms.CharField(label=label(Photo, "caption"), max_length=500, required=False)
    credit = forms.CharField(
        label=label(Photo, "credit"), max_length=150, required=False,
        help_text=_("e.g. \"Photo: Central Organisation Commission\""),
    )  # fmt: skip


class PhotoEditForm(PageForm):
    """A photo's caption, credit and place; `remove` takes it off the article instead."""

    caption = forms.CharField(label=label(Photo, "caption"), max_length=500, required=False)
    credit = forms.CharField(label=label(Photo, "credit"), max_length=150, required=False)
    order = forms.IntegerField(label=label(Photo, "order"), min_value=0, max_value=32767)
    remove = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ReturnForm(PageForm):
    note = forms.CharField(
        label=_("What the author should change"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class WithdrawForm(PageForm):
    reason = forms.CharField(
        label=_("Why the article is withdrawn"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class PublishForm(PageForm):
    at = forms.DateTimeField(
        label=_("Publish at (optional)"), required=False, widget=DateTimeInput(),
        help_text=_("Empty publishes at once, or at the time the author chose."),
    )  # fmt: skip
