"""Evidence files: accepted only when their content is an office format that matches their
name, stored under a random name, served as attachments to those who may see the report."""

import hashlib
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from thidua.campaigns.models import Evidence, IndicatorReport
from thidua.campaigns.services import evidence as services
from thidua.campaigns.tests.test_reports import make_indicator, record, submitted
from thidua.core.errors import DomainError
from thidua.core.tests.helpers import TINY_PDF as PDF
from thidua.core.tests.helpers import sign_in

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
EXE = b"MZ\x90\x00" + b"\x00" * 200
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def report(world) -> IndicatorReport:
    return record(world, make_indicator(world), numerator=1054, denominator=1709)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def add(report, world, name="bien-ban.pdf", content=PDF, **kwargs) -> Evidence:
    return services.evidence_add(
        report=report, uploaded_file=upload(name, content), by=world.officer,
        description=kwargs.pop("description", ""), **kwargs,
    )  # fmt: skip


def refused(report, world, name, content) -> DomainError:
    with translation.override("en"), pytest.raises(DomainError) as caught:
        add(report, world, name, content)
    return caught.value


def xlsx_bytes() -> bytes:
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return out.getvalue()


# ---- the service ------------------------------------------------------------------------------
def test_a_pdf_is_stored_under_a_random_name_with_its_checksum(report, world, tmp_path):
    evidence = add(report, world, "Biên bản họp cụm.pdf", description="Biên bản quý I")

    stored = Path(evidence.file.path)
    assert evidence.original_name == "Biên bản họp cụm.pdf"
    assert evidence.content_type == "application/pdf"
    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest()
    assert evidence.size == len(PDF)
    assert stored.is_relative_to(tmp_path) and stored.read_bytes() == PDF
    assert "Biên" not in stored.name and stored.suffix == ".pdf"


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("so-lieu.xlsx", xlsx_bytes(), services.XLSX),
        ("anh-chup.PNG", PNG, "image/png"),
        ("cong-van.doc", OLE2, services.DOC),
        ("bang-cu.xls", OLE2, services.XLS),
    ],
)
def test_office_files_and_pictures_are_accepted(report, world, name, content, content_type):
    assert add(report, world, name, content).content_type == content_type


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_stored(
    report, world, settings, tmp_path
):
    settings.THIDUA_EVIDENCE_MAX_BYTES = 1024

    error = refused(report, world, "lon.pdf", PDF + b" " * 2000)

    assert error.code == "file_size"
    assert "1.0\xa0KB" in error.messages[0]
    assert not Evidence.objects.exists()
    assert not list(tmp_path.rglob("*.pdf"))


@pytest.mark.parametrize(
    "content", [PNG, HTML, EXE, SVG], ids=["picture", "web page", "program", "svg"]
)
def test_a_file_that_is_not_what_its_name_says_is_refused(report, world, content):
    error = refused(report, world, "bao-cao.pdf", content)

    assert error.code == "file_content"
    assert "not what its name says" in error.messages[0]
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("name", ["trang.html", "hinh.svg", "chay.js", "bao-cao"])
def test_web_pages_pictures_in_svg_and_scripts_are_never_accepted(report, world, name):
    assert refused(report, world, name, HTML).code == "file_type"


def test_a_word_file_named_as_an_excel_one_is_refused(report, world):
    word = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"\xec\xa5\xc1\x00" + b"\x00" * 64

    assert refused(report, world, "bang.xls", word).code == "file_content"


def test_an_empty_file_is_refused(report, world):
    assert refused(report, world, "rong.pdf", b"").code == "file_empty"


def test_evidence_cannot_be_added_to_a_submitted_report(world):
    report = submitted(world, make_indicator(world), numerator=1, denominator=2)

    assert refused(report, world, "bien-ban.pdf", PDF).code == "locked"


def test_removing_evidence_keeps_its_record_and_history(report, world):
    evidence = add(report, world)

    services.evidence_remove(evidence=evidence, by=world.officer, reason="Nhầm tệp")

    evidence.refresh_from_db()
    assert evidence.removed_at is not None
    latest = evidence.history.latest("history_date")
    assert (latest.history_user, latest.history_change_reason) == (world.officer, "Nhầm tệp")


# ---- the pages --------------------------------------------------------------------------------
def test_the_unit_uploads_a_file_from_the_report_page(client, report, world):
    sign_in(client, world.officer)

    response = client.post(
        f"/reports/{report.pk}/evidence/",
        {"uploaded_file": upload("bien-ban.pdf", PDF), "description": "Biên bản"},
    )

    assert response.status_code == 302
    assert report.evidence.get().description == "Biên bản"


def test_a_refused_upload_is_explained_beside_the_field_and_keeps_the_description(
    client, report, world
):
    sign_in(client, world.officer)

    response = client.post(
        f"/reports/{report.pk}/evidence/",
        {"uploaded_file": upload("bien-ban.pdf", HTML), "description": "Biên bản họp"},
    )

    assert response.status_code == 200
    assert response.context["evidence_form"].has_error("uploaded_file")
    assert 'value="Biên bản họp"' in response.content.decode()
    assert not Evidence.objects.exists()


def test_another_unit_cannot_attach_a_file(client, report, world):
    sign_in(client, world.outsider)

    response = client.post(
        f"/reports/{report.pk}/evidence/", {"uploaded_file": upload("x.pdf", PDF)}
    )

    assert response.status_code == 404
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("who", ["officer", "leader_officer", "cq_head"])
def test_the_unit_and_the_cluster_leader_download_it_as_an_attachment(client, report, world, who):
    evidence = add(report, world, "Biên bản họp cụm.pdf")
    sign_in(client, getattr(world, who))

    response = client.get(f"/evidence/{evidence.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp%20c%E1%BB%A5m.pdf" in disposition
    assert b"".join(response.streaming_content) == PDF


def test_another_unit_gets_404_for_the_file(client, report, world):
    evidence = add(report, world)
    sign_in(client, world.outsider)

    assert client.get(f"/evidence/{evidence.pk}/").status_code == 404


def test_a_removed_file_is_no_longer_served(client, report, world):
    evidence = add(report, world)
    sign_in(client, world.officer)

    client.post(f"/evidence/{evidence.pk}/remove/", {"reason": "Nhầm tệp"})

    assert Evidence.objects.get(pk=evidence.pk).removed_at is not None
    assert client.get(f"/evidence/{evidence.pk}/").status_code == 404
    assert list(client.get(f"/reports/{report.pk}/").context["evidence"]) == []


def test_the_reviewer_cannot_remove_a_units_file(client, report, world):
    evidence = add(report, world)
    sign_in(client, world.leader_officer)

    assert client.post(f"/evidence/{evidence.pk}/remove/").status_code == 403
    assert Evidence.objects.get(pk=evidence.pk).removed_at is None
