"""The emulation council's vote on a proposal, through the ballots module.

law.md §e.1 (row 4): the council of the awarding body considers the titles above the unit level
and votes on them with its own rules (ballots: the council's policy is snapshotted into the
session). ND 98/2023 Art. 46(2) / ND 152/2025 Art. 44(2): the council meets only after the public
posting window, so a meeting date on or before the posting's last day is refused."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.awards.models import AwardType
from thidua.ballots.models import BallotSession, Candidate, Question
from thidua.ballots.selectors.sessions import question_outcome
from thidua.ballots.services import sessions as ballot_sessions
from thidua.core.audit import save_audited
from thidua.core.errors import DomainError
from thidua.nominations.models import Batch, Dossier, Route, RouteStep
from thidua.nominations.permissions import step_actor
from thidua.nominations.services.postings import current_posting, locked_batch
from thidua.org.models import Council
from thidua.org.permissions import is_system_admin

Council_ = Dossier.Council


def vote_needed(route: Route, award: AwardType) -> bool:
    """Whether the council votes on `award`: the route's list when it names awards, otherwise
    every emulation title above the unit level (law.md §e.1, row 4)."""
    if route.vote_awards:
        return award.code in route.vote_awards
    return award.kind == "title" and award.level != "unit"


def voted_dossiers(batch: Batch) -> list[Dossier]:
    """The nominees the council considers: included and passed by appraisal."""
    return list(
        batch.dossiers.filter(status=Dossier.Status.INCLUDED, appraisal=Dossier.Appraisal.PASSED)
        .select_related("award", "person", "unit")
        .order_by("award__sort_order", "award__code", "pk")
    )


def needs_posting(batch: Batch) -> bool:
    """Whether the proposal goes through a public posting step that is not skipped for it."""
    posts = [step for step in batch.route.steps.all() if step.kind == RouteStep.Kind.POST]
    if not posts:
        return False
    try:
        from thidua.nominations.services.routing import is_skipped  # the routing part's rules
    except ImportError:  # pragma: no cover - until the routing part lands
        return any(step.skip != RouteStep.Skip.ALWAYS for step in posts)
    return any(not is_skipped(step, batch) for step in posts)


def _check_actor(batch: Batch, by: Any) -> None:
    step = batch.step
    live = (Batch.Status.IN_PROGRESS, Batch.Status.RETURNED)  # returned to the vote step: again
    if batch.status not in live or step is None or step.kind != RouteStep.Kind.VOTE:
        raise DomainError(
            _("The council vote can be prepared only when the proposal is at its council step."),
            code="not_vote_step",
        )
    if not (by is None or is_system_admin(by) or step_actor(by, batch, step.actor)):
        raise DomainError(
            _("Only the emulation secretariat of the awarding body can prepare the council vote."),
            code="not_actor",
        )


def _check_after_posting(batch: Batch, meeting_date: date) -> None:
    posting = current_posting(batch)
    if posting is None and needs_posting(batch):
        raise DomainError(
            _("Post the nominees publicly before scheduling the council meeting."),
            field="meeting_date",
            code="not_posted",
        )
    if posting is not None and meeting_date <= posting.ends_on:
        raise DomainError(
            _("The council meeting cannot be scheduled before the public posting ends: it ends "
              "on %(date)s, so the meeting must be on a later day.")
            % {"date": posting.ends_on.strftime("%d/%m/%Y")},
            field="meeting_date",
            code="during_posting",
        )  # fmt: skip


def _council_of(batch: Batch, council: Council | None) -> Council:
    if council is not None:
        if council.unit_id != batch.awarding_unit_id:
            raise DomainError(_("Choose a council of the awarding body."), field="council")
        return council
    found = batch.awarding_unit.councils.order_by("pk").first()
    if found is None:
        raise DomainError(
            _("The awarding body has no emulation council: add one first."), field="council"
        )
    return found


@transaction.atomic
def council_session_create(
    *, batch: Batch, by: Any, meeting_date: date, council: Council | None = None
) -> BallotSession:
    """A draft council session with one question per award that needs a vote (as many seats as
    nominees for it); its candidates are the appraised nominees."""
    batch = locked_batch(batch)
    _check_actor(batch, by)
    current = batch.council_session
    if current is not None and current.status != BallotSession.Status.CLOSED:
        raise DomainError(
            _("A council vote is already being prepared for this proposal."), code="exists"
        )
    _check_after_posting(batch, meeting_date)
    by_award: dict[AwardType, list[Dossier]] = defaultdict(list)
    for dossier in voted_dossiers(batch):
        if vote_needed(batch.route, dossier.award):
            by_award[dossier.award].append(dossier)
    if not by_award:
        raise DomainError(_("No nominee of this proposal needs a council vote."), code="no_vote")
    title = _("Council meeting on: %(title)s") % {"title": batch.title}
    session = ballot_sessions.session_create(
        by=by, year=batch.year, title=title[:300], council=_council_of(batch, council),
        meeting_date=meeting_date,
    )  # fmt: skip
    for award, dossiers in by_award.items():
        question = ballot_sessions.question_add(
            session=session, kind=Question.Kind.TITLE, title=award.name[:300],
            seats=len(dossiers), award_code=award.code, by=by,
        )  # fmt: skip
        for dossier in dossiers:
            ballot_sessions.candidate_add(
                question=question, person=dossier.person, unit=dossier.unit,
                label=str(dossier.subject), by=by,
            )  # fmt: skip
    batch.council_session = session
    save_audited(batch, by=by, reason=_("Council vote prepared."), clean=False)
    return session


def _subject_key(row: Dossier | Candidate) -> tuple[str, int]:
    return ("person", row.person_id) if row.person_id else ("unit", row.unit_id)


def _elected_subjects(session: BallotSession) -> set[tuple[str, str, int]]:
    """(award code, "person"/"unit", id) of every candidate the council elected."""
    elected = set()
    for question in session.questions.filter(kind=Question.Kind.TITLE):
        chosen = set(question_outcome(question)["elected"])
        for candidate in question.candidates.filter(pk__in=chosen):
            kind, pk = (
                ("person", candidate.person_id)
                if candidate.person_id
                else ("unit", candidate.unit_id)
            )
            elected.add((question.award_code, kind, pk))
    return elected


@transaction.atomic
def council_results_apply(*, batch: Batch, by: Any) -> dict[str, int]:
    """Record the council's result on each appraised nominee: elected or not for the awards it
    voted on, "no vote needed" for the others. Returns how many nominees got each result."""
    batch = locked_batch(batch)
    _check_actor(batch, by)
    dossiers = voted_dossiers(batch)
    voted = [d for d in dossiers if vote_needed(batch.route, d.award)]
    session = batch.council_session
    if voted and (session is None or session.status != BallotSession.Status.CLOSED):
        raise DomainError(
            _("Close the council's vote before recording its results."), code="not_closed"
        )
    elected = _elected_subjects(session) if voted else set()
    counts: dict[str, int] = defaultdict(int)
    for dossier in dossiers:
        if dossier in voted:
            subject = (
                ("person", dossier.person_id) if dossier.person_id else ("unit", dossier.unit_id)
            )
            result = (
                Council_.ELECTED
                if (dossier.award.code, *subject) in elected
                else Council_.NOT_ELECTED
            )
        else:
            result = Council_.NOT_REQUIRED
        counts[result] += 1
        if dossier.council != result:
            dossier.council = result
            save_audited(dossier, by=by, reason=_("Council results recorded."), clean=False)
    return dict(counts)


def council_results_recorded(batch: Batch) -> bool:
    """True when every appraised nominee has a council result (there must be at least one)."""
    results = [d.council for d in voted_dossiers(batch)]
    return bool(results) and Council_.PENDING not in results
