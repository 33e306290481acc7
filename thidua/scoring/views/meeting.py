"""The leader's steps from the published ranking to the year-end ballot and back: prepare the
session, add the Bằng khen question once the leading unit is chosen, record next year's leader
and deputy. The ballot itself is run on the ballots pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.ballots.models import BallotSession
from thidua.core.errors import DomainError
from thidua.scoring.forms.meeting import MeetingForm
from thidua.scoring.models import Ranking
from thidua.scoring.services import ballot_setup
from thidua.scoring.views.rankings import ranking_for, table_for


def _published(table) -> Ranking | None:
    return table.rankings.filter(status=Ranking.Status.PUBLISHED).order_by("-round").first()


@login_required
@require_POST
def meeting_prepare(request: HttpRequest, pk: int) -> HttpResponse:
    ranking = ranking_for(request.user, pk, perm="scoring.publish_ranking")
    form = MeetingForm(request.POST, year=ranking.table.year)
    try:
        if not form.is_valid():
            raise DomainError(_("Give the date of the meeting."), field="meeting_date")
        session = ballot_setup.session_from_ranking(
            ranking=ranking, by=request.user, **form.cleaned_data
        )
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("scoring:ranking", pk=ranking.table_id)
    messages.success(request, _("The ballot is prepared from the ranking. Check the roll."))
    return redirect("ballots:session_detail", pk=session.pk)


def _session_of(request: HttpRequest, pk: int, table_pk: int):
    table = table_for(request.user, table_pk, runs=True)
    session = get_object_or_404(BallotSession, pk=pk, cluster=table.cluster, year=table.year)
    return table, session


@login_required
@require_POST
def meeting_merit(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    table, session = _session_of(request, pk, table_pk)
    ranking = _published(table)
    try:
        if ranking is None:
            raise DomainError(_("Publish the ranking before preparing the ballot."))
        ballot_setup.merit_question_add(session=session, ranking=ranking, by=request.user)
        messages.success(request, _("The question on certificates of merit is added."))
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("ballots:session_detail", pk=session.pk)


@login_required
@require_POST
def meeting_leadership(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    table, session = _session_of(request, pk, table_pk)
    try:
        seats = ballot_setup.leadership_from_ballot(session=session, by=request.user)
        names = ", ".join(f"{seat.get_role_display()}: {seat.unit}" for seat in seats)
        messages.success(
            request,
            _("Next year's leadership is recorded: %(names)s.") % {"names": names or "—"},
        )
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("scoring:ranking", pk=table.pk)


urlpatterns = [
    path("scoring/rankings/<int:pk>/meeting/", meeting_prepare, name="meeting_prepare"),
    path(
        "scoring/tables/<int:table_pk>/meeting/<int:pk>/merit/",
        meeting_merit,
        name="meeting_merit",
    ),
    path(
        "scoring/tables/<int:table_pk>/meeting/<int:pk>/leadership/",
        meeting_leadership,
        name="meeting_leadership",
    ),
]
