"""Organisation policies: the choices the law leaves open or states unclearly.

Every setting has a default and the source it comes from (see docs/eligibility.md). A pack may
change a default for its regime; an organisation overrides any of them in its settings. Where
law.md marks a rule unconfirmed, the rule lives here and not in a check.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from datetime import date
from fractions import Fraction
from typing import Any

DISCIPLINE_FORMS = ("reprimand", "warning", "demotion", "dismissal", "expulsion")
ROUNDINGS = ("floor", "ceil", "half_up")
POSITIVE = {"posting_working_days"}  # a window of zero days never ends
MONEY_ROUNDINGS = ("up_10000", "up_1000", "none")


def fraction(value: Any) -> Fraction:
    """ "7/10", "0.7", 70 % as "70%" or a number → an exact fraction (never a float)."""
    if isinstance(value, Fraction):
        return value
    text = str(value).strip()
    if text.endswith("%"):
        return Fraction(text[:-1].strip()) / 100
    return Fraction(text)


def round_count(value: Fraction, rounding: str) -> int:
    if rounding == "floor":
        return math.floor(value)
    if rounding == "ceil":
        return math.ceil(value)
    return math.floor(value + Fraction(1, 2))


@dataclass(frozen=True)
class Policy:
    # TT 15/2025/TT-BNV Art. 2(5) (earlier TT 01/2024): no LĐTT for recruits under 6 months;
    # the reference date is not stated [U] → year end by default ("MM-DD" to change).
    recruit_min_months: int = 6
    recruit_reference: str = "12-31"
    # UBDT 01/2024 pattern kept as default [P]: the old unit's comment after ≥ 6 months there.
    transfer_comment_months: int = 6
    # ND 90/2020 am. ND 48/2023 [P]: absent 3 to < 6 months (not maternity) ⇒ not HTT or above.
    absence_cap_months: int = 3
    # ND 98/152 Art. 4: achievements count from the end of the discipline period. Whether the
    # year it ends in counts is unclear → "next_year" (conservative) or "same_year".
    discipline_restart: str = "next_year"
    discipline_default_months: int = 12  # period when the decision gives none [U]
    # TT 15/2025 Art. 2(5) [P]: training of a year or more counts only if the study was completed.
    long_training_requires_completion: bool = True
    # Law 2022 sets no CSTĐCS cap (law.md §0); ND 91/2017 Art. 9(3) had 15 % of LĐTT.
    cstdcs_cap: Fraction | None = None
    cstdcs_cap_rounding: str = "floor"
    # CV 5007/BNV-TĐKT (2023) [C-old]: ≤ 20 % of the cluster leaders; ND 152 figure unread.
    government_flag_quota: Fraction | None = Fraction(1, 5)
    government_flag_quota_rounding: str = "floor"
    # Law Art. 28 [P]: more than half of the members LĐTT; sectors may tighten (≥ 70 %).
    ttldtt_ldtt_ratio: Fraction = Fraction(1, 2)
    ttldtt_ldtt_strict: bool = True  # True: "more than"; False: "at least"
    ttldtt_discipline_bar: str | None = None  # e.g. "warning": no member warned or worse
    # ND 98 Art. 46(2) / ND 152 Art. 44(2): 10 working days; the posting day counts (MoD 2025).
    posting_working_days: int = 10
    posting_day_counts: bool = True
    extra_holidays: tuple[date, ...] = ()
    extra_workdays: tuple[date, ...] = ()  # make-up working Saturdays
    registration_required: bool = False  # registration as a precondition [P]
    # Law Art. 75 (Giấy khen) is detailed by each body [U]: the rating it asks for.
    merit_certificate_min_rating: str = "HTT"
    # Law Art. 42 (HCLĐ hạng Nhất) not read [U]: HTXS years asked in its 5-year window.
    labour_order_1_htxs_years: int = 3
    # Commemorative medal (Law Art. 71(2), set by the sector) [U]; default from the
    # MoHA analogue TT 12/2024/TT-BNV: 15 years in the sector, women 2 years fewer.
    commemorative_min_years: int = 15
    commemorative_women_reduction: int = 2
    # Award money, read by the decisions of thidua.nominations: ND 98/2023 Art. 53(2) rounds each
    # amount up to the next 10,000 VND [C-old]; the ND 152 rule was not read [U]. A household's
    # 1.5 × amount is rounded after the multiplication unless this says otherwise [U].
    money_rounding: str = "up_10000"
    household_round_after: bool = True
    overrides: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def from_mapping(cls, values: dict[str, Any], base: Policy | None = None) -> Policy:
        """Apply `values` over `base`; raises PolicyError naming the first bad setting."""
        base = base or cls()
        known = {f.name: f for f in fields(cls) if f.name != "overrides"}
        changes: dict[str, Any] = {}
        for name, raw in values.items():
            if name not in known:
                raise PolicyError(name, "unknown setting")
            changes[name] = _coerce(name, raw)
        merged = {**base.overrides, **values}
        return replace(base, overrides=merged, **changes)

    def cap(self, base_count: int, share: Fraction | None, rounding: str) -> int | None:
        if share is None:
            return None
        return round_count(share * base_count, rounding)


class PolicyError(ValueError):
    def __init__(self, name: str, problem: str):
        super().__init__(f"policy setting {name!r}: {problem}")
        self.name = name
        self.problem = problem


def _coerce(name: str, raw: Any) -> Any:  # noqa: C901 - one branch per kind of setting
    try:
        if name in {"cstdcs_cap", "government_flag_quota"}:
            return None if raw in (None, "", "none") else fraction(raw)
        if name == "ttldtt_ldtt_ratio":
            return fraction(raw)
        if name in {"extra_holidays", "extra_workdays"}:
            return tuple(date.fromisoformat(str(d)) for d in raw)
        if name == "money_rounding":
            if raw not in MONEY_ROUNDINGS:
                raise ValueError(f"one of {', '.join(MONEY_ROUNDINGS)}")
            return raw
        if name.endswith("_rounding"):
            if raw not in ROUNDINGS:
                raise ValueError(f"one of {', '.join(ROUNDINGS)}")
            return raw
        if name == "ttldtt_discipline_bar":
            if raw not in (None, *DISCIPLINE_FORMS):
                raise ValueError(f"one of {', '.join(DISCIPLINE_FORMS)}")
            return raw
        if name == "merit_certificate_min_rating":
            if raw not in ("HTXS", "HTT", "HT"):
                raise ValueError("HTXS, HTT or HT")
            return raw
        if name == "discipline_restart":
            if raw not in ("next_year", "same_year"):
                raise ValueError("next_year or same_year")
            return raw
        if name == "recruit_reference":
            date.fromisoformat(f"2025-{raw}")  # a day every year has (not 29 February)
            return str(raw)
        if isinstance(getattr(Policy(), name), bool):
            if not isinstance(raw, bool):
                raise ValueError("true or false")
            return raw
        if isinstance(getattr(Policy(), name), int):
            least = 1 if name in POSITIVE else 0
            if isinstance(raw, bool) or int(raw) != raw or int(raw) < least:
                raise ValueError(f"a whole number ≥ {least}")
            return int(raw)
    except (ValueError, TypeError, ZeroDivisionError) as exc:
        raise PolicyError(name, str(exc)) from exc
    return raw


def discipline_heaviness(form: str) -> int:
    """Position of a discipline form on the scale; unknown forms count as the lightest."""
    return DISCIPLINE_FORMS.index(form) if form in DISCIPLINE_FORMS else 0
