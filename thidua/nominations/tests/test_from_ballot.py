"""From Cluster 6's closed year-end ballot to its proposal: the leader of the year proposes the
units the meeting elected, each dossier prepared by the unit itself."""

from datetime import date

import pytest

from thidua.awards.services import freeze_open
from thidua.ballots.models import Question
from thidua.ballots.services import rounds, sessions, voting
from thidua.core.errors import DomainError
from thidua.nominations.models import BatchMove
from thidua.nominations.services.appraisal import checklist_for
from thidua.nominations.services.from_ballot import batch_from_ballot
from thidua.nominations.tests.factories import ready

Kind = Question.Kind


def question(session, kind, *units):
    asked = sessions.question_add(session=session, kind=kind, title=kind, seats=1, by=None)
    for unit in units:
        sessions.candidate_add(question=asked, unit=unit, by=None)
    return asked


def everyone_chooses(asked, unit) -> None:
    rnd = asked.rounds.get(number=1)
    choice = rnd.candidates.get(unit=unit).pk
    for voter in asked.session.voters.all():
        voting.ballot_cast(round=rnd, voter=voter, candidate_ids=[choice], by=None)
    rounds.round_close(round=rnd, by=None)


def year_end_ballot(world, *, close=True):
    """Cluster 6's 2023 meeting: "dn" leads (flag), "cq" is proposed for a Bằng khen."""
    ready()
    session = sessions.session_create(
        by=None, year=2023, cluster=world.cluster6, title="Hội nghị tổng kết 2023",
        meeting_date=date(2023, 12, 22), policy={"self_vote_allowed": True},
    )  # fmt: skip
    leading = question(session, Kind.LEADING_UNIT, world.dn, world.cq)
    merit = question(session, Kind.MERIT_UNITS, world.cq, world.dn)
    sessions.session_open(session=session, by=None)
    everyone_chooses(leading, world.dn)
    everyone_chooses(merit, world.cq)
    if close:
        sessions.session_close(session=session, by=None)
    return session


def from_ballot(world, session, **kwargs):
    return batch_from_ballot(
        session=session, awarding_unit=world.btctw, by=world.leader_officer, **kwargs
    )


def nominees(batch) -> set:
    return {(d.unit, d.award.code) for d in batch.dossiers.select_related("unit", "award")}


def test_the_proposal_holds_a_dossier_for_each_elected_unit_only(world):
    batch = from_ballot(world, year_end_ballot(world))
    assert nominees(batch) == {(world.dn, "CO_BTCTW"), (world.cq, "BK_BTCTW_TT")}


def test_the_cluster_leader_of_the_year_proposes_from_the_ballot(world):
    session = year_end_ballot(world)
    batch = from_ballot(world, session)
    assert (batch.proposer, batch.cluster, batch.ballot_session) == (
        world.dn,
        world.cluster6,
        session,
    )
    assert (batch.year, batch.route.code) == (2023, "sector")


def test_each_dossier_is_prepared_by_the_elected_unit_and_linked_to_its_ballot_line(world):
    batch = from_ballot(world, year_end_ballot(world))
    dossier = batch.dossiers.get(unit=world.cq)
    assert dossier.owner_unit == world.cq
    assert (dossier.ballot_candidate.unit, dossier.ballot_candidate.question.kind) == (
        world.cq,
        Kind.MERIT_UNITS,
    )


def test_an_open_ballot_makes_no_proposal(world):
    with pytest.raises(DomainError) as caught:
        from_ballot(world, year_end_ballot(world, close=False))
    assert caught.value.code == "not_closed"


def test_a_second_proposal_from_the_same_ballot_is_refused(world):
    session = year_end_ballot(world)
    from_ballot(world, session)
    with pytest.raises(DomainError) as caught:
        from_ballot(world, session)
    assert caught.value.code == "exists"


def test_the_awards_for_each_question_can_be_chosen(world):
    batch = from_ballot(world, year_end_ballot(world), award_for_kind={"leading_unit": "CO_BO"})
    assert (world.dn, "CO_BO") in nominees(batch)


def test_an_elected_unit_under_inspection_is_left_out_and_named(world):
    freeze_open(by=None, kind="inspection", opened_on=date(2024, 2, 1), unit=world.cq)
    batch = from_ballot(world, year_end_ballot(world))
    assert nominees(batch) == {(world.dn, "CO_BTCTW")}
    created = batch.moves.get(action=BatchMove.Action.CREATE)
    assert created.detail["left_out_frozen"] == [{"name": world.cq.name, "award": "BK_BTCTW_TT"}]


def test_the_closed_ballot_counts_as_the_cluster_minutes_of_the_flag(world):
    batch = from_ballot(world, year_end_ballot(world))
    rows = {row["code"]: row for row in checklist_for(batch.dossiers.get(unit=world.dn))}
    assert (rows["cluster_minutes"]["required"], rows["cluster_minutes"]["state"]) == (
        True,
        "present",
    )
