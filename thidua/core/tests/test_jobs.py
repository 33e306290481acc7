"""The job pages (progress, download, who may see them) and the unit people export job."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from thidua.core.jobs import job_save_result, job_start, run_job
from thidua.core.models import Job
from thidua.org import services
from thidua.org.jobs import UNIT_PEOPLE_EXPORT

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def officer(world):
    """Emulation officer of unit "cq" (and its department)."""
    return world.officer


@pytest.fixture
def outsider(world):
    """Officer of a unit in another branch of the tree."""
    return world.outsider


def make_job(by, **fields) -> Job:
    return Job.objects.create(kind=UNIT_PEOPLE_EXPORT, title="Export", created_by=by, **fields)


def start_export(unit, *, by) -> Job:
    params = {"unit_id": unit.pk, "language": "vi"}
    return job_start(kind=UNIT_PEOPLE_EXPORT, title="Export", params=params, by=by)


def sheet_rows(job: Job) -> list[tuple]:
    job.refresh_from_db()
    with job.result_file.open("rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()))
    return list(book.active.iter_rows(values_only=True))


def test_the_progress_fragment_polls_while_the_job_runs(client, officer):
    job = make_job(officer, status=Job.Status.RUNNING, done=3, total=10)
    client.force_login(officer)

    page = client.get(reverse("job_progress", args=[job.pk])).content.decode()

    assert 'hx-trigger="every 1s"' in page
    assert 'hx-swap="outerHTML"' in page
    assert '<progress class="w-100" value="30" max="100"' in page


def test_the_progress_fragment_stops_polling_and_links_the_result_when_done(client, officer):
    job = make_job(officer, status=Job.Status.SUCCEEDED, done=10, total=10)
    job_save_result(job, filename="people.xlsx", content=b"data")
    client.force_login(officer)

    page = client.get(reverse("job_progress", args=[job.pk])).content.decode()

    assert "hx-trigger" not in page
    assert reverse("job_download", args=[job.pk]) in page


def test_a_failed_job_says_so_without_showing_the_traceback(client, officer):
    job = make_job(officer, status=Job.Status.FAILED, error="Traceback: KeyError secret")
    client.force_login(officer)

    page = client.get(reverse("job_progress", args=[job.pk])).content.decode()

    assert "hx-trigger" not in page
    assert "alert-danger" in page
    assert "KeyError" not in page


def test_the_result_downloads_as_an_attachment(client, officer):
    job = make_job(officer, status=Job.Status.SUCCEEDED)
    job_save_result(job, filename="people.xlsx", content=b"data")
    client.force_login(officer)

    response = client.get(reverse("job_download", args=[job.pk]))

    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == b"data"


@pytest.mark.parametrize("name", ["job_detail", "job_progress", "job_download"])
def test_another_user_cannot_see_someones_job(client, officer, outsider, name):
    job = make_job(officer, status=Job.Status.SUCCEEDED)
    job_save_result(job, filename="people.xlsx", content=b"data")
    client.force_login(outsider)

    assert client.get(reverse(name, args=[job.pk])).status_code == 404


def test_starting_an_export_queues_a_job_and_shows_its_page(client, world):
    client.force_login(world.officer)

    response = client.post(reverse("org:unit_export_start", args=[world.cq.pk]))

    job = Job.objects.get()
    assert response.url == reverse("job_detail", args=[job.pk])
    assert job.params == {"unit_id": world.cq.pk, "language": "vi"}
    assert client.get(response.url).status_code == 200


def test_a_user_outside_the_unit_cannot_start_an_export(client, world):
    client.force_login(world.outsider)

    response = client.post(reverse("org:unit_export_start", args=[world.cq.pk]))

    assert response.status_code == 404
    assert not Job.objects.exists()


def test_the_unit_export_writes_the_people_of_the_whole_subtree(client, world):
    services.person_create(
        by=None,
        unit=world.cq_dept,
        full_name="Nguyễn Thị Lan",
        gender="female",
        birth_date=dt.date(1980, 5, 2),
        employment_start=dt.date(2004, 9, 1),
        position="Chuyên viên",
    )
    client.cookies["django_language"] = "en"
    client.force_login(world.officer)
    client.post(reverse("org:unit_export_start", args=[world.cq.pk]))
    job = Job.objects.get()

    run_job.call(job_id=job.pk)

    header, *rows = sheet_rows(job)
    assert header == (
        "Full name",
        "Gender",
        "Date of birth",
        "Unit",
        "Position",
        "Employment start",
    )
    # Vietnamese order: by given name (Bích before Lan).
    assert [row[0] for row in rows] == ["Trần Thị Bích", "Nguyễn Thị Lan"]
    assert rows[1][1:] == (
        "Female",
        dt.datetime(1980, 5, 2),
        "Phòng Cơ sở đảng",
        "Chuyên viên",
        dt.datetime(2004, 9, 1),
    )
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (Job.Status.SUCCEEDED, 2, 2)


def test_the_export_neutralises_text_that_a_spreadsheet_would_run(world):
    services.person_create(
        by=None, unit=world.cq, full_name="Trần Văn Bình", gender="male", position="=1+2"
    )
    job = start_export(world.cq, by=world.officer)

    run_job.call(job_id=job.pk)

    job.refresh_from_db()
    with job.result_file.open("rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    position = next(row[4] for row in sheet.iter_rows(min_row=2) if row[0].value == "Trần Văn Bình")
    # The text reads back as typed, but as a text cell no spreadsheet evaluates.
    assert (position.value, position.data_type, position.quotePrefix) == ("=1+2", "s", True)


@pytest.mark.django_db(transaction=True)  # the worker commits and closes its connection
def test_the_database_worker_runs_a_queued_export(world):
    job = start_export(world.cq, by=world.officer)
    assert DBTaskResult.objects.count() == 1

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.result_file
