"""Registrations: a unit registers once per movement the titles it and its people aim for; the
head approves; late changes carry a reason; refusals leave nothing half-saved."""

import datetime as dt

import pytest

from thidua.campaigns.models import (
    Movement,
    Registration,
    RegistrationEntry,
    RegistrationEvent,
)
from thidua.campaigns.services import movements as movement_services
from thidua.campaigns.services import registrations as services
from thidua.core.errors import DomainError
from thidua.org import services as org_services
from thidua.org.tests.factories import PersonFactory

S = Registration.Status
DEADLINE = dt.date(2025, 3, 31)
BEFORE_DEADLINE = "2025-02-14 09:00 +07:00"
AFTER_DEADLINE = "2025-04-10 09:00 +07:00"


def launched_movement(world, **fields) -> Movement:
    values = {
        "title": "Phong trào thi đua yêu nước năm 2025",
        "kind": Movement.Kind.REGULAR,
        "authority": world.sector,
        "starts_on": dt.date(2025, 1, 1),
        "ends_on": dt.date(2025, 12, 31),
        "registration_deadline": DEADLINE,
        "decision_number": "Số 01-KH/TCXDD",
        "decision_date": dt.date(2024, 12, 20),
    }
    movement = movement_services.movement_create(by=world.secretary, **(values | fields))
    return movement_services.movement_transition(
        movement=movement, to=Movement.Status.LAUNCHED, by=world.secretary
    )


def cq_registration(world, movement: Movement | None = None) -> Registration:
    return services.registration_open(
        movement=movement or launched_movement(world), unit=world.cq, by=world.officer
    )


def approved(world, registration: Registration) -> Registration:
    services.registration_submit(registration=registration, by=world.officer)
    return services.registration_approve(registration=registration, by=world.cq_head)


@pytest.fixture
def before_deadline(time_machine):
    time_machine.move_to(BEFORE_DEADLINE, tick=False)


def add_person(world, registration, person=None, code="LDTT", **kwargs) -> RegistrationEntry:
    return services.registration_entry_add(
        registration=registration, person=person or world.cq_person, award_code=code,
        by=world.officer, **kwargs,
    )  # fmt: skip


# ---- opening ------------------------------------------------------------------------------------
def test_a_unit_registers_only_once_for_a_movement(world, before_deadline):
    registration = cq_registration(world)

    with pytest.raises(DomainError) as refused:
        services.registration_open(movement=registration.movement, unit=world.cq, by=world.officer)

    assert refused.value.code == "duplicate"
    assert "Ban Tổ chức Đảng ủy Khối các cơ quan Trung ương" in refused.value.messages[0]
    assert Registration.objects.count() == 1


def test_a_movement_still_in_draft_takes_no_registration(world):
    draft = movement_services.movement_create(
        by=world.secretary, title="Phong trào 2026", authority=world.sector,
        starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 12, 31),
    )  # fmt: skip

    with pytest.raises(DomainError) as refused:
        services.registration_open(movement=draft, unit=world.cq, by=world.officer)

    assert refused.value.code == "movement_not_open"


def test_a_cluster_movement_takes_registrations_from_its_member_units_only(world, before_deadline):
    movement = launched_movement(
        world, authority=world.btctw, reach=Movement.Reach.CLUSTERS, clusters=[world.cluster6]
    )

    assert services.registration_open(movement=movement, unit=world.cq, by=world.officer)
    with pytest.raises(DomainError) as refused:
        services.registration_open(movement=movement, unit=world.kt, by=world.outsider)
    assert refused.value.code == "reach"


def test_a_unit_no_longer_active_cannot_register(world, before_deadline):
    movement = launched_movement(world)
    org_services.unit_deactivate(unit=world.kt, by=None, on=dt.date(2025, 1, 31))
    world.kt.refresh_from_db()

    with pytest.raises(DomainError) as refused:
        services.registration_open(movement=movement, unit=world.kt, by=world.outsider)

    assert refused.value.code == "unit_inactive"


# ---- entries ------------------------------------------------------------------------------------
def test_a_person_of_a_department_is_registered_by_the_unit(world, before_deadline):
    entry = add_person(world, cq_registration(world))

    assert (entry.person, entry.award_code, entry.is_collective) == (world.cq_person, "LDTT", False)


def test_a_person_outside_the_unit_is_refused_by_name(world, before_deadline):
    registration = cq_registration(world)

    with pytest.raises(DomainError) as refused:
        add_person(world, registration, person=world.kt_person)

    assert refused.value.code == "outside_unit"
    assert "Lê Đức Cường" in refused.value.messages[0]
    assert not RegistrationEntry.objects.exists()


