"""A citizen reads the news, finds an article by a search typed without diacritics, and sends
feedback; the secretariat approves it and it appears under the article. In Debian's Chromium,
in Vietnamese, signed out."""

import pytest
from playwright.sync_api import expect

from thidua.news import services

from .helpers import vi

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Tọa đàm thúc đẩy thi đua trong các cơ quan tham mưu công tác tổ chức, cán bộ"


@pytest.fixture
def article(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.THIDUA_TWO_FACTOR_POLICY = ""
    for title, body in (
        (TITLE, "<p>Năm đơn vị thành viên Cụm thi đua số 6 đã ký kết giao ước thi đua.</p>"),
        ("Hội nghị tổng kết công tác năm", "<p>Tổng kết năm.</p>"),
    ):
        draft = services.article_save(by=world.officer, title=title, body=body, lead=title)
        services.article_submit(article=draft, by=world.officer)
        services.article_publish(article=draft, by=world.secretary)
    return TITLE


def test_a_citizen_finds_an_article_without_diacritics_and_sends_feedback(
    article, live_server, page, as_user
):
    page.goto(f"{live_server.url}/")
    page.get_by_test_id("news-link").click()
    page.get_by_test_id("news-search").fill("toa dam thuc day thi dua")
    page.get_by_role("button", name=vi("Search"), exact=True).click()
    expect(page.get_by_test_id("news-card")).to_have_count(1)
    page.get_by_test_id("news-card").get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)

    form = page.get_by_test_id("feedback-form")
    form.get_by_label(vi("Your name")).fill("Nguyễn Văn Dân")
    form.get_by_label(vi("Your feedback")).fill("Đề nghị đăng thêm ảnh hội nghị.")
    form.get_by_role("button", name=vi("Send feedback")).click()
    expect(page.get_by_role("alert")).to_contain_text(
        vi("Thank you. Your feedback has been sent; it is shown here once it is checked.")
    )
    expect(page.get_by_test_id("feedback-list")).not_to_contain_text("Đề nghị đăng thêm ảnh")

    secretary = as_user("secretary")
    secretary.goto(f"{live_server.url}/tin-tuc/phan-hoi/")
    secretary.get_by_role("button", name=vi("Approve")).first.click()

    page.reload()
    expect(page.get_by_test_id("feedback-list")).to_contain_text("Đề nghị đăng thêm ảnh hội nghị.")
