"""Progress of a cluster's year: figures against targets, the cluster aggregate, deadlines, who
sees which units, and the Excel export."""

import datetime as dt
import io
import json
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from thidua.campaigns.models import Indicator, IndicatorReport, IndicatorTarget
from thidua.campaigns.selectors.dashboard import Point, cluster_progress, heat_class
from thidua.campaigns.services.reports import periods_ensure, report_record, report_transition
from thidua.core.tests.helpers import sign_in
from thidua.org import services as org_services
from thidua.org.tests.factories import UnitFactory

S = IndicatorReport.Status
YEAR = 2025
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
AFTER_Q2 = dt.date(2025, 7, 5)  # Q2 ended, its reports due on 10/07/2025


def make_indicator(world, **fields) -> Indicator:
    values = {
        "cluster": world.cluster6,
        "year": YEAR,
        "code": "van-ban",
        "name": "Tỷ lệ văn bản đến được xử lý đúng hạn",
        "kind": Indicator.Kind.RATIO,
        "numerator_label": "Văn bản xử lý đúng hạn",
        "denominator_label": "Văn bản đến",
        "target": Decimal(50),
    }
    return Indicator.objects.create(**(values | fields))


@pytest.fixture
def periods(world):
    found = periods_ensure(cluster=world.cluster6, year=YEAR, by=world.leader_officer)
    return {p.key: p for p in found}


@pytest.fixture
def ratio(world):
    return make_indicator(world)


def send(world, indicator, unit, period, *, status=S.SUBMITTED, on=None, **figures):
    """A report of `unit` recorded and moved to `status` the day after its period ends."""
    on = on or period.ends_on + dt.timedelta(days=1)
    by = world.leader_officer if unit == world.dn else world.officer
    report, _changed = report_record(
        indicator=indicator, unit=unit, period=period, figures=figures, by=by, today=on
    )
    now = dt.datetime.combine(on, dt.time(9), tzinfo=HANOI)
    steps = {S.SUBMITTED: [S.SUBMITTED], S.ACCEPTED: [S.SUBMITTED, S.ACCEPTED]}
    steps[S.RETURNED] = [S.SUBMITTED, S.RETURNED]
    for to in steps.get(status, []):
        report = report_transition(report=report, to=to, by=by, now=now, reason="Thiếu minh chứng")
    return report


def progress(world, **options):
    return cluster_progress(cluster=world.cluster6, year=YEAR, as_of=AFTER_Q2, **options)


def cell_of(result, unit, indicator):
    return next(c for u, cells in result.rows if u.pk == unit.pk for c in cells
                if c.indicator.pk == indicator.pk)  # fmt: skip


def aggregate_of(result, indicator):
    return next(a for a in result.aggregates if a.indicator.pk == indicator.pk)


@pytest.fixture
def q2_ratios(world, periods, ratio):
    send(world, ratio, world.dn, periods["Q2"], numerator=4290, denominator=9317)
    send(world, ratio, world.cq, periods["Q2"], numerator=1054, denominator=1709)
    return ratio


# ---- figures -----------------------------------------------------------------------------------
def test_the_cluster_ratio_is_the_sum_of_numerators_over_the_sum_of_denominators(world, q2_ratios):
    aggregate = aggregate_of(progress(world), q2_ratios)

    point = aggregate.current
    assert (point.numerator, point.denominator) == (Decimal(5344), Decimal(11026))
    assert point.result == Decimal("48.47")  # 5,344 / 11,026; the mean of 46.04 and 61.67 is 53.86
    assert (point.units_reported, point.units_expected) == (2, 2)


def test_each_units_result_is_computed_from_its_raw_counts(world, q2_ratios):
    result = progress(world)

    assert cell_of(result, world.dn, q2_ratios).current.result == Decimal("46.04")
    assert cell_of(result, world.cq, q2_ratios).current.result == Decimal("61.67")


