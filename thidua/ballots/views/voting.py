"""Voting online, and checking a receipt afterwards.

The receipt code is the only link between a voter and their ballot, and only the voter holds it:
it is rendered once in the answer to the cast (no redirect, nothing in the session or the
messages, `no-store` so no cache keeps the page) and never shown again.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from thidua.ballots.forms.voting import ReceiptForm, VoteForm
from thidua.ballots.models import Round, Voter
from thidua.ballots.selectors import sessions as selectors
from thidua.ballots.services import voting as services
from thidua.ballots.views.sessions import round_for
from thidua.core.errors import DomainError
from thidua.org.views.common import form_data


def voter_in(user, found: Round) -> Voter:
    """The user's own line of the roll, or 403: the session is visible but not theirs to vote."""
    voter = selectors.voter_for(user=user, session=found.question.session)
    if voter is None or not user.has_perm("ballots.vote", voter):
        raise PermissionDenied(_("You are not on the voter roll of this session."))
    return voter


@never_cache
@login_required
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    found = round_for(request.user, pk)
    voter = voter_in(request.user, found)
    context = {"round": found, "session": found.question.session, "voter": voter}
    if found.status != Round.Status.OPEN or found.marks.filter(voter=voter).exists():
        return render(request, "ballots/vote_closed.html", context)
    form = VoteForm(form_data(request), round=found)
    step = request.POST.get("step")
    if request.method == "POST" and form.is_valid() and step != "change":
        if step != "cast":  # first POST: show the choice back before anything is stored
            return render(request, "ballots/vote_confirm.html", context | {"form": form})
        try:
            receipt = services.ballot_cast(
                round=found, voter=voter, by=request.user,
                candidate_ids=[c.pk for c in form.cleaned_data["candidates"]],
            )  # fmt: skip
        except DomainError as exc:
            form.add_refusal(exc)
        else:
            return render(request, "ballots/vote_receipt.html", context | {"receipt": receipt})
    return render(request, "ballots/vote.html", context | {"form": form})


@login_required
def receipt_check(request: HttpRequest, pk: int) -> HttpResponse:
    """Anyone who may see the session can check a code once the round is closed: the answer is
    only "counted" or "not found", never the choices on that ballot (no proof of a vote to sell).
    """
    found = round_for(request.user, pk)
    form = ReceiptForm(request.GET or None)
    closed = found.status == Round.Status.CLOSED
    answer = None
    if closed and form.is_valid():
        answer = selectors.receipt_check(round=found, code=form.cleaned_data["code"])
    context = {
        "round": found, "session": found.question.session, "form": form, "closed": closed,
        "answer": answer,
    }  # fmt: skip
    return render(request, "ballots/receipt_check.html", context)


urlpatterns = [
    path("ballots/rounds/<int:pk>/vote/", vote, name="vote"),
    path("ballots/rounds/<int:pk>/receipt/", receipt_check, name="receipt_check"),
]
