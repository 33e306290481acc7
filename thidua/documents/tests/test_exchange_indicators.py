"""Indicator values of one unit and one reporting period through the offline round-trip, held
to the report page's rules (only drafts and returned reports change; figures by kind)."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from thidua.campaigns.models import Indicator, IndicatorReport
from thidua.campaigns.tests.test_reports import make_indicator, period, record, submitted
from thidua.core.models import Job
from thidua.documents.tests.exchange_helpers import checked, confirm, edited

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_in_tmp", "english_pages")]


@pytest.fixture
def cast(world):
    world.ratio = make_indicator(world)  # van-ban-den: numerator and denominator
    world.count = make_indicator(
        world, code="dang-vien-moi", name="Số đảng viên mới kết nạp", kind=Indicator.Kind.COUNT,
        numerator_label="", denominator_label="", target=Decimal(10),
    )  # fmt: skip
    world.yearly = make_indicator(
        world, code="hoi-nghi", name="Hội nghị tổng kết", kind=Indicator.Kind.YES_NO,
        numerator_label="", denominator_label="", target=Decimal(1),
        frequency=Indicator.Frequency.YEAR,
    )  # fmt: skip
    world.q1 = period(world, "Q1")
    return world


def exported(client, cast) -> bytes:
    response = client.get(
        reverse("documents:exchange_download"),
        {"down-dataset": "indicator_values", "down-unit": cast.cq.pk,
         "down-period": cast.q1.pk, "data": "1"},
    )  # fmt: skip
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.content


def sheet_rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))


def test_the_export_lists_the_periods_indicators_with_the_units_figures(officer, cast):
    record(cast, cast.ratio, numerator=1054, denominator=1709)

    rows = sheet_rows(exported(officer, cast))

    assert rows[0][:4] == ("Indicator code", "Indicator name (read only)", "Fill in (read only)",
                           "Numerator")  # fmt: skip
    assert [row[0] for row in rows[1:]] == ["van-ban-den", "dang-vien-moi"]  # not the yearly one
    assert rows[1][3:5] == (1054, 1709)
    assert rows[1][7] == "Draft"
    assert rows[2][7] == "Not reported yet"


def test_a_changed_figure_of_a_draft_is_saved_through_the_report_service(officer, cast):
    report = record(cast, cast.ratio, numerator=1054, denominator=1709)
    content = edited(
        exported(officer, cast),
        {"van-ban-den": {"Numerator": 1100}, "dang-vien-moi": {"Value": 12}},
    )

    job = confirm(officer, checked(officer, cast.cq, content, dataset="indicator_values",
                                   period=cast.q1))  # fmt: skip

    assert job.status == Job.Status.SUCCEEDED, job.message
    report.refresh_from_db()
    assert (report.numerator, report.denominator) == (1100, 1709)
    assert (report.source, report.revision) == (IndicatorReport.Source.UPLOAD, 2)
    new = IndicatorReport.objects.get(indicator=cast.count, unit=cast.cq, period=cast.q1)
    assert (new.value, new.status) == (12, IndicatorReport.Status.DRAFT)


def test_a_submitted_report_cannot_be_changed_from_the_file(officer, cast):
    submitted(cast, cast.ratio, numerator=1054, denominator=1709)
    content = edited(exported(officer, cast), {"van-ban-den": {"Numerator": 1100}})

    job = checked(officer, cast.cq, content, dataset="indicator_values", period=cast.q1)

    [item] = job.params["summary"]["sections"]["error"]
    assert item["errors"] == [
        {
            "column": "",
            "message": "This report was already submitted and cannot be changed here; ask the "
            "cluster leader to return it.",
        }
    ]


def test_the_figures_follow_the_rules_of_the_indicators_kind(officer, cast):
    content = edited(
        exported(officer, cast),
        {"van-ban-den": {"Numerator": 20, "Denominator": 10}, "dang-vien-moi": {"Value": 2.5}},
    )

    job = checked(officer, cast.cq, content, dataset="indicator_values", period=cast.q1)

    errors = {
        item["key"]: [(e["column"], e["message"]) for e in item["errors"]]
        for item in job.params["summary"]["sections"]["error"]
    }
    assert errors == {
        "VAN-BAN-DEN": [
            ("Numerator", "Văn bản đã xử lý (20) cannot be more than Văn bản đến (10).")
        ],
        "DANG-VIEN-MOI": [("Value", "A count is a whole number, zero or more.")],
    }


def test_an_indicator_of_another_period_is_not_a_valid_code(officer, cast):
    content = edited(exported(officer, cast), add=[["hoi-nghi", None, None, None, None, 1]])

    job = checked(officer, cast.cq, content, dataset="indicator_values", period=cast.q1)

    [item] = job.params["summary"]["sections"]["error"]
    assert item["errors"][0]["column"] == "Indicator code"
