"""One unit's indicator figures for one reporting period, matched by indicator code.

Written through `campaigns.services.reports.report_record`, the function the report page saves
with, and held to the page's rules: the figures the indicator's kind needs, an open period, and
only reports the unit may still edit (drafts and returned reports).
"""

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.campaigns.figures import KEYS_BY_FREQUENCY
from thidua.campaigns.models import Indicator, IndicatorReport, ReportingPeriod
from thidua.campaigns.selectors.indicators import units_of_year
from thidua.campaigns.services import reports as report_services
from thidua.core.errors import DomainError
from thidua.documents.exchange.datasets import (
    CHOICE,
    DECIMAL,
    Column,
    Dataset,
    Key,
    Scope,
    ServerRow,
    Write,
    canonical,
    register,
)
from thidua.documents.exchange.merge import RowMerge
from thidua.org.access import unit_for

PERM = "campaigns.report_for_unit"
FIGURES = ("numerator", "denominator", "value")


class IndicatorValuesDataset(Dataset):
    name = "indicator_values"
    label = gettext_lazy("Indicator values")
    help_text = gettext_lazy(
        "The unit's figures for each indicator of one reporting period. Only drafts and "
        "reports returned for correction can be changed."
    )
    columns = (
        Column("indicator", gettext_lazy("Indicator code"), CHOICE, required=True, in_key=True,
               width=18),
        Column("name", gettext_lazy("Indicator name (read only)"), read_only=True, width=50),
        Column("fill_in", gettext_lazy("Fill in (read only)"), read_only=True, width=24),
        Column("numerator", gettext_lazy("Numerator"), DECIMAL, width=14),
        Column("denominator", gettext_lazy("Denominator"), DECIMAL, width=14),
        Column("value", gettext_lazy("Value"), DECIMAL, width=14),
        Column("note", gettext_lazy("Note"), width=40, max_length=2000, multiline=True),
        Column("status", gettext_lazy("Status (read only)"), read_only=True, width=20),
    )  # fmt: skip

    def scope_for(self, user: Any, *, unit_id: Any, period_id: Any = None) -> Scope:
        unit = unit_for(user, unit_id, perm=PERM)
        try:
            period = ReportingPeriod.objects.select_related("cluster").get(pk=period_id)
        except (ReportingPeriod.DoesNotExist, ValueError, TypeError):
            raise Http404 from None
        if not units_of_year(cluster=period.cluster, year=period.year).filter(pk=unit.pk).exists():
            raise Http404
        return Scope(unit=unit, period=period)

    def may_use(self, user: Any, scope: Scope) -> bool:
        return user is not None and user.has_perm(PERM, scope.unit)

    def describe(self, scope: Scope) -> str:
        return _("%(unit)s, %(cluster)s, %(period)s") % {
            "unit": scope.unit.name,
            "cluster": scope.period.cluster.name,
            "period": scope.period.label,
        }

    def missing_key_message(self) -> str:
        return _("Fill in the indicator code: it is how a row is matched with an indicator.")

    def result_url(self, scope: Scope) -> str:
        return reverse("campaigns:report_board", args=[scope.period.cluster_id, scope.period.year])

    # ---- reading ---------------------------------------------------------------------------

    def _indicators(self, scope: Scope) -> list[Indicator]:
        period = scope.period
        indicators = Indicator.objects.filter(cluster=period.cluster_id, year=period.year)
        return [
            indicator
            for indicator in indicators.order_by("order", "name", "pk")
            if period.key in KEYS_BY_FREQUENCY[indicator.frequency]
        ]

    def choices(self, scope: Scope) -> dict[str, list[tuple[str, str]]]:
        return {"indicator": [(i.code, i.name) for i in self._indicators(scope)]}

    def server_rows(self, scope: Scope) -> Iterator[ServerRow]:
        indicators = self._indicators(scope)
        reports = {
            report.indicator_id: report
            for report in IndicatorReport.objects.filter(
                unit=scope.unit, period=scope.period, indicator__in=indicators
            )
        }
        for indicator in indicators:
            report = reports.get(indicator.pk)
            raw = {
                "indicator": indicator.code,
                "name": indicator.name,
                "fill_in": _fill_in(indicator),
                "note": report.note if report else None,
                "status": report.get_status_display() if report else _("Not reported yet"),
                **{name: getattr(report, name) if report else None for name in FIGURES},
            }
            yield ServerRow(
                key=(indicator.code.upper(),),
                ref=indicator.pk,
                values={c.key: canonical(c, raw[c.key]) for c in self.columns},
                label=indicator.name,
                extra={
                    "kind": indicator.kind,
                    "status": report.status if report else None,
                    "revision": report.revision if report else None,
                },
            )

    def check(
        self,
        rows: list[RowMerge],
        server: dict[Key, ServerRow],
        scope: Scope,
        accepted: set[str] | None = None,
    ) -> None:
        """The report page's rules, for the rows that would change a report."""
        indicators = {i.pk: i for i in self._indicators(scope)}
        for row in rows:
            values = row.writes(accepted)
            current = server.get(row.key)
            if not values or current is None:
                continue
            self._check_row(row, current, values, indicators[current.ref], scope)

    def _check_row(
        self,
        row: RowMerge,
        current: ServerRow,
        values: dict[str, Any],
        indicator: Indicator,
        scope: Scope,
    ) -> None:
        status = current.extra["status"]
        if status is not None and status not in report_services.EDITABLE_ON_PAGE:
            message = _(
                "This report was already %(status)s and cannot be changed here; ask the "
                "cluster leader to return it."
            )
            row.fail(None, message % {"status": IndicatorReport.Status(status).label.lower()})
            return
        try:
            report_services.check_period_open(scope.period)
        except DomainError as exc:
            row.fail(None, " ".join(exc.messages))
            return
        figures = _final_figures(current.values, values)
        unused = (
            ("value",) if indicator.kind == Indicator.Kind.RATIO else ("numerator", "denominator")
        )
        for name in unused:
            if values.get(name) is not None:
                row.fail(name, _("This indicator does not use this cell; leave it empty."))
        try:
            report_services.check_figures(indicator, figures)
        except DomainError as exc:
            column = exc.field if exc.field in FIGURES else None
            row.fail(column, " ".join(exc.messages))

    # ---- writing ---------------------------------------------------------------------------

    def apply(
        self, writes: list[Write], *, scope: Scope, by: Any, progress: Callable[[int], None]
    ) -> None:
        indicators = {i.pk: i for i in self._indicators(scope)}
        for done, write in enumerate(writes, start=1):
            note = (write.values["note"] or "") if "note" in write.values else None
            try:
                report_services.report_record(
                    indicator=indicators[write.ref], unit=scope.unit, period=scope.period,
                    figures=_final_figures(write.current, write.values),
                    note=note,
                    by=by, source=IndicatorReport.Source.UPLOAD,
                    expected_revision=write.extra["revision"],
                    reason=_("imported from an offline workbook"),
                )  # fmt: skip
            except DomainError as exc:
                message = _("Row %(row)s was refused: %(reason)s")
                raise DomainError(
                    message % {"row": write.line, "reason": " ".join(exc.messages)}
                ) from exc
            progress(done)


def _fill_in(indicator: Indicator) -> str:
    if indicator.kind == Indicator.Kind.RATIO:
        return _("Numerator and denominator")
    return _("Value")


def _final_figures(current: dict[str, Any], values: dict[str, Any]) -> dict[str, Decimal | None]:
    """The report's figures once the file's changes are applied to the server's."""
    merged = {name: values.get(name, current.get(name)) for name in FIGURES}
    return {name: Decimal(text) if text is not None else None for name, text in merged.items()}


register(IndicatorValuesDataset())
