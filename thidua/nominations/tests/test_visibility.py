"""Who sees which proposals and dossiers: a unit sees only its own dossiers, the secretariat
and the cluster leader see all, an outsider gets 404 (the record does not exist for them)."""

import pytest
from django.urls import reverse

from thidua.core.tests.helpers import sign_in
from thidua.nominations.models import Batch, RouteStep
from thidua.nominations.selectors.batches import batches_for, dossiers_for
from thidua.nominations.services.dossiers import dossier_add
from thidua.nominations.tests.factories import award, proposal


@pytest.fixture
def cluster_batch(world):
    """Cluster 6's proposal with one nominee of "dn" and one of "cq"."""
    batch = proposal(world)
    bk = award("BK_BTCTW")
    batch.dn_dossier = dossier_add(batch=batch, award=bk, by=world.admin, person=world.dn_person)
    batch.cq_dossier = dossier_add(batch=batch, award=bk, by=world.admin, person=world.cq_person)
    return batch


def _detail_url(batch) -> str:
    return reverse("nominations:batch_detail", args=[batch.pk])


def _rows(client, batch) -> str:
    return client.get(_detail_url(batch)).content.decode()


def test_a_unit_officer_sees_only_the_dossiers_of_their_own_unit_in_a_cluster_proposal(
    client, world, cluster_batch
):
    sign_in(client, world.officer)
    page = _rows(client, cluster_batch)
    assert f'data-dossier="{cluster_batch.cq_dossier.pk}"' in page
    assert f'data-dossier="{cluster_batch.dn_dossier.pk}"' not in page


def test_a_unit_officer_gets_404_on_another_units_dossier(client, world, cluster_batch):
    sign_in(client, world.officer)
    url = reverse("nominations:dossier_detail", args=[cluster_batch.dn_dossier.pk])
    assert client.get(url).status_code == 404


def test_a_unit_head_sees_the_proposal_that_holds_their_units_dossier(world, cluster_batch):
    assert list(batches_for(world.cq_head)) == [cluster_batch]
    assert dossiers_for(world.cq_head, cluster_batch) == [cluster_batch.cq_dossier]


def test_the_secretariat_sees_every_dossier_of_the_proposal(client, world, cluster_batch):
    sign_in(client, world.secretary)
    page = _rows(client, cluster_batch)
    assert f'data-dossier="{cluster_batch.cq_dossier.pk}"' in page
    assert f'data-dossier="{cluster_batch.dn_dossier.pk}"' in page


def test_the_cluster_leaders_officer_sees_every_dossier_of_the_proposal(world, cluster_batch):
    shown = dossiers_for(world.leader_officer, cluster_batch)
    assert {d.pk for d in shown} == {cluster_batch.cq_dossier.pk, cluster_batch.dn_dossier.pk}


def test_an_outsider_gets_404_on_the_proposal_and_its_dossiers(client, world, cluster_batch):
    sign_in(client, world.outsider)
    assert client.get(_detail_url(cluster_batch)).status_code == 404
    url = reverse("nominations:dossier_detail", args=[cluster_batch.cq_dossier.pk])
    assert client.get(url).status_code == 404


def test_an_outsider_does_not_find_the_proposal_in_the_list(client, world, cluster_batch):
    sign_in(client, world.outsider)
    page = client.get(reverse("nominations:batch_list")).content.decode()
    assert cluster_batch.title not in page


def test_a_council_member_sees_a_proposal_only_once_it_reaches_the_vote(world, cluster_batch):
    assert list(batches_for(world.council_member)) == []
    cluster_batch.step = cluster_batch.route.steps.get(kind=RouteStep.Kind.VOTE)
    cluster_batch.status = Batch.Status.IN_PROGRESS
    cluster_batch.save()
    assert list(batches_for(world.council_member)) == [cluster_batch]


def test_a_person_with_no_role_sees_no_proposal(world, cluster_batch):
    assert list(batches_for(world.individual)) == []
