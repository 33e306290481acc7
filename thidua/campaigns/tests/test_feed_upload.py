"""Indicator values from a file: template, upload, preview, and the job that saves every row.

The officer of "cq" uploads the quarterly counts of Cluster 6 for 2025 (VB_DEN, a count, and
VB_DUNG_HAN, a ratio). Today is 15 July 2025: Q1 and Q2 are open. Pages and jobs run in
English so the messages read as their msgids.
"""

import contextlib
import datetime as dt
import io

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from thidua.campaigns import feed_import
from thidua.campaigns.models import Indicator, IndicatorReport
from thidua.campaigns.services import feeds as services
from thidua.campaigns.services.reports import period_close, periods_ensure
from thidua.core.jobs import run_job
from thidua.core.models import Job
from thidua.core.tests.helpers import sign_in
from thidua.org import services as org_services

pytestmark = pytest.mark.django_db
KEYS = ("unit", "indicator", "year", "period", "numerator", "denominator", "value", "note")


@pytest.fixture(autouse=True)
def mid_july():
    with time_machine.travel(dt.datetime(2025, 7, 15, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def cast(world):
    for unit, code in ((world.cq, "CQ"), (world.dn, "DN")):
        org_services.unit_update(unit=unit, by=None, code=code)
        unit.refresh_from_db()
    common = {"cluster": world.cluster6, "year": 2025, "frequency": "quarter"}
    world.received = Indicator.objects.create(code="VB_DEN", name="Văn bản đến", **common)
    world.on_time = Indicator.objects.create(
        code="VB_DUNG_HAN", name="Văn bản đúng hạn", kind=Indicator.Kind.RATIO, **common
    )
    world.periods = {p.key: p for p in periods_ensure(cluster=world.cluster6, year=2025, by=None)}
    return world


@pytest.fixture
def officer(client, cast):
    sign_in(client, cast.officer)
    return client


def count(**changes) -> dict:
    return {
        "unit": "CQ",
        "indicator": "VB_DEN",
        "year": 2025,
        "period": "Q2",
        "value": 120,
    } | changes


def ratio(**changes) -> dict:
    row = {"unit": "CQ", "indicator": "VB_DUNG_HAN", "year": 2025, "period": "Q2"}
    return row | {"numerator": 1054, "denominator": 1709} | changes


def xlsx(rows: list[dict], keys: tuple[str, ...] = KEYS) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append([feed_import.column_label(key) for key in keys])
    for values in rows:
        sheet.append([values.get(key) for key in keys])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[dict], *, delimiter: str = ",", bom: bool = False) -> bytes:
    lines = [delimiter.join(feed_import.column_label(key) for key in KEYS)]
    lines += [delimiter.join(str(row.get(key, "")) for key in KEYS) for row in rows]
    return ("\ufeff" if bom else "").encode() + "\r\n".join(lines).encode()


def upload(client, content: bytes, name: str = "values.xlsx"):
    handle = io.BytesIO(content)
    handle.name = name
    return client.post(reverse("campaigns:feed_upload"), {"file": handle})


def preview(client, content: bytes, name: str = "values.xlsx"):
    """Upload, follow the redirect to the preview: (page, preview url)."""
    response = upload(client, content, name)
    assert response.status_code == 302, response.content.decode()
    return client.get(response.url), response.url


def confirm(client, preview_url: str) -> Job:
    client.post(preview_url + "confirm/")
    job = Job.objects.latest("pk")
    with contextlib.suppress(Exception):  # a refused upload fails its job on purpose
        run_job.call(job_id=job.pk)
    job.refresh_from_db()
    return job


def errors_of(page) -> list[tuple[int, str | None]]:
    return [(error.index, error.field) for error in page.context["outcome"].errors]


def report_of(world, indicator) -> IndicatorReport:
    return IndicatorReport.objects.get(unit=world.cq, indicator=indicator)


# ---- the template ------------------------------------------------------------------------------


def test_the_template_has_the_headings_and_the_codes_of_the_officers_units(officer, cast):
    response = officer.get(reverse("campaigns:feed_upload_template"))
    book = load_workbook(io.BytesIO(response.content))
    data, units, indicators = book.worksheets[:3]
    headings = [cell.value for cell in data[1]][:4]
    assert headings == ["Unit code", "Indicator code", "Year", "Reporting period"]
    unit_codes = [row[0] for row in units.iter_rows(min_row=2, values_only=True)]
    assert unit_codes == ["CQ", cast.cq_dept.code]  # cq and its department, not dn
    codes = {row[0] for row in indicators.iter_rows(min_row=2, values_only=True)}
    assert codes == {"VB_DEN", "VB_DUNG_HAN"}


def test_the_downloaded_template_once_filled_in_is_accepted(officer, cast):
    response = officer.get(reverse("campaigns:feed_upload_template"))
    book = load_workbook(io.BytesIO(response.content))
    book.worksheets[0].append(["CQ", "VB_DEN", 2025, "Q2", None, None, 120])
    buffer = io.BytesIO()
    book.save(buffer)
    page, _url = preview(officer, buffer.getvalue())
    assert page.context["counts"]["created"] == 1


# ---- preview and confirmation ------------------------------------------------------------------


def test_the_preview_shows_each_rows_action_and_saves_nothing(officer, cast):
    page, _url = preview(officer, xlsx([count(), ratio()]))
    assert [row["action"] for row in page.context["rows"]] == ["New", "New"]
    assert page.context["bad_rows"] == 0
    assert not IndicatorReport.objects.exists()


def test_the_preview_tells_a_replaced_value_from_an_unchanged_one(officer, cast):
    _page, url = preview(officer, xlsx([count(), ratio()]))
    confirm(officer, url)
    page, _url = preview(officer, xlsx([count(value=130), ratio()]))
    assert [row["action"] for row in page.context["rows"]] == [
        "Replaces the figures sent before", "Unchanged",
    ]  # fmt: skip


def test_the_preview_shows_the_errors_by_row_and_column(officer, cast):
    rows = [count(), count(period="Q9"), ratio(numerator=2000), count(unit="NOPE", value=-3)]
    page, _url = preview(officer, xlsx(rows))
    assert errors_of(page) == [(3, "period"), (4, "numerator"), (5, "unit")]
    assert (page.context["read"], page.context["bad_rows"]) == (4, 3)
    assert b'data-testid="upload-confirm"' not in page.content
    table = page.content.decode()
    assert 'data-row="4" data-column="numerator"' in table


def test_confirming_saves_every_row_through_the_job(officer, cast):
    _page, url = preview(officer, xlsx([count(value=120), ratio()]))
    job = confirm(officer, url)
    assert job.status == Job.Status.SUCCEEDED, job.message
    assert report_of(cast, cast.received).value == 120
    on_time = report_of(cast, cast.on_time)
    assert (on_time.numerator, on_time.denominator) == (1054, 1709)
    assert on_time.source == IndicatorReport.Source.UPLOAD
    assert on_time.history.latest().history_user == cast.officer
    assert job.message == "Rows saved: 2 new, 0 replaced, 0 unchanged."


def test_the_kept_upload_is_removed_once_saved(officer, cast):
    _page, url = preview(officer, xlsx([count()]))
    job = confirm(officer, url)
    assert not default_storage.exists(job.params["file"])


def test_a_file_with_one_bad_row_imports_nothing_even_when_confirmed(officer, cast):
    _page, url = preview(officer, xlsx([count(), ratio(numerator=2000)]))
    job = confirm(officer, url)
    assert job.status == Job.Status.FAILED
    assert "Rows with errors: 1" in job.message
    assert not IndicatorReport.objects.exists()


def test_the_job_writes_nothing_when_a_period_closes_after_the_preview(officer, cast):
    _page, url = preview(officer, xlsx([count(period="Q1"), count(period="Q2")]))
    period_close(period=cast.periods["Q2"], by=cast.leader_officer)
    job = confirm(officer, url)
    assert job.status == Job.Status.FAILED
    assert not IndicatorReport.objects.exists()


def test_the_same_key_twice_in_the_file_is_refused(officer, cast):
    page, url = preview(officer, xlsx([count(value=1), ratio(), count(value=2)]))
    assert errors_of(page) == [(4, None)]
    assert "Row 2 already has values" in page.context["outcome"].errors[0].message
    assert confirm(officer, url).status == Job.Status.FAILED
    assert not IndicatorReport.objects.exists()


def test_a_unit_the_officer_does_not_report_for_is_refused(officer, cast):
    page, _url = preview(officer, xlsx([count(unit="DN")]))
    assert errors_of(page) == [(2, "unit")]


def test_another_users_upload_can_be_neither_seen_nor_confirmed(client, officer, cast):
    _page, url = preview(officer, xlsx([count()]))
    sign_in(client, cast.leader_officer)
    assert client.get(url).status_code == 404
    assert client.post(url + "confirm/").status_code == 404


def test_a_user_who_reports_for_no_unit_cannot_upload(client, cast):
    sign_in(client, cast.secretary)
    assert client.get(reverse("campaigns:feed_upload")).status_code == 403


# ---- kinds of file -----------------------------------------------------------------------------


def test_a_semicolon_csv_with_a_bom_is_accepted(officer, cast):
    content = csv_bytes([count(value=120), ratio()], delimiter=";", bom=True)
    page, url = preview(officer, content, "values.csv")
    assert page.context["counts"]["created"] == 2, errors_of(page)
    assert confirm(officer, url).status == Job.Status.SUCCEEDED
    assert report_of(cast, cast.received).value == 120


def test_a_comma_csv_with_english_short_headings_is_accepted(officer, cast):
    content = b"unit,indicator,year,period,value\r\nCQ,VB_DEN,2025,Q2,7\r\n"
    page, _url = preview(officer, content, "values.csv")
    assert page.context["counts"]["created"] == 1, errors_of(page)


def test_a_png_renamed_xlsx_is_refused(officer, cast):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    response = upload(officer, png, "values.xlsx")
    assert response.status_code == 200
    assert "not an Excel workbook" in str(response.context["form"].errors["file"])


def test_a_png_renamed_csv_is_refused(officer, cast):
    response = upload(officer, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "values.csv")
    assert "not a CSV text file" in str(response.context["form"].errors["file"])


def test_a_file_of_another_kind_is_refused(officer, cast):
    response = upload(officer, b"%PDF-1.7", "values.pdf")
    assert "Upload a CSV file" in str(response.context["form"].errors["file"])


def test_missing_columns_are_named(officer, cast):
    response = upload(officer, xlsx([count()], keys=("unit", "year", "period", "value")))
    assert "These columns are missing: Indicator code." in str(response.context["form"].errors)


def test_a_file_over_the_size_limit_is_refused(officer, cast, monkeypatch):
    monkeypatch.setattr(feed_import, "MAX_FILE_SIZE", 100)
    response = upload(officer, xlsx([count()]))
    assert "larger than" in str(response.context["form"].errors["file"])


def test_the_upload_and_the_feed_write_the_same_report(officer, cast):
    """A value pushed by the feed, then the same value uploaded: one report, unchanged."""
    token, _secret = services.feed_token_create(unit=cast.cq, name="DMS", by=cast.officer)
    _item = feed_import.items_from_json(count())[0]
    services.feed_values_record(
        items=_item, allow=services.feed_token_covers(token), by=None,
        source=IndicatorReport.Source.FEED,
    )  # fmt: skip
    page, _url = preview(officer, xlsx([count()]))
    assert [row["action"] for row in page.context["rows"]] == ["Unchanged"]
