"""Cached page parts: reused until their namespace's data change, on any process."""

from unittest import mock

import pytest

from thidua.core import fragments

pytestmark = pytest.mark.django_db
TEMPLATE = "core/includes/non_field_errors.html"  # any template: the content is not the point


def render(request, calls: list) -> str:
    def context() -> dict:
        calls.append(1)
        return {}

    return fragments.cached_render(request, TEMPLATE, context, namespace="test", key="k")


def test_a_part_is_rendered_once_until_its_data_change(rf):
    calls: list = []
    render(rf.get("/"), calls)
    render(rf.get("/"), calls)
    assert len(calls) == 1
    fragments.data_changed("test")
    render(rf.get("/"), calls)
    assert len(calls) == 2


def test_a_get_reads_the_version_once_for_all_its_parts(rf):
    request = rf.get("/")
    with mock.patch.object(fragments, "_read_version", wraps=fragments._read_version) as read:
        render(request, [])
        render(request, [])
    assert read.call_count == 1


def test_a_post_that_changes_data_renders_the_fresh_version(rf):
    request, calls = rf.post("/"), []
    render(request, calls)
    fragments.data_changed("test")
    render(request, calls)
    assert len(calls) == 2


def test_a_change_rolled_back_leaves_the_version_it_found(rf):
    from django.db import transaction

    before = fragments.data_version("test")
    with pytest.raises(RuntimeError), transaction.atomic():
        fragments.data_changed("test")
        assert fragments.data_version("test") != before  # the writer sees its own change
        raise RuntimeError("the import failed")
    assert fragments.data_version("test") == before


def test_a_version_is_read_with_one_query(rf, django_assert_num_queries):
    fragments.data_version("test")  # the first read starts the namespace
    with django_assert_num_queries(1):
        fragments.data_version("test")


def test_the_admin_has_a_namespaces_pages_rendered_afresh(admin_client, rf):
    from django.urls import reverse

    calls: list = []
    render(rf.get("/"), calls)
    response = admin_client.post(
        reverse("admin:core_dataversion_changelist"),
        {"action": "render_afresh", "_selected_action": ["test"]},
    )
    assert response.status_code == 302
    render(rf.get("/"), calls)
    assert len(calls) == 2
