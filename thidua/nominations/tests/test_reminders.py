"""Notices when a proposal reaches someone, and the daily deadline reminders (in-app and e-mail)."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from thidua.core.models import Notification
from thidua.nominations.models import Batch, BatchMove, Dossier
from thidua.nominations.services import routing
from thidua.nominations.services.reminders import reminders_send
from thidua.nominations.tests.factories import award, proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_mail(world):
    for user in (world.leader_officer, world.secretary, world.officer):
        user.email = f"{user.username}@example.vn"
        user.save()
    return world


def at_cluster_step(world, on: dt.date) -> Batch:
    """Submitted on `on` (a Friday in the tests): the cluster step is due 5 working days later."""
    batch = proposal(world)
    Dossier.objects.create(
        batch=batch, award=award("BK_BTCTW"), person=world.dn_person, owner_unit=world.dn,
        year=2023,
    )  # fmt: skip
    with time_machine.travel(on):
        return routing.batch_submit(batch=batch, by=world.leader_officer)


def notes(user, kind: str) -> list[Notification]:
    return list(Notification.objects.filter(user=user, kind=kind))


def test_reaching_a_step_tells_its_actors_but_not_the_one_who_acted(world):
    batch = at_cluster_step(world, dt.date(2024, 1, 5))
    assert (
        notes(world.leader_officer, "nominations.step") == []
    )  # the proposer is the cluster leader
    routing.batch_forward(batch=batch, by=world.leader_officer)
    [note] = notes(world.secretary, "nominations.step")
    assert batch.title in note.title
    assert note.url == f"/nominations/{batch.pk}/"


def test_a_return_tells_the_actors_of_the_step_it_goes_back_to_with_the_reason(world):
    batch = at_cluster_step(world, dt.date(2024, 1, 5))
    batch = routing.batch_forward(batch=batch, by=world.leader_officer)
    routing.batch_return(
        batch=batch, to_step_code="cluster", reason="Thiếu biên bản họp cụm", by=world.secretary
    )
    [note] = notes(world.leader_officer, "nominations.step")
    assert "Thiếu biên bản họp cụm" in note.body


def test_reaching_a_step_sends_an_email_to_actors_with_an_address(
    with_mail, django_capture_on_commit_callbacks
):
    world = with_mail
    batch = at_cluster_step(world, dt.date(2024, 1, 5))
    with django_capture_on_commit_callbacks(execute=True):
        routing.batch_forward(batch=batch, by=world.leader_officer)
    assert [message.to for message in mail.outbox] == [["secretary@example.vn"]]


def test_no_reminder_while_the_deadline_is_far(world):
    at_cluster_step(world, dt.date(2024, 1, 5))  # due Friday 12 January, reminder 2 days before
    assert reminders_send(dt.date(2024, 1, 9)) == 0
    assert Notification.objects.filter(kind="nominations.reminder").count() == 0


def test_a_reminder_goes_to_the_actors_of_the_step_when_the_deadline_is_near(
    with_mail, django_capture_on_commit_callbacks
):
    world = with_mail
    batch = at_cluster_step(world, dt.date(2024, 1, 5))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(dt.date(2024, 1, 10)) == 1
    assert len(notes(world.leader_officer, "nominations.reminder")) == 1
    assert Notification.objects.filter(kind="nominations.reminder").count() == 1
    assert [message.to for message in mail.outbox] == [["leader_officer@example.vn"]]
    batch.refresh_from_db()
    assert batch.reminded_on == dt.date(2024, 1, 10)
    assert BatchMove.objects.filter(batch=batch, action="remind").count() == 1


def test_a_reminder_is_sent_once_a_day(world):
    at_cluster_step(world, dt.date(2024, 1, 5))
    assert reminders_send(dt.date(2024, 1, 10)) == 1
    assert reminders_send(dt.date(2024, 1, 10)) == 0
    assert reminders_send(dt.date(2024, 1, 11)) == 1
    assert len(notes(world.leader_officer, "nominations.reminder")) == 2


def test_an_overdue_step_is_reminded_as_overdue(world):
    at_cluster_step(world, dt.date(2024, 1, 5))
    assert reminders_send(dt.date(2024, 1, 16)) == 1
    [move] = BatchMove.objects.filter(action="remind")
    assert move.detail["overdue"] is True


def test_no_reminder_for_a_step_without_deadline_or_a_closed_proposal(world):
    batch = at_cluster_step(world, dt.date(2024, 1, 5))
    routing.batch_withdraw(batch=batch, by=world.leader_officer, reason="Rút")
    assert reminders_send(dt.date(2024, 1, 16)) == 0


def test_a_reminder_for_the_secretariat_goes_to_the_secretariat_over_the_awarding_body(world):
    batch = at_cluster_step(world, dt.date(2024, 1, 5))
    with time_machine.travel(dt.date(2024, 1, 8)):
        routing.batch_forward(batch=batch, by=world.leader_officer)  # appraisal: 10 working days
    reminders_send(dt.date(2024, 1, 22))
    reminded = Notification.objects.filter(kind="nominations.reminder").values_list(
        "user__username", flat=True
    )
    assert list(reminded) == ["secretary"]


def test_the_command_sends_the_days_reminders(world, capsys):
    at_cluster_step(world, dt.date(2024, 1, 5))
    call_command("send_reminders", "--date", "2024-01-11")
    assert "1 proposal(s) reminded on 2024-01-11" in capsys.readouterr().out
