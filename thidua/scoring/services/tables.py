"""Writes to a cluster's criteria table of a year: the table and its policy, its groups and their
criteria, and a copy of last year's table.

Members sign up to the criteria along with the pledge (law.md §c.2 step 1), so once the pledge
that uses the table is opened for signature nothing here may change it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.campaigns.models import Indicator, Pledge
from thidua.core.audit import delete_audited, save_audited
from thidua.core.errors import DomainError
from thidua.org.models import Cluster
from thidua.scoring import policy
from thidua.scoring.models import CriteriaTable, Criterion, CriterionGroup

FIRST_YEAR, LAST_YEAR = 2000, 2100
DUE_FIELDS = ("self_due_on", "cross_due_on", "explanation_due_on")
POLICY_FIELDS = (
    "cross_scorers", "trim_extremes", "bonus_cap", "penalty_cap", "floor_at_zero",
    "below_target", "tie_break", *DUE_FIELDS,
)  # fmt: skip
TABLE_FIELDS = ("title", "pledge", *POLICY_FIELDS)
GROUP_FIELDS = ("code", "title", "kind", "order")
CRITERION_FIELDS = (
    "code", "title", "guidance", "kind", "max_points", "indicator", "points_each", "order",
)  # fmt: skip
CK = Criterion.Kind
# Bonus and penalty items are declared by the unit, not measured against an indicator.
SIDE_KINDS = frozenset({CK.GRADED, CK.PASS_FAIL, CK.PER_OCCURRENCE})
INDICATOR_KINDS = frozenset({CK.TARGET, CK.CLUSTER_RELATIVE})


def _unknown(fields: dict[str, Any], allowed: tuple[str, ...], what: str) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown {what} fields: {sorted(unknown)}")


# ---- the lock -----------------------------------------------------------------------------------
def check_table_open(table: CriteriaTable) -> None:
    if table.is_locked:
        raise DomainError(
            _("The pledge that uses this criteria table has been opened for signature, so the "
              "table can no longer change."),
            code="locked",
        )  # fmt: skip


def _lock(table: CriteriaTable) -> CriteriaTable:
    """The table re-read under a row lock, its pledge too: pledge_open_for_signing locks the
    pledge row, so an edit and the opening cannot interleave."""
    table = CriteriaTable.objects.select_for_update().get(pk=table.pk)
    if table.pledge_id is not None:
        table.pledge = Pledge.objects.select_for_update().get(pk=table.pledge_id)
    check_table_open(table)
    return table


# ---- the table ----------------------------------------------------------------------------------
def _check_pledge(table: CriteriaTable) -> None:
    if table.pledge_id is None:
        return
    # Read afresh under a lock: the caller's copy may predate the opening for signature.
    pledge = table.pledge = Pledge.objects.select_for_update().get(pk=table.pledge_id)
    if pledge.cluster_id != table.cluster_id or pledge.year != table.year:
        raise DomainError(
            _("Choose a pledge of the same cluster and year as the table."),
            field="pledge",
            code="pledge",
        )
    if pledge.status != Pledge.Status.DRAFT:
        raise DomainError(
            _("Link the table to the pledge while the pledge is still a draft: members sign up "
              "to the criteria along with the pledge."),
            field="pledge",
            code="pledge_open",
        )  # fmt: skip


def _check_policy(table: CriteriaTable) -> None:
    for name in ("bonus_cap", "penalty_cap"):
        if getattr(table, name) is not None and getattr(table, name) < 0:
            raise DomainError(
                _("A cap is zero or more; leave it empty for no cap."), field=name, code="cap"
            )
    first, cross, explained = (getattr(table, name) for name in DUE_FIELDS)
    if first and cross and cross < first:
        raise DomainError(
            _("Cross-scoring cannot be due before self-scoring."),
            field="cross_due_on",
            code="due",
        )
    if first and explained and explained < first:
        raise DomainError(
            _("Explanations cannot be due before self-scoring."),
            field="explanation_due_on",
            code="due",
        )
    table.tie_break = policy.check_chain(table.tie_break, _regular_codes(table))


def _regular_codes(table: CriteriaTable) -> list[str]:
    return policy.regular_codes(table) if table.pk else []


def _check_table(table: CriteriaTable) -> None:
    if not FIRST_YEAR <= table.year <= LAST_YEAR:
        raise DomainError(_("Enter a year between 2000 and 2100."), field="year", code="year")
    if not (table.title or "").strip():
        raise DomainError(_("Give the table a title."), field="title", code="required")
    taken = CriteriaTable.objects.filter(cluster_id=table.cluster_id, year=table.year)
    if taken.exclude(pk=table.pk).exists():
        raise DomainError(
            _("The cluster already has a criteria table for %(year)s.") % {"year": table.year},
            field="year",
            code="exists",
        )
    _check_pledge(table)
    _check_policy(table)


@transaction.atomic
def table_create(
    *,
    cluster: Cluster,
    year: int,
    title: str,
    by: Any,
    pledge: Pledge | None = None,
    **policy_fields: Any,
) -> CriteriaTable:
    _unknown(policy_fields, POLICY_FIELDS, "policy")
    table = CriteriaTable(
        cluster=cluster, year=year, title=title.strip(), pledge=pledge, **policy_fields
    )
    _check_table(table)
    save_audited(table, by=by)
    return table


@transaction.atomic
def table_update(*, table: CriteriaTable, by: Any, **fields: Any) -> CriteriaTable:
    _unknown(fields, TABLE_FIELDS, "table")
    table = _lock(table)
    changed = {name: value for name, value in fields.items() if getattr(table, name) != value}
    if not changed:
        return table
    for name, value in changed.items():
        setattr(table, name, value.strip() if name == "title" else value)
    _check_table(table)
    save_audited(table, by=by)
    return table


# ---- groups -------------------------------------------------------------------------------------
def _check_group(group: CriterionGroup, table: CriteriaTable) -> None:
    if not group.code.strip() or not group.title.strip():
        field = "code" if not group.code.strip() else "title"
        raise DomainError(_("This field is required."), field=field, code="required")
    if table.groups.filter(code=group.code).exclude(pk=group.pk).exists():
        raise DomainError(
            _("The code %(code)s is already used by another group of this table.")
            % {"code": group.code},
            field="code",
            code="code_taken",
        )
    if group.pk and group.kind != CriterionGroup.Kind.REGULAR:
        wrong = group.criteria.exclude(kind__in=SIDE_KINDS).first()
        if wrong is not None:
            raise DomainError(
                _("Criterion %(code)s is measured against an indicator, and a bonus or penalty "
                  "group holds only graded, met-or-not-met or per-occurrence items.")
                % {"code": wrong.code},
                field="kind",
                code="side_kind",
            )  # fmt: skip


def _follow_in_chain(table: CriteriaTable, old: CriterionGroup, new: CriterionGroup) -> bool:
    """A renamed scored group keeps its place in the tie-break chain; a group that stops being
    a scored group cannot stay there. True when the chain changed."""
    key = f"{policy.GROUP_PREFIX}{old.code}"
    if old.kind != CriterionGroup.Kind.REGULAR or key not in table.tie_break:
        return False
    if new.kind != CriterionGroup.Kind.REGULAR:
        raise DomainError(
            _("Group %(code)s is used to break ties: take it out of the tie-break chain first.")
            % {"code": old.code},
            field="kind",
            code="in_chain",
        )
    renamed = f"{policy.GROUP_PREFIX}{new.code}"
    table.tie_break = [renamed if name == key else name for name in table.tie_break]
    return renamed != key


@transaction.atomic
def group_save(
    *, table: CriteriaTable, by: Any, group: CriterionGroup | None = None, **fields: Any
) -> CriterionGroup:
    """Add a group (no `group`) or change one of the table's groups."""
    _unknown(fields, GROUP_FIELDS, "group")
    table = _lock(table)
    if group is not None and group.table_id != table.pk:
        raise ValueError("The group belongs to another table.")
    before = CriterionGroup.objects.get(pk=group.pk) if group is not None else None
    group = group or CriterionGroup(table=table)
    for name, value in fields.items():
        setattr(group, name, value.strip() if isinstance(value, str) else value)
    if before is None and fields.get("order") is None:  # a new group goes last unless placed
        group.order = 1 + max(table.groups.values_list("order", flat=True), default=0)
    _check_group(group, table)
    chain_changed = before is not None and _follow_in_chain(table, before, group)
    save_audited(group, by=by)
    if chain_changed:
        save_audited(table, by=by, reason=_("A group of the tie-break chain was renamed."))
    return group


