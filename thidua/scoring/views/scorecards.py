"""Scorecard pages: the cards a user fills in, one card (scores, files, submit, review rounds,
history), the leader's review page and board of units × scorers, and evidence downloads.

A unit's officer or head fills in the cards its unit gives; the cluster's leader (or the
secretariat running it) reviews the self cards, never their own unit's.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.campaigns.services.evidence import max_bytes
from thidua.campaigns.views.files import attachment_response
from thidua.core.errors import DomainError
from thidua.scoring.forms.scorecards import (
    CardForm,
    ExplainForm,
    RecuseForm,
    ReopenForm,
    ReviewForm,
    ScoreEvidenceForm,
)
from thidua.scoring.models import CriteriaTable, Scorecard, ScoreEvidence
from thidua.scoring.selectors import scorecards as selectors
from thidua.scoring.services import reviews
from thidua.scoring.services import scorecards as services

S = Scorecard.Status
FILL, REVIEW, RUN = selectors.FILL, selectors.REVIEW, selectors.RUN
NOT_ALLOWED = gettext_lazy("You do not have permission to do this.")


# ---- access ------------------------------------------------------------------------------------
def card_for(user: Any, pk: int, *, perm: str | None = None) -> Scorecard:
    """The card if the user may open it (404 otherwise) and may do `perm` with it (403)."""
    card = selectors.card_get(user=user, pk=pk)
    if card is None:
        raise Http404
    if perm is not None and not user.has_perm(perm, card):
        raise PermissionDenied(NOT_ALLOWED)
    return card


def table_for(user: Any, pk: int) -> CriteriaTable:
    table = CriteriaTable.objects.select_related("cluster").filter(pk=pk).first()
    if table is None or not user.has_perm("scoring.view_table", table):
        raise Http404
    if not user.has_perm(RUN, table):
        raise PermissionDenied(NOT_ALLOWED)
    return table


def _refusal(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


# ---- my cards ----------------------------------------------------------------------------------
@login_required
def my_cards(request: HttpRequest) -> HttpResponse:
    rows = selectors.cards_to_fill(user=request.user)
    return render(request, "scoring/card_list.html", {"rows": rows})


# ---- one card ----------------------------------------------------------------------------------
def _actions(user: Any, card: Scorecard, forms: dict[str, Any], lines: list) -> dict[str, Any]:
    """What the viewer may do on the card now, with the forms for it."""
    may_fill = selectors.may_fill(user, card)
    reviewer = user.has_perm(REVIEW, card)
    is_self, status = card.kind == Scorecard.Kind.SELF, card.status
    explaining = status == S.RETURNED and user.has_perm(FILL, card)
    reopening = reviewer and not is_self and status == S.SUBMITTED
    return {
        "form": forms.get("form")
        or (CardForm(lines=lines, initial={"revision": card.revision}) if may_fill else None),
        "missing": services.missing_scores(card) if may_fill else [],
        "evidence_form": forms.get("evidence_form")
        or (ScoreEvidenceForm(lines=lines) if may_fill else None),
        "explain_form": forms.get("explain_form")
        or (ExplainForm(lines=lines) if explaining else None),
        "reopen_form": forms.get("reopen_form") or (ReopenForm() if reopening else None),
        "may_recuse": not is_self and status == S.DRAFT and user.has_perm(FILL, card),
        "may_review": reviewer and is_self and status in (S.SUBMITTED, S.EXPLAINED),
    }


def _page(request: HttpRequest, card: Scorecard, **forms: Any) -> HttpResponse:
    sheet = selectors.card_sheet(card)
    lines = [line for group in sheet for line in group.lines]
    context = _actions(request.user, card, forms, lines)
    rows = context["form"].rows() if context["form"] else {}
    for line in lines:
        line.answer_field, line.note_field = rows.get(line.entry.pk, (None, None))
    context |= {
        "card": card,
        "table": card.table,
        "sheet": sheet,
        "totals": selectors.card_summary(card),
        "due_on": services.due_on(card),
        "max_size": max_bytes(),
        "general_remarks": selectors.general_remarks(card),
        "cross_totals": selectors.cross_totals_about(card) if card.kind == "self" else [],
        "rounds": selectors.review_rounds(card),
        "events": selectors.card_events(card),
        "history": selectors.score_history(card),
    }
    return render(request, "scoring/card_detail.html", context)


def _save(request: HttpRequest, card: Scorecard, form: CardForm) -> bool:
    """Record the page's scores; a refusal lands beside its criterion with what was typed."""
    if not form.is_valid():
        return False
    try:
        services.entries_record(
            card=card, by=request.user, answers=form.answers(),
            reason=form.cleaned_data["reason"], expected_revision=form.cleaned_data["revision"],
        )  # fmt: skip
    except services.EntriesRefused as exc:
        for entry_pk, refusal in exc.by_entry.items():
            form.add_error(form.field_for(entry_pk, refusal.field), refusal.messages)
        return False
    except services.ScorecardConflict as exc:
        form.data = form.data.copy()
        form.data["revision"] = str(Scorecard.objects.get(pk=card.pk).revision)
        form.add_refusal(exc)
        return False
    except ValidationError as exc:
        form.add_refusal(exc)
        return False
    return True