def test_a_code_missing_from_the_catalogue_is_refused(world, before_deadline):
    with pytest.raises(DomainError) as refused:
        add_person(world, cq_registration(world), code="NO_SUCH_TITLE")

    assert refused.value.code == "unknown_award"
    assert not RegistrationEntry.objects.exists()


@pytest.mark.parametrize(
    ("code", "for_a_person"),
    [
        pytest.param("TTLDTT", True, id="a collective title for a person"),
        pytest.param("LDTT", False, id="an individual title for the unit"),
    ],
)
def test_a_title_for_the_other_kind_of_subject_is_refused(
    world, before_deadline, code, for_a_person
):
    registration = cq_registration(world)

    with pytest.raises(DomainError) as refused:
        services.registration_entry_add(
            registration=registration, award_code=code, by=world.officer,
            person=world.cq_person if for_a_person else None,
        )  # fmt: skip

    assert refused.value.code == "wrong_subject"


def test_a_commendation_form_of_the_catalogue_may_be_registered_too(world, before_deadline):
    entry = add_person(world, cq_registration(world), code="BK_BTCTW")

    assert entry.award_code == "BK_BTCTW"


def test_the_unit_aims_for_a_collective_title_once(world, before_deadline):
    registration = cq_registration(world)
    services.registration_entry_add(
        registration=registration, award_code="TTLDXS", by=world.officer
    )

    with pytest.raises(DomainError) as refused:
        services.registration_entry_add(
            registration=registration, award_code="TTLDXS", by=world.officer
        )

    assert refused.value.code == "duplicate"
    assert RegistrationEntry.objects.count() == 1


def test_a_person_is_registered_once_for_a_title_even_across_two_units(world, before_deadline):
    movement = launched_movement(world)
    add_person(world, cq_registration(world, movement))
    department = services.registration_open(movement=movement, unit=world.cq_dept, by=world.officer)

    with pytest.raises(DomainError) as refused:
        add_person(world, department)

    assert refused.value.code == "duplicate"
    assert "Trần Thị Bích" in refused.value.messages[0]
    assert "Ban Tổ chức Đảng ủy Khối các cơ quan Trung ương" in refused.value.messages[0]


def test_a_person_may_aim_for_two_different_titles(world, before_deadline):
    registration = cq_registration(world)
    add_person(world, registration, code="LDTT")
    add_person(world, registration, code="CSTDCS")

    assert registration.entries.count() == 2


def test_a_bulk_registration_saves_everyone_or_no_one(world, before_deadline):
    registration = cq_registration(world)
    newcomer = PersonFactory(unit=world.cq, full_name="Phạm Thu Dung")
    add_person(world, registration, code="LDTT")

    with pytest.raises(DomainError) as refused:
        services.registration_entries_add(
            registration=registration, award_code="LDTT", people=[newcomer, world.cq_person],
            by=world.officer,
        )  # fmt: skip

    assert "Trần Thị Bích" in refused.value.messages[0]
    assert not registration.entries.filter(person=newcomer).exists()


def test_a_bulk_registration_registers_every_ticked_person(world, before_deadline):
    registration = cq_registration(world)
    people = [PersonFactory(unit=world.cq_dept) for _ in range(3)]

    services.registration_entries_add(
        registration=registration, award_code="LDTT", people=people, by=world.officer
    )

    assert set(registration.entries.values_list("person", flat=True)) == {p.pk for p in people}


# ---- late changes -------------------------------------------------------------------------------
def test_a_change_before_the_deadline_is_not_a_late_change(world, before_deadline):
    add_person(world, cq_registration(world))

    assert not RegistrationEvent.objects.filter(kind="late_change").exists()


def test_a_change_after_the_deadline_needs_a_reason(world, time_machine):
    time_machine.move_to(BEFORE_DEADLINE, tick=False)
    registration = cq_registration(world)
    time_machine.move_to(AFTER_DEADLINE, tick=False)

    with pytest.raises(DomainError) as refused:
        add_person(world, registration)

    assert refused.value.code == "reason_needed"
    assert "reason" in refused.value.error_dict
    assert not RegistrationEntry.objects.exists()


def test_a_change_after_the_deadline_is_recorded_with_its_reason(world, time_machine):
    time_machine.move_to(BEFORE_DEADLINE, tick=False)
    registration = cq_registration(world)
    time_machine.move_to(AFTER_DEADLINE, tick=False)

    add_person(world, registration, reason="Đồng chí mới được tiếp nhận")

    event = RegistrationEvent.objects.get(registration=registration)
    assert (event.kind, event.reason, event.by) == (
        "late_change", "Đồng chí mới được tiếp nhận", world.officer,
    )  # fmt: skip
    assert "Trần Thị Bích" in event.detail and "Lao động tiên tiến" in event.detail


