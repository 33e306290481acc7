"""Pages that start org's background jobs; the job page in core shows the progress."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.jobs import job_start
from thidua.org.access import unit_for
from thidua.org.jobs import UNIT_PEOPLE_EXPORT


@login_required
@require_POST
def unit_export_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the people list of a unit subtree as a spreadsheet, then show its progress."""
    unit = unit_for(request.user, pk, perm="org.export_unit")
    job = job_start(
        kind=UNIT_PEOPLE_EXPORT,
        title=_("People of %(unit)s (spreadsheet)") % {"unit": unit.name},
        params={"unit_id": unit.pk, "language": translation.get_language()},
        by=request.user,
    )
    return redirect("job_detail", pk=job.pk)