def _lines(card: Scorecard) -> list:
    return [line for group in selectors.card_sheet(card) for line in group.lines]


@login_required
def card_detail(request: HttpRequest, pk: int) -> HttpResponse:
    card = card_for(request.user, pk)
    if request.method != "POST":
        return _page(request, card)
    if not request.user.has_perm(FILL, card):
        raise PermissionDenied(_("Only the scoring unit fills in this card."))
    form = CardForm(request.POST, lines=_lines(card))
    if _save(request, card, form):
        messages.success(request, _("The scores were saved."))
        return redirect("scoring:card_detail", pk=pk)
    card.refresh_from_db()
    return _page(request, card, form=form)


@login_required
@require_POST
def card_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Save what the page holds (if anything), then submit; scores saved stay saved even when
    the submission is refused, so nothing typed is lost."""
    card = card_for(request.user, pk, perm=FILL)
    form = CardForm(request.POST, lines=_lines(card)) if "revision" in request.POST else None
    if form is not None and not _save(request, card, form):
        card.refresh_from_db()
        return _page(request, card, form=form)
    try:
        card = services.card_submit(card=card, by=request.user)
    except ValidationError as exc:
        _refusal(request, exc)
        return redirect("scoring:card_detail", pk=pk)
    if card.kind == "self":
        messages.success(request, _("Your card was sent to the cluster leader for review."))
    else:
        messages.success(request, _("Your cross scores were submitted; they are now final."))
    return redirect("scoring:card_detail", pk=pk)


@login_required
def card_recuse(request: HttpRequest, pk: int) -> HttpResponse:
    card = card_for(request.user, pk, perm=FILL)
    form = RecuseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.card_recuse(card=card, by=request.user, conflict=form.cleaned_data["conflict"])
        except ValidationError as exc:
            form.add_refusal(exc)
        else:
            messages.success(request, _("You have stepped aside: this card will not count."))
            return redirect("scoring:card_detail", pk=pk)
    return render(request, "scoring/card_recuse.html", {"card": card, "form": form})


@login_required
@require_POST
def card_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    card = card_for(request.user, pk, perm=REVIEW)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.card_reopen(card=card, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_refusal(exc)
        else:
            messages.success(request, _("The card was sent back to its scorer."))
            return redirect("scoring:card_detail", pk=pk)
    return _page(request, card, reopen_form=form)


@login_required
@require_POST
def card_explain(request: HttpRequest, pk: int) -> HttpResponse:
    card = card_for(request.user, pk, perm=FILL)
    form = ExplainForm(request.POST, lines=_lines(card))
    if form.is_valid():
        try:
            reviews.card_explain(card=card, by=request.user, explanations=form.explanations())
        except ValidationError as exc:
            form.add_refusal(exc)
        else:
            messages.success(request, _("Your explanation was sent to the cluster leader."))
            return redirect("scoring:card_detail", pk=pk)
    return _page(request, card, explain_form=form)


# ---- review ------------------------------------------------------------------------------------
def _review_page(request: HttpRequest, card: Scorecard, form: ReviewForm | None = None):
    sheet = selectors.card_sheet(card)
    lines = [line for group in sheet for line in group.lines]
    form = form or ReviewForm(lines=lines)
    rows = form.rows()
    for line in lines:
        line.remark_field, line.proposed_field = rows[line.entry.pk]
    context = {
        "card": card,
        "table": card.table,
        "sheet": sheet,
        "form": form,
        "totals": selectors.card_summary(card),
        "rounds": selectors.review_rounds(card),
        "rounds_left": reviews.review_rounds_allowed(card.table) - card.review_round,
        "may_act": card.kind == "self" and card.status in (S.SUBMITTED, S.EXPLAINED),
    }
    return render(request, "scoring/card_review.html", context)


def _reviewed(request: HttpRequest, card: Scorecard, act: Any, done: str) -> HttpResponse:
    form = ReviewForm(request.POST, lines=_lines(card))
    if form.is_valid():
        try:
            act(form)
        except ValidationError as exc:
            form.add_refusal(exc)
        else:
            messages.success(request, done)
            return redirect("scoring:card_detail", pk=card.pk)
    return _review_page(request, card, form)


@login_required
def card_return(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the review page; POST: return the card with the remarks typed on it."""
    card = card_for(request.user, pk, perm=REVIEW)
    if request.method != "POST":
        return _review_page(request, card)

    def act(form: ReviewForm) -> None:
        reviews.card_return(card=card, by=request.user, remarks=form.remarks())

    return _reviewed(request, card, act, _("The card was returned to the unit for explanation."))


