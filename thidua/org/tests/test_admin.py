"""The Django admin: every list opens, and unit and post edits keep the derived data right."""

import datetime as dt

import pytest
from django.contrib import admin
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.org import services
from thidua.org.models import Membership, Person, Unit
from thidua.org.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
THIDUA_MODELS = [m for m in admin.site._registry if m._meta.app_label in {"core", "org"}]


@pytest.fixture
def admin_client(client, world):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=root, name="phone", confirmed=True)
    client.force_login(root)
    client.post(reverse("otp_verify"), {"token": f"{totp(device.bin_key):06d}"})
    return client


def unit_form(unit: Unit, **changes) -> dict:
    data = {
        "name": unit.name,
        "short_name": unit.short_name,
        "code": unit.code,
        "kind": unit.kind,
        "document_style": unit.document_style,
        "issuer_code": unit.issuer_code,
        "parent": unit.parent_id or "",
        "successor": "",
        "sort_order": unit.sort_order,
        "active_from": "",
        "active_to": "",
    }
    return data | changes


def test_every_model_of_core_and_org_has_an_admin():
    from django.apps import apps

    models = [*apps.get_app_config("core").get_models(), *apps.get_app_config("org").get_models()]
    missing = [m.__name__ for m in models if not m.__name__.startswith("Historical")]
    assert set(missing) <= {m.__name__ for m in THIDUA_MODELS}


@pytest.mark.parametrize("model", THIDUA_MODELS, ids=lambda m: m.__name__)
def test_every_admin_list_search_and_add_page_opens(admin_client, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")

    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(changelist, {"q": "nguyen"}).status_code == 200
    written_by_the_app = model.__name__ in {"Job", "Notification", "DataVersion"}
    assert admin_client.get(add).status_code == (403 if written_by_the_app else 200)


def test_adding_a_unit_in_the_admin_hangs_it_in_the_tree(admin_client, world):
    url = reverse("admin:org_unit_add")
    data = unit_form(Unit(parent=world.cq, kind="division"), name="Phòng Mới", code="CQ-NEW")

    response = admin_client.post(url, data)

    assert response.status_code == 302
    unit = Unit.objects.get(code="CQ-NEW")
    assert (unit.path, unit.depth) == (f"{world.cq.path}{unit.pk}/", world.cq.depth + 1)


def test_moving_a_unit_in_the_admin_moves_its_subtree(admin_client, world):
    url = reverse("admin:org_unit_change", args=[world.cq.pk])

    response = admin_client.post(url, unit_form(world.cq, parent=world.btctw.pk))

    assert response.status_code == 302
    world.cq_dept.refresh_from_db()
    assert world.cq_dept.path.startswith(world.btctw.path)


def test_placing_a_unit_under_its_own_subunit_is_refused_beside_the_field(admin_client, world):
    url = reverse("admin:org_unit_change", args=[world.cq.pk])

    response = admin_client.post(url, unit_form(world.cq, parent=world.cq_dept.pk))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"]


def test_adding_a_post_in_the_admin_moves_the_person_to_that_unit(admin_client, world):
    person = Person.objects.create(full_name="Đỗ Văn Em", gender="male")
    data = {"person": person.pk, "unit": world.kt.pk, "position": "", "start_date": "2024-01-01"}

    response = admin_client.post(reverse("admin:org_membership_add"), data)

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.unit == world.kt


def test_an_overlapping_main_post_is_refused_in_the_admin(admin_client, world):
    data = {"person": world.cq_person.pk, "unit": world.kt.pk, "start_date": "2024-01-01"}

    response = admin_client.post(reverse("admin:org_membership_add"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["start_date"]
    assert Membership.objects.filter(person=world.cq_person).count() == 1


def test_the_admin_search_ignores_diacritics(admin_client, world):
    response = admin_client.get(reverse("admin:org_person_changelist"), {"q": "tran thi bich"})

    assert list(response.context["cl"].result_list) == [world.cq_person]


def test_reverting_a_unit_from_its_history_keeps_its_current_tree_path(admin_client, world):
    first_version = world.cq_dept.history.earliest("history_date")
    services.unit_move(unit=world.cq, new_parent=world.btctw, by=None)
    url = reverse("admin:org_unit_simple_history", args=[world.cq_dept.pk, first_version.pk])

    response = admin_client.post(url, unit_form(world.cq_dept, name="Phòng Cơ sở đảng (cũ)"))

    assert response.status_code == 302
    world.cq_dept.refresh_from_db()
    assert world.cq_dept.name == "Phòng Cơ sở đảng (cũ)"
    assert world.cq_dept.path.startswith(world.btctw.path)


def test_an_overlapping_cluster_membership_is_refused_in_the_admin(admin_client, world):
    data = {"cluster": world.cluster6.pk, "unit": world.cq.pk, "joined_on": "2024-01-01"}

    response = admin_client.post(reverse("admin:org_clustermembership_add"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["unit"]
    assert world.cluster6.memberships.filter(unit=world.cq).count() == 1


def test_an_overlapping_leave_is_refused_in_the_admin(admin_client, world):
    services.leave_add(
        person=world.cq_person,
        kind="sick",
        start_date=dt.date(2024, 3, 1),
        end_date=dt.date(2024, 3, 10),
        by=None,
    )
    data = {
        "person": world.cq_person.pk,
        "kind": "unpaid",
        "start_date": "2024-03-05",
        "end_date": "2024-03-20",
    }

    response = admin_client.post(reverse("admin:org_leaveperiod_add"), data)

    assert response.context["adminform"].form.errors["start_date"]
    assert world.cq_person.leave_periods.count() == 1


def test_a_role_without_its_kind_of_scope_is_refused_in_the_admin(admin_client, world):
    data = {"user": world.individual.pk, "role": "unit_officer", "cluster": world.cluster6.pk}

    response = admin_client.post(reverse("admin:org_roleassignment_add"), data)

    assert response.context["adminform"].form.errors["unit"]
    assert not world.individual.role_assignments.exists()
