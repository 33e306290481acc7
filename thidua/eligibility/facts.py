"""Facts the engine judges: frozen records of a person's or a collective's history.

Facts are plain data with no behaviour beyond cheap look-ups; they come from the database
(`thidua.awards.facts`), from a JSON file (`facts_json`) or from the API, and are never
changed by the engine. Years are emulation (calendar) years; an award's `year` is the year
its achievement belongs to, not the year it was decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Rating(StrEnum):
    """Annual quality rating (ND 90/2020 as amended by ND 48/2023), best first."""

    HTXS = "HTXS"  # hoàn thành xuất sắc nhiệm vụ
    HTT = "HTT"  # hoàn thành tốt nhiệm vụ
    HT = "HT"  # hoàn thành nhiệm vụ
    KHT = "KHT"  # không hoàn thành nhiệm vụ

    @property
    def rank(self) -> int:
        return RATING_RANK[self]


RATING_RANK = {Rating.HTXS: 3, Rating.HTT: 2, Rating.HT: 1, Rating.KHT: 0}


class LeaveKind(StrEnum):
    MATERNITY = "maternity"  # counts as worked time (ND 98/152 Art. 4(5))
    INJURY = "injury"  # treatment after combat or rescue: counts (TT 15/2025 Art. 2(5))
    TRAINING = "training"  # counts when the school's rules were followed (TT 15/2025 Art. 2(5))
    SICK = "sick"
    UNPAID = "unpaid"
    OTHER = "other"


COUNTED_LEAVE = frozenset({LeaveKind.MATERNITY, LeaveKind.INJURY, LeaveKind.TRAINING})


class Scope(StrEnum):
    """Scope of influence of an initiative or research work, narrowest first."""

    UNIT = "unit"  # cơ sở
    MINISTRY = "ministry"  # Bộ, ban, ngành, tỉnh
    NATIONAL = "national"  # toàn quốc

    @property
    def rank(self) -> int:
        return SCOPE_RANK[self]


SCOPE_RANK = {Scope.UNIT: 0, Scope.MINISTRY: 1, Scope.NATIONAL: 2}


class InitiativeKind(StrEnum):
    INITIATIVE = "initiative"  # sáng kiến
    RESEARCH = "research"  # đề tài, đề án, công trình KH&CN nghiệm thu
    COMBAT = "combat"  # mưu trí, sáng tạo trong chiến đấu (armed forces)


class Limb(StrEnum):
    """Which path a CSTĐCS title was won on (Law Art. 23): it decides what the title consumed."""

    HTXS = "htxs"
    INITIATIVE = "initiative"


@dataclass(frozen=True)
class YearRating:
    year: int
    rating: Rating


@dataclass(frozen=True)
class Leave:
    kind: LeaveKind
    start: date
    end: date  # inclusive
    study_completed: bool | None = None  # long training: study tasks done, grade reached


@dataclass(frozen=True)
class Transfer:
    on: date
    months_at_old_unit: int
    old_unit_comment: bool  # the old unit's written comment is on file


@dataclass(frozen=True)
class Discipline:
    form: str  # khiển trách, cảnh cáo, …; free text, heaviness decided by policy
    decided_on: date
    ends_on: date | None = None  # end of the discipline period; None: derived by policy
    party: bool = False


@dataclass(frozen=True)
class Freeze:
    """Open disciplinary review, inspection, audit, complaint or press report being verified."""

    kind: str
    opened_on: date
    closed_on: date | None = None


@dataclass(frozen=True)
class Initiative:
    id: str
    year: int
    scope: Scope
    kind: InitiativeKind = InitiativeKind.INITIATIVE
    recognised_by: str = ""
    applied: bool = True
    used_for: str = ""  # award code (and year) this already grounded, e.g. "CSTDCS:2023"


@dataclass(frozen=True)
class AwardHeld:
    code: str
    year: int  # the emulation year the achievement belongs to (last year of its period)
    decision: str = ""
    decided_on: date | None = None
    limb: Limb | None = None
    initiatives: tuple[str, ...] = ()  # initiative ids the award consumed
    period_start: int | None = None  # achievement period recorded in the decision
    revoked: bool = False


@dataclass(frozen=True)
class Posting:
    """A public posting (công khai) of a nomination and the council meeting that followed it."""

    award: str
    year: int
    start: date
    council_on: date | None = None


@dataclass(frozen=True)
class PersonFacts:
    id: str
    employment_start: date
    ratings: tuple[YearRating, ...] = ()
    leaves: tuple[Leave, ...] = ()
    transfers: tuple[Transfer, ...] = ()
    disciplines: tuple[Discipline, ...] = ()
    freezes: tuple[Freeze, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    awards: tuple[AwardHeld, ...] = ()
    postings: tuple[Posting, ...] = ()
    registered: tuple[str, ...] = ()  # "CODE:YEAR" targets the person registered
    gender: str = ""  # "female", "male" or "" (TIE_PRIORITY_WOMEN, medal service years)
    name: str = ""

    def rating(self, year: int) -> Rating | None:
        return next((r.rating for r in self.ratings if r.year == year), None)


@dataclass(frozen=True)
class UnitYear:
    """A collective's year: its own rating and counts over the members on its roster."""

    year: int
    rating: Rating | None
    roster: int = 0
    completed: int = 0  # members rated HT or better
    ldtt: int = 0  # members who are LĐTT (or CSTT)
    cstdcs: int = 0  # members who are CSTĐCS
    disciplined: int = 0  # members disciplined with a form at or above the policy's bar
    led_cluster: str = ""  # "ministry" or "central": selected as a cluster's leading unit
    party_clean_strong: bool | None = None  # "trong sạch, vững mạnh"; None: not assessed


@dataclass(frozen=True)
class UnitFacts:
    id: str
    years: tuple[UnitYear, ...] = ()
    awards: tuple[AwardHeld, ...] = ()
    freezes: tuple[Freeze, ...] = ()
    postings: tuple[Posting, ...] = ()
    registered: tuple[str, ...] = ()
    dissolved_on: date | None = None
    name: str = ""

    def year(self, year: int) -> UnitYear | None:
        return next((y for y in self.years if y.year == year), None)


Subject = PersonFacts | UnitFacts


@dataclass(frozen=True)
class Case:
    """One question: may `subject` get `award` for emulation year `year`, judged on `as_of`."""

    subject: Subject
    award: str
    year: int
    as_of: date
    submitted_on: date | None = None
    notes: tuple[str, ...] = field(default=())
