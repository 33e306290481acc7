"""The workflow through the editor pages: send for review (the secretariat over the unit is
told), return with a note (the author is told), publish now or later, withdraw with a reason."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.core.models import Notification
from thidua.core.tests.helpers import sign_in
from thidua.news import services
from thidua.news.models import Article
from thidua.news.tests.test_editor_pages import draft_of
from thidua.org import services as org_services
from thidua.org.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = Article.Status


def in_review(world) -> Article:
    return services.article_submit(article=draft_of(world), by=world.officer)


def notified(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_sending_for_review_tells_the_secretariat_over_the_unit_only(client, world):
    kt_secretary = UserFactory(username="kt_secretary")
    org_services.role_assign(user=kt_secretary, role="secretariat", unit=world.kt, by=None)
    article = draft_of(world)
    sign_in(client, world.officer)
    response = client.post(reverse("news:editor_submit", args=[article.pk]))
    article.refresh_from_db()
    assert response.status_code == 302 and article.status == Status.REVIEW
    assert notified("news_review") == {"secretary"}


def test_the_portals_own_article_is_announced_to_every_secretariat(client, world):
    kt_secretary = UserFactory(username="kt_secretary")
    org_services.role_assign(user=kt_secretary, role="secretariat", unit=world.kt, by=None)
    article = services.article_save(by=world.admin, title="Tin chung", body="<p>Nội dung</p>")
    sign_in(client, world.admin)
    client.post(reverse("news:editor_submit", args=[article.pk]))
    assert notified("news_review") == {"secretary", "kt_secretary"}


def test_an_empty_article_is_not_sent_and_the_reason_is_shown(client, world):
    article = services.article_save(by=world.officer, title="Chưa viết", unit=world.cq)
    sign_in(client, world.officer)
    response = client.post(reverse("news:editor_submit", args=[article.pk]), follow=True)
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not notified("news_review")


def test_returning_needs_a_note(client, world):
    article = in_review(world)
    sign_in(client, world.secretary)
    response = client.post(reverse("news:editor_return", args=[article.pk]), {"note": ""})
    assert response.status_code == 400
    assert response.context["return_form"].errors["note"]
    article.refresh_from_db()
    assert article.status == Status.REVIEW


def test_returning_tells_the_author_with_the_note(client, world):
    article = in_review(world)
    sign_in(client, world.secretary)
    client.post(reverse("news:editor_return", args=[article.pk]), {"note": "Thêm ảnh."})
    article.refresh_from_db()
    assert (article.status, article.review_note) == (Status.DRAFT, "Thêm ảnh.")
    assert notified("news_returned") == {"officer"}


def test_publishing_with_a_time_schedules_the_article(client, world):
    article = in_review(world)
    later = (timezone.localtime() + dt.timedelta(days=3)).replace(second=0, microsecond=0)
    sign_in(client, world.secretary)
    client.post(
        reverse("news:editor_publish", args=[article.pk]),
        {"at": later.strftime("%Y-%m-%dT%H:%M")},
    )
    article.refresh_from_db()
    assert (article.status, article.publish_at) == (Status.PUBLISHED, later)


def test_withdrawing_needs_a_reason_and_makes_a_draft_again(client, world):
    article = services.article_publish(article=in_review(world), by=world.secretary)
    sign_in(client, world.secretary)
    refused = client.post(reverse("news:editor_withdraw", args=[article.pk]), {"reason": " "})
    assert refused.status_code == 400
    client.post(reverse("news:editor_withdraw", args=[article.pk]), {"reason": "Sai số liệu."})
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.history.first().history_change_reason == "Sai số liệu."


def test_a_step_that_is_not_possible_now_shows_why(client, world):
    article = draft_of(world)
    sign_in(client, world.secretary)
    response = client.post(reverse("news:editor_publish", args=[article.pk]), follow=True)
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_the_actions_answer_only_posts(client, world):
    article = in_review(world)
    sign_in(client, world.secretary)
    assert client.get(reverse("news:editor_publish", args=[article.pk])).status_code == 405
