"""The proposal pages: the list with its filters, a new proposal, a proposal with its nominees,
and adding a nominee (refused for a subject under verification, with the reason)."""

import datetime as dt

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from thidua.awards.services import freeze_open
from thidua.core.tests.helpers import sign_in
from thidua.nominations.forms.batches import default_title
from thidua.nominations.models import Batch, Dossier, RouteStep
from thidua.nominations.services.dossiers import dossier_add
from thidua.nominations.tests.factories import award, proposal


def _list(client, **params) -> str:
    return client.get(reverse("nominations:batch_list"), params).content.decode()


def _detail_url(batch: Batch) -> str:
    return reverse("nominations:batch_detail", args=[batch.pk])


# ---- the list -----------------------------------------------------------------------------


def test_the_list_search_finds_a_title_typed_without_diacritics(client, world):
    batch = proposal(world, title="Tờ trình đề nghị khen thưởng năm 2023")
    sign_in(client, world.secretary)
    assert f'data-batch="{batch.pk}"' in _list(client, q="to trinh")


def test_the_list_search_leaves_out_titles_that_do_not_match(client, world):
    batch = proposal(world, title="Tờ trình đề nghị khen thưởng năm 2023")
    sign_in(client, world.secretary)
    assert f'data-batch="{batch.pk}"' not in _list(client, q="quyet dinh")


def test_the_list_filters_by_year(client, world):
    old = proposal(world, year=2022)
    new = proposal(world, year=2023)
    sign_in(client, world.secretary)
    page = _list(client, year=2023)
    assert f'data-batch="{new.pk}"' in page
    assert f'data-batch="{old.pk}"' not in page


def test_the_list_counts_only_the_nominees_the_viewer_may_see(client, world):
    batch = proposal(world)
    bk = award("BK_BTCTW")
    dossier_add(batch=batch, award=bk, by=world.admin, person=world.dn_person)
    dossier_add(batch=batch, award=bk, by=world.admin, person=world.cq_person)
    sign_in(client, world.officer)
    page = _list(client)
    assert 'data-testid="nominee-count">1<' in page


def test_the_list_runs_as_many_queries_for_three_proposals_as_for_one(client, world):
    proposal(world)
    sign_in(client, world.secretary)
    _list(client)  # warm the session and the scope
    with CaptureQueriesContext(connection) as one:
        _list(client)
    proposal(world, title="Tờ trình bổ sung")
    proposal(world, title="Tờ trình đợt 2")
    with CaptureQueriesContext(connection) as three:
        _list(client)
    assert len(three) == len(one)


@time_machine.travel(dt.date(2024, 3, 20), tick=False)
def test_a_step_past_its_due_date_is_marked_overdue(client, world):
    proposal(world, status=Batch.Status.IN_PROGRESS, step_due_on=dt.date(2024, 3, 19))
    sign_in(client, world.secretary)
    assert 'data-overdue="1"' in _list(client)


# ---- a new proposal -----------------------------------------------------------------------


def test_a_user_who_proposes_for_no_unit_cannot_open_the_new_proposal_page(client, world):
    sign_in(client, world.individual)
    assert client.get(reverse("nominations:batch_create")).status_code == 403


@time_machine.travel(dt.date(2024, 3, 20), tick=False)
def test_the_new_proposal_form_offers_a_title_for_last_year(client, world):
    sign_in(client, world.leader_officer)
    page = client.get(reverse("nominations:batch_create")).content.decode()
    with translation.override("vi"):  # pages speak Vietnamese by default
        assert f'value="{default_title(2023)}"' in page


def test_a_cluster_leaders_officer_creates_a_proposal_and_lands_on_it(client, world):
    award("BK_BTCTW")
    sign_in(client, world.leader_officer)
    response = client.post(
        reverse("nominations:batch_create"),
        {
            "proposer": world.dn.pk, "cluster": world.cluster6.pk,
            "awarding_unit": world.btctw.pk, "year": 2023,
            "title": "Tờ trình của Cụm 6", "award_codes": ["BK_BTCTW"],
        },
    )  # fmt: skip
    batch = Batch.objects.get(title="Tờ trình của Cụm 6")
    assert response.status_code == 302
    assert response["Location"] == _detail_url(batch)
    assert batch.status == Batch.Status.DRAFT
    assert batch.step.kind == RouteStep.Kind.PREPARE


