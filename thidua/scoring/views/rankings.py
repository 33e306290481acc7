"""Ranking pages: the table's current ranking (and any earlier round), computing the draft,
publishing it after a confirmation, and starting a new round with a reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.errors import DomainError
from thidua.org.views.common import form_data, submit
from thidua.scoring import policy
from thidua.scoring.forms.meeting import MeetingForm
from thidua.scoring.forms.rankings import NewRoundForm, PublishForm
from thidua.scoring.models import CriteriaTable, Ranking
from thidua.scoring.selectors import rankings as selectors
from thidua.scoring.selectors.meeting import meeting_steps
from thidua.scoring.services import rankings as services


def _forbidden() -> PermissionDenied:
    return PermissionDenied(_("You do not have permission to do this."))


def table_for(user, pk: int, *, runs: bool = False) -> CriteriaTable:
    """404 unless the viewer may see the table; 403 when `runs` and they do not run rankings."""
    table = CriteriaTable.objects.select_related("cluster").filter(pk=pk).first()
    if table is None or not user.has_perm("scoring.view_table", table):
        raise Http404
    if runs and not selectors.runs_rankings(user, table):
        raise _forbidden()
    return table


def ranking_for(user, pk: int, *, perm: str = "scoring.view_ranking") -> Ranking:
    """A draft is not visible to members: 404, as if it did not exist."""
    ranking = Ranking.objects.select_related("table__cluster", "published_by").filter(pk=pk).first()
    if ranking is None or not user.has_perm("scoring.view_ranking", ranking):
        raise Http404
    if not user.has_perm(perm, ranking):
        raise _forbidden()
    return ranking


def _page(request: HttpRequest, table: CriteriaTable, ranking: Ranking | None) -> HttpResponse:
    runs = selectors.runs_rankings(request.user, table)
    codes = policy.regular_codes(table)
    rows = selectors.ranking_rows(ranking, codes) if ranking else []
    preparing = runs and (ranking is None or ranking.status == Ranking.Status.DRAFT)
    context = {
        "table": table,
        "ranking": ranking,
        "codes": codes,
        "rows": rows,
        "chart": selectors.ranking_chart(rows) if rows else None,
        "rounds": selectors.ranking_rounds(table=table, user=request.user),
        "runs": runs,
        "missing": selectors.missing_items(table) if preparing else [],
        "publish_form": PublishForm() if runs else None,
        "meeting": meeting_steps(table, ranking) if runs else None,
        "meeting_form": MeetingForm(year=table.year) if runs else None,
    }
    return render(request, "scoring/ranking_detail.html", context)


@login_required
def ranking_list(request: HttpRequest) -> HttpResponse:
    rankings = selectors.rankings_for(user=request.user)
    return render(request, "scoring/ranking_list.html", {"rankings": rankings})


@login_required
def ranking_page(request: HttpRequest, pk: int) -> HttpResponse:
    table = table_for(request.user, pk)
    return _page(request, table, selectors.ranking_current(table=table, user=request.user))


@login_required
def ranking_round(request: HttpRequest, pk: int) -> HttpResponse:
    ranking = ranking_for(request.user, pk)
    return _page(request, ranking.table, ranking)


@login_required
@require_POST
def ranking_compute(request: HttpRequest, pk: int) -> HttpResponse:
    table = table_for(request.user, pk, runs=True)
    try:
        services.ranking_compute(table=table, by=request.user)
    except DomainError as exc:
        if exc.code == "not_ready":
            messages.error(request, _("The ranking cannot be computed yet; see what is missing."))
        else:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The draft ranking is computed. Check it, then publish it."))
    return redirect("scoring:ranking", pk=table.pk)


@login_required
@require_POST
def ranking_publish(request: HttpRequest, pk: int) -> HttpResponse:
    ranking = ranking_for(request.user, pk, perm="scoring.publish_ranking")
    if not PublishForm(request.POST).is_valid():
        messages.error(request, _("Tick the box to confirm that you have checked the ranking."))
        return redirect("scoring:ranking", pk=ranking.table_id)
    try:
        services.ranking_publish(ranking=ranking, by=request.user)
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The ranking is published. Member units can now see it."))
    return redirect("scoring:ranking", pk=ranking.table_id)


@login_required
def ranking_new_round(request: HttpRequest, pk: int) -> HttpResponse:
    table = table_for(request.user, pk, runs=True)
    form = NewRoundForm(form_data(request))
    done, _ranking = submit(
        request, form,
        lambda data: services.ranking_new_round(table=table, by=request.user, **data),
    )  # fmt: skip
    if done:
        messages.success(request, _("The new round is a draft. Check it, then publish it."))
        return redirect("scoring:ranking", pk=table.pk)
    current = selectors.ranking_current(table=table, user=request.user)
    context = {"table": table, "form": form, "current": current}
    return render(request, "scoring/ranking_new_round.html", context)


urlpatterns = [
    path("scoring/rankings/", ranking_list, name="ranking_list"),
    path("scoring/tables/<int:pk>/ranking/", ranking_page, name="ranking"),
    path("scoring/tables/<int:pk>/ranking/compute/", ranking_compute, name="ranking_compute"),
    path("scoring/tables/<int:pk>/ranking/new-round/", ranking_new_round, name="ranking_new_round"),
    path("scoring/rankings/<int:pk>/", ranking_round, name="ranking_round"),
    path("scoring/rankings/<int:pk>/publish/", ranking_publish, name="ranking_publish"),
]
