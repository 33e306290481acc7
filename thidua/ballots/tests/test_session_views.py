"""Session pages: who sees and does what, forms that keep what was typed, the runner's acts
(attendance, questions, candidates, open, close a round, re-vote, the chair, close), and results
hidden until ballots.view_results allows them."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse

from thidua.ballots.models import BallotSession, Round, SessionEvent, Voter
from thidua.ballots.services import rounds as round_services
from thidua.ballots.services import sessions as services
from thidua.ballots.services import voting
from thidua.core.audit import save_audited
from thidua.core.tests.helpers import sign_in

YEAR = 2024


@pytest.fixture
def en(client):
    """English pages, so assertions read the msgids whatever the catalogue holds."""
    client.cookies["django_language"] = "en"
    return client


def url(name: str, *args) -> str:
    return reverse(f"ballots:{name}", args=args)


def meeting(world, *, policy: dict | None = None, open: bool = False) -> SimpleNamespace:
    """Cluster 6's year-end session: one question (the leading unit), both members standing."""
    m = SimpleNamespace()
    m.session = services.session_create(
        by=world.leader_officer, year=YEAR, title="Hội nghị tổng kết Cụm thi đua số 6",
        cluster=world.cluster6, meeting_date=dt.date(YEAR, 12, 20), policy=policy,
    )  # fmt: skip
    m.question = services.question_add(
        session=m.session, kind="leading_unit", title="Suy tôn đơn vị dẫn đầu", seats=1,
        by=world.leader_officer,
    )  # fmt: skip
    m.dn, m.cq = (
        services.candidate_add(
            question=m.question, unit=unit, figures={"final": "95"}, by=world.leader_officer
        )
        for unit in (world.dn, world.cq)
    )
    m.dn_line = Voter.objects.get(session=m.session, unit=world.dn)
    m.cq_line = Voter.objects.get(session=m.session, unit=world.cq)
    if open:
        services.session_open(session=m.session, by=world.leader_officer)
        m.round = Round.objects.get(question=m.question, number=1)
    return m


def tie(world, m) -> dict:
    """Each unit votes for the other (voting for oneself is not allowed): 1 – 1, then close."""
    voting.ballot_cast(
        round=m.round, voter=m.dn_line, candidate_ids=[m.cq.pk], by=world.leader_officer
    )
    voting.ballot_cast(round=m.round, voter=m.cq_line, candidate_ids=[m.dn.pk], by=world.officer)
    return round_services.round_close(round=m.round, by=world.leader_officer)


# ---- who sees and does what ---------------------------------------------------------------------
def test_an_outsider_gets_404_on_every_page_of_the_session(client, world):
    m = meeting(world, open=True)
    sign_in(client, world.outsider)

    for page in (
        url("session_detail", m.session.pk),
        url("session_close", m.session.pk),
        url("round_close", m.round.pk),
    ):
        assert client.get(page).status_code == 404, page
    assert client.post(url("question_add", m.session.pk)).status_code == 404
    assert client.post(url("voter_attendance", m.cq_line.pk)).status_code == 404


def test_a_member_officer_sees_the_session_but_not_the_runners_acts(en, world):
    m = meeting(world)
    sign_in(en, world.officer)

    page = en.get(url("session_detail", m.session.pk))

    assert page.status_code == 200
    assert "Suy tôn đơn vị dẫn đầu" in page.text
    assert url("session_open", m.session.pk) not in page.text
    assert url("question_add", m.session.pk) not in page.text
    assert url("voter_attendance", m.cq_line.pk) not in page.text


def test_a_member_officer_gets_403_on_the_runners_acts(client, world):
    m = meeting(world)
    sign_in(client, world.officer)

    assert client.post(url("session_open", m.session.pk)).status_code == 403
    assert client.post(url("question_add", m.session.pk), {}).status_code == 403
    assert client.post(url("candidate_add", m.question.pk), {}).status_code == 403
    assert client.post(url("voter_attendance", m.cq_line.pk), {}).status_code == 403
    assert client.get(url("session_close", m.session.pk)).status_code == 403
    assert BallotSession.objects.get(pk=m.session.pk).status == "draft"


def test_a_member_officer_cannot_set_up_a_session(client, world):
    sign_in(client, world.officer)

    assert client.get(url("session_create")).status_code == 403


def test_the_list_shows_the_sessions_a_user_may_see_with_their_status(en, world):
    m = meeting(world)
    sign_in(en, world.officer)
    assert url("session_detail", m.session.pk) in en.get(url("session_list")).text

    sign_in(en, world.outsider)
    assert url("session_detail", m.session.pk) not in en.get(url("session_list")).text


