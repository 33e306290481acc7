"""The cluster's annual summary report (báo cáo tổng kết, the "báo cáo đề dẫn" of the year-end
meeting), made from one reporting period of the cluster's year — the whole-year period "Y" for
the year-end report, an earlier one for a mid-year review (law.md §c.2 steps 2–3).

I. the cluster: members, leader and deputy, the year's movements; II. each member's figures as
the seed reports them ("1.054/1.709 = 61,67 %") from its accepted reports, and the ranking once
published; III. the awards the members received for the year; IV. next year's plan and remarks,
typed before printing. Issued by the cluster's leader unit of that year.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from django import forms
from django.db.models import Count, Q
from django.utils import numberformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.models import AwardRecord
from thidua.campaigns.figures import Figures, meets_target, rounded
from thidua.campaigns.models import Indicator, IndicatorReport, Movement, ReportingPeriod
from thidua.campaigns.selectors.indicators import indicators_of_year, units_of_year
from thidua.campaigns.selectors.reports import target_for
from thidua.documents import docx_builder as b
from thidua.documents.layout import letterhead
from thidua.documents.paper import Column, Paper, Signer, Table
from thidua.documents.papers.statistics import add_table_loop
from thidua.documents.registry import PaperDefinition, register
from thidua.org.models import ClusterLeadership, Unit
from thidua.scoring.models import Ranking

KIND = "annual_summary"
K = Indicator.Kind
TEXT_LIMIT = 10_000


# ---- numbers as a Vietnamese paper writes them, whatever the reader's language -----------------
def vi_number(value: Decimal | Fraction | int | None, places: int | None = None) -> str:
    """4.290; 61,67; 93,5 — "." groups thousands, "," marks decimals (the paper is Vietnamese)."""
    if value is None:
        return ""
    if isinstance(value, Fraction):
        value = rounded(value, 2 if places is None else places)
    value = Decimal(value)
    if places is None:
        value = value.quantize(1) if value == value.to_integral_value() else value.normalize()
    return numberformat.format(
        value, ",", decimal_pos=places, grouping=3, thousand_sep=".", force_grouping=True
    )


def vi_percent(value: Fraction | Decimal | None) -> str:
    """61,67 % — rounded once, half up, to two places."""
    return "" if value is None else f"{vi_number(rounded(Fraction(value)), 2)} %"


def result_text(indicator: Indicator, value: Decimal | None) -> str:
    """A value or a target in the indicator's terms: 61,67 %, 1.739 văn bản, Yes."""
    if value is None:
        return ""
    if indicator.kind == K.YES_NO:
        return _("Yes") if value == 1 else _("No")
    if indicator.kind in (K.RATIO, K.PERCENTAGE):
        return vi_percent(value)
    unit = f" {indicator.unit_of_measure}" if indicator.unit_of_measure else ""
    return f"{vi_number(value)}{unit}"


def target_words(indicator: Indicator, target: Decimal | None) -> str:
    """ "at least 60 %", "at most 2 vụ" (the same words as the pledge pages)."""
    if target is None:
        return ""
    shown = result_text(indicator, target)
    if indicator.kind == K.YES_NO:
        return shown
    if indicator.direction == Indicator.Direction.AT_MOST:
        return _("at most %(target)s") % {"target": shown}
    return _("at least %(target)s") % {"target": shown}


