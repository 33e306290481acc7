"""The printable minutes (biên bản) of a ballot session, in the organiser's official layout."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from thidua.ballots.models import BallotSession
from thidua.ballots.selectors.minutes import minutes_of


def minutes_session_for(user: Any, pk: int) -> BallotSession:
    """The session whose minutes `user` may read, else 404.

    Results are not public before the session closes: its runners then see a draft (to check it
    at the meeting), everyone else is told nothing exists yet, not that it is forbidden."""
    session = BallotSession.objects.filter(pk=pk).first()
    if session is None or not user.has_perm("ballots.view_session", session):
        raise Http404
    if not (
        user.has_perm("ballots.view_results", session)
        or user.has_perm("ballots.run_session", session)
    ):
        raise Http404
    return session


@login_required
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    session = minutes_session_for(request.user, pk)
    return render(request, "ballots/minutes.html", minutes_of(session))


urlpatterns = [
    path("ballots/sessions/<int:pk>/minutes/", minutes, name="minutes"),
]
