"""Readers' feedback on an article: sent only on a published article, kept as plain text,
throttled per sender, and shown under the article only once approved."""

import datetime as dt

import pytest
import time_machine
from django.template.loader import render_to_string
from django.utils import timezone

from thidua.core.errors import DomainError
from thidua.core.senders import sender_hash
from thidua.news import services
from thidua.news.feedback import (
    feedback_moderate,
    feedback_pending,
    feedback_shown,
    feedback_submit,
)
from thidua.news.forms import ArticleFeedbackForm
from thidua.news.models import Article, ArticleFeedback

pytestmark = pytest.mark.django_db
BODY = "<p>Năm 2023, Cụm thi đua số 6 có năm đơn vị thành viên.</p>"
ADDRESS = "203.0.113.7"


def draft(world) -> Article:
    return services.article_save(by=world.officer, title="Tọa đàm thi đua", body=BODY)


def published(world, at=None) -> Article:
    article = services.article_submit(article=draft(world), by=world.officer)
    return services.article_publish(article=article, by=world.secretary, at=at)


def send(article, *, content="Bài viết rất bổ ích.", sender=ADDRESS, **fields):
    values = {"name": "Nguyễn Thị Hoa", "contact": "hoa@example.vn", **fields}
    return feedback_submit(article=article, content=content, sender=sender, **values)


def refusal(call) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value


def test_feedback_on_a_published_article_waits_for_moderation(world):
    article = published(world)
    feedback = send(article)
    assert feedback.status == ArticleFeedback.Status.NEW
    assert (feedback.article, feedback.name, feedback.contact) == (
        article, "Nguyễn Thị Hoa", "hoa@example.vn"
    )  # fmt: skip
    assert list(feedback_pending(world.secretary)) == [feedback]
    assert feedback.history.first().history_user is None


def test_the_sender_is_kept_as_a_keyed_hash_not_as_an_address(world):
    feedback = send(published(world))
    assert feedback.sender_hash == sender_hash(ADDRESS) and ADDRESS not in feedback.sender_hash


def test_a_script_is_stored_as_plain_text_and_never_rendered_as_html(world):
    article = published(world)
    feedback = send(
        article, content="Hay quá <script>alert(1)</script> &lt;img src=x onerror=y&gt;"
    )
    feedback.refresh_from_db()
    assert "<script" not in feedback.content and feedback.content.endswith("<img src=x onerror=y>")
    feedback_moderate(feedback=feedback, by=world.secretary, approve=True)
    html = render_to_string("news/_feedback_list.html", {"feedback_list": feedback_shown(article)})
    assert "&lt;img src=x onerror=y&gt;" in html
    assert "<img" not in html and "<script" not in html


def test_the_feedback_text_keeps_its_line_breaks_on_the_page(world):
    article = published(world)
    feedback_moderate(feedback=send(article, content="Dòng một\nDòng hai"), by=None, approve=True)
    html = render_to_string("news/_feedback_list.html", {"feedback_list": feedback_shown(article)})
    assert "Dòng một<br>Dòng hai" in html and 'data-testid="feedback-list"' in html


def test_the_form_is_shown_only_while_the_article_accepts_feedback(world):
    article = published(world)
    context = {"article": article, "feedback_list": [], "feedback_form": ArticleFeedbackForm()}
    assert 'data-testid="feedback-form"' in render_to_string("news/_feedback_form.html", context)
    context["feedback_form"] = None
    assert 'data-testid="feedback-form"' not in render_to_string(
        "news/_feedback_form.html", context
    )


def test_the_sixth_message_of_a_sender_within_the_hour_is_refused(world):
    article = published(world)
    for _ in range(5):
        send(article)
    assert refusal(lambda: send(article)).code == "throttled"
    assert ArticleFeedback.objects.count() == 5


def test_another_sender_is_not_held_back_by_the_throttle(world):
    article = published(world)
    for _ in range(5):
        send(article)
    assert send(article, sender="198.51.100.9").pk


def test_a_sender_may_write_again_an_hour_later(world):
    article = published(world)
    for _ in range(5):
        send(article)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=61)):
        assert send(article).pk


def test_the_throttle_limit_comes_from_the_settings(world, settings):
    settings.THIDUA_NEWS_FEEDBACK_PER_HOUR = 1
    article = published(world)
    send(article)
    assert refusal(lambda: send(article)).code == "throttled"


def test_a_draft_does_not_accept_feedback(world):
    assert refusal(lambda: send(draft(world))).code == "closed"


def test_an_article_in_review_does_not_accept_feedback(world):
    article = services.article_submit(article=draft(world), by=world.officer)
    assert refusal(lambda: send(article)).code == "closed"


def test_a_scheduled_article_does_not_accept_feedback_before_its_time(world):
    later = timezone.now() + dt.timedelta(hours=2)
    article = published(world, at=later)
    assert refusal(lambda: send(article)).code == "closed"
    with time_machine.travel(later + dt.timedelta(minutes=1)):
        assert send(article).pk


def test_a_withdrawn_article_no_longer_accepts_feedback(world):
    article = published(world)
    services.article_withdraw(article=article, by=world.secretary, reason="Sai số liệu.")
    assert refusal(lambda: send(article)).code == "closed"


def test_a_name_is_required(world):
    error = refusal(lambda: send(published(world), name="  "))
    assert error.field == "name"


def test_content_is_required_and_tags_alone_are_not_content(world):
    error = refusal(lambda: send(published(world), content="<script>alert(1)</script>"))
    assert (error.field, error.code) == ("content", "required")


def test_content_longer_than_three_thousand_characters_is_refused(world):
    article = published(world)
    assert send(article, content="a" * 3000).pk
    error = refusal(lambda: send(article, content="a" * 3001))
    assert (error.field, error.code) == ("content", "too_long")


def test_only_approved_feedback_is_shown_oldest_first(world):
    article = published(world)
    first, rejected, waiting, second = (send(article, content=f"Ý kiến {n}") for n in range(4))
    feedback_moderate(feedback=second, by=world.secretary, approve=True)
    feedback_moderate(feedback=first, by=world.secretary, approve=True)
    feedback_moderate(feedback=rejected, by=world.secretary, approve=False)
    assert feedback_shown(article) == [first, second]
    assert waiting not in feedback_shown(article)


def test_feedback_of_another_article_is_not_shown(world):
    article, other = published(world), published(world)
    feedback_moderate(feedback=send(other), by=world.secretary, approve=True)
    assert feedback_shown(article) == []


def test_the_form_shows_again_what_the_reader_typed_when_it_is_refused(world):
    form = ArticleFeedbackForm({"name": "", "contact": "0912 345 678", "content": "Rất hay"})
    assert not form.is_valid() and "name" in form.errors
    page = form.as_div()
    assert "0912 345 678" in page and "Rất hay" in page


def test_a_filled_honeypot_marks_a_robot(world):
    data = {"name": "Bot", "content": "Mua ngay", "website": "http://spam.example"}
    assert ArticleFeedbackForm(data).is_robot
    assert not ArticleFeedbackForm({**data, "website": ""}).is_robot
