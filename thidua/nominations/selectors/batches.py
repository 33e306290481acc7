"""Reads for the proposal and dossier pages, each scoped to the viewer.

A unit that only owns dossiers in someone else's proposal sees that proposal, but only its own
dossiers in it; a council member sees the awarding body's proposals once they reach the vote."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from thidua.awards.messages import STATUS_LABELS, describe
from thidua.awards.selectors import award_names
from thidua.core.text import fold, given_name_first, vi_sort_key
from thidua.eligibility import Outcome, Result, Status
from thidua.nominations.models import Batch, Dossier, RouteStep
from thidua.org.models import Cluster, Unit
from thidua.org.scope import path_q, scope_for


def _visible_q(user: Any) -> Q | None:
    """The filter of the proposals `user` may see; None means every proposal (an admin)."""
    scope = scope_for(user)
    if scope.is_admin:
        return None
    staff = scope.officer_paths + scope.head_paths
    q = path_q(scope.secretariat_paths, "awarding_unit__path")
    q |= path_q(staff, "proposer__path")
    q |= Q(cluster_id__in=scope.cluster_ids)
    owned = Dossier.objects.filter(path_q(staff, "owner_unit__path")).values("batch_id")
    q |= Q(pk__in=owned)
    if scope.council_ids:
        vote_order = RouteStep.objects.filter(
            route=OuterRef("route"), kind=RouteStep.Kind.VOTE
        ).values("order")[:1]
        reached_vote = Q(step__order__gte=Subquery(vote_order)) | Q(status=Batch.Status.DECIDED)
        q |= Q(awarding_unit__councils__in=scope.council_ids) & reached_vote
    return q


def batches_for(
    user: Any, *, year: int | None = None, status: str | None = None, q: str = ""
) -> QuerySet[Batch]:
    """The proposals the user may see, newest year first, optionally filtered."""
    qs = Batch.objects.select_related("proposer", "awarding_unit", "cluster", "step", "route")
    visible = _visible_q(user)
    if visible is not None:
        qs = qs.filter(pk__in=Batch.objects.filter(visible).values("pk"))
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    words = fold(q).split()
    if words:
        # A proposal list is short (a few hundred a year): fold the titles in Python so that
        # "to trinh" finds "Tờ trình" on SQLite and PostgreSQL alike.
        titles = qs.values_list("pk", "title", "document_number")
        found = [
            pk
            for pk, title, number in titles
            if all(word in fold(f"{title} {number}") for word in words)
        ]
        qs = qs.filter(pk__in=found)
    return qs.order_by("-year", "-created_at", "-pk")


OPEN_STATUSES = (Batch.Status.DRAFT, Batch.Status.RETURNED, Batch.Status.IN_PROGRESS)


def batch_overdue(batch: Batch, today: date) -> bool:
    """A proposal still open whose current step is past its due date."""
    due = batch.step_due_on
    return batch.status in OPEN_STATUSES and due is not None and due < today


def batch_get(user: Any, pk: Any) -> Batch:
    """The proposal, or 404 when the user may not see it (ids cannot be probed)."""
    try:
        return batches_for(user).get(pk=pk)
    except (Batch.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _dossier_key(dossier: Dossier) -> tuple:
    """Award order, then the Vietnamese order of names (people by given name first)."""
    name = given_name_first(dossier.person.full_name) if dossier.person_id else dossier.unit.name
    return (dossier.award.sort_order, dossier.award.code, vi_sort_key(name), dossier.pk)


def dossiers_for(user: Any, batch: Batch) -> list[Dossier]:
    """The dossiers of `batch` the user may view (`nominations.view_dossier`), by award then
    name; withdrawn ones included (the page shows them greyed)."""
    rows = list(
        batch.dossiers.select_related("award", "person", "person__unit", "unit", "owner_unit")
        .annotate(attachment_count=Count("attachments", filter=Q(attachments__removed_at=None)))
    )  # fmt: skip
    for dossier in rows:  # the permission checks reuse the batch already loaded
        dossier.batch = batch
    return sorted(
        (d for d in rows if user.has_perm("nominations.view_dossier", d)), key=_dossier_key
    )


def _dossier_visible_q(user: Any) -> Q | None:
    """The filter form of `nominations.view_dossier` (see permissions.py); None: every one."""
    scope = scope_for(user)
    if scope.is_admin:
        return None
    staff = scope.officer_paths + scope.head_paths
    return (
        path_q(staff, "owner_unit__path")
        | path_q(staff, "batch__proposer__path")
        | Q(batch__cluster_id__in=scope.cluster_ids)
        | path_q(scope.secretariat_paths, "batch__awarding_unit__path")
        | Q(batch__awarding_unit__councils__in=scope.council_ids)
    )


def visible_counts(user: Any, batches: list[Batch]) -> dict[int, int]:
    """How many included dossiers of each proposal the user may see (one query)."""
    qs = Dossier.objects.filter(
        batch_id__in=[b.pk for b in batches], status=Dossier.Status.INCLUDED
    )
    visible = _dossier_visible_q(user)
    if visible is not None:
        qs = qs.filter(pk__in=Dossier.objects.filter(visible).values("pk"))
    rows = qs.values("batch_id").annotate(n=Count("pk"))
    return {row["batch_id"]: row["n"] for row in rows}


def dossier_get(user: Any, pk: Any) -> Dossier:
    """The dossier, or 404 when the user may not see it."""
    try:
        dossier = Dossier.objects.select_related(
            "batch", "batch__step", "batch__route", "batch__proposer", "batch__awarding_unit",
            "batch__cluster", "award", "person", "person__unit", "unit", "owner_unit",
        ).get(pk=pk)  # fmt: skip
    except (Dossier.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not user.has_perm("nominations.view_dossier", dossier):
        raise Http404
    return dossier


def proposer_choices(user: Any) -> QuerySet[Unit]:
    """Units the user may propose for: those they are staff of; a secretariat's whole scope."""
    scope = scope_for(user)
    qs = Unit.objects.filter(active_to__isnull=True)
    if not scope.is_admin:
        qs = qs.filter(path_q(scope.officer_paths + scope.head_paths + scope.secretariat_paths))
    return qs.order_by("path")


