"""The council vote: scheduled only after the posting window (ND 98 Art. 46(2) / ND 152 Art.
44(2)), one question per award voted on, and the results recorded on the dossiers."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from thidua.ballots.models import BallotSession
from thidua.ballots.services import rounds, sessions, voting
from thidua.core.errors import DomainError
from thidua.core.tests.helpers import sign_in
from thidua.nominations.models import Dossier, Posting
from thidua.nominations.services.council import (
    council_results_apply,
    council_results_recorded,
    council_session_create,
    vote_needed,
)
from thidua.nominations.tests.factories import award
from thidua.nominations.tests.test_postings import MOD_END, at_step, nominee, posted
from thidua.org.services import council_seat_add
from thidua.org.tests.factories import PersonFactory

AFTER = date(2025, 9, 5)
C = Dossier.Council


@pytest.fixture
def council(world):
    """Three members on the council of Ban Tổ chức Trung ương."""
    for name in ("Phạm Văn Chủ", "Hoàng Thị Ủy", "Đỗ Văn Viên"):
        council_seat_add(
            council=world.council, person=PersonFactory(full_name=name, unit=world.btctw),
            role="member", start_date=date(2020, 1, 1), by=None,
        )  # fmt: skip
    return world.council


def at_vote(world, **values):
    """A proposal posted 20-8 → 4-9-2025 and now at its council step, with Nguyễn Văn An proposed
    for CSTĐ Bộ (voted on) and Trần Thị Bích for a Bằng khen (no vote)."""
    posting = posted(world, **values)
    batch = posting.batch
    nominee(batch, person=world.cq_person, code="BK_BTCTW")
    batch.step = batch.route.steps.get(kind="vote")
    batch.save()
    return batch


def refusal(**kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        council_session_create(**kwargs)
    return caught.value


def vote(session: BallotSession, choose: int) -> None:
    """Open the session, `choose` of the three members vote for every candidate, close."""
    sessions.session_open(session=session, by=None)
    for question in session.questions.all():
        rnd = question.rounds.get(number=1)
        ids = list(rnd.candidates.values_list("pk", flat=True))
        for voter in list(session.voters.all())[:choose]:
            voting.ballot_cast(round=rnd, voter=voter, candidate_ids=ids, by=None)
        rounds.round_close(round=rnd, by=None)
    sessions.session_close(session=session, by=None)


# ---- scheduling --------------------------------------------------------------------------------
@pytest.mark.parametrize("meeting", [date(2025, 9, 3), MOD_END])
def test_the_council_cannot_meet_on_or_before_the_last_day_of_the_posting(world, council, meeting):
    error = refusal(batch=at_vote(world), by=world.secretary, meeting_date=meeting)
    assert (error.code, error.field) == ("during_posting", "meeting_date")


def test_the_council_meets_the_day_after_the_posting_ends(world, council):
    batch = at_vote(world)
    session = council_session_create(batch=batch, by=world.secretary, meeting_date=AFTER)
    batch.refresh_from_db()
    assert (batch.council_session, session.meeting_date, session.council) == (
        session, AFTER, council,
    )  # fmt: skip


def test_the_council_cannot_meet_when_a_needed_posting_was_withdrawn(world, council):
    batch = at_vote(world)
    nominee(batch, person=PersonFactory(unit=world.dn), code="CSTDTQ")  # needs posting
    batch.postings.update(status=Posting.Status.WITHDRAWN)
    assert refusal(batch=batch, by=world.secretary, meeting_date=AFTER).code == "not_posted"


def test_the_council_may_meet_unposted_when_no_award_needs_posting(world, council):
    batch = at_vote(world)  # CSTĐ Bộ and a Bằng khen: the packs ask no posting for them
    batch.postings.update(status=Posting.Status.WITHDRAWN)
    assert council_session_create(batch=batch, by=world.secretary, meeting_date=AFTER).pk


def test_the_council_vote_is_prepared_only_at_the_council_step(world, council):
    posting = posted(world)
    error = refusal(batch=posting.batch, by=world.secretary, meeting_date=AFTER)
    assert error.code == "not_vote_step"


def test_only_the_secretariat_prepares_the_council_vote(world, council):
    error = refusal(batch=at_vote(world), by=world.leader_officer, meeting_date=AFTER)
    assert error.code == "not_actor"


def test_the_vote_asks_one_question_per_award_voted_on_with_a_seat_per_nominee(world, council):
    batch = at_vote(world)
    nominee(batch, person=PersonFactory(full_name="Vũ Thị Hà", unit=world.dn), code="CSTD_BO")
    session = council_session_create(batch=batch, by=world.secretary, meeting_date=AFTER)
    question = session.questions.get()
    assert (question.award_code, question.seats, question.kind) == ("CSTD_BO", 2, "title")
    assert sorted(question.candidates.values_list("label", flat=True)) == [
        "Nguyễn Văn An", "Vũ Thị Hà",
    ]  # fmt: skip


def test_a_proposal_with_nothing_to_vote_on_is_refused(world, council):
    batch = at_vote(world)
    batch.dossiers.filter(award__code="CSTD_BO").update(appraisal="rejected")
    assert refusal(batch=batch, by=world.secretary, meeting_date=AFTER).code == "no_vote"


def test_a_second_vote_is_refused_while_the_first_is_not_closed(world, council):
    batch = at_vote(world)
    council_session_create(batch=batch, by=world.secretary, meeting_date=AFTER)
    assert refusal(batch=batch, by=world.secretary, meeting_date=AFTER).code == "exists"


def test_the_routes_list_of_voted_awards_decides_what_is_voted_on(world):
    batch = at_step(world, "vote")
    batch.route.vote_awards = ["BK_BTCTW"]
    assert vote_needed(batch.route, award("BK_BTCTW")) and not vote_needed(
        batch.route, award("CSTD_BO")
    )


# ---- results -----------------------------------------------------------------------------------
def results(batch) -> dict[str, str]:
    return dict(batch.dossiers.values_list("award__code", "council"))


def test_the_results_mark_the_elected_nominee_and_the_one_needing_no_vote(world, council):
    batch = at_vote(world)
    vote(council_session_create(batch=batch, by=world.secretary, meeting_date=AFTER), choose=3)
    council_results_apply(batch=batch, by=world.secretary)
    assert results(batch) == {"CSTD_BO": C.ELECTED, "BK_BTCTW": C.NOT_REQUIRED}


def test_a_nominee_without_enough_votes_is_not_elected(world, council):
    batch = at_vote(world)
    vote(council_session_create(batch=batch, by=world.secretary, meeting_date=AFTER), choose=1)
    council_results_apply(batch=batch, by=world.secretary)
    assert results(batch)["CSTD_BO"] == C.NOT_ELECTED


def test_results_cannot_be_recorded_before_the_vote_is_closed(world, council):
    batch = at_vote(world)
    council_session_create(batch=batch, by=world.secretary, meeting_date=AFTER)
    with pytest.raises(DomainError) as caught:
        council_results_apply(batch=batch, by=world.secretary)
    assert caught.value.code == "not_closed"


def test_the_results_are_recorded_once_every_appraised_nominee_has_one(world, council):
    batch = at_vote(world)
    vote(council_session_create(batch=batch, by=world.secretary, meeting_date=AFTER), choose=3)
    before = council_results_recorded(batch)
    council_results_apply(batch=batch, by=world.secretary)
    assert (before, council_results_recorded(batch)) == (False, True)


def test_a_proposal_needing_no_vote_records_no_vote_needed_without_a_session(world):
    batch = at_vote(world)
    batch.dossiers.filter(award__code="CSTD_BO").update(appraisal="rejected")
    council_results_apply(batch=batch, by=world.secretary)
    assert results(batch) == {"CSTD_BO": C.PENDING, "BK_BTCTW": C.NOT_REQUIRED}


# ---- the page ----------------------------------------------------------------------------------
def test_the_secretariat_prepares_the_vote_from_the_page(client, world, council):
    batch = at_vote(world)
    sign_in(client, world.secretary)
    url = reverse("nominations:council_prepare", args=[batch.pk])
    response = client.post(url, {"meeting_date": "2025-09-05", "council": council.pk})
    batch.refresh_from_db()
    assert response.url == reverse("ballots:session_detail", args=[batch.council_session_id])


def test_the_page_shows_the_refusal_of_a_meeting_during_the_posting(client, world, council):
    batch = at_vote(world)
    sign_in(client, world.secretary)
    url = reverse("nominations:council_prepare", args=[batch.pk])
    response = client.post(url, {"meeting_date": "2025-09-04", "council": council.pk})
    assert response.status_code == 200 and "04/09/2025" in response.text
    assert not BallotSession.objects.exists()


def test_the_secretariat_records_the_results_from_the_page(client, world, council):
    batch = at_vote(world)
    vote(council_session_create(batch=batch, by=world.secretary, meeting_date=AFTER), choose=3)
    sign_in(client, world.secretary)
    client.post(reverse("nominations:council_apply", args=[batch.pk]))
    assert results(batch)["CSTD_BO"] == C.ELECTED
