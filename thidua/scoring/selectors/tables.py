"""Reads for the criteria table pages: the tables a user may see, one table as a tree with its
maxima, its policy in plain words, and the warnings the cluster should look at."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from thidua.campaigns.models import Indicator, Pledge
from thidua.org.models import Cluster
from thidua.org.scope import path_q, scope_for
from thidua.org.selectors import clusters_visible_to
from thidua.scoring import policy
from thidua.scoring.models import CriteriaTable, Criterion, CriterionGroup

FULL_MARKS = Decimal(100)  # the usual base scale (law.md §c.3, HCMC example: up to 100)


def tables_for(*, user: Any) -> QuerySet[CriteriaTable]:
    """The tables of the clusters the user may see (scoring.view_table, as a query)."""
    return CriteriaTable.objects.filter(cluster__in=clusters_visible_to(user)).select_related(
        "cluster__organiser", "pledge"
    )


def clusters_run_by(*, user: Any) -> QuerySet[Cluster]:
    """Active clusters whose tables the user may write (scoring.change_table, as a query)."""
    scope = scope_for(user)
    clusters = Cluster.objects.filter(is_active=True).select_related("organiser")
    if scope.is_admin:
        return clusters
    return clusters.filter(
        path_q(scope.secretariat_paths, "organiser__path") | Q(pk__in=scope.cluster_ids)
    )


def draft_pledges_for(*, user: Any) -> QuerySet[Pledge]:
    """Draft pledges a table of the user's clusters may be linked to."""
    return Pledge.objects.filter(
        status=Pledge.Status.DRAFT, cluster__in=clusters_run_by(user=user)
    ).select_related("cluster")


def table_get(pk: int) -> CriteriaTable | None:
    criteria = Criterion.objects.select_related("indicator").order_by("order", "code")
    groups = CriterionGroup.objects.order_by("order", "code").prefetch_related(
        Prefetch("criteria", queryset=criteria)
    )
    return (
        CriteriaTable.objects.select_related("cluster__organiser", "pledge", "copied_from")
        .prefetch_related(Prefetch("groups", queryset=groups))
        .filter(pk=pk)
        .first()
    )


def indicators_for_table(table: CriteriaTable) -> QuerySet[Indicator]:
    return Indicator.objects.filter(cluster_id=table.cluster_id, year=table.year).order_by(
        "order", "code"
    )


# ---- the tree -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class GroupNode:
    group: CriterionGroup
    criteria: list[Criterion]
    max_points: Decimal

    @property
    def is_regular(self) -> bool:
        return self.group.kind == CriterionGroup.Kind.REGULAR


def table_tree(table: CriteriaTable) -> list[GroupNode]:
    """Groups in order with their criteria and each group's maximum (use `table_get`'s table to
    read it without further queries)."""
    return [
        GroupNode(group, list(group.criteria.all()), policy.group_max(group))
        for group in table.groups.all()
    ]


def regular_max(tree: list[GroupNode]) -> Decimal:
    return sum((node.max_points for node in tree if node.is_regular), Decimal(0))


def _points(value: Decimal) -> str:
    return number_format(value.normalize(), use_l10n=True)


def table_warnings(table: CriteriaTable, tree: list[GroupNode]) -> list[str]:
    """What does not stop the table from being saved but should be looked at before it is used."""
    warnings = []
    total = regular_max(tree)
    if tree and total != FULL_MARKS:
        warnings.append(
            _("The scored groups add up to %(total)s points, not 100.") % {"total": _points(total)}
        )
    for node in tree:
        for criterion in node.criteria:
            if criterion.is_computed and criterion.indicator_id is None:
                warnings.append(
                    _("Criterion %(code)s has no indicator yet, so it cannot be computed.")
                    % {"code": criterion.code}
                )
    return warnings


# ---- the policy in words ------------------------------------------------------------------------
def tie_key_label(key: str) -> str:
    if key == policy.PENALTIES:
        return _("fewer penalty points")
    if key == policy.SELF:
        return _("the higher self-assessed score")
    code = key.removeprefix(policy.GROUP_PREFIX)
    return _("the higher score of group %(code)s") % {"code": code}


def tie_key_choices(table: CriteriaTable) -> list[tuple[str, str]]:
    codes = policy.regular_codes(table)
    return [(key, tie_key_label(key)) for key in policy.tie_keys(codes)]


def _cap_line(cap: Decimal | None, capped: str, uncapped: str) -> str:
    return uncapped if cap is None else capped % {"cap": _points(cap)}


def policy_in_words(table: CriteriaTable) -> list[str]:
    T = CriteriaTable
    lines = [
        _("Every other member unit cross-scores each unit.")
        if table.cross_scorers == T.CrossScorers.ALL_OTHERS
        else _("The leader and the deputy cross-score the other members and each other."),
        _("The final score is the mean of the cross scores, without the highest and the lowest "
          "when there are at least three.")
        if table.trim_extremes
        else _("The final score is the mean of all the cross scores."),
        _cap_line(
            table.bonus_cap,
            _("Bonus points add at most %(cap)s points."),
            _("Bonus points have no cap."),
        ),
        _cap_line(
            table.penalty_cap,
            _("Penalty points take away at most %(cap)s points."),
            _("Penalty points have no cap."),
        ),
        _("A final score is never below zero.")
        if table.floor_at_zero
        else _("A final score may fall below zero."),
        _("Below the target, a criterion relative to the best unit earns half its points in "
          "proportion to the result.")
        if table.below_target == T.BelowTarget.PROPORTIONAL
        else _("Below the target, a criterion relative to the best unit earns no points."),
    ]  # fmt: skip
    if table.tie_break:
        chain = "; ".join(tie_key_label(key) for key in table.tie_break)
        lines.append(
            _("When final scores are equal, these decide in order: %(chain)s.") % {"chain": chain}
        )
    else:
        lines.append(_("When final scores are equal, the units share the rank."))
    return lines
