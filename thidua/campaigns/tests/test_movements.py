"""Movements: launched by a decision, moved through their lifecycle, seen by those they reach."""

import datetime as dt

import pytest

from thidua.campaigns import services
from thidua.campaigns.models import Movement, MovementEvent
from thidua.campaigns.selectors import movements_for
from thidua.core.errors import DomainError
from thidua.core.tests.helpers import sign_in

S = Movement.Status


def movement(world, **fields) -> Movement:
    values = {
        "title": "Thi đua về đích sớm các chỉ tiêu nhiệm kỳ 2020-2025",
        "kind": Movement.Kind.CAMPAIGN,
        "authority": world.btctw,
        "starts_on": dt.date(2024, 6, 1),
        "ends_on": dt.date(2025, 6, 30),
        "decision_number": "Số 125-KH/BTCTW",
        "decision_date": dt.date(2024, 5, 20),
    }
    return services.movement_create(by=world.secretary, **(values | fields))


def test_launching_records_who_moved_it_and_when(world):
    launched = services.movement_transition(
        movement=movement(world), to=S.LAUNCHED, by=world.secretary
    )

    event = MovementEvent.objects.get(movement=launched)
    assert launched.status == S.LAUNCHED
    assert (event.from_status, event.to_status, event.by) == (S.DRAFT, S.LAUNCHED, world.secretary)


def test_a_movement_without_its_decision_cannot_be_launched(world):
    draft = movement(world, decision_number="", decision_date=None)

    with pytest.raises(DomainError) as refused:
        services.movement_transition(movement=draft, to=S.LAUNCHED, by=world.secretary)

    assert refused.value.code == "decision_missing"
    assert Movement.objects.get(pk=draft.pk).status == S.DRAFT


def test_a_movement_cannot_skip_from_draft_to_closed(world):
    with pytest.raises(DomainError) as refused:
        services.movement_transition(movement=movement(world), to=S.CLOSED, by=world.secretary)

    assert refused.value.code == "transition"


def test_reopening_a_review_needs_a_reason(world):
    m = movement(world)
    for to in (S.LAUNCHED, S.IN_PROGRESS, S.REVIEWING):
        m = services.movement_transition(movement=m, to=to, by=world.secretary)

    with pytest.raises(DomainError):
        services.movement_transition(movement=m, to=S.IN_PROGRESS, by=world.secretary)
    reopened = services.movement_transition(
        movement=m, to=S.IN_PROGRESS, by=world.secretary, reason="Bổ sung số liệu quý IV"
    )
    assert reopened.status == S.IN_PROGRESS


def test_a_closed_movement_cannot_be_changed(world):
    m = movement(world)
    for to in (S.LAUNCHED, S.REVIEWING, S.CLOSED):
        m = services.movement_transition(movement=m, to=to, by=world.secretary)

    with pytest.raises(DomainError):
        services.movement_update(movement=m, by=world.secretary, slogan="Mới")


def test_only_regular_movements_ground_merit_awards(world):
    assert not movement(world).grounds_merit_awards
    assert movement(world, kind=Movement.Kind.REGULAR).grounds_merit_awards


def test_a_cluster_movement_reaches_the_officers_and_heads_of_its_member_units(world):
    m = movement(world, reach=Movement.Reach.CLUSTERS, clusters=[world.cluster6])

    assert m in movements_for(user=world.officer)
    assert world.officer.has_perm("campaigns.view_movement", m)
    assert world.cq_head.has_perm("campaigns.view_movement", m)
    assert m not in movements_for(user=world.outsider)


def test_a_cluster_movement_does_not_reach_units_outside_the_cluster(world):
    m = movement(world, reach=Movement.Reach.CLUSTERS, clusters=[world.cluster6])

    assert m in movements_for(user=world.leader_officer)
    assert world.leader_officer.has_perm("campaigns.view_movement", m)
    assert not world.outsider.has_perm("campaigns.view_movement", m)
    assert m not in movements_for(user=world.outsider)


def test_a_sector_movement_reaches_every_unit_below_the_launching_body(world):
    m = movement(world, authority=world.sector)

    assert m in movements_for(user=world.outsider)
    assert world.officer.has_perm("campaigns.view_movement", m)
    assert not world.officer.has_perm("campaigns.change_movement", m)
    assert world.secretary.has_perm("campaigns.change_movement", m)


def test_the_secretariat_launches_a_movement_from_its_page(client, world):
    sign_in(client, world.secretary)
    m = movement(world)

    response = client.post(f"/movements/{m.pk}/status/", {"to": "launched"})

    assert response.status_code == 302
    assert Movement.objects.get(pk=m.pk).status == S.LAUNCHED


def test_a_unit_officer_cannot_move_a_movement(client, world):
    m = movement(world, authority=world.sector)
    sign_in(client, world.officer)

    assert client.post(f"/movements/{m.pk}/status/", {"to": "launched"}).status_code == 403
    assert client.get(f"/movements/{m.pk}/").status_code == 200


def test_the_form_shows_what_was_typed_when_the_dates_are_reversed(client, world):
    sign_in(client, world.secretary)
    data = {
        "title": "Phong trào thi đua năm 2026", "kind": "regular", "authority": world.btctw.pk,
        "reach": "sector", "starts_on": "2026-12-31", "ends_on": "2026-01-01",
    }  # fmt: skip

    page = client.post("/movements/new/", data)

    assert page.status_code == 200
    assert "Phong trào thi đua năm 2026" in page.content.decode()
    assert "ends_on" in page.context["form"].errors
    assert not Movement.objects.exists()


def test_the_list_shows_the_movements_in_vietnamese(client, world):
    movement(world, authority=world.sector)
    sign_in(client, world.officer)

    page = client.get("/movements/").content.decode()

    assert "Thi đua về đích sớm" in page and "Thi đua theo đợt" in page


def test_a_movement_that_does_not_reach_a_user_is_not_found_for_them(client, world):
    m = movement(world, reach=Movement.Reach.CLUSTERS, clusters=[world.cluster6])
    sign_in(client, world.outsider)

    assert client.get(f"/movements/{m.pk}/").status_code == 404
    assert client.post(f"/movements/{m.pk}/status/", {"to": "launched"}).status_code == 404


def test_changing_a_movement_from_a_stale_copy_keeps_its_current_status(world):
    stale = movement(world)
    services.movement_transition(movement=stale, to=Movement.Status.LAUNCHED, by=world.secretary)

    services.movement_update(movement=stale, by=world.secretary, slogan="Về đích sớm")

    stale.refresh_from_db()
    assert (stale.status, stale.slogan) == (Movement.Status.LAUNCHED, "Về đích sớm")
