"""Who may call the API: a live token of an active user, or a signed-in session (with CSRF)."""

import datetime as dt

import pytest
import time_machine
from django.test import Client

from thidua.api.models import ApiToken
from thidua.api.services import api_token_revoke
from thidua.api.tests.api_helpers import Api, token_for
from thidua.core.tests.helpers import sign_in

pytestmark = pytest.mark.django_db


def test_a_request_without_credentials_is_refused_with_401(world):
    response = Api().get("/units")
    assert response.status_code == 401
    assert response.json()["error"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_wrong_token_is_refused_with_401(world):
    response = Api(secret="not-a-token").get("/units")
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_token"


def test_a_header_of_another_scheme_is_refused_with_401(world):
    api = Api(world.officer)
    response = api.client.get("/api/units", HTTP_AUTHORIZATION=f"Basic {api.secret}")
    assert response.status_code == 401


def test_a_revoked_token_is_refused_and_says_so(world):
    api = Api(world.officer)
    api_token_revoke(token=ApiToken.objects.get(user=world.officer), by=world.officer)
    response = api.get("/units")
    assert response.status_code == 401
    assert "revoked" in response.json()["message"]


def test_an_expired_token_is_refused_after_its_last_day(world):
    with time_machine.travel(dt.datetime(2025, 3, 1, 10, 0, tzinfo=dt.UTC), tick=False):
        api = Api(secret=token_for(world.officer, expires_on=dt.date(2025, 3, 31)))
        assert api.get("/units").status_code == 200
    with time_machine.travel(dt.datetime(2025, 4, 1, 10, 0, tzinfo=dt.UTC), tick=False):
        response = api.get("/units")
    assert response.status_code == 401
    assert "expired" in response.json()["message"]


def test_the_token_of_a_disabled_account_is_refused(world):
    api = Api(world.officer)
    world.officer.is_active = False
    world.officer.save()
    assert api.get("/units").status_code == 401


def test_a_live_token_acts_as_its_user(world):
    response = Api(world.officer).get("/people")
    assert response.status_code == 200
    assert {p["id"] for p in response.json()["items"]} == {world.cq_person.pk}


def test_the_last_use_is_stamped_at_most_once_a_minute(world):
    start = dt.datetime(2025, 3, 1, 10, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        api = Api(world.officer)
        api.get("/units")
    with time_machine.travel(start + dt.timedelta(seconds=30), tick=False):
        api.get("/units")
    assert ApiToken.objects.get(user=world.officer).last_used_at == start
    with time_machine.travel(start + dt.timedelta(minutes=2), tick=False):
        api.get("/units")
    assert ApiToken.objects.get(user=world.officer).last_used_at == start + dt.timedelta(minutes=2)


def test_a_signed_in_session_may_read(world, client):
    sign_in(client, world.officer)
    assert client.get("/api/units").status_code == 200


def test_a_session_write_without_the_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    sign_in(client, world.officer)
    response = client.post("/api/award-records", data="{}", content_type="application/json")
    assert response.status_code == 403
    assert response.json()["error"] == "csrf_failed"


def test_a_wrong_token_is_refused_even_with_a_session(world, client):
    sign_in(client, world.officer)
    response = client.get("/api/units", HTTP_AUTHORIZATION="Bearer wrong")
    assert response.status_code == 401


def test_answers_follow_accept_language(world):
    assert Api(language="en").get("/units")["Content-Language"] == "en"
    assert Api(language="fr").get("/units")["Content-Language"] == "vi"
