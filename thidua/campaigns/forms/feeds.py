from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.campaigns import feed_import
from thidua.campaigns.models import FeedToken
from thidua.campaigns.selectors.feeds import feed_token_units_for
from thidua.org.forms import PageForm
from thidua.org.models import Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_MB = 2**20


class FeedTokenForm(PageForm):
    model = FeedToken
    model_fields = ("name", "unit")

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["name"].help_text = _(
            "Which system will use it, e.g. the document management system of the office."
        )
        self.fields["unit"].queryset = feed_token_units_for(user=user)
        self.fields["unit"].help_text = _(
            "The token may send values for this unit and its sub-units only."
        )

    def clean_unit(self) -> Unit:
        unit = self.cleaned_data["unit"]
        if not self.user.has_perm("campaigns.manage_feed_tokens", unit):
            raise ValidationError(_("You may not make tokens for this unit."))
        return unit


class FeedUploadForm(PageForm):
    file = forms.FileField(
        label=gettext_lazy("File (.xlsx or .csv)"),
        widget=forms.FileInput(attrs={"accept": f".xlsx,.csv,{XLSX},text/csv"}),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        limit = {"limit": feed_import.MAX_FILE_SIZE // _MB}
        self.fields["file"].help_text = (
            _("The filled-in template, or a CSV file with the same columns; at most %(limit)s MB.")
            % limit
        )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > feed_import.MAX_FILE_SIZE:
            limit = {"limit": feed_import.MAX_FILE_SIZE // _MB}
            raise ValidationError(_("The file is larger than %(limit)s MB.") % limit)
        try:
            feed_import.check_file(upload, upload.name)
        except feed_import.PayloadError as exc:
            raise ValidationError(exc.message) from exc
        upload.seek(0)
        return upload
