import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_vietnamese(client):
    response = client.get("/account/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "vi"
    assert '<html lang="vi">' in response.content.decode()


def test_the_language_switch_selects_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/account/login/"})
    response = client.get("/account/login/")
    assert response.headers["Content-Language"] == "en"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_an_unknown_language_cookie_falls_back_to_vietnamese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert client.get("/account/login/").headers["Content-Language"] == "vi"


def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get("/account/login/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_pages_refuse_to_be_framed(client):
    assert client.get("/account/login/").headers["X-Frame-Options"] == "DENY"
