"""Reads for the decision pages: lists scoped to the viewer, access helpers, money totals.

Issued decisions are public documents of the sector (every signed-in user reads them); a draft
is seen only by those who may issue it, so for everyone else it does not exist (404)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.core.errors import DomainError
from thidua.core.formatting import short_date
from thidua.nominations.models import (
    BaseSalary,
    Batch,
    Decision,
    DecisionLine,
    Dossier,
    ReviewFlag,
    Revocation,
)
from thidua.org.scope import path_q, scope_for


def base_salary_on(day: date) -> BaseSalary:
    """The base salary in force on `day` (ND 98/2023 Art. 53(2): the decision date's)."""
    row = BaseSalary.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    if row is None:
        raise DomainError(
            _("No base salary is recorded for %(day)s; add it to the base salary table first.")
            % {"day": short_date(day)},
            field="signed_on",
            code="no_base_salary",
        )
    return row


def place_date_text(place: str, day: date | None) -> str:
    """ "Hà Nội, ngày 05 tháng 01 năm 2024": a day below 10 and the months 1 and 2 take a leading
    zero (ND 30/2020 Appendix I; Guidance 36-HD/VPTW writes dates the same way, law.md §e.5)."""
    if day is None:
        return place
    values = {
        "place": place,
        "day": f"{day.day:02d}",
        "month": f"{day.month:02d}" if day.month < 3 else str(day.month),
        "year": day.year,
    }
    if not place:
        return _("day %(day)s month %(month)s year %(year)s") % values
    return _("%(place)s, day %(day)s month %(month)s year %(year)s") % values


def _issuable_q(user: Any) -> Q:
    """Drafts the user may issue: the issuer (or, without one, the proposal's awarding body)
    lies under the user's secretariat scope (the rule of `permissions.issues_decision`)."""
    paths = scope_for(user).secretariat_paths
    return path_q(paths, "issuer__path") | (
        Q(issuer__isnull=True) & path_q(paths, "batch__awarding_unit__path")
    )


def decisions_for(
    user: Any, *, year: int | None = None, q: str = "", status: str = ""
) -> QuerySet[Decision]:
    """Issued decisions and the drafts the user may issue, newest first."""
    qs = Decision.objects.select_related("issuer", "batch", "corrects")
    if not scope_for(user).is_admin:
        qs = qs.filter(Q(status=Decision.Status.ISSUED) | _issuable_q(user))
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(
            Q(issuer_name__icontains=q) | Q(issuer_code__icontains=q) | Q(abstract__icontains=q)
        )
    return qs.order_by("status", "-year", "-number", "-pk")


def _forbidden() -> PermissionDenied:
    return PermissionDenied(_("You do not have permission to do this."))


def decision_visible(user: Any, decision: Decision) -> bool:
    if decision.is_issued:
        return user.has_perm("nominations.view_decision", decision)
    return user.has_perm("nominations.issue_decision", decision)


def decision_get(user: Any, pk: Any, *, perm: str = "nominations.view_decision") -> Decision:
    """404 when the user may not see the decision, 403 when they may see it but not do `perm`."""
    decision = (
        Decision.objects.select_related("issuer", "batch__awarding_unit", "corrects", "issued_by")
        .filter(pk=pk)
        .first()
    )
    if decision is None or not decision_visible(user, decision):
        raise Http404
    if not user.has_perm(perm, decision):
        raise _forbidden()
    return decision


def line_get(user: Any, pk: Any, *, perm: str) -> DecisionLine:
    line = DecisionLine.objects.select_related("decision", "award").filter(pk=pk).first()
    if line is None:
        raise Http404
    decision_get(user, line.decision_id, perm=perm)
    return line


def revocation_get(user: Any, pk: Any, *, perm: str) -> Revocation:
    revocation = (
        Revocation.objects.select_related("line__decision", "line__award").filter(pk=pk).first()
    )
    if revocation is None:
        raise Http404
    decision_get(user, revocation.line.decision_id, perm=perm)
    return revocation


def batch_for_decision(user: Any, pk: Any) -> Batch:
    """The proposal a decision is made from: 404 unless visible, 403 unless the user issues for
    its awarding body."""
    batch = Batch.objects.select_related("awarding_unit", "step", "route").filter(pk=pk).first()
    if batch is None or not user.has_perm("nominations.view_batch", batch):
        raise Http404
    if not user.has_perm("nominations.issue_decision", Decision(batch=batch)):
        raise _forbidden()
    return batch


def decision_candidates(batch: Batch) -> list[Dossier]:
    """Dossiers that reach the decision: in the proposal, appraised complete, and approved by
    the council or needing no vote."""
    return list(
        batch.dossiers.filter(
            status=Dossier.Status.INCLUDED,
            appraisal=Dossier.Appraisal.PASSED,
            council__in=[Dossier.Council.ELECTED, Dossier.Council.NOT_REQUIRED],
        ).select_related("award", "person__unit", "unit")
    )


def decision_lines(decision: Decision) -> list[DecisionLine]:
    return list(
        decision.lines.select_related(
            "award", "person", "unit", "award_record", "dossier", "revocation"
        )
    )


def decision_total(lines: list[DecisionLine]) -> Decimal:
    return sum((line.amount or Decimal(0) for line in lines), Decimal(0))


@dataclass(frozen=True)
class RevocationRow:
    revocation: Revocation
    recovered: Decimal

    @property
    def left(self) -> Decimal:
        return max(self.revocation.amount_to_recover - self.recovered, Decimal(0))


def recovered_total(revocation: Revocation) -> Decimal:
    total = revocation.recoveries.aggregate(total=Sum("amount"))["total"]
    return total or Decimal(0)


def decision_revocations(decision: Decision) -> list[RevocationRow]:
    revocations = Revocation.objects.filter(line__decision=decision).select_related(
        "line__award", "by"
    )
    revocations = revocations.prefetch_related("recoveries", "flags__award_record__award")
    return [
        RevocationRow(r, sum((x.amount for x in r.recoveries.all()), Decimal(0)))
        for r in revocations
    ]


def flags_for(user: Any, *, status: str = "") -> list[ReviewFlag]:
    """Awards to review, for those who may revoke the decision whose revocation raised them."""
    flags = ReviewFlag.objects.select_related(
        "award_record__award",
        "award_record__person",
        "award_record__unit",
        "revocation__line__decision__issuer",
        "revocation__line__decision__batch__awarding_unit",
        "revocation__line__award",
        "award_record__decision_line__decision",
    )
    if status:
        flags = flags.filter(status=status)
    return [
        f
        for f in flags.order_by("status", "-created_at", "pk")
        if user.has_perm("nominations.revoke_decision", f.revocation.line.decision)
    ]


def flag_get(user: Any, pk: Any) -> ReviewFlag:
    flag = (
        ReviewFlag.objects.select_related(
            "revocation__line__award", "award_record__award", "award_record__person",
            "award_record__unit", "award_record__decision_line",
        )
        .filter(pk=pk)
        .first()
    )  # fmt: skip
    if flag is None:
        raise Http404
    decision_get(user, flag.revocation.line.decision_id, perm="nominations.revoke_decision")
    return flag