def test_attainment_and_heat_class_follow_the_result_against_the_target(world, q2_ratios):
    result = progress(world)

    below = cell_of(result, world.dn, q2_ratios)
    above = cell_of(result, world.cq, q2_ratios)
    assert (below.current.attainment, below.current.met, below.heat) == (
        Decimal("92.09"), False, "heat-3",
    )  # fmt: skip
    assert (above.current.attainment, above.current.met, above.heat) == (
        Decimal("123.35"), True, "heat-5",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("attainment", "met", "heat"),
    [
        (None, None, "heat-none"),
        ("0", False, "heat-0"),
        ("49.99", False, "heat-0"),
        ("50", False, "heat-1"),
        ("74.99", False, "heat-1"),
        ("75", False, "heat-2"),
        ("90", False, "heat-3"),
        ("99.99", False, "heat-3"),
        ("100", True, "heat-4"),
        ("119.99", True, "heat-4"),
        ("120", True, "heat-5"),
    ],
)
def test_heat_bands(attainment, met, heat):
    share = None if attainment is None else Decimal(attainment)
    assert heat_class(Point(period=None, attainment=share, met=met)) == heat


def test_lower_is_better_meets_the_target_at_or_below_it(world, periods):
    complaints = make_indicator(
        world, code="don-thu", name="Đơn thư vượt cấp", kind=Indicator.Kind.COUNT,
        direction=Indicator.Direction.AT_MOST, target=Decimal(2),
    )  # fmt: skip
    send(world, complaints, world.dn, periods["Q2"], value=1)
    send(world, complaints, world.cq, periods["Q2"], value=4)

    result = progress(world)

    fewer = cell_of(result, world.dn, complaints).current
    more = cell_of(result, world.cq, complaints).current
    assert (fewer.met, fewer.attainment) == (True, Decimal("200.00"))
    assert (more.met, more.attainment) == (False, Decimal("50.00"))


def test_a_units_own_target_replaces_the_common_one(world, q2_ratios):
    IndicatorTarget.objects.create(indicator=q2_ratios, unit=world.cq, target=Decimal(70))

    result = progress(world)

    own = cell_of(result, world.cq, q2_ratios)
    common = cell_of(result, world.dn, q2_ratios)
    assert (own.target, own.has_own_target, own.current.met) == (Decimal(70), True, False)
    assert own.current.attainment == Decimal("88.10")  # 61.67… / 70
    assert (common.target, common.has_own_target) == (Decimal(50), False)


def test_the_current_result_is_the_latest_period_reported(world, periods, q2_ratios):
    send(world, q2_ratios, world.dn, periods["Q1"], numerator=1000, denominator=3000)

    cell = cell_of(progress(world), world.dn, q2_ratios)

    assert cell.current.period.key == "Q2"
    assert [p.result for p in cell.series] == [Decimal("33.33"), Decimal("46.04"), None, None]


def test_drafts_are_not_counted_unless_asked(world, periods, ratio):
    send(world, ratio, world.dn, periods["Q2"], status=S.DRAFT, numerator=10, denominator=20)

    assert cell_of(progress(world), world.dn, ratio).current is None
    with_drafts = progress(world, include_statuses=(S.DRAFT, S.SUBMITTED, S.ACCEPTED))
    assert cell_of(with_drafts, world.dn, ratio).current.result == Decimal("50.00")


def test_a_returned_report_does_not_count(world, periods, ratio):
    send(world, ratio, world.cq, periods["Q2"], status=S.RETURNED, numerator=10, denominator=20)

    assert cell_of(progress(world), world.cq, ratio).current is None
    assert aggregate_of(progress(world), ratio).current is None


def test_counting_only_accepted_reports_leaves_submitted_ones_out(world, periods, ratio):
    send(world, ratio, world.dn, periods["Q2"], status=S.ACCEPTED, numerator=4290, denominator=9317)
    send(world, ratio, world.cq, periods["Q2"], numerator=1054, denominator=1709)

    point = aggregate_of(progress(world, include_statuses=(S.ACCEPTED,)), ratio).current

    assert (point.numerator, point.denominator, point.units_reported) == (4290, 9317, 1)


