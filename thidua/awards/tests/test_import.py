"""The award history import through its pages and its job, with the shared cast.

The officer of unit "cq" imports for "cq", whose department employs Trần Thị Bích (staff code
CQ001) and Phạm Văn Dũng (CQ002). Files are written with the template's own header labels;
pages and jobs run in English so the messages read as their msgids.
"""

import contextlib
import datetime as dt
import io
import os
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from thidua.awards import import_views, importer, services
from thidua.awards.models import AwardRecord, AwardType, Subject
from thidua.core.jobs import run_job
from thidua.core.models import Job
from thidua.core.tests.helpers import sign_in
from thidua.org import services as org_services

pytestmark = pytest.mark.django_db

GOOD_ROW = {
    "staff_code": "CQ001",
    "full_name": "Trần Thị Bích",
    "award": "LDTT",
    "year": 2022,
    "decision_number": "15/QĐ-BTC",
    "decision_date": "20/01/2023",
    "issuer": "Ban Tổ chức Đảng ủy Khối",
}


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
    org_services.person_update(person=world.cq_person, by=None, staff_code="CQ001")
    world.dung = org_services.person_create(
        by=None, unit=world.cq_dept, full_name="Phạm Văn Dũng", gender="male", staff_code="CQ002"
    )
    return world


@pytest.fixture
def officer(client, cast):
    sign_in(client, cast.officer)
    return client


def row(**changes) -> dict:
    return {**GOOD_ROW, **changes}


def dung_row(**changes) -> dict:
    return row(**{"staff_code": "CQ002", "full_name": "Phạm Văn Dũng", **changes})


def unit_row(unit, **changes) -> dict:
    subject = {"staff_code": None, "full_name": None, "unit_code": unit.code}
    return row(**{**subject, "award": "TTLDTT", **changes})


def xlsx(rows: list[dict], *, columns: tuple[str, ...] | None = None) -> bytes:
    keys = columns or tuple(c.key for c in importer.COLUMNS)
    book = Workbook()
    sheet = book.active
    sheet.append([importer.column_label(key) for key in keys])
    for values in rows:
        sheet.append([values.get(key) for key in keys])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, unit, content: bytes, name: str = "history.xlsx"):
    handle = io.BytesIO(content)
    handle.name = name
    return client.post(reverse("awards:import_upload"), {"unit": unit.pk, "file": handle})


def preview(client, unit, rows: list[dict]):
    """Upload the rows, follow the redirect to the preview: (page, preview url)."""
    response = upload(client, unit, xlsx(rows))
    assert response.status_code == 302, response.content.decode()
    return client.get(response.url), response.url


def confirm(client, preview_url: str) -> Job:
    response = client.post(preview_url + "confirm/")
    job = Job.objects.latest("pk")
    assert response.url == reverse("job_detail", args=[job.pk])
    return job


def run(job: Job) -> Job:
    with contextlib.suppress(Exception):  # a refused import fails its job on purpose
        run_job.call(job_id=job.pk)
    job.refresh_from_db()
    return job


def error_texts(page) -> list[str]:
    return [str(error) for error in page.context["result"].errors]


def record(person, **values) -> AwardRecord:
    award = AwardType.objects.get(code=values.pop("award", "LDTT"))
    year = values.pop("year", 2022)
    return services.award_record_add(award=award, year=year, person=person, by=None, **values)


# ---- the template ------------------------------------------------------------------------


def template_book(client):
    response = client.get(reverse("awards:import_template"))
    assert response["Content-Type"] == import_views.XLSX
    assert response["Content-Disposition"].startswith("attachment;")
    return load_workbook(io.BytesIO(response.content))