# ---- options ------------------------------------------------------------------------------------
class SummaryForm(forms.Form):
    next_year_plan = forms.CharField(
        label=gettext_lazy("Next year's plan"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8, "class": "form-control form-control-lg"}),
        help_text=gettext_lazy("Part IV of the report. One paragraph per line."),
    )
    remarks = forms.CharField(
        label=gettext_lazy("Remarks"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control form-control-lg"}),
        help_text=gettext_lazy("Printed at the end of the report; may be left empty."),
    )


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# ---- part I: the cluster ------------------------------------------------------------------------
def leaders_of(cluster: Any, year: int) -> dict[str, Unit]:
    seats = ClusterLeadership.objects.filter(cluster=cluster, year=year).select_related("unit")
    return {seat.role: seat.unit for seat in seats}


def member_lines(members: list[Unit], leaders: dict[str, Unit]) -> list[dict[str, str]]:
    roles = {unit.pk: str(ClusterLeadership.Role(role).label) for role, unit in leaders.items()}
    return [
        {
            "number": str(n),
            "name": unit.name,
            "role": f" ({roles[unit.pk]})" if unit.pk in roles else "",
        }
        for n, unit in enumerate(members, start=1)
    ]


def _ancestor_paths(paths: list[str]) -> set[str]:
    out: set[str] = set()
    for path in paths:
        parts = [part for part in path.strip("/").split("/") if part]
        out.update("/" + "/".join(parts[: n + 1]) + "/" for n in range(len(parts)))
    return out


def movements_of(cluster: Any, year: int, members: list[Unit]) -> list[str]:
    """Launched movements of the year reaching the cluster: chosen for it, launched for the whole
    sector above its organiser or a member, or for a member itself."""
    paths = [cluster.organiser.path, *(unit.path for unit in members)]
    reach = Movement.Reach
    movements = (
        Movement.objects.filter(
            Q(reach=reach.CLUSTERS, clusters=cluster)
            | Q(reach=reach.SECTOR, authority__path__in=_ancestor_paths(paths))
            | Q(reach=reach.UNITS, units__in=members),
            starts_on__year__lte=year,
            ends_on__year__gte=year,
        )
        .exclude(status=Movement.Status.DRAFT)
        .distinct()
        .order_by("starts_on", "title")
    )
    return [movement.title for movement in movements]


# ---- part II: each member's figures -------------------------------------------------------------
def latest_accepted(period: ReportingPeriod, units: list[Unit]) -> dict[tuple[int, int], Any]:
    """(indicator id, unit id) → the latest accepted report up to the end of `period`: figures are
    year-to-date, so the latest one is the unit's result (campaigns/models/indicators.py)."""
    reports = IndicatorReport.objects.filter(
        period__cluster_id=period.cluster_id,
        period__year=period.year,
        period__ends_on__lte=period.ends_on,
        unit__in=units,
        status=IndicatorReport.Status.ACCEPTED,
    ).order_by("period__ends_on", "-period__starts_on", "pk")
    return {(report.indicator_id, report.unit_id): report for report in reports}


def figures_row(indicator: Indicator, unit: Unit, report: Any) -> dict[str, str]:
    target = target_for(indicator, unit)
    row = {"indicator": indicator.name, "target": target_words(indicator, target)}
    if report is None:
        return row | {"figures": _("Not reported"), "result": "", "met": ""}
    figures = Figures(indicator.kind, report.numerator, report.denominator, report.value)
    if indicator.kind == K.RATIO:
        shown = f"{vi_number(report.numerator)}/{vi_number(report.denominator)}"
        result = vi_percent(figures.result)
    else:
        shown, result = result_text(indicator, report.value), ""
    met = meets_target(figures.result, target, indicator.direction)
    met_words = "" if met is None else (_("Yes") if met else _("No"))
    return row | {"figures": shown, "result": result, "met": met_words}


def figures_columns() -> list[Column]:
    return [
        Column("indicator", _("Indicator")),
        Column("figures", _("Figures"), width_mm=32, align="right"),
        Column("result", _("Ratio"), width_mm=24, align="right"),
        Column("target", _("Target"), width_mm=32),
        Column("met", _("Met"), width_mm=16, align="center"),
    ]


def unit_tables(period: ReportingPeriod, members: list[Unit]) -> dict[str, Table]:
    indicators = list(indicators_of_year(cluster=period.cluster, year=period.year))
    reports = latest_accepted(period, members)
    return {
        f"unit_{n}": Table(
            figures_columns(),
            [figures_row(i, unit, reports.get((i.pk, unit.pk))) for i in indicators],
            title=f"{n}. {unit.name}",
        )
        for n, unit in enumerate(members, start=1)
    }


def ranking_table(cluster: Any, year: int) -> Table | None:
    """The year's published ranking (the latest published round), if any."""
    ranking = (
        Ranking.objects.filter(
            table__cluster=cluster, table__year=year, status=Ranking.Status.PUBLISHED
        )
        .order_by("-round")
        .first()
    )
    if ranking is None:
        return None
    rows = ranking.rows.select_related("unit").order_by("rank", "unit__name")
    return Table(
        [
            Column("rank", _("Rank"), width_mm=18, align="center"),
            Column("unit", _("Unit")),
            Column("final", _("Final score"), width_mm=30, align="right"),
        ],
        [
            {"rank": str(r.rank), "unit": r.unit.name, "final": vi_number(r.final_score)}
            for r in rows
        ],
        title=_("Ranking of the year"),
    )


# ---- part III: awards received ------------------------------------------------------------------
def awards_table(year: int, members: list[Unit]) -> Table:
    """Per member and award: how many went to the member and its sub-units (collectives) and to
    their staff (individuals). Counts, not names: the paper goes to every member."""
    rows = []
    for unit in members:
        counted = (
            AwardRecord.objects.filter(
                Q(unit__path__startswith=unit.path) | Q(person__unit__path__startswith=unit.path),
                year=year,
                revoked=False,
            )
            .values("award__name", "award__sort_order", "award__code")
            .annotate(
                collectives=Count("pk", filter=Q(unit__isnull=False)),
                individuals=Count("pk", filter=Q(person__isnull=False)),
            )
            .order_by("award__sort_order", "award__code")
        )
        rows += [
            {
                "unit": unit.name,
                "award": row["award__name"],
                "collectives": row["collectives"],
                "individuals": row["individuals"],
            }
            for row in counted
        ]
    columns = [
        Column("unit", _("Unit")),
        Column("award", _("Award")),
        Column("collectives", _("Collectives"), width_mm=26, align="right", number_format="0"),
        Column("individuals", _("Individuals"), width_mm=26, align="right", number_format="0"),
    ]
    return Table(columns, rows, title=_("Awards received for %(year)s") % {"year": year})


# ---- the paper ----------------------------------------------------------------------------------
def abstract_of(period: ReportingPeriod) -> str:
    values = {"year": period.year, "period": str(period), "cluster": period.cluster.name}
    if period.key == ReportingPeriod.Key.YEAR:
        return _("Summary of the emulation and commendation work of %(year)s of %(cluster)s") % (
            values
        )
    return _("Review of the emulation work of %(period)s of %(cluster)s") % values


def gather(period: ReportingPeriod, user: Any, options: dict[str, Any]) -> Paper:
    cluster, year = period.cluster, period.year
    members = list(units_of_year(cluster=cluster, year=year))
    leaders = leaders_of(cluster, year)
    issuer = leaders.get(ClusterLeadership.Role.LEADER) or cluster.organiser
    tables = unit_tables(period, members)
    body: dict[str, Any] = {
        "cluster": cluster.name,
        "year": str(year),
        "next_year": str(year + 1),
        "period": str(period),
        "members": member_lines(members, leaders),
        "member_count": str(len(members)),
        "movements": movements_of(cluster, year, members),
        "unit_table_keys": list(tables),
        "plan": paragraphs(options.get("next_year_plan", "")),
        "remarks": paragraphs(options.get("remarks", "")),
    }
    ranking = ranking_table(cluster, year)
    if ranking is not None:
        tables["ranking"] = ranking
    tables["awards"] = awards_table(year, members)
    body["has_ranking"] = ranking is not None
    body["has_awards"] = bool(tables["awards"].rows)
    return Paper(
        kind=KIND,
        issuer=issuer,
        type_name="BÁO CÁO",
        type_code="BC",
        abstract=abstract_of(period),
        date=timezone.localdate(),
        body=body,
        tables=tables,
        signer=signer_for(cluster.name, issuer),
        recipients=recipients_for(cluster.organiser.name, members),
        filename=f"{_('annual-summary')}-{year}-{cluster.pk}",
    )


def signer_for(cluster_name: str, issuer: Any) -> Signer:
    return Signer(
        authority=_("ON BEHALF OF %(cluster)s") % {"cluster": cluster_name.upper()},
        title=_("CLUSTER LEADER"),
        name=letterhead(issuer).get("signer_name", "") if issuer is not None else "",
    )


def recipients_for(organiser: str, members: list[Any]) -> list[str]:
    return [
        _("%(unit)s (to report)") % {"unit": organiser},
        *(unit.name for unit in members),
        _("Archived"),
    ]


def can_print(user: Any, period: ReportingPeriod) -> bool:
    return user.has_perm("campaigns.view_cluster_year", period.cluster)


def build_template(doc: Any) -> None:
    b.add_letterhead(doc)
    b.add_heading(doc)
    b.add_text(doc, "I. TÌNH HÌNH CHUNG CỦA CỤM THI ĐUA", bold=True, first_line_indent_mm=0)
    b.add_text(doc, "{{ body.cluster }} có {{ body.member_count }} đơn vị thành viên, gồm:")
    b.add_paragraph_loop(doc, "m in body.members", "({{ m.number }}) {{ m.name }}{{ m.role }};")
    b.add_condition(doc, "body.movements")
    b.add_text(doc, "Các phong trào thi đua trong năm {{ body.year }}:")
    b.add_paragraph_loop(doc, "title in body.movements", "- {{ title }};")
    b.add_end(doc)
    b.add_text(doc, "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU THI ĐUA", bold=True, first_line_indent_mm=0)
    add_table_loop(doc, "key in body.unit_table_keys")
    b.add_condition(doc, "body.has_ranking")
    b.add_text(doc, "Kết quả chấm điểm, xếp hạng thi đua năm {{ body.year }}:")
    b.add_table(doc, "ranking", numbered=False)
    b.add_end(doc)
    b.add_text(doc, "III. KẾT QUẢ KHEN THƯỞNG", bold=True, first_line_indent_mm=0)
    b.add_condition(doc, "body.has_awards")
    b.add_table(doc, "awards")
    b.add_end(doc)
    b.add_condition(doc, "not body.has_awards")
    b.add_text(doc, "Chưa có khen thưởng nào được ghi nhận cho năm {{ body.year }}.")
    b.add_end(doc)
    b.add_text(
        doc, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {{ body.next_year }}", bold=True,
        first_line_indent_mm=0,
    )  # fmt: skip
    b.add_paragraph_loop(doc, "line in body.plan", "{{ line }}")
    b.add_condition(doc, "body.remarks")
    b.add_text(doc, "V. KIẾN NGHỊ, ĐỀ XUẤT", bold=True, first_line_indent_mm=0)
    b.add_paragraph_loop(doc, "line in body.remarks", "{{ line }}")
    b.add_end(doc)
    b.add_signature(doc)


def sample() -> Paper:
    """Plain values in the shape of a real report (the seed's Cluster 6), no database."""
    unit = Unit(
        name="Ban Tổ chức Đảng ủy Khối Doanh nghiệp Trung ương",
        code="BTCDN",
        document_style="party",
    )
    row = {
        "indicator": "Tỷ lệ văn bản đi được tham mưu ban hành",
        "figures": "1.054/1.709",
        "result": "61,67 %",
        "target": "ít nhất 60 %",
        "met": "Có",
    }
    return Paper(
        kind=KIND,
        issuer=unit,
        type_name="BÁO CÁO",
        type_code="BC",
        abstract="Tổng kết công tác thi đua, khen thưởng năm 2023 của Cụm thi đua số 6",
        body={
            "cluster": "Cụm thi đua số 6",
            "year": "2023",
            "next_year": "2024",
            "period": "Cả năm 2023",
            "members": [{"number": "1", "name": unit.name, "role": " (Cụm trưởng)"}],
            "member_count": "1",
            "movements": ["Phong trào thi đua yêu nước năm 2023"],
            "unit_table_keys": ["unit_1"],
            "plan": ["Tiếp tục đẩy mạnh các phong trào thi đua."],
            "remarks": [],
            "has_ranking": False,
            "has_awards": True,
        },
        tables={
            "unit_1": Table(figures_columns(), [row], title=f"1. {unit.name}"),
            "awards": Table(
                [Column("unit", "Đơn vị"), Column("award", "Khen thưởng")],
                [{"unit": unit.name, "award": "Bằng khen"}],
            ),
        },
        signer=Signer(authority="TM. CỤM THI ĐUA SỐ 6", title="CỤM TRƯỞNG", name="Chu Đình Động"),
        recipients=["Ban Tổ chức Trung ương (để báo cáo)", "Lưu"],
    )


register(
    PaperDefinition(
        kind=KIND,
        label=gettext_lazy("Cluster's annual summary report"),
        source=ReportingPeriod,
        gather=gather,
        can_print=can_print,
        build_template=build_template,
        options_form=SummaryForm,
        sample=sample,
    )
)
