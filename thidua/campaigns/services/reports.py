"""Writes to indicator reports: record figures (page, feed or upload), submit, accept, return.

Every change is saved through the audit trail and bumps `revision`; a page that saves with an
older revision is refused with what changed meanwhile (optimistic locking), so no update is lost.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

from thidua.campaigns.figures import KEYS_BY_FREQUENCY, period_bounds
from thidua.campaigns.models import Indicator, IndicatorReport, ReportEvent, ReportingPeriod
from thidua.core.audit import actor, save_audited
from thidua.core.errors import DomainError
from thidua.org.models import Cluster, ClusterMembership, Unit

S = IndicatorReport.Status
Source = IndicatorReport.Source
FIGURE_FIELDS = ("numerator", "denominator", "value")
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED},
    S.SUBMITTED: {S.ACCEPTED, S.RETURNED},
    S.RETURNED: {S.SUBMITTED},
    S.ACCEPTED: {S.RETURNED},
}
EDITABLE_ON_PAGE = {S.DRAFT, S.RETURNED}


class ReportConflict(DomainError):
    """Someone else saved the report since the page was opened."""


# ---- periods ------------------------------------------------------------------------------------
@transaction.atomic
def periods_ensure(
    *, cluster: Cluster, year: int, by: Any, due_days: int = 10
) -> list[ReportingPeriod]:
    """The cluster's reporting periods of the year, created with a due date `due_days` after each
    period ends when missing (the cluster's own rule, set in its policy; 10 days by default)."""
    periods = []
    for key in ReportingPeriod.Key.values:
        starts, ends = period_bounds(year, key)
        period = ReportingPeriod.objects.filter(cluster=cluster, year=year, key=key).first()
        if period is None:
            period = ReportingPeriod(
                cluster=cluster, year=year, key=key, starts_on=starts, ends_on=ends,
                due_on=ends + dt.timedelta(days=due_days),
            )  # fmt: skip
            save_audited(period, by=by)
        periods.append(period)
    return periods


@transaction.atomic
def period_set_due(*, period: ReportingPeriod, due_on: dt.date, by: Any) -> ReportingPeriod:
    if period.is_closed:
        raise DomainError(_("This period is closed."), code="period_closed")
    if due_on < period.ends_on:
        raise DomainError(
            _("Reports cannot be due before the period ends."), field="due_on", code="due"
        )
    period.due_on = due_on
    save_audited(period, by=by)
    return period


@transaction.atomic
def period_close(*, period: ReportingPeriod, by: Any, reason: str = "") -> ReportingPeriod:
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if period.is_closed:
        # Closing again would overwrite who closed it and when.
        raise DomainError(_("This period is already closed."), code="period_closed")
    period.closed_at = timezone.now()
    period.closed_by = actor(by)
    save_audited(period, by=by, reason=reason, clean=False)
    return period


# ---- checks ------------------------------------------------------------------------------------
def check_period_open(period: ReportingPeriod, *, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    if period.is_closed:
        raise DomainError(
            _("%(period)s is closed: reports for it can no longer be changed.")
            % {"period": period.label},
            field="period",
            code="period_closed",
        )
    if today < period.starts_on:
        raise DomainError(
            _("%(period)s has not begun yet.") % {"period": period.label},
            field="period",
            code="period_not_begun",
        )


def check_reporting_unit(*, indicator: Indicator, unit: Unit, period: ReportingPeriod) -> None:
    if period.cluster_id != indicator.cluster_id or period.year != indicator.year:
        raise DomainError(
            _("This period does not belong to the indicator's cluster and year."), code="period"
        )
    if period.key not in KEYS_BY_FREQUENCY[indicator.frequency]:
        raise DomainError(
            _("%(indicator)s is reported %(frequency)s, not for %(period)s.")
            % {
                "indicator": indicator.name,
                "frequency": indicator.get_frequency_display().lower(),
                "period": period.label,
            },
            field="period",
            code="period_frequency",
        )
    check_member_in_year(indicator, unit)


def check_member_in_year(indicator: Indicator, unit: Unit) -> None:
    """The unit belonged to the indicator's cluster at some time in the indicator's year."""
    start, end = period_bounds(indicator.year, "Y")
    member = ClusterMembership.objects.filter(
        Q(left_on__isnull=True) | Q(left_on__gte=start),
        cluster_id=indicator.cluster_id,
        unit=unit,
        joined_on__lte=end,
    )
    if not member.exists():
        raise DomainError(
            _("%(unit)s is not a member of %(cluster)s in %(year)s.")
            % {"unit": unit, "cluster": indicator.cluster, "year": indicator.year},
            field="unit",
            code="not_member",
        )


def check_figures(indicator: Indicator, figures: dict[str, Decimal | None]) -> None:
    """The figures the indicator's kind needs, within their bounds; one clear message each."""
    K = Indicator.Kind
    if indicator.kind == K.RATIO:
        _check_ratio(indicator, figures.get("numerator"), figures.get("denominator"))
        return
    value = figures.get("value")
    if value is None:
        _fail(_("Enter the value."), "value")
    if indicator.kind == K.COUNT and (value < 0 or value != value.to_integral_value()):
        _fail(_("A count is a whole number, zero or more."), "value")
    if indicator.kind == K.PERCENTAGE and not Decimal(0) <= value <= Decimal(100):
        _fail(_("A percentage lies between 0 and 100."), "value")
    if indicator.kind == K.YES_NO and value not in (Decimal(0), Decimal(1)):
        _fail(_("Answer yes or no."), "value")


def _check_ratio(indicator: Indicator, numerator: Decimal | None, denominator: Decimal | None):
    if numerator is None or denominator is None:
        _fail(_("Enter both counts: %(n)s and %(d)s.") % _labels(indicator), "numerator")
    for name, number in (("numerator", numerator), ("denominator", denominator)):
        if number < 0:
            _fail(_("A count cannot be negative."), name)
        if number != number.to_integral_value():
            _fail(_("A count is a whole number."), name)
    if numerator > denominator:
        message = _("%(n)s (%(num)s) cannot be more than %(d)s (%(den)s).")
        figures = {"num": _plain(numerator), "den": _plain(denominator)}
        _fail(capfirst(message % {**_labels(indicator), **figures}), "numerator")


def _fail(message: str, field: str) -> NoReturn:
    raise DomainError(message, field=field, code="figures")


def _plain(number: Decimal) -> str:
    integral = number == number.to_integral_value()
    return number_format(int(number) if integral else number, force_grouping=True)


def _labels(indicator: Indicator) -> dict[str, str]:
    return {
        "n": indicator.numerator_label or _("the numerator"),
        "d": indicator.denominator_label or _("the denominator"),
    }


def _normalised(indicator: Indicator, figures: dict[str, Any]) -> dict[str, Decimal | None]:
    """Only the fields the kind uses; the others are cleared so no stale figure lingers."""
    used = ("numerator", "denominator") if indicator.kind == Indicator.Kind.RATIO else ("value",)
    out: dict[str, Decimal | None] = {}
    for name in FIGURE_FIELDS:
        raw = figures.get(name) if name in used else None
        out[name] = None if raw is None or raw == "" else _decimal(raw, name)
    return out


def _decimal(raw: Any, field: str) -> Decimal:
    # Feeds send text: "abc", "NaN" or "Infinity" must be refused, not crash or slip through.
    try:
        number = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        _fail(_("Enter a number."), field)
    if not number.is_finite():
        _fail(_("Enter a number."), field)
    return number


def _shown(name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if name in FIGURE_FIELDS:
        return _plain(Decimal(value))
    if name == "status":
        return str(S(value).label)
    return Truncator(str(value)).chars(80)


def _describe_changes(report: IndicatorReport, since_revision: int) -> str:
    """Who saved the report since `since_revision` and what they changed (old → new), so the
    second editor can compare with what they typed."""
    newer = report.history.filter(revision__gt=since_revision).select_related("history_user")
    who = ", ".join(
        sorted(
            {
                (h.history_user.get_full_name() or h.history_user.get_username())
                if h.history_user
                else str(_("an automatic feed"))
                for h in newer
            }
        )
    )
    seen = report.history.filter(revision=since_revision).order_by("-history_date").first()
    changes = []
    for name in (*FIGURE_FIELDS, "note", "status"):
        old = getattr(seen, name) if seen is not None else None
        new = getattr(report, name)
        if seen is None and new in (None, ""):
            continue
        if old != new:
            label = IndicatorReport._meta.get_field(name).verbose_name
            changes.append(f"{label}: {_shown(name, old)} → {_shown(name, new)}")
    return _(
        "%(who)s saved this report while you were editing it. What changed: %(changes)s. "
        "What you typed is still in the form: check it and save again."
    ) % {"who": who or _("someone"), "changes": "; ".join(changes) or "—"}


# ---- writes ------------------------------------------------------------------------------------
@transaction.atomic
def report_record(
    *,
    indicator: Indicator,
    unit: Unit,
    period: ReportingPeriod,
    figures: dict[str, Any],
    by: Any,
    note: str | None = None,
    source: str = Source.FORM,
    expected_revision: int | None = None,
    today: dt.date | None = None,
    reason: str = "",
) -> tuple[IndicatorReport, bool]:
    """Create or replace the figures of (unit, indicator, period); returns (report, changed).

    Sending the same figures again changes nothing (feeds are idempotent, even once the period is
    closed). A page must name the revision it edited. A feed or upload may replace figures already
    submitted or accepted: the report then goes back to the cluster leader for review, with an
    event saying why. `reason` (e.g. which feed sent it) is kept in the audit trail."""
    check_reporting_unit(indicator=indicator, unit=unit, period=period)
    values = _normalised(indicator, figures)
    check_figures(indicator, values)
    report = (
        IndicatorReport.objects.select_for_update()
        .filter(indicator=indicator, unit=unit, period=period)
        .first()
    )
    audit_reason = ": ".join(part for part in (_source_reason(source), reason.strip()) if part)
    if report is None:
        check_period_open(period, today=today)
        report = IndicatorReport(indicator=indicator, unit=unit, period=period, source=source)
        for name, number in values.items():
            setattr(report, name, number)
        report.note = note or ""
        report.full_clean(validate_unique=False, validate_constraints=False)
        try:
            with transaction.atomic():  # a savepoint: a concurrent first report may win the race
                save_audited(report, by=by, reason=audit_reason, clean=False)
            return report, True
        except IntegrityError:
            report = IndicatorReport.objects.select_for_update().get(
                indicator=indicator, unit=unit, period=period
            )
    if expected_revision is not None and expected_revision != report.revision:
        raise ReportConflict(_describe_changes(report, expected_revision), code="conflict")
    changed = any(getattr(report, name) != number for name, number in values.items())
    changed = changed or (note is not None and note != report.note)
    if not changed:
        return report, False
    check_period_open(period, today=today)
    _replace_figures(report, values, note=note, source=source, by=by, reason=audit_reason)
    return report, True


def _replace_figures(
    report: IndicatorReport, values: dict[str, Decimal | None], *, note: str | None,
    source: str, by: Any, reason: str,
) -> None:  # fmt: skip
    automatic = source != Source.FORM
    if not automatic and report.status not in EDITABLE_ON_PAGE:
        raise DomainError(
            _("A report that is %(status)s cannot be changed; ask the cluster leader to return it.")
            % {"status": report.get_status_display().lower()},
            code="locked",
        )
    for name, number in values.items():
        setattr(report, name, number)
    if note is not None:
        report.note = note
    report.source = source
    report.revision += 1
    before = report.status
    if automatic and before == S.ACCEPTED:
        report.status = S.SUBMITTED
    save_audited(report, by=by, reason=reason)
    if report.status != before:
        _event(report, before, by, _("Figures replaced by %(source)s after acceptance.")
               % {"source": Source(source).label.lower()})  # fmt: skip


def _source_reason(source: str) -> str:
    return "" if source == Source.FORM else str(Source(source).label)


def _event(report: IndicatorReport, before: str, by: Any, reason: str = "") -> None:
    ReportEvent.objects.create(
        report=report, from_status=before, to_status=report.status, reason=reason,
        by=actor(by),
    )  # fmt: skip


@transaction.atomic
def report_transition(
    *,
    report: IndicatorReport,
    to: str,
    by: Any,
    reason: str = "",
    expected_revision: int | None = None,
    now: dt.datetime | None = None,
) -> IndicatorReport:
    """The one guarded way a report's status moves: submit, accept, return (with a reason)."""
    report = IndicatorReport.objects.select_for_update().select_related("period").get(pk=report.pk)
    if expected_revision is not None and expected_revision != report.revision:
        raise ReportConflict(_describe_changes(report, expected_revision), code="conflict")
    before = report.status
    if to not in TRANSITIONS[before]:
        raise DomainError(
            _("A report that is %(current)s cannot become %(to)s.")
            % {"current": S(before).label.lower(), "to": S(to).label.lower()},
            code="transition",
        )
    now = now or timezone.now()
    if to == S.SUBMITTED:
        check_period_open(report.period, today=timezone.localdate(now))
        check_figures(report.indicator, {n: getattr(report, n) for n in FIGURE_FIELDS})
        report.submitted_at = now
        if report.first_submitted_at is None:
            report.first_submitted_at = now
            report.is_late = timezone.localdate(now) > report.period.due_on
    elif to == S.RETURNED:
        if not reason.strip():
            raise DomainError(_("Say why the report is returned."), field="reason", code="reason")
        report.return_reason = reason.strip()
    if to in (S.ACCEPTED, S.RETURNED):
        report.reviewed_at = now
        report.reviewed_by = actor(by)
    report.status = to
    report.revision += 1
    save_audited(report, by=by, reason=reason, clean=False)
    _event(report, before, by, reason)
    return report
