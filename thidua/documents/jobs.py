"""Background jobs of the documents app (found by core's job autodiscovery).

A large paper or any PDF is made here: the page stays responsive and the progress bar page
(`job_detail`) offers the file when it is ready.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from thidua.core.errors import DomainError
from thidua.core.jobs import Progress, job_runner, job_save_result, job_start
from thidua.core.models import Job
from thidua.documents import certificate_jobs, render  # noqa: F401 - certificate_jobs: its runner
from thidua.documents.exchange import jobs as exchange_jobs  # noqa: F401 - its runners
from thidua.documents.registry import PaperDefinition, definition

RENDER = "documents.render"


def paper_job_start(
    *, definition_: PaperDefinition, record: Any, fmt: str, data: dict, by: Any
) -> Job:
    """Queue the making of a paper; `data` is the posted options form (lists of strings)."""
    title = _("%(paper)s: %(record)s (%(format)s)") % {
        "paper": definition_.label, "record": record, "format": fmt.upper(),
    }  # fmt: skip
    params = {
        "kind": definition_.kind, "pk": record.pk, "fmt": fmt, "data": data,
        "language": translation.get_language(),
    }  # fmt: skip
    return job_start(kind=RENDER, title=title[:255], params=params, by=by)


@job_runner(RENDER)
def paper_render(job: Job, progress: Progress) -> None:
    """params: kind, pk, fmt, data (the options form as posted), language."""
    with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
        params = job.params
        paper_definition = definition(params["kind"])
        record = paper_definition.source._default_manager.get(pk=params["pk"])
        user = job.created_by
        # Checked again: the right to print may have gone while the job waited.
        if user is None or not paper_definition.can_print(user, record):
            raise PermissionDenied(_("You may no longer print this paper."))
        options = options_from(paper_definition, params.get("data") or {}, user)
        progress.set_total(3)
        progress.advance(1, _("Gathering the data…"))
        paper = paper_definition.gather(record, user, options)
        progress.advance(2, _("Writing the file…"))
        content = render.export(paper, params["fmt"])
        name = f"{paper.filename or paper_definition.kind}.{params['fmt']}"
        job_save_result(job, filename=name, content=content)


def options_from(paper_definition: PaperDefinition, data: dict, user: Any) -> dict:
    """The cleaned options of the definition's form, from the data posted on the page."""
    if paper_definition.options_form is None:
        return {}
    form = options_form(paper_definition, MultiValueDict(data), user)
    if not form.is_valid():
        raise DomainError(_("The options of this paper are no longer valid; choose them again."))
    return form.cleaned_data


def options_form(paper_definition: PaperDefinition, data: Any, user: Any) -> Any:
    """The definition's options form; those that scope their choices take the user."""
    import inspect

    form_class = paper_definition.options_form
    accepts_user = "user" in inspect.signature(form_class.__init__).parameters
    return form_class(data, user=user) if accepts_user else form_class(data)