def _check_no_scores(criteria: Any) -> None:
    if Criterion.objects.filter(pk__in=[c.pk for c in criteria], entries__isnull=False).exists():
        raise DomainError(
            _("Scorecards already hold scores for this, so it cannot be deleted."),
            code="scored",
        )


@transaction.atomic
def group_delete(*, group: CriterionGroup, by: Any) -> None:
    table = _lock(group.table)
    if f"{policy.GROUP_PREFIX}{group.code}" in table.tie_break:
        raise DomainError(
            _("Group %(code)s is used to break ties: take it out of the tie-break chain first.")
            % {"code": group.code},
            code="in_chain",
        )
    criteria = list(group.criteria.all())
    _check_no_scores(criteria)
    # One by one, so the audit trail names who deleted each criterion.
    for criterion in criteria:
        delete_audited(criterion, by=by)
    delete_audited(group, by=by)


# ---- criteria -----------------------------------------------------------------------------------
def _check_code(criterion: Criterion, table: CriteriaTable) -> None:
    if not criterion.code.strip() or not criterion.title.strip():
        field = "code" if not criterion.code.strip() else "title"
        raise DomainError(_("This field is required."), field=field, code="required")
    # Unique over the whole table: scorecards and remarks name criteria by code alone.
    taken = Criterion.objects.filter(group__table=table, code=criterion.code)
    if taken.exclude(pk=criterion.pk).exists():
        raise DomainError(
            _("The code %(code)s is already used by another criterion of this table.")
            % {"code": criterion.code},
            field="code",
            code="code_taken",
        )


