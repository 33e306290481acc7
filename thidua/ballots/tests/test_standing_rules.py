"""A cluster's standing voting rules: set by who runs its meetings, copied by new sessions."""

import pytest
from django.urls import reverse

from thidua.ballots.services.standing import standing_rules_set
from thidua.ballots.tests.factories import session_of
from thidua.core.errors import DomainError
from thidua.core.tests.helpers import sign_in
from thidua.org.models import Cluster


def url(world) -> str:
    return reverse("ballots:standing_rules", kwargs={"kind": "cluster", "pk": world.cluster6.pk})


def test_only_the_rules_that_differ_from_the_defaults_are_stored(world):
    standing_rules_set(
        owner=world.cluster6, by=world.leader_officer,
        changes={"threshold": "ge_two_thirds", "max_flags": 1},
    )  # fmt: skip
    assert Cluster.objects.get(pk=world.cluster6.pk).policy["ballots"] == {
        "threshold": "ge_two_thirds"
    }


def test_a_new_session_copies_the_standing_rules_and_keeps_them_after_a_change(world):
    standing_rules_set(owner=world.cluster6, by=None, changes={"threshold": "ge_90"})
    world.cluster6.refresh_from_db()
    session = session_of(world.cluster6)
    standing_rules_set(owner=world.cluster6, by=None, changes={"threshold": "ge_half"})
    session.refresh_from_db()
    assert session.policy["threshold"] == "ge_90"


def test_invalid_rules_are_refused_and_nothing_is_stored(world):
    with pytest.raises(DomainError):
        standing_rules_set(owner=world.cluster6, by=None, changes={"threshold": "most"})
    assert "ballots" not in Cluster.objects.get(pk=world.cluster6.pk).policy


def test_the_change_is_audited_with_who_made_it(world):
    standing_rules_set(owner=world.cluster6, by=world.leader_officer, changes={"max_revotes": 2})
    latest = world.cluster6.history.order_by("-history_date").first()
    assert latest.history_user == world.leader_officer
    assert latest.history_change_reason


def test_the_leaders_officer_sets_the_rules_on_the_page(client, world):
    sign_in(client, world.leader_officer)
    response = client.post(url(world), {"threshold": "ge_two_thirds", "self_vote_allowed": "yes"})
    assert response.status_code == 302
    stored = Cluster.objects.get(pk=world.cluster6.pk).policy["ballots"]
    assert stored == {"threshold": "ge_two_thirds", "self_vote_allowed": True}
    page = client.get(url(world))
    assert page.context["form"].initial["threshold"] == "ge_two_thirds"


def test_a_member_officer_cannot_change_the_rules(client, world):
    sign_in(client, world.officer)
    assert client.get(url(world)).status_code == 403


def test_a_wrong_figure_is_shown_again_beside_its_field(client, world):
    sign_in(client, world.leader_officer)
    response = client.post(url(world), {"max_flags": "0"})
    assert response.status_code == 200
    assert response.context["form"].errors["max_flags"]
    assert response.context["form"].data["max_flags"] == "0"
