"""The background job that prints the certificates of a long decision (imported by jobs.py).

A decision of hundreds of recipients takes a while to draw; the page starts this job, shows its
progress bar, and the PDF is downloaded from the job page when it is done.
"""

from typing import Any, NoReturn

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.core.jobs import Progress, job_runner, job_save_result, job_start
from thidua.core.models import Job
from thidua.documents.certificates import decision_printout, render_pages
from thidua.documents.models.certificates import CertificateLayout
from thidua.nominations.models import Decision

CERTIFICATES = "documents.certificates"


class PrintRefused(Exception):
    """The decision or the layout changed since the job was asked for; nothing was printed."""


def certificates_job_start(
    *, decision: Decision, line_ids: list[int], layout: CertificateLayout | None, by: Any
) -> Job:
    return job_start(
        kind=CERTIFICATES,
        title=_("Certificates of decision %(number)s") % {"number": decision.number_text},
        params={
            "decision_id": decision.pk,
            "line_ids": line_ids,
            "layout_id": layout.pk if layout else None,
            "language": translation.get_language(),
        },
        by=by,
    )


@job_runner(CERTIFICATES)
def certificates_print(job: Job, progress: Progress) -> None:
    """params: decision_id, line_ids, layout_id (None: each award's own layout), language."""
    with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
        decision = Decision.objects.select_related("issuer").get(pk=job.params["decision_id"])
        user = job.created_by
        if user is None or not user.has_perm("nominations.view_decision", decision):
            _reject(job, _("You may no longer read this decision."))
        if not decision.is_issued:
            _reject(job, _("Certificates are printed only for an issued decision."))
        layout = None
        if job.params.get("layout_id"):
            layout = CertificateLayout.objects.filter(pk=job.params["layout_id"]).first()
            if layout is None:
                _reject(job, _("The chosen layout no longer exists; choose another one."))
        printout = decision_printout(decision, line_ids=job.params["line_ids"], layout=layout)
        progress.set_total(len(printout.pages))
        progress.advance(0, _("Drawing the certificates…"))
        content = render_pages(printout.pages, on_page=progress.advance)
        filename = f"certificates-{decision.year}-{decision.number}.pdf"
        job_save_result(job, filename=filename, content=content)
        count = {"count": len(printout.pages)}
        progress.advance(len(printout.pages), _("Certificates drawn: %(count)s.") % count)


def _reject(job: Job, message: str) -> NoReturn:
    Job.objects.filter(pk=job.pk).update(message=message[:255])
    raise PrintRefused(message)
