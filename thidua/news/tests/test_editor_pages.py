"""The editor pages: the list by status with a diacritics-free search, the article form that
re-shows what was typed, the sanitised body, the read-only published article and the preview."""

import pytest
from django.urls import reverse

from thidua.core.tests.helpers import sign_in
from thidua.news import services
from thidua.news.models import Article
from thidua.org import services as org_services

pytestmark = pytest.mark.django_db
Status = Article.Status


def draft_of(world, title="Tọa đàm thúc đẩy thi đua", by=None, unit=None, **fields) -> Article:
    return services.article_save(
        by=by or world.officer, title=title, body="<p>Nội dung bài viết.</p>",
        unit=unit or world.cq, **fields,
    )  # fmt: skip


def test_the_drafts_tab_lists_the_users_drafts_and_finds_them_without_diacritics(client, world):
    draft_of(world)
    draft_of(world, title="Hội nghị sơ kết")
    sign_in(client, world.officer)
    response = client.get(reverse("news:editor"), {"tab": "drafts", "q": "toa dam"})
    assert response.status_code == 200
    assert [a.title for a in response.context["page"]] == ["Tọa đàm thúc đẩy thi đua"]


def test_the_review_tab_lists_first_the_articles_the_user_reviews(client, world):
    # The cq officer also runs the secretariat of kt: they review kt's article, not their own.
    org_services.role_assign(user=world.officer, role="secretariat", unit=world.kt, by=None)
    own = services.article_submit(article=draft_of(world), by=world.officer)
    kt_article = draft_of(world, title="Tin Kon Tum", by=world.outsider, unit=world.kt)
    services.article_submit(article=kt_article, by=world.outsider)
    sign_in(client, world.officer)
    rows = list(client.get(reverse("news:editor"), {"tab": "review"}).context["page"])
    assert [(a.pk, a.mine) for a in rows] == [(kt_article.pk, 0), (own.pk, 1)]


def test_the_scheduled_tab_holds_articles_published_for_later(client, world):
    import datetime as dt

    from django.utils import timezone

    article = services.article_submit(article=draft_of(world), by=world.officer)
    later = timezone.now() + dt.timedelta(days=2)
    services.article_publish(article=article, by=world.secretary, at=later)
    sign_in(client, world.secretary)
    scheduled = client.get(reverse("news:editor"), {"tab": "scheduled"}).context["page"]
    published = client.get(reverse("news:editor"), {"tab": "published"}).context["page"]
    assert [a.pk for a in scheduled] == [article.pk]
    assert list(published) == []


def test_an_officer_writes_a_draft_for_their_unit(client, world):
    sign_in(client, world.officer)
    response = client.post(
        reverse("news:editor_new"),
        {"title": "Phong trào thi đua", "body": "<p>Nội dung</p>", "unit": world.cq.pk},
    )
    article = Article.objects.get(title="Phong trào thi đua")
    assert response.status_code == 302
    assert (article.unit, article.author, article.status) == (world.cq, world.officer, Status.DRAFT)
    assert article.history.first().history_user == world.officer


def test_the_form_shows_again_what_was_typed_when_it_is_refused(client, world):
    sign_in(client, world.officer)
    response = client.post(
        reverse("news:editor_new"),
        {
            "title": "",
            "lead": "Lời dẫn đã gõ",
            "body": "<p>Thân bài đã gõ</p>",
            "unit": world.cq.pk,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert "Lời dẫn đã gõ" in response.content.decode()
    assert "Thân bài đã gõ" in response.content.decode()
    assert not Article.objects.exists()


def test_a_script_in_the_body_is_removed_when_the_page_saves_it(client, world):
    sign_in(client, world.officer)
    body = '<p onclick="steal()">Tin <strong>tốt</strong></p><script>alert(1)</script>'
    client.post(reverse("news:editor_new"), {"title": "Tin tốt", "body": body, "unit": world.cq.pk})
    saved = Article.objects.get(title="Tin tốt").body
    assert "<script" not in saved and "onclick" not in saved and "alert" not in saved
    assert "<strong>tốt</strong>" in saved


def test_a_published_article_shows_read_only_with_its_withdraw_form(client, world):
    article = services.article_submit(article=draft_of(world), by=world.officer)
    services.article_publish(article=article, by=world.secretary)
    sign_in(client, world.secretary)
    response = client.get(reverse("news:editor_edit", args=[article.pk]))
    assert response.context["read_only"] is True
    assert all(field.disabled for field in response.context["form"].fields.values())
    assert 'data-testid="withdraw-form"' in response.content.decode()
    edited = client.post(reverse("news:editor_edit", args=[article.pk]), {"title": "Khác"})
    assert edited.status_code == 403


def test_the_preview_of_a_draft_shows_it_to_its_editor_without_counting_a_view(client, world):
    article = draft_of(world)
    sign_in(client, world.officer)
    response = client.get(reverse("news:editor_preview", args=[article.pk]))
    assert response.status_code == 200
    assert 'data-testid="preview-banner"' in response.content.decode()
    assert "Nội dung bài viết." in response.content.decode()
    article.refresh_from_db()
    assert article.views == 0


def test_the_preview_of_a_draft_is_shown_to_its_reviewer(client, world):
    article = draft_of(world)
    sign_in(client, world.secretary)
    assert client.get(reverse("news:editor_preview", args=[article.pk])).status_code == 200


def test_the_preview_of_a_draft_is_not_found_for_others(client, world):
    article = draft_of(world)
    sign_in(client, world.outsider)
    assert client.get(reverse("news:editor_preview", args=[article.pk])).status_code == 404


def test_a_draft_opens_for_its_writer_with_the_rich_text_editor_and_the_send_button(client, world):
    article = draft_of(world)
    sign_in(client, world.officer)
    page = client.get(reverse("news:editor_edit", args=[article.pk])).content.decode()
    assert "vendor/trix/trix.umd.min.js" in page and "thidua/news_editor.js" in page
    assert "data-trix-source" in page and "<textarea" in page  # works without JavaScript too
    assert 'data-testid="editor-submit"' in page and 'data-testid="photo-form"' in page
    assert 'data-testid="editor-publish"' not in page
