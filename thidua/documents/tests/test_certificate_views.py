"""Certificate pages: who sees and edits layouts, the layout page, the PDFs, printing a decision."""

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from thidua.core.jobs import run_job
from thidua.core.models import Job
from thidua.core.tests.helpers import sign_in
from thidua.documents.models.certificates import CertificateLayout
from thidua.documents.services.certificate_defaults import certificate_layouts_ensure
from thidua.documents.services.certificates import FIELD_FIELDS
from thidua.documents.tests.certificate_helpers import (
    blank_layout,
    draft,
    issued,
    page_count,
    text_of,
)
from thidua.nominations.tests.factories import award
from thidua.org import services as org_services
from thidua.org.models import RoleAssignment

pytestmark = pytest.mark.django_db
NAME_FIELD = {"key": "recipient_name", "x_mm": 100, "y_mm": 50, "font_size": 20}
LAYOUT_VALUES = (
    "name", "kind", "paper", "width_mm", "height_mm", "mode", "subject", "achievement_text",
    "offset_x_mm", "offset_y_mm", "note",
)  # fmt: skip


@pytest.fixture
def dn_secretariat(world):
    """The emulation secretariat of unit "dn" only."""
    from thidua.org.tests.factories import UserFactory

    user = UserFactory(username="dn_secretariat")
    org_services.role_assign(
        user=user, role=RoleAssignment.Role.SECRETARIAT, unit=world.dn, by=None
    )
    return user


def layout_url(layout: CertificateLayout, name: str = "certificate_layout") -> str:
    return reverse(f"documents:{name}", args=[layout.pk])


def layout_post(layout: CertificateLayout, *, rows: list[dict] | None = None, **changes) -> dict:
    """The layout page's form as the browser posts it, with `changes` to the layout's fields."""
    data: dict[str, Any] = {name: getattr(layout, name) for name in LAYOUT_VALUES}
    data.update(changes, award_codes=layout.award_codes)
    if layout.is_active:
        data["is_active"] = "on"
    fields = list(layout.fields.all())
    rows = rows if rows is not None else [{} for _ in fields]
    for index, (field, row) in enumerate(zip(fields, rows, strict=True)):
        values = {"id": field.pk, **{name: getattr(field, name) for name in FIELD_FIELDS}, **row}
        for name, value in values.items():
            if value is True:
                data[f"fields-{index}-{name}"] = "on"
            elif value is not False:
                data[f"fields-{index}-{name}"] = value
    data.update({
        "fields-TOTAL_FORMS": len(fields), "fields-INITIAL_FORMS": len(fields),
        "fields-MIN_NUM_FORMS": 0, "fields-MAX_NUM_FORMS": 1000,
    })  # fmt: skip
    return data


# ---- the layouts -------------------------------------------------------------------------------
def test_the_first_visit_of_the_layouts_page_creates_the_default_layouts(client, world):
    award("GK")
    sign_in(client, world.admin)
    response = client.get(reverse("documents:certificate_layouts"))
    assert response.status_code == 200
    assert CertificateLayout.objects.count() == 4
    assert "Bằng khen – mẫu chung" in response.content.decode()


def test_a_unit_officer_may_not_open_the_layouts(client, world):
    sign_in(client, world.officer)
    assert client.get(reverse("documents:certificate_layouts")).status_code == 403


def test_a_unit_secretariat_sees_the_installations_layouts_and_its_own_only(
    client, world, dn_secretariat
):
    everyone = blank_layout(name="Mẫu chung")
    blank_layout(name="Mẫu của Ban Tổ chức Đảng ủy Khối", issuer=world.dn)
    other = blank_layout(name="Mẫu Kon Tum", issuer=world.kt)
    sign_in(client, dn_secretariat)
    page = client.get(reverse("documents:certificate_layouts")).content.decode()
    assert "Mẫu chung" in page and "Mẫu của Ban Tổ chức Đảng ủy Khối" in page
    assert "Mẫu Kon Tum" not in page
    assert client.get(layout_url(other)).status_code == 404
    assert client.get(layout_url(everyone)).status_code == 200


def test_a_unit_secretariat_may_not_change_the_installations_layout(client, world, dn_secretariat):
    layout = blank_layout(name="Mẫu chung", fields=[NAME_FIELD])
    sign_in(client, dn_secretariat)
    response = client.post(layout_url(layout), layout_post(layout, name="Đổi tên"))
    assert response.status_code == 403
    layout.refresh_from_db()
    assert layout.name == "Mẫu chung"


def test_a_unit_secretariat_copies_a_layout_for_its_unit(client, world, dn_secretariat):
    layout = blank_layout(name="Mẫu chung", fields=[NAME_FIELD])
    sign_in(client, dn_secretariat)
    response = client.post(layout_url(layout, "certificate_layout_copy"), {"issuer": world.dn.pk})
    copy = CertificateLayout.objects.get(issuer=world.dn)
    assert response.url == layout_url(copy)
    assert list(copy.fields.values_list("key", flat=True)) == ["recipient_name"]
    assert client.post(layout_url(copy), layout_post(copy, name="Phôi của Ban")).status_code == 302
    copy.refresh_from_db()
    assert copy.name == "Phôi của Ban"


def test_a_unit_secretariat_cannot_copy_for_the_whole_installation_or_another_unit(
    client, world, dn_secretariat
):
    layout = blank_layout(name="Mẫu chung")
    sign_in(client, dn_secretariat)
    for target in ("", world.kt.pk):
        client.post(layout_url(layout, "certificate_layout_copy"), {"issuer": target})
    assert CertificateLayout.objects.count() == 1


