"""Registration pages: the officer registers and edits, the head decides, others see nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.campaigns.models import Movement, Registration, RegistrationEntry
from thidua.campaigns.services import registrations as services
from thidua.campaigns.tests.test_registrations import (
    AFTER_DEADLINE,
    BEFORE_DEADLINE,
    add_person,
    cq_registration,
    launched_movement,
)
from thidua.core.tests.helpers import sign_in
from thidua.org.tests.factories import PersonFactory

S = Registration.Status


@pytest.fixture
def before_deadline(time_machine):
    time_machine.move_to(BEFORE_DEADLINE, tick=False)


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_officer_registers_the_unit_from_the_movement(client, world, before_deadline):
    movement = launched_movement(world)
    sign_in(client, world.officer)

    listing = client.get(f"/movements/{movement.pk}/registrations/")
    response = client.post(f"/movements/{movement.pk}/registrations/open/", {"unit": world.cq.pk})

    registration = Registration.objects.get(movement=movement, unit=world.cq)
    assert listing.context["own"] == [(world.cq, None)]
    assert response.url == f"/registrations/{registration.pk}/"


def test_the_officer_cannot_open_a_registration_for_another_unit(client, world, before_deadline):
    movement = launched_movement(world)
    sign_in(client, world.officer)

    response = client.post(f"/movements/{movement.pk}/registrations/open/", {"unit": world.kt.pk})

    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_the_launching_secretariat_sees_every_units_registration_with_counts(
    client, world, before_deadline
):
    registration = cq_registration(world)
    add_person(world, registration)
    services.registration_open(movement=registration.movement, unit=world.kt, by=world.outsider)
    sign_in(client, world.secretary)

    response = client.get(f"/movements/{registration.movement.pk}/registrations/")

    rows = {r.unit: r for r in response.context["registrations"]}
    assert set(rows) == {world.cq, world.kt}
    assert (rows[world.cq].individual_count, rows[world.kt].individual_count) == (1, 0)


def test_a_unit_officer_sees_only_their_units_registration(client, world, before_deadline):
    registration = cq_registration(world)
    services.registration_open(movement=registration.movement, unit=world.kt, by=world.outsider)
    sign_in(client, world.officer)

    response = client.get(f"/movements/{registration.movement.pk}/registrations/")

    assert [r.unit for r in response.context["registrations"]] == [world.cq]


def test_another_units_officer_gets_not_found(client, world, before_deadline):
    registration = cq_registration(world)
    sign_in(client, world.outsider)

    assert client.get(f"/registrations/{registration.pk}/").status_code == 404
    post = client.post(
        f"/registrations/{registration.pk}/people/",
        {"person": world.kt_person.pk, "award_code": "LDTT"},
    )
    assert post.status_code == 404
    assert not RegistrationEntry.objects.exists()


def test_the_head_may_not_edit_and_the_officer_may_not_approve(client, world, before_deadline):
    registration = cq_registration(world)
    add_person(world, registration)
    services.registration_submit(registration=registration, by=world.officer)

    sign_in(client, world.cq_head)
    edit = client.post(f"/registrations/{registration.pk}/unit-titles/", {"award_code": "TTLDTT"})
    sign_in(client, world.officer)
    approve = client.post(f"/registrations/{registration.pk}/approve/")

    assert (edit.status_code, approve.status_code) == (403, 403)
    assert Registration.objects.get(pk=registration.pk).status == S.SUBMITTED


def test_the_officer_adds_a_persons_target_from_the_page(client, world, before_deadline):
    registration = cq_registration(world)
    sign_in(client, world.officer)

    response = client.post(
        f"/registrations/{registration.pk}/people/",
        {"person": world.cq_person.pk, "award_code": "CSTDCS", "note": "Có sáng kiến"},
    )

    assert response.status_code == 302
    entry = RegistrationEntry.objects.get()
    assert (entry.person, entry.award_code, entry.note) == (
        world.cq_person,
        "CSTDCS",
        "Có sáng kiến",
    )


def test_a_refused_target_is_shown_beside_the_field_with_what_was_typed(
    client, world, before_deadline
):
    registration = cq_registration(world)
    add_person(world, registration)
    sign_in(client, world.officer)

    response = client.post(
        f"/registrations/{registration.pk}/people/",
        {"person": world.cq_person.pk, "award_code": "LDTT", "note": "Phấn đấu năm thứ hai"},
    )

    assert response.status_code == 200
    assert "person" in response.context["person_form"].errors
    assert "Phấn đấu năm thứ hai" in response.content.decode()
    assert RegistrationEntry.objects.count() == 1


def test_the_person_picker_lists_only_the_units_people(client, world, before_deadline):
    registration = cq_registration(world)
    sign_in(client, world.officer)

    response = client.get(f"/registrations/{registration.pk}/")

    people = list(response.context["person_form"].fields["person"].queryset)
    assert people == [world.cq_person]


def test_the_title_choices_match_the_subject(client, world, before_deadline):
    registration = cq_registration(world)
    sign_in(client, world.officer)

    response = client.get(f"/registrations/{registration.pk}/")

    unit_codes = {c for c, _ in response.context["unit_form"].fields["award_code"].choices}
    person_codes = {c for c, _ in response.context["person_form"].fields["award_code"].choices}
    assert {"TTLDTT", "TTLDXS", "CO_BO"} <= unit_codes and "LDTT" not in unit_codes
    assert {"LDTT", "CSTDCS", "CSTD_BO", "CSTDTQ"} <= person_codes and "TTLDTT" not in person_codes


def test_many_people_are_registered_at_once(client, world, before_deadline):
    registration = cq_registration(world)
    other = PersonFactory(unit=world.cq, full_name="Phạm Thu Dung")
    sign_in(client, world.officer)

    response = client.post(
        f"/registrations/{registration.pk}/people/bulk/",
        {"award_code": "LDTT", "people": [world.cq_person.pk, other.pk]},
    )

    assert response.status_code == 302
    assert set(registration.entries.values_list("person", flat=True)) == {
        world.cq_person.pk,
        other.pk,
    }


def test_the_bulk_page_ticks_everyone_on_request(client, world, before_deadline):
    registration = cq_registration(world)
    sign_in(client, world.officer)

    response = client.get(f"/registrations/{registration.pk}/people/bulk/?all=1")

    assert response.context["form"].initial["people"] == [world.cq_person.pk]


def test_removing_after_the_deadline_asks_for_the_reason_and_keeps_the_title(
    client, world, time_machine
):
    time_machine.move_to(BEFORE_DEADLINE, tick=False)
    registration = cq_registration(world)
    entry = add_person(world, registration)
    time_machine.move_to(AFTER_DEADLINE, tick=False)
    sign_in(client, world.officer)
    url = f"/registrations/{registration.pk}/entries/{entry.pk}/remove/"

    refused = client.post(url, {"reason": ""})
    done = client.post(url, {"reason": "Chuyển công tác"})

    assert refused.status_code == 200 and "reason" in refused.context["form"].errors
    assert done.status_code == 302
    assert not RegistrationEntry.objects.exists()
    assert registration.events.get().reason == "Chuyển công tác"


def test_the_head_approves_from_the_page(client, world, before_deadline):
    registration = cq_registration(world)
    add_person(world, registration)
    sign_in(client, world.officer)
    client.post(f"/registrations/{registration.pk}/submit/")
    sign_in(client, world.cq_head)

    client.post(f"/registrations/{registration.pk}/approve/")

    assert Registration.objects.get(pk=registration.pk).status == S.APPROVED


def test_returning_without_a_reason_shows_the_page_again(client, world, before_deadline):
    registration = cq_registration(world)
    add_person(world, registration)
    services.registration_submit(registration=registration, by=world.officer)
    sign_in(client, world.cq_head)

    response = client.post(f"/registrations/{registration.pk}/return/", {"reason": ""})

    assert response.status_code == 200
    assert "reason" in response.context["return_form"].errors
    assert Registration.objects.get(pk=registration.pk).status == S.SUBMITTED


def test_the_page_shows_the_days_left_before_the_deadline(client, world, before_deadline):
    registration = cq_registration(world)
    sign_in(client, world.officer)

    response = client.get(f"/registrations/{registration.pk}/")

    assert response.context["deadline"].days_left == 45
    assert "31/03/2025" in response.content.decode()


def test_the_page_says_changes_need_a_reason_after_the_deadline(client, world, time_machine):
    time_machine.move_to(BEFORE_DEADLINE, tick=False)
    registration = cq_registration(world)
    time_machine.move_to(AFTER_DEADLINE, tick=False)
    sign_in(client, world.officer)

    response = client.get(f"/registrations/{registration.pk}/")

    assert response.context["deadline"].passed
    assert response.context["late_reason"]


def test_the_movement_page_links_to_its_registrations(client, world, before_deadline):
    movement = launched_movement(world)
    sign_in(client, world.officer)

    body = page(client, f"/movements/{movement.pk}/")

    assert f"/movements/{movement.pk}/registrations/" in body


def test_a_member_units_officer_registers_for_a_cluster_movement(client, world, before_deadline):
    movement = launched_movement(
        world, authority=world.btctw, reach=Movement.Reach.CLUSTERS, clusters=[world.cluster6]
    )
    sign_in(client, world.officer)

    listing = client.get(f"/movements/{movement.pk}/registrations/")

    assert listing.status_code == 200
    assert listing.context["own"] == [(world.cq, None)]


def test_a_cluster_movement_is_not_found_for_a_unit_outside_its_clusters(
    client, world, before_deadline
):
    movement = launched_movement(
        world, authority=world.btctw, reach=Movement.Reach.CLUSTERS, clusters=[world.cluster6]
    )
    sign_in(client, world.outsider)

    assert client.get(f"/movements/{movement.pk}/registrations/").status_code == 404


def test_the_list_costs_the_same_queries_for_one_unit_or_many(client, world, before_deadline):
    registration = cq_registration(world)
    add_person(world, registration)
    sign_in(client, world.secretary)
    url = f"/movements/{registration.movement.pk}/registrations/"
    client.get(url)  # warm the session and the per-request caches alike

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for unit, officer in ((world.kt, world.outsider), (world.dn, world.leader_officer)):
        services.registration_open(movement=registration.movement, unit=unit, by=officer)
    with CaptureQueriesContext(connection) as three:
        client.get(url)

    assert len(three) == len(one)