def test_counts_add_up_against_the_sum_of_targets(world, periods):
    trainees = make_indicator(
        world, code="dao-tao", name="Số cán bộ được đào tạo", kind=Indicator.Kind.COUNT,
        target=Decimal(4),
    )  # fmt: skip
    IndicatorTarget.objects.create(indicator=trainees, unit=world.cq, target=Decimal(6))
    send(world, trainees, world.dn, periods["Q2"], value=3)
    send(world, trainees, world.cq, periods["Q2"], value=5)

    point = aggregate_of(progress(world), trainees).current

    assert (point.result, point.target, point.met) == (Decimal(8), Decimal(10), False)


def test_percentages_are_averaged_and_yes_no_counts_the_units_that_met(world, periods):
    share = make_indicator(world, code="hl", kind=Indicator.Kind.PERCENTAGE, target=Decimal(85))
    done = make_indicator(world, code="kh", kind=Indicator.Kind.YES_NO, target=Decimal(1))
    for unit, percent, answer in ((world.dn, 80, 1), (world.cq, 95, 0)):
        send(world, share, unit, periods["Q2"], value=percent)
        send(world, done, unit, periods["Q2"], value=answer)

    result = progress(world)

    assert aggregate_of(result, share).current.result == Decimal("87.50")
    assert aggregate_of(result, done).current.result == Decimal("50.00")


# ---- deadlines ---------------------------------------------------------------------------------
def test_a_deadline_counts_the_days_left(world, periods, ratio):
    with time_machine.travel(dt.datetime(2025, 6, 28, 9, tzinfo=HANOI), tick=False):
        result = cluster_progress(cluster=world.cluster6, year=YEAR)

    q2 = next(d for d in result.deadlines if d.period.key == "Q2")
    assert (q2.days, q2.is_overdue, q2.missing_count) == (12, False, 2)


def test_an_overdue_deadline_names_the_units_that_have_not_reported(world, periods, ratio):
    send(world, ratio, world.dn, periods["Q2"], numerator=4290, denominator=9317)

    with time_machine.travel(dt.datetime(2025, 7, 13, 9, tzinfo=HANOI), tick=False):
        result = cluster_progress(cluster=world.cluster6, year=YEAR)

    q2 = next(d for d in result.deadlines if d.period.key == "Q2")
    assert (q2.is_overdue, q2.days_overdue, q2.missing_count, q2.expected) == (True, 3, 1, 2)
    assert [(unit.pk, names) for unit, names in q2.missing] == [(world.cq.pk, (ratio.name,))]


def test_a_period_whose_reports_are_all_in_is_no_longer_listed_once_due(world, q2_ratios):
    result = cluster_progress(cluster=world.cluster6, year=YEAR, as_of=dt.date(2025, 7, 20))

    assert "Q2" not in [d.period.key for d in result.deadlines]


def test_the_page_shows_the_countdown(client, world, periods, ratio):
    sign_in(client, world.leader_officer)

    with time_machine.travel(dt.datetime(2025, 6, 28, 9, tzinfo=HANOI), tick=False):
        response = client.get(cluster_url(world))

    cards = response.content.decode()
    assert 'data-period="Q2"' in cards
    assert "12" in cards.split('data-period="Q2"')[1].split('data-testid="countdown"')[1][:200]


# ---- who sees what -----------------------------------------------------------------------------
def cluster_url(world, name="campaigns:progress_cluster"):
    return reverse(name, args=[world.cluster6.pk, YEAR])


def test_the_leader_officer_sees_every_unit(client, world, q2_ratios):
    sign_in(client, world.leader_officer)

    page = client.get(cluster_url(world)).content.decode()

    assert world.dn.name in page and world.cq.name in page
    assert "46,04%" in page and "61,67%" in page and "48,47%" in page


