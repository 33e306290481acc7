"""thidua's eligibility engine: facts in, verdicts that cite the law out. No Django here.

Public API: the facts dataclasses, `evaluate`/`check`, packs (`load_packs`, `select_pack`),
`Policy`, and `facts_json` for the public JSON facts format.
"""

from .engine import check, evaluate
from .facts import (
    AwardHeld,
    Case,
    Discipline,
    Freeze,
    Initiative,
    InitiativeKind,
    Leave,
    LeaveKind,
    Limb,
    PersonFacts,
    Posting,
    Rating,
    Scope,
    Transfer,
    UnitFacts,
    UnitYear,
    YearRating,
)
from .packs import NoPackError, Pack, PackError, load_packs, pack_by_id, select_pack
from .policy import Policy, PolicyError
from .verdict import Outcome, Result, Status, Verdict

__all__ = [
    "AwardHeld",
    "Case",
    "Discipline",
    "Freeze",
    "Initiative",
    "InitiativeKind",
    "Leave",
    "LeaveKind",
    "Limb",
    "NoPackError",
    "Outcome",
    "Pack",
    "PackError",
    "PersonFacts",
    "Policy",
    "PolicyError",
    "Posting",
    "Rating",
    "Result",
    "Scope",
    "Status",
    "Transfer",
    "UnitFacts",
    "UnitYear",
    "Verdict",
    "YearRating",
    "check",
    "evaluate",
    "load_packs",
    "pack_by_id",
    "select_pack",
]
