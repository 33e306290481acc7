"""Writing, reviewing, scheduling and withdrawing articles, each step in the history."""

import datetime as dt

import pytest
from django.utils import timezone

from thidua.core.errors import DomainError
from thidua.news import selectors, services
from thidua.news.models import Article, Category

pytestmark = pytest.mark.django_db
BODY = "<p>Năm 2023, Cụm thi đua số 6 có năm đơn vị thành viên.</p>"


def draft(world, title="Tọa đàm thúc đẩy thi đua", **fields):
    return services.article_save(by=world.officer, title=title, **{"body": BODY, **fields})


def published(world, **fields):
    article = services.article_submit(article=draft(world, **fields), by=world.officer)
    return services.article_publish(article=article, by=world.secretary)


def test_a_draft_gets_an_address_from_its_title_and_a_second_one_a_number(world):
    first, second = draft(world), draft(world)
    assert first.slug == "toa-dam-thuc-day-thi-dua"
    assert second.slug == "toa-dam-thuc-day-thi-dua-2"
    assert first.author == world.officer and first.status == Article.Status.DRAFT


def test_a_script_in_the_body_is_gone_before_it_is_stored(world):
    article = draft(world, lead="<b>Tin</b> mới", body=BODY + "<script>alert(1)</script>")
    article.refresh_from_db()
    assert "<script" not in article.body and article.lead == "Tin mới"


def test_a_draft_is_not_on_the_portal_and_a_published_article_is(world):
    hidden, shown = draft(world), published(world, title="Bài đã đăng")
    assert list(selectors.published()) == [shown]
    assert hidden.status == Article.Status.DRAFT


def test_a_scheduled_article_appears_only_when_its_time_comes(world):
    article = services.article_submit(article=draft(world), by=world.officer)
    later = timezone.now() + dt.timedelta(hours=2)
    services.article_publish(article=article, by=world.secretary, at=later)
    assert not selectors.published().exists()
    assert list(selectors.published(now=later)) == [article]


def test_a_returned_article_goes_back_to_its_author_with_the_note(world):
    article = services.article_submit(article=draft(world), by=world.officer)
    article = services.article_return(article=article, by=world.secretary, note="Thêm ảnh.")
    assert (article.status, article.review_note) == (Article.Status.DRAFT, "Thêm ảnh.")
    newest = article.history.first()
    assert (newest.history_user, newest.history_change_reason) == (world.secretary, "Thêm ảnh.")


def test_returning_without_a_note_is_refused(world):
    article = services.article_submit(article=draft(world), by=world.officer)
    with pytest.raises(DomainError) as refused:
        services.article_return(article=article, by=world.secretary, note=" ")
    assert refused.value.field == "note"


def test_an_empty_draft_cannot_be_sent_for_review(world):
    article = services.article_save(by=world.officer, title="Chưa viết", body="<p> </p>")
    with pytest.raises(DomainError) as refused:
        services.article_submit(article=article, by=world.officer)
    assert refused.value.code == "empty"


def test_a_draft_cannot_be_published_without_review(world):
    with pytest.raises(DomainError) as refused:
        services.article_publish(article=draft(world), by=world.secretary)
    assert refused.value.code == "status"


def test_a_published_article_is_withdrawn_before_it_is_changed(world):
    article = published(world)
    with pytest.raises(DomainError):
        services.article_save(by=world.officer, article=article, title="Sửa")
    article = services.article_withdraw(article=article, by=world.secretary, reason="Sai số liệu")
    article = services.article_save(by=world.officer, article=article, title="Sửa")
    assert (article.title, article.status) == ("Sửa", Article.Status.DRAFT)
    assert not selectors.published().exists()


def test_categories_are_set_with_the_draft(world):
    news = Category.objects.create(name="Tin hoạt động", slug="tin-hoat-dong")
    article = draft(world, categories=[news])
    assert list(article.categories.all()) == [news]


def test_search_finds_an_article_written_with_diacritics_by_words_without_them(world):
    found = published(world, title="Tọa đàm thúc đẩy thi đua")
    published(world, title="Hội nghị tổng kết")
    assert list(selectors.search("toa dam THI dua")) == [found]
    assert list(selectors.search("Tọa đàm")) == [found]
    assert not selectors.search("toa dam 2030").exists()


def test_other_news_prefers_the_articles_category_then_the_newest(world):
    news = Category.objects.create(name="Tin hoạt động", slug="tin-hoat-dong")
    article = published(world, title="Bài chính", categories=[news])
    same = published(world, title="Cùng mục", categories=[news])
    other = published(world, title="Mục khác")
    assert selectors.other_news(article, limit=2) == [same, other]