def test_the_template_lists_the_award_codes_with_their_vietnamese_names(officer):
    book = template_book(officer)

    awards = list(book.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert ("CSTDCS", "Chiến sĩ thi đua cơ sở", str(Subject.INDIVIDUAL.label)) in awards
    assert ("TTLDTT", "Tập thể lao động tiên tiến", str(Subject.COLLECTIVE.label)) in awards
    assert len(awards) == AwardType.objects.count()


def test_the_template_lists_only_the_units_the_user_manages(officer, cast):
    book = template_book(officer)

    codes = [code for code, _name in book.worksheets[2].iter_rows(min_row=2, values_only=True)]
    assert codes == [cast.cq.code, cast.cq_dept.code]


def test_the_template_lists_the_criteria_a_cstdcs_was_won_on(officer):
    book = template_book(officer)

    limbs = book.worksheets[3].iter_rows(min_row=2, values_only=True)
    assert [value for value, _meaning in limbs] == ["htxs", "initiative"]


def test_the_template_has_a_frozen_header_in_the_users_language(officer):
    data = template_book(officer).worksheets[0]

    assert data.freeze_panes == "A2"
    assert [cell.value for cell in data[1]] == [str(c.label) for c in importer.COLUMNS]


def test_the_template_checks_codes_years_and_dates_in_the_cells(officer):
    book = template_book(officer)

    rules = {
        str(rule.sqref).split(":")[0].rstrip("0123456789"): rule
        for rule in book.worksheets[0].data_validations.dataValidation
    }
    awards, units, limbs = (f"{book.worksheets[i].title}'!$A$2" for i in (1, 2, 3))
    assert rules["D"].type == "list" and awards in rules["D"].formula1
    assert rules["B"].type == "list" and units in rules["B"].formula1
    assert rules["J"].type == "list" and limbs in rules["J"].formula1
    for year_column in ("E", "F"):
        rule = rules[year_column]
        assert (rule.type, rule.formula1, rule.formula2) == ("whole", "1945", "2100")
    assert rules["H"].type == "date"


def test_the_downloaded_template_once_filled_in_is_accepted(officer, cast):
    book = template_book(officer)
    book.worksheets[0].append([row().get(c.key) for c in importer.COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)

    response = upload(officer, cast.cq, buffer.getvalue())
    page = officer.get(response.url)

    assert (error_texts(page), len(page.context["result"].rows)) == ([], 1)


# ---- a good file -------------------------------------------------------------------------


def test_the_preview_shows_the_rows_and_saves_nothing(officer, cast):
    page, _url = preview(officer, cast.cq, [row(), dung_row()])

    assert (page.context["result"].read, len(page.context["result"].rows)) == (2, 2)
    assert 'data-testid="import-confirm"' in page.content.decode()
    assert not AwardRecord.objects.exists()


def test_a_good_file_imports_every_row_as_the_user_who_confirmed(officer, cast):
    rows = [
        row(),
        row(award="CSTDCS", limb="initiative", decision_number="7/QĐ"),
        dung_row(full_name="pham van dung", revoked="x"),
        unit_row(cast.cq_dept),
    ]
    _page, url = preview(officer, cast.cq, rows)

    job = run(confirm(officer, url))

    assert job.status == Job.Status.SUCCEEDED
    records = AwardRecord.objects.all()
    assert records.count() == 4
    assert {r.source for r in records} == {AwardRecord.Source.IMPORT}
    assert {h.history_user for r in records for h in r.history.all()} == {cast.officer}


def test_each_cell_lands_in_its_field(officer, cast):
    _page, url = preview(officer, cast.cq, [row(award="CSTDCS", limb="htxs", period_start=2021)])

    run(confirm(officer, url))

    saved = AwardRecord.objects.get()
    assert (saved.person, saved.award.code, saved.period_start, saved.year) == (
        cast.cq_person,
        "CSTDCS",
        2021,
        2022,
    )
    assert (saved.decision_number, saved.decision_date, saved.issuer, saved.limb) == (
        "15/QĐ-BTC",
        dt.date(2023, 1, 20),
        "Ban Tổ chức Đảng ủy Khối",
        "htxs",
    )
    assert saved.revoked is False


def test_a_unit_row_records_a_collective_award_for_the_unit(officer, cast):
    _page, url = preview(officer, cast.cq, [unit_row(cast.cq_dept)])

    run(confirm(officer, url))

    saved = AwardRecord.objects.get()
    assert (saved.unit, saved.person, saved.award.code) == (cast.cq_dept, None, "TTLDTT")


def test_the_job_page_says_how_many_awards_were_imported(officer, cast):
    _page, url = preview(officer, cast.cq, [row(), dung_row()])
    job = run(confirm(officer, url))

    page = officer.get(reverse("job_detail", args=[job.pk])).content.decode()

    assert "Awards imported: 2." in page
    assert "100% done" in page


def test_the_kept_upload_is_removed_once_imported(officer, cast):
    _page, url = preview(officer, cast.cq, [row()])
    token = url.rstrip("/").rsplit("/", 1)[-1]

    run(confirm(officer, url))

    assert not default_storage.exists(f"awards/imports/{cast.officer.pk}/{token}.xlsx")


def test_an_upload_never_confirmed_is_removed_a_day_later_at_the_next_upload(
    officer, cast, tmp_path
):
    _page, first = preview(officer, cast.cq, [row()])
    old = tmp_path / f"awards/imports/{cast.officer.pk}/{first.rstrip('/').rsplit('/', 1)[-1]}.xlsx"
    two_days_ago = (dt.datetime.now() - dt.timedelta(days=2)).timestamp()
    os.utime(old, (two_days_ago, two_days_ago))

    _page, second = preview(officer, cast.cq, [row()])

    assert not old.exists()
    assert officer.get(first).status_code == 404
    assert officer.get(second).status_code == 200


def test_dates_typed_as_dates_and_years_typed_as_text_are_understood(officer, cast):
    typed = row(year="2022", decision_date=dt.datetime(2023, 1, 20))

    page, _url = preview(officer, cast.cq, [typed])

    assert error_texts(page) == []


def test_names_are_compared_without_diacritics_case_or_extra_spaces(officer, cast):
    page, _url = preview(officer, cast.cq, [row(full_name="  TRAN THI  bich ")])

    assert error_texts(page) == []


def test_a_file_with_vietnamese_headers_is_read_by_an_english_user(officer, cast):
    with translation.override("vi"):
        headers = [importer.column_label(c.key) for c in importer.COLUMNS]
    assert "Họ và tên" in headers
    book = Workbook()
    book.active.append(headers)
    book.active.append([row().get(c.key) for c in importer.COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)

    assert upload(officer, cast.cq, buffer.getvalue()).status_code == 302


def test_headers_are_recognised_whatever_their_case_or_accents(officer, cast):
    book = Workbook()
    book.active.append([importer.column_label(c.key).upper() for c in importer.COLUMNS])
    book.active.append([row().get(c.key) for c in importer.COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)

    assert upload(officer, cast.cq, buffer.getvalue()).status_code == 302


# ---- bad files ---------------------------------------------------------------------------


def test_a_file_with_one_bad_row_names_it_and_offers_no_confirmation(officer, cast):
    page, _url = preview(officer, cast.cq, [row(), dung_row(award="CSTD")])

    assert error_texts(page) == ["Row 3, column Award code: 'CSTD' does not exist."]
    html = page.content.decode()
    assert "&#x27;CSTD&#x27; does not exist." in html
    assert 'data-testid="import-confirm"' not in html


def test_a_file_with_one_bad_row_imports_nothing_even_when_confirmed(officer, cast):
    _page, url = preview(officer, cast.cq, [row(), dung_row(award="CSTD")])

    job = run(confirm(officer, url))

    assert job.status == Job.Status.FAILED
    assert "Row 3, column Award code" in job.message
    assert not AwardRecord.objects.exists()


def test_a_text_file_renamed_xlsx_is_refused(officer, cast):
    response = upload(officer, cast.cq, b"Ho ten;Danh hieu\nTran Thi Bich;LDTT\n")

    assert response.status_code == 200
    assert "not an Excel workbook" in str(response.context["form"].errors["file"])


def test_a_zip_that_is_not_a_workbook_is_refused(officer, cast):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")

    response = upload(officer, cast.cq, buffer.getvalue())

    assert "not an Excel workbook" in str(response.context["form"].errors["file"])


def test_a_file_over_the_size_limit_is_refused(officer, cast, monkeypatch):
    monkeypatch.setattr(importer, "MAX_FILE_SIZE", 100)

    response = upload(officer, cast.cq, xlsx([row()]))

    assert "larger than" in str(response.context["form"].errors["file"])


def test_missing_columns_are_named(officer, cast):
    content = xlsx([row()], columns=("staff_code", "award", "year", "decision_number"))

    response = upload(officer, cast.cq, content)

    assert response.context["form"].errors["file"] == [
        "These columns are missing: Full name, Decision date, Issued by."
    ]


def test_a_file_without_staff_or_unit_codes_says_one_of_them_is_needed(officer, cast):
    columns = ("full_name", "award", "year", "decision_number", "decision_date", "issuer")

    response = upload(officer, cast.cq, xlsx([row()], columns=columns))

    assert response.context["form"].errors["file"] == [
        "These columns are missing: Staff code or Unit code."
    ]


def test_a_file_with_only_a_header_has_nothing_to_confirm(officer, cast):
    page, _url = preview(officer, cast.cq, [])

    assert page.context["result"].read == 0
    assert 'data-testid="import-confirm"' not in page.content.decode()


def test_a_file_with_only_a_header_imports_nothing_even_when_confirmed(officer, cast):
    _page, url = preview(officer, cast.cq, [])

    job = run(confirm(officer, url))

    assert (job.status, job.message) == (Job.Status.FAILED, "The file has no rows to import.")


# ---- scope -------------------------------------------------------------------------------


def test_a_unit_outside_the_users_scope_is_not_found(client, cast):
    sign_in(client, cast.outsider)

    response = upload(client, cast.cq, xlsx([row()]))

    assert response.status_code == 404
    assert not default_storage.exists("awards/imports")


def test_a_unit_the_user_sees_but_does_not_manage_is_forbidden(client, cast):
    sign_in(client, cast.reviewer)

    assert upload(client, cast.cq, xlsx([row()])).status_code == 403


def test_the_preview_for_a_unit_outside_the_users_scope_is_not_found(officer, cast):
    _page, url = preview(officer, cast.cq, [row()])

    outside = url.replace(f"/import/{cast.cq.pk}/", f"/import/{cast.kt.pk}/")

    assert officer.get(outside).status_code == 404


def test_another_users_upload_can_be_neither_seen_nor_confirmed(client, officer, cast):
    _page, url = preview(officer, cast.cq, [row()])
    sign_in(client, cast.secretary)

    assert client.get(url).status_code == 404
    assert client.post(url + "confirm/").status_code == 404
    assert not Job.objects.exists()


def test_people_and_units_outside_the_chosen_unit_are_refused(officer, cast):
    org_services.person_update(person=cast.kt_person, by=None, staff_code="KT001")
    rows = [row(staff_code="KT001", full_name="Lê Đức Cường"), unit_row(cast.kt)]

    page, _url = preview(officer, cast.cq, rows)

    unit, code = cast.cq.name, cast.kt.code
    assert error_texts(page) == [
        f"Row 2, column Staff code: No person with staff code 'KT001' works in {unit}.",
        f"Row 3, column Unit code: '{code}' is not the code of a unit within {unit}.",
    ]


# ---- cell checks -------------------------------------------------------------------------

# (changes to a good row, the column named, the start of the message)
BAD_CELLS = [
    ({"staff_code": "CQ999"}, "Staff code", "No person with staff code 'CQ999' works in"),
    ({"full_name": "Trần Văn Bích"}, "Full name",
     "'Trần Văn Bích' is not the name of staff code CQ001 (Trần Thị Bích)."),
    ({"full_name": None}, "Full name", "Fill in this cell."),
    ({"award": None}, "Award code", "Fill in this cell."),
    ({"award": "TTLDTT"}, "Award code", "TTLDTT is awarded to collectives, not to people."),
    ({"year": "2022a"}, "Achievement year", "'2022a' is not a whole year."),
    ({"year": 2022.5}, "Achievement year", "'2022.5' is not a whole year."),
    ({"year": 1900}, "Achievement year", "1900 is not between 1945 and 2100."),
    ({"period_start": 2023}, "Period from (year)",
     "The period cannot start after the achievement year."),
    ({"decision_date": "31/02/2023"}, "Decision date", "31/02/2023 is not a real date."),
    ({"decision_date": "2023-01-20"}, "Decision date",
     "'2023-01-20' is not a date; write it as dd/mm/yyyy."),
    ({"decision_date": "20/01/2021"}, "Decision date",
     "The decision date (2021-01-20) is before the achievement year 2022."),
    ({"decision_number": "9" * 65}, "Decision number",
     "At most 64 characters (this cell has 65)."),
    ({"issuer": None}, "Issued by", "Fill in this cell."),
    ({"limb": "htxs"}, "Won on (CSTDCS only)",
     "Only CSTDCS rows take this cell; leave it empty."),
    ({"award": "CSTDCS", "limb": "luck"}, "Won on (CSTDCS only)",
     "'luck' is not one of: htxs, initiative."),
    ({"revoked": "maybe"}, "Revoked",
     "'maybe': write x for a revoked award, or leave the cell empty."),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "column", "message"), BAD_CELLS)
def test_each_bad_cell_is_named_by_row_and_column(officer, cast, changes, column, message):
    page, _url = preview(officer, cast.cq, [row(**changes)])

    errors = error_texts(page)
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"Row 2, column {column}: {message}")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"unit_code": "X"}, "Row 2: Fill in the staff code or the unit code, not both."),
        ({"staff_code": None}, "Row 2: Fill in the staff code of a person or the code of a unit."),
    ],
)
def test_a_row_names_exactly_one_person_or_unit(officer, cast, changes, message):
    page, _url = preview(officer, cast.cq, [row(**changes)])

    assert error_texts(page) == [message]


