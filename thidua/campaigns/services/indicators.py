"""Writes to a cluster's target indicators of a year and to the units' own targets.

The cluster leader's officer (or the secretariat running the cluster) sets the indicators at the
start of the year, usually by copying last year's set; units then report against them. Once a
unit has reported, any change needs a reason, kept in the audit trail.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.campaigns.models import Indicator, IndicatorTarget, Pledge
from thidua.campaigns.selectors.indicators import units_of_year
from thidua.campaigns.services.reports import check_member_in_year, periods_ensure
from thidua.core.audit import delete_audited, save_audited
from thidua.core.errors import DomainError
from thidua.org.models import Cluster, Unit

K = Indicator.Kind
EDITABLE_FIELDS = (
    "code", "name", "description", "kind", "unit_of_measure", "numerator_label",
    "denominator_label", "direction", "target", "frequency", "order",
)  # fmt: skip
# Reports already filed are tied to the kind (which figures) and the frequency (which periods).
FIXED_ONCE_REPORTED = ("kind", "frequency")
PLEDGED_FIELDS = ("code", "direction", "target")  # the fields a pledge's fingerprint covers


def check_target(kind: str, target: Decimal | None, *, field: str = "target") -> None:
    """A target the kind can reach: a percentage between 0 and 100, yes (1) or no (0)…"""
    if target is None:
        return
    if kind in (K.RATIO, K.PERCENTAGE) and not Decimal(0) <= target <= Decimal(100):
        raise DomainError(
            _("The target of a ratio or a percentage lies between 0 and 100 (per cent)."),
            field=field,
            code="target",
        )
    if kind == K.YES_NO and target not in (Decimal(0), Decimal(1)):
        raise DomainError(
            _("The target of a yes-or-no indicator is 1 (yes) or 0 (no)."),
            field=field,
            code="target",
        )
    if kind == K.COUNT and (target < 0 or target != target.to_integral_value()):
        raise DomainError(
            _("The target of a count is a whole number, zero or more."), field=field, code="target"
        )


def _check_indicator(indicator: Indicator) -> None:
    if indicator.kind == K.RATIO:
        for name in ("numerator_label", "denominator_label"):
            if not getattr(indicator, name).strip():
                raise DomainError(
                    _("A ratio needs both labels, e.g. “documents handled” of “documents "
                      "received”."),
                    field=name,
                    code="labels",
                )  # fmt: skip
    check_target(indicator.kind, indicator.target)
    taken = Indicator.objects.filter(
        cluster_id=indicator.cluster_id, year=indicator.year, code=indicator.code
    ).exclude(pk=indicator.pk)
    if taken.exists():
        raise DomainError(
            _("The code %(code)s is already used by another indicator of %(year)s.")
            % {"code": indicator.code, "year": indicator.year},
            field="code",
            code="code_taken",
        )


def _due_days(cluster: Cluster) -> int:
    """Days after a period's end before reports are due: the cluster's rule, 10 by default."""
    try:
        return int((cluster.policy or {}).get("report_due_days", 10))
    except (TypeError, ValueError):
        return 10


@transaction.atomic
def indicator_create(*, cluster: Cluster, year: int, by: Any, **fields: Any) -> Indicator:
    """A new indicator of the cluster's year; the first one also sets up the year's periods."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown indicator fields: {sorted(unknown)}")
    same_year = Indicator.objects.filter(cluster=cluster, year=year)
    first_of_year = not same_year.exists()
    if fields.get("order") is None:  # a new indicator goes last unless placed
        fields["order"] = 1 + max(same_year.values_list("order", flat=True), default=0)
    indicator = Indicator(cluster=cluster, year=year, **fields)
    _check_indicator(indicator)
    save_audited(indicator, by=by)
    if first_of_year:
        periods_ensure(cluster=cluster, year=year, by=by, due_days=_due_days(cluster))
    return indicator


