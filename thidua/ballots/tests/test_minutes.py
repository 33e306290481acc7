"""The minutes (biên bản) of a ballot session: what they state, who may read them, and that they
are built without reading a single ballot (law.md §c.4: secret ballot; §e.5: official layout).

Sessions, rounds and published tallies are made directly with the models, in the shape of
ballots_api.md, so these tests do not depend on the services that normally write them."""

import datetime as dt
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from thidua.ballots.models import (
    BallotSession,
    Candidate,
    Question,
    Round,
    SessionEvent,
    TellerEntry,
    Voter,
    VoterMark,
)
from thidua.ballots.rules import Policy
from thidua.ballots.selectors.minutes import minutes_of
from thidua.core.tests.helpers import sign_in
from thidua.org.models import Unit
from thidua.org.tests.factories import UnitFactory, UserFactory

A = Voter.Attendance
CLOSED = BallotSession.Status.CLOSED


# ---- builders -----------------------------------------------------------------------------------
def make_session(world, *, status=CLOSED, council=False, **policy) -> BallotSession:
    owner = {"council": world.council} if council else {"cluster": world.cluster6}
    return BallotSession.objects.create(
        **owner, year=2024, title="Bình xét thi đua năm 2024", status=status,
        meeting_date=dt.date(2024, 12, 20), meeting_place="Hà Nội",
        chair_name="Nguyễn Văn Chủ", secretary_name="Trần Thị Ký",
        policy=Policy.from_dict(policy).to_dict(),
    )  # fmt: skip


def roll(session, world, *extra: tuple[str, str]) -> list[Voter]:
    lines = [(world.dn, "present"), (world.cq, "present")]
    lines += [(UnitFactory(name=name, parent=world.sector), how) for name, how in extra]
    return [
        Voter.objects.create(session=session, unit=unit, label=unit.name, attendance=how)
        for unit, how in lines
    ]


def question(session, *labels: str, seats: int = 1) -> tuple[Question, list[Candidate]]:
    asked = Question.objects.create(
        session=session, kind=Question.Kind.LEADING_UNIT, title="Đơn vị dẫn đầu", seats=seats
    )
    return asked, [Candidate.objects.create(question=asked, label=label) for label in labels]


def closed_round(asked, number, votes: dict, *, base=5, elected=(), revote=(), chair=(), **extra):
    """A closed round whose published tally (ballots_api.md) gives `votes` per candidate."""
    rows = [
        {
            "candidate": c.pk, "label": c.label, "votes": n,
            "percent": f"{n * 100 / base:.2f}", "reached": 2 * n > base,
        }
        for c, n in votes.items()
    ]  # fmt: skip
    cast, why = sum(votes.values()), extra.pop("why", "")
    result = {
        "round": number, "seats": asked.seats, "members_total": 5, "members_present": 4,
        "ballots_cast": cast, "valid_ballots": cast, "invalid_ballots": 0, "base": base,
        "base_kind": "members_total", "threshold": "gt_half", "votes": rows,
        "elected": [c.pk for c in elected], "revote_among": [c.pk for c in revote],
        "chair_among": [c.pk for c in chair], "seats_left": asked.seats - len(elected),
        "decided_by": {str(c.pk): "votes" for c in elected}, "receipts": ["AAAA-1111"],
    } | extra  # fmt: skip
    round_ = Round.objects.create(
        question=asked, number=number, seats=asked.seats, status=Round.Status.CLOSED,
        result=result, reason=why,
    )  # fmt: skip
    round_.candidates.set(votes)
    return round_


def voted_session(world, **kw):
    """Five on the roll (one absent, one voting in writing); A chosen with 3 of 5."""
    session = make_session(world, **kw)
    voters = roll(
        session, world, ("Ban Tổ chức Tỉnh ủy Gia Lai", "absent"),
        ("Ban Tổ chức Tỉnh ủy Đắk Lắk", "written"), ("Ban Tổ chức Thành ủy Huế", "present"),
    )  # fmt: skip
    asked, (a, b) = question(session, "Ban Tổ chức Tỉnh ủy An Giang", "Ban Tổ chức Tỉnh ủy Bến Tre")
    round_ = closed_round(asked, 1, {a: 3, b: 1}, elected=[a], receipts=["K7Q2-M9XD", "P3R8-T2WZ"])
    for voter in voters[:4]:
        VoterMark.objects.create(round=round_, voter=voter, channel="online")
    return session, asked, round_, (a, b)


def in_english(session) -> dict:
    """The minutes with their words in English, whatever the catalogue says in Vietnamese."""
    with override("en"):
        return minutes_of(session)


