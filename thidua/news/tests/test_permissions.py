"""Who may open and act on articles in the editor: a unit's officers write for their unit, the
secretariat over it reviews and publishes; anyone else finds nothing (404) or is refused (403)."""

import pytest
from django.urls import reverse

from thidua.core.tests.helpers import sign_in
from thidua.news import services
from thidua.news.models import Article
from thidua.news.tests.test_editor_pages import draft_of

pytestmark = pytest.mark.django_db
Status = Article.Status


def in_review(world, **fields) -> Article:
    return services.article_submit(article=draft_of(world, **fields), by=world.officer)


def test_an_officer_is_offered_only_the_units_they_write_for(client, world):
    sign_in(client, world.officer)
    units = client.get(reverse("news:editor_new")).context["form"].fields["unit"].queryset
    assert world.cq in units and world.kt not in units


def test_an_officer_cannot_write_for_another_unit(client, world):
    sign_in(client, world.officer)
    response = client.post(
        reverse("news:editor_new"), {"title": "Tin", "body": "<p>x</p>", "unit": world.kt.pk}
    )
    assert response.context["form"].errors["unit"]
    assert not Article.objects.exists()


def test_an_officer_cannot_open_an_article_of_another_unit(client, world):
    article = draft_of(world, by=world.outsider, unit=world.kt)
    sign_in(client, world.officer)
    assert client.get(reverse("news:editor_edit", args=[article.pk])).status_code == 404


def test_an_officer_cannot_publish_their_own_article(client, world):
    article = in_review(world)
    sign_in(client, world.officer)
    response = client.post(reverse("news:editor_publish", args=[article.pk]))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Status.REVIEW


def test_the_sector_secretary_publishes_an_article_of_cq(client, world):
    article = in_review(world)
    sign_in(client, world.secretary)
    response = client.post(reverse("news:editor_publish", args=[article.pk]))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.history.first().history_user == world.secretary


def test_an_officer_of_another_unit_cannot_review_an_article_of_cq(client, world):
    article = in_review(world)
    sign_in(client, world.outsider)
    response = client.post(reverse("news:editor_return", args=[article.pk]), {"note": "Sửa"})
    assert response.status_code == 404
    assert client.get(reverse("news:editor_preview", args=[article.pk])).status_code == 404


def test_the_list_shows_an_officer_only_the_articles_they_may_open(client, world):
    draft_of(world, title="Tin cơ quan")
    draft_of(world, title="Tin Kon Tum", by=world.outsider, unit=world.kt)
    sign_in(client, world.officer)
    titles = [a.title for a in client.get(reverse("news:editor")).context["page"]]
    assert titles == ["Tin cơ quan"]


def test_a_user_without_a_writing_role_cannot_start_an_article(client, world):
    sign_in(client, world.individual)
    assert client.get(reverse("news:editor_new")).status_code == 403


@pytest.mark.parametrize("name", ["editor", "editor_new"])
def test_an_anonymous_visitor_is_sent_to_sign_in(client, world, name):
    response = client.get(reverse(f"news:{name}"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_an_anonymous_action_is_sent_to_sign_in(client, world):
    article = in_review(world)
    response = client.post(reverse("news:editor_publish", args=[article.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
