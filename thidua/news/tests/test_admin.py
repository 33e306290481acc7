"""The admin manages the portal's sections and tags; articles and feedback are read-only there."""

import pytest
from django.urls import reverse

from thidua.core.tests.helpers import sign_in
from thidua.news import services
from thidua.news.models import Category
from thidua.org.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, world):
    """A staff superuser signed in (the Django admin is for staff only)."""
    client.root = UserFactory(username="root", is_staff=True, is_superuser=True)
    sign_in(client, client.root)
    return client


def test_an_administrator_adds_a_section_and_its_history_names_them(admin_client):
    response = admin_client.post(
        reverse("admin:news_category_add"),
        {"name": "Gương điển hình", "slug": "guong-dien-hinh", "order": 2},
    )
    assert response.status_code == 302
    category = Category.objects.get(slug="guong-dien-hinh")
    assert category.history.get().history_user == admin_client.root


def test_an_article_cannot_be_changed_in_the_admin(admin_client, world):
    article = services.article_save(by=world.officer, title="Tin", body="<p>Nội dung</p>")
    change = reverse("admin:news_article_change", args=[article.pk])
    response = admin_client.post(change, {"title": "Đổi tên"})
    article.refresh_from_db()
    assert response.status_code == 403 and article.title == "Tin"


def test_the_admin_finds_an_article_without_diacritics(admin_client, world):
    services.article_save(by=world.officer, title="Tọa đàm thi đua", body="<p>Nội dung</p>")
    response = admin_client.get(reverse("admin:news_article_changelist"), {"q": "toa dam"})
    assert list(response.context["cl"].result_list.values_list("title", flat=True)) == [
        "Tọa đàm thi đua"
    ]
