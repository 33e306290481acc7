"""The portal's pages are rendered once for all readers until the news change, and never show
what has changed since: a new, scheduled, withdrawn or moderated article or feedback."""

import datetime as dt
import re
import time

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thidua.news import feedback, services
from thidua.news.models import Article

pytestmark = pytest.mark.django_db
BODY = "<p>Năm 2023, Cụm thi đua số 6 có năm đơn vị thành viên.</p>"


def publish(world, title: str, at=None) -> Article:
    article = services.article_save(by=world.officer, title=title, body=BODY)
    article = services.article_submit(article=article, by=world.officer)
    return services.article_publish(article=article, by=world.secretary, at=at)


def queries_of(client, url: str) -> int:
    client.cookies.clear()  # a new reader each time
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_a_second_reader_of_an_article_costs_fewer_queries_than_the_first(client, world):
    for n in range(3):
        publish(world, f"Tin khác {n}")
    article = publish(world, "Tọa đàm thi đua")
    url = reverse("news:article", args=[article.slug])
    first, second = queries_of(client, url), queries_of(client, url)
    assert second < first - 3


def test_the_home_page_shows_an_article_published_after_it_was_cached(client, world):
    publish(world, "Tin thứ nhất")
    assert "Tin thứ nhất" in client.get(reverse("news:home")).text
    publish(world, "Tin thứ hai")
    assert "Tin thứ hai" in client.get(reverse("news:home")).text


def listed_titles(client) -> list[str]:
    html = client.get(reverse("news:home")).text
    return re.findall(r'class="h5 card-title"><a href="[^"]+">([^<]+)</a>', html)


def test_a_scheduled_article_is_listed_within_a_minute_of_its_time_without_any_write(client, world):
    publish(world, "Tin đã đăng")
    soon = timezone.now() + dt.timedelta(seconds=20)
    publish(world, "Thông báo hẹn giờ", at=soon)
    assert listed_titles(client) == ["Tin đã đăng"]
    with time_machine.travel(soon + dt.timedelta(seconds=61)):
        assert listed_titles(client) == ["Thông báo hẹn giờ", "Tin đã đăng"]


def test_a_withdrawn_article_is_not_served_from_the_cache(client, world):
    article = publish(world, "Tin sẽ gỡ")
    url = reverse("news:article", args=[article.slug])
    assert client.get(url).status_code == 200
    services.article_withdraw(article=article, by=world.secretary, reason="Sai số liệu")
    assert client.get(url).status_code == 404
    assert "Tin sẽ gỡ" not in client.get(reverse("news:home")).text


def test_approved_feedback_appears_on_an_article_page_already_cached(client, world):
    article = publish(world, "Tọa đàm thi đua")
    url = reverse("news:article", args=[article.slug])
    sent = feedback.feedback_submit(
        article=article, name="Chị Hoa", contact="", content="Bài viết rất hay", sender="10.0.0.1"
    )
    assert "Bài viết rất hay" not in client.get(url).text
    feedback.feedback_moderate(feedback=sent, by=world.secretary, approve=True)
    assert "Bài viết rất hay" in client.get(url).text


def test_a_cached_article_page_still_counts_each_new_reader(client, world):
    article = publish(world, "Tọa đàm thi đua")
    url = reverse("news:article", args=[article.slug])
    queries_of(client, url)
    queries_of(client, url)
    article.refresh_from_db()
    assert article.views == 2


def test_the_most_viewed_block_follows_the_counters_within_a_minute(client, world):
    quiet, read = publish(world, "Tin ít người đọc"), publish(world, "Tin nhiều người đọc")
    services.view_record(article=quiet, session_key="a")

    def first_of_most_viewed() -> str:
        html = client.get(reverse("news:home")).text
        block = html[html.index('data-testid="block-most-viewed"') :]
        return block[block.index("<li") : block.index("</li>")]

    assert quiet.title in first_of_most_viewed()
    for key in "bcd":
        services.view_record(article=read, session_key=key)
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=61)):
        assert read.title in first_of_most_viewed()


def test_a_page_with_a_foreign_address_does_not_leak_into_the_cached_links(client, world):
    for n in range(12):
        publish(world, f"Tin số {n}")
    client.get(reverse("news:home") + "?page=1&utm_source=thu")
    html = client.get(reverse("news:home")).text
    assert "utm_source" not in html and "?page=2" in html


# ---- whole pages kept for signed-out readers ---------------------------------------------------
def templates_rendered(client, url: str) -> list[str]:
    client.cookies.clear()  # a new signed-out reader
    return [template.name for template in client.get(url).templates]


def test_a_signed_out_readers_page_is_served_whole_without_rendering(client, world):
    publish(world, "Tọa đàm thi đua")
    url = reverse("news:home")
    assert "news/home.html" in templates_rendered(client, url)
    assert templates_rendered(client, url) == []
    assert queries_of(client, url) == 1  # the data version; the page is this process's copy