def test_a_refused_proposal_shows_the_reason_beside_the_field_and_keeps_the_title(client, world):
    award("BK_BTCTW")
    sign_in(client, world.secretary)
    response = client.post(
        reverse("nominations:batch_create"),
        {
            "proposer": world.kt.pk, "cluster": world.cluster6.pk,
            "awarding_unit": world.btctw.pk, "year": 2023,
            "title": "Tờ trình thử", "award_codes": ["BK_BTCTW"],
        },
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert "is-invalid" in page
    assert 'value="Tờ trình thử"' in page
    assert not Batch.objects.exists()


# ---- a proposal ---------------------------------------------------------------------------


def test_the_proposal_page_answers_404_to_an_outsider(client, world):
    batch = proposal(world)
    sign_in(client, world.outsider)
    assert client.get(_detail_url(batch)).status_code == 404


def test_the_proposing_unit_sees_the_add_nominee_form_while_preparing(client, world):
    batch = proposal(world)
    sign_in(client, world.leader_officer)
    assert 'data-testid="nominee-form"' in client.get(_detail_url(batch)).content.decode()


def test_the_secretariat_finds_the_public_posting_page_at_the_posting_step(client, world):
    batch = proposal(world, status=Batch.Status.IN_PROGRESS)
    batch.step = batch.route.steps.get(kind=RouteStep.Kind.POST)
    batch.save()
    sign_in(client, world.secretary)
    url = reverse("nominations:posting_manage", args=[batch.pk])
    assert f'href="{url}"' in client.get(_detail_url(batch)).content.decode()


def test_a_unit_that_only_owns_a_dossier_may_not_add_nominees(client, world):
    batch = proposal(world)
    dossier_add(batch=batch, award=award("BK_BTCTW"), by=world.admin, person=world.cq_person)
    sign_in(client, world.officer)
    url = reverse("nominations:dossier_add", args=[batch.pk])
    response = client.post(url, {"award": award("BK_BTCTW").pk, "person": world.cq_person.pk})
    assert response.status_code == 403


def test_adding_a_nominee_lists_them_on_the_proposal(client, world):
    batch = proposal(world)
    sign_in(client, world.leader_officer)
    url = reverse("nominations:dossier_add", args=[batch.pk])
    response = client.post(url, {"award": award("BK_BTCTW").pk, "person": world.dn_person.pk})
    dossier = Dossier.objects.get(batch=batch)
    assert response.status_code == 302
    assert f'data-dossier="{dossier.pk}"' in client.get(_detail_url(batch)).content.decode()


def test_a_collective_award_needs_a_collective(client, world):
    batch = proposal(world)
    sign_in(client, world.leader_officer)
    url = reverse("nominations:dossier_add", args=[batch.pk])
    response = client.post(url, {"award": award("BK_BTCTW_TT").pk, "person": world.dn_person.pk})
    assert response.status_code == 200
    assert not Dossier.objects.exists()


def test_a_frozen_person_is_refused_with_the_reason_and_the_typed_values_kept(client, world):
    batch = proposal(world)
    freeze_open(
        by=world.admin, kind="inspection", opened_on=dt.date(2024, 1, 10), person=world.dn_person
    )
    bk = award("BK_BTCTW")
    sign_in(client, world.leader_officer)
    url = reverse("nominations:dossier_add", args=[batch.pk])
    response = client.post(
        url, {"award": bk.pk, "person": world.dn_person.pk, "person_q": "Nguyen"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "10/01/2024" in page  # since when, beside the person field
    assert f'<option value="{world.dn_person.pk}" selected>' in page
    assert f'<option value="{bk.pk}" selected>' in page
    assert not Dossier.objects.exists()


def test_the_person_search_narrows_the_nominee_choices(client, world):
    batch = proposal(world)
    sign_in(client, world.secretary)
    page = client.get(_detail_url(batch), {"person_q": "bich"}).content.decode()
    assert "Trần Thị Bích" in page
    assert "Nguyễn Văn An" not in page


def test_the_decision_link_shows_at_the_decide_step_for_the_secretariat(client, world):
    batch = proposal(world, status=Batch.Status.IN_PROGRESS)
    batch.step = batch.route.steps.get(kind=RouteStep.Kind.DECIDE)
    batch.save()
    sign_in(client, world.secretary)
    page = client.get(_detail_url(batch)).content.decode()
    url = reverse("nominations:decision_from_batch", kwargs={"batch_pk": batch.pk})
    assert f'href="{url}"' in page


def test_the_decision_link_is_not_shown_to_the_proposing_unit(client, world):
    batch = proposal(world, status=Batch.Status.IN_PROGRESS)
    batch.step = batch.route.steps.get(kind=RouteStep.Kind.DECIDE)
    batch.save()
    sign_in(client, world.leader_officer)
    assert 'data-testid="decision-link"' not in client.get(_detail_url(batch)).content.decode()
