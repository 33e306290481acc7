import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from thidua.core.tests.helpers import sign_in
from thidua.documents import render
from thidua.documents.models.templates import PaperTemplate
from thidua.documents.services.templates import template_deactivate, template_upload
from thidua.documents.tests.docx_helpers import docx_texts

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def word(marker: str = "", extra: str = "") -> SimpleUploadedFile:
    """The shipped decision template with a line of our own (and maybe a broken one)."""
    doc = Document(io.BytesIO(render.shipped_template("decision")))
    for text in (marker, extra):
        if text:
            doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return SimpleUploadedFile("Mẫu quyết định.docx", out.getvalue(), content_type=DOCX)


def upload(client, **data):
    return client.post(reverse("documents:templates"), {"note": "", "unit": "", **data})


def test_an_admin_uploads_a_units_template_and_it_is_used_to_print(client, world):
    sign_in(client, world.admin)
    response = upload(client, kind="decision", unit=world.btctw.pk, file=word("Mẫu riêng của Ban"))
    assert response.status_code == 302
    template = PaperTemplate.objects.get()
    assert template.is_active and template.uploaded_by == world.admin
    assert template.history.first().history_user == world.admin
    assert "Mẫu riêng của Ban" in docx_texts(render.template_for("decision", world.btctw))


def test_a_template_with_a_broken_placeholder_is_refused_beside_the_file_field(client, world):
    sign_in(client, world.admin)
    response = upload(client, kind="decision", file=word(extra="{{ body.reason "))
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert "broken" in errors[0] or "hỏng" in errors[0]
    assert not PaperTemplate.objects.exists()


def test_a_file_that_is_not_a_word_document_is_refused(client, world):
    sign_in(client, world.admin)
    pdf = SimpleUploadedFile("mau.docx", b"%PDF-1.4 ...", content_type=DOCX)
    response = upload(client, kind="decision", file=pdf)
    assert response.context["form"].errors["file"]
    assert not PaperTemplate.objects.exists()


def test_a_too_large_file_is_refused(client, world, settings):
    settings.DOCUMENTS_TEMPLATE_MAX_BYTES = 1000
    sign_in(client, world.admin)
    response = upload(client, kind="decision", file=word())
    assert response.context["form"].errors["file"]
    assert not PaperTemplate.objects.exists()


def test_a_new_upload_replaces_the_one_in_use(world):
    first = template_upload(kind="decision", unit=world.dn, upload=word("một"), by=world.admin)
    second = template_upload(kind="decision", unit=world.dn, upload=word("hai"), by=world.admin)
    first.refresh_from_db()
    assert not first.is_active and second.is_active


def test_the_units_own_template_wins_then_an_ancestors_then_the_installations(world):
    template_upload(kind="decision", unit=None, upload=word("cài đặt"), by=world.admin)
    template_upload(kind="decision", unit=world.sector, upload=word("ngành"), by=world.admin)
    template_upload(kind="decision", unit=world.dn, upload=word("đơn vị"), by=world.admin)
    assert "đơn vị" in docx_texts(render.template_for("decision", world.dn))
    assert "ngành" in docx_texts(render.template_for("decision", world.cq))
    assert "cài đặt" in docx_texts(render.template_for("decision", None))


def test_without_uploads_the_shipped_template_is_used(world):
    assert render.template_for("decision", world.dn) == render.shipped_template("decision")


def test_a_template_taken_out_of_use_gives_way_to_the_next_one(world):
    own = template_upload(kind="decision", unit=world.dn, upload=word("đơn vị"), by=world.admin)
    template_deactivate(template=own, by=world.admin)
    assert render.template_for("decision", world.dn) == render.shipped_template("decision")
    assert own.history.first().history_change_reason == "Template taken out of use."


def test_the_secretariat_uploads_for_the_units_it_runs_but_not_for_all_units(client, world):
    sign_in(client, world.secretary)
    refused = upload(client, kind="decision", file=word())
    assert refused.status_code == 200 and refused.context["form"].errors["unit"]
    done = upload(client, kind="decision", unit=world.cq.pk, file=word())
    assert done.status_code == 302 and PaperTemplate.objects.get().unit == world.cq


def test_a_unit_officer_may_not_open_the_templates_page(client, world):
    sign_in(client, world.outsider)
    assert client.get(reverse("documents:templates")).status_code == 403


def test_the_template_in_use_downloads_as_a_word_file(client, world):
    template_upload(kind="decision", unit=world.dn, upload=word("đơn vị"), by=world.admin)
    sign_in(client, world.admin)
    response = client.get(
        reverse("documents:template_download", args=["decision"]), {"unit": world.dn.pk}
    )
    assert response.status_code == 200 and "đơn vị" in docx_texts(response.content)


def test_the_page_lists_uploads_and_stops_using_one(client, world):
    own = template_upload(kind="decision", unit=world.dn, upload=word(), by=world.admin)
    sign_in(client, world.admin)
    page = client.get(reverse("documents:templates")).content.decode()
    assert "Mẫu quyết định.docx" in page
    client.post(reverse("documents:template_deactivate", args=[own.pk]))
    own.refresh_from_db()
    assert not own.is_active


def test_another_units_upload_is_not_found_for_the_secretariat_of_a_sibling(client, world):
    own = template_upload(kind="decision", unit=world.dn, upload=word(), by=world.admin)
    from thidua.org import services
    from thidua.org.models import RoleAssignment
    from thidua.org.tests.factories import UserFactory

    other = UserFactory(username="kt_secretary")
    services.role_assign(user=other, role=RoleAssignment.Role.SECRETARIAT, unit=world.kt, by=None)
    sign_in(client, other)
    assert client.get(reverse("documents:template_file", args=[own.pk])).status_code == 404
