"""Many voters at once, on PostgreSQL (SQLite runs one writer at a time and ignores row locks).

Run: DATABASE_URL=postgres://thidua:thidua@127.0.0.1:5432/thidua_b .venv/bin/pytest <this file>
"""

import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from thidua.ballots.models import Ballot, BallotChoice, Round, VoterMark
from thidua.ballots.services import rounds, voting
from thidua.ballots.tests.factories import (
    cluster_with_members,
    open_round,
    question_with,
    session_of,
)
from thidua.core.errors import DomainError

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL and its row locks"
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.slow,
]
THREADS = 16


def voting_round(size: int):
    cluster, units = cluster_with_members(size)
    session = session_of(cluster, policy={"self_vote_allowed": True})
    rnd = open_round(session, question_with(session, units[:3]))
    choices = list(rnd.candidates.values_list("pk", flat=True))
    voters = list(session.voters.order_by("pk"))
    return rnd, voters, choices


def attempt(rnd: Round, voter, candidate_id: int) -> str | DomainError:
    """One cast in its own thread and its own connection, closed at the end."""
    try:
        return voting.ballot_cast(round=rnd, voter=voter, candidate_ids=[candidate_id], by=None)
    except DomainError as refusal:
        return refusal
    finally:
        connection.close()


def test_two_hundred_voters_casting_twice_at_once_leave_exactly_one_ballot_each():
    rnd, voters, choices = voting_round(200)
    tries = [(voter, choices[n % 3]) for n, voter in enumerate(voters)] * 2
    random.Random(5).shuffle(tries)

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        outcomes = list(pool.map(lambda t: attempt(rnd, *t), tries))

    receipts = [o for o in outcomes if isinstance(o, str)]
    refusals = [o for o in outcomes if isinstance(o, DomainError)]
    assert len(receipts) == len(set(receipts)) == 200
    assert len(refusals) == 200
    assert {r.code for r in refusals} == {"already_voted"}
    assert Ballot.objects.filter(round=rnd).count() == 200
    assert BallotChoice.objects.filter(ballot__round=rnd).count() == 200
    assert VoterMark.objects.filter(round=rnd).values("voter").distinct().count() == 200
    assert VoterMark.objects.filter(round=rnd).count() == 200


def test_a_close_racing_with_casts_counts_every_ballot_before_it_and_none_after():
    rnd, voters, choices = voting_round(200)
    closed: dict = {}

    def closer() -> None:
        try:
            while VoterMark.objects.filter(round=rnd).count() < 20:
                time.sleep(0.005)
            closed["result"] = rounds.round_close(round=rnd, by=None)
        finally:
            connection.close()

    racer = threading.Thread(target=closer)
    racer.start()
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        outcomes = list(
            pool.map(lambda n: attempt(rnd, voters[n], choices[n % 3]), range(len(voters)))
        )
    racer.join()

    result = closed["result"]
    accepted = [o for o in outcomes if isinstance(o, str)]
    refusals = [o for o in outcomes if isinstance(o, DomainError)]
    assert {r.code for r in refusals} <= {"round_closed"}
    assert 20 <= len(accepted) < len(voters)  # the close did land in the middle of the casts
    assert result["ballots_cast"] == len(accepted) == Ballot.objects.filter(round=rnd).count()
    assert VoterMark.objects.filter(round=rnd).count() == len(accepted)
    assert sorted(result["receipts"]) == sorted(accepted)
    assert rounds.tally_recompute(rnd) == result
