"""Casting ballots: online by the voter, on paper or in writing through the secretary and two
tellers.

Secrecy (see the docstring of models/votes.py): a cast writes a VoterMark (who voted) and a Ballot
with its choices (what was voted) in one transaction, and nothing else: no audit history, no
event row, no log line, and nothing in either row that points at the other. Counting is safe
because every cast and every close first locks the round row: casts queue behind a close and then
find the round closed, and a close waits for the casts already under way."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thidua.ballots.models import (
    Ballot,
    BallotChoice,
    BallotSession,
    Candidate,
    Channel,
    Round,
    TellerEntry,
    Voter,
    VoterMark,
)
from thidua.ballots.receipts import receipt_new
from thidua.ballots.services.sessions import session_policy
from thidua.core.errors import DomainError

Attendance = Voter.Attendance
PAPER_CHANNELS = {Channel.PAPER, Channel.WRITTEN}
# Paper is handed in at the meeting by those present; a written vote comes from an absent member.
ATTENDANCE_OF_CHANNEL = {
    Channel.ONLINE: Attendance.PRESENT,
    Channel.PAPER: Attendance.PRESENT,
    Channel.WRITTEN: Attendance.WRITTEN,
}


# ---- checks ------------------------------------------------------------------------------------
def lock_open_round(round: Round) -> Round:
    """The round row, locked until the transaction ends, and refused unless voting is open in it.

    Only the round row is locked (`of=("self",)`): rounds of other questions go on in parallel."""
    rnd = (
        Round.objects.select_for_update(of=("self",))
        .select_related("question__session")
        .get(pk=round.pk)
    )
    if rnd.status != Round.Status.OPEN or rnd.question.session.status != BallotSession.Status.OPEN:
        raise DomainError(_("Voting in this round is closed."), code="round_closed")
    return rnd


def _check_roll_line(rnd: Round, voter: Voter, channel: str) -> Voter:
    voter = Voter.objects.select_related("unit", "person").get(pk=voter.pk)
    if voter.session_id != rnd.question.session_id:
        raise DomainError(_("This voter is not on the roll of this session."), code="not_on_roll")
    if voter.attendance != ATTENDANCE_OF_CHANNEL[channel]:
        messages = {
            Channel.ONLINE: _("%(voter)s is not recorded as present, so cannot vote online; a "
                              "written vote is entered by the tellers."),
            Channel.PAPER: _("%(voter)s is not recorded as present at the meeting."),
            Channel.WRITTEN: _("%(voter)s is not recorded as absent with a written vote."),
        }  # fmt: skip
        raise DomainError(
            messages[channel] % {"voter": voter.label}, field="voter", code="attendance"
        )
    return voter


def _check_choices(rnd: Round, candidate_ids: list[int], field: str) -> list[Candidate]:
    """The chosen candidates of the round: known ids only, each once, no more than the seats."""
    try:
        wanted = {int(pk) for pk in candidate_ids}
    except (TypeError, ValueError):
        raise DomainError(_("Choose among the candidates of this round."), field=field) from None
    found = list(rnd.candidates.filter(pk__in=wanted))
    if len(found) != len(wanted):
        raise DomainError(
            _("Choose among the candidates of this round."), field=field, code="not_candidate"
        )
    if len(found) > rnd.seats:
        raise DomainError(
            _("Choose at most %(count)s candidate(s).") % {"count": rnd.seats},
            field=field,
            code="too_many",
        )
    return found


def _check_not_self(rnd: Round, voter: Voter, candidates: list[Candidate]) -> None:
    if session_policy(rnd.question.session).self_vote_allowed:
        return
    for candidate in candidates:
        own_unit = voter.unit_id is not None and candidate.unit_id == voter.unit_id
        own_person = voter.person_id is not None and candidate.person_id == voter.person_id
        if own_unit or own_person:
            raise DomainError(
                _("The voting rules do not allow voting for yourself (%(name)s).")
                % {"name": candidate.label},
                field="candidates",
                code="self_vote",
            )


# ---- writes ------------------------------------------------------------------------------------
def _mark_insert(rnd: Round, voter: Voter, channel: str) -> VoterMark:
    # The unique (round, voter) constraint is the real guard; the savepoint keeps the outer
    # transaction usable so the refusal is a clear message rather than a broken transaction.
    try:
        with transaction.atomic():
            return VoterMark.objects.create(round=rnd, voter=voter, channel=channel)
    except IntegrityError:
        raise DomainError(
            _("This voter has already voted in this round."), field="voter", code="already_voted"
        ) from None


def _ballot_insert(
    rnd: Round, *, channel: str, candidates: list[Candidate], is_valid: bool, receipt: str = ""
) -> Ballot:
    """A ballot and its choices. Online ballots draw a random receipt (again on the very rare
    clash); a paper ballot's receipt is its sheet code."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                ballot = Ballot.objects.create(
                    round=rnd, receipt=receipt or receipt_new(), channel=channel,
                    is_valid=is_valid,
                )  # fmt: skip
            break
        except IntegrityError:
            if receipt:
                raise DomainError(
                    _("The code %(sheet)s is already used by a ballot of this round.")
                    % {"sheet": receipt},
                    field="sheet",
                    code="sheet_used",
                ) from None
    else:  # pragma: no cover - five clashes in 8.5 × 10¹¹ codes
        raise RuntimeError("Could not draw a free receipt code.")
    BallotChoice.objects.bulk_create(
        [BallotChoice(ballot=ballot, candidate=candidate) for candidate in candidates]
    )
    return ballot


