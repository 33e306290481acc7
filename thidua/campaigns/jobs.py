"""Background jobs of the campaigns app (found by core's job autodiscovery).

The upload of indicator values reads the kept file again and records every row in one
transaction, with the same checks as the preview: the figures, periods or the uploader's units
may have changed in between, and a single bad row leaves nothing written.
"""

from collections.abc import Callable
from typing import Any, NoReturn

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.campaigns import feed_import
from thidua.campaigns.models import IndicatorReport
from thidua.campaigns.services import feeds as services
from thidua.core.jobs import Progress, job_runner
from thidua.core.models import Job
from thidua.org.models import Unit

FEED_UPLOAD = "campaigns.feed_upload"


class UploadRejected(Exception):
    """The file no longer passes the checks; nothing was written."""


def reports_for(user: Any) -> Callable[[Unit], bool]:
    """Whether the user enters values for a unit (the scope is cached on the user)."""
    return lambda unit: user.has_perm("campaigns.report_for_unit", unit)


@job_runner(FEED_UPLOAD)
def feed_upload(job: Job, progress: Progress) -> None:
    """params: file (the kept upload, deleted at the end), language."""
    with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
        try:
            _upload(job, progress)
        finally:
            default_storage.delete(job.params["file"])


def _upload(job: Job, progress: Progress) -> None:
    name, user = job.params["file"], job.created_by
    if user is None:
        _reject(job, _("The account that uploaded the file no longer exists."))
    if not default_storage.exists(name):  # a second click already used it
        _reject(job, _("The uploaded file is no longer here; upload it again."))
    with default_storage.open(name, "rb") as handle:
        try:
            rows = feed_import.load_rows(handle, name)
        except feed_import.PayloadError as exc:
            _reject(job, exc.message)
    items, errors = feed_import.items_from_rows(rows)
    if not items and not errors:
        _reject(job, _("The file has no rows to import."))
    # The rows are checked and written in one transaction: progress written inside it would
    # stay invisible until the end, so the page shows one step.
    progress.set_total(len(rows))
    progress.advance(0, _("Checking and saving all the rows in one step…"))
    try:
        results = services.feed_values_record(
            items=items, errors=errors, allow=reports_for(user), by=user,
            source=IndicatorReport.Source.UPLOAD, noun="row",
        )  # fmt: skip
    except services.FeedRejected as exc:
        message = _("Nothing was imported. Rows with errors: %(count)s; the first: %(error)s")
        bad = len({error.index for error in exc.errors})
        _reject(job, message % {"count": bad, "error": exc.errors[0].describe()})
    counts = {
        "created": sum(r.action == services.CREATED for r in results),
        "replaced": sum(r.action == services.REPLACED for r in results),
        "unchanged": sum(r.action == services.UNCHANGED for r in results),
    }
    message = _("Rows saved: %(created)s new, %(replaced)s replaced, %(unchanged)s unchanged.")
    progress.advance(len(rows), message % counts)


def _reject(job: Job, message: str) -> NoReturn:
    """Say why on the job page (the fragment shows the message), then fail the job."""
    Job.objects.filter(pk=job.pk).update(message=message[:255])
    raise UploadRejected(message)