def test_a_personal_award_on_a_unit_row_is_refused(officer, cast):
    page, _url = preview(officer, cast.cq, [unit_row(cast.cq_dept, award="LDTT")])

    assert error_texts(page) == [
        "Row 2, column Award code: LDTT is awarded to individuals, not to units."
    ]


def test_a_staff_code_shared_by_two_people_is_refused(officer, cast):
    org_services.person_update(person=cast.dung, by=None, staff_code="CQ001")

    page, _url = preview(officer, cast.cq, [row()])

    assert error_texts(page) == [
        f"Row 2, column Staff code: Several people in {cast.cq.name} have staff code 'CQ001'."
    ]


# ---- duplicates --------------------------------------------------------------------------


def test_the_same_award_twice_in_the_file_is_refused(officer, cast):
    page, _url = preview(officer, cast.cq, [row(), row(decision_number="16/QĐ")])

    assert error_texts(page) == [
        "Row 3: Row 2 already has this award for the same person or unit and year."
    ]


def test_a_revoked_row_beside_a_live_one_is_not_a_duplicate(officer, cast):
    _page, url = preview(officer, cast.cq, [row(), row(revoked="x")])

    job = run(confirm(officer, url))

    assert job.status == Job.Status.SUCCEEDED
    assert AwardRecord.objects.filter(person=cast.cq_person).count() == 2


