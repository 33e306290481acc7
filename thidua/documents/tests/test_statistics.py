"""The award statistics: counts by award and level, by unit, by year, scoped by the viewer; the
paper they print as and the statistics page with its chart."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from thidua.core.tests.helpers import sign_in
from thidua.documents.papers.statistics import StatisticsForm, gather, statistics_tables
from thidua.documents.registry import definition
from thidua.documents.render import render_docx, render_xlsx, template_check
from thidua.documents.tests.cluster_helpers import received, table_rows, template_of
from thidua.org.tests.factories import PersonFactory, UnitFactory


def awarded(world):
    """Across the sector: dn (collective) and its staff, cq and its staff, a revoked award, and
    an award outside the years counted."""
    received("CO_BTCTW", unit=world.dn)
    received("BK_BTCTW", person=world.dn_person)
    received("BK_BTCTW", person=world.cq_person)
    received("BK_BTCTW_TT", unit=world.cq_dept, year=2022)
    received("CSTDCS", person=world.cq_person, year=2022)
    received("BK_BTCTW", person=world.kt_person, revoked=True)
    received("CO_BTCTW", unit=world.cq, year=2015)


def tables_for(user, unit, **options):
    options = {"year_from": 2021, "year_to": 2023} | options
    return statistics_tables(user=user, unit=unit, **options)


def column(table, key):
    return [row[key] for row in table.rows]


# ---- the counts ---------------------------------------------------------------------------------
def test_awards_are_counted_by_award_with_individuals_and_collectives_apart(world):
    awarded(world)
    table = tables_for(world.secretary, world.sector)["award"]
    counts = {row["award"]: (row["individuals"], row["collectives"]) for row in table.rows}
    names = {r.award.code: r.award.name for r in world.dn.award_records.all()}
    assert counts[names["CO_BTCTW"]] == (0, 1)
    assert counts[table.rows[-1]["award"]] == (3, 2)  # the total row: 5 awards, none revoked


def test_revoked_awards_and_years_outside_the_span_are_not_counted(world):
    awarded(world)
    total = tables_for(world.secretary, world.sector)["year"].rows[-1]
    assert total["total"] == 5


def test_the_level_table_lists_the_levels_highest_first(world):
    awarded(world)
    received("CSTDTQ", person=world.dn_person)
    levels = column(tables_for(world.secretary, world.sector, breakdown="award")["level"], "level")
    assert levels == [
        "Government level", "Ministry, sector or province level", "Agency or unit level", "Total",
    ]  # fmt: skip


def test_each_sub_unit_counts_its_whole_subtree_after_the_unit_itself(world):
    awarded(world)
    table = tables_for(world.secretary, world.sector, breakdown="unit")["unit"]
    totals = {row["unit"]: row["total"] for row in table.rows}
    assert totals[world.sector.name] == 0
    assert totals[world.dn.name] == 2  # the flag of dn and the Bằng khen of a dn_dept person
    assert totals[world.cq.name] == 3  # cq_dept's collective award and two of cq_person's


def test_the_sub_units_follow_the_vietnamese_alphabet(world):
    parent = UnitFactory(name="Ngành thử", parent=world.sector)
    for name in ("Ban Tuyên giáo", "Ban Đối ngoại", "Ban Dân vận"):
        UnitFactory(name=name, parent=parent)
    units = column(tables_for(world.secretary, parent, breakdown="unit")["unit"], "unit")
    assert units == ["Ngành thử", "Ban Dân vận", "Ban Đối ngoại", "Ban Tuyên giáo", "Total"]


def test_every_year_of_the_span_has_a_row_even_without_awards(world):
    awarded(world)
    table = tables_for(world.secretary, world.sector, breakdown="year")["year"]
    assert [(row["year"], row["total"]) for row in table.rows] == [
        ("2021", 0), ("2022", 2), ("2023", 3), ("Total", 5),
    ]  # fmt: skip


def test_a_viewer_who_sees_units_but_not_their_staff_counts_only_collective_awards(world):
    awarded(world)
    mine = tables_for(world.council_member, world.cq, breakdown="year")["year"].rows[-1]
    full = tables_for(world.reviewer, world.cq, breakdown="year")["year"].rows[-1]
    assert (mine["individuals"], mine["collectives"]) == (0, 1)
    assert (full["individuals"], full["collectives"]) == (2, 1)


def test_only_who_may_see_the_unit_may_print_its_statistics(world):
    allowed = definition("award_statistics").can_print
    assert allowed(world.secretary, world.sector)
    assert not allowed(world.outsider, world.sector)


# ---- the options --------------------------------------------------------------------------------
def test_the_span_is_at_most_twenty_years(world):
    form = StatisticsForm({"year_from": 2000, "year_to": 2020, "breakdown": "all"})
    assert not form.is_valid()
    assert "year_to" in form.errors


def test_the_last_year_cannot_come_before_the_first(world):
    form = StatisticsForm({"year_from": 2023, "year_to": 2021, "breakdown": "year"})
    assert not form.is_valid()


# ---- the paper ----------------------------------------------------------------------------------
def test_the_word_paper_prints_one_table_per_breakdown_with_its_counts(world):
    awarded(world)
    paper = gather(world.sector, world.secretary, {"year_from": 2021, "year_to": 2023})
    rows = table_rows(render_docx(paper, template=template_of("award_statistics")))
    assert ["2022", "1", "1", "2"] in rows
    assert ["Total", "3", "2", "5"] in rows
    assert paper.abstract == "Statistics of awards from 2021 to 2023"


def test_the_excel_paper_keeps_the_counts_as_numbers(world):
    awarded(world)
    paper = gather(world.sector, world.secretary, {"year_from": 2023, "year_to": 2023})
    book = load_workbook(io.BytesIO(render_xlsx(paper)))
    values = [row for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]
    assert ("2023", 2, 1, 3) in values


# ---- the page -----------------------------------------------------------------------------------
def test_the_page_shows_the_tables_and_the_chart_data(client, world):
    awarded(world)
    sign_in(client, world.secretary)
    query = {"unit": world.sector.pk, "year_from": 2021, "year_to": 2023, "breakdown": "all"}
    response = client.get(reverse("documents:award_statistics"), query)
    assert response.status_code == 200
    assert response.content.count(b'data-testid="statistics-table"') == 4
    assert response.context["chart"]["labels"] == ["2021", "2022", "2023"]
    assert b'id="award-stats-chart-data"' in response.content


def test_the_page_does_not_offer_a_unit_the_viewer_cannot_see(client, world):
    PersonFactory(unit=world.kt)
    sign_in(client, world.outsider)
    query = {"unit": world.sector.pk, "year_from": 2021, "year_to": 2023, "breakdown": "all"}
    response = client.get(reverse("documents:award_statistics"), query)
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert "tables" not in response.context


def test_a_first_visit_counts_the_viewers_own_unit(client, world):
    sign_in(client, world.outsider)
    response = client.get(reverse("documents:award_statistics"))
    assert response.context["unit"] == world.kt


def test_its_shipped_word_template_passes_the_upload_check():
    assert template_check(template_of("award_statistics"), "award_statistics") == []


def test_the_page_prints_the_same_tables_through_the_papers_page(client, world):
    awarded(world)
    sign_in(client, world.secretary)
    query = {"unit": world.sector.pk, "year_from": 2021, "year_to": 2023, "breakdown": "year"}
    page = client.get(reverse("documents:award_statistics"), query)
    url = reverse("documents:paper_file", args=["award_statistics", world.sector.pk, "docx"])
    assert f'formaction="{url}"'.encode() in page.content
    options = dict(page.context["options"])
    response = client.post(url, options)
    assert response.status_code == 200
    rows = table_rows(response.content)  # the page speaks Vietnamese: "Tổng cộng" is the total
    assert ["2021", "0", "0", "0"] in rows
    assert any(row[1:] == ["3", "2", "5"] for row in rows)
