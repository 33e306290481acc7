"""The token page: a user makes their own tokens (the secret shown once) and revokes them."""

import datetime as dt

import pytest
from django.urls import reverse

from thidua.api.models import ApiToken
from thidua.api.tests.api_helpers import token_for
from thidua.core.tests.helpers import sign_in
from thidua.core.tokens import secret_digest

pytestmark = pytest.mark.django_db
URL = reverse("api:tokens")


def test_a_new_token_is_shown_once_and_only_its_hash_is_kept(world, client):
    sign_in(client, world.officer)
    response = client.post(URL, {"name": "Bảng tính thống kê"}, follow=True)
    secret = response.context["new"]["secret"]
    assert secret in response.content.decode()
    token = ApiToken.objects.get(user=world.officer)
    assert (token.name, token.prefix, token.token_hash) == (
        "Bảng tính thống kê",
        secret[:8],
        secret_digest(secret),
    )
    assert secret not in client.get(URL).content.decode()


def test_a_token_needs_a_name(world, client):
    sign_in(client, world.officer)
    response = client.post(URL, {"name": "  "})
    assert response.status_code == 200
    assert not ApiToken.objects.exists()


def test_an_end_date_in_the_past_is_refused(world, client):
    sign_in(client, world.officer)
    response = client.post(URL, {"name": "Cũ", "expires_on": "2000-01-01"})
    assert response.context["form"].errors["expires_on"]
    assert not ApiToken.objects.exists()


def test_the_page_lists_only_the_users_own_tokens(world, client):
    token_for(world.outsider)
    token_for(world.officer)
    sign_in(client, world.officer)
    tokens = list(client.get(URL).context["tokens"])
    assert [t.user for t in tokens] == [world.officer]


def test_a_token_is_revoked_after_a_confirmation(world, client):
    token_for(world.officer)
    token = ApiToken.objects.get()
    sign_in(client, world.officer)
    page = reverse("api:token_revoke", args=[token.pk])
    assert client.get(page).status_code == 200
    assert client.post(page).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token.history.first().history_user == world.officer


def test_another_users_token_cannot_be_revoked(world, client):
    token_for(world.outsider)
    token = ApiToken.objects.get()
    sign_in(client, world.officer)
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_token_valid_until_a_day_works_through_that_whole_day(world):
    token_for(world.officer, expires_on=dt.date(2099, 3, 31))
    token = ApiToken.objects.get()
    assert token.is_live(dt.datetime(2099, 3, 31, 16, 59, tzinfo=dt.UTC))  # 23:59 in Hanoi
    assert not token.is_live(dt.datetime(2099, 3, 31, 17, 0, tzinfo=dt.UTC))