def test_removing_a_title_from_an_approved_registration_needs_a_reason(world, before_deadline):
    registration = cq_registration(world)
    entry = add_person(world, registration)
    approved(world, registration)

    with pytest.raises(DomainError):
        services.registration_entry_remove(entry=entry, by=world.officer)
    services.registration_entry_remove(entry=entry, by=world.officer, reason="Nghỉ hưu")

    late = RegistrationEvent.objects.get(registration=registration, kind="late_change")
    assert late.reason == "Nghỉ hưu" and late.detail.startswith("−")
    assert Registration.objects.get(pk=registration.pk).status == S.APPROVED


def test_the_history_keeps_who_added_a_title_and_why(world, time_machine):
    time_machine.move_to(BEFORE_DEADLINE, tick=False)
    registration = cq_registration(world)
    time_machine.move_to(AFTER_DEADLINE, tick=False)

    entry = add_person(world, registration, reason="Bổ sung")

    record = entry.history.get()
    assert (record.history_user, record.history_change_reason) == (world.officer, "Bổ sung")


def test_a_registration_awaiting_approval_cannot_change(world, before_deadline):
    registration = cq_registration(world)
    add_person(world, registration)
    services.registration_submit(registration=registration, by=world.officer)

    with pytest.raises(DomainError) as refused:
        add_person(world, registration, code="CSTDCS", reason="Thêm")

    assert refused.value.code == "awaiting_approval"


# ---- submit, approve, return --------------------------------------------------------------------
def test_an_empty_registration_cannot_be_sent_for_approval(world, before_deadline):
    registration = cq_registration(world)

    with pytest.raises(DomainError) as refused:
        services.registration_submit(registration=registration, by=world.officer)

    assert refused.value.code == "empty"
    assert Registration.objects.get(pk=registration.pk).status == S.DRAFT


def test_only_the_unit_head_approves(world, before_deadline):
    registration = cq_registration(world)
    add_person(world, registration)
    services.registration_submit(registration=registration, by=world.officer)

    with pytest.raises(DomainError) as refused:
        services.registration_approve(registration=registration, by=world.officer)
    assert refused.value.code == "not_head"
    assert Registration.objects.get(pk=registration.pk).status == S.SUBMITTED

    done = services.registration_approve(registration=registration, by=world.cq_head)
    assert (done.status, done.approved_by) == (S.APPROVED, world.cq_head)
    assert list(done.events.values_list("kind", flat=True)) == ["submitted", "approved"]


def test_returning_a_registration_needs_a_reason(world, before_deadline):
    registration = cq_registration(world)
    add_person(world, registration)
    services.registration_submit(registration=registration, by=world.officer)

    with pytest.raises(DomainError) as refused:
        services.registration_return(registration=registration, by=world.cq_head, reason=" ")

    assert "reason" in refused.value.error_dict
    assert Registration.objects.get(pk=registration.pk).status == S.SUBMITTED


def test_a_returned_registration_is_changed_and_sent_again(world, before_deadline):
    registration = cq_registration(world)
    add_person(world, registration)
    services.registration_submit(registration=registration, by=world.officer)
    services.registration_return(
        registration=registration, by=world.cq_head, reason="Bổ sung danh hiệu tập thể"
    )

    services.registration_entry_add(
        registration=registration, award_code="TTLDTT", by=world.officer
    )
    again = services.registration_submit(registration=registration, by=world.officer)

    assert again.status == S.SUBMITTED
    assert again.return_reason == "Bổ sung danh hiệu tập thể"


def test_a_draft_cannot_be_approved_without_being_sent(world, before_deadline):
    registration = cq_registration(world)
    add_person(world, registration)

    with pytest.raises(DomainError) as refused:
        services.registration_approve(registration=registration, by=world.cq_head)

    assert refused.value.code == "transition"


# ---- permissions --------------------------------------------------------------------------------
def test_another_units_officer_cannot_see_the_registration(world, before_deadline):
    registration = cq_registration(world)

    assert not world.outsider.has_perm("campaigns.view_registration", registration)
    assert not world.leader_officer.has_perm("campaigns.view_registration", registration)


def test_the_head_approves_but_does_not_edit(world, before_deadline):
    registration = cq_registration(world)

    assert world.cq_head.has_perm("campaigns.approve_registration", registration)
    assert not world.cq_head.has_perm("campaigns.change_registration", registration)
    assert not world.officer.has_perm("campaigns.approve_registration", registration)


def test_the_launching_secretariat_follows_but_does_not_edit(world, before_deadline):
    registration = cq_registration(world)

    assert world.secretary.has_perm("campaigns.view_registration", registration)
    assert not world.secretary.has_perm("campaigns.change_registration", registration)
