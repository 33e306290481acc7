"""The offline round-trip pages: choose the data, download it (or a blank template), upload it
back, read the merge report, settle the conflicts and confirm.

Both the check and the save run as background jobs with a progress bar (core's job page). The
upload is kept in private storage under a random token in the uploader's folder until the save
job has used it.
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.models import Job
from thidua.core.uploads import KeptUploads
from thidua.documents.exchange import jobs
from thidua.documents.exchange.datasets import all_datasets, dataset_named
from thidua.documents.exchange.forms import XLSX, ExchangeForm, UploadForm
from thidua.documents.exchange.merge import CONFLICT, ERROR
from thidua.documents.exchange.summary import SECTIONS
from thidua.documents.exchange.workbook import export_workbook

KEPT = KeptUploads("documents/exchange")


@login_required
def exchange_home(request: HttpRequest) -> HttpResponse:
    """Choose the data; download it or its blank template; upload the edited workbook."""
    user = request.user
    upload = UploadForm(request.POST or None, request.FILES or None, user=user, prefix="up")
    if request.method == "POST" and upload.is_valid():
        data = upload.cleaned_data
        token = KEPT.keep(user, data["file"])
        job = jobs.exchange_check_start(
            dataset=data["data"], scope=data["scope"], file=KEPT.find(user, token), by=user
        )
        return redirect("job_detail", pk=job.pk)
    download = ExchangeForm(initial={"dataset": "people"}, user=user, prefix="down")
    return _home(request, download, upload)


def _home(request: HttpRequest, download: ExchangeForm, upload: UploadForm) -> HttpResponse:
    context = {"download": download, "upload": upload, "datasets": all_datasets()}
    status = 400 if download.is_bound and download.errors else 200
    return render(request, "documents/exchange.html", context, status=status)


@login_required
def exchange_download(request: HttpRequest) -> HttpResponse:
    """The data of the chosen unit (and period) as it is now, or the blank template."""
    form = ExchangeForm(request.GET, user=request.user, prefix="down")
    if not form.is_valid():
        return _home(request, form, UploadForm(user=request.user, prefix="up"))
    dataset, scope = form.cleaned_data["data"], form.cleaned_data["scope"]
    blank = "blank" in request.GET
    content = export_workbook(dataset=dataset, scope=scope, blank=blank)
    parts = [dataset.name, scope.unit.code]
    if scope.period is not None:
        parts += [scope.period.key, str(scope.period.year)]
    parts.append("template" if blank else timezone.localtime().strftime("%Y%m%d-%H%M"))
    response = HttpResponse(content, content_type=XLSX)
    filename = slugify("-".join(parts)) or "thidua"
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _check_job(user: object, pk: int) -> Job:
    """The user's own finished check; anyone else's does not exist here."""
    job = Job.objects.filter(pk=pk, kind=jobs.CHECK, created_by=user).first()
    if job is None:
        raise Http404
    return job


@login_required
def exchange_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The merge report: per row new, changed, unchanged, in error, in conflict, kept from the
    server or not in the file; nothing has been written yet."""
    job = _check_job(request.user, pk)
    if job.status != Job.Status.SUCCEEDED or "summary" not in job.params:
        return redirect("job_detail", pk=job.pk)
    dataset = dataset_named(job.params["dataset"])
    scope_ids = job.params["scope"]
    dataset.scope_for(request.user, unit_id=scope_ids["unit"], period_id=scope_ids["period"])
    summary = job.params["summary"]
    context = {
        "job": job,
        "dataset": dataset,
        "key_label": dataset.key_columns[0].label,
        "summary": summary,
        "sections": [(outcome, summary["sections"][outcome]) for outcome in SECTIONS],
        "exported_at": _moment(summary["exported_at"]),
        "applied": job.params.get("apply_job"),
    }
    return render(request, "documents/exchange_preview.html", context)


def _moment(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


@login_required
@require_POST
def exchange_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Save in the background: the file's changes, new rows, and the conflicts ticked."""
    job = _check_job(request.user, pk)
    summary = job.params.get("summary")
    if job.status != Job.Status.SUCCEEDED or summary is None:
        raise Http404
    if summary["counts"][ERROR]:
        messages.error(request, _("Correct the rows with errors and upload the file again."))
        return redirect("documents:exchange_preview", pk=job.pk)
    if job.params.get("apply_job"):
        messages.info(request, _("This file has already been confirmed."))
        return redirect("job_detail", pk=job.params["apply_job"])
    offered = {f["id"] for row in summary["sections"][CONFLICT] for f in row["fields"] if f["id"]}
    accepted = [choice for choice in request.POST.getlist("accept") if choice in offered]
    apply = jobs.exchange_apply_start(check=job, accepted=accepted, by=request.user)
    Job.objects.filter(pk=job.pk).update(params={**job.params, "apply_job": apply.pk})
    return redirect("job_detail", pk=apply.pk)


urlpatterns = [
    path("documents/exchange/", exchange_home, name="exchange"),
    path("documents/exchange/download/", exchange_download, name="exchange_download"),
    path("documents/exchange/<int:pk>/", exchange_preview, name="exchange_preview"),
    path("documents/exchange/<int:pk>/confirm/", exchange_confirm, name="exchange_confirm"),
]