# ---- setting up ---------------------------------------------------------------------------------
def test_the_cluster_officer_sets_up_a_session_with_a_rule_changed_for_it(client, world):
    sign_in(client, world.leader_officer)

    response = client.post(url("session_create"), {
        "owner": f"cluster:{world.cluster6.pk}", "year": YEAR, "title": "Hội nghị tổng kết",
        "meeting_date": "2024-12-20", "meeting_place": "Hà Nội", "threshold": "ge_two_thirds",
        "self_vote_allowed": "yes",
    })  # fmt: skip

    created = BallotSession.objects.get(title="Hội nghị tổng kết")
    assert response.status_code == 302
    assert response["Location"] == url("session_detail", created.pk)
    assert created.cluster == world.cluster6
    assert created.policy["threshold"] == "ge_two_thirds"
    assert created.policy["self_vote_allowed"] is True
    assert created.policy["ballot_base"] == "members_total"  # kept from the standing rules
    assert {v.unit for v in created.voters.all()} == {world.dn, world.cq}


def test_the_new_session_page_says_the_standing_rules_in_plain_words(en, world):
    world.cluster6.policy = {"ballots": {"threshold": "ge_two_thirds", "max_flags": 2}}
    save_audited(world.cluster6, by=None)
    sign_in(en, world.leader_officer)

    page = en.get(url("session_create")).text

    assert "at least two thirds" in page
    assert "At most 2 per cluster and year." in page


def test_a_refused_session_form_shows_what_was_typed(en, world):
    sign_in(en, world.leader_officer)

    response = en.post(url("session_create"), {
        "owner": f"cluster:{world.cluster6.pk}", "year": YEAR, "title": "",
        "meeting_place": "Nhà khách T78", "top_k": "0",
    })  # fmt: skip

    assert response.status_code == 200
    assert "Nhà khách T78" in response.text
    assert response.context["form"].errors.keys() >= {"title", "top_k"}
    assert not BallotSession.objects.exists()


def test_the_runner_marks_a_member_absent(client, world):
    m = meeting(world)
    sign_in(client, world.leader_officer)

    response = client.post(url("voter_attendance", m.cq_line.pk), {"attendance": "absent"})

    assert response.status_code == 302
    assert Voter.objects.get(pk=m.cq_line.pk).attendance == "absent"


def test_the_runner_adds_a_question_and_a_candidate(en, world):
    m = meeting(world)
    sign_in(en, world.leader_officer)

    en.post(
        url("question_add", m.session.pk), {"question-kind": "next_leader", "question-seats": 1}
    )
    added = m.session.questions.get(kind="next_leader")
    response = en.post(url("candidate_add", added.pk), {f"c{added.pk}-unit": world.cq.pk})

    assert response.status_code == 302
    assert added.title == "Next cluster leader"  # the kind, when no question was typed
    assert [c.unit for c in added.candidates.all()] == [world.cq]


def test_a_candidate_the_score_gate_keeps_out_is_refused_beside_the_score(en, world):
    m = meeting(world, policy={"min_final_score": "90"})
    question = services.question_add(
        session=m.session, kind="merit_units", title="Đề nghị Bằng khen", seats=1,
        by=world.leader_officer,
    )  # fmt: skip
    sign_in(en, world.leader_officer)
    prefix = f"c{question.pk}"

    typed = {f"{prefix}-unit": world.dn.pk, f"{prefix}-final": "85.5"}
    response = en.post(url("candidate_add", question.pk), typed)

    assert response.status_code == 200
    form = dict((q["question"].pk, q["candidate_form"]) for q in response.context["questions"])
    assert "below the minimum of 90" in " ".join(form[question.pk].errors["final"])
    assert 'value="85.5"' in response.text
    assert not question.candidates.exists()


# ---- running ------------------------------------------------------------------------------------
def test_opening_the_vote_opens_round_one_and_shows_progress_as_counts(en, world):
    m = meeting(world)
    sign_in(en, world.leader_officer)

    en.post(url("session_open", m.session.pk))
    opened = Round.objects.get(question=m.question, number=1)
    voting.ballot_cast(round=opened, voter=m.cq_line, candidate_ids=[m.dn.pk], by=world.officer)
    page = en.get(url("session_detail", m.session.pk)).text

    assert BallotSession.objects.get(pk=m.session.pk).status == "open"
    assert "1 of 2 have voted." in page
    assert url("round_close", opened.pk) in page


