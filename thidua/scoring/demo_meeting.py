"""Cluster 6's 2023 year-end meeting in the demo: the secret ballot prepared from the published
ranking (leading unit, Bằng khen units after a tie and a re-vote, individuals proposed for a
Bằng khen, next leader and deputy), closed, and the rotation recorded (votes in demo_plan)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from thidua.ballots.models import BallotSession, Question, Round, SessionEvent
from thidua.ballots.services import rounds as ballot_rounds
from thidua.ballots.services import sessions as ballot_sessions
from thidua.ballots.services import voting
from thidua.campaigns.demo_data import at
from thidua.org.models import Person
from thidua.scoring import demo_plan as plan
from thidua.scoring.models import Ranking
from thidua.scoring.services import ballot_setup

Kind = Question.Kind
INDIVIDUALS_TITLE = "Cá nhân đề nghị tặng Bằng khen của Ban Tổ chức Trung ương"


class Meeting:
    def __init__(self, ranking: Ranking, leader: Any, created: Counter[str]) -> None:
        self.ranking, self.leader, self.created = ranking, leader, created

    def vote(self, rnd: Round, marks: dict[str, list[str | int]]) -> None:
        """Each member unit's online ballot: the units (by code) or candidates (by id) it marks."""
        ids: dict[str | int, int] = {}
        for candidate in rnd.candidates.select_related("unit"):
            ids[candidate.unit.code if candidate.unit else candidate.pk] = candidate.pk
        for voter in rnd.question.session.voters.select_related("unit"):
            chosen = [ids[key] for key in marks.get(voter.unit.code, []) if key in ids]
            if chosen:
                voting.ballot_cast(round=rnd, voter=voter, candidate_ids=chosen, by=None)
                self.created["ballots"] += 1

    def hold(self, question: Question, marks: dict[str, list[str]]) -> dict[str, Any]:
        rnd = question.rounds.order_by("-number").first()
        self.vote(rnd, marks)
        return ballot_rounds.round_close(round=rnd, by=self.leader)

    def individuals(self, session: BallotSession) -> Question:
        """The seed's six Bằng khen for individuals: seven people put forward by the members."""
        question = ballot_sessions.question_add(
            session=session, kind=Kind.TITLE, seats=plan.INDIVIDUAL_MERIT_SEATS, by=self.leader,
            award_code="BK_BTCTW", title=INDIVIDUALS_TITLE,
        )  # fmt: skip
        for voter in session.voters.select_related("unit").order_by("label"):
            people = Person.objects.filter(unit__path__startswith=voter.unit.path)
            count = plan.INDIVIDUALS_PUT_FORWARD.get(voter.unit.code, 1)
            for person in people.order_by("sort_name", "pk")[:count]:
                label = f"{person.full_name} ({voter.unit.short_name or voter.unit.name})"
                ballot_sessions.candidate_add(
                    question=question, person=person, label=label, by=self.leader
                )
        ballot_sessions.question_open(question=question, by=self.leader)
        return question

    def individual_marks(self, question: Question) -> dict[str, list[str | int]]:
        ids = list(question.candidates.order_by("order").values_list("pk", flat=True))
        keep = ids[: plan.INDIVIDUAL_MERIT_SEATS]
        # One unit prefers the last person to the sixth: the seventh gets a single vote.
        swapped = [*keep[:-1], ids[-1]] if len(ids) > len(keep) else keep
        return {code: (swapped if code == "CCB-TCCT" else keep) for code in plan.LEVEL}

    def run(self) -> BallotSession:
        session = ballot_setup.session_from_ranking(
            ranking=self.ranking, by=self.leader, meeting_date=plan.MEETING_DATE,
            meeting_place=plan.MEETING_PLACE, chair_name=plan.CHAIR,
            secretary_name=plan.SECRETARY,
        )  # fmt: skip
        ballot_sessions.session_open(session=session, by=self.leader)
        questions = {q.kind: q for q in session.questions.all()}
        self.hold(questions[Kind.LEADING_UNIT], plan.LEADING_VOTES)
        merit = ballot_setup.merit_question_add(
            session=session, ranking=self.ranking, by=self.leader
        )
        ballot_sessions.question_open(question=merit, by=self.leader)
        first = self.hold(merit, plan.MERIT_VOTES_ROUND_1)
        if first["revote_among"]:
            ballot_rounds.revote_open(
                round=merit.rounds.get(number=1), by=self.leader,
                reason="Hai đơn vị bằng phiếu ở suất thứ hai; bỏ phiếu lại theo quy chế của Cụm.",
            )  # fmt: skip
            self.hold(merit, plan.MERIT_VOTES_ROUND_2)
        people = self.individuals(session)
        self.hold(people, self.individual_marks(people))
        everyone_but = {code: [] for code in plan.LEVEL}
        self.hold(questions[Kind.NEXT_LEADER], self.unanimous(plan.NEXT_LEADER, everyone_but))
        self.hold(questions[Kind.NEXT_DEPUTY], self.unanimous(plan.NEXT_DEPUTY, everyone_but))
        session = ballot_sessions.session_close(session=session, by=self.leader)
        ballot_setup.leadership_from_ballot(session=session, by=self.leader)
        self.date(session)
        self.created["ballot sessions"] += 1
        return session

    @staticmethod
    def unanimous(code: str, marks: dict[str, list[str]]) -> dict[str, list[str]]:
        """Every member marks the unit, except the unit itself (no self-vote)."""
        return {voter: ([] if voter == code else [code]) for voter in marks}

    @staticmethod
    def date(session: BallotSession) -> None:
        """The meeting took place on plan.MEETING_DATE, not on the day the demo was loaded."""
        BallotSession.objects.filter(pk=session.pk).update(
            opened_at=at(plan.MEETING_DATE, 8), closed_at=at(plan.MEETING_DATE, 11)
        )
        SessionEvent.objects.filter(session=session).update(at=at(plan.MEETING_DATE, 9))
        Round.objects.filter(question__session=session).update(
            opened_at=at(plan.MEETING_DATE, 9), closed_at=at(plan.MEETING_DATE, 10)
        )
