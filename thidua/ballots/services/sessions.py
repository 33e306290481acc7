"""Writes to ballot sessions: create (with the roll and the policy snapshot), attendance,
questions and candidates, open and close.

A session keeps the voting rules it was created under (`policy`): the cluster's or council's
rules (law.md §c.4 [U]: thresholds and tie-breaks are not fixed by law) with the session's own
overrides on top, so a later change of the rules cannot change a vote already held."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.ballots import rules
from thidua.ballots.models import BallotSession, Candidate, Question, Round, SessionEvent, Voter
from thidua.ballots.selectors.sessions import question_outcome, question_pending
from thidua.core.audit import actor, delete_audited, save_audited
from thidua.core.errors import DomainError
from thidua.org.models import Cluster, Council, Person, Unit
from thidua.org.selectors import cluster_members

S = BallotSession.Status
Kind = Question.Kind
TRANSITIONS: dict[str, set[str]] = {S.DRAFT: {S.OPEN}, S.OPEN: {S.CLOSED}, S.CLOSED: set()}
# Questions about units of the cluster: their candidates are units on the roll.
UNIT_KINDS = {Kind.LEADING_UNIT, Kind.MERIT_UNITS, Kind.NEXT_LEADER, Kind.NEXT_DEPUTY}
# Questions whose candidates pass the score gate (min final score, top k): the awards. Choosing
# the next leader or deputy is a rotation, not a prize, so the gate does not apply to it.
GATED_KINDS = {Kind.LEADING_UNIT, Kind.MERIT_UNITS}


# ---- helpers shared by the ballots services ----------------------------------------------------
def session_policy(session: BallotSession) -> rules.Policy:
    return rules.Policy.from_dict(session.policy)


def record_event(
    *,
    session: BallotSession,
    action: str,
    by: Any,
    round: Round | None = None,
    reason: str = "",
    detail: dict | None = None,
) -> SessionEvent:
    return SessionEvent.objects.create(
        session=session, round=round, action=action, by=actor(by), reason=reason,
        detail=detail or {},
    )  # fmt: skip


def check_status(session: BallotSession, *allowed: str) -> None:
    if session.status in allowed:
        return
    if session.status == S.CLOSED:
        raise DomainError(_("This session is closed."), code="session_closed")
    if session.status == S.OPEN:
        raise DomainError(
            _("Voting has already been opened in this session: this can no longer be changed."),
            code="session_open",
        )
    raise DomainError(_("Voting has not been opened in this session yet."), code="session_draft")


def _move(session: BallotSession, *, to: str, by: Any, reason: str = "") -> None:
    """The one place a session changes status, with its event row."""
    if to not in TRANSITIONS[session.status]:
        check_status(session, *[s for s, nexts in TRANSITIONS.items() if to in nexts])
    session.status = to
    now = timezone.now()
    if to == S.OPEN:
        session.opened_at = now
    if to == S.CLOSED:
        session.closed_at = now
    save_audited(session, by=by, reason=reason, clean=False)
    action = SessionEvent.Action.OPENED if to == S.OPEN else SessionEvent.Action.CLOSED
    record_event(session=session, action=action, by=by, reason=reason)


# ---- the session and its roll ------------------------------------------------------------------
@transaction.atomic
def session_create(
    *,
    by: Any,
    year: int,
    title: str,
    cluster: Cluster | None = None,
    council: Council | None = None,
    meeting_date: dt.date | None = None,
    meeting_place: str = "",
    chair_name: str = "",
    secretary_name: str = "",
    policy: dict | None = None,
) -> BallotSession:
    """A draft session with its roll: the cluster's member units on the meeting date, or the
    council's members whose seat is open on that date (today when no date is set)."""
    if (cluster is None) == (council is None):
        raise DomainError(_("Choose either a cluster or a council."), field="cluster")
    owner = cluster or council
    overrides = policy or {}
    try:
        snapshot = rules.Policy.from_dict(
            {**((owner.policy or {}).get("ballots") or {}), **overrides}
        ).to_dict()
    except ValueError as exc:
        raise DomainError(
            _("The voting rules are not valid: %(problem)s") % {"problem": exc},
            field="policy",
            code="policy",
        ) from exc
    session = BallotSession(
        cluster=cluster, council=council, year=year, title=title.strip(),
        meeting_date=meeting_date, meeting_place=meeting_place, chair_name=chair_name,
        secretary_name=secretary_name, policy=snapshot, created_by=actor(by),
    )  # fmt: skip
    save_audited(session, by=by)
    on = meeting_date or timezone.localdate()
    lines = _cluster_roll(cluster, on) if cluster else _council_roll(council, on)
    if not lines:
        raise DomainError(
            _("Nobody can vote: the roll would be empty on %(date)s.")
            % {"date": on.strftime("%d/%m/%Y")},
            field="meeting_date",
            code="empty_roll",
        )
    for line in lines:
        line.session = session
        save_audited(line, by=by)
    return session


