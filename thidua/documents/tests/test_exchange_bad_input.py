"""Bad uploads get a clear message and nothing is imported: not a workbook, too big, columns
missing, a code that does not exist, a date in the wrong format, a row without its staff code,
a person of another unit."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from thidua.core.models import Job
from thidua.documents.tests.exchange_helpers import (
    PEOPLE_HEADER,
    checked,
    edited,
    people_cast,
    people_export,
    plain_workbook,
    upload,
)
from thidua.org import services as org_services
from thidua.org.models import Person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_in_tmp", "english_pages")]


@pytest.fixture
def cast(world):
    return people_cast(world)


def file_errors(response) -> str:
    assert response.status_code == 200
    return " ".join(response.context["upload"].errors["file"])


def errors_of(job: Job) -> list[tuple[int, str, str]]:
    """(row, column, message) of every error in the check's report."""
    return [
        (item["line"], error["column"], error["message"])
        for item in job.params["summary"]["sections"]["error"]
        for error in item["errors"]
    ]


def new_row(cast, **changes) -> list:
    values = {
        "Staff code": "CQ003",
        "Full name": "Lê Thị Mai",
        "Gender": "Female",
        "Date of birth": dt.date(1990, 5, 12),
        "Employment start": None,
        "Unit code": cast.cq_dept.code,
    } | changes
    return [values[label] for label in PEOPLE_HEADER[:6]]


def test_a_file_that_is_not_a_workbook_is_refused_and_nothing_is_started(officer, cast):
    message = file_errors(upload(officer, cast.cq, b"staff code;full name\nCQ003;Mai\n"))

    assert message == (
        "This file is not an Excel workbook (.xlsx). Save it as .xlsx and upload it again."
    )
    assert not Job.objects.exists()


def test_a_50_mb_upload_is_refused_with_its_size_and_the_limit(officer, cast, settings):
    settings.THIDUA_IMPORT_MAX_BYTES = 20 * 1024 * 1024
    handle = io.BytesIO(b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024 - 4))
    handle.name = "big.xlsx"

    response = officer.post(
        reverse("documents:exchange"),
        {"up-dataset": "people", "up-unit": cast.cq.pk, "up-file": handle},
    )

    assert file_errors(response) == "The file is 50.0 MB; the limit is 20 MB."
    assert not Job.objects.exists()


def test_missing_columns_are_named(officer, cast):
    content = plain_workbook([], header=("Staff code", "Full name", "Unit code"))

    message = file_errors(upload(officer, cast.cq, content))

    assert message == "These columns are missing: Gender, Date of birth, Employment start."


def test_an_unknown_code_is_an_error_of_its_cell_and_nothing_can_be_saved(officer, cast):
    content = edited(people_export(cast), add=[new_row(cast, **{"Unit code": "KT-9"})])

    job = checked(officer, cast.cq, content)

    assert errors_of(job) == [
        (4, "Unit code", "'KT-9' is not one of the codes on the sheet Unit code.")
    ]
    page = officer.get(reverse("documents:exchange_preview", args=[job.pk])).content.decode()
    assert 'data-testid="exchange-confirm"' not in page
    officer.post(reverse("documents:exchange_confirm", args=[job.pk]))
    assert Job.objects.count() == 1  # no save job was started
    assert not Person.objects.filter(staff_code="CQ003").exists()


def test_a_date_in_the_wrong_format_is_an_error_of_its_cell(officer, cast):
    content = edited(
        people_export(cast), {"CQ002": {"Date of birth": "1985-31-12"}}, add=[new_row(cast)]
    )

    job = checked(officer, cast.cq, content)

    assert errors_of(job) == [(3, "Date of birth", "1985-31-12 is not a real date.")]


def test_a_date_written_in_words_asks_for_day_month_year(officer, cast):
    content = edited(people_export(cast), {"CQ002": {"Date of birth": "12 May 1985"}})

    job = checked(officer, cast.cq, content)

    assert errors_of(job) == [
        (3, "Date of birth", "'12 May 1985' is not a date; write it as dd/mm/yyyy.")
    ]


def test_a_date_typed_as_day_month_year_text_is_read(officer, cast):
    content = edited(people_export(cast), {"CQ002": {"Date of birth": "03/02/1985"}})

    job = checked(officer, cast.cq, content)

    [item] = job.params["summary"]["sections"]["change"]
    assert [(f["column"], f["mine"]) for f in item["fields"]] == [("Date of birth", "03/02/1985")]


def test_a_row_without_a_staff_code_is_refused_with_why(officer, cast):
    content = edited(people_export(cast), add=[new_row(cast, **{"Staff code": None})])

    job = checked(officer, cast.cq, content)

    [(line, column, message)] = errors_of(job)
    assert (line, column) == (4, "Staff code")
    assert message.startswith("Fill in the staff code: it is how a row is matched with a person.")


def test_a_required_cell_left_empty_is_an_error(officer, cast):
    content = edited(people_export(cast), add=[new_row(cast, **{"Full name": "  "})])

    job = checked(officer, cast.cq, content)

    assert errors_of(job) == [(4, "Full name", "Fill in this cell.")]


def test_the_same_staff_code_twice_in_the_file_is_refused(officer, cast):
    content = edited(people_export(cast), add=[new_row(cast), new_row(cast)])

    job = checked(officer, cast.cq, content)

    assert errors_of(job) == [(5, "Staff code", "Row 4 already has this staff code.")]


def test_a_person_of_another_unit_cannot_be_imported_here(officer, cast):
    org_services.person_update(person=cast.kt_person, by=None, staff_code="KT001")
    content = edited(people_export(cast), add=[new_row(cast, **{"Staff code": "kt001"})])

    job = checked(officer, cast.cq, content)

    assert errors_of(job) == [
        (4, "Staff code", "Staff code kt001 belongs to a person of another unit.")
    ]
    cast.kt_person.refresh_from_db()
    assert cast.kt_person.unit == cast.kt


def test_a_unit_outside_the_subtree_is_not_a_valid_unit_code(officer, cast):
    content = edited(people_export(cast), {"CQ002": {"Unit code": cast.kt.code}})

    job = checked(officer, cast.cq, content)

    [(line, column, _message)] = errors_of(job)
    assert (line, column) == (3, "Unit code")


def test_a_row_in_error_is_not_also_reported_missing(officer, cast):
    content = edited(people_export(cast), {"CQ002": {"Date of birth": "12 May 1985"}})

    job = checked(officer, cast.cq, content)

    counts = job.params["summary"]["counts"]
    assert (counts["error"], counts["missing"]) == (1, 0)