def test_a_round_closes_only_once_the_box_is_ticked(client, world):
    m = meeting(world, open=True)
    sign_in(client, world.leader_officer)

    unconfirmed = client.post(url("round_close", m.round.pk), {})
    assert unconfirmed.status_code == 200
    assert Round.objects.get(pk=m.round.pk).status == "open"

    confirmed = client.post(url("round_close", m.round.pk), {"confirm": "on"})
    assert confirmed.status_code == 302
    assert Round.objects.get(pk=m.round.pk).status == "closed"


def test_members_see_a_closed_rounds_tally_only_once_the_session_is_closed(en, world):
    m = meeting(world, policy={"tie_break": ["chair"]}, open=True)
    voting.ballot_cast(round=m.round, voter=m.cq_line, candidate_ids=[m.dn.pk], by=world.officer)
    voting.ballot_cast(
        round=m.round, voter=m.dn_line, candidate_ids=[m.cq.pk], by=world.leader_officer
    )
    round_services.round_close(round=m.round, by=world.leader_officer)
    detail = url("session_detail", m.session.pk)

    sign_in(en, world.leader_officer)
    assert "Percent of the base" in en.get(detail).text
    sign_in(en, world.officer)
    member_page = en.get(detail).text
    assert "Percent of the base" not in member_page
    assert "The result is shown once the session is closed." in member_page


def test_a_tie_goes_to_a_revote_opened_from_the_page(en, world):
    m = meeting(world, policy={"tie_break": ["revote", "chair"]}, open=True)
    assert tie(world, m)["revote_among"]
    sign_in(en, world.leader_officer)
    assert url("revote_open", m.round.pk) in en.get(url("session_detail", m.session.pk)).text

    en.post(url("revote_open", m.round.pk), {f"r{m.round.pk}-reason": "Hai đơn vị bằng phiếu"})

    second = Round.objects.get(question=m.question, number=2)
    assert second.reason == "Hai đơn vị bằng phiếu"
    assert set(second.candidates.all()) == {m.dn, m.cq}


def test_the_chair_settles_a_tie_with_a_reason_and_the_page_says_so(en, world):
    policy = {"tie_break": ["chair"], "tie_winner_needs_threshold": False}
    m = meeting(world, policy=policy, open=True)
    assert tie(world, m)["chair_among"]
    sign_in(en, world.leader_officer)
    assert url("chair_decide", m.round.pk) in en.get(url("session_detail", m.session.pk)).text

    en.post(url("chair_decide", m.round.pk), {
        f"h{m.round.pk}-candidates": [m.cq.pk], f"h{m.round.pk}-reason": "Điểm nhóm I cao hơn",
    })  # fmt: skip

    event = SessionEvent.objects.get(round=m.round, action="chair_decided")
    assert event.detail["elected"] == [m.cq.pk]
    page = en.get(url("session_detail", m.session.pk)).text
    assert "Reason: Điểm nhóm I cao hơn" in page
    assert url("chair_decide", m.round.pk) not in page  # decided once


def test_closing_the_session_shows_the_results_to_members(en, world):
    m = meeting(world, policy={"self_vote_allowed": True}, open=True)
    for line, user in ((m.cq_line, world.officer), (m.dn_line, world.leader_officer)):
        voting.ballot_cast(round=m.round, voter=line, candidate_ids=[m.dn.pk], by=user)
    round_services.round_close(round=m.round, by=world.leader_officer)
    sign_in(en, world.leader_officer)

    en.post(url("session_close", m.session.pk), {"confirm": "on"})

    assert BallotSession.objects.get(pk=m.session.pk).status == "closed"
    sign_in(en, world.officer)
    page = en.get(url("session_detail", m.session.pk)).text
    assert "Percent of the base" in page
    assert f"Outcome: {m.dn.label}." in page


# ---- a question added while voting is open ------------------------------------------------------
def later_question(world, m):
    question = services.question_add(
        session=m.session, kind="merit_units", title="Đề nghị tặng Bằng khen", seats=1,
        by=world.leader_officer,
    )  # fmt: skip
    services.candidate_add(question=question, unit=world.cq, by=world.leader_officer)
    return question


def test_the_runner_opens_a_question_added_during_voting(client, world):
    m = meeting(world, open=True)
    question = later_question(world, m)
    sign_in(client, world.leader_officer)
    page = client.get(url("session_detail", m.session.pk))
    assert f'data-testid="question-open-{question.pk}"' in page.content.decode()

    client.post(url("question_open", question.pk))

    assert question.rounds.get().number == 1


def test_a_member_cannot_open_a_question(client, world):
    m = meeting(world, open=True)
    question = later_question(world, m)
    sign_in(client, world.officer)

    assert client.post(url("question_open", question.pk)).status_code == 403
    assert not question.rounds.exists()
