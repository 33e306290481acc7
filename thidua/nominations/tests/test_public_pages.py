"""The public pages (no sign-in): open postings, a posting's nominees and the feedback form
with its honeypot; withdrawn or unknown postings are not found."""

from __future__ import annotations

import uuid
from datetime import date

import time_machine
from django.urls import reverse

from thidua.nominations.models import Feedback
from thidua.nominations.services.postings import posting_withdraw
from thidua.nominations.tests.test_postings import nominee, posted

INSIDE = date(2025, 8, 27)
FORM = {"name": "Nguyễn Văn Dân", "contact": "", "dossier": "", "website": ""}
TEXT = "Tôi xác nhận đồng chí có thành tích xuất sắc."


def page(posting) -> str:
    return reverse("nominations:public_posting", args=[posting.public_id])


@time_machine.travel(INSIDE)
def test_the_list_shows_postings_open_today_and_not_withdrawn_ones(client, world):
    shown = posted(world, title="Tờ trình số 1")
    hidden = posted(world, title="Tờ trình số 2")
    posting_withdraw(posting=hidden, by=world.secretary, reason="Sai danh sách")
    text = client.get(reverse("nominations:public_postings")).text
    assert shown.title in text and hidden.title not in text


@time_machine.travel(date(2025, 9, 5))
def test_the_list_leaves_out_a_posting_whose_window_ended(client, world):
    posting = posted(world)
    assert posting.title not in client.get(reverse("nominations:public_postings")).text


def test_an_unknown_posting_is_not_found(client, world):
    url = reverse("nominations:public_posting", args=[uuid.uuid4()])
    assert client.get(url).status_code == 404


@time_machine.travel(INSIDE)
def test_a_withdrawn_posting_is_not_found(client, world):
    posting = posted(world)
    posting_withdraw(posting=posting, by=world.secretary, reason="Sai danh sách")
    assert client.get(page(posting)).status_code == 404


@time_machine.travel(INSIDE)
def test_the_page_lists_the_appraised_nominees_with_their_award_and_summary(client, world):
    posting = posted(world)
    nominee(posting.batch, person=world.cq_person, appraisal="incomplete")
    text = client.get(page(posting)).text
    assert "Nguyễn Văn An" in text and "Chiến sĩ thi đua Bộ" in text
    assert "Hoàn thành xuất sắc nhiệm vụ" in text
    assert "Trần Thị Bích" not in text


@time_machine.travel(INSIDE)
def test_the_page_shows_the_window_in_day_month_year(client, world):
    text = client.get(page(posted(world))).text
    assert "20/08/2025" in text and "04/09/2025" in text


@time_machine.travel(INSIDE)
def test_sending_feedback_thanks_the_sender_and_keeps_it(client, world):
    posting = posted(world)
    response = client.post(page(posting), {**FORM, "content": TEXT}, follow=True)
    assert response.status_code == 200
    assert response.context["messages"] and Feedback.objects.filter(posting=posting).count() == 1


@time_machine.travel(INSIDE)
def test_a_filled_honeypot_is_thanked_but_nothing_is_kept(client, world):
    posting = posted(world)
    data = {**FORM, "content": TEXT, "website": "http://spam.example"}
    response = client.post(page(posting), data, follow=True)
    assert response.status_code == 200 and response.context["messages"]
    assert not Feedback.objects.exists()


@time_machine.travel(INSIDE)
def test_the_honeypot_is_hidden_by_a_class_not_by_a_style(client, world):
    text = client.get(page(posted(world))).text
    assert 'name="website"' in text and 'class="visually-hidden"' in text and "style=" not in text


@time_machine.travel(INSIDE)
def test_a_throttled_sender_sees_why_and_keeps_the_text(client, world, settings):
    settings.NOMINATIONS_FEEDBACK_PER_HOUR = 1
    posting = posted(world)
    client.post(page(posting), {**FORM, "content": TEXT})
    response = client.post(page(posting), {**FORM, "content": "Một ý kiến thứ hai rất dài."})
    assert response.status_code == 200
    assert "Một ý kiến thứ hai rất dài." in response.text
    assert Feedback.objects.count() == 1


@time_machine.travel(date(2025, 9, 5))
def test_a_closed_posting_says_so_and_has_no_form(client, world):
    posting = posted(world)
    response = client.get(page(posting))
    assert 'data-testid="posting-closed"' in response.text
    assert 'data-testid="feedback-form"' not in response.text


@time_machine.travel(date(2025, 9, 5))
def test_feedback_posted_to_a_closed_posting_is_not_kept(client, world):
    posting = posted(world)
    client.post(page(posting), {**FORM, "content": TEXT})
    assert not Feedback.objects.exists()
