"""The year-end demo: Cluster 6's 2023 scoring, ranking and ballot, with the seed's outcome
(1 flag and 2 Bằng khen for collectives, 6 Bằng khen for individuals) and the 2024 rotation."""

import pytest

from thidua.ballots.models import BallotSession, Question
from thidua.ballots.selectors.sessions import question_outcome
from thidua.ballots.services.rounds import tally_recompute
from thidua.org.models import ClusterLeadership
from thidua.scoring import demo_data
from thidua.scoring import demo_plan as plan
from thidua.scoring.models import Ranking, Scorecard

# The demo loads once for the module, which runs first and whole on one worker (conftest).
pytestmark = pytest.mark.demo

Kind = Question.Kind


@pytest.fixture
def session(demo, db):
    return BallotSession.objects.get(year=plan.YEAR, cluster__number=6)


def elected_codes(question: Question) -> set[str]:
    chosen = question.candidates.filter(pk__in=question_outcome(question)["elected"])
    return {candidate.unit.code for candidate in chosen.select_related("unit")}


def test_five_units_score_themselves_and_each_other_and_every_card_is_settled(demo, db):
    cards = Scorecard.objects.filter(table__year=plan.YEAR)
    assert cards.filter(kind="self").count() == 5
    assert cards.filter(kind="cross").count() == 5 * 4
    assert set(cards.filter(kind="self").values_list("status", flat=True)) == {"accepted"}
    returned = cards.get(kind="self", unit__code=plan.RETURNED_FOR_EXPLANATION)
    assert returned.review_round == 1
    assert returned.comments.filter(side="unit").exists()


def test_the_published_ranking_puts_the_flag_unit_first(demo, db):
    ranking = Ranking.objects.get(table__year=plan.YEAR, status=Ranking.Status.PUBLISHED)
    order = list(ranking.rows.order_by("rank").values_list("unit__code", flat=True))
    assert order[0] == "CTCCB-BCA"
    assert len(order) == 5


def test_the_ballot_gives_one_flag_and_two_merit_units_after_a_re_vote(session):
    leading = session.questions.get(kind=Kind.LEADING_UNIT)
    merit = session.questions.get(kind=Kind.MERIT_UNITS)
    assert elected_codes(leading) == {"CTCCB-BCA"}
    assert elected_codes(merit) == {"BTC-DUKDN", "CTC-TCCT"}
    assert merit.rounds.count() == 2
    assert not merit.candidates.filter(unit__code="CTCCB-BCA").exists()


def test_six_individuals_are_proposed_for_a_certificate_of_merit(session):
    people = session.questions.get(kind=Kind.TITLE)
    assert len(question_outcome(people)["elected"]) == 6


def test_every_published_tally_equals_a_recount_of_its_ballots(session):
    for question in session.questions.all():
        for rnd in question.rounds.all():
            recount = tally_recompute(rnd)
            assert recount == rnd.result


def test_the_2024_leader_and_deputy_are_the_ones_elected(session):
    assert session.status == BallotSession.Status.CLOSED
    seats = dict(
        ClusterLeadership.objects.filter(cluster=session.cluster, year=plan.YEAR + 1).values_list(
            "role", "unit__code"
        )
    )
    assert seats == {"leader": plan.NEXT_LEADER, "deputy": plan.NEXT_DEPUTY}


def test_loading_twice_changes_nothing(demo, db):
    assert demo_data.load() == {}
