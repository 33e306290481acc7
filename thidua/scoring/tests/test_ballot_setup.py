"""From a published ranking to the year-end ballot: candidates with their figures, the Bằng khen
question once the leading unit is chosen, and next year's leader and deputy recorded."""

import datetime as dt
from decimal import Decimal

import pytest

from thidua.ballots.models import BallotSession, Question
from thidua.ballots.services import rounds, sessions, voting
from thidua.ballots.tests.factories import cluster_with_members
from thidua.core.errors import DomainError
from thidua.org import services as org_services
from thidua.org.models import ClusterLeadership
from thidua.scoring.models import Ranking, RankingRow
from thidua.scoring.services import ballot_setup
from thidua.scoring.tests.factories import criteria_table

Kind = Question.Kind
MEETING = dt.date(2023, 12, 22)


@pytest.fixture
def five(db):
    cluster, units = cluster_with_members(5)
    org_services.cluster_leadership_set(
        cluster=cluster, year=2023, role="leader", unit=units[0], by=None
    )
    return cluster, units


def published(cluster, units, *, status=Ranking.Status.PUBLISHED) -> Ranking:
    table = criteria_table(cluster, 2023)
    ranking = Ranking.objects.create(table=table, status=status)
    for rank, unit in enumerate(units, 1):
        RankingRow.objects.create(
            ranking=ranking, unit=unit, rank=rank, final_score=Decimal(100 - rank),
            cross_mean=Decimal(100 - rank), cross_count=4, group_scores={"I": str(60 - rank)},
        )  # fmt: skip
    return ranking


def vote_all(question: Question, unit_of_choice) -> None:
    rnd = question.rounds.order_by("-number").first()
    by_unit = {c.unit_id: c.pk for c in rnd.candidates.all()}
    for voter in question.session.voters.all():
        choice = unit_of_choice(voter.unit)
        if choice is not None and choice.pk in by_unit:
            voting.ballot_cast(round=rnd, voter=voter, candidate_ids=[by_unit[choice.pk]], by=None)
    rounds.round_close(round=rnd, by=None)


def test_a_draft_ranking_cannot_prepare_a_ballot(five):
    ranking = published(*five, status=Ranking.Status.DRAFT)
    with pytest.raises(DomainError) as refused:
        ballot_setup.session_from_ranking(ranking=ranking, by=None, meeting_date=MEETING)
    assert refused.value.code == "draft"


def test_the_ballot_lists_ranked_units_with_their_figures_for_the_tie_break(five):
    cluster, units = five
    session = ballot_setup.session_from_ranking(
        ranking=published(cluster, units), by=None, meeting_date=MEETING
    )
    leading = session.questions.get(kind=Kind.LEADING_UNIT)
    first = leading.candidates.get(unit=units[0])
    assert first.figures["final"] == "99"
    assert first.figures["group:I"] == "59"
    assert leading.candidates.count() == 5


def test_the_outgoing_leader_does_not_stand_for_next_years_leadership(five):
    cluster, units = five
    session = ballot_setup.session_from_ranking(
        ranking=published(cluster, units), by=None, meeting_date=MEETING
    )
    for kind in (Kind.NEXT_LEADER, Kind.NEXT_DEPUTY):
        standing = set(session.questions.get(kind=kind).candidates.values_list("unit", flat=True))
        assert units[0].pk not in standing
        assert len(standing) == 4


def test_the_score_gate_keeps_units_below_the_minimum_off_the_flag_question(five):
    cluster, units = five
    cluster.policy = {"ballots": {"min_final_score": "97"}}
    cluster.save()
    session = ballot_setup.session_from_ranking(
        ranking=published(cluster, units), by=None, meeting_date=MEETING
    )
    leading = session.questions.get(kind=Kind.LEADING_UNIT)
    standing = set(leading.candidates.values_list("unit", flat=True))
    assert standing == {units[0].pk, units[1].pk, units[2].pk}  # 99, 98 and 97 stand


def test_the_merit_question_waits_for_the_leading_unit_and_leaves_it_out(five):
    cluster, units = five
    ranking = published(cluster, units)
    session = ballot_setup.session_from_ranking(ranking=ranking, by=None, meeting_date=MEETING)
    sessions.session_open(session=session, by=None)
    with pytest.raises(DomainError) as refused:
        ballot_setup.merit_question_add(session=session, ranking=ranking, by=None)
    assert refused.value.code == "unsettled"
    leading = session.questions.get(kind=Kind.LEADING_UNIT)
    vote_all(leading, lambda voter_unit: units[1] if voter_unit != units[1] else units[0])
    merit = ballot_setup.merit_question_add(session=session, ranking=ranking, by=None)
    assert units[1].pk not in set(merit.candidates.values_list("unit", flat=True))
    assert merit.seats == 2  # ⌊5 / 2⌋ by default (law.md §c.4)
    sessions.question_open(question=merit, by=None)
    assert merit.rounds.count() == 1


def test_the_elected_leader_and_deputy_are_recorded_for_next_year(five):
    cluster, units = five
    ranking = published(cluster, units)
    session = ballot_setup.session_from_ranking(ranking=ranking, by=None, meeting_date=MEETING)
    sessions.session_open(session=session, by=None)
    questions = {q.kind: q for q in session.questions.all()}
    vote_all(questions[Kind.LEADING_UNIT], lambda u: units[1] if u != units[1] else units[0])
    vote_all(questions[Kind.NEXT_LEADER], lambda u: units[2] if u != units[2] else units[3])
    vote_all(questions[Kind.NEXT_DEPUTY], lambda u: units[3] if u != units[3] else units[2])
    with pytest.raises(DomainError) as refused:
        ballot_setup.leadership_from_ballot(session=session, by=None)
    assert refused.value.code == "not_closed"
    sessions.session_close(session=session, by=None)
    ballot_setup.leadership_from_ballot(session=session, by=None)
    seats = dict(
        ClusterLeadership.objects.filter(cluster=cluster, year=2024).values_list("role", "unit")
    )
    assert seats == {"leader": units[2].pk, "deputy": units[3].pk}
    ballot_setup.leadership_from_ballot(session=session, by=None)  # twice: nothing new
    assert ClusterLeadership.objects.filter(cluster=cluster, year=2024).count() == 2


def test_a_seat_already_held_by_another_unit_is_not_overwritten(five):
    cluster, units = five
    org_services.cluster_leadership_set(
        cluster=cluster, year=2024, role="leader", unit=units[4], by=None
    )
    ranking = published(cluster, units)
    session = ballot_setup.session_from_ranking(ranking=ranking, by=None, meeting_date=MEETING)
    sessions.session_open(session=session, by=None)
    questions = {q.kind: q for q in session.questions.all()}
    vote_all(questions[Kind.LEADING_UNIT], lambda u: units[1] if u != units[1] else units[0])
    vote_all(questions[Kind.NEXT_LEADER], lambda u: units[2] if u != units[2] else units[3])
    vote_all(questions[Kind.NEXT_DEPUTY], lambda u: units[3] if u != units[3] else units[2])
    sessions.session_close(session=session, by=None)
    with pytest.raises(DomainError) as refused:
        ballot_setup.leadership_from_ballot(session=session, by=None)
    assert refused.value.code == "leadership_taken"
    assert BallotSession.objects.get(pk=session.pk).status == BallotSession.Status.CLOSED