def _check_points(criterion: Criterion, group: CriterionGroup) -> None:
    if criterion.max_points is None or criterion.max_points < 0:
        raise DomainError(
            _("The maximum points are zero or more."), field="max_points", code="max_points"
        )
    if criterion.kind == CK.PER_OCCURRENCE:
        if criterion.points_each is None or criterion.points_each <= 0:
            raise DomainError(
                _("Say how many points each occurrence earns (more than zero)."),
                field="points_each",
                code="points_each",
            )
    else:
        criterion.points_each = None  # only meaningful per occurrence
    if group.kind != CriterionGroup.Kind.REGULAR and criterion.kind not in SIDE_KINDS:
        raise DomainError(
            _("A bonus or penalty group holds only graded, met-or-not-met or per-occurrence "
              "items."),
            field="kind",
            code="side_kind",
        )  # fmt: skip


def _check_indicator(criterion: Criterion, table: CriteriaTable) -> None:
    indicator = criterion.indicator
    if indicator is None:
        if criterion.kind in INDICATOR_KINDS:
            raise DomainError(
                _("This kind of criterion is measured against an indicator: choose one."),
                field="indicator",
                code="indicator",
            )
        return
    if indicator.cluster_id != table.cluster_id or indicator.year != table.year:
        raise DomainError(
            _("Choose an indicator of the same cluster and year as the table."),
            field="indicator",
            code="indicator",
        )


@transaction.atomic
def criterion_save(
    *, group: CriterionGroup, by: Any, criterion: Criterion | None = None, **fields: Any
) -> Criterion:
    """Add a criterion to the group (no `criterion`) or change one (moving it to `group`)."""
    _unknown(fields, CRITERION_FIELDS, "criterion")
    table = _lock(group.table)
    if criterion is not None and criterion.group.table_id != table.pk:
        raise ValueError("The criterion belongs to another table.")
    is_new = criterion is None
    criterion = criterion or Criterion()
    criterion.group = group
    for name, value in fields.items():
        setattr(criterion, name, value.strip() if isinstance(value, str) else value)
    if is_new and fields.get("order") is None:
        criterion.order = 1 + max(group.criteria.values_list("order", flat=True), default=0)
    _check_code(criterion, table)
    _check_points(criterion, group)
    _check_indicator(criterion, table)
    save_audited(criterion, by=by)
    return criterion


@transaction.atomic
def criterion_delete(*, criterion: Criterion, by: Any) -> None:
    _lock(criterion.group.table)
    _check_no_scores([criterion])
    delete_audited(criterion, by=by)


# ---- copy ---------------------------------------------------------------------------------------
def _shift(day: dt.date | None, years: int) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def _copy_title(source: CriteriaTable, year: int) -> str:
    return source.title.replace(str(source.year), str(year))


@transaction.atomic
def table_copy(
    *, source: CriteriaTable, year: int, by: Any, pledge: Pledge | None = None
) -> tuple[CriteriaTable, list[str]]:
    """Last year's table for a new year: policy, groups and criteria. Each criterion follows its
    indicator to the indicator with the same code in the new year (campaigns copies indicators
    the same way); where there is none the criterion keeps no indicator and a warning says so."""
    if year == source.year:
        raise DomainError(
            _("Choose another year than the table's own."), field="year", code="same_year"
        )
    fields = {name: getattr(source, name) for name in POLICY_FIELDS if name not in DUE_FIELDS}
    fields |= {name: _shift(getattr(source, name), year - source.year) for name in DUE_FIELDS}
    fields["tie_break"] = []  # checked against the copied groups below
    table = table_create(
        cluster=source.cluster, year=year, title=_copy_title(source, year), pledge=pledge, by=by,
        **fields,
    )  # fmt: skip
    table.copied_from = source
    indicators = {
        i.code: i for i in Indicator.objects.filter(cluster_id=source.cluster_id, year=year)
    }
    warnings = []
    for old_group in source.groups.prefetch_related("criteria__indicator"):
        group = CriterionGroup(
            table=table, **{name: getattr(old_group, name) for name in GROUP_FIELDS}
        )
        save_audited(group, by=by)
        for old in old_group.criteria.all():
            warnings += _copy_criterion(old, group, indicators, year, by=by)
    table.tie_break = policy.check_chain(list(source.tie_break), policy.regular_codes(table))
    reason = _("Copied from %(year)s") % {"year": source.year}
    save_audited(table, by=by, reason=reason)
    return table, warnings


def _copy_criterion(
    old: Criterion, group: CriterionGroup, indicators: dict[str, Indicator], year: int, *, by: Any
) -> list[str]:
    fields = {name: getattr(old, name) for name in CRITERION_FIELDS if name != "indicator"}
    new = Criterion(group=group, **fields)
    if old.indicator is not None:
        new.indicator = indicators.get(old.indicator.code)
        if new.indicator is None:
            save_audited(new, by=by)
            return [
                _("Criterion %(criterion)s: there is no indicator with the code %(code)s in "
                  "%(year)s, so it has no indicator now. Choose one before the table is used.")
                % {"criterion": old.code, "code": old.indicator.code, "year": year}
            ]  # fmt: skip
    save_audited(new, by=by)
    return []
