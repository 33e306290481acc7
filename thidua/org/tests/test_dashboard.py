"""The home page shows each role its own blocks."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.org.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_2023(time_machine):
    """The cast's cluster leader is recorded for 2023."""
    time_machine.move_to("2023-06-01 09:00 +07:00")


def sign_in(client, user):
    """Sign in; roles that need the second factor also pass the TOTP step."""
    client.force_login(user)
    if client.get(reverse("home")).status_code == 302:
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        client.post(reverse("otp_verify"), {"token": f"{totp(device.bin_key):06d}"})
    cache.clear()  # the probe above cached the page; the tests read a fresh rendering's context


def dashboard(client, user):
    sign_in(client, user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response


def test_the_dashboard_needs_sign_in(client):
    assert client.get(reverse("home")).url.startswith(reverse("login"))


def test_a_unit_officer_sees_their_unit_with_the_people_of_its_subtree(client, world):
    response = dashboard(client, world.officer)

    assert response.context["officer_units"] == [{"unit": world.cq, "people_count": 1}]
    assert reverse("org:unit_detail", args=[world.cq.pk]) in response.content.decode()


def test_a_cluster_officer_sees_the_members_and_this_years_leader(client, world):
    response = dashboard(client, world.leader_officer)

    [card] = response.context["served_clusters"]
    assert card["cluster"] == world.cluster6
    assert card["leader"] == world.dn
    assert {m.unit for m in card["members"]} == {world.dn, world.cq}


def test_the_secretariat_sees_the_clusters_it_runs_and_the_size_of_its_scope(client, world):
    response = dashboard(client, world.secretary)

    summary = response.context["secretariat"]
    assert {c.name for c in summary["clusters"]} == {"Cụm thi đua số 6", "Cụm thi đua số 3"}
    assert (summary["unit_count"], summary["people_count"]) == (7, 3)


def test_a_council_member_sees_the_council(client, world):
    response = dashboard(client, world.council_member)

    assert response.context["councils"] == [world.council]
    assert "Hội đồng Thi đua" in response.content.decode()


def test_a_reviewer_sees_the_units_under_review(client, world):
    response = dashboard(client, world.reviewer)

    assert response.context["reviewer_units"] == [{"unit": world.sector, "people_count": 3}]


def test_an_individual_gets_a_link_to_their_own_record(client, world):
    response = dashboard(client, world.individual)

    assert reverse("org:person_detail", args=[world.cq_person.pk]) in response.content.decode()


def test_a_system_admin_sees_the_counts(client, world):
    response = dashboard(client, world.admin)

    assert response.context["admin_counts"]["units"] == 7
    assert response.context["admin_counts"]["people"] == 3


def test_an_account_without_a_role_is_told_whom_to_ask(client, world):
    response = dashboard(client, UserFactory())

    assert not response.context["assignments"]
    assert 'role="status"' in response.content.decode()


def test_an_officer_does_not_see_the_other_roles_blocks(client, world):
    response = dashboard(client, world.officer)

    page = response.content.decode()
    assert 'data-testid="block-unit-officer"' in page
    for block in ("secretariat", "cluster-officer", "council", "reviewer", "admin"):
        assert f'data-testid="block-{block}"' not in page