def test_an_award_already_recorded_is_refused(officer, cast):
    record(cast.cq_person)

    page, _url = preview(officer, cast.cq, [row()])

    assert error_texts(page) == [
        "Row 2, column Achievement year: Lao động tiên tiến for 2022 is already recorded."
    ]


def test_a_revoked_record_does_not_block_the_same_award(officer, cast):
    record(cast.cq_person, revoked=True)

    page, _url = preview(officer, cast.cq, [row()])

    assert error_texts(page) == []


def test_the_job_writes_nothing_when_a_row_turns_bad_after_the_preview(officer, cast):
    _page, url = preview(officer, cast.cq, [dung_row(), row()])
    job = confirm(officer, url)
    record(cast.cq_person)  # someone records Bích's award between the preview and the job

    job = run(job)

    assert job.status == Job.Status.FAILED
    assert "Row 3, column Achievement year" in job.message
    assert AwardRecord.objects.count() == 1  # only the one recorded by hand


def test_the_job_writes_nothing_when_the_user_lost_the_unit_in_between(officer, cast):
    _page, url = preview(officer, cast.cq, [row()])
    job = confirm(officer, url)
    cast.officer.role_assignments.all().delete()

    job = run(job)

    assert job.status == Job.Status.FAILED
    assert not AwardRecord.objects.exists()


