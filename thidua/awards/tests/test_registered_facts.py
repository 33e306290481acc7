"""The engine sees approved emulation registrations as "CODE:YEAR" targets, scalar and batch."""

import datetime as dt

import pytest
import time_machine

from thidua.awards import services as award_services
from thidua.awards.facts import person_facts, unit_facts
from thidua.awards.frames import people_frames, unit_frames
from thidua.campaigns.models import Movement
from thidua.campaigns.services import movements as movement_services
from thidua.campaigns.services import registrations as services
from thidua.eligibility import check

AS_OF = dt.date(2026, 1, 15)
REQUIRED = {"registration_required": True}


@pytest.fixture
def registration(world):
    """Cơ quan's 2025 registration: LĐTT for one of its people, TTLĐTT for the unit itself."""
    with time_machine.travel("2025-02-14 09:00 +07:00", tick=False):
        movement = movement_services.movement_create(
            by=world.secretary, title="Phong trào thi đua năm 2025", authority=world.sector,
            starts_on=dt.date(2025, 1, 1), ends_on=dt.date(2025, 12, 31),
            registration_deadline=dt.date(2025, 3, 31), decision_number="01-KH",
            decision_date=dt.date(2024, 12, 20),
        )  # fmt: skip
        movement_services.movement_transition(
            movement=movement, to=Movement.Status.LAUNCHED, by=world.secretary
        )
        registration = services.registration_open(movement=movement, unit=world.cq, by=None)
        services.registration_entry_add(
            registration=registration, person=world.cq_person, award_code="LDTT", by=None
        )
        services.registration_entry_add(registration=registration, award_code="TTLDTT", by=None)
    return registration


def approve(world, registration) -> None:
    services.registration_submit(registration=registration, by=world.officer)
    services.registration_approve(registration=registration, by=world.cq_head)


def test_an_approved_registration_names_the_persons_target_and_year(world, registration):
    approve(world, registration)

    assert person_facts(world.cq_person).registered == ("LDTT:2025",)


def test_a_registration_not_yet_approved_is_not_a_registration_for_the_engine(world, registration):
    services.registration_submit(registration=registration, by=world.officer)

    assert person_facts(world.cq_person).registered == ()
    assert unit_facts(world.cq).registered == ()


def test_the_unit_is_registered_for_its_collective_titles_only(world, registration):
    approve(world, registration)

    assert unit_facts(world.cq).registered == ("TTLDTT:2025",)


def test_a_required_registration_is_found_by_the_engine(world, registration):
    award_services.rating_set(person=world.cq_person, year=2025, rating="HTT", by=None)
    before = check(person_facts(world.cq_person), "LDTT", 2025, as_of=AS_OF, policy=REQUIRED)
    approve(world, registration)
    after = check(person_facts(world.cq_person), "LDTT", 2025, as_of=AS_OF, policy=REQUIRED)

    found = {o.rule: o.message for o in after.outcomes}
    missing = {o.rule: o.message for o in before.outcomes}
    assert (missing["ldtt.registered"], found["ldtt.registered"]) == (
        "registration.missing",
        "registration.found",
    )


def test_the_batch_frames_hold_the_same_targets(world, registration):
    approve(world, registration)

    people = people_frames(world.sector).registered.rows()
    units = unit_frames(world.sector).registered.rows()

    assert people == [(world.cq_person.pk, "LDTT:2025")]
    assert units == [(world.cq.pk, "TTLDTT:2025")]


def test_the_batch_frames_leave_out_a_draft_registration(world, registration):
    assert people_frames(None).registered.is_empty()
    assert unit_frames(None).registered.is_empty()
