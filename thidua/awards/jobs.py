"""Background jobs of the awards app (found by core's job autodiscovery).

The award history import checks the kept upload again (the records may have changed since the
preview), then writes every row in one transaction: a single bad row leaves nothing written.
"""

from typing import Any, NoReturn

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.awards import importer, services
from thidua.awards.models import AwardRecord
from thidua.core.jobs import Progress, job_runner
from thidua.core.models import Job
from thidua.org.models import Unit

HISTORY_IMPORT = "awards.history_import"
# The unit-level form of "org.change_person": the user changes the people of this subtree.
IMPORT_PERM = "org.add_person_to_unit"


class ImportRejected(Exception):
    """The file no longer passes the checks; nothing was written."""


@job_runner(HISTORY_IMPORT)
def history_import(job: Job, progress: Progress) -> None:
    """params: unit_id, file (the kept upload, deleted at the end), language."""
    with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
        try:
            _import(job, progress)
        finally:
            default_storage.delete(job.params["file"])


def _import(job: Job, progress: Progress) -> None:
    unit = Unit.objects.get(pk=job.params["unit_id"])
    user = job.created_by
    if user is None or not user.has_perm(IMPORT_PERM, unit):
        _reject(job, _("You may no longer change the people of %(unit)s.") % {"unit": unit.name})
    if not default_storage.exists(job.params["file"]):  # a second click already used it
        _reject(job, _("The uploaded file is no longer here; upload it again."))
    with default_storage.open(job.params["file"], "rb") as handle:
        try:
            rows = importer.load_rows(handle)
        except importer.ImportFileError as exc:
            _reject(job, exc.message)
    progress.set_total(2 * len(rows))  # checking, then writing
    progress.advance(0, _("Checking the rows…"))
    result = importer.check_rows(rows, importer.lookups_for(unit=unit, rows=rows), progress.advance)
    if result.errors:
        message = _("Nothing was imported. Rows with errors: %(count)s; the first: %(error)s")
        _reject(job, message % {"count": len(result.bad_lines), "error": result.errors[0]})
    if not result.rows:
        _reject(job, _("The file has no rows to import."))
    progress.advance(len(rows), _("Saving all the rows in one step…"))
    try:
        _write(result.rows, by=user)
    except ImportRejected as exc:
        _reject(job, str(exc))
    progress.advance(2 * len(rows), _("Awards imported: %(count)s.") % {"count": len(rows)})


@transaction.atomic
def _write(rows: list[importer.ImportRow], *, by: Any) -> None:
    # Revoked rows first: the service refuses a second live record, not a revoked one beside it.
    for row in sorted(rows, key=lambda r: not r.revoked):
        try:
            services.award_record_add(
                award=row.award, year=row.year, person=row.person, unit=row.unit, by=by,
                source=AwardRecord.Source.IMPORT, **row.record_values(),
            )  # fmt: skip
        except ValidationError as exc:
            raise ImportRejected(
                _("Nothing was imported: row %(row)s was refused (%(reason)s).")
                % {"row": row.line, "reason": "; ".join(exc.messages)}
            ) from exc


def _reject(job: Job, message: str) -> NoReturn:
    """Say why on the job page (the fragment shows the message), then fail the job."""
    Job.objects.filter(pk=job.pk).update(message=message[:255])
    raise ImportRejected(message)