def minutes_url(session) -> str:
    return reverse("ballots:minutes", args=[session.pk])


# ---- what the minutes state ---------------------------------------------------------------------
def test_the_minutes_count_the_roll_by_attendance(world):
    session, *_ = voted_session(world)
    counted = minutes_of(session)["roll"]
    assert (counted["total"], counted["present"], counted["absent"], counted["written"]) == (
        5, 3, 1, 1,
    )  # fmt: skip


def test_a_round_states_ballots_issued_cast_and_valid_and_the_votes_with_their_percent(world):
    session, *_ = voted_session(world)
    (entry,) = minutes_of(session)["questions"]
    (round_,) = entry["rounds"]
    assert (round_["issued"], round_["cast"], round_["valid"], round_["invalid"]) == (4, 4, 4, 0)
    assert [(row["votes"], str(row["percent"])) for row in round_["votes"]] == [
        (3, "60.00"), (1, "20.00"),
    ]  # fmt: skip


def test_a_round_states_its_base_and_threshold_in_words_and_the_votes_needed(world):
    session, *_ = voted_session(world)
    round_ = in_english(session)["questions"][0]["rounds"][0]
    assert round_["threshold_words"] == "more than half (over 50%)"
    assert round_["base_words"] == "all members on the voter roll"
    assert (round_["base"], round_["needed"]) == (5, 3)


def test_the_outcome_names_who_was_chosen_and_how(world):
    session, *_ = voted_session(world)
    entry = in_english(session)["questions"][0]
    assert entry["elected"] == [{"label": "Ban Tổ chức Tỉnh ủy An Giang", "how": "by votes"}]
    assert not entry["pending"]


def test_a_tie_shows_the_revote_round_with_its_reason_and_the_final_outcome(world):
    session = make_session(world)
    roll(session, world)
    asked, (a, b, c) = question(session, "An Giang", "Bến Tre", "Cà Mau")
    closed_round(asked, 1, {a: 2, b: 2, c: 1}, revote=[a, b])
    closed_round(asked, 2, {a: 3, b: 2}, elected=[a], why="Hai đơn vị bằng phiếu")
    entry = in_english(session)["questions"][0]
    first, second = entry["rounds"]
    assert first["revote_among"] == ["An Giang", "Bến Tre"]
    assert first["awaiting"] == ""  # the re-vote was held
    assert (second["number"], second["reason"]) == (2, "Hai đơn vị bằng phiếu")
    assert [chosen["label"] for chosen in entry["elected"]] == ["An Giang"]


def test_a_revote_not_yet_opened_leaves_the_question_undecided(world):
    session = make_session(world, status=BallotSession.Status.OPEN)
    asked, (a, b) = question(session, "An Giang", "Bến Tre")
    closed_round(asked, 1, {a: 2, b: 2}, revote=[a, b])
    entry = minutes_of(session)["questions"][0]
    assert entry["pending"]
    assert entry["rounds"][0]["awaiting"] == "revote"


def test_the_chairs_decision_and_reason_come_from_the_session_events(world):
    session = make_session(world)
    asked, (a, b) = question(session, "An Giang", "Bến Tre")
    round_ = closed_round(asked, 2, {a: 2, b: 2}, chair=[a, b])
    SessionEvent.objects.create(
        session=session, round=round_, action=SessionEvent.Action.CHAIR_DECIDED,
        by=world.leader_officer, reason="Điểm nhóm I cao hơn",
        detail={"round": 2, "among": [a.pk, b.pk], "elected": [b.pk], "seats": 1},
    )  # fmt: skip
    entry = in_english(session)["questions"][0]
    round_minutes = entry["rounds"][0]
    assert round_minutes["chair_reason"] == "Điểm nhóm I cao hơn"
    assert entry["elected"] == [{"label": "Bến Tre", "how": "by decision of the chair"}]
    assert round_minutes["seats_left"] == 0
    assert not entry["pending"]


def test_a_seat_won_by_a_score_tie_break_says_so(world):
    session = make_session(world)
    asked, (a, b) = question(session, "An Giang", "Bến Tre")
    closed_round(asked, 1, {a: 3, b: 3}, base=6, elected=[a], decided_by={str(a.pk): "group:I"})
    (chosen,) = in_english(session)["questions"][0]["elected"]
    assert chosen["how"] == "tie-break: the higher score in group I"


def test_seats_nobody_reached_are_stated_as_unfilled(world):
    session = make_session(world)
    asked, (a, b, c) = question(session, "An Giang", "Bến Tre", "Cà Mau", seats=2)
    closed_round(asked, 1, {a: 3, b: 2, c: 1}, elected=[a])
    entry = minutes_of(session)["questions"][0]
    assert entry["seats_unfilled"] == 1


