"""A unit officer writes an article in the rich-text editor, gives it a photo with its caption
and credit, and sends it for review; the secretariat, told by a notification, publishes it; a
citizen reads it on the portal with its photo. In Debian's Chromium, in Vietnamese."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from thidua.news.models import Article

from .helpers import vi

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Cụm thi đua số 6 ký kết giao ước thi đua năm 2026"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (180, 20, 20)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def portal(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.THIDUA_TWO_FACTOR_POLICY = ""
    return world


def test_an_officer_writes_an_article_the_secretariat_publishes_it_and_a_citizen_reads_it(
    portal, live_server, page, as_user
):
    officer = as_user("officer")
    officer.goto(f"{live_server.url}/tin-tuc/bien-tap/")
    officer.get_by_test_id("editor-new").click()
    form = officer.get_by_test_id("article-form")
    form.locator("[name=title]").fill(TITLE)
    form.locator("[name=unit]").select_option(value=str(portal.cq.pk))
    body = officer.get_by_test_id("article-body-editor")
    body.click()
    officer.keyboard.type("Năm đơn vị thành viên đã ký giao ước.")
    officer.keyboard.press("Enter")
    bold = officer.locator("trix-toolbar [data-trix-attribute=bold]")
    bold.click()
    officer.keyboard.type("Chỉ tiêu")
    bold.click()
    officer.keyboard.type(" được giao cụ thể.")
    form.get_by_test_id("article-save").click()
    expect(officer.get_by_test_id("article-status")).to_have_text(vi("Draft"))
    # Trix types a space right after a formatting change as a non-breaking one (or not,
    # depending on timing): the paragraphs and the emphasis are what the officer wrote.
    body = Article.objects.get(title=TITLE).body.replace("&nbsp;", " ")
    assert body == (
        "<p>Năm đơn vị thành viên đã ký giao ước.</p>"
        "<p><strong>Chỉ tiêu</strong> được giao cụ thể.</p>"
    )

    photos = officer.get_by_test_id("photo-form")
    photos.locator("input[type=file]").set_input_files(
        {"name": "giao-uoc.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    photos.locator("[name=caption]").fill("Các đơn vị ký kết giao ước.")
    photos.locator("[name=credit]").fill("Ảnh: ĐUKDN Trung ương")
    photos.get_by_test_id("photo-add").click()
    expect(officer.get_by_test_id("editor-photo")).to_have_count(1)
    officer.get_by_test_id("editor-submit").click()
    expect(officer.get_by_test_id("article-status")).to_have_text(vi("Awaiting review"))

    secretary = as_user("secretary")
    secretary.goto(f"{live_server.url}/")
    secretary.get_by_test_id("notifications").click()
    secretary.get_by_role("link", name=vi("An article awaits your review: {title}").format(
        title=TITLE
    )).click()  # fmt: skip
    secretary.get_by_test_id("editor-publish").click()
    expect(secretary.get_by_test_id("article-status")).to_have_text(vi("Published"))

    page.goto(f"{live_server.url}/tin-tuc/")
    page.get_by_test_id("news-card").get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_test_id("news-photo")).to_contain_text(
        "Các đơn vị ký kết giao ước. Ảnh: ĐUKDN Trung ương"
    )
    expect(page.locator(".news-body strong")).to_have_text("Chỉ tiêu")
