"""In-app notifications with their e-mail, the notifications page and the unread count."""

from unittest import mock

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from thidua.core.models import Notification
from thidua.core.notify import notify, unread_notifications
from thidua.core.tests.helpers import sign_in
from thidua.org.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ann():
    return UserFactory(username="ann", email="ann@example.vn")


@pytest.fixture
def bob():
    return UserFactory(username="bob", email="")


def test_each_user_gets_one_notification(ann, bob):
    assert notify(users=[ann, bob, ann], kind="test", title="Hello", url="/x/") == 2
    assert sorted(Notification.objects.values_list("user__username", "title", "url")) == [
        ("ann", "Hello", "/x/"),
        ("bob", "Hello", "/x/"),
    ]


def test_an_inactive_user_is_not_notified(ann):
    ann.is_active = False
    ann.save()
    assert notify(users=[ann], kind="test", title="Hello") == 0
    assert not Notification.objects.exists()


def test_the_email_goes_after_the_commit_to_users_with_an_address(
    ann, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[ann, bob], kind="test", title="Hello", body="Read me", url="/x/")
    [message] = mail.outbox
    assert (message.subject, message.to) == ("Hello", ["ann@example.vn"])
    assert "Read me" in message.body and "/x/" in message.body


def test_no_email_when_asked_for_none(ann, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[ann], kind="test", title="Hello", email=False)
    assert mail.outbox == []
    assert Notification.objects.count() == 1


def test_a_mail_server_that_is_down_does_not_undo_the_notification(
    ann, django_capture_on_commit_callbacks
):
    down = mock.patch("thidua.core.notify.send_mass_mail", side_effect=OSError("down"))
    with down, django_capture_on_commit_callbacks(execute=True):
        notify(users=[ann], kind="test", title="Hello")
    assert Notification.objects.count() == 1


def test_the_unread_count_is_given_to_signed_in_users_only(ann):
    notify(users=[ann], kind="test", title="Hello")
    request = RequestFactory().get("/")
    request.user = ann
    assert unread_notifications(request)["unread_notifications"]() == 1
    request.user = mock.Mock(is_authenticated=False)
    assert unread_notifications(request) == {}


def test_the_page_lists_only_my_notifications(client, ann, bob):
    notify(users=[ann], kind="test", title="For Ann")
    notify(users=[bob], kind="test", title="For Bob")
    sign_in(client, ann)
    html = client.get(reverse("core:notifications")).content.decode()
    assert "For Ann" in html and "For Bob" not in html


def test_marking_all_read_leaves_none_unread(client, ann, bob):
    notify(users=[ann, bob], kind="test", title="Hello")
    sign_in(client, ann)
    response = client.post(reverse("core:notifications_read"))
    assert response.url == reverse("core:notifications")
    assert list(
        Notification.objects.filter(read_at__isnull=True).values_list("user__username", flat=True)
    ) == ["bob"]


def test_the_page_needs_a_signed_in_user(client):
    response = client.get(reverse("core:notifications"))
    assert response.status_code == 302 and "/account/login/" in response.url
