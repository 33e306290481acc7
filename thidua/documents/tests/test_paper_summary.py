"""The cluster's annual summary report: the members and leader, each member's figures with ratios
written as the seed writes them ("1.054/1.709 = 61,67 %"), the published ranking, the awards
received, and next year's plan typed before printing."""

from decimal import Decimal

from thidua.campaigns.models import Indicator
from thidua.documents.papers.annual_summary import SummaryForm, gather, vi_percent
from thidua.documents.registry import definition
from thidua.documents.render import render_docx, render_pdf, template_check
from thidua.documents.tests.cluster_helpers import (
    indicator,
    period,
    received,
    report,
    table_rows,
    template_of,
)
from thidua.documents.tests.docx_helpers import docx_texts, pdf_fonts, pdf_text
from thidua.org import services as org_services
from thidua.org.tests.factories import UnitFactory
from thidua.scoring.models import CriteriaTable, Ranking, RankingRow

PLAN = {"next_year_plan": "Tiếp tục đẩy mạnh phong trào thi đua.\nHoàn thành chỉ tiêu 2024.",
        "remarks": ""}  # fmt: skip


def outgoing(world) -> Indicator:
    """The seed's ratio: outgoing documents issued over those drafted, at least 60 %."""
    return indicator(
        world, "VB-DI-TL", "Tỷ lệ văn bản đi được tham mưu ban hành", kind=Indicator.Kind.RATIO,
        target=Decimal(60),
    )  # fmt: skip


def year_end(world):
    """Cluster 6's 2023 with the seed's figure for dn in Q4 and the whole-year period."""
    ratio = outgoing(world)
    q3, q4, whole = period(world, "Q3"), period(world, "Q4"), period(world, "Y")
    report(ratio, world.dn, q3, numerator=700, denominator=1200)
    report(ratio, world.dn, q4, numerator=1054, denominator=1709)
    return ratio, q3, q4, whole


def unit_table(paper, unit):
    return next(t for t in paper.tables.values() if t.title.endswith(unit.name))


# ---- figures ------------------------------------------------------------------------------------
def test_a_ratio_reads_like_the_seed_with_two_decimals_and_a_decimal_comma(world):
    *_, whole = year_end(world)
    (row,) = unit_table(gather(whole, world.secretary, PLAN), world.dn).rows
    assert (row["figures"], row["result"]) == ("1.054/1.709", "61,67 %")


def test_the_latest_accepted_report_of_the_year_is_the_units_result(world):
    ratio, q3, q4, whole = year_end(world)
    report(ratio, world.cq, q3, numerator=50, denominator=100)
    report(ratio, world.cq, q4, status="submitted", numerator=90, denominator=100)
    (row,) = unit_table(gather(whole, world.secretary, PLAN), world.cq).rows
    assert row["result"] == "50,00 %"  # Q4 is not accepted yet


def test_a_report_after_the_period_printed_is_left_out(world):
    *_, q3, _q4, _whole = year_end(world)
    (row,) = unit_table(gather(q3, world.secretary, PLAN), world.dn).rows
    assert row["figures"] == "700/1.200"


def test_the_target_and_whether_it_was_met_are_stated(world):
    *_, whole = year_end(world)
    ratio = Indicator.objects.get()
    report(ratio, world.cq, whole, numerator=1, denominator=2)
    rows = {t.title: t.rows[0] for t in gather(whole, world.secretary, PLAN).tables.values()
            if t.title.startswith(("1.", "2."))}  # fmt: skip
    assert {(row["target"], row["met"]) for row in rows.values()} == {
        ("at least 60,00 %", "Yes"), ("at least 60,00 %", "No"),
    }  # fmt: skip


def test_a_member_without_an_accepted_report_is_said_to_have_none(world):
    *_, whole = year_end(world)
    (row,) = unit_table(gather(whole, world.secretary, PLAN), world.cq).rows
    assert (row["figures"], row["met"]) == ("Not reported", "")


def test_a_percentage_is_rounded_half_up_once():
    assert vi_percent(Decimal("12.345")) == "12,35 %"


