"""The proposal a cluster makes from its closed year-end ballot: a list of the closed sessions
the user may propose from, and one button each (services/from_ballot.py does the work)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.ballots.models import BallotSession
from thidua.core.errors import DomainError
from thidua.nominations.models import Batch
from thidua.nominations.services.from_ballot import batch_from_ballot
from thidua.org.scope import path_q, scope_for


def ballots_to_propose(user: Any) -> QuerySet[BallotSession]:
    """Closed cluster sessions without a live proposal, of clusters the user runs (the leader's
    officer) or organises (the secretariat); everything for a system admin."""
    scope = scope_for(user)
    sessions = BallotSession.objects.filter(
        cluster__isnull=False, status=BallotSession.Status.CLOSED
    ).select_related("cluster__organiser")
    if not scope.is_admin:
        sessions = sessions.filter(
            Q(cluster_id__in=scope.cluster_ids)
            | path_q(scope.secretariat_paths, "cluster__organiser__path")
        )
    made = Batch.objects.exclude(status=Batch.Status.WITHDRAWN).values("ballot_session")
    return sessions.exclude(pk__in=made).order_by("-year", "cluster__name")


@login_required
def ballot_list(request: HttpRequest) -> HttpResponse:
    sessions = list(ballots_to_propose(request.user))
    return render(request, "nominations/from_ballot.html", {"sessions": sessions})


@login_required
@require_POST
def propose_from_ballot(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(ballots_to_propose(request.user), pk=pk)
    try:
        # The cluster's organiser (the sector's Ban) decides its flag and Bằng khen (law.md §c.2).
        batch = batch_from_ballot(
            session=session, awarding_unit=session.cluster.organiser, by=request.user
        )
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("nominations:from_ballot")
    messages.success(request, _("The proposal was made from the ballot's results."))
    return redirect("nominations:batch_detail", batch.pk)


urlpatterns = [
    path("nominations/from-ballot/", ballot_list, name="from_ballot"),
    path("nominations/from-ballot/<int:pk>/", propose_from_ballot, name="propose_from_ballot"),
]
