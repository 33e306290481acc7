"""Documents attached to a movement: checked by content, sent only as attachments, scoped."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.campaigns import services
from thidua.campaigns.models import Movement, MovementDocument
from thidua.campaigns.tests.test_movements import movement
from thidua.core.errors import DomainError
from thidua.core.tests.helpers import TINY_PDF as PDF
from thidua.core.tests.helpers import sign_in

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def attach(world, found: Movement, name="ke-hoach.pdf", content=PDF) -> MovementDocument:
    return services.movement_document_add(
        movement=found, uploaded_file=SimpleUploadedFile(name, content),
        title="Kế hoạch phát động", by=world.secretary,
    )  # fmt: skip


def test_the_launching_plan_is_kept_with_its_type_size_and_checksum(world):
    document = attach(world, movement(world))
    assert (document.content_type, document.size) == ("application/pdf", len(PDF))
    assert len(document.sha256) == 64
    assert "ke-hoach" not in document.file.name  # stored under a random name


def test_a_picture_named_as_a_pdf_is_refused_and_nothing_is_kept(world):
    found = movement(world)
    with pytest.raises(DomainError):
        attach(world, found, name="ke-hoach.pdf", content=PNG)
    assert not found.documents.exists()


def test_the_secretariat_attaches_a_document_from_the_movement_page(client, world):
    found = movement(world)
    sign_in(client, world.secretary)
    client.post(
        f"/movements/{found.pk}/documents/",
        {"title": "Quyết định phát động", "uploaded_file": SimpleUploadedFile("qd.pdf", PDF)},
    )
    assert found.documents.get().title == "Quyết định phát động"


def test_a_refused_upload_shows_the_reason_and_keeps_the_typed_title(client, world):
    found = movement(world)
    sign_in(client, world.secretary)
    response = client.post(
        f"/movements/{found.pk}/documents/",
        {"title": "Hướng dẫn", "uploaded_file": SimpleUploadedFile("hd.pdf", PNG)},
    )
    assert response.status_code == 200
    assert 'value="Hướng dẫn"' in response.content.decode()
    assert not found.documents.exists()


def test_a_reached_unit_downloads_it_as_an_attachment_that_is_never_sniffed(client, world):
    document = attach(world, movement(world, authority=world.sector))
    sign_in(client, world.officer)
    response = client.get(f"/movement-documents/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"


def test_a_user_the_movement_does_not_reach_gets_404(client, world):
    found = movement(world, reach=Movement.Reach.CLUSTERS, clusters=[world.cluster6])
    document = attach(world, found)
    sign_in(client, world.outsider)
    assert client.get(f"/movement-documents/{document.pk}/").status_code == 404


def test_a_removed_document_is_no_longer_served(client, world):
    document = attach(world, movement(world))
    services.movement_document_remove(document=document, by=world.secretary)
    sign_in(client, world.secretary)
    assert client.get(f"/movement-documents/{document.pk}/").status_code == 404
    assert document.history.count() == 2
