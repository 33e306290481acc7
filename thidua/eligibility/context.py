"""What a check sees: the case, the pack, the policy, and derived figures computed once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .calendar import WorkCalendar
from .facts import (
    COUNTED_LEAVE,
    AwardHeld,
    Case,
    LeaveKind,
    PersonFacts,
    Rating,
    UnitFacts,
)
from .policy import Policy

if TYPE_CHECKING:
    from .packs import Pack


def full_months(start: date, end: date) -> int:
    """Whole calendar months from `start` to `end` inclusive (1-7 → 31-12 is 6 months)."""
    after = end + timedelta(days=1)
    if after <= start:
        return 0
    months = (after.year - start.year) * 12 + after.month - start.month
    return months - (1 if after.day < start.day else 0)


def _month_length(year: int, month: int) -> int:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - date(year, month, 1)).days


@dataclass
class Context:
    case: Case
    pack: Pack
    policy: Policy
    calendar: WorkCalendar
    consumes: list[str] = field(default_factory=list)
    limb: str = ""

    @property
    def year(self) -> int:
        return self.case.year

    @property
    def subject(self) -> PersonFacts | UnitFacts:
        return self.case.subject

    @property
    def person(self) -> PersonFacts:
        assert isinstance(self.case.subject, PersonFacts)
        return self.case.subject

    @property
    def unit(self) -> UnitFacts:
        assert isinstance(self.case.subject, UnitFacts)
        return self.case.subject

    def value(self, spec: dict[str, Any], key: str, default: Any = None) -> Any:
        """A rule parameter; "policy:name" reads the organisation's policy."""
        raw = spec.get(key, default)
        if isinstance(raw, str) and raw.startswith("policy:"):
            return getattr(self.policy, raw.removeprefix("policy:"))
        return raw

    # --- awards -------------------------------------------------------------------------

    def held(self, code: str | list[str] | tuple[str, ...]) -> list[AwardHeld]:
        codes = {code} if isinstance(code, str) else set(code)
        return [a for a in self.subject.awards if a.code in codes and not a.revoked]

    def held_years(self, code: str | list[str] | tuple[str, ...]) -> set[int]:
        return {a.year for a in self.held(code)}

    def anchor_year(self, award: AwardHeld) -> int:
        """Last year an award's achievement window covered, under this pack's reading.

        ND 98/2023 Art. 30(9) and ND 152/2025 Art. 33(7): the next window starts after the
        achievement period recorded in the previous decision ("achievement_period"); a pack
        may count from the decision's year instead ("decision_year").
        """
        if self.pack.params.get("window_anchor") == "decision_year" and award.decided_on:
            return award.decided_on.year
        return award.year

    # --- people -------------------------------------------------------------------------

    @cached_property
    def restart_year(self) -> int:
        """First year whose achievements count after the latest finished discipline."""
        first = 0
        for d in getattr(self.subject, "disciplines", ()):
            ends = d.ends_on or _add_months(d.decided_on, self.policy.discipline_default_months)
            restart = ends.year + (1 if self.policy.discipline_restart == "next_year" else 0)
            if d.decided_on <= self.case.as_of:
                first = max(first, restart)
        return first

    def disciplined_in(self, year: int) -> bool:
        return any(d.decided_on.year == year for d in self.person.disciplines)

    def absence_months(self, year: int) -> int:
        """Months away from work in `year` that do not count as worked time."""
        total = 0
        for leave in self.person.leaves:
            counted = leave.kind in COUNTED_LEAVE
            if leave.kind is LeaveKind.TRAINING and self.policy.long_training_requires_completion:
                long = full_months(leave.start, leave.end) >= 12
                counted = not long or bool(leave.study_completed)
            if counted:
                continue
            start, end = max(leave.start, date(year, 1, 1)), min(leave.end, date(year, 12, 31))
            total += full_months(start, end)
        return total

    def reference_date(self, year: int) -> date:
        month, day = (int(x) for x in self.policy.recruit_reference.split("-"))
        return date(year, month, day)

    def effective_rating(self, year: int) -> tuple[Rating | None, str]:
        """The rating that counts, and why it differs from the recorded one ("" if it doesn't)."""
        recorded = self.person.rating(year)
        if recorded is None:
            return None, ""
        if self.disciplined_in(year):  # ND 90/2020 am. ND 48/2023
            return Rating.KHT, "discipline"
        # Away 3 to < 6 months: not HTT or above; 6 months or more is not rated at all, so a
        # recorded rating is capped too (otherwise 6 months away would beat 5).
        away = self.absence_months(year)
        if recorded.rank > Rating.HT.rank and away >= self.policy.absence_cap_months:
            return Rating.HT, "absence"
        return recorded, ""

    def rating_at_least(self, year: int, floor: Rating) -> bool:
        rating, _ = self.effective_rating(year)
        return rating is not None and rating.rank >= floor.rank and year >= self.restart_year

    # --- initiatives --------------------------------------------------------------------

    @cached_property
    def used_initiatives(self) -> set[str]:
        used = {i.id for i in getattr(self.subject, "initiatives", ()) if i.used_for}
        for award in self.subject.awards:
            if not award.revoked:
                used.update(award.initiatives)
        return used


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, _month_length(year, month)))
