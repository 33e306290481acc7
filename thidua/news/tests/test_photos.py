"""Photos of an article: judged by their content (not their name), stored under the real
format's suffix, refused when too big or a decompression bomb, frozen once published."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from thidua.core.errors import DomainError
from thidua.core.tests.helpers import sign_in
from thidua.news import photos, services
from thidua.news.models import Photo
from thidua.news.tests.test_editor_pages import draft_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def image_file(name="anh.jpg", fmt="PNG", size=(8, 6), mode="RGB") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def refusal(world, upload) -> DomainError:
    with pytest.raises(DomainError) as caught:
        photos.photo_add(article=draft_of(world), upload=upload, by=world.officer)
    assert list(caught.value.error_dict) == ["image"]
    assert not Photo.objects.exists()
    return caught.value


def test_a_png_named_jpg_is_stored_as_png(world, tmp_path):
    photo = photos.photo_add(
        article=draft_of(world), upload=image_file("anh.jpg"), caption=" Hội nghị ",
        credit="Ảnh: Ban Tổ chức", by=world.officer,
    )  # fmt: skip
    assert photo.image.name.endswith(".png")
    assert (tmp_path / photo.image.name).exists()
    assert (photo.caption, photo.history.first().history_user) == ("Hội nghị", world.officer)


def test_a_text_file_named_jpg_is_refused(world):
    upload = SimpleUploadedFile("anh.jpg", b"not a picture at all", content_type="image/jpeg")
    assert refusal(world, upload).code == "format"


def test_a_format_outside_the_list_is_refused(world):
    assert refusal(world, image_file("anh.bmp", fmt="BMP")).code == "format"


def test_an_oversized_photo_is_refused(world, settings):
    settings.THIDUA_NEWS_PHOTO_MAX_BYTES = 50
    assert refusal(world, image_file(size=(64, 64))).code == "size"


def test_a_decompression_bomb_is_refused(world):
    # A small file that claims 81 million pixels (1-bit: it compresses to almost nothing).
    bomb = image_file(size=(9000, 9000), mode="1")
    assert bomb.size < 100_000
    assert refusal(world, bomb).code == "pixels"


def test_the_pixel_limit_is_a_module_setting(world, monkeypatch):
    monkeypatch.setattr(photos, "MAX_PIXELS", 40)
    assert refusal(world, image_file(size=(8, 6))).code == "pixels"


def test_new_photos_go_last(world):
    article = draft_of(world)
    first = photos.photo_add(article=article, upload=image_file(), by=world.officer)
    second = photos.photo_add(article=article, upload=image_file(), by=world.officer)
    assert (first.order, second.order) == (0, 1)


def test_a_published_articles_photos_cannot_change(world):
    article = draft_of(world)
    photo = photos.photo_add(article=article, upload=image_file(), by=world.officer)
    article = services.article_submit(article=article, by=world.officer)
    article = services.article_publish(article=article, by=world.secretary)
    photo.refresh_from_db()
    attempts = [
        lambda: photos.photo_add(article=article, upload=image_file(), by=world.officer),
        lambda: photos.photo_update(photo=photo, caption="x", credit="", order=0, by=world.officer),
        lambda: photos.photo_remove(photo=photo, by=world.officer),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError) as caught:
            attempt()
        assert caught.value.code == "published"
    assert Photo.objects.count() == 1


def test_removing_a_photo_deletes_its_file_after_commit(
    world, tmp_path, django_capture_on_commit_callbacks
):
    photo = photos.photo_add(article=draft_of(world), upload=image_file(), by=world.officer)
    stored = Path(tmp_path / photo.image.name)
    with django_capture_on_commit_callbacks(execute=True):
        photos.photo_remove(photo=photo, by=world.officer, reason="Ảnh mờ")
    assert not stored.exists() and not Photo.objects.exists()
    assert Photo.history.first().history_type == "-"


def test_a_photo_is_added_and_captioned_through_the_page(client, world):
    article = draft_of(world)
    sign_in(client, world.officer)
    added = client.post(
        reverse("news:editor_photo_add", args=[article.pk]),
        {"image": image_file(), "caption": "Toàn cảnh", "credit": ""},
    )
    photo = Photo.objects.get()
    client.post(
        reverse("news:editor_photo", args=[article.pk, photo.pk]),
        {"caption": "Toàn cảnh hội nghị", "credit": "Ảnh: BTC", "order": 3},
    )
    photo.refresh_from_db()
    assert added.status_code == 302
    assert (photo.caption, photo.credit, photo.order) == ("Toàn cảnh hội nghị", "Ảnh: BTC", 3)
    served = client.get(reverse("news:editor_photo_file", args=[article.pk, photo.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"


def test_a_refused_upload_shows_the_reason_beside_the_field(client, world):
    article = draft_of(world)
    sign_in(client, world.officer)
    fake = SimpleUploadedFile("anh.jpg", b"GIF? no", content_type="image/jpeg")
    response = client.post(reverse("news:editor_photo_add", args=[article.pk]), {"image": fake})
    assert response.status_code == 400
    assert response.context["photo_form"].errors["image"]


def test_a_draft_photo_is_not_served_to_someone_who_cannot_open_the_article(client, world):
    article = draft_of(world)
    photo = photos.photo_add(article=article, upload=image_file(), by=world.officer)
    sign_in(client, world.outsider)
    url = reverse("news:editor_photo_file", args=[article.pk, photo.pk])
    assert client.get(url).status_code == 404
