"""The voting page and the receipt check: only one's own roll line votes, a choice is confirmed
before it is cast, and the receipt is shown once, never stored with the voter or cached."""

import pytest
from django.urls import reverse

from thidua.ballots.models import Ballot, VoterMark
from thidua.ballots.services import rounds as round_services
from thidua.ballots.services import voting
from thidua.ballots.tests.test_session_views import meeting
from thidua.core.tests.helpers import sign_in


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


def url(name: str, *args) -> str:
    return reverse(f"ballots:{name}", args=args)


def test_an_outsider_gets_404_on_the_voting_pages(client, world):
    m = meeting(world, open=True)
    sign_in(client, world.outsider)

    assert client.get(url("vote", m.round.pk)).status_code == 404
    assert client.get(url("receipt_check", m.round.pk)).status_code == 404


def test_a_runner_who_is_not_on_the_roll_cannot_vote(client, world):
    m = meeting(world, open=True)
    sign_in(client, world.secretary)

    assert client.get(url("vote", m.round.pk)).status_code == 403


def test_the_voting_page_offers_the_candidates_of_the_round_as_boxes(en, world):
    m = meeting(world, open=True)
    sign_in(en, world.officer)

    page = en.get(url("vote", m.round.pk)).text

    for candidate in (m.dn, m.cq):
        assert f'type="checkbox" name="candidates" value="{candidate.pk}"' in page
    assert "voting for Ban Tổ chức Đảng ủy Khối các cơ quan Trung ương" in page


def test_ticking_more_names_than_seats_shows_the_choice_again_with_the_reason(en, world):
    m = meeting(world, open=True)
    sign_in(en, world.officer)

    response = en.post(url("vote", m.round.pk), {"candidates": [m.dn.pk, m.cq.pk]})

    assert "Tick at most 1 name." in response.text
    assert response.text.count("checked") == 2
    assert not VoterMark.objects.exists()


def test_the_first_step_asks_to_confirm_and_stores_nothing(en, world):
    m = meeting(world, open=True)
    sign_in(en, world.officer)

    response = en.post(url("vote", m.round.pk), {"candidates": [m.dn.pk], "step": "review"})

    assert "Check your choice" in response.text
    assert f'name="candidates" value="{m.dn.pk}"' in response.text
    assert not VoterMark.objects.exists() and not Ballot.objects.exists()


def test_changing_ones_mind_goes_back_with_the_box_still_ticked(en, world):
    m = meeting(world, open=True)
    sign_in(en, world.officer)

    response = en.post(url("vote", m.round.pk), {"candidates": [m.dn.pk], "step": "change"})

    assert "Next: check my choice" in response.text
    assert response.text.count("checked") == 1
    assert not Ballot.objects.exists()


def test_casting_shows_the_receipt_once_uncached_and_keeps_it_out_of_the_session(en, world):
    m = meeting(world, open=True)
    sign_in(en, world.officer)

    response = en.post(url("vote", m.round.pk), {"candidates": [m.dn.pk], "step": "cast"})

    ballot = Ballot.objects.get(round=m.round)
    assert response.status_code == 200  # rendered in the answer, not behind a redirect
    assert ballot.receipt in response.text
    assert "no-store" in response["Cache-Control"]
    assert all(ballot.receipt not in str(value) for value in en.session.values())
    assert ballot.receipt not in str(response.cookies)
    assert VoterMark.objects.get(round=m.round).voter == m.cq_line


def test_after_voting_the_page_says_so_and_never_shows_the_receipt_again(en, world):
    m = meeting(world, open=True)
    receipt = voting.ballot_cast(
        round=m.round, voter=m.cq_line, candidate_ids=[m.dn.pk], by=world.officer
    )
    sign_in(en, world.officer)

    page = en.get(url("vote", m.round.pk)).text

    assert "You have already voted in this round." in page
    assert receipt not in page


def test_a_vote_for_ones_own_unit_is_refused_beside_the_boxes(en, world):
    m = meeting(world, open=True)
    sign_in(en, world.officer)

    response = en.post(url("vote", m.round.pk), {"candidates": [m.cq.pk], "step": "cast"})

    assert response.status_code == 200
    assert "do not allow voting for yourself" in " ".join(
        response.context["form"].errors["candidates"]
    )
    assert not Ballot.objects.exists()


def test_the_receipt_check_waits_for_the_round_to_close(en, world):
    m = meeting(world, open=True)
    sign_in(en, world.officer)

    page = en.get(url("receipt_check", m.round.pk), {"code": "K7Q2-M9XD"}).text

    assert "The round is not closed yet." in page


def test_the_receipt_check_finds_a_published_code_however_it_is_typed(en, world):
    m = meeting(world, open=True)
    receipt = voting.ballot_cast(
        round=m.round, voter=m.cq_line, candidate_ids=[m.dn.pk], by=world.officer
    )
    round_services.round_close(round=m.round, by=world.leader_officer)
    sign_in(en, world.officer)
    check = url("receipt_check", m.round.pk)

    typed = receipt.replace("-", " ").lower()
    assert "Your ballot is in the published count." in en.get(check, {"code": typed}).text
    missing = en.get(check, {"code": "2222-2222"}).text
    assert "This code is not in the published count." in missing