def awarding_choices() -> QuerySet[Unit]:
    """Bodies that award: units with an emulation council."""
    return Unit.objects.filter(councils__isnull=False).distinct().order_by("path")


def cluster_choices(user: Any) -> QuerySet[Cluster]:
    """Clusters a proposal may come from: those the user serves; any for a secretariat."""
    scope = scope_for(user)
    qs = Cluster.objects.all()
    if not scope.is_admin:
        qs = qs.filter(
            Q(pk__in=scope.cluster_ids) | path_q(scope.secretariat_paths, "organiser__path")
        )
    return qs.order_by("number", "pk")


# ---- the verdict and warnings of a dossier, in words --------------------------------------

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _param(value: Any) -> Any:
    """Stored verdicts keep dates as ISO strings; the messages format real dates."""
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def verdict_view(dossier: Dossier) -> dict[str, Any] | None:
    """The stored verdict for the verdict panel: status words, pack, and each reason in words
    with its legal clause (failures first). None when the dossier has not been judged."""
    stored = dossier.verdict or {}
    if not stored.get("status"):
        return None
    names = award_names()
    reasons = []
    for row in stored.get("outcomes", []):
        params = {key: _param(value) for key, value in (row.get("params") or {}).items()}
        outcome = Outcome(
            row.get("rule", ""), Result(row["result"]), row["message"], params,
            row.get("clause", ""),
        )  # fmt: skip
        reasons.append({"text": describe(outcome, names), "clause": outcome.clause,
                        "result": outcome.result.value})  # fmt: skip
    order = [Result.DEFERRED, Result.FAILED, Result.PENDING_DOCUMENT, Result.PASSED, Result.INFO]
    reasons.sort(key=lambda r: order.index(Result(r["result"])))
    status = Status(stored["status"])
    return {
        "status": status.value,
        "status_label": str(STATUS_LABELS[status]),
        "pack": dossier.pack or stored.get("pack", ""),
        "pack_version": dossier.pack_version or stored.get("pack_version", ""),
        "report_period": stored.get("report_period") or [],
        "judged_at": dossier.verdict_at,
        "reasons": reasons,
    }