def _cluster_roll(cluster: Cluster, on: dt.date) -> list[Voter]:
    units = {m.unit_id: m.unit for m in cluster_members(cluster, on=on)}
    return [Voter(unit=unit, label=unit.name) for unit in units.values()]


def _council_roll(council: Council, on: dt.date) -> list[Voter]:
    seats = (
        council.seats.select_related("person")
        .filter(start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .order_by("person__sort_name", "pk")
    )
    people = {seat.person_id: seat.person for seat in seats}  # one line even with two seats
    return [Voter(person=p, user_id=p.user_id, label=p.full_name) for p in people.values()]


@transaction.atomic
def voter_set_attendance(*, voter: Voter, attendance: str, by: Any) -> Voter:
    voter = Voter.objects.select_for_update().select_related("session").get(pk=voter.pk)
    check_status(voter.session, S.DRAFT, S.OPEN)
    if attendance not in Voter.Attendance.values:
        raise DomainError(_("Choose how this member attended."), field="attendance")
    if (
        attendance == Voter.Attendance.ABSENT
        and voter.marks.filter(round__status=Round.Status.OPEN).exists()
    ):
        # The vote stands; marking the voter absent now would make the count disagree with it.
        raise DomainError(
            _("%(voter)s has already voted in an open round and cannot be marked absent.")
            % {"voter": voter.label},
            field="attendance",
            code="already_voted",
        )
    voter.attendance = attendance
    save_audited(voter, by=by)
    return voter


# ---- questions and candidates ------------------------------------------------------------------
@transaction.atomic
def question_add(
    *, session: BallotSession, kind: str, title: str, seats: int, by: Any, award_code: str = ""
) -> Question:
    session = BallotSession.objects.select_for_update().get(pk=session.pk)
    # A question may be added during the meeting too (e.g. the Bằng khen question once the
    # leading unit is chosen); it opens with `question_open`.
    check_status(session, S.DRAFT, S.OPEN)
    if kind not in Kind.values:
        raise DomainError(_("Choose what the question is about."), field="kind")
    if kind in {Kind.NEXT_LEADER, Kind.NEXT_DEPUTY} and not session.cluster_id:
        raise DomainError(
            _("Only a cluster chooses its next leader and deputy."), field="kind", code="kind"
        )
    _check_seats(session, kind, seats)
    question = Question(
        session=session, kind=kind, title=title.strip(), seats=seats,
        award_code=award_code.strip(), order=session.questions.count(),
    )  # fmt: skip
    save_audited(question, by=by)
    return question


def _check_seats(session: BallotSession, kind: str, seats: int) -> None:
    policy = session_policy(session)
    if seats < 1:
        raise DomainError(
            _("The number to choose must be at least one."), field="seats", code="seats"
        )
    if kind in {Kind.NEXT_LEADER, Kind.NEXT_DEPUTY} and seats != 1:
        raise DomainError(_("The cluster has one leader and one deputy."), field="seats")
    if kind == Kind.LEADING_UNIT and seats > policy.max_flags - _taken(session, kind):
        raise DomainError(
            _("The voting rules allow at most %(count)s leading unit(s) a year.")
            % {"count": policy.max_flags},
            field="seats",
            code="seats",
        )
    if kind == Kind.MERIT_UNITS:
        allowed = rules.merit_seats(policy, session.voters.count()) - _taken(session, kind)
        if seats > allowed:
            raise DomainError(
                _("The voting rules allow at most %(count)s unit(s) to be proposed for a "
                  "certificate of merit.") % {"count": allowed},
                field="seats",
                code="seats",
            )  # fmt: skip


def _taken(session: BallotSession, kind: str) -> int:
    """Seats of this kind the cluster's other sessions of the year already gave: the policy's
    maxima are per cluster and year, not per session (a session set up by mistake gives none)."""
    if not session.cluster_id:
        return 0
    others = Question.objects.filter(
        kind=kind, session__cluster_id=session.cluster_id, session__year=session.year
    ).exclude(session=session)
    return sum(len(question_outcome(question)["elected"]) for question in others)


@transaction.atomic
def candidate_add(
    *,
    question: Question,
    by: Any,
    unit: Unit | None = None,
    person: Person | None = None,
    label: str = "",
    figures: dict | None = None,
) -> Candidate:
    """A candidate of the question. Units of a cluster's session come from its roll; award
    questions refuse a candidate the policy's score gate keeps out, saying why."""
    question = Question.objects.select_for_update().select_related("session").get(pk=question.pk)
    session = question.session
    check_status(session, S.DRAFT, S.OPEN)
    _check_not_started(question)
    _check_candidate_subject(question, unit=unit, person=person)
    candidate = Candidate(
        question=question, unit=unit, person=person,
        label=(label or str(unit or person)).strip(), figures=_clean_figures(figures),
        order=question.candidates.count(),
    )  # fmt: skip
    if question.kind in GATED_KINDS:
        _check_gate([*question.candidates.all(), candidate], session, only=candidate)
    save_audited(candidate, by=by)
    return candidate


@transaction.atomic
def candidate_remove(*, candidate: Candidate, by: Any) -> None:
    """Take a candidate off a question before voting opens (e.g. one a better score pushed out of
    the top k)."""
    check_status(candidate.question.session, S.DRAFT, S.OPEN)
    _check_not_started(candidate.question)
    delete_audited(candidate, by=by)


def _check_not_started(question: Question) -> None:
    if question.rounds.exists():
        raise DomainError(
            _("Voting on this question has begun: its candidates can no longer change."),
            code="question_started",
        )


def _check_candidate_subject(question: Question, *, unit: Unit | None, person: Person | None):
    if (unit is None) == (person is None):
        raise DomainError(_("Choose a unit or a person."), field="unit", code="subject")
    if question.kind in UNIT_KINDS and unit is None:
        raise DomainError(_("This question is about units: choose a unit."), field="unit")
    session = question.session
    if unit is not None and session.cluster_id and not session.voters.filter(unit=unit).exists():
        raise DomainError(
            _("%(unit)s is not on the roll of this session.") % {"unit": unit},
            field="unit",
            code="not_member",
        )
    taken = (
        question.candidates.filter(unit=unit) if unit else question.candidates.filter(person=person)
    )
    if taken.exists():
        raise DomainError(
            _("%(name)s is already a candidate.") % {"name": unit or person},
            field="person" if person else "unit",
            code="duplicate",
        )


def _clean_figures(figures: dict | None) -> dict[str, str]:
    """Exact figures as text (`Fraction` reads them back): "93.5", "262/3"."""
    cleaned = {}
    for key, value in (figures or {}).items():
        try:
            if isinstance(value, bool):
                raise ValueError
            cleaned[str(key)] = rules.fraction_text(Fraction(str(value).strip()))
        except (ValueError, ZeroDivisionError):
            raise DomainError(
                _("The figure %(name)s is not a number.") % {"name": key},
                field="figures",
                code="figures",
            ) from None
    return cleaned


def contender_of(candidate: Candidate) -> rules.Contender:
    return rules.Contender(
        key=str(candidate.pk or 0),
        figures={k: Fraction(v) for k, v in (candidate.figures or {}).items()},
    )


def _check_gate(
    candidates: list[Candidate], session: BallotSession, *, only: Candidate | None = None
) -> None:
    """Refuse with the reason of the first candidate the gate keeps out (or of `only`)."""
    by_key = {}
    contenders = []
    for position, candidate in enumerate(candidates):
        contender = rules.Contender(key=str(position), figures=contender_of(candidate).figures)
        by_key[contender.key] = candidate
        contenders.append(contender)
    policy = session_policy(session)
    _admitted, refused = rules.gate(contenders, policy)
    for contender, reason in refused:
        candidate = by_key[contender.key]
        if only is None or candidate is only:
            raise DomainError(
                _gate_message(candidate, reason, policy), field="figures", code=reason
            )


def _gate_message(candidate: Candidate, reason: str, policy: rules.Policy) -> str:
    if "final" not in (candidate.figures or {}):
        return _(
            "%(name)s cannot stand: the voting rules need a final score and none was given."
        ) % {"name": candidate.label}
    if reason == "below_min_score":
        return _("%(name)s cannot stand: the final score is below the minimum of %(minimum)s.") % {
            "name": candidate.label,
            "minimum": rules.fraction_text(policy.min_final_score),
        }
    return _("%(name)s cannot stand: only the %(count)s best final scores may stand.") % {
        "name": candidate.label,
        "count": policy.top_k,
    }


# ---- open and close ----------------------------------------------------------------------------
@transaction.atomic
def session_open(*, session: BallotSession, by: Any) -> BallotSession:
    """Draft → open: round 1 of every question opens, with all its candidates."""
    session = BallotSession.objects.select_for_update().get(pk=session.pk)
    check_status(session, S.DRAFT)
    questions = list(session.questions.prefetch_related("candidates"))
    if not questions:
        raise DomainError(_("Add at least one question before opening the vote."), code="empty")
    for question in questions:
        _check_ready(question, session)
    _move(session, to=S.OPEN, by=by)
    for question in questions:
        round_start(question=question, number=1, seats=question.seats,
                    candidates=list(question.candidates.all()), by=by)  # fmt: skip
    return session


def _check_ready(question: Question, session: BallotSession) -> None:
    candidates = list(question.candidates.all())
    if not candidates:
        raise DomainError(
            _("The question “%(question)s” has no candidates.") % {"question": question.title},
            code="no_candidates",
        )
    if question.kind in GATED_KINDS:
        _check_gate(candidates, session)


@transaction.atomic
def question_open(*, question: Question, by: Any) -> Round:
    """Open round 1 of a question added after voting began."""
    question = Question.objects.select_for_update().select_related("session").get(pk=question.pk)
    check_status(question.session, S.OPEN)
    _check_not_started(question)
    _check_ready(question, question.session)
    return round_start(question=question, number=1, seats=question.seats,
                       candidates=list(question.candidates.all()), by=by)  # fmt: skip


def round_start(
    *, question: Question, number: int, seats: int, candidates: list[Candidate], by: Any,
    reason: str = "",
) -> Round:  # fmt: skip
    rnd = Round(question=question, number=number, seats=seats, reason=reason)
    save_audited(rnd, by=by, clean=False)
    rnd.candidates.set(candidates)
    record_event(
        session=question.session, round=rnd, action=SessionEvent.Action.ROUND_OPENED, by=by,
        reason=reason, detail={"question": question.pk, "number": number, "seats": seats},
    )  # fmt: skip
    return rnd


@transaction.atomic
def session_close(*, session: BallotSession, by: Any) -> BallotSession:
    """Open → closed, once every question is settled: no round open, no tie waiting for a re-vote
    or for the chair."""
    session = BallotSession.objects.select_for_update().get(pk=session.pk)
    check_status(session, S.OPEN)
    for question in session.questions.all():
        problem = question_pending(question)
        if problem:
            raise DomainError(problem, code="unsettled")
    _move(session, to=S.CLOSED, by=by)
    return session
