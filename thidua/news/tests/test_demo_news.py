"""The news demo: the seed article of Cụm thi đua số 6 as published, and synthetic items in
every state of the workflow."""

import datetime as dt

import pytest
from django.utils import timezone
from PIL import Image

from thidua.news import demo_articles, demo_data, selectors
from thidua.news.models import Article, ArticleView, Photo
from thidua.org.models import Person

pytestmark = pytest.mark.demo

SEED_CAPTIONS = [
    "Toàn cảnh Tọa đàm.",
    "Đồng chí Nguyễn Long Hải, Uỷ viên dự khuyết BCH Trung ương Đảng, Bí thư Đảng uỷ Khối "
    "Doanh nghiệp Trung ương phát biểu tại Toạ đàm.",
    "Đồng chí Chu Đình Động,Trưởng Ban Tổ chức Đảng ủy Khối Doanh nghiệp Trung ương, Cụm trưởng "
    "Cụm thi đua số 6, Ngành Tổ chức xây dựng Đảng năm 2023 báo cáo Đề dẫn Tọa đàm.",
]


@pytest.fixture
def seed(demo, db) -> Article:
    return Article.objects.get(title__startswith="Tọa đàm Thúc đẩy thi đua")


def test_the_seed_article_is_published_with_its_three_photos(seed):
    assert seed in selectors.published()
    assert seed.photos.count() == 3


def test_the_photo_captions_and_credits_are_those_of_the_seed(seed):
    photos = list(seed.photos.order_by("order"))
    assert [p.caption for p in photos] == SEED_CAPTIONS
    assert {p.credit for p in photos} == {"Ảnh: ĐUKDN Trung ương"}


def test_the_photos_are_pictures_of_1200_by_675_stored_under_media_root(seed):
    for photo in seed.photos.all():
        with photo.image.open("rb") as file, Image.open(file) as image:
            assert (image.format, image.size) == ("JPEG", (1200, 675))


def test_the_seed_body_keeps_the_articles_quotations_as_paragraphs(seed):
    assert seed.body.count("<p>") == 10
    assert "Công tác tổ chức là then chốt của then chốt" in seed.body
    assert seed.lead.startswith("Báo cáo đề dẫn Tọa đàm, đồng chí Chu Đình Động")


def test_the_seed_article_is_cluster_6_news_of_early_2024(seed):
    assert (seed.cluster.number, seed.cluster.organiser.code) == (6, "BTCTW")
    assert [c.name for c in seed.categories.all()] == ["Tin hoạt động"]
    assert "Cụm thi đua số 6" in {t.name for t in seed.tags.all()}
    assert timezone.localtime(seed.publish_at).date() == dt.date(2024, 5, 10)
    assert seed.units.count() == 5


def test_the_secretariat_published_what_the_officer_wrote(seed):
    assert seed.author.username == "donvi_dukdn"
    assert seed.history.filter(status="published").get().history_user.username == "thuky"


def test_searching_toa_dam_finds_the_seed_article(seed):
    assert seed in selectors.search("toa dam")


def test_the_seed_article_is_the_most_viewed(seed):
    most_viewed = selectors.most_viewed()
    assert most_viewed[0] == seed
    assert [a.views for a in most_viewed] == sorted((a.views for a in most_viewed), reverse=True)
    assert ArticleView.objects.filter(article=seed).count() == seed.views > 20


def test_the_draft_the_one_in_review_and_the_scheduled_one_are_not_shown_to_readers(demo, db):
    hidden = Article.objects.exclude(pk__in=selectors.published())
    assert set(hidden.values_list("status", flat=True)) == {"draft", "review", "published"}
    scheduled = hidden.get(status="published")
    assert scheduled.publish_at > timezone.now()
    assert scheduled in selectors.published(now=scheduled.publish_at)


def test_the_typical_example_tells_of_a_demo_person(demo, db):
    story = Article.objects.get(categories__slug=demo_articles.EXAMPLES)
    person = Person.objects.get(staff_code="DEMO-0155")
    assert person.full_name in story.body
    assert story in selectors.published()


def test_the_movement_notice_links_the_2026_movement(demo, db):
    notice = Article.objects.get(title__startswith="Phát động phong trào thi đua yêu nước năm 2026")
    assert notice.movement.title.startswith("Phong trào thi đua yêu nước năm 2026")


def test_a_second_load_creates_nothing(demo, db):
    articles, photos = Article.objects.count(), Photo.objects.count()
    assert demo_data.load() == {}
    assert (Article.objects.count(), Photo.objects.count()) == (articles, photos)


def test_the_load_reported_what_it_created(demo, db):
    created = demo.apps["news"]
    assert created["news articles"] == Article.objects.count() == 6
    assert created["news categories"] == 3
    assert created["news photos"] == 3


def test_a_unit_officers_articles_belong_to_their_unit(demo, db):
    draft = Article.objects.get(status=Article.Status.DRAFT)
    officer_units = draft.author.role_assignments.filter(role="unit_officer")
    assert draft.unit == officer_units.get().unit
