"""Award history import pages: template, upload, preview, confirm (the job does the writing).

Between the preview and the confirmation the upload is kept in private storage under a random
token in the uploader's folder, so any web worker can serve the next step and nobody else can.
The template is built here too: a data sheet whose cells check themselves against code sheets.
"""

import io
from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from thidua.awards import importer
from thidua.awards.importer import COLUMNS, FIRST_YEAR, LAST_YEAR
from thidua.awards.jobs import HISTORY_IMPORT, IMPORT_PERM
from thidua.awards.models import AwardRecord, AwardType, Subject
from thidua.core.jobs import job_start
from thidua.core.spreadsheets import (
    DATE_FORMAT,
    CodeSheet,
    cell_check,
    code_sheet,
    header_row,
    list_validation,
    sheet_title,
)
from thidua.core.uploads import KeptUploads
from thidua.org.access import unit_for
from thidua.org.forms import PageForm, unit_label
from thidua.org.models import Unit
from thidua.org.selectors import units_managed_by

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_ROWS = 200  # rows shown before the confirmation; the counts cover the whole file
PREVIEW_ERRORS = 500
_MB = 2**20
_TEMPLATE_ROWS = 1000  # rows of the data sheet that carry the cell checks


class UploadForm(PageForm):
    unit = forms.IntegerField(
        label=gettext_lazy("Unit"),
        widget=forms.Select,
        help_text=gettext_lazy(
            "The rows may name the people of this unit and its sub-units, or these units "
            "themselves."
        ),
    )
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (.xlsx)"),
        widget=forms.FileInput(attrs={"accept": f".xlsx,{XLSX}"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.user = user
        limit = {"limit": importer.MAX_FILE_SIZE // _MB}
        self.fields["file"].help_text = _("The filled-in template, at most %(limit)s MB.") % limit
        units = [(u.pk, unit_label(u)) for u in units_managed_by(user)]
        self.fields["unit"].widget.choices = [("", "—"), *units]

    def clean_unit(self) -> Unit:
        # Outside the user's scope the unit does not exist (404); visible but not theirs: 403.
        return unit_for(self.user, self.cleaned_data["unit"], perm=IMPORT_PERM)

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > importer.MAX_FILE_SIZE:
            limit = {"limit": importer.MAX_FILE_SIZE // _MB}
            raise ValidationError(_("The file is larger than %(limit)s MB.") % limit)
        try:
            importer.check_file(upload)
        except importer.ImportFileError as exc:
            raise ValidationError(exc.message) from exc
        upload.seek(0)
        return upload


KEPT = KeptUploads("awards/imports")


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    """The empty template, with the codes of the awards and of the units the user manages."""
    content = template_workbook(units=units_managed_by(request.user, active_only=False))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="award-history-template.xlsx"'
    return response


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    initial = {"unit": request.GET.get("unit")} if request.GET.get("unit") else None
    form = UploadForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        token = KEPT.keep(request.user, form.cleaned_data["file"])
        return redirect("awards:import_preview", unit_pk=form.cleaned_data["unit"].pk, token=token)
    return render(request, "awards/import_upload.html", {"form": form})


@login_required
def import_preview(request: HttpRequest, unit_pk: int, token: str) -> HttpResponse:
    """What the import would add and every error by row and column; nothing is written."""
    unit = unit_for(request.user, unit_pk, perm=IMPORT_PERM)
    try:
        with default_storage.open(KEPT.find(request.user, token), "rb") as handle:
            result = importer.read_import(handle, unit=unit)
    except importer.ImportFileError as exc:
        messages.error(request, exc.message)
        return redirect("awards:import_upload")
    context = {
        "unit": unit,
        "token": token,
        "result": result,
        "rows": result.rows[:PREVIEW_ROWS],
        "errors": result.errors[:PREVIEW_ERRORS],
        "hidden_rows": max(len(result.rows) - PREVIEW_ROWS, 0),
        "hidden_errors": max(len(result.errors) - PREVIEW_ERRORS, 0),
    }
    return render(request, "awards/import_preview.html", context)


@login_required
@require_POST
def import_confirm(request: HttpRequest, unit_pk: int, token: str) -> HttpResponse:
    """Queue the import; the job checks the file again and writes all rows or none."""
    unit = unit_for(request.user, unit_pk, perm=IMPORT_PERM)
    job = job_start(
        kind=HISTORY_IMPORT,
        title=_("Award history import into %(unit)s") % {"unit": unit.name},
        params={
            "unit_id": unit.pk,
            "file": KEPT.find(request.user, token),
            "language": translation.get_language(),
        },
        by=request.user,
    )
    return redirect("job_detail", pk=job.pk)


# ---- the template --------------------------------------------------------------------------


def template_workbook(*, units: Iterable[Unit]) -> bytes:
    """The data sheet (frozen header, cell checks) and the code sheets its lists point at."""
    book = Workbook()
    data = book.active
    data.title = sheet_title(_("Award history"))
    award_rows = [(a.code, a.name, Subject(a.subject).label) for a in AwardType.objects.all()]
    award_header = [_("Award code"), _("Award name"), _("Awarded to")]
    limb_rows = [(value, label) for value, label in AwardRecord.Limb.choices if value]
    widths = (16, 60, 16)
    lists = {
        "award": code_sheet(book, _("Award codes"), award_header, award_rows, widths),
        "unit_code": code_sheet(
            book,
            _("Units"),
            [_("Unit code"), _("Unit name")],
            [(u.code, u.name) for u in units],
            widths,
        ),
        "limb": code_sheet(book, _("Won on"), [_("Value"), _("Meaning")], limb_rows, widths),
    }
    header_row(data, [str(column.label) for column in COLUMNS], [c.width for c in COLUMNS])
    data.column_dimensions[_letter("decision_date")].number_format = DATE_FORMAT
    _cell_checks(data, lists)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _letter(key: str) -> str:
    return get_column_letter([c.key for c in COLUMNS].index(key) + 1)


def _cell_checks(sheet: Any, lists: dict[str, CodeSheet]) -> None:
    for key, codes in lists.items():
        prompt = _("Choose a code from the sheet %(sheet)s.") % {"sheet": codes.title}
        list_validation(sheet, _letter(key), codes.source, prompt, _TEMPLATE_ROWS)
    years = {"first": FIRST_YEAR, "last": LAST_YEAR}
    for key in ("year", "period_start"):
        rule = DataValidation(
            type="whole", operator="between", formula1=str(FIRST_YEAR), formula2=str(LAST_YEAR)
        )
        prompt = _("A whole year from %(first)s to %(last)s.") % years
        cell_check(sheet, _letter(key), rule, prompt, _TEMPLATE_ROWS)
    dates = DataValidation(
        type="date",
        operator="between",
        formula1=f"DATE({FIRST_YEAR},1,1)",
        formula2=f"DATE({LAST_YEAR},12,31)",
    )
    cell_check(
        sheet, _letter("decision_date"), dates, _("A date written dd/mm/yyyy."), _TEMPLATE_ROWS
    )
    revoked = DataValidation(type="list", formula1='"x"')
    cell_check(
        sheet, _letter("revoked"), revoked, _("Type x if the award was revoked."), _TEMPLATE_ROWS
    )
