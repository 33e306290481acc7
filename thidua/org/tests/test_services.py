import datetime as dt

import pytest

from thidua.core.errors import DomainError
from thidua.org import services
from thidua.org.models import ClusterLeadership, Membership, Person, Unit
from thidua.org.tests.factories import PersonFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_new_unit_gets_a_path_below_its_parent():
    root = UnitFactory()
    child = UnitFactory(parent=root)
    assert child.path == f"{root.path}{child.pk}/"
    assert child.depth == 1


def test_moving_a_unit_under_its_own_descendant_is_refused():
    root = UnitFactory()
    child = UnitFactory(parent=root)
    with pytest.raises(DomainError) as refused:
        services.unit_move(unit=root, new_parent=child, by=None)
    assert refused.value.field == "parent"
    root.refresh_from_db()
    assert root.parent is None


def test_moving_a_unit_carries_its_subtree_along():
    a, b = UnitFactory(), UnitFactory()
    child = UnitFactory(parent=a)
    grandchild = UnitFactory(parent=child)
    services.unit_move(unit=child, new_parent=b, by=None)
    grandchild.refresh_from_db()
    assert grandchild.path.startswith(b.path)
    assert grandchild.depth == 2


def test_a_unit_with_people_cannot_be_deleted():
    unit = UnitFactory()
    PersonFactory(unit=unit)
    with pytest.raises(DomainError) as refused:
        services.unit_delete(unit=unit, by=None)
    assert refused.value.code == "unit_has_people"
    assert Unit.objects.filter(pk=unit.pk).exists()


def test_an_empty_unit_can_be_deleted():
    unit = UnitFactory()
    services.unit_delete(unit=unit, by=None)
    assert not Unit.objects.filter(pk=unit.pk).exists()


def test_deactivating_records_the_end_date_and_the_successor():
    old, new = UnitFactory(), UnitFactory()
    services.unit_deactivate(unit=old, by=None, on=dt.date(2025, 2, 3), successor=new)
    old.refresh_from_db()
    assert (old.active_to, old.successor, old.is_active) == (dt.date(2025, 2, 3), new, False)


def test_creating_a_person_opens_their_main_post():
    unit = UnitFactory()
    person = PersonFactory(unit=unit, position="Chuyên viên")
    assert person.unit == unit
    assert person.position == "Chuyên viên"
    assert person.memberships.get().end_date is None


def test_overlapping_main_posts_are_refused_with_the_conflicting_unit_named():
    person = PersonFactory()
    other = UnitFactory(name="Cục Cán bộ")
    with pytest.raises(DomainError, match=person.unit.name):
        services.membership_add(person=person, unit=other, start_date=dt.date(2020, 1, 1), by=None)


def test_a_concurrent_post_may_overlap_the_main_one():
    person = PersonFactory()
    services.membership_add(
        person=person,
        unit=UnitFactory(),
        start_date=dt.date(2020, 1, 1),
        by=None,
        is_concurrent=True,
    )
    assert person.memberships.count() == 2


def test_a_transfer_closes_the_old_post_the_day_before():
    person = PersonFactory()
    old_unit, new_unit = person.unit, UnitFactory()
    services.person_transfer(person=person, to_unit=new_unit, on=dt.date(2024, 7, 1), by=None)
    person.refresh_from_db()
    old = Membership.objects.get(person=person, unit=old_unit)
    assert old.end_date == dt.date(2024, 6, 30)
    assert person.unit == new_unit


def test_overlapping_cluster_memberships_are_refused():
    cluster = services.cluster_create(by=None, organiser=UnitFactory(), name="Cụm 1", number=1)
    unit = UnitFactory()
    services.cluster_member_add(cluster=cluster, unit=unit, joined_on=dt.date(2021, 1, 1), by=None)
    with pytest.raises(DomainError) as refused:
        services.cluster_member_add(
            cluster=cluster, unit=unit, joined_on=dt.date(2023, 1, 1), by=None
        )
    assert refused.value.code == "membership_overlap"


def test_a_unit_may_rejoin_a_cluster_after_leaving():
    cluster = services.cluster_create(by=None, organiser=UnitFactory(), name="Cụm 1", number=1)
    unit = UnitFactory()
    m = services.cluster_member_add(
        cluster=cluster, unit=unit, joined_on=dt.date(2021, 1, 1), by=None
    )
    services.cluster_member_leave(membership=m, left_on=dt.date(2022, 12, 31), by=None)
    services.cluster_member_add(cluster=cluster, unit=unit, joined_on=dt.date(2024, 1, 1), by=None)
    assert cluster.memberships.count() == 2


def test_a_second_leader_in_the_same_year_is_refused_naming_the_holder(world):
    with pytest.raises(DomainError, match=world.dn.name):
        services.cluster_leadership_set(
            cluster=world.cluster6, year=2023, role="leader", unit=world.cq, by=None
        )


def test_the_leader_must_be_a_member_that_year(world):
    with pytest.raises(DomainError) as refused:
        services.cluster_leadership_set(
            cluster=world.cluster6, year=2024, role="leader", unit=world.kt, by=None
        )
    assert refused.value.code == "not_a_member"


def test_leadership_rotates_year_by_year(world):
    services.cluster_leadership_set(
        cluster=world.cluster6, year=2024, role="leader", unit=world.cq, by=None
    )
    leaders = ClusterLeadership.objects.filter(cluster=world.cluster6, role="leader")
    assert dict(leaders.values_list("year", "unit")) == {2023: world.dn.pk, 2024: world.cq.pk}


def test_overlapping_leave_is_refused():
    person = PersonFactory(gender=Person.Gender.FEMALE)
    services.leave_add(
        person=person,
        kind="maternity",
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2024, 6, 30),
        by=None,
    )
    with pytest.raises(DomainError) as refused:
        services.leave_add(
            person=person,
            kind="sick",
            start_date=dt.date(2024, 6, 1),
            end_date=dt.date(2024, 6, 10),
            by=None,
        )
    assert refused.value.code == "leave_overlap"


def test_a_role_needs_the_right_kind_of_scope():
    with pytest.raises(DomainError):
        services.role_assign(user=UserFactory(), role="unit_officer", by=None)


def test_every_change_is_audited_with_who_and_what(world):
    editor = world.secretary
    services.unit_update(unit=world.cq, by=editor, short_name="BTC ĐUK CCQ", reason="rename")
    latest = world.cq.history.latest()
    delta = latest.diff_against(latest.prev_record)
    assert latest.history_user == editor
    assert latest.history_change_reason == "rename"
    assert [(c.field, c.new) for c in delta.changes] == [("short_name", "BTC ĐUK CCQ")]


def test_deleting_a_unit_leaves_a_history_row():
    unit = UnitFactory()
    unit_id = unit.pk
    services.unit_delete(unit=unit, by=None)
    assert Unit.history.filter(id=unit_id, history_type="-").exists()