def test_a_kept_article_page_still_counts_each_reader_and_queries_only_to_count(client, world):
    article = publish(world, "Tọa đàm thi đua")
    url = reverse("news:article", args=[article.slug])
    assert "news/article.html" in templates_rendered(client, url)
    assert templates_rendered(client, url) == []
    # the data version, then the reading row (its savepoint and insert) and the counter's UPDATE
    assert queries_of(client, url) <= 5
    article.refresh_from_db()
    assert article.views == 3


def test_each_reader_of_a_kept_page_gets_their_own_csrf_token_and_can_send_feedback(world):
    from django.test import Client

    article = publish(world, "Tọa đàm thi đua")
    url = reverse("news:article", args=[article.slug])
    Client().get(url)  # the page is kept with a slot for the token
    reader = Client(enforce_csrf_checks=True)
    html = reader.get(url).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert "thidua-csrf-slot" not in html
    response = reader.post(
        url, {"csrfmiddlewaretoken": token, "name": "Chị Hoa", "contact": "", "content": "Hay"}
    )
    assert response.status_code == 302
    assert article.feedback.count() == 1


def test_the_thanks_after_feedback_is_shown_to_its_sender_only(client, world):
    from django.test import Client

    article = publish(world, "Tọa đàm thi đua")
    url = reverse("news:article", args=[article.slug])
    client.get(url)
    response = client.post(url, {"name": "Chị Hoa", "contact": "", "content": "Hay"}, follow=True)
    assert "Cảm ơn" in response.text
    assert "Cảm ơn" not in Client().get(url).text


def test_a_signed_in_user_is_not_served_a_signed_out_readers_page(client, world):
    from thidua.core.tests.helpers import sign_in

    publish(world, "Tọa đàm thi đua")
    url = reverse("news:home")
    client.get(url)
    sign_in(client, world.officer)
    assert 'data-testid="notifications"' in client.get(url).text


def test_a_page_asked_with_another_query_is_not_kept(client, world):
    publish(world, "Tọa đàm thi đua")
    client.get(reverse("news:home") + "?utm_source=thu")
    html = client.get(reverse("news:home")).text
    assert "utm_source" not in html


def test_a_page_this_process_served_is_not_read_again_from_the_shared_cache(client, world):
    from unittest import mock

    from django.core.cache import cache

    from thidua.news import pagecache

    publish(world, "Tọa đàm thi đua")
    url = reverse("news:home")
    client.get(url)  # rendered and kept
    client.cookies.clear()
    with mock.patch.object(pagecache, "cache", wraps=cache) as shared:
        assert "Tọa đàm thi đua" in client.get(url).text
    shared.get.assert_not_called()


def test_a_process_copy_is_not_served_once_another_process_changed_the_news(client, world):
    from thidua.core import fragments

    publish(world, "Tọa đàm thi đua")
    url = reverse("news:home")
    templates_rendered(client, url)
    assert templates_rendered(client, url) == []
    fragments.data_changed("news")  # what a write on another machine leaves in the database
    assert "news/home.html" in templates_rendered(client, url)


def test_a_process_copy_of_another_version_is_dropped():
    from thidua.news.pagecache import LocalCopies

    copies = LocalCopies()
    copies.put("page", ("v1", b"<p>old</p>", None, time.time()))
    assert copies.get("page", "v2") is None
    assert copies.get("page", "v1") is None  # dropped, not kept for a return to v1


def test_a_process_copy_is_not_served_after_its_shared_entry_would_have_expired():
    from thidua.core.fragments import FRAGMENT_TIMEOUT
    from thidua.news.pagecache import LocalCopies

    copies = LocalCopies()
    copies.put("fresh", ("v1", b"<p>fresh</p>", None, time.time() - FRAGMENT_TIMEOUT + 60))
    copies.put("old", ("v1", b"<p>old</p>", None, time.time() - FRAGMENT_TIMEOUT - 1))
    assert copies.get("fresh", "v1")[1] == b"<p>fresh</p>"
    assert copies.get("old", "v1") is None


def test_a_process_keeps_a_bounded_number_of_copies_dropping_the_least_recently_served():
    from thidua.news.pagecache import LocalCopies

    copies = LocalCopies(size=2)
    now = time.time()
    copies.put("a", ("v", "a", None, now))
    copies.put("b", ("v", "b", None, now))
    copies.get("a", "v")
    copies.put("c", ("v", "c", None, now))
    assert copies.get("b", "v") is None
    assert copies.get("a", "v") is not None and copies.get("c", "v") is not None


def test_with_no_process_copies_a_page_is_read_from_the_shared_cache_each_time(
    client, world, settings
):
    from unittest import mock

    from django.core.cache import cache

    from thidua.news import pagecache

    settings.THIDUA_PAGE_COPIES = 0
    publish(world, "Tọa đàm thi đua")
    url = reverse("news:home")
    client.get(url)
    client.cookies.clear()
    with mock.patch.object(pagecache, "cache", wraps=cache) as shared:
        assert "Tọa đàm thi đua" in client.get(url).text
    shared.get.assert_called_once()
