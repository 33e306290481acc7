"""Public feedback on a posting: accepted only inside the window, plain text, throttled per
sender; triaged by the secretariat and linked to a nominee of the proposal."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from thidua.core.errors import DomainError
from thidua.core.tests.helpers import sign_in
from thidua.nominations.models import Feedback
from thidua.nominations.selectors.postings import open_feedback
from thidua.nominations.services.postings import (
    feedback_submit,
    feedback_triage,
    posting_withdraw,
)
from thidua.nominations.tests.test_postings import MOD_END, at_step, nominee, posted

INSIDE = date(2025, 8, 27)
TEXT = "Đề nghị xem lại thành tích năm 2023 của đồng chí này."


def send(posting, *, sender: str = "203.0.113.7", content: str = TEXT, **values) -> Feedback:
    return feedback_submit(
        posting=posting, name="Nguyễn Văn Dân", contact="0912 345 678", content=content,
        sender=sender, **values,
    )  # fmt: skip


def refusal(call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    return caught.value


# ---- sending ------------------------------------------------------------------------------------
@time_machine.travel(INSIDE)
def test_feedback_sent_inside_the_window_is_kept_new_without_the_senders_address(world):
    feedback = send(posted(world))
    assert feedback.status == Feedback.Status.NEW
    assert feedback.sender_hash and "203.0.113.7" not in feedback.sender_hash


@time_machine.travel(MOD_END)
def test_feedback_is_accepted_on_the_last_day(world):
    assert send(posted(world)).pk


@time_machine.travel(date(2025, 9, 5))
def test_feedback_after_the_last_day_is_refused(world):
    assert refusal(send, posted(world)).code == "closed"


@time_machine.travel(INSIDE)
def test_feedback_on_a_withdrawn_posting_is_refused(world):
    posting = posted(world)
    posting_withdraw(posting=posting, by=world.secretary, reason="Sai danh sách")
    assert refusal(send, posting).code == "closed"


@time_machine.travel(INSIDE)
def test_feedback_shorter_than_ten_characters_is_refused(world):
    assert refusal(send, posted(world), content="Sai rồi").code == "too_short"


@time_machine.travel(INSIDE)
def test_a_sender_is_throttled_after_the_hourly_limit(world, settings):
    settings.NOMINATIONS_FEEDBACK_PER_HOUR = 2
    posting = posted(world)
    send(posting)
    send(posting)
    assert refusal(send, posting).code == "throttled"


@time_machine.travel(INSIDE)
def test_the_throttle_counts_each_sender_apart(world, settings):
    settings.NOMINATIONS_FEEDBACK_PER_HOUR = 1
    posting = posted(world)
    send(posting, sender="203.0.113.7")
    assert send(posting, sender="198.51.100.9").pk


@time_machine.travel(INSIDE)
def test_feedback_may_name_only_a_posted_nominee(world):
    posting = posted(world)
    hidden = nominee(posting.batch, person=world.cq_person, appraisal="pending")
    assert refusal(send, posting, dossier_id=hidden.pk).field == "dossier"


# ---- triage -------------------------------------------------------------------------------------
@pytest.fixture
def feedback(world):
    with time_machine.travel(INSIDE):
        return send(posted(world))


def test_dismissing_feedback_needs_a_note(world, feedback):
    error = refusal(
        feedback_triage, feedback=feedback, status="dismissed", note="", by=world.secretary
    )
    assert error.field == "note"


def test_resolving_feedback_records_who_and_links_the_nominee(world, feedback):
    dossier = feedback.posting.batch.dossiers.get()
    feedback_triage(
        feedback=feedback,
        status="resolved",
        note="Đã xác minh",
        by=world.secretary,
        dossier=dossier,
    )
    feedback.refresh_from_db()
    assert (feedback.status, feedback.dossier, feedback.triaged_by) == (
        "resolved", dossier, world.secretary,
    )  # fmt: skip


def test_feedback_cannot_be_linked_to_a_nominee_of_another_proposal(world, feedback):
    other = nominee(at_step(world, "post"), person=world.cq_person)
    error = refusal(
        feedback_triage, feedback=feedback, status="to_verify", note="", by=world.secretary,
        dossier=other,
    )  # fmt: skip
    assert error.field == "dossier"


def test_feedback_cannot_be_put_back_to_new(world, feedback):
    error = refusal(feedback_triage, feedback=feedback, status="new", note="x", by=world.secretary)
    assert error.field == "status"


def test_only_the_secretariat_triages_feedback(world, feedback):
    error = refusal(
        feedback_triage, feedback=feedback, status="to_verify", note="", by=world.leader_officer
    )
    assert error.code == "not_actor"


def test_feedback_new_or_to_verify_stays_open_on_the_proposal(world, feedback):
    batch = feedback.posting.batch
    feedback_triage(feedback=feedback, status="to_verify", note="", by=world.secretary)
    assert list(open_feedback(batch)) == [feedback]
    feedback_triage(
        feedback=feedback, status="dismissed", note="Không liên quan", by=world.secretary
    )
    assert not open_feedback(batch).exists()


# ---- the internal pages -------------------------------------------------------------------------
def test_html_in_feedback_is_shown_as_text(client, world):
    with time_machine.travel(INSIDE):
        feedback = send(posted(world), content="<script>alert('x')</script> rất đáng ngờ")
    sign_in(client, world.secretary)
    for url in (
        reverse("nominations:feedback_triage", args=[feedback.pk]),
        reverse("nominations:feedback_list", args=[feedback.posting.batch_id]),
    ):
        page = client.get(url).text
        assert "<script>alert" not in page and "&lt;script&gt;alert" in page


def test_the_feedback_list_filters_by_status(client, world, feedback):
    feedback_triage(
        feedback=feedback, status="dismissed", note="Không liên quan", by=world.secretary
    )
    sign_in(client, world.secretary)
    url = reverse("nominations:feedback_list", args=[feedback.posting.batch_id])
    assert feedback.name not in client.get(url).text  # still to deal with: none
    assert feedback.name in client.get(url, {"status": "dismissed"}).text


def test_the_triage_form_keeps_what_was_typed_when_a_note_is_missing(client, world, feedback):
    sign_in(client, world.secretary)
    url = reverse("nominations:feedback_triage", args=[feedback.pk])
    response = client.post(url, {"status": "resolved", "note": "", "dossier": ""})
    assert response.status_code == 200
    assert 'value="resolved" selected' in response.text
    feedback.refresh_from_db()
    assert feedback.status == "new"


def test_the_secretariat_triages_from_the_page(client, world, feedback):
    sign_in(client, world.secretary)
    url = reverse("nominations:feedback_triage", args=[feedback.pk])
    response = client.post(url, {"status": "to_verify", "note": "", "dossier": ""})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == "to_verify"


def test_feedback_is_not_found_by_the_proposing_unit(client, world, feedback):
    sign_in(client, world.leader_officer)
    assert client.get(reverse("nominations:feedback_triage", args=[feedback.pk])).status_code == 404


def test_the_secretariat_is_notified_of_new_feedback(world, django_capture_on_commit_callbacks):
    pytest.importorskip("thidua.core.notify")  # written by the routing part
    from thidua.core.models import Notification

    with time_machine.travel(INSIDE), django_capture_on_commit_callbacks(execute=True):
        send(posted(world))
    assert Notification.objects.filter(user=world.secretary, kind="feedback").exists()
    assert not Notification.objects.filter(user=world.leader_officer).exists()
