"""The tellers' page of a round: the secretary ticks each paper or written ballot handed in
against the roll, and two tellers each type every sheet taken out of the box.

A sheet counts only once two different tellers typed it the same way. The page never shows what
another teller typed (the second typing must be independent) and never links a sheet to a roll
line: sheets are numbered as they come out of the box.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.ballots.forms.tellers import PaperMarkForm, TellerEntryForm
from thidua.ballots.models import Channel, Round
from thidua.ballots.selectors import sessions as selectors
from thidua.ballots.services import voting as services
from thidua.ballots.views.sessions import refused, round_for
from thidua.core.errors import DomainError
from thidua.org.views.common import form_data

TELL = "ballots.tell"


def sheet_rows(found: Round, *, teller: Any) -> list[dict[str, Any]]:
    """Each typed sheet with whether this teller typed it (then another one must)."""
    return [
        {**row, "mine": any(t.pk == teller.pk for t in row["tellers"])}
        for row in selectors.teller_sheets(found)
    ]


@login_required
def teller_entry(request: HttpRequest, pk: int) -> HttpResponse:
    found = round_for(request.user, pk, perm=TELL)
    form = TellerEntryForm(form_data(request), round=found)
    if request.method == "POST" and form.is_valid():
        data = form.entry_data()
        try:
            ballot = services.teller_enter(round=found, teller=request.user, **data)
        except DomainError as exc:
            form.add_refusal(exc)
        else:
            if ballot is None:
                message = _("Sheet %(sheet)s is saved. It counts once a second teller types it.")
            else:
                message = _("Sheet %(sheet)s: both tellers agree. The ballot is counted.")
            messages.success(request, message % {"sheet": data["sheet"]})
            return redirect("ballots:teller_entry", pk=found.pk)
    session = found.question.session
    context = {
        "round": found,
        "session": session,
        "form": form,
        "roll": [
            {**row, "channel_label": Channel(row["channel"]).label if row["voted"] else ""}
            for row in selectors.roll_rows(session, found)
        ],
        "sheets": sheet_rows(found, teller=request.user),
        "progress": selectors.round_progress(found),
        "is_open": found.status == Round.Status.OPEN,
    }
    return render(request, "ballots/teller_entry.html", context)


@login_required
@require_POST
def paper_mark(request: HttpRequest, pk: int) -> HttpResponse:
    found = round_for(request.user, pk, perm=TELL)
    form = PaperMarkForm(request.POST, round=found)
    if not form.is_valid():
        messages.error(request, _("Choose the member who handed in the sheet."))
    else:
        voter = form.cleaned_data["voter"]
        try:
            services.paper_mark(
                round=found, voter=voter, channel=form.cleaned_data["channel"], by=request.user
            )
            messages.success(request, _("%(voter)s: sheet handed in.") % {"voter": voter.label})
        except DomainError as exc:
            refused(request, exc)
    return redirect("ballots:teller_entry", pk=found.pk)


urlpatterns = [
    path("ballots/rounds/<int:pk>/tellers/", teller_entry, name="teller_entry"),
    path("ballots/rounds/<int:pk>/tellers/mark/", paper_mark, name="paper_mark"),
]
