"""Ranking pages: the leader computes, checks and publishes; members see only what is published."""

from django.conf import settings
from django.urls import reverse

from thidua.core.tests.helpers import sign_in
from thidua.scoring.models import Ranking
from thidua.scoring.services.rankings import ranking_compute, ranking_publish
from thidua.scoring.tests.factories import criteria_table
from thidua.scoring.tests.test_rankings import ready_pair, scorecard


def draft(world, **policy) -> Ranking:
    return ranking_compute(table=ready_pair(world, **policy), by=world.leader_officer)


def published(world) -> Ranking:
    return ranking_publish(ranking=draft(world), by=world.leader_officer)


def page(ranking: Ranking) -> str:
    return reverse("scoring:ranking", args=[ranking.table_id])


def test_the_leader_sees_the_draft_with_its_rows_and_a_publish_form(client, world):
    ranking = draft(world)
    sign_in(client, world.leader_officer)

    response = client.get(page(ranking))

    assert response.status_code == 200
    assert response.context["ranking"] == ranking
    assert [v.row.unit for v in response.context["rows"]] == [world.dn, world.cq]
    assert b'data-testid="publish-form"' in response.content
    assert b'id="ranking-chart-data"' in response.content


def test_a_member_who_guesses_the_address_of_a_draft_gets_not_found(client, world):
    ranking = draft(world)
    sign_in(client, world.officer)

    response = client.get(reverse("scoring:ranking_round", args=[ranking.pk]))

    assert response.status_code == 404


def test_a_member_is_told_the_ranking_is_not_published_and_sees_no_rows(client, world):
    ranking = draft(world)
    sign_in(client, world.officer)

    response = client.get(page(ranking))

    assert response.status_code == 200
    assert response.context["ranking"] is None
    assert b'data-testid="not-published"' in response.content
    assert world.dn.name.encode() not in response.content


def test_a_member_sees_the_ranking_once_published(client, world):
    ranking = published(world)
    sign_in(client, world.officer)

    response = client.get(page(ranking))

    assert response.context["ranking"] == ranking
    assert len(response.context["rows"]) == 2
    assert b'data-testid="publish-form"' not in response.content


def test_a_unit_of_another_cluster_cannot_find_the_ranking(client, world):
    ranking = published(world)
    sign_in(client, world.outsider)

    assert client.get(page(ranking)).status_code == 404
    assert client.get(reverse("scoring:ranking_round", args=[ranking.pk])).status_code == 404


def test_a_member_cannot_compute_the_ranking(client, world):
    table = ready_pair(world)
    sign_in(client, world.officer)

    response = client.post(reverse("scoring:ranking_compute", args=[table.pk]))

    assert response.status_code == 403
    assert not Ranking.objects.exists()


def test_a_member_cannot_publish_a_ranking_or_start_a_new_round(client, world):
    ranking = published(world)
    sign_in(client, world.officer)

    publish = client.post(reverse("scoring:ranking_publish", args=[ranking.pk]), {"confirm": "on"})
    new_round = client.get(reverse("scoring:ranking_new_round", args=[ranking.table_id]))

    assert (publish.status_code, new_round.status_code) == (403, 403)


def test_the_leader_computes_a_draft_with_the_button(client, world):
    table = ready_pair(world)
    sign_in(client, world.leader_officer)

    response = client.post(reverse("scoring:ranking_compute", args=[table.pk]))

    assert response.status_code == 302
    assert Ranking.objects.get(table=table).status == Ranking.Status.DRAFT


def test_the_page_lists_what_is_missing_before_a_ranking_can_be_computed(client, world):
    table = criteria_table(world.cluster6)
    scorecard(table, world.dn, points={})
    sign_in(client, world.leader_officer)

    response = client.get(reverse("scoring:ranking", args=[table.pk]))

    assert response.context["missing"]
    assert world.cq.name in response.content.decode()
    assert b'data-testid="compute" disabled' in response.content


def test_publishing_needs_the_box_ticked(client, world):
    ranking = draft(world)
    sign_in(client, world.leader_officer)

    client.post(reverse("scoring:ranking_publish", args=[ranking.pk]), {})

    assert Ranking.objects.get(pk=ranking.pk).status == Ranking.Status.DRAFT


def test_the_leader_publishes_after_ticking_the_box(client, world):
    ranking = draft(world)
    sign_in(client, world.leader_officer)

    response = client.post(reverse("scoring:ranking_publish", args=[ranking.pk]), {"confirm": "on"})

    assert response.status_code == 302
    assert Ranking.objects.get(pk=ranking.pk).status == Ranking.Status.PUBLISHED


def test_a_new_round_without_a_reason_shows_the_form_again(client, world):
    ranking = published(world)
    sign_in(client, world.leader_officer)

    response = client.post(
        reverse("scoring:ranking_new_round", args=[ranking.table_id]), {"reason": ""}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert Ranking.objects.count() == 1


def test_a_new_round_with_its_reason_becomes_the_leaders_current_draft(client, world):
    ranking = published(world)
    sign_in(client, world.leader_officer)

    client.post(
        reverse("scoring:ranking_new_round", args=[ranking.table_id]), {"reason": "Sửa điểm"}
    )
    response = client.get(page(ranking))

    assert (response.context["ranking"].round, response.context["ranking"].reason) == (
        2,
        "Sửa điểm",
    )
    assert [r.round for r in response.context["rounds"]] == [2, 1]


def test_the_decided_by_column_says_which_figure_broke_a_tie(client, world):
    table = criteria_table(world.cluster6, tie_break=["group:I"])
    scorecard(table, world.dn, points={})
    scorecard(table, world.cq, points={})
    scorecard(table, world.dn, scorer=world.cq, points={"1.1": 20, "1.2": 10, "2.1": 20})
    scorecard(table, world.cq, scorer=world.dn, points={"1.1": 30, "1.2": 10, "2.1": 10})
    ranking_compute(table=table, by=world.leader_officer)
    sign_in(client, world.leader_officer)

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("scoring:ranking", args=[table.pk]))

    assert [v.decided for v in response.context["rows"]] == [
        "",
        "Same final score as the unit above, which has the higher group I score.",
    ]


def test_units_equal_on_every_figure_are_shown_as_sharing_a_rank(client, world):
    ranking = draft(world, dn=50, cq=50)
    sign_in(client, world.leader_officer)

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(page(ranking))

    assert {v.decided for v in response.context["rows"]} == {"Shared rank: equal on every figure."}


def test_the_list_shows_the_leader_its_draft_and_members_nothing_yet(client, world):
    ranking = draft(world)
    sign_in(client, world.leader_officer)
    assert list(client.get(reverse("scoring:ranking_list")).context["rankings"]) == [ranking]

    sign_in(client, world.officer)
    assert list(client.get(reverse("scoring:ranking_list")).context["rankings"]) == []