# ---- the cluster --------------------------------------------------------------------------------
def test_members_are_listed_in_vietnamese_order_with_the_leader_marked(world):
    late = UnitFactory(name="Cục Tổ chức cán bộ, Bộ Công an", parent=world.sector)
    org_services.cluster_member_add(
        cluster=world.cluster6, unit=late, joined_on=world.cluster6.memberships.first().joined_on,
        by=None,
    )  # fmt: skip
    *_, whole = year_end(world)
    members = gather(whole, world.secretary, PLAN).body["members"]
    assert [m["name"] for m in members] == [world.cq.name, world.dn.name, late.name]
    assert members[1]["role"] == " (Cluster leader)"


def test_the_report_is_issued_by_the_years_leader_unit(world):
    *_, whole = year_end(world)
    paper = gather(whole, world.secretary, PLAN)
    assert paper.issuer == world.dn
    assert (paper.type_name, paper.type_code) == ("BÁO CÁO", "BC")
    assert paper.abstract.startswith("Summary of the emulation and commendation work of 2023")


def test_the_ranking_is_printed_only_once_published(world):
    *_, whole = year_end(world)
    table = CriteriaTable.objects.create(cluster=world.cluster6, year=2023, title="Bảng điểm 2023")
    ranking = Ranking.objects.create(table=table)
    RankingRow.objects.create(
        ranking=ranking, unit=world.dn, rank=1, final_score=Decimal("93.5"),
        cross_mean=Decimal("90"), cross_count=1,
    )  # fmt: skip
    assert "ranking" not in gather(whole, world.secretary, PLAN).tables
    Ranking.objects.filter(pk=ranking.pk).update(status=Ranking.Status.PUBLISHED)
    (row,) = gather(whole, world.secretary, PLAN).tables["ranking"].rows
    assert (row["rank"], row["unit"], row["final"]) == ("1", world.dn.name, "93,5")


def test_awards_received_for_the_year_are_counted_per_member(world):
    *_, whole = year_end(world)
    received("CO_BTCTW", unit=world.dn)
    received("BK_BTCTW", person=world.dn_person)
    received("BK_BTCTW", person=world.cq_person, year=2022)
    received("BK_BTCTW", person=world.kt_person)  # another cluster's member
    rows = gather(whole, world.secretary, PLAN).tables["awards"].rows
    assert [(r["unit"], r["collectives"], r["individuals"]) for r in rows] == [
        (world.dn.name, 1, 0), (world.dn.name, 0, 1),
    ]  # fmt: skip


# ---- options and access -------------------------------------------------------------------------
def test_next_years_plan_must_be_typed_and_is_printed_line_by_line(world):
    assert not SummaryForm({"next_year_plan": "  ", "remarks": "x"}).is_valid()
    *_, whole = year_end(world)
    assert gather(whole, world.secretary, PLAN).body["plan"] == [
        "Tiếp tục đẩy mạnh phong trào thi đua.", "Hoàn thành chỉ tiêu 2024.",
    ]  # fmt: skip


def test_only_who_sees_the_clusters_year_may_print_it(world):
    *_, whole = year_end(world)
    allowed = definition("annual_summary").can_print
    assert allowed(world.officer, whole)
    assert not allowed(world.outsider, whole)


# ---- Word and PDF -------------------------------------------------------------------------------
def test_the_word_report_has_its_four_parts_the_figures_and_the_plan(world):
    *_, whole = year_end(world)
    content = render_docx(
        gather(whole, world.secretary, PLAN), template=template_of("annual_summary")
    )
    texts = docx_texts(content)
    assert "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU THI ĐUA" in texts
    assert "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024" in texts
    assert "Hoàn thành chỉ tiêu 2024." in texts
    assert [
        "Tỷ lệ văn bản đi được tham mưu ban hành", "1.054/1.709", "61,67 %", "at least 60,00 %",
        "Yes",
    ] in [row[-5:] for row in table_rows(content)]  # fmt: skip


def test_the_pdf_report_keeps_the_vietnamese_text_in_a_times_compatible_font(world):
    *_, whole = year_end(world)
    content = render_pdf(
        gather(whole, world.secretary, PLAN), template=template_of("annual_summary")
    )
    text = pdf_text(content)
    assert "61,67 %" in text
    assert "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024" in text
    assert any(font.startswith(("LiberationSerif", "TimesNewRoman")) for font in pdf_fonts(content))


def test_its_shipped_word_template_passes_the_upload_check():
    assert template_check(template_of("annual_summary"), "annual_summary") == []
