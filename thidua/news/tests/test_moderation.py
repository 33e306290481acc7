"""Moderating readers' feedback: approve or keep off the page, once, recorded in the history;
the page is for the secretariat over the article's unit and system administrators, who are told
when feedback waits."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from thidua.core.errors import DomainError
from thidua.core.models import Notification
from thidua.core.tests.helpers import sign_in
from thidua.news import services
from thidua.news.feedback import feedback_moderate, feedback_pending, feedback_submit
from thidua.news.models import ArticleFeedback

pytestmark = pytest.mark.django_db
Status = ArticleFeedback.Status
PAGE = "news:feedback_moderation"


def article_of(world, title="Tọa đàm thi đua"):
    article = services.article_save(by=world.officer, title=title, body="<p>Nội dung</p>")
    article = services.article_submit(article=article, by=world.officer)
    return services.article_publish(article=article, by=world.secretary)


def feedback_of(world, article=None, content="Bài viết rất bổ ích.", sender="203.0.113.7"):
    return feedback_submit(
        article=article or article_of(world), name="Nguyễn Thị Hoa", contact="0912 345 678",
        content=content, sender=sender,
    )  # fmt: skip


def test_approving_shows_the_feedback_and_records_who_did_it(world):
    feedback = feedback_moderate(feedback=feedback_of(world), by=world.secretary, approve=True)
    feedback.refresh_from_db()
    assert (feedback.status, feedback.moderated_by) == (Status.APPROVED, world.secretary)
    assert feedback.moderated_at is not None
    assert feedback.history.first().history_user == world.secretary


def test_rejecting_keeps_the_feedback_off_the_page_with_the_note(world):
    feedback = feedback_moderate(
        feedback=feedback_of(world), by=world.admin, approve=False, note="Quảng cáo."
    )
    newest = feedback.history.first()
    assert (feedback.status, feedback.moderation_note) == (Status.REJECTED, "Quảng cáo.")
    assert (newest.history_user, newest.history_change_reason) == (world.admin, "Quảng cáo.")


def test_a_decided_feedback_cannot_be_decided_again(world):
    feedback = feedback_moderate(feedback=feedback_of(world), by=world.secretary, approve=False)
    with pytest.raises(DomainError) as caught:
        feedback_moderate(feedback=feedback, by=world.secretary, approve=True)
    assert caught.value.code == "decided"
    feedback.refresh_from_db()
    assert feedback.status == Status.REJECTED


def test_a_unit_officer_cannot_moderate(world):
    with pytest.raises(DomainError) as caught:
        feedback_moderate(feedback=feedback_of(world), by=world.officer, approve=True)
    assert caught.value.code == "not_actor"


def test_pending_feedback_comes_oldest_first_and_leaves_once_decided(world):
    article = article_of(world)
    first, second, third = (feedback_of(world, article, f"Ý kiến {n}") for n in range(3))
    feedback_moderate(feedback=second, by=world.secretary, approve=True)
    assert list(feedback_pending(world.secretary)) == [first, third]


def test_the_page_lists_pending_feedback_with_its_article_and_sender(client, world):
    feedback_of(world, article_of(world, title="Gương điển hình tiên tiến"))
    sign_in(client, world.secretary)
    response = client.get(reverse(PAGE))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Gương điển hình tiên tiến" in page and "Nguyễn Thị Hoa" in page
    assert "0912 345 678" in page and "Bài viết rất bổ ích." in page


def test_the_page_escapes_what_the_public_wrote(client, world):
    feedback_of(world, content="&lt;b&gt;đậm&lt;/b&gt;")
    sign_in(client, world.secretary)
    page = client.get(reverse(PAGE)).content.decode()
    assert "&lt;b&gt;đậm&lt;/b&gt;" in page and "<b>đậm" not in page


def test_the_page_lists_pending_feedback_in_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    article = article_of(world)
    for n in range(5):
        feedback_of(world, article, f"Ý kiến {n}", sender=f"198.51.100.{n}")
    sign_in(client, world.admin)
    client.get(reverse(PAGE))  # warm the per-session lookups
    with django_assert_max_num_queries(7):
        assert client.get(reverse(PAGE)).status_code == 200


def test_the_secretariat_approves_from_the_page(client, world):
    feedback = feedback_of(world)
    sign_in(client, world.secretary)
    data = {"feedback": feedback.pk, "decision": "approve", "note": "Phù hợp."}
    response = client.post(reverse(PAGE), data)
    assert response.status_code == 302 and response.url == reverse(PAGE)
    feedback.refresh_from_db()
    assert (feedback.status, feedback.moderated_by) == (Status.APPROVED, world.secretary)


def test_an_administrator_rejects_from_the_page(client, world):
    feedback = feedback_of(world)
    sign_in(client, world.admin)
    client.post(reverse(PAGE), {"feedback": feedback.pk, "decision": "reject"})
    feedback.refresh_from_db()
    assert (feedback.status, feedback.moderated_by) == (Status.REJECTED, world.admin)


def test_deciding_twice_from_the_page_shows_an_error_and_changes_nothing(client, world):
    feedback = feedback_moderate(feedback=feedback_of(world), by=world.admin, approve=False)
    sign_in(client, world.secretary)
    response = client.post(reverse(PAGE), {"feedback": feedback.pk, "decision": "approve"})
    levels = [m.level_tag for m in get_messages(response.wsgi_request)]
    feedback.refresh_from_db()
    assert levels == ["error"] and feedback.status == Status.REJECTED


def test_a_unit_officer_gets_403(client, world):
    sign_in(client, world.officer)
    assert client.get(reverse(PAGE)).status_code == 403


def test_a_unit_officer_cannot_approve_by_posting(client, world):
    feedback = feedback_of(world)
    sign_in(client, world.outsider)
    response = client.post(reverse(PAGE), {"feedback": feedback.pk, "decision": "approve"})
    feedback.refresh_from_db()
    assert response.status_code == 403 and feedback.status == Status.NEW


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client, world):
    response = client.get(reverse(PAGE))
    assert response.status_code == 302 and "login" in response.url


def told(kind: str = "news_feedback") -> list[str]:
    return list(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_the_first_waiting_feedback_tells_the_secretariat_over_the_articles_unit(world):
    article = services.article_save(
        by=world.officer, title="Tin của cq", body="<p>Nội dung</p>", unit=world.cq
    )
    services.article_submit(article=article, by=world.officer)
    services.article_publish(article=article, by=world.secretary)
    feedback_of(world, article)
    assert told() == ["secretary"]


def test_a_flood_of_feedback_is_one_notification_until_it_is_moderated(world):
    article = article_of(world)
    first = feedback_of(world, article, sender="198.51.100.1")
    feedback_of(world, article, sender="198.51.100.2")
    assert len(told()) == 1
    feedback_moderate(feedback=first, by=world.secretary, approve=True)
    feedback_moderate(
        feedback=ArticleFeedback.objects.get(status=Status.NEW), by=world.secretary, approve=False
    )
    feedback_of(world, article, sender="198.51.100.3")
    assert len(told()) == 2


def test_a_foreign_units_secretariat_cannot_moderate_feedback_of_another_unit(world):
    from thidua.org import services as org_services

    org_services.role_assign(user=world.outsider, role="secretariat", unit=world.kt, by=None)
    article = services.article_save(
        by=world.officer, title="Tin của cq", body="<p>Nội dung</p>", unit=world.cq
    )
    services.article_submit(article=article, by=world.officer)
    services.article_publish(article=article, by=world.secretary)
    feedback = feedback_of(world, article)
    assert list(feedback_pending(world.outsider)) == []
    with pytest.raises(DomainError) as refused:
        feedback_moderate(feedback=feedback, by=world.outsider, approve=True)
    assert refused.value.code == "not_actor"