@login_required
@require_POST
def card_accept(request: HttpRequest, pk: int) -> HttpResponse:
    card = card_for(request.user, pk, perm=REVIEW)

    def act(form: ReviewForm) -> None:
        reviews.card_accept(card=card, by=request.user, adjustments=form.adjustments())

    return _reviewed(request, card, act, _("The card was accepted."))


# ---- the leader's board ------------------------------------------------------------------------
@login_required
def board(request: HttpRequest, pk: int) -> HttpResponse:
    table = table_for(request.user, pk)
    context = {"table": table, **selectors.board(table)}
    return render(request, "scoring/board.html", context)


@login_required
@require_POST
def cards_ensure(request: HttpRequest, pk: int) -> HttpResponse:
    table = table_for(request.user, pk)
    try:
        with transaction.atomic():
            made = services.cards_ensure(table=table, by=request.user)
    except DomainError as exc:
        _refusal(request, exc)
    else:
        messages.success(
            request, _("The scorecards are ready: %(count)s cards.") % {"count": len(made)}
        )
    return redirect("scoring:board", pk=pk)


# ---- evidence ----------------------------------------------------------------------------------
@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    card = card_for(request.user, pk, perm=FILL)
    lines = _lines(card)
    form = ScoreEvidenceForm(request.POST, request.FILES, lines=lines)
    if form.is_valid():
        entry = card.entries.get(pk=form.cleaned_data["entry"])
        try:
            services.evidence_add(
                entry=entry, upload=form.cleaned_data["uploaded_file"], by=request.user
            )
        except ValidationError as exc:
            form.add_refusal(exc)
        else:
            messages.success(request, _("The file was attached."))
            return redirect("scoring:card_detail", pk=pk)
    return _page(request, card, evidence_form=form)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file as an attachment of the type found in its content, for whoever sees the card."""
    evidence = ScoreEvidence.objects.select_related("entry").filter(pk=pk).order_by("pk").first()
    if evidence is None or evidence.removed_at is not None:
        raise Http404
    card_for(request.user, evidence.entry.scorecard_id)
    return attachment_response(evidence)


urlpatterns = [
    path("scoring/cards/", my_cards, name="my_cards"),
    path("scoring/cards/<int:pk>/", card_detail, name="card_detail"),
    path("scoring/cards/<int:pk>/submit/", card_submit, name="card_submit"),
    path("scoring/cards/<int:pk>/recuse/", card_recuse, name="card_recuse"),
    path("scoring/cards/<int:pk>/reopen/", card_reopen, name="card_reopen"),
    path("scoring/cards/<int:pk>/review/", card_return, name="card_return"),
    path("scoring/cards/<int:pk>/accept/", card_accept, name="card_accept"),
    path("scoring/cards/<int:pk>/explain/", card_explain, name="card_explain"),
    path("scoring/cards/<int:pk>/evidence/", evidence_upload, name="evidence_upload"),
    path("scoring/evidence/<int:pk>/", evidence_download, name="evidence_download"),
    path("scoring/tables/<int:pk>/board/", board, name="board"),
    path("scoring/tables/<int:pk>/cards/", cards_ensure, name="cards_ensure"),
]
