"""The progress of a cluster's year as an Excel workbook, holding what the page shows the viewer:
a summary (units × indicators: current result and attainment), the figures of every period, and
a sheet saying what the file counts.

Figures are numbers with a number format (per cent with two decimals, so 61.67 % is stored as
0.6167), never text; text that a spreadsheet would run as a formula is neutralised.
"""

import io
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from thidua.campaigns.selectors.dashboard import (
    Aggregate,
    AggregatePoint,
    Cell,
    ClusterProgress,
    Point,
    aggregate_method_label,
    heat_class,
)
from thidua.core.spreadsheets import header_row, safe_cell_value

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PERCENT = "0.00%"
COUNT = "#,##0"
NUMBER = "#,##0.00"
DATE = "DD/MM/YYYY"  # Vietnamese offices read day/month/year
# The heat-map colours of progress.css, so the summary reads like the page.
FILLS = {
    f"heat-{band}": PatternFill("solid", fgColor=colour)
    for band, colour in enumerate(("F8D7DA", "FBE3D0", "FFF3CD", "E8F1D6", "CFE8D5", "A3D9B1"))
}


def progress_workbook(progress: ClusterProgress) -> bytes:
    book = Workbook()
    _summary(book.active, progress)
    _series(book.create_sheet(), progress)
    _about(book.create_sheet(), progress)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ---- sheets ------------------------------------------------------------------------------------
def _summary(sheet: Worksheet, progress: ClusterProgress) -> None:
    sheet.title = _("Summary by unit")[:31]
    headers = [_("Unit")]
    for indicator in progress.indicators:
        headers += [
            _("%(indicator)s: result") % {"indicator": indicator.name},
            _("%(indicator)s: attainment of the target") % {"indicator": indicator.name},
        ]
    _header(sheet, headers)
    for unit, cells in progress.rows:
        _put_row(sheet, [unit.name, *_summary_pairs(cells)])
    if progress.aggregates:
        _put_row(sheet, [_("Whole cluster"), *_summary_pairs(progress.aggregates)])
    sheet.freeze_panes = "B2"
    _widths(sheet, [48] + [18] * (len(headers) - 1))


def _summary_pairs(items: tuple[Cell, ...] | tuple[Aggregate, ...]) -> list[Any]:
    """The current result of each cell, then its attainment coloured by its heat band."""
    pairs: list[Any] = []
    for item in items:
        point = item.current
        kind = _kind_of(item)
        result = _figure(kind, point.result if point else None)
        share = _share(point.attainment if point else None)
        pairs += [result, (*share, heat_class(point))]
    return pairs


def _series(sheet: Worksheet, progress: ClusterProgress) -> None:
    sheet.title = _("Figures by period")[:31]
    _header(
        sheet,
        [
            _("Unit"), _("Indicator"), _("Reporting period"), _("Period ends on"), _("Numerator"),
            _("Denominator"), _("Result"), _("Target"), _("Attainment of the target"),
            _("Status"), _("Late"),
        ],
    )  # fmt: skip
    for unit, cells in progress.rows:
        for cell in cells:
            for point in cell.series:
                if point.period.starts_on <= progress.as_of:
                    _put_row(sheet, [unit.name, *_series_figures(cell.indicator, point)])
    for aggregate in progress.aggregates:
        for point in aggregate.series:
            if point.period.starts_on <= progress.as_of:
                _put_row(sheet, [_("Whole cluster"), *_aggregate_figures(aggregate, point)])
    sheet.freeze_panes = "A2"
    _widths(sheet, [48, 48, 18, 14, 14, 14, 14, 14, 14, 22, 10])


def _series_figures(indicator: Any, point: Point) -> list[Any]:
    status = point.status_label or _("Not reported")
    return [
        indicator.name,
        point.period.label,
        (point.period.ends_on, DATE),
        (point.numerator, COUNT),
        (point.denominator, COUNT),
        _figure(indicator.kind, point.result),
        _figure(indicator.kind, point.target),
        _share(point.attainment),
        status,
        _("Yes") if point.is_late else "",
    ]


def _aggregate_figures(aggregate: Aggregate, point: AggregatePoint) -> list[Any]:
    kind = _kind_of(aggregate)
    reported = _("%(reported)s of %(expected)s units reported") % {
        "reported": point.units_reported,
        "expected": point.units_expected,
    }
    return [
        aggregate.indicator.name,
        point.period.label,
        (point.period.ends_on, DATE),
        (point.numerator, COUNT),
        (point.denominator, COUNT),
        _figure(kind, point.result),
        _figure(kind, point.target),
        _share(point.attainment),
        reported,
        "",
    ]


def _about(sheet: Worksheet, progress: ClusterProgress) -> None:
    sheet.title = _("About this file")[:31]
    _header(sheet, [_("Item"), _("Details")])
    rows: list[list[Any]] = [
        [_("Cluster"), progress.cluster.name],
        [_("Year"), progress.year],
        [_("Figures as of"), (progress.as_of, DATE)],
        [_("Reports counted"), ", ".join(progress.status_labels)],
    ]
    rows += [
        [
            _("Whole cluster: %(indicator)s") % {"indicator": a.indicator.name},
            aggregate_method_label(a.method),
        ]
        for a in progress.aggregates
    ]
    for row in rows:
        _put_row(sheet, row)
    sheet.freeze_panes = "A2"
    _widths(sheet, [48, 70])


# ---- cells -------------------------------------------------------------------------------------
def _kind_of(item: Cell | Aggregate) -> str:
    """The kind whose format the figure takes: a cluster aggregate other than a sum is a share."""
    if isinstance(item, Aggregate) and item.method != "sum":
        return "percentage"
    return item.indicator.kind


def _figure(kind: str, value: Decimal | None) -> Any:
    """A result or a target in the indicator's terms: per cent, count, number or yes/no."""
    if value is None:
        return None
    if kind in ("ratio", "percentage"):
        return _share(value)
    if kind == "yes_no":
        return _("Yes") if value else _("No")
    return (value, COUNT if kind == "count" else NUMBER)


def _share(percent: Decimal | None) -> tuple[Decimal | None, str]:
    """A figure in per cent (61.67) as the fraction Excel formats as a percentage (0.6167)."""
    return (None if percent is None else percent / 100, PERCENT)


def _header(sheet: Worksheet, titles: list[str]) -> None:
    header_row(sheet, [str(title) for title in titles])


def _put_row(sheet: Worksheet, items: list[Any]) -> None:
    """Append a row; an item is a value or (value, number format[, heat class])."""
    row = sheet.max_row + 1
    for column, item in enumerate(items, start=1):
        value, number_format, heat = _unpack(item)
        cell = sheet.cell(row=row, column=column)
        safe = safe_cell_value(value, sheet=sheet)
        cell.value = value
        if safe is not value:  # formula-like text: kept as text, so no spreadsheet runs it
            cell.data_type, cell.quotePrefix = "s", True
        if number_format and value is not None:
            cell.number_format = number_format
        if heat in FILLS:
            cell.fill = FILLS[heat]


def _unpack(item: Any) -> tuple[Any, str | None, str | None]:
    if not isinstance(item, tuple):
        return item, None, None
    value, number_format, *heat = item
    return value, number_format, heat[0] if heat else None


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
