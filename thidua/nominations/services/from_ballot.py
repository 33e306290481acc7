"""From a cluster's year-end ballot to its proposal (law.md §c.2 step 3 → §e.1 row 5): the cluster
leader of the year proposes the units the meeting elected — the leading unit for the flag, the
excellent units for a Bằng khen, and any title the meeting voted on."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.awards.models import AwardType
from thidua.ballots.models import BallotSession, Candidate, Question
from thidua.ballots.selectors.sessions import question_outcome
from thidua.core.errors import DomainError
from thidua.nominations.models import Batch
from thidua.nominations.services.dossiers import batch_create, dossier_add, open_freeze
from thidua.org.models import ClusterLeadership, Unit

Kind = Question.Kind
# The sector's awards for what a cluster votes on (law.md §d); `award_for_kind` replaces them.
DEFAULT_AWARDS = {Kind.LEADING_UNIT: "CO_BTCTW", Kind.MERIT_UNITS: "BK_BTCTW_TT"}
AWARD_KINDS = (Kind.LEADING_UNIT, Kind.MERIT_UNITS, Kind.TITLE)


def _award_code(question: Question, award_for_kind: dict[str, str]) -> str:
    code = award_for_kind.get(question.kind) or (
        question.award_code if question.kind == Kind.TITLE else DEFAULT_AWARDS[question.kind]
    )
    if not code:
        raise DomainError(
            _("The question “%(question)s” names no award.") % {"question": question.title},
            field="award_for_kind",
            code="no_award",
        )
    return code


def elected(session: BallotSession, award_for_kind: dict[str, str]) -> list[tuple[Candidate, str]]:
    """(candidate, award code) for everyone the session's award questions elected."""
    chosen = []
    for question in session.questions.filter(kind__in=AWARD_KINDS).order_by("order", "pk"):
        code = _award_code(question, award_for_kind)
        ids = question_outcome(question)["elected"]
        by_pk = {cand.pk: cand for cand in question.candidates.select_related("unit", "person")}
        chosen += [(by_pk[pk], code) for pk in ids]
    return chosen


def _leader(session: BallotSession) -> Unit:
    seat = ClusterLeadership.objects.filter(
        cluster=session.cluster, year=session.year, role=ClusterLeadership.Role.LEADER
    ).first()
    if seat is None:
        raise DomainError(
            _("%(cluster)s has no leader recorded for %(year)s.")
            % {"cluster": session.cluster, "year": session.year},
            code="no_leader",
        )
    return seat.unit


def _check_session(session: BallotSession) -> None:
    if session.cluster_id is None or session.status != BallotSession.Status.CLOSED:
        raise DomainError(_("Close the cluster's ballot session first."), code="not_closed")
    made = Batch.objects.filter(ballot_session=session).exclude(status=Batch.Status.WITHDRAWN)
    if made.exists():
        raise DomainError(
            _("A proposal was already made from this ballot: “%(title)s”.")
            % {"title": made.first().title},
            code="exists",
        )


@transaction.atomic
def batch_from_ballot(
    *, session: BallotSession, awarding_unit: Unit, by: Any,
    award_for_kind: dict[str, str] | None = None,
) -> Batch:  # fmt: skip
    """One proposal from the closed ballot, by the cluster leader of its year, with a dossier
    for each elected unit (prepared by that unit). A subject under verification is left out and
    named in the proposal's first move (ND 152 Art. 4)."""
    session = BallotSession.objects.select_related("cluster").get(pk=session.pk)
    _check_session(session)
    chosen = elected(session, award_for_kind or {})
    awards = {a.code: a for a in AwardType.objects.filter(code__in={code for _c, code in chosen})}
    unknown = sorted({code for _c, code in chosen} - set(awards))
    if unknown:
        raise DomainError(
            _("These awards are not in the catalogue: %(codes)s.") % {"codes": ", ".join(unknown)},
            field="award_for_kind",
            code="unknown_award",
        )
    frozen = [(cand, code) for cand, code in chosen if open_freeze(cand.unit or cand.person)]
    batch = batch_create(
        proposer=_leader(session), awarding_unit=awarding_unit, year=session.year, by=by,
        cluster=session.cluster, award_codes=sorted(awards), ballot_session=session,
        title=_("Proposal for the awards of %(cluster)s, %(year)s")
        % {"cluster": session.cluster, "year": session.year},
        detail={"left_out_frozen": [{"name": c.label, "award": code} for c, code in frozen]},
    )  # fmt: skip
    for cand, code in chosen:
        if (cand, code) in frozen:
            continue
        dossier_add(
            batch=batch, award=awards[code], by=by, person=cand.person, unit=cand.unit,
            ballot_candidate=cand, owner_unit=cand.unit,
        )  # fmt: skip
    return batch
