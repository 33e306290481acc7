"""Signing in, the lock-out after repeated wrong passwords, and the TOTP second step."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "Thidua@2026"  # the cast's password (thidua/org/tests/factories.py)


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key):06d}"


@pytest.fixture
def officer(world):
    """A unit emulation officer: no second factor required."""
    return world.officer


@pytest.fixture
def secretary(world):
    """The sector secretariat must pass the TOTP step; this one has a confirmed device."""
    TOTPDevice.objects.create(user=world.secretary, name="phone", confirmed=True)
    return world.secretary


@pytest.fixture
def admin_user(world):
    """A system administrator who has not set up a device yet."""
    return world.admin


def test_signing_in_lands_on_the_dashboard(client, officer):
    response = client.post(reverse("login"), {"username": officer.username, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(response.url).status_code == 200


def test_a_wrong_password_shows_an_error_and_keeps_the_username(client, officer):
    response = client.post(reverse("login"), {"username": officer.username, "password": "wrong"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert f'value="{officer.username}"' in response.content.decode()


def test_five_wrong_passwords_lock_the_account_out_even_for_the_right_one(client, officer):
    for _attempt in range(5):
        client.post(reverse("login"), {"username": officer.username, "password": "wrong"})

    response = client.post(reverse("login"), {"username": officer.username, "password": PASSWORD})

    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    assert "_auth_user_id" not in client.session


def test_logging_out_signs_the_user_out(client, officer):
    client.force_login(officer)

    response = client.post(reverse("logout"))

    assert response.url == reverse("login")
    assert "_auth_user_id" not in client.session


def test_changing_the_password_lets_the_user_sign_in_with_the_new_one(client, officer):
    client.force_login(officer)
    new = "another-long-password-7"

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )

    assert response.url == reverse("password_change_done")
    officer.refresh_from_db()
    assert officer.check_password(new)


def test_an_admin_without_a_device_is_sent_to_enrolment(client, admin_user):
    client.force_login(admin_user)

    response = client.get(reverse("home"), follow=True)

    assert response.redirect_chain[-1][0] == f"{reverse('otp_verify')}?next=/"
    assert response.context["enrolling"] is True
    page = response.content.decode()
    assert "<svg" in page
    assert response.context["secret"].replace(" ", "") in page.replace(" ", "")


def test_enrolment_with_a_valid_code_confirms_the_device_and_opens_the_page(client, admin_user):
    client.force_login(admin_user)
    client.get(reverse("otp_verify"))
    device = TOTPDevice.objects.get(user=admin_user)

    response = client.post(reverse("otp_verify"), {"token": code_for(device), "next": "/"})

    assert response.url == "/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("home")).status_code == 200


def test_a_wrong_code_is_refused_beside_the_field_and_kept_in_it(client, admin_user):
    client.force_login(admin_user)
    client.get(reverse("otp_verify"))

    response = client.post(reverse("otp_verify"), {"token": "000000"})

    assert response.status_code == 200
    assert response.context["form"].errors["token"]
    assert 'value="000000"' in response.content.decode()
    assert not TOTPDevice.objects.get(user=admin_user).confirmed


def test_a_secretariat_user_with_a_device_must_enter_a_code_before_the_dashboard(client, secretary):
    client.force_login(secretary)
    assert client.get(reverse("home")).url == f"{reverse('otp_verify')}?next=/"
    device = TOTPDevice.objects.get(user=secretary)

    response = client.post(reverse("otp_verify"), {"token": code_for(device), "next": "/"})

    assert response.url == "/"
    assert client.get(reverse("home")).status_code == 200


def test_a_secretariat_user_with_a_device_is_not_shown_a_new_qr_code(client, secretary):
    client.force_login(secretary)

    response = client.get(reverse("otp_verify"))

    assert response.context["enrolling"] is False
    assert "<svg" not in response.content.decode()


def test_after_the_code_a_next_address_on_another_site_is_ignored(client, secretary):
    client.force_login(secretary)
    device = TOTPDevice.objects.get(user=secretary)

    response = client.post(
        reverse("otp_verify"), {"token": code_for(device), "next": "https://evil.example/"}
    )

    assert response.url == reverse("home")


def test_the_password_cannot_be_changed_before_the_second_step(client, secretary):
    client.force_login(secretary)

    response = client.get(reverse("password_change"))

    assert response.url.startswith(reverse("otp_verify"))


def test_a_unit_officer_is_not_asked_for_a_second_factor(client, officer):
    client.force_login(officer)

    assert client.get(reverse("home")).status_code == 200
