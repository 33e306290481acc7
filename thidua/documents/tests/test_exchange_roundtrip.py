"""The offline round-trip of a unit's people: export, edit offline, the server changes meanwhile,
upload, read the merge report, confirm. Through the pages and the jobs, with the shared cast;
pages and jobs run in English so the messages read as their msgids."""

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from thidua.core.models import Job
from thidua.documents.exchange import people as people_dataset
from thidua.documents.tests.exchange_helpers import (
    checked,
    confirm,
    edited,
    field_rows,
    people_cast,
)
from thidua.org import services as org_services
from thidua.org.models import Membership, Person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_in_tmp", "english_pages")]


@pytest.fixture
def cast(world):
    people_cast(world)
    world.hoa = org_services.person_create(
        by=None, unit=world.cq, full_name="Đỗ Thị Hoà", gender="female", staff_code="CQ004"
    )
    return world


@pytest.fixture
def exported(officer, cast) -> bytes:
    """The officer downloads the data of "cq" through the page."""
    response = officer.get(
        reverse("documents:exchange_download"),
        {"down-dataset": "people", "down-unit": cast.cq.pk, "data": "1"},
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.content


NEW_ROW = ["CQ003", "Lê Thị Mai", "Female", dt.date(1990, 5, 12), dt.date(2015, 8, 1), None]


@pytest.fixture
def offline_work(cast, exported) -> bytes:
    """Offline: Bích's name and Dũng's start changed, Mai added, Hoà's row deleted. Meanwhile
    on the server: Bích's name and Dũng's date of birth changed."""
    content = edited(
        exported,
        {
            "CQ001": {"Full name": "Trần Thị Bích Hà"},
            "CQ002": {"Employment start": dt.date(2012, 3, 1)},
        },
        add=[[*NEW_ROW[:5], cast.cq_dept.code]],
        delete=("CQ004",),
    )
    org_services.person_update(person=cast.cq_person, by=None, full_name="Trần Thị Bích Ngọc")
    org_services.person_update(person=cast.dung, by=None, birth_date=dt.date(1985, 2, 3))
    return content


def test_the_preview_shows_a_conflict_with_the_exported_the_server_and_the_file_value(
    officer, cast, offline_work
):
    check = checked(officer, cast.cq, offline_work)

    assert check.status == Job.Status.SUCCEEDED, check.message
    conflict = field_rows(check, "conflict")
    assert [(c["key"], c["column"], c["base"], c["theirs"], c["mine"]) for c in conflict] == [
        ("CQ001", "Full name", "Trần Thị Bích", "Trần Thị Bích Ngọc", "Trần Thị Bích Hà")
    ]


def test_the_preview_lists_the_change_the_server_only_change_the_new_and_the_missing_row(
    officer, cast, offline_work
):
    check = checked(officer, cast.cq, offline_work)

    changes = {(f["key"], f["column"], f["outcome"]) for f in field_rows(check, "change")}
    assert changes == {
        ("CQ002", "Employment start", "change"),
        ("CQ002", "Date of birth", "server_newer"),
    }
    sections = check.params["summary"]["sections"]
    assert [item["key"] for item in sections["new"]] == ["CQ003"]
    assert [item["key"] for item in sections["missing"]] == ["CQ004"]


def test_confirming_without_ticking_keeps_the_servers_value_of_a_conflict(
    officer, cast, offline_work
):
    check = checked(officer, cast.cq, offline_work)

    job = confirm(officer, check)

    assert job.status == Job.Status.SUCCEEDED, job.message
    cast.cq_person.refresh_from_db()
    cast.dung.refresh_from_db()
    assert cast.cq_person.full_name == "Trần Thị Bích Ngọc"
    assert cast.dung.employment_start == dt.date(2012, 3, 1)
    assert cast.dung.birth_date == dt.date(1985, 2, 3)  # the server's change stays


def test_ticking_use_the_files_value_writes_it(officer, cast, offline_work):
    check = checked(officer, cast.cq, offline_work)
    [conflict] = field_rows(check, "conflict")

    confirm(officer, check, accept=[conflict["id"]])

    cast.cq_person.refresh_from_db()
    assert cast.cq_person.full_name == "Trần Thị Bích Hà"


def test_a_new_row_creates_the_person_with_a_main_post_in_the_unit_it_names(
    officer, cast, offline_work
):
    confirm(officer, checked(officer, cast.cq, offline_work))

    mai = Person.objects.get(staff_code="CQ003")
    assert (mai.full_name, mai.gender, mai.unit, mai.birth_date) == (
        "Lê Thị Mai", "female", cast.cq_dept, dt.date(1990, 5, 12)
    )  # fmt: skip
    post = Membership.objects.get(person=mai)
    assert (post.unit, post.start_date, post.is_concurrent) == (
        cast.cq_dept, dt.date(2015, 8, 1), False
    )  # fmt: skip
    assert mai.history.get().history_user == cast.officer


def test_a_row_deleted_from_the_file_is_not_deleted_on_the_server(officer, cast, offline_work):
    confirm(officer, checked(officer, cast.cq, offline_work))

    assert Person.objects.filter(pk=cast.hoa.pk).exists()


def test_a_change_on_the_server_after_the_check_stops_the_save_with_nothing_written(
    officer, cast, offline_work
):
    check = checked(officer, cast.cq, offline_work)
    org_services.person_update(person=cast.dung, by=None, employment_start=dt.date(2011, 1, 1))

    job = confirm(officer, check)

    assert job.status == Job.Status.FAILED
    assert "changed after your check" in job.message
    assert not Person.objects.filter(staff_code="CQ003").exists()


def test_a_failure_while_saving_leaves_nothing_written(officer, cast, offline_work, monkeypatch):
    check = checked(officer, cast.cq, offline_work)

    def refuse(**kwargs):
        raise people_dataset.DomainError("The database refused the change.")

    monkeypatch.setattr(people_dataset.services, "person_update", refuse)
    job = confirm(officer, check)

    assert job.status == Job.Status.FAILED
    assert "The database refused the change." in job.message
    assert not Person.objects.filter(staff_code="CQ003").exists()  # created first, rolled back
    cast.dung.refresh_from_db()
    assert cast.dung.employment_start is None  # its change was in the same transaction


def test_the_kept_upload_is_removed_once_saved(officer, cast, offline_work):
    check = checked(officer, cast.cq, offline_work)

    confirm(officer, check)

    assert not default_storage.exists(check.params["file"])


def test_a_second_confirmation_of_the_same_check_starts_nothing(officer, cast, offline_work):
    check = checked(officer, cast.cq, offline_work)
    confirm(officer, check)
    jobs_before = Job.objects.count()

    response = officer.post(reverse("documents:exchange_confirm", args=[check.pk]))

    assert Job.objects.count() == jobs_before
    assert response.status_code == 302


def test_the_preview_page_shows_the_conflict_with_a_checkbox(officer, cast, offline_work):
    check = checked(officer, cast.cq, offline_work)

    page = officer.get(reverse("documents:exchange_preview", args=[check.pk])).content.decode()

    assert "Trần Thị Bích Ngọc" in page and "Trần Thị Bích Hà" in page
    assert 'name="accept"' in page
    assert "Use the file's value" in page


def test_an_unchanged_workbook_changes_nothing(officer, cast, exported):
    check = checked(officer, cast.cq, exported)

    counts = check.params["summary"]["counts"]
    assert counts["unchanged"] == 3
    assert sum(counts.values()) == 3
