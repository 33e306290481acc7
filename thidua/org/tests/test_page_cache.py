"""Rendered page parts are reused until org data changes, and never shared across permissions."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from thidua.org import services

pytestmark = pytest.mark.django_db


def _unit_page(client, user, unit):
    client.force_login(user)
    return client.get(reverse("org:unit_detail", args=[unit.pk]))


def test_a_second_visit_reuses_the_rendered_unit_page(client, world, django_assert_max_num_queries):
    client.force_login(world.officer)
    url = reverse("org:unit_detail", args=[world.cq.pk])
    with django_assert_max_num_queries(30) as first:
        client.get(url)
    with django_assert_max_num_queries(len(first.captured_queries) - 4):
        second = client.get(url)
    assert world.cq_person.full_name in second.content.decode()


def test_a_change_through_a_service_shows_at_once(client, world):
    _unit_page(client, world.officer, world.cq)
    services.person_update(person=world.cq_person, full_name="Trần Thị Bích Ngọc", by=None)
    page = _unit_page(client, world.officer, world.cq).content.decode()
    assert "Trần Thị Bích Ngọc" in page


def test_users_with_other_permissions_get_their_own_rendering(client, world):
    officer_page = _unit_page(client, world.officer, world.cq_dept).content.decode()
    council_page = _unit_page(client, world.council_member, world.cq_dept).content.decode()
    delete_url = reverse("org:unit_delete", args=[world.cq_dept.pk])
    assert delete_url in officer_page
    assert delete_url not in council_page
    assert world.cq_person.full_name not in council_page  # council members see no staff


def test_search_results_are_not_shared_between_scopes(client, world):
    client.force_login(world.officer)
    client.get(reverse("org:person_search"), {"q": ""})
    client.force_login(world.outsider)
    page = client.get(reverse("org:person_search"), {"q": ""}).content.decode()
    assert world.kt_person.full_name in page
    assert world.cq_person.full_name not in page


def _export_form_token(html: str, action: str) -> str:
    form = html[html.index(f'action="{action}"') :]
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)


@pytest.mark.parametrize("url_name", ["home", "org:unit_detail"])
def test_a_form_in_a_cached_part_posts_with_the_viewers_own_token(world, url_name):
    export = reverse("org:unit_export_start", args=[world.cq.pk])
    url = reverse(url_name, args=[world.cq.pk]) if url_name != "home" else reverse(url_name)
    first = Client(enforce_csrf_checks=True)
    first.force_login(world.officer)
    first.get(url)  # fills the cache with this session's rendering
    second = Client(enforce_csrf_checks=True)
    second.force_login(world.officer)
    html = second.get(url).content.decode()
    token = _export_form_token(html, export)
    assert second.post(export, {"csrfmiddlewaretoken": token}).status_code == 302
