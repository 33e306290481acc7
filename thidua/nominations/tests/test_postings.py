"""Opening a public posting: only at the posting step, by the secretariat, with the awarding
body's policy; one open posting per proposal; when the window is over."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from thidua.awards.services import policy_set
from thidua.core.errors import DomainError
from thidua.core.tests.helpers import sign_in
from thidua.nominations.models import Batch, Dossier, Posting
from thidua.nominations.services.postings import (
    posting_open,
    posting_window_over,
    posting_withdraw,
)
from thidua.nominations.tests.factories import award, proposal

MOD_DAY = date(2025, 8, 20)  # the Ministry of Defence's posting: 20-8-2025 → 4-9-2025
MOD_END = date(2025, 9, 4)


# ---- builders shared by this part's tests --------------------------------------------------------
def at_step(world: Any, kind: str, **values: Any) -> Batch:
    """A proposal in progress, standing at the first step of `kind` of its route."""
    batch = proposal(world, **values)
    batch.step = batch.route.steps.get(kind=kind)
    batch.status = Batch.Status.IN_PROGRESS
    batch.submitted_on = date(2025, 8, 1)
    batch.save()
    return batch


def nominee(batch: Batch, *, code: str = "CSTD_BO", person=None, unit=None, **values) -> Dossier:
    """A dossier that passed appraisal (the appraisal part is under test elsewhere)."""
    values.setdefault("appraisal", Dossier.Appraisal.PASSED)
    subject = {"unit": unit} if unit else {"person": person or batch.proposer.people.first()}
    owner = unit or subject["person"].unit
    return Dossier.objects.create(
        batch=batch, award=award(code), owner_unit=owner, year=batch.year, **subject, **values
    )


def posted(world: Any, *, opened_on: date = MOD_DAY, **values: Any) -> Posting:
    batch = at_step(world, "post", **values)
    nominee(batch, person=world.dn_person, report={"summary": "Hoàn thành xuất sắc nhiệm vụ"})
    return posting_open(batch=batch, by=world.secretary, opened_on=opened_on)


# ---- opening ------------------------------------------------------------------------------------
def test_a_posting_opens_for_ten_working_days_with_the_posting_day_counted(world):
    posting = posted(world)
    assert (posting.working_days, posting.day_counts, posting.ends_on) == (10, True, MOD_END)


def test_the_awarding_bodys_policy_sets_the_window(world):
    policy_set(
        unit=world.btctw, values={"posting_working_days": 5, "posting_day_counts": False}, by=None
    )
    posting = posted(world)
    assert (posting.working_days, posting.day_counts, posting.ends_on) == (
        5,
        False,
        date(2025, 8, 27),
    )


def test_nominees_cannot_be_posted_before_the_posting_step(world):
    batch = at_step(world, "appraise")
    nominee(batch, person=world.dn_person)
    with pytest.raises(DomainError) as caught:
        posting_open(batch=batch, by=world.secretary, opened_on=MOD_DAY)
    assert caught.value.code == "not_post_step"


def test_only_the_secretariat_posts_the_nominees(world):
    batch = at_step(world, "post")
    nominee(batch, person=world.dn_person)
    with pytest.raises(DomainError) as caught:
        posting_open(batch=batch, by=world.leader_officer, opened_on=MOD_DAY)
    assert caught.value.code == "not_actor"


def test_a_proposal_with_no_appraised_nominee_cannot_be_posted(world):
    batch = at_step(world, "post")
    nominee(batch, person=world.dn_person, appraisal=Dossier.Appraisal.PENDING)
    with pytest.raises(DomainError) as caught:
        posting_open(batch=batch, by=world.secretary, opened_on=MOD_DAY)
    assert caught.value.code == "no_nominee"


def test_posting_again_withdraws_the_open_posting(world):
    first = posted(world)
    second = posting_open(batch=first.batch, by=world.secretary, opened_on=date(2025, 8, 25))
    first.refresh_from_db()
    assert (first.status, second.status) == (Posting.Status.WITHDRAWN, Posting.Status.OPEN)


def test_withdrawing_a_posting_needs_a_reason(world):
    posting = posted(world)
    with pytest.raises(DomainError):
        posting_withdraw(posting=posting, by=world.secretary, reason=" ")


# ---- when the window is over --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("today", "over"),
    [(date(2025, 9, 3), False), (MOD_END, False), (date(2025, 9, 5), True)],
)
def test_the_window_is_over_only_after_its_last_day(world, today, over):
    posting = posted(world)
    assert posting_window_over(posting.batch, today) is over


def test_a_proposal_never_posted_has_no_window_over(world):
    batch = at_step(world, "post")
    assert posting_window_over(batch, date(2030, 1, 1)) is False


def test_a_withdrawn_posting_does_not_end_the_window(world):
    posting = posted(world)
    posting_withdraw(posting=posting, by=world.secretary, reason="Sai danh sách")
    assert posting_window_over(posting.batch, date(2025, 9, 5)) is False


# ---- the internal page --------------------------------------------------------------------------
def manage_url(batch: Batch) -> str:
    return reverse("nominations:posting_manage", args=[batch.pk])


@time_machine.travel(date(2025, 8, 20))
def test_the_secretariat_posts_the_nominees_from_the_page(client, world):
    batch = at_step(world, "post")
    nominee(batch, person=world.dn_person)
    sign_in(client, world.secretary)
    data = {"opened_on": "2025-08-20", "days": 10, "day_counts": "on", "title": "", "note": ""}
    response = client.post(manage_url(batch), data)
    assert response.status_code == 302
    assert batch.postings.get().ends_on == MOD_END


def test_the_posting_page_shows_the_public_link(client, world):
    posting = posted(world)
    sign_in(client, world.secretary)
    response = client.get(manage_url(posting.batch))
    assert reverse("nominations:public_posting", args=[posting.public_id]) in response.text


def test_the_posting_form_shows_a_refusal_beside_the_days(client, world):
    batch = at_step(world, "post")
    nominee(batch, person=world.dn_person)
    sign_in(client, world.secretary)
    response = client.post(manage_url(batch), {"opened_on": "2025-08-20", "days": 0})
    assert response.status_code == 200
    assert not batch.postings.exists()


def test_the_proposing_unit_sees_the_proposal_but_cannot_post_it(client, world):
    batch = at_step(world, "post")
    sign_in(client, world.leader_officer)
    assert client.get(manage_url(batch)).status_code == 403


def test_an_outsider_does_not_find_the_posting_page(client, world):
    batch = at_step(world, "post")
    sign_in(client, world.outsider)
    assert client.get(manage_url(batch)).status_code == 404
