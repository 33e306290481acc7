"""The `{% history_table %}` tag that record pages use to show who changed what."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from thidua.org import services
from thidua.org.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def render_history(obj) -> str:
    return Template("{% load thidua %}{% history_table obj %}").render(Context({"obj": obj}))


def test_the_history_table_shows_who_changed_which_field_from_what_to_what():
    editor = UserFactory(username="editor", first_name="Lan", last_name="Nguyễn")
    unit = services.unit_create(by=editor, name="Ban Tổ chức", code="BTC")
    services.unit_update(unit=unit, by=editor, name="Ban Tổ chức Tỉnh ủy", reason="renamed")

    html = render_history(unit)

    assert "Ban Tổ chức → Ban Tổ chức Tỉnh ủy" in html
    assert "renamed" in html
    assert "Lan Nguyễn" in html


def test_the_history_table_names_the_system_when_no_user_made_the_change():
    unit = services.unit_create(by=None, name="Ban Tổ chức", code="BTC")

    with translation.override("en"):
        assert "the system" in render_history(unit)


def test_minutes_rounds_up_so_a_wait_is_never_shown_as_zero():
    template = Template("{% load thidua %}{{ wait|minutes }}")

    assert template.render(Context({"wait": dt.timedelta(seconds=61)})) == "2"
    assert template.render(Context({"wait": dt.timedelta(hours=0.25)})) == "15"
