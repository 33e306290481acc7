"""Who voted is kept apart from what was voted (see the docstring of models/votes.py).

These tests read the models' structure and the SQL a cast sends, so that a later change that adds
a link between a voter and a ballot (a foreign key, a timestamp, an audit history, a log row)
fails here."""

import re

from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from thidua.ballots.models import (
    Ballot,
    BallotChoice,
    BallotSession,
    Candidate,
    Question,
    Round,
    Voter,
    VoterMark,
)
from thidua.ballots.selectors.sessions import ballot_list, receipt_check
from thidua.ballots.services import rounds, voting
from thidua.ballots.tests.factories import (
    cast,
    close,
    cluster_with_members,
    line,
    open_round,
    question_with,
    session_of,
)
from thidua.org.models import Person

SECRET = (Ballot, BallotChoice)
# The round is what a ballot and a mark share; above it lie the question and the session.
SHARED_CONTEXT = (Round, Question, BallotSession)


def forward_relations(model) -> dict[str, type]:
    return {
        f.name: f.related_model
        for f in model._meta.get_fields()
        if f.is_relation and f.concrete and f.related_model is not None
    }


def reachable_from(model, stop=SHARED_CONTEXT) -> set[type]:
    """Models a chain of foreign keys leads to from `model`, not going through the round."""
    seen, todo = set(), [model]
    while todo:
        current = todo.pop()
        for related in forward_relations(current).values():
            if related not in seen and related not in stop:
                seen.add(related)
                todo.append(related)
    return seen


def test_a_ballot_points_only_at_its_round_and_a_choice_at_its_ballot_and_candidate():
    assert forward_relations(Ballot) == {"round": Round}
    assert forward_relations(BallotChoice) == {"ballot": Ballot, "candidate": Candidate}
    for model in SECRET:
        reached = reachable_from(model)
        assert Voter not in reached and VoterMark not in reached


def test_nothing_on_the_voters_side_points_at_a_ballot():
    for model in apps.get_models():
        if model in SECRET:
            continue
        targets = set(forward_relations(model).values())
        assert not targets & set(SECRET), model
    assert Ballot not in reachable_from(VoterMark) and Ballot not in reachable_from(Voter)


def test_ballots_carry_no_user_person_nor_time_and_have_random_keys():
    user_model = get_user_model()
    for model in SECRET:
        direct = set(forward_relations(model).values())
        assert user_model not in direct and Person not in direct and Voter not in direct
        assert not [
            f for f in model._meta.concrete_fields
            if isinstance(f, models.DateField | models.DateTimeField | models.TimeField)
        ]  # fmt: skip
        assert isinstance(model._meta.pk, models.UUIDField)


def test_voted_marks_have_random_keys_and_no_time_so_their_order_says_nothing():
    assert isinstance(VoterMark._meta.pk, models.UUIDField)
    assert not [
        f for f in VoterMark._meta.concrete_fields
        if isinstance(f, models.DateField | models.DateTimeField | models.TimeField)
    ]  # fmt: skip


def test_ballots_and_marks_have_no_audit_history_and_no_admin_page():
    names = {m.__name__ for m in apps.get_models()}
    assert not names & {"HistoricalBallot", "HistoricalBallotChoice", "HistoricalVoterMark"}
    for model in (*SECRET, VoterMark):
        assert not admin.site.is_registered(model)


def written_tables(queries) -> dict[str, list[str]]:
    """Table → the statements that wrote to it."""
    found: dict[str, list[str]] = {}
    for query in queries:
        sql = query["sql"]
        match = re.match(r'\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', sql, re.I)
        if match:
            found.setdefault(match.group(1), []).append(sql)
    return found


def inserted_columns(sql: str) -> list[str]:
    return re.findall(r'"(\w+)"', sql.split("(", 1)[1].split(")", 1)[0])


def test_a_cast_writes_the_mark_and_the_ballot_and_nothing_that_links_them(world):
    session = session_of(world.cluster6)
    rnd = open_round(session, question_with(session, [world.dn]))
    voter = line(session, world.cq)

    with CaptureQueriesContext(connection) as captured:
        receipt = voting.ballot_cast(
            round=rnd, voter=voter, candidate_ids=[rnd.candidates.get().pk],
            by=world.officer,
        )  # fmt: skip

    writes = written_tables(captured.captured_queries)
    ballot = Ballot.objects.get()
    # No audit history, no event row, no log: only these three tables are written.
    assert set(writes) == {"ballots_votermark", "ballots_ballot", "ballots_ballotchoice"}
    for sql in writes["ballots_ballot"]:
        assert inserted_columns(sql) == ["id", "round_id", "receipt", "channel", "is_valid"]
    for sql in writes["ballots_ballotchoice"]:
        assert inserted_columns(sql) == ["id", "ballot_id", "candidate_id"]
    for sql in writes["ballots_votermark"]:
        assert inserted_columns(sql) == ["id", "round_id", "voter_id", "channel"]
        for secret in (receipt, str(ballot.pk), ballot.pk.hex):
            assert secret not in sql
    for sql in writes["ballots_ballot"] + writes["ballots_ballotchoice"]:
        assert world.officer.username not in sql


def many_ballots(count: int = 30):
    cluster, units = cluster_with_members(count)
    session = session_of(cluster, policy={"self_vote_allowed": True})
    rnd = open_round(session, question_with(session, units[:2]))
    receipts = [cast(rnd, session, unit, units[n % 2]) for n, unit in enumerate(units)]
    return rnd, receipts


def test_ballots_are_listed_by_receipt_not_in_the_order_they_were_cast(world):
    rnd, receipts_in_cast_order = many_ballots(30)

    listed = [ballot.receipt for ballot in ballot_list(rnd)]
    by_default = list(Ballot.objects.filter(round=rnd).values_list("receipt", flat=True))

    assert listed == by_default == sorted(receipts_in_cast_order)
    assert listed != receipts_in_cast_order  # 1 chance in 30! of failing


def test_a_voter_finds_their_receipt_among_the_published_ones(world):
    session = session_of(world.cluster6)
    rnd = open_round(session, question_with(session, [world.dn]))
    receipt = cast(rnd, session, world.cq, world.dn)
    typed = receipt.lower().replace("-", " ")

    assert receipt_check(round=rnd, code=typed) is None  # nothing is published before the close
    close(rnd)
    rnd.refresh_from_db()

    assert rnd.result["receipts"] == [receipt]
    assert receipt_check(round=rnd, code=typed) is True
    assert receipt_check(round=rnd, code="2222-2222") is False


def test_the_tally_recounted_from_the_ballots_equals_the_published_one(world):
    rnd, _receipts = many_ballots(12)
    published = close(rnd)

    assert rounds.tally_recompute(rnd) == published
    assert sum(row["votes"] for row in published["votes"]) == published["valid_ballots"] == 12