def test_the_job_undoes_every_row_when_the_last_one_is_refused_while_writing(
    officer, cast, monkeypatch
):
    """A refusal that only the service sees (here: a record added by another worker while this
    job writes) rolls back the rows already written."""
    _page, url = preview(officer, cast.cq, [dung_row(), row()])
    job = confirm(officer, url)
    real_add = services.award_record_add

    def add_racing_a_colleague(**kwargs):
        if kwargs["person"] == cast.cq_person:  # the colleague's record lands first
            real_add(award=kwargs["award"], year=2022, person=cast.cq_person, by=None)
        return real_add(**kwargs)

    monkeypatch.setattr(services, "award_record_add", add_racing_a_colleague)

    job = run(job)

    assert job.status == Job.Status.FAILED
    assert "row 3 was refused" in job.message
    assert not AwardRecord.objects.exists()


# ---- large files -------------------------------------------------------------------------


def test_checking_a_file_costs_the_same_queries_for_any_number_of_rows(
    cast, django_assert_max_num_queries
):
    people = [
        org_services.person_create(
            by=None, unit=cast.cq_dept, full_name=f"Người Số {n}", gender="male", staff_code=f"P{n}"
        )
        for n in range(30)
    ]
    rows = [row(staff_code=p.staff_code, full_name=p.full_name) for p in people]

    with django_assert_max_num_queries(4):
        result = importer.read_import(io.BytesIO(xlsx(rows)), unit=cast.cq)

    assert (len(result.rows), result.errors) == (30, [])
