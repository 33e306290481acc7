"""Files of a decision: the signed copy is filed after issuing; drafts lose files with a reason."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.core.tests.helpers import TINY_PDF as PDF
from thidua.core.tests.helpers import sign_in
from thidua.nominations.models import DecisionAttachment
from thidua.nominations.tests.test_decisions import draft, issued

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def scan() -> SimpleUploadedFile:
    return SimpleUploadedFile("qd-125.pdf", PDF, content_type="application/pdf")


def attach(client, decision):
    url = reverse("nominations:decision_file_add", args=[decision.pk])
    return client.post(url, {"uploaded_file": scan(), "title": "Bản có chữ ký, đóng dấu"})


def test_the_signed_copy_is_filed_with_an_issued_decision_and_anyone_signed_in_reads_it(
    client, world
):
    decision = issued(world, ("CSTD_BO", world.dn_person, 2023))
    sign_in(client, world.secretary)
    attach(client, decision)
    attachment = decision.attachments.get()

    sign_in(client, world.officer)
    response = client.get(reverse("nominations:decision_file_download", args=[attachment.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_a_unit_officer_cannot_attach_a_file_to_a_decision(client, world):
    decision = issued(world, ("CSTD_BO", world.dn_person, 2023))
    sign_in(client, world.officer)

    response = attach(client, decision)

    assert response.status_code == 403
    assert not DecisionAttachment.objects.exists()


def test_a_file_of_an_issued_decision_cannot_be_removed(client, world):
    decision = issued(world, ("CSTD_BO", world.dn_person, 2023))
    sign_in(client, world.secretary)
    attach(client, decision)
    attachment = decision.attachments.get()

    url = reverse("nominations:decision_file_remove", args=[attachment.pk])
    client.post(url, {"reason": "Nhầm tệp"})

    attachment.refresh_from_db()
    assert attachment.removed_at is None


def test_a_file_of_a_draft_is_removed_with_a_reason(client, world):
    decision = draft(world, ("CSTD_BO", world.dn_person, 2023))
    sign_in(client, world.secretary)
    attach(client, decision)
    attachment = decision.attachments.get()

    url = reverse("nominations:decision_file_remove", args=[attachment.pk])
    client.post(url, {"reason": "Nhầm tệp"})

    attachment.refresh_from_db()
    assert attachment.removed_at is not None