def test_a_member_unit_sees_only_its_own_row_and_the_cluster(client, world, q2_ratios):
    sign_in(client, world.officer)

    page = client.get(cluster_url(world)).content.decode()

    assert world.cq.name in page and "61,67%" in page and "48,47%" in page
    assert world.dn.name not in page
    assert "46,04%" not in page and "4.290" not in page


def chart_data(page: str) -> list[dict]:
    start = page.index('id="progress-charts-data" type="application/json">')
    return json.loads(page[page.index(">", start) + 1 : page.index("</script>", start)])


def test_a_member_units_charts_draw_only_its_own_unit(client, world, q2_ratios):
    sign_in(client, world.officer)

    page = client.get(cluster_url(world)).content.decode()

    [chart] = chart_data(page)
    lines = {d["role"]: d for d in chart["datasets"] if d["role"] != "target"}
    assert [d["label"] for d in chart["datasets"] if d["role"] == "unit"] == [world.cq.name]
    assert lines["unit"]["data"][1] == 61.67 and lines["cluster"]["data"][1] == 48.47


def test_the_unit_page_lists_each_period_with_counts_and_attainment(client, world, q2_ratios):
    sign_in(client, world.leader_officer)

    url = reverse("campaigns:progress_unit", args=[world.cluster6.pk, YEAR, world.dn.pk])
    page = client.get(url).content.decode()

    q2_row = page.split('data-period="Q2"')[1].split("</tr>")[0]
    assert "46,04%" in q2_row and "4.290 / 9.317" in q2_row and "92,09%" in q2_row
    assert world.cq.name not in page


def test_a_unit_outside_the_cluster_has_no_progress_page(client, world, q2_ratios):
    sign_in(client, world.leader_officer)

    url = reverse("campaigns:progress_unit", args=[world.cluster6.pk, YEAR, world.kt.pk])

    assert client.get(url).status_code == 404


def test_a_unit_head_sees_their_own_units_page(client, world, q2_ratios):
    sign_in(client, world.cq_head)

    response = client.get(reverse("campaigns:progress_unit", args=[world.cluster6.pk, YEAR,
                                                                   world.cq.pk]))  # fmt: skip

    assert response.status_code == 200
    assert "61,67%" in response.content.decode()


def test_a_member_unit_cannot_open_another_units_page(client, world, q2_ratios):
    sign_in(client, world.officer)

    url = reverse("campaigns:progress_unit", args=[world.cluster6.pk, YEAR, world.dn.pk])

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("name", ["campaigns:progress_cluster", "campaigns:progress_export"])
def test_an_outsider_gets_404(client, world, q2_ratios, name):
    sign_in(client, world.outsider)

    assert client.get(cluster_url(world, name)).status_code == 404


def test_an_outsider_gets_404_on_a_units_page(client, world, q2_ratios):
    sign_in(client, world.outsider)

    url = reverse("campaigns:progress_unit", args=[world.cluster6.pk, YEAR, world.cq.pk])

    assert client.get(url).status_code == 404


def test_the_index_lists_the_years_a_user_may_follow_newest_first(client, world, ratio):
    make_indicator(world, year=2024, code="cu")
    sign_in(client, world.officer)

    page = client.get(reverse("campaigns:progress_index")).content.decode()

    assert page.index(cluster_url(world)) < page.index(
        reverse("campaigns:progress_cluster", args=[world.cluster6.pk, 2024])
    )


def test_the_index_leaves_out_clusters_of_other_units(client, world, ratio):
    sign_in(client, world.outsider)

    page = client.get(reverse("campaigns:progress_index")).content.decode()

    assert cluster_url(world) not in page


def test_the_page_says_which_reports_count(client, world, ratio):
    sign_in(client, world.leader_officer)

    page = client.get(cluster_url(world) + "?counted=accepted").content.decode()
    counted = page.split('data-testid="counted"')[1].split("</p>")[0]

    assert str(S.ACCEPTED.label) in counted and str(S.SUBMITTED.label) not in counted


# ---- export ------------------------------------------------------------------------------------
def workbook(client, world, user):
    sign_in(client, user)
    response = client.get(cluster_url(world, "campaigns:progress_export"))
    assert response.status_code == 200
    return response, load_workbook(io.BytesIO(response.content))


