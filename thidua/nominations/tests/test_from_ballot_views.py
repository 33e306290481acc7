"""The page that turns a closed year-end ballot into the cluster's proposal."""

import pytest
from django.urls import reverse

from thidua.core.tests.helpers import sign_in
from thidua.nominations.models import Batch
from thidua.nominations.tests.test_from_ballot import year_end_ballot

pytestmark = pytest.mark.django_db


def test_the_cluster_leaders_officer_sees_the_closed_ballot_waiting_for_a_proposal(client, world):
    session = year_end_ballot(world)
    sign_in(client, world.leader_officer)

    page = client.get(reverse("nominations:from_ballot")).content.decode()

    assert f'data-testid="propose-{session.pk}"' in page


def test_making_the_proposal_opens_it_with_the_elected_units(client, world):
    session = year_end_ballot(world)
    sign_in(client, world.leader_officer)

    response = client.post(reverse("nominations:propose_from_ballot", args=[session.pk]))

    batch = Batch.objects.get(ballot_session=session)
    assert response.url == reverse("nominations:batch_detail", args=[batch.pk])
    assert batch.awarding_unit == world.cluster6.organiser
    assert {d.unit for d in batch.dossiers.all()} == {world.dn, world.cq}


def test_a_ballot_with_a_proposal_is_no_longer_offered(client, world):
    session = year_end_ballot(world)
    sign_in(client, world.leader_officer)
    client.post(reverse("nominations:propose_from_ballot", args=[session.pk]))

    page = client.get(reverse("nominations:from_ballot")).content.decode()

    assert f'data-testid="propose-{session.pk}"' not in page


def test_an_officer_of_another_cluster_cannot_propose_from_the_ballot(client, world):
    session = year_end_ballot(world)
    sign_in(client, world.outsider)

    response = client.post(reverse("nominations:propose_from_ballot", args=[session.pk]))

    assert response.status_code == 404
    assert not Batch.objects.exists()
