"""The exchange page's forms: which data (dataset, unit, reporting period), and the upload.

Choosing a unit the user cannot see answers 404, one they see but may not change 403, like every
other page; the upload is checked as a whole (size, kind, columns, export record) before it is
kept, so those mistakes show at once beside the file field.
"""

from typing import IO, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.campaigns.models import ReportingPeriod
from thidua.campaigns.selectors.feeds import report_units_for
from thidua.core.spreadsheets import WorkbookError, check_size, max_bytes, open_workbook
from thidua.documents.exchange.datasets import Dataset, Scope, all_datasets, dataset_named
from thidua.documents.exchange.reader import RowReader
from thidua.documents.exchange.workbook import check_export_record
from thidua.org.forms import PageForm, unit_label
from thidua.org.models import Unit
from thidua.org.selectors import units_managed_by

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_MB = 1024 * 1024


def exchange_units(user: Any) -> QuerySet[Unit]:
    """Units whose people the user changes, or for which they report indicator values."""
    managed = units_managed_by(user).values("pk")
    reported = report_units_for(user=user).values("pk")
    return Unit.objects.filter(Q(pk__in=managed) | Q(pk__in=reported)).order_by("path")


def exchange_periods(user: Any) -> QuerySet[ReportingPeriod]:
    """Reporting periods of the clusters the user's reporting units belong to, newest first."""
    units = report_units_for(user=user)
    return (
        ReportingPeriod.objects.filter(cluster__memberships__unit__in=units)
        .select_related("cluster")
        .distinct()
        .order_by("-year", "cluster__name", "-ends_on", "pk")
    )


class ExchangeForm(PageForm):
    dataset = forms.ChoiceField(label=gettext_lazy("Data"))
    unit = forms.IntegerField(label=gettext_lazy("Unit"), widget=forms.Select)
    period = forms.IntegerField(
        label=gettext_lazy("Reporting period"),
        required=False,
        widget=forms.Select,
        help_text=gettext_lazy("Only for indicator values."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["dataset"].choices = [(d.name, d.label) for d in all_datasets()]
        units = [(u.pk, unit_label(u)) for u in exchange_units(user)]
        self.fields["unit"].widget.choices = [("", "—"), *units]
        periods = [(p.pk, f"{p.cluster.name} – {p.label}") for p in exchange_periods(user)]
        self.fields["period"].widget.choices = [("", "—"), *periods]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        dataset = dataset_named(data["dataset"])
        if dataset.name == "indicator_values" and not data.get("period"):
            self.add_error("period", _("Choose the reporting period."))
            return data
        # Outside the user's sight the unit does not exist (404); visible but not theirs: 403.
        data["scope"] = dataset.scope_for(
            self.user, unit_id=data["unit"], period_id=data.get("period")
        )
        data["data"] = dataset
        return data


class UploadForm(ExchangeForm):
    file = forms.FileField(
        label=gettext_lazy("Workbook (.xlsx)"),
        widget=forms.FileInput(attrs={"accept": f".xlsx,{XLSX}"}),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        limit = {"limit": max_bytes() // _MB}
        self.fields["file"].help_text = (
            _("The workbook downloaded here, edited and saved; at most %(limit)s MB.") % limit
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        upload = data.get("file")
        if upload is None or "scope" not in data:
            return data
        try:
            check_upload(upload, dataset=data["data"], scope=data["scope"])
        except WorkbookError as exc:
            self.add_error("file", ValidationError(exc.message))
        upload.seek(0)
        return data


def check_upload(upload: UploadedFile | IO[bytes], *, dataset: Dataset, scope: Scope) -> None:
    """What can be told at once: size, kind, columns and whose export it is (the rows are
    checked by the check job)."""
    size = getattr(upload, "size", None)
    if size is not None:
        check_size(size)
    book = open_workbook(upload)
    try:
        check_export_record(book, dataset=dataset, scope=scope)  # "wrong file" first
        reader = RowReader(dataset, scope)
        sheet = reader.data_sheet(book)
        reader.header(next(sheet.iter_rows(max_row=1, values_only=True), ()))
    finally:
        book.close()
