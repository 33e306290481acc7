"""Official papers and the offline round-trip in Debian's Chromium, in Vietnamese.

The secretariat prints an issued decision as a Word file; the admin uploads a unit's own
template, is refused a broken one first, and the next print uses it; a unit officer downloads
the unit's people as Excel, edits the workbook offline while a colleague changes the same
person on the server, reads the conflict in the merge report, keeps the file's value and saves.
The background jobs run through the database worker, as in production."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from thidua.documents import render
from thidua.documents.tests.certificate_helpers import issued
from thidua.documents.tests.docx_helpers import docx_texts
from thidua.documents.tests.exchange_helpers import people_cast
from thidua.org import services as org_services
from thidua.org.models import Person

from .helpers import vi

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
UNIT_LINE = "Mẫu riêng của Ban Tổ chức Trung ương"


def run_jobs() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def download(page: Page, button) -> bytes:
    with page.expect_download() as caught:
        button.click()
    return Path(caught.value.path()).read_bytes()


def word_with_line(text: str, broken: bool = False) -> bytes:
    """The shipped decision template with a line of the unit's own (or a broken placeholder)."""
    doc = Document(io.BytesIO(render.shipped_template("decision")))
    doc.add_paragraph("{{ body.reason " if broken else text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _files_and_one_factor(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.THIDUA_TWO_FACTOR_POLICY = ""


@pytest.fixture
def decision(world):
    return issued(world, ("BK_BTCTW", world.dn_person, 2023), ("BK_BTCTW", world.cq_person, 2023))


def print_decision(page: Page, base: str, decision) -> list[str]:
    page.goto(f"{base}/")
    page.get_by_role("link", name=vi("Decisions"), exact=True).click()
    page.get_by_role("link", name=decision.number_text).click()
    page.get_by_test_id("print-decision").click()
    word = download(page, page.get_by_role("button", name=vi("Word file (.docx), to edit")))
    return docx_texts(word)


def upload_template(page: Page, base: str, content: bytes, unit) -> None:
    page.goto(f"{base}/")
    page.get_by_test_id("documents-menu").click()
    page.get_by_role("link", name=vi("Word templates")).click()
    page.locator("#id_kind").select_option("decision")
    page.locator("#id_unit").select_option(str(unit.pk))
    page.locator("#id_file").set_input_files(
        files=[{"name": "Mẫu quyết định.docx", "mimeType": "application/octet-stream",
                "buffer": content}]
    )  # fmt: skip
    page.get_by_role("button", name=vi("Check and use this template")).click()


def test_a_decision_prints_then_prints_on_the_units_own_template(
    world, decision, live_server, as_user
):
    base = live_server.url
    secretary = as_user("secretary")
    texts = print_decision(secretary, base, decision)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in texts
    assert any("Số 125-QĐ/BTCTW" in text for text in texts)
    assert UNIT_LINE not in texts

    admin = as_user("admin")
    upload_template(admin, base, word_with_line(UNIT_LINE, broken=True), world.btctw)
    expect(admin.locator("#id_file").locator("..")).to_contain_text("body.reason")
    expect(admin.get_by_test_id("template-uploads")).to_have_count(0)
    upload_template(admin, base, word_with_line(UNIT_LINE), world.btctw)
    uploads = admin.get_by_test_id("template-uploads")
    expect(uploads).to_contain_text(world.btctw.name)
    expect(uploads).to_contain_text(vi("In use"))

    assert UNIT_LINE in print_decision(secretary, base, decision)


def test_a_units_people_make_an_offline_round_trip_with_a_conflict(world, live_server, as_user):
    people_cast(world)
    base = live_server.url
    officer = as_user("officer")
    officer.goto(f"{base}/")
    officer.get_by_test_id("documents-menu").click()
    officer.get_by_role("link", name=vi("Excel: export, edit offline, import")).click()
    officer.locator("#id_down-dataset").select_option("people")
    officer.locator("#id_down-unit").select_option(str(world.cq.pk))
    exported = download(officer, officer.get_by_test_id("exchange-download-data"))

    # Offline: Bích's name and Dũng's date of birth are corrected in the workbook …
    book = load_workbook(io.BytesIO(exported))
    sheet = book.worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "CQ001":
            row[1].value = "Trần Thị Ngọc Bích"
        if row[0].value == "CQ002":
            row[3].value = dt.datetime(1985, 4, 30)
    edited = io.BytesIO()
    book.save(edited)
    # … while a colleague renames Bích on the server.
    bich = Person.objects.get(staff_code="CQ001")
    org_services.person_update(person=bich, by=world.admin, full_name="Trần Thị Bích Ngọc")

    officer.locator("#id_up-dataset").select_option("people")
    officer.locator("#id_up-unit").select_option(str(world.cq.pk))
    officer.locator("#id_up-file").set_input_files(
        files=[{"name": "nhan-su.xlsx", "mimeType": "application/octet-stream",
                "buffer": edited.getvalue()}]
    )  # fmt: skip
    officer.get_by_test_id("exchange-upload").click()
    run_jobs()
    officer.reload()
    officer.get_by_test_id("job-results").click()

    expect(officer.get_by_test_id("count-conflict")).to_have_text("1")
    expect(officer.get_by_test_id("count-change")).to_have_text("1")
    conflict = officer.locator('[data-testid="field-row"][data-outcome="conflict"]')
    expect(conflict).to_contain_text("Trần Thị Bích Ngọc")  # on the server now
    expect(conflict).to_contain_text("Trần Thị Ngọc Bích")  # in the file
    conflict.get_by_test_id("accept").check()
    officer.get_by_test_id("exchange-confirm").click()
    run_jobs()
    officer.reload()
    expect(officer.locator('[data-status="succeeded"]')).to_be_visible()

    bich.refresh_from_db()
    dung = Person.objects.get(staff_code="CQ002")
    assert bich.full_name == "Trần Thị Ngọc Bích"
    assert dung.birth_date == dt.date(1985, 4, 30)
    assert bich.history.first().history_user == world.officer
