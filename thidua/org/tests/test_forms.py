"""The org forms on their own: date pickers, where refusals land, and which units are offered."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import translation

from thidua.core.errors import DomainError
from thidua.org import services
from thidua.org.forms import (
    ClusterMemberForm,
    LeaveForm,
    PersonTransferForm,
    SearchForm,
    UnitEditForm,
)

LEAVE = {"kind": "sick", "start_date": "2024-03-05", "end_date": "2024-03-08"}


@pytest.fixture
def tree(db):
    t = SimpleNamespace()
    t.sector = services.unit_create(by=None, name="Ngành Tổ chức", code="TC", kind="sector")
    t.kt = services.unit_create(by=None, parent=t.sector, name="Ban Tổ chức Kon Tum", code="KT")
    t.dept = services.unit_create(by=None, parent=t.kt, name="Phòng Tổ chức", code="KT-TC")
    t.gl = services.unit_create(by=None, parent=t.sector, name="Ban Tổ chức Gia Lai", code="GL")
    t.officer = get_user_model().objects.create_user("officer")
    services.role_assign(user=t.officer, role="unit_officer", unit=t.kt, by=None)
    return t


def test_a_date_renders_as_a_date_picker_with_an_iso_value_in_vietnamese():
    form = LeaveForm(initial={"start_date": dt.date(2024, 3, 5)})

    with translation.override("vi"):
        widget = str(form["start_date"])

    assert 'type="date"' in widget
    assert 'value="2024-03-05"' in widget


def test_a_leave_ending_before_it_starts_is_refused_beside_the_end_date():
    form = LeaveForm({**LEAVE, "end_date": "2024-03-01"})

    assert not form.is_valid()
    assert list(form.errors) == ["end_date"]


def test_a_refusal_naming_a_field_lands_beside_it():
    form = LeaveForm(LEAVE)
    form.is_valid()

    form.add_refusal(DomainError("Overlaps the sick leave.", field="start_date"))

    assert form.errors["start_date"] == ["Overlaps the sick leave."]


def test_a_refusal_naming_no_field_lands_above_the_form():
    form = LeaveForm(LEAVE)
    form.is_valid()

    form.add_refusal(DomainError("Not now."))

    assert form.non_field_errors() == ["Not now."]


def test_a_model_check_on_a_field_the_form_lacks_lands_above_the_form():
    form = LeaveForm(LEAVE)
    form.is_valid()

    form.add_refusal(ValidationError({"person": ["This person has left."]}))

    assert form.non_field_errors() == ["This person has left."]


def test_a_field_with_an_error_is_marked_invalid_for_bootstrap_and_screen_readers():
    form = LeaveForm(LEAVE)
    form.is_valid()

    form.add_refusal(DomainError("Overlaps.", field="start_date"))

    widget = str(form["start_date"])
    assert "is-invalid" in widget
    assert 'aria-invalid="true"' in widget


def test_a_transfer_refused_for_its_start_date_shows_beside_the_transfer_date(tree):
    person = services.person_create(
        by=None, unit=tree.dept, full_name="Nguyễn Văn An", gender="male"
    )
    form = PersonTransferForm(
        {"to_unit": tree.kt.pk, "on": "2024-07-01"}, person=person, user=tree.officer
    )
    form.is_valid()

    form.add_refusal(DomainError("Already works elsewhere.", field="start_date"))

    assert form.errors["on"] == ["Already works elsewhere."]


def test_the_transfer_offers_the_officers_units_except_the_current_one(tree):
    person = services.person_create(
        by=None, unit=tree.dept, full_name="Nguyễn Văn An", gender="male"
    )

    form = PersonTransferForm(person=person, user=tree.officer)

    assert list(form.fields["to_unit"].queryset) == [tree.kt]


def test_the_parent_choices_are_the_officers_units_and_the_current_parent(tree):
    form = UnitEditForm(unit=tree.kt, user=tree.officer)

    assert list(form.fields["parent"].queryset) == [tree.sector, tree.kt, tree.dept]


def test_an_officer_must_keep_a_parent_for_a_unit_that_has_one(tree):
    form = UnitEditForm(unit=tree.dept, user=tree.officer)

    assert form.fields["parent"].required


def test_the_edit_form_starts_with_the_units_values(tree):
    form = UnitEditForm(unit=tree.dept, user=tree.officer)

    assert (form["parent"].value(), form["code"].value()) == (tree.kt.pk, "KT-TC")


def test_a_unit_outside_the_officers_units_cannot_join_a_cluster_through_them(tree):
    form = ClusterMemberForm({"unit": tree.gl.pk, "joined_on": "2024-01-01"}, user=tree.officer)

    assert "unit" in form.errors


def test_a_membership_cannot_end_before_it_starts(tree):
    form = ClusterMemberForm(
        {"unit": tree.kt.pk, "joined_on": "2024-01-01", "left_on": "2023-01-01"},
        user=tree.officer,
    )

    assert list(form.errors) == ["left_on"]


def test_the_search_query_is_trimmed():
    assert SearchForm({"q": "  nguyen van "}).query == "nguyen van"


def test_an_overlong_search_query_searches_for_nothing():
    assert SearchForm({"q": "a" * 101}).query == ""