@transaction.atomic
def indicator_update(
    *, indicator: Indicator, by: Any, reason: str = "", **fields: Any
) -> Indicator:
    """Change an indicator; once units have reported against it the change needs a reason."""
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown indicator fields: {sorted(unknown)}")
    changed = {name: value for name, value in fields.items() if getattr(indicator, name) != value}
    if not changed:
        return indicator
    _check_not_pledged(indicator, changed)
    if indicator.reports.exists():
        for name in FIXED_ONCE_REPORTED:
            if name in changed:
                raise DomainError(
                    _("Units have already reported on this indicator, so its %(field)s cannot "
                      "change. Create a new indicator instead.")
                    % {"field": Indicator._meta.get_field(name).verbose_name},
                    field=name,
                    code="reported",
                )  # fmt: skip
        _require_reason(reason)
    for name, value in changed.items():
        setattr(indicator, name, value)
    _check_indicator(indicator)
    save_audited(indicator, by=by, reason=reason.strip())
    return indicator


def _check_not_pledged(indicator: Indicator, changed: dict[str, Any]) -> None:
    """What members signed or are signing stays as signed: a pledged target changes only through
    an amendment (a new draft version that every member signs again)."""
    if not set(changed) & set(PLEDGED_FIELDS):
        return
    linked = Pledge.objects.filter(items__indicators=indicator).distinct()
    if linked.filter(status=Pledge.Status.SIGNING).exists() or (
        linked.filter(status=Pledge.Status.IN_FORCE).exists()
        and not linked.filter(status=Pledge.Status.DRAFT).exists()
    ):
        raise DomainError(
            _("This indicator is part of a pledge that members have signed or are signing. "
              "Draft an amendment of the pledge first, then change the indicator."),
            field=next(name for name in PLEDGED_FIELDS if name in changed),
            code="pledged",
        )  # fmt: skip


def _require_reason(reason: str) -> None:
    if not reason.strip():
        raise DomainError(
            _("Units have already reported on this indicator: say why it changes."),
            field="reason",
            code="reason",
        )


@transaction.atomic
def indicator_target_set(
    *, indicator: Indicator, unit: Unit, target: Decimal, by: Any, reason: str = ""
) -> IndicatorTarget:
    """A unit's own target for the indicator (replacing the common one for that unit)."""
    check_member_in_year(indicator, unit)
    check_target(indicator.kind, target)
    own = IndicatorTarget.objects.filter(indicator=indicator, unit=unit).first()
    if own is not None and own.target == target:
        return own
    if indicator.reports.exists():
        _require_reason(reason)
    own = own or IndicatorTarget(indicator=indicator, unit=unit)
    own.target = target
    save_audited(own, by=by, reason=reason.strip())
    return own


@transaction.atomic
def indicator_target_remove(*, target: IndicatorTarget, by: Any, reason: str = "") -> None:
    """The unit goes back to the indicator's common target."""
    if target.indicator.reports.exists():
        _require_reason(reason)
    delete_audited(target, by=by, reason=reason.strip())


@transaction.atomic
def indicators_copy_from_year(
    *, cluster: Cluster, from_year: int, to_year: int, by: Any
) -> list[Indicator]:
    """Copy last year's indicators (with the own targets of units still members) into a new year.

    Codes already present in `to_year` are left alone, so copying twice adds nothing."""
    source = list(
        Indicator.objects.filter(cluster=cluster, year=from_year).prefetch_related("targets__unit")
    )
    if not source:
        raise DomainError(
            _("%(cluster)s has no indicators in %(year)s to copy.")
            % {"cluster": cluster, "year": from_year},
            code="nothing_to_copy",
        )
    taken = set(
        Indicator.objects.filter(cluster=cluster, year=to_year).values_list("code", flat=True)
    )
    reason = _("Copied from %(year)s") % {"year": from_year}
    members = set(units_of_year(cluster=cluster, year=to_year).values_list("pk", flat=True))
    created = []
    for old in source:
        if old.code in taken:
            continue
        fields = {name: getattr(old, name) for name in EDITABLE_FIELDS}
        new = indicator_create(cluster=cluster, year=to_year, by=by, **fields)
        for own in old.targets.all():
            if own.unit_id in members:
                copy = IndicatorTarget(indicator=new, unit=own.unit, target=own.target)
                save_audited(copy, by=by, reason=reason)
        created.append(new)
    return created
