"""Award money: multiplier × base salary, rounded as the decision's rule says. Pure Python.

ND 98/2023 Art. 53(2) rounds each amount UP to the next 10,000 VND and takes the base salary in
force on the decision date; the ND 152/2025 equivalent was not read, so the rule is a setting of
the issuer's policy (law-updates-2025.md, "Addendum: rounding of award money"). Multipliers are
ND 152/2025 Art. 50 (law.md §b.4, law-updates-2025.md §2.2 b.4).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

# ND 152/2025 (law-updates-2025.md §2.2 b.4): a household gets 1.5 × the individual's amount.
HOUSEHOLD_FACTOR = Decimal("1.5")

# Rounding rule (Decision.rounding) → the step amounts are rounded up to; None: whole VND.
STEPS: dict[str, int | None] = {"up_10000": 10_000, "up_1000": 1_000, "none": None}
DEFAULT_RULE = "up_10000"


def round_amount(amount: Decimal, rule: str) -> Decimal:
    """`amount` rounded by `rule`: up to the next step, or to the nearest whole VND for "none"."""
    if rule not in STEPS:
        raise ValueError(f"unknown rounding rule {rule!r}")
    step = STEPS[rule]
    if step is None:
        return Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    units = (Decimal(amount) / step).quantize(Decimal(1), rounding=ROUND_CEILING)
    return units * step


def award_amount(
    multiplier: Decimal | str | float,
    base_salary: Decimal | int,
    rule: str,
    household: bool = False,
    *,
    household_round_after: bool = True,
) -> Decimal:
    """The money of one award line.

    A household's amount is 1.5 × the individual's; whether the individual's amount is rounded
    before the multiplication is not stated [U], so `household_round_after` (policy
    `household_round_after`, default True) rounds once, after it."""
    amount = Decimal(str(multiplier)) * Decimal(base_salary)
    if not household:
        return round_amount(amount, rule)
    if household_round_after:
        return round_amount(amount * HOUSEHOLD_FACTOR, rule)
    return round_amount(round_amount(amount, rule) * HOUSEHOLD_FACTOR, "none")