def test_an_open_round_is_listed_without_any_figure(world):
    session = make_session(world, status=BallotSession.Status.OPEN)
    asked, _ = question(session, "An Giang", "Bến Tre")
    Round.objects.create(question=asked, number=1, seats=1, result={})
    (round_,) = minutes_of(session)["questions"][0]["rounds"]
    assert round_["is_open"]
    assert "votes" not in round_


def test_the_tellers_are_the_distinct_people_who_typed_sheets(world):
    session, _, round_, (a, _b) = voted_session(world)
    first = UserFactory(username="t1", first_name="Lê", last_name="Văn Kiểm")
    second = UserFactory(username="t2")
    for teller in (first, second):
        for sheet in ("P-01", "P-02"):
            TellerEntry.objects.create(
                round=round_, sheet=sheet, channel="paper", teller=teller, candidate_ids=[a.pk]
            )
    assert minutes_of(session)["tellers"] == ["Lê Văn Kiểm", "t2"]


def test_the_published_receipt_codes_are_listed(world):
    session, *_ = voted_session(world)
    (round_,) = minutes_of(session)["questions"][0]["rounds"]
    assert round_["receipts"] == ["K7Q2-M9XD", "P3R8-T2WZ"]


def test_the_minutes_never_read_a_ballot(world):
    session, *_ = voted_session(world)
    with CaptureQueriesContext(connection) as queries:
        minutes_of(session)
    tables = {"ballots_ballot", "ballots_ballotchoice"}
    read = {name for q in queries for name in re.findall(r'"(ballots_\w+)"', q["sql"])}
    assert read and not read & tables


# ---- who may read them --------------------------------------------------------------------------
def test_a_runner_reads_the_minutes_as_a_draft_before_the_session_closes(client, world):
    session, *_ = voted_session(world, status=BallotSession.Status.OPEN)
    sign_in(client, world.leader_officer)
    page = client.get(minutes_url(session))
    assert page.status_code == 200
    assert b'data-testid="minutes-draft"' in page.content


def test_a_member_does_not_find_the_minutes_before_the_session_closes(client, world):
    session, *_ = voted_session(world, status=BallotSession.Status.OPEN)
    sign_in(client, world.officer)
    assert client.get(minutes_url(session)).status_code == 404


def test_a_member_reads_the_final_minutes_once_the_session_is_closed(client, world):
    session, *_ = voted_session(world)
    sign_in(client, world.officer)
    page = client.get(minutes_url(session))
    assert page.status_code == 200
    assert b'data-testid="minutes-draft"' not in page.content
    assert "Ban Tổ chức Tỉnh ủy An Giang" in page.content.decode()


def test_a_unit_outside_the_cluster_does_not_find_the_minutes(client, world):
    session, *_ = voted_session(world)
    sign_in(client, world.outsider)
    assert client.get(minutes_url(session)).status_code == 404


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client, world):
    session, *_ = voted_session(world)
    page = client.get(minutes_url(session))
    assert page.status_code == 302
    assert "login" in page["Location"]


def test_a_council_member_reads_the_minutes_of_a_closed_council_session(client, world):
    session = make_session(world, council=True)
    sign_in(client, world.council_member)
    page = client.get(minutes_url(session))
    assert page.status_code == 200
    assert world.council.name.upper() in page.content.decode()


# ---- the printed layout -------------------------------------------------------------------------
def test_a_state_organiser_gets_the_national_title_and_motto(client, world):
    session, *_ = voted_session(world)
    sign_in(client, world.officer)
    text = client.get(minutes_url(session)).content.decode()
    assert 'class="doc-nation"' in text and 'class="doc-motto"' in text
    assert "doc-party" not in text


def test_a_party_organiser_gets_the_partys_header(client, world):
    Unit.objects.filter(pk=world.btctw.pk).update(document_style=Unit.DocumentStyle.PARTY)
    session, *_ = voted_session(world)
    sign_in(client, world.officer)
    text = client.get(minutes_url(session)).content.decode()
    assert 'class="doc-party"' in text
    assert "doc-motto" not in text


def test_the_page_keeps_to_the_content_security_policy_and_has_a_print_button(client, world):
    session, *_ = voted_session(world)
    sign_in(client, world.officer)
    text = client.get(minutes_url(session)).content.decode()
    assert "style=" not in text
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", text) == []
    assert "data-print" in text
    assert "minutes.css" in text


def test_the_dateline_gives_the_meeting_place_and_date(world):
    session, *_ = voted_session(world)
    assert in_english(session)["dateline"] == "Hà Nội, day 20 month 12 year 2024"