def test_the_admin_moves_a_field_and_the_history_keeps_who_did(client, world):
    layout = blank_layout(fields=[NAME_FIELD])
    sign_in(client, world.admin)
    response = client.post(layout_url(layout), layout_post(layout, rows=[{"x_mm": "85.5"}]))
    assert response.status_code == 302
    field = layout.fields.get()
    assert field.x_mm == Decimal("85.5")
    assert field.history.latest().history_user == world.admin


def test_the_admin_adds_and_removes_fields_on_the_layout_page(client, world):
    layout = blank_layout(fields=[NAME_FIELD])
    data = layout_post(layout, rows=[{"DELETE": True}])
    data.update({
        "fields-TOTAL_FORMS": 2, "fields-1-key": "year", "fields-1-x_mm": "10",
        "fields-1-y_mm": "20", "fields-1-width_mm": "30", "fields-1-font_size": "12",
        "fields-1-align": "left", "fields-1-max_lines": "1",
    })  # fmt: skip
    sign_in(client, world.admin)
    assert client.post(layout_url(layout), data).status_code == 302
    assert list(layout.fields.values_list("key", "x_mm")) == [("year", 10)]


def test_a_field_outside_the_sheet_is_shown_again_with_its_error_and_nothing_is_saved(
    client, world
):
    layout = blank_layout(name="Phôi A3", fields=[NAME_FIELD])
    sign_in(client, world.admin)
    data = layout_post(layout, name="Tên mới", rows=[{"x_mm": "400", "width_mm": "100"}])
    response = client.post(layout_url(layout), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "width_mm" in response.context["formset"].forms[0].errors
    assert 'value="400' in page and 'value="Tên mới"' in page
    layout.refresh_from_db()
    assert (layout.name, layout.fields.get().x_mm) == ("Phôi A3", 100)


def test_a_font_too_small_is_refused_on_the_layout_page(client, world):
    layout = blank_layout(fields=[NAME_FIELD])
    sign_in(client, world.admin)
    response = client.post(layout_url(layout), layout_post(layout, rows=[{"font_size": "4"}]))
    assert "font_size" in response.context["formset"].forms[0].errors
    assert layout.fields.get().font_size == 20


def test_the_calibration_page_and_the_sample_are_pdfs(client, world):
    layout = blank_layout(fields=[NAME_FIELD])
    sign_in(client, world.secretary)
    for name in ("certificate_calibration", "certificate_sample"):
        response = client.get(layout_url(layout, name))
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")


# ---- printing a decision -----------------------------------------------------------------------
def print_url(decision) -> str:
    return reverse("documents:certificate_print", args=[decision.pk])


def three_lines(world):
    return issued(
        world,
        ("BK_BTCTW", world.dn_person, 2023),
        ("BK_BTCTW", world.cq_person, 2023),
        ("BK_BTCTW_TT", world.cq, 2023),
    )


def test_the_ticked_recipients_print_one_page_each(client, world):
    decision = three_lines(world)
    certificate_layouts_ensure()
    first, second, _third = decision.lines.order_by("order")
    sign_in(client, world.officer)  # any signed-in user reads an issued decision
    response = client.post(print_url(decision), {"lines": [first.pk, second.pk], "layout": ""})
    pdf = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf"
    assert page_count(pdf) == 2
    assert "Trần Thị Bích" in text_of(pdf)


def test_the_print_page_lists_the_recipients_no_layout_serves(client, world):
    decision = issued(world, ("LDTT", world.dn_person, 2023), ("BK_BTCTW", world.cq_person, 2023))
    certificate_layouts_ensure()
    sign_in(client, world.secretary)
    response = client.get(print_url(decision))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="unserved"' in page
    assert page.count("Nguyễn Văn An") >= 2  # in the warning and in the table
    unserved, served = decision.lines.order_by("order")
    assert f'id="line-{unserved.pk}">' in page  # not ticked
    assert f'id="line-{served.pk}" checked>' in page


def test_a_chosen_layout_prints_a_recipient_no_layout_serves(client, world):
    decision = issued(world, ("LDTT", world.dn_person, 2023))
    layout = blank_layout(fields=[NAME_FIELD], codes=["GK"])
    sign_in(client, world.secretary)
    line = decision.lines.get()
    response = client.post(print_url(decision), {"lines": [line.pk], "layout": layout.pk})
    assert page_count(b"".join(response.streaming_content)) == 1


def test_printing_nothing_printable_says_so(client, world):
    decision = issued(world, ("LDTT", world.dn_person, 2023))
    certificate_layouts_ensure()
    sign_in(client, world.secretary)
    response = client.post(print_url(decision), {"lines": [decision.lines.get().pk]})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_a_draft_decision_cannot_print_certificates(client, world):
    decision = draft(world, ("BK_BTCTW", world.dn_person, 2023))
    sign_in(client, world.secretary)
    response = client.get(print_url(decision), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "nominations:decision_detail", args=[decision.pk]
    )
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_a_draft_does_not_exist_for_who_cannot_issue_it(client, world):
    decision = draft(world, ("BK_BTCTW", world.dn_person, 2023))
    sign_in(client, world.outsider)
    assert client.get(print_url(decision)).status_code == 404


def test_printing_needs_a_signed_in_user(client, world):
    decision = three_lines(world)
    assert client.get(print_url(decision)).status_code == 302


def test_many_certificates_print_in_a_background_job(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.THIDUA_CERTIFICATES_INLINE_MAX = 2
    decision = three_lines(world)
    certificate_layouts_ensure()
    sign_in(client, world.secretary)
    ids = list(decision.lines.values_list("pk", flat=True))
    response = client.post(print_url(decision), {"lines": ids})
    job = Job.objects.get(kind="documents.certificates")
    assert response.url == reverse("job_detail", args=[job.pk])
    run_job.call(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.done == 3
    with job.result_file.open("rb") as handle:
        assert page_count(handle.read()) == 3
