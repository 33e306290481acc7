"""The route panel on the proposal page and its four actions (submit, send on, return, withdraw)."""

import pytest
from django.contrib.messages import constants
from django.template.loader import render_to_string
from django.urls import reverse

from thidua.core.tests.helpers import sign_in
from thidua.nominations.models import Batch, Dossier
from thidua.nominations.selectors.routing import route_context
from thidua.nominations.services import routing
from thidua.nominations.tests.factories import award, proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(world) -> Batch:
    batch = proposal(world)
    Dossier.objects.create(
        batch=batch, award=award("BK_BTCTW"), person=world.dn_person, owner_unit=world.dn,
        year=2023,
    )  # fmt: skip
    return batch


def at_appraisal(world, batch: Batch) -> Batch:
    batch = routing.batch_submit(batch=batch, by=world.leader_officer)
    return routing.batch_forward(batch=batch, by=world.leader_officer)


def post(client, user, name: str, batch: Batch, data: dict | None = None):
    sign_in(client, user)
    return client.post(reverse(f"nominations:{name}", args=[batch.pk]), data or {}, follow=True)


def panel(user, batch: Batch) -> str:
    return render_to_string("nominations/includes/route_panel.html", route_context(user, batch))


def last_message(response):
    return list(response.context["messages"])[-1]


def test_the_proposer_submits_from_the_panel(client, world, batch):
    response = post(
        client, world.leader_officer, "batch_submit", batch, {"document_number": "5/TTr"}
    )
    assert response.redirect_chain[-1][0] == reverse("nominations:batch_detail", args=[batch.pk])
    assert last_message(response).level == constants.SUCCESS
    batch.refresh_from_db()
    assert (batch.step.code, batch.document_number) == ("cluster", "5/TTr")


def test_the_proposal_page_shows_the_route_panel(client, world, batch):
    sign_in(client, world.leader_officer)
    response = client.get(reverse("nominations:batch_detail", args=[batch.pk]))
    assert 'data-testid="route-panel"' in response.content.decode()


def test_the_panel_offers_the_proposer_submission_and_withdrawal_only(world, batch):
    html = panel(world.leader_officer, batch)
    assert "route-submit-form" in html and "route-withdraw-form" in html
    assert "route-forward-form" not in html and "route-return-form" not in html


def test_the_panel_offers_the_secretariat_to_send_on_or_return_at_appraisal(world, batch):
    batch = at_appraisal(world, batch)
    html = panel(world.secretary, batch)
    assert "route-forward-form" in html and "route-return-form" in html
    assert "route-submit-form" not in html and "route-withdraw-form" not in html
    assert 'data-testid="route-blockers"' in html  # the dossier is not appraised yet
    assert 'value="cluster"' in html and 'value="decide"' not in html


def test_the_panel_lists_the_moves_with_the_reason_of_a_return(world, batch):
    batch = at_appraisal(world, batch)
    routing.batch_return(
        batch=batch, to_step_code="cluster", reason="Thiếu biên bản", by=world.secretary
    )
    html = panel(world.leader_officer, Batch.objects.get(pk=batch.pk))
    assert "Thiếu biên bản" in html and 'data-testid="route-returned"' in html


def test_someone_who_cannot_see_the_proposal_gets_404(client, world, batch):
    sign_in(client, world.outsider)
    response = client.post(reverse("nominations:batch_submit", args=[batch.pk]))
    assert response.status_code == 404


def test_someone_who_sees_the_proposal_but_does_not_act_now_gets_403(client, world, batch):
    batch = at_appraisal(world, batch)
    sign_in(client, world.leader_officer)
    response = client.post(reverse("nominations:batch_forward", args=[batch.pk]))
    assert response.status_code == 403


def test_a_refused_move_comes_back_with_the_reason_and_leaves_the_proposal_where_it_was(
    client, world, batch
):
    batch = at_appraisal(world, batch)
    response = post(client, world.secretary, "batch_forward", batch)
    assert last_message(response).level == constants.ERROR
    assert Batch.objects.get(pk=batch.pk).step.code == "appraise"


def test_a_return_without_a_reason_is_refused(client, world, batch):
    batch = at_appraisal(world, batch)
    response = post(
        client, world.secretary, "batch_return", batch, {"to_step": "cluster", "reason": ""}
    )
    assert last_message(response).level == constants.ERROR
    assert Batch.objects.get(pk=batch.pk).step.code == "appraise"


def test_the_secretariat_returns_the_proposal_to_the_cluster_leader(client, world, batch):
    batch = at_appraisal(world, batch)
    post(
        client, world.secretary, "batch_return", batch, {"to_step": "cluster", "reason": "Bổ sung"}
    )
    batch.refresh_from_db()
    assert (batch.status, batch.step.code) == ("returned", "cluster")


def test_withdrawing_needs_the_confirmation_box(client, world, batch):
    post(client, world.leader_officer, "batch_withdraw", batch, {"reason": "Rút"})
    assert Batch.objects.get(pk=batch.pk).status == "draft"
    post(client, world.leader_officer, "batch_withdraw", batch, {"reason": "Rút", "confirm": "on"})
    assert Batch.objects.get(pk=batch.pk).status == "withdrawn"


def test_the_actions_answer_only_posts(client, world, batch):
    sign_in(client, world.leader_officer)
    response = client.get(reverse("nominations:batch_submit", args=[batch.pk]))
    assert response.status_code == 405
