"""The dossier page: the Form 02/03 report, attachments, the verdict panel, withdrawal, and the
secretariat's appraisal (refused with a missing component, with the message shown)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from thidua.awards.services import freeze_open
from thidua.core.tests.helpers import TINY_PDF as PDF
from thidua.core.tests.helpers import sign_in
from thidua.nominations import components
from thidua.nominations.models import Batch, Dossier, DossierAttachment, RouteStep
from thidua.nominations.services.dossiers import dossier_add
from thidua.nominations.tests.factories import award, proposal


@pytest.fixture
def dossier(world, settings, tmp_path):
    """A "cq" person proposed for the ministry's Bằng khen in Cluster 6's draft proposal."""
    settings.MEDIA_ROOT = tmp_path
    batch = proposal(world)
    return dossier_add(batch=batch, award=award("BK_BTCTW"), by=world.admin, person=world.cq_person)


def _url(name: str, pk: int) -> str:
    return reverse(f"nominations:{name}", args=[pk])


def _page(client, dossier) -> str:
    return client.get(_url("dossier_detail", dossier.pk)).content.decode()


def _at_appraisal(dossier: Dossier) -> None:
    batch = dossier.batch
    batch.step = batch.route.steps.get(kind=RouteStep.Kind.APPRAISE)
    batch.status = Batch.Status.IN_PROGRESS
    batch.save()


def _upload(client, dossier, kind: str = "evidence"):
    file = SimpleUploadedFile("minh-chung.pdf", PDF, content_type="application/pdf")
    data = {"uploaded_file": file, "kind": kind, "title": "Minh chứng", "certified": "on"}
    return client.post(_url("attachment_add", dossier.pk), data)


# ---- who sees the page -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("officer", 200), ("cq_head", 200), ("secretary", 200), ("leader_officer", 200),
     ("outsider", 404), ("individual", 404)],
)  # fmt: skip
def test_the_dossier_page_answers_each_role(client, world, dossier, who, status):
    sign_in(client, getattr(world, who))
    assert client.get(_url("dossier_detail", dossier.pk)).status_code == status


def test_a_unit_that_may_see_but_not_appraise_gets_403_on_the_appraisal(client, world, dossier):
    _at_appraisal(dossier)
    sign_in(client, world.officer)
    response = client.post(_url("dossier_appraise", dossier.pk), {"result": "rejected"})
    assert response.status_code == 403


# ---- the report ----------------------------------------------------------------------------


def test_the_report_form_is_prefilled_from_the_records(client, world, dossier):
    sign_in(client, world.officer)
    page = _page(client, dossier)
    assert 'data-testid="report-form"' in page
    assert 'value="Trần Thị Bích"' in page


def test_the_report_form_saves_the_sections_the_unit_wrote(client, world, dossier):
    sign_in(client, world.officer)
    response = client.post(
        _url("dossier_report", dossier.pk),
        {"profile__full_name": "Trần Thị Bích", "profile__ethnicity": "Kinh",
         "duties": "Chuyên viên", "achievements": "Hoàn thành xuất sắc nhiệm vụ"},
    )  # fmt: skip
    dossier.refresh_from_db()
    assert response.status_code == 302
    assert dossier.report["profile"]["ethnicity"] == "Kinh"
    assert dossier.report["achievements"] == "Hoàn thành xuất sắc nhiệm vụ"


def test_the_report_form_re_shows_an_error_with_what_was_typed(client, world, dossier):
    sign_in(client, world.officer)
    response = client.post(
        _url("dossier_report", dossier.pk),
        {"profile__full_name": "x" * 501, "achievements": "Đã viết xong phần này"},
    )
    page = response.content.decode()
    dossier.refresh_from_db()
    assert response.status_code == 200
    assert "is-invalid" in page
    assert "Đã viết xong phần này" in page
    assert dossier.report.get("achievements") == ""


def test_the_report_is_read_only_once_the_dossier_passed_appraisal(client, world, dossier):
    Dossier.objects.filter(pk=dossier.pk).update(appraisal=Dossier.Appraisal.PASSED)
    sign_in(client, world.officer)
    page = _page(client, dossier)
    assert 'data-testid="report-form"' not in page
    assert 'data-testid="report-read"' in page


def test_saving_a_report_after_appraisal_passed_is_refused_with_the_reason(client, world, dossier):
    Dossier.objects.filter(pk=dossier.pk).update(appraisal=Dossier.Appraisal.PASSED)
    sign_in(client, world.officer)
    response = client.post(_url("dossier_report", dossier.pk), {"achievements": "Sửa"})
    dossier.refresh_from_db()
    assert response.status_code == 200
    assert 'class="alert alert-danger" role="alert"' in response.content.decode()
    assert dossier.report.get("achievements") == ""


# ---- attachments ---------------------------------------------------------------------------


def test_an_uploaded_document_is_listed_and_downloaded_as_an_attachment(client, world, dossier):
    sign_in(client, world.officer)
    assert _upload(client, dossier).status_code == 302
    attachment = DossierAttachment.objects.get(dossier=dossier)
    assert 'data-kind="evidence"' in _page(client, dossier)
    response = client.get(_url("attachment_download", attachment.pk))
    assert response["Content-Disposition"].startswith("attachment")


def test_a_file_that_is_not_what_its_name_says_is_refused_beside_the_field(client, world, dossier):
    sign_in(client, world.officer)
    file = SimpleUploadedFile("minh-chung.pdf", b"<html>hi</html>", content_type="application/pdf")
    response = client.post(
        _url("attachment_add", dossier.pk), {"uploaded_file": file, "kind": "evidence"}
    )
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not DossierAttachment.objects.exists()


def test_an_outsider_cannot_download_a_dossier_document(client, world, dossier):
    sign_in(client, world.officer)
    _upload(client, dossier)
    attachment = DossierAttachment.objects.get(dossier=dossier)
    sign_in(client, world.outsider)
    assert client.get(_url("attachment_download", attachment.pk)).status_code == 404


def test_removing_a_document_needs_a_reason(client, world, dossier):
    sign_in(client, world.officer)
    _upload(client, dossier)
    attachment = DossierAttachment.objects.get(dossier=dossier)
    client.post(_url("attachment_remove", attachment.pk), {"remove-reason": ""})
    attachment.refresh_from_db()
    assert attachment.removed_at is None
    client.post(_url("attachment_remove", attachment.pk), {"remove-reason": "Tải nhầm tệp"})
    attachment.refresh_from_db()
    assert attachment.removed_at is not None


# ---- verdict, withdrawal -------------------------------------------------------------------


def test_the_verdict_panel_shows_the_rule_pack_and_its_version(client, world, dossier):
    sign_in(client, world.officer)
    page = _page(client, dossier)
    assert 'data-testid="verdict-panel"' in page
    assert dossier.pack_version and dossier.pack_version in page


def test_a_nominee_frozen_after_being_proposed_shows_the_deferred_verdict_and_why(
    client, world, dossier
):
    freeze_open(by=world.admin, kind="complaint", opened_on=dt.date(2024, 5, 2),
                person=world.cq_person)  # fmt: skip
    sign_in(client, world.officer)
    client.post(_url("dossier_verdict", dossier.pk))
    page = _page(client, dossier)
    assert 'data-status="deferred"' in page
    assert "02/05/2024" in page


def test_taking_a_nominee_out_needs_a_reason(client, world, dossier):
    sign_in(client, world.officer)
    response = client.post(_url("dossier_withdraw", dossier.pk), {"withdraw-reason": ""})
    dossier.refresh_from_db()
    assert response.status_code == 200
    assert dossier.status == Dossier.Status.INCLUDED


def test_taking_a_nominee_out_with_a_reason_returns_to_the_proposal(client, world, dossier):
    sign_in(client, world.officer)
    response = client.post(
        _url("dossier_withdraw", dossier.pk), {"withdraw-reason": "Chuyển công tác"}
    )
    dossier.refresh_from_db()
    assert response["Location"] == _url("batch_detail", dossier.batch_id)
    assert dossier.status == Dossier.Status.WITHDRAWN


# ---- appraisal -----------------------------------------------------------------------------


def test_the_secretariat_sees_the_checklist_at_the_appraisal_step(client, world, dossier):
    _at_appraisal(dossier)
    sign_in(client, world.secretary)
    page = _page(client, dossier)
    assert 'data-testid="appraisal-form"' in page
    assert 'data-code="evidence" data-state="missing"' in page


def test_the_appraisal_form_is_not_shown_before_the_appraisal_step(client, world, dossier):
    sign_in(client, world.secretary)
    assert 'data-testid="appraisal-form"' not in _page(client, dossier)


def test_passing_a_dossier_with_a_missing_component_is_refused_with_the_message(
    client, world, dossier
):
    _at_appraisal(dossier)
    sign_in(client, world.secretary)
    response = client.post(
        _url("dossier_appraise", dossier.pk), {"result": "passed", "override_reason": "Đủ"}
    )
    form_html = response.content.decode().split('data-testid="appraisal-form"')[1]
    errors = form_html.split("<fieldset")[0]  # the refusal sits above the checklist
    dossier.refresh_from_db()
    assert response.status_code == 200
    with translation.override("vi"):
        assert components.label(components.EVIDENCE) in errors
    assert dossier.appraisal == Dossier.Appraisal.PENDING


def test_rejecting_a_dossier_with_a_note_is_recorded(client, world, dossier):
    _at_appraisal(dossier)
    sign_in(client, world.secretary)
    response = client.post(
        _url("dossier_appraise", dossier.pk),
        {"result": "rejected", "note": "Không đủ thời gian công tác"},
    )
    dossier.refresh_from_db()
    assert response.status_code == 302
    assert dossier.appraisal == Dossier.Appraisal.REJECTED
    assert "Không đủ thời gian công tác" in _page(client, dossier)
