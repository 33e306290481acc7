"""Report pages: a unit enters and submits its figures, the cluster leader reviews them, nobody
sees another unit's reports, and two editors never overwrite each other unknowingly."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.campaigns.models import Indicator, IndicatorReport, ReportEvent
from thidua.campaigns.services import reports as services
from thidua.campaigns.tests.test_reports import (
    YEAR,
    at,
    make_indicator,
    period,
    record,
    submitted,
)
from thidua.core.tests.helpers import sign_in
from thidua.org import services as org_services
from thidua.org.tests.factories import UserFactory

S = IndicatorReport.Status


def new_url(indicator, unit, p) -> str:
    return f"/reports/new/{indicator.pk}/{unit.pk}/{p.pk}/"


def board_url(world, year=YEAR) -> str:
    return f"/clusters/{world.cluster6.pk}/{year}/reports/"


def figures(numerator, denominator, revision, **more) -> dict:
    return {"numerator": numerator, "denominator": denominator, "revision": revision, **more}


# ---- the unit's officer -----------------------------------------------------------------------
def test_the_units_officer_enters_a_ratio_and_reads_it_in_vietnamese_format(client, world):
    indicator = make_indicator(world)
    sign_in(client, world.officer)

    response = client.post(
        new_url(indicator, world.cq, period(world)), figures("1.054", "1709", 0, action="save")
    )

    report = IndicatorReport.objects.get()
    assert response.status_code == 302 and response.url == f"/reports/{report.pk}/"
    assert (report.numerator, report.denominator, report.status) == (1054, 1709, S.DRAFT)
    page = client.get(response.url).content.decode()
    assert "1.054/1.709 = 61,67 %" in page
    assert "102,79 %" in page  # attainment of the 60 % target, from the exact ratio


def test_submitting_from_the_page_sends_the_report_to_the_cluster_leader(client, world):
    indicator = make_indicator(world)
    sign_in(client, world.officer)

    client.post(
        new_url(indicator, world.cq, period(world)), figures(1054, 1709, 0, action="submit")
    )

    report = IndicatorReport.objects.get()
    assert report.status == S.SUBMITTED and report.first_submitted_at is not None


def test_bad_figures_are_refused_beside_the_field_and_what_was_typed_stays(client, world):
    indicator = make_indicator(world)
    sign_in(client, world.officer)

    response = client.post(
        new_url(indicator, world.cq, period(world)), figures(1800, 1709, 0, note="Theo sổ")
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].has_error("numerator")
    assert 'value="1800"' in page and 'value="1709"' in page and "Theo sổ" in page
    assert not IndicatorReport.objects.exists()


def test_a_count_with_decimals_is_refused_on_the_page(client, world):
    indicator = make_indicator(world, code="so-luong", kind="count", target=None)
    sign_in(client, world.officer)

    response = client.post(
        new_url(indicator, world.cq, period(world)), {"value": "2,5", "revision": 0}
    )

    assert response.context["form"].has_error("value")
    assert not IndicatorReport.objects.exists()


def test_a_yes_no_indicator_is_answered_with_a_choice(client, world):
    indicator = make_indicator(world, code="co-ke-hoach", kind="yes_no", target=1)
    sign_in(client, world.officer)

    form_page = client.get(new_url(indicator, world.cq, period(world))).content.decode()
    client.post(new_url(indicator, world.cq, period(world)), {"value": "1", "revision": 0})

    assert 'type="radio"' in form_page
    assert IndicatorReport.objects.get().value == 1


def test_a_report_for_a_closed_period_is_refused_on_the_page(client, world):
    indicator = make_indicator(world)
    services.period_close(period=period(world), by=world.leader_officer, reason="Đã họp cụm")
    sign_in(client, world.officer)

    response = client.post(new_url(indicator, world.cq, period(world)), figures(1, 2, 0))

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not IndicatorReport.objects.exists()


# ---- who sees what ----------------------------------------------------------------------------
def test_a_unit_cannot_see_another_units_report(client, world):
    report = record(world, make_indicator(world), unit=world.dn, by=world.leader_officer,
                    numerator=1, denominator=2)  # fmt: skip
    sign_in(client, world.officer)

    assert client.get(f"/reports/{report.pk}/").status_code == 404


def test_a_unit_cannot_change_another_units_report(client, world):
    report = record(world, make_indicator(world), unit=world.dn, by=world.leader_officer,
                    numerator=1, denominator=2)  # fmt: skip
    sign_in(client, world.officer)

    response = client.post(f"/reports/{report.pk}/", figures(2, 2, report.revision))

    assert response.status_code == 404
    assert IndicatorReport.objects.get(pk=report.pk).numerator == 1


def test_a_unit_cannot_open_a_new_report_for_another_unit(client, world):
    indicator = make_indicator(world)
    sign_in(client, world.officer)

    url = new_url(indicator, world.dn, period(world))
    assert client.get(url).status_code == 404
    assert client.post(url, figures(1, 2, 0)).status_code == 404
    assert not IndicatorReport.objects.exists()


def test_the_cluster_reviewer_sees_but_does_not_write_a_units_report(client, world):
    indicator = make_indicator(world)
    report = record(world, indicator, numerator=1, denominator=2)
    sign_in(client, world.secretary)

    assert client.get(f"/reports/{report.pk}/").status_code == 200
    assert client.post(f"/reports/{report.pk}/", figures(2, 2, 1)).status_code == 403
    assert client.get(new_url(indicator, world.dn, period(world))).status_code == 403


def test_a_unit_cannot_review_its_own_report(client, world):
    report = submitted(world, make_indicator(world), numerator=1, denominator=2)
    sign_in(client, world.officer)

    response = client.post(
        f"/reports/{report.pk}/review/", {"to": "accepted", "revision": report.revision}
    )

    assert response.status_code == 403
    assert IndicatorReport.objects.get(pk=report.pk).status == S.SUBMITTED


def test_the_leader_units_officer_cannot_review_the_leader_units_own_report(client, world):
    indicator = make_indicator(world)
    report = record(world, indicator, unit=world.dn, by=world.leader_officer,
                    numerator=1, denominator=2)  # fmt: skip
    report = services.report_transition(report=report, to=S.SUBMITTED, by=world.leader_officer)
    sign_in(client, world.leader_officer)

    response = client.post(
        f"/reports/{report.pk}/review/", {"to": "accepted", "revision": report.revision}
    )

    assert response.status_code == 403
    assert IndicatorReport.objects.get(pk=report.pk).status == S.SUBMITTED


# ---- review -----------------------------------------------------------------------------------
def test_the_leader_officer_accepts_a_report_from_its_page(client, world):
    report = submitted(world, make_indicator(world), numerator=1054, denominator=1709)
    sign_in(client, world.leader_officer)

    page = client.get(f"/reports/{report.pk}/").content.decode()
    response = client.post(
        f"/reports/{report.pk}/review/", {"to": "accepted", "revision": report.revision}
    )

    assert 'value="accepted"' in page
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.reviewed_by) == (S.ACCEPTED, world.leader_officer)


def test_returning_without_a_reason_is_refused_and_the_report_stays_submitted(client, world):
    report = submitted(world, make_indicator(world), numerator=1054, denominator=1709)
    sign_in(client, world.leader_officer)

    response = client.post(
        f"/reports/{report.pk}/review/", {"to": "returned", "reason": "", "revision": 2}
    )

    assert response.status_code == 200
    assert response.context["review_form"].has_error("reason")
    assert IndicatorReport.objects.get(pk=report.pk).status == S.SUBMITTED


def test_a_returned_report_shows_the_unit_why_and_can_be_corrected_and_resubmitted(client, world):
    report = submitted(world, make_indicator(world), numerator=1054, denominator=1709)
    sign_in(client, world.leader_officer)
    client.post(
        f"/reports/{report.pk}/review/",
        {"to": "returned", "reason": "Số văn bản đến chưa khớp sổ", "revision": report.revision},
    )
    report.refresh_from_db()
    client.logout()
    sign_in(client, world.officer)

    page = client.get(f"/reports/{report.pk}/").content.decode()
    client.post(f"/reports/{report.pk}/", figures(1054, 1712, report.revision, action="submit"))

    assert "Số văn bản đến chưa khớp sổ" in page
    report.refresh_from_db()
    assert (report.status, report.denominator) == (S.SUBMITTED, 1712)
    assert list(report.events.values_list("to_status", flat=True)) == [
        S.SUBMITTED, S.RETURNED, S.SUBMITTED,
    ]  # fmt: skip


# ---- two editors ------------------------------------------------------------------------------
@pytest.fixture
def second_officer(world):
    user = UserFactory(username="officer_two", first_name="Hoa", last_name="Phạm")
    org_services.role_assign(user=user, role="unit_officer", unit=world.cq, by=None)
    return user


def test_the_second_editor_is_told_what_changed_and_keeps_what_they_typed(
    client, world, second_officer
):
    report = record(world, make_indicator(world), numerator=1000, denominator=1709)
    first, second = client, client.__class__()
    sign_in(first, world.officer)
    sign_in(second, second_officer)
    loaded = report.revision  # both pages show this revision

    first.post(f"/reports/{report.pk}/", figures(1054, 1709, loaded, action="save"))
    response = second.post(
        f"/reports/{report.pk}/", figures(990, 1711, loaded, note="Số của văn thư")
    )

    page = response.content.decode()
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1 and "1.000 → 1.054" in errors[0] and world.officer.username in errors[0]
    assert 'value="990"' in page and 'value="1711"' in page and "Số của văn thư" in page
    assert f'name="revision" value="{loaded + 1}"' in page  # saving again is a knowing overwrite
    assert IndicatorReport.objects.get(pk=report.pk).numerator == 1054


# ---- the board --------------------------------------------------------------------------------
def test_the_board_shows_a_unit_its_grid_with_the_late_flag_and_the_countdown(
    client, world, time_machine
):
    indicator = make_indicator(world)
    make_indicator(world, code="nam", name="Kết quả cả năm", kind="count", frequency="year")
    time_machine.move_to(at(dt.date(2024, 4, 12)), tick=False)
    submitted(world, indicator, numerator=1054, denominator=1709)  # Q1 was due on 10/4
    sign_in(client, world.officer)

    response = client.get(board_url(world))

    page = response.content.decode()
    [grid] = response.context["grids"]
    assert [row["indicator"].name for row in grid["rows"]] == [
        "Tỷ lệ văn bản đến được xử lý đúng hạn", "Kết quả cả năm",
    ]  # fmt: skip
    assert [p.key for p in grid["columns"]] == ["Q1", "Q2", "Q3", "Q4", "Y"]
    q1, q2, q3, _q4, year = grid["rows"][0]["cells"]
    assert q1.report.is_late and "1.054/1.709 = 61,67 %" in page
    assert q2.days_left == (dt.date(2024, 7, 10) - dt.date(2024, 4, 12)).days
    assert q3.days_left is None  # Q3 has not begun on 12/4
    assert year is None  # the quarterly indicator is not reported for the whole year
    assert grid["rows"][1]["cells"][-1].days_left == 273  # to 10/1/2025
    assert 'data-testid="late"' in page
    assert "review-queue" not in page


def test_the_board_counts_the_days_left_before_the_due_date(client, world, time_machine):
    indicator = make_indicator(world)
    time_machine.move_to(at(dt.date(2024, 4, 7)), tick=False)
    sign_in(client, world.officer)

    response = client.get(board_url(world))

    q1 = response.context["grids"][0]["rows"][0]["cells"][0]
    assert (q1.report, q1.days_left) == (None, 3)
    assert new_url(indicator, world.cq, period(world)) in response.content.decode()


def test_the_board_gives_reviewers_the_queue_of_submitted_reports(client, world):
    indicator = make_indicator(world)
    waiting = submitted(world, indicator, numerator=1054, denominator=1709)
    record(world, indicator, key="Q2", numerator=1, denominator=2)  # a draft: not to review
    sign_in(client, world.leader_officer)

    response = client.get(board_url(world))

    assert [report for report, _text in response.context["queue"]] == [waiting]
    assert "1.054/1.709 = 61,67 %" in response.content.decode()


def test_the_reviewers_filter_by_unit_period_and_status(client, world):
    indicator = make_indicator(world)
    draft = record(world, indicator, key="Q2", numerator=1, denominator=2)
    submitted(world, indicator, numerator=1054, denominator=1709)
    sign_in(client, world.leader_officer)

    query = {"unit": world.cq.pk, "period": period(world, "Q2").pk, "status": ""}
    response = client.get(board_url(world), query)

    assert [report for report, _text in response.context["queue"]] == [draft]


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["officer", "leader_officer"])
def test_the_board_reads_in_as_many_queries_for_many_indicators_as_for_one(client, world, who):
    submitted(world, make_indicator(world), numerator=1, denominator=2)
    sign_in(client, getattr(world, who))
    one = queries_for(client, board_url(world))
    for n in range(6):
        indicator = make_indicator(world, code=f"ct-{n}", name=f"Chỉ tiêu {n}")
        submitted(world, indicator, numerator=n, denominator=10)

    assert queries_for(client, board_url(world)) == one


def test_a_reviewer_who_reports_for_no_unit_sees_only_the_queue(client, world):
    make_indicator(world)
    sign_in(client, world.secretary)

    response = client.get(board_url(world))

    assert response.context["grids"] == [] and response.context["is_reviewer"]


def test_an_officer_of_another_cluster_gets_404_on_the_board(client, world):
    sign_in(client, world.outsider)

    assert client.get(board_url(world)).status_code == 404


def test_the_report_page_keeps_the_feed_event_in_its_timeline(client, world):
    indicator = make_indicator(world)
    report = submitted(world, indicator, numerator=1054, denominator=1709)
    services.report_transition(report=report, to=S.ACCEPTED, by=world.leader_officer)
    record(world, indicator, numerator=1060, denominator=1709, by=None, source="feed")
    sign_in(client, world.officer)

    response = client.get(f"/reports/{report.pk}/")

    assert list(response.context["events"]) == list(ReportEvent.objects.filter(report=report))
    assert len(response.context["events"]) == 3


def test_indicator_kinds_are_all_accepted_by_the_page(client, world):
    sign_in(client, world.officer)
    for n, kind in enumerate(Indicator.Kind.values):
        labels = {"numerator_label": "A", "denominator_label": "B"}
        indicator = make_indicator(world, code=f"k{n}", kind=kind, target=None, **labels)
        assert client.get(new_url(indicator, world.cq, period(world))).status_code == 200