@transaction.atomic
def ballot_cast(*, round: Round, voter: Voter, candidate_ids: list[int], by: Any) -> str:
    """The voter's online ballot; returns its receipt code, shown once and stored with nothing
    that names the voter. `by` is deliberately not recorded anywhere."""
    rnd = lock_open_round(round)
    voter = _check_roll_line(rnd, voter, Channel.ONLINE)
    candidates = _check_choices(rnd, candidate_ids, "candidates")
    if not candidates:
        raise DomainError(_("Choose at least one candidate."), field="candidates", code="empty")
    _check_not_self(rnd, voter, candidates)
    _mark_insert(rnd, voter, Channel.ONLINE)
    return _ballot_insert(rnd, channel=Channel.ONLINE, candidates=candidates, is_valid=True).receipt


@transaction.atomic
def paper_mark(*, round: Round, voter: Voter, channel: str, by: Any) -> VoterMark:
    """The secretary ticks the roll line of a voter whose paper (or written) sheet went into the
    box. The sheet itself is typed in by the tellers, without the voter's name."""
    if channel not in PAPER_CHANNELS:
        raise DomainError(_("Choose paper or written."), field="channel", code="channel")
    rnd = lock_open_round(round)
    voter = _check_roll_line(rnd, voter, channel)
    return _mark_insert(rnd, voter, channel)


@transaction.atomic
def teller_enter(
    *,
    round: Round,
    sheet: str,
    teller: Any,
    candidate_ids: list[int],
    is_valid: bool,
    channel: str,
) -> Ballot | None:
    """One teller's typing of a sheet. The ballot is made when a second teller's typing agrees
    (same names marked, same validity); until then None. A disagreeing entry is refused, naming
    the sheet, and not saved. An invalid sheet's marks do not count, so only its validity is
    compared."""
    if channel not in PAPER_CHANNELS:
        raise DomainError(_("Choose paper or written."), field="channel", code="channel")
    rnd = lock_open_round(round)
    sheet = sheet.strip().upper()
    if not sheet:
        raise DomainError(_("Type the code written on the sheet."), field="sheet", code="sheet")
    candidates = _check_sheet_choices(rnd, candidate_ids, is_valid)
    ids = sorted(c.pk for c in candidates)
    entries = list(rnd.teller_entries.filter(sheet=sheet).order_by("pk"))
    _check_sheet_open(rnd, sheet, entries, teller)
    if not entries:
        _check_sheet_count(rnd, channel)
    else:
        first = entries[0]
        if (first.channel, first.is_valid, sorted(first.candidate_ids)) != (channel, is_valid, ids):
            raise DomainError(
                _("The two entries of sheet %(sheet)s disagree. Look at the sheet together and "
                  "type it again.") % {"sheet": sheet},
                field="sheet",
                code="disagree",
            )  # fmt: skip
    TellerEntry.objects.create(
        round=rnd, sheet=sheet, channel=channel, teller=teller, candidate_ids=ids,
        is_valid=is_valid,
    )  # fmt: skip
    if not entries:
        return None
    return _ballot_insert(
        rnd, channel=channel, candidates=candidates, is_valid=is_valid, receipt=sheet
    )


def _check_sheet_choices(rnd: Round, candidate_ids: list[int], is_valid: bool) -> list[Candidate]:
    if not is_valid:
        return []
    try:
        return _check_choices(rnd, candidate_ids, "candidates")
    except DomainError as exc:
        if exc.code == "too_many":
            raise DomainError(
                _("A sheet with more than %(count)s name(s) marked is invalid: tick “invalid”.")
                % {"count": rnd.seats},
                field="is_valid",
                code="too_many",
            ) from None
        raise


def _check_sheet_open(rnd: Round, sheet: str, entries: list[TellerEntry], teller: Any) -> None:
    if any(entry.teller_id == teller.pk for entry in entries):
        raise DomainError(
            _("You have already typed sheet %(sheet)s; another teller must type it.")
            % {"sheet": sheet},
            field="sheet",
            code="same_teller",
        )
    if rnd.ballots.filter(receipt=sheet).exists():
        raise DomainError(
            _("Sheet %(sheet)s has already been counted.") % {"sheet": sheet},
            field="sheet",
            code="counted",
        )


def _check_sheet_count(rnd: Round, channel: str) -> None:
    """There are never more sheets than ticked roll lines (ballots issued) of that kind."""
    marks = rnd.marks.filter(channel=channel).count()
    # order_by() drops the model's ordering, which DISTINCT would otherwise count per teller.
    sheets = (
        rnd.teller_entries.filter(channel=channel).order_by().values("sheet").distinct().count()
    )
    if sheets >= marks:
        raise DomainError(
            _("There are already as many sheets as ballots handed in (%(count)s). Tick the "
              "voter on the roll first.") % {"count": marks},
            field="sheet",
            code="too_many_sheets",
        )  # fmt: skip