def test_the_export_is_an_attachment_named_after_the_cluster_and_year(client, world, q2_ratios):
    response, _book = workbook(client, world, world.leader_officer)

    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"].endswith('-6-2025.xlsx"')


def test_the_export_holds_results_and_attainment_as_percentages(client, world, q2_ratios):
    _response, book = workbook(client, world, world.leader_officer)

    summary = book.worksheets[0]
    rows = {row[0].value: row for row in summary.iter_rows(min_row=2)}
    cq = rows[world.cq.name]
    assert (cq[1].value, cq[1].number_format) == (pytest.approx(0.6167), "0.00%")
    assert cq[2].value == pytest.approx(1.2335)
    assert summary.freeze_panes == "B2"
    assert list(rows)[-1] == _("Whole cluster")
    assert rows[_("Whole cluster")][1].value == pytest.approx(0.4847)


def test_the_export_lists_the_raw_counts_of_each_period(client, world, periods, q2_ratios):
    _response, book = workbook(client, world, world.leader_officer)

    series = book.worksheets[1]
    rows = [[c.value for c in row] for row in series.iter_rows(min_row=2)]
    dn_q2 = next(r for r in rows if r[0] == world.dn.name and r[2] == periods["Q2"].label)
    assert dn_q2[4:7] == [4290, 9317, pytest.approx(0.4604)]
    assert series.freeze_panes == "A2"


def test_a_member_units_export_holds_no_other_unit(client, world, q2_ratios):
    _response, book = workbook(client, world, world.officer)

    cells = [c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert world.cq.name in cells
    assert world.dn.name not in cells and 4290 not in cells


def test_the_export_neutralises_text_a_spreadsheet_would_run(client, world, periods):
    trap = make_indicator(world, name='=HYPERLINK("http://x.example","Bấm")')
    send(world, trap, world.dn, periods["Q2"], numerator=1, denominator=2)

    _response, book = workbook(client, world, world.leader_officer)

    header = book.worksheets[0]["B1"]
    named = next(r[1] for r in book.worksheets[1].iter_rows(min_row=2) if r[1].value)
    for cell in (header, named):
        assert cell.value.startswith("=HYPERLINK")
        assert (cell.data_type, cell.quotePrefix) == ("s", True)


# ---- queries -----------------------------------------------------------------------------------
def test_the_figures_take_the_same_queries_however_many_units_and_indicators(
    world, periods, q2_ratios, django_assert_max_num_queries
):
    for n in range(4):
        unit = UnitFactory(name=f"Ban Tổ chức Tỉnh ủy số {n}", parent=world.sector)
        org_services.cluster_member_add(
            cluster=world.cluster6, unit=unit, joined_on=dt.date(2021, 1, 1), by=None
        )
        extra = make_indicator(world, code=f"ct-{n}", name=f"Chỉ tiêu {n}")
        IndicatorTarget.objects.create(indicator=extra, unit=unit, target=Decimal(60))
        send(world, extra, unit, periods["Q2"], numerator=n, denominator=10)

    with django_assert_max_num_queries(5):
        result = progress(world)

    assert len(result.rows) == 6 and len(result.indicators) == 5


def test_the_page_takes_the_same_queries_however_many_units(client, world, periods, q2_ratios):
    sign_in(client, world.leader_officer)
    with CaptureQueriesContext(connection) as small:
        client.get(cluster_url(world))
    for n in range(3):
        unit = UnitFactory(name=f"Ban Tổ chức Tỉnh ủy số {n}", parent=world.sector)
        org_services.cluster_member_add(
            cluster=world.cluster6, unit=unit, joined_on=dt.date(2021, 1, 1), by=None
        )
        make_indicator(world, code=f"ct-{n}", name=f"Chỉ tiêu {n}")

    with CaptureQueriesContext(connection) as large:
        client.get(cluster_url(world))

    assert len(large) == len(small)
