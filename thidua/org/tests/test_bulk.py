"""Many new people at once (thidua.org.bulk): the same checks, posts and audit as one by one."""

import datetime as dt

import pytest

from thidua.org import bulk, services
from thidua.org.models import Membership, Person

pytestmark = pytest.mark.django_db


def new(world, **changes) -> bulk.NewPerson:
    values = {
        "unit": world.cq_dept,
        "full_name": "  Lê   Thị Mai ",
        "gender": "female",
        "staff_code": "CQ003",
        "birth_date": dt.date(1990, 5, 12),
        "employment_start": dt.date(2015, 8, 1),
    }
    return bulk.NewPerson(**(values | changes))


def test_each_person_gets_a_main_post_in_their_unit(world):
    [pk] = bulk.people_bulk_create(people=[new(world)], by=world.officer)

    mai = Person.objects.get(pk=pk)
    assert (mai.full_name, mai.unit, mai.sort_name) == ("Lê Thị Mai", world.cq_dept, "Mai Lê Thị")
    assert mai.search_text == "le thi mai cq003"
    post = Membership.objects.get(person=mai)
    assert (post.unit, post.start_date, post.end_date, post.is_concurrent) == (
        world.cq_dept, dt.date(2015, 8, 1), None, False
    )  # fmt: skip


def test_a_post_without_an_employment_start_begins_today(world):
    [pk] = bulk.people_bulk_create(
        people=[new(world, employment_start=None)], by=world.officer, today=dt.date(2026, 1, 5)
    )

    assert Membership.objects.get(person_id=pk).start_date == dt.date(2026, 1, 5)


def test_every_row_has_its_history_with_the_user_and_the_reason(world):
    [pk] = bulk.people_bulk_create(people=[new(world)], by=world.officer, reason="imported")

    mai = Person.objects.get(pk=pk)
    [record] = mai.history.all()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+", world.officer, "imported"
    )  # fmt: skip
    assert record.full_name == "Lê Thị Mai"
    [post_record] = Membership.objects.get(person=mai).history.all()
    assert post_record.history_user == world.officer


def test_a_bad_row_refuses_the_whole_batch_and_says_which(world):
    people = [new(world), new(world, staff_code="CQ004", gender="other")]

    with pytest.raises(bulk.BulkRowError) as refused:
        bulk.people_bulk_create(people=people, by=world.officer)

    assert refused.value.index == 1
    assert "gender" in refused.value.message_dict
    assert not Person.objects.filter(staff_code__in=["CQ003", "CQ004"]).exists()


def test_a_name_longer_than_the_field_is_refused(world):
    with pytest.raises(bulk.BulkRowError) as refused:
        bulk.people_bulk_create(people=[new(world, full_name="A" * 151)], by=world.officer)

    assert "full_name" in refused.value.message_dict


def test_a_new_person_never_takes_the_id_of_a_deleted_one(world):
    gone = services.person_create(by=None, unit=world.cq, full_name="Tạm Thời", gender="male")
    gone_pk = gone.pk
    gone.delete()

    [pk] = bulk.people_bulk_create(people=[new(world)], by=world.officer)

    assert pk > gone_pk
    assert Person.objects.get(pk=pk).history.count() == 1
