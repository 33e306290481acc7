"""The two background jobs of the offline round-trip: check (the preview) and apply.

The check job reads the kept upload and stores the merge report on the job (params["summary"]);
the preview page shows it. The apply job checks the file again against the server as it is then,
refuses if anything the user saw has changed meanwhile, and writes every row in one
transaction: a failure leaves nothing written. `thidua/documents/jobs.py` imports this module so
core's job discovery registers both runners.
"""

from typing import Any, NoReturn

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.core.jobs import Progress, job_runner, job_start
from thidua.core.models import Job
from thidua.core.spreadsheets import WorkbookError
from thidua.documents.exchange.check import CheckResult, exchange_check
from thidua.documents.exchange.datasets import Dataset, Scope, dataset_named
from thidua.documents.exchange.summary import summarise

CHECK = "documents.exchange_check"
APPLY = "documents.exchange_apply"


class ExchangeRejected(Exception):
    """The file or the user's rights no longer allow the work; nothing was written."""


def exchange_check_start(*, dataset: Dataset, scope: Scope, file: str, by: Any) -> Job:
    title = _("Check of %(dataset)s for %(scope)s") % {
        "dataset": str(dataset.label).lower(),
        "scope": dataset.describe(scope),
    }
    return job_start(kind=CHECK, title=title[:255], params=_params(dataset, scope, file), by=by)


def exchange_apply_start(*, check: Job, accepted: list[str], by: Any) -> Job:
    summary = check.params["summary"]
    params = {
        **{key: check.params[key] for key in ("dataset", "scope", "file", "language")},
        "check_job": check.pk,
        "accept": accepted,
        "digest": summary["digest"],
    }
    title = _("Saving %(dataset)s for %(scope)s") % {
        "dataset": str(dataset_named(params["dataset"]).label).lower(),
        "scope": summary["describe"],
    }
    return job_start(kind=APPLY, title=title[:255], params=params, by=by)


def _params(dataset: Dataset, scope: Scope, file: str) -> dict[str, Any]:
    return {
        "dataset": dataset.name,
        "scope": scope.as_dict(),
        "file": file,
        "language": translation.get_language() or settings.LANGUAGE_CODE,
    }


# ---- runners -------------------------------------------------------------------------------


@job_runner(CHECK)
def exchange_check_job(job: Job, progress: Progress) -> None:
    with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
        try:
            result = _checked(job, progress, accepted=None)
        except Exception:
            default_storage.delete(job.params["file"])  # personal data not kept for nothing
            raise
        summary = summarise(result)
        counts = summary["counts"]
        message = _("Rows read: %(read)s. With errors: %(errors)s. Conflicts: %(conflicts)s.") % {
            "read": result.read,
            "errors": counts["error"],
            "conflicts": summary["conflicts"],
        }
        fresh = Job.objects.get(pk=job.pk).params  # the page may have added to them meanwhile
        params = {
            **fresh,
            "summary": summary,
            "return_url": reverse("documents:exchange_preview", args=[job.pk]),
        }
        Job.objects.filter(pk=job.pk).update(params=params, message=message[:255])


@job_runner(APPLY)
def exchange_apply_job(job: Job, progress: Progress) -> None:
    with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
        try:
            _apply(job, progress)
        finally:
            default_storage.delete(job.params["file"])


def _apply(job: Job, progress: Progress) -> None:
    accepted = set(job.params.get("accept") or [])
    result = _checked(job, progress, accepted=accepted)
    if result.errors:
        first = result.errors[0]
        column, message = (first.errors or [(None, "")])[0]
        where = {
            "count": len(result.errors),
            "row": first.line or "—",
            "column": str(result.dataset.column(column).label) if column else "—",
            "message": message,
        }
        _reject(
            job,
            _(
                "Nothing was saved. Rows with errors: %(count)s; the first is row %(row)s, "
                "column %(column)s: %(message)s"
            )
            % where,
        )
    if result.digest() != job.params["digest"]:
        _reject(
            job,
            _(
                "Nothing was saved: the data on the server changed after your check. Upload "
                "the file again to see what changed."
            ),
        )
    writes = result.writes(accepted)
    done = result.read
    progress.set_total(done + len(writes))
    progress.advance(done, _("Saving all the rows in one step…"))
    try:
        with transaction.atomic():
            result.dataset.apply(
                writes, scope=result.scope, by=job.created_by,
                progress=lambda count: progress.advance(done + count),
            )  # fmt: skip
    except ValidationError as exc:
        _reject(job, " ".join(exc.messages))
    created = sum(1 for w in writes if w.ref is None)
    message = _("Saved. New rows: %(new)s. Changed rows: %(changed)s.") % {
        "new": created,
        "changed": len(writes) - created,
    }
    fresh = Job.objects.get(pk=job.pk).params
    url = result.dataset.result_url(result.scope)
    Job.objects.filter(pk=job.pk).update(params={**fresh, "return_url": url})
    progress.advance(done + len(writes), message)


def _checked(job: Job, progress: Progress, *, accepted: set[str] | None) -> CheckResult:
    dataset, scope = _context(job)
    name = job.params["file"]
    if not default_storage.exists(name):  # a second click already used it
        _reject(job, _("The uploaded file is no longer here; upload it again."))
    with default_storage.open(name, "rb") as handle:
        try:
            return exchange_check(
                dataset=dataset, scope=scope, handle=handle, accepted=accepted, progress=progress
            )
        except WorkbookError as exc:
            _reject(job, exc.message)


def _context(job: Job) -> tuple[Dataset, Scope]:
    """The dataset and scope, if whoever started the job may still exchange them."""
    dataset = dataset_named(job.params["dataset"])
    scope_ids = job.params["scope"]
    user = job.created_by
    try:
        if user is None:
            raise PermissionDenied
        scope = dataset.scope_for(user, unit_id=scope_ids["unit"], period_id=scope_ids["period"])
    except (Http404, PermissionDenied):
        _reject(job, _("You may no longer exchange this data."))
    return dataset, scope


def _reject(job: Job, message: str) -> NoReturn:
    """Say why on the job page (the fragment shows the message), then fail the job."""
    Job.objects.filter(pk=job.pk).update(message=message[:255])
    raise ExchangeRejected(message)
