"""The exchange workbook: safe cells, code sheets with cell checks, and the signed hidden sheet
that a tampered copy cannot pass."""

import io

import pytest
from openpyxl import load_workbook

from thidua.core.models import Job
from thidua.core.tests.helpers import sign_in
from thidua.documents.exchange.workbook import META_SHEET
from thidua.documents.tests.exchange_helpers import (
    checked,
    data_rows,
    edited,
    meta_sheet_rows,
    people_cast,
    people_export,
    upload,
)
from thidua.org import services as org_services
from thidua.org.models import Person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_in_tmp", "english_pages")]
TAMPERED = "The hidden control sheet of this workbook has been changed"


@pytest.fixture
def cast(world):
    return people_cast(world)


def reopen(content: bytes, meta: list[list]) -> bytes:
    """The workbook with its hidden sheet's rows replaced."""
    book = load_workbook(io.BytesIO(content))
    sheet = book[META_SHEET]
    for row_index, values in enumerate(meta, start=1):
        for column_index, value in enumerate(values, start=1):
            sheet.cell(row=row_index, column=column_index, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_name_that_looks_like_a_formula_is_exported_as_plain_text(cast):
    name = '=HYPERLINK("http://evil.example","Bấm vào đây")'
    org_services.person_update(person=cast.dung, by=None, full_name=name)

    sheet = load_workbook(io.BytesIO(people_export(cast))).worksheets[0]

    cells = [row[1] for row in sheet.iter_rows(min_row=2) if row[0].value == "CQ002"]
    assert [(cell.value, cell.data_type) for cell in cells] == [(name, "s")]


def test_the_export_holds_each_persons_current_values(cast):
    rows = data_rows(people_export(cast))

    assert rows[0] == [
        "Staff code", "Full name", "Gender", "Date of birth", "Employment start", "Unit code",
        "Position (read only)",
    ]  # fmt: skip
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["CQ002"][1:3] == ["Phạm Văn Dũng", "Male"]
    assert by_code["CQ002"][5] == cast.cq_dept.code
    assert set(by_code) == {"CQ001", "CQ002"}


def test_people_without_a_staff_code_are_left_out_of_the_export(cast):
    org_services.person_create(by=None, unit=cast.cq, full_name="Vũ Văn Khang", gender="male")

    names = [row[1] for row in data_rows(people_export(cast))[1:]]

    assert "Vũ Văn Khang" not in names


def test_the_blank_template_has_the_header_code_sheets_and_cell_checks(cast):
    book = load_workbook(io.BytesIO(people_export(cast, blank=True)))

    assert book.sheetnames == ["People", "Gender", "Unit code", META_SHEET]
    assert [len(list(book["People"].iter_rows()))] == [1]
    assert [r[0] for r in book["Gender"].iter_rows(min_row=2, values_only=True)] == [
        "Female",
        "Male",
    ]
    units = [r[0] for r in book["Unit code"].iter_rows(min_row=2, values_only=True)]
    assert units == [cast.cq.code, cast.cq_dept.code]  # only the unit's own subtree
    rules = {
        str(rule.sqref)[0]: rule.formula1 for rule in book["People"].data_validations.dataValidation
    }
    assert rules == {"C": "'Gender'!$A$2:$A$3", "F": "'Unit code'!$A$2:$A$3"}


def test_the_control_sheet_is_hidden_from_the_user(cast):
    book = load_workbook(io.BytesIO(people_export(cast)))

    assert book[META_SHEET].sheet_state == "veryHidden"


def test_a_tampered_signature_is_refused_at_upload(officer, cast):
    content = people_export(cast)
    meta = meta_sheet_rows(content)
    meta[0][1] = meta[0][1][:-3] + "abc"

    response = upload(officer, cast.cq, reopen(content, meta))

    assert response.status_code == 200
    assert TAMPERED in str(response.context["upload"].errors["file"])
    assert not Job.objects.exists()


def test_a_tampered_exported_value_is_refused_by_the_check(officer, cast):
    content = people_export(cast)
    meta = meta_sheet_rows(content)
    row = next(r for r in meta[1:] if "CQ001" in r[0])
    row[2] = row[2].replace("Trần Thị Bích", "Trần Thị Bích Ngọc")

    job = checked(officer, cast.cq, reopen(content, meta))

    assert job.status == Job.Status.FAILED
    assert TAMPERED in job.message


def test_a_workbook_exported_for_another_unit_is_refused(client, cast):
    sign_in(client, cast.secretary)  # sees and manages both units
    content = people_export(cast, unit=cast.dn)

    response = upload(client, cast.cq, content)

    assert response.status_code == 200
    assert "exported for another unit" in str(response.context["upload"].errors["file"])


def test_an_edited_workbook_keeps_its_control_sheet_through_a_save(officer, cast):
    content = edited(people_export(cast), {"CQ002": {"Full name": "Phạm Văn Dũng Anh"}})

    job = checked(officer, cast.cq, content)

    assert job.status == Job.Status.SUCCEEDED, job.message
    assert job.params["summary"]["counts"]["change"] == 1
    assert Person.objects.get(pk=cast.dung.pk).full_name == "Phạm Văn Dũng"  # not yet saved
