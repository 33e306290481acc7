"""The public news pages: what a citizen can reach, the blocks, counting, search, RSS, photos."""

import datetime as dt
import io
import json
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from thidua.news import services
from thidua.news.models import Article, Photo

pytestmark = pytest.mark.django_db
BODY = "<p>Năm 2023, Cụm thi đua số 6 có năm đơn vị thành viên.</p>"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def write(world, title: str, **fields) -> Article:
    return services.article_save(by=world.officer, title=title, **{"body": BODY, **fields})


def publish(world, title: str, at=None, **fields) -> Article:
    article = services.article_submit(article=write(world, title, **fields), by=world.officer)
    return services.article_publish(article=article, by=world.secretary, at=at)


def jpeg() -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="anh.jpg")


def page(client, article: Article):
    return client.get(reverse("news:article", args=[article.slug]))


def test_the_news_page_lists_published_articles_only(client, world):
    publish(world, "Tọa đàm thúc đẩy thi đua")
    write(world, "Bản nháp chưa đăng")
    text = client.get(reverse("news:home")).content.decode()
    assert "Tọa đàm thúc đẩy thi đua" in text and "Bản nháp chưa đăng" not in text


@pytest.mark.parametrize("state", ["draft", "review", "scheduled"])
def test_an_article_not_yet_public_cannot_be_reached_by_its_address(client, world, state):
    article = write(world, "Chưa công bố")
    if state != "draft":
        article = services.article_submit(article=article, by=world.officer)
    if state == "scheduled":
        later = timezone.now() + dt.timedelta(days=1)
        article = services.article_publish(article=article, by=world.secretary, at=later)
    assert page(client, article).status_code == 404


def test_a_reading_session_counts_once(client, world):
    article = publish(world, "Tin")
    page(client, article)
    page(client, article)
    article.refresh_from_db()
    assert article.views == 1
    other = client.__class__()
    page(other, article)
    article.refresh_from_db()
    assert article.views == 2


def test_the_blocks_show_the_latest_and_the_most_viewed(client, world):
    old = publish(world, "Bài cũ được đọc nhiều", at=timezone.now() - dt.timedelta(days=3))
    for n in range(3):
        services.view_record(article=old, session_key=f"s{n}")
    new = publish(world, "Bài mới")
    response = page(client, new)
    assert response.context["latest"][0] == new
    assert response.context["most_viewed"][0] == old
    assert response.context["other_news"] == [old]


def test_a_search_without_diacritics_finds_the_article(client, world):
    publish(world, "Tọa đàm thúc đẩy thi đua")
    response = client.get(reverse("news:search"), {"q": "toa dam thuc day"})
    assert "Tọa đàm thúc đẩy thi đua" in response.content.decode()
    assert response.context["page"].paginator.count == 1


def test_the_rss_feed_carries_the_published_titles(client, world):
    publish(world, "Tọa đàm thúc đẩy thi đua", lead="Năm đơn vị ký giao ước.")
    write(world, "Bản nháp")
    response = client.get(reverse("news:rss"))
    text = response.content.decode()
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "Tọa đàm thúc đẩy thi đua" in text and "Bản nháp" not in text


def test_a_photo_is_served_only_for_a_published_article(client, world):
    shown, hidden = publish(world, "Có ảnh"), write(world, "Nháp có ảnh")
    photos = [
        Photo.objects.create(article=a, image=jpeg(), caption="Toàn cảnh") for a in (shown, hidden)
    ]
    response = client.get(reverse("news:photo", args=[photos[0].pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert client.get(reverse("news:photo", args=[photos[1].pk])).status_code == 404


def test_the_article_page_carries_its_search_and_social_metadata(client, world):
    article = publish(world, 'Tin "đặc biệt" </script><script>alert(1)</script>', lead="Tóm tắt.")
    text = page(client, article).content.decode()
    assert '<meta property="og:type" content="article">' in text
    assert 'rel="canonical"' in text and "Tóm tắt." in text
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1)
    assert "<" not in ld
    assert json.loads(ld)["headline"].startswith('Tin "đặc biệt" </script>')
    assert "<script>alert(1)" not in text


def test_a_readers_feedback_is_kept_for_moderation_and_the_form_is_thanked(client, world):
    from thidua.news.models import ArticleFeedback

    article = publish(world, "Tin")
    response = client.post(
        reverse("news:article", args=[article.slug]),
        {"name": "Nguyễn Văn Dân", "contact": "", "content": "Bài viết rất hay."},
    )
    assert response.status_code == 302
    feedback = ArticleFeedback.objects.get()
    assert feedback.status == ArticleFeedback.Status.NEW
    assert "Bài viết rất hay." not in page(client, article).content.decode()  # not checked yet


def test_a_feedback_form_with_errors_shows_what_was_typed(client, world):
    article = publish(world, "Tin")
    response = client.post(
        reverse("news:article", args=[article.slug]), {"name": "", "content": "Nội dung gõ dở"}
    )
    assert response.status_code == 200
    assert "Nội dung gõ dở" in response.content.decode()
