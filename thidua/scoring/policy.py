"""A criteria table's policy read as the arithmetic needs it: the final-score rule, the tie-break
chain, and the maxima of groups and of the table.

The sector's rules for clusters are not published (law.md §c.3, §c.4 [U]), so each cluster sets
these on its table; this module only translates the stored fields for formulas.py and ranking.py.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from thidua.core.errors import DomainError
from thidua.scoring.formulas import FinalRule
from thidua.scoring.models import CriteriaTable, CriterionGroup

GROUP_PREFIX = "group:"
PENALTIES, SELF = "penalties", "self"


def _fraction(value: Decimal | None) -> Fraction | None:
    return None if value is None else Fraction(value)


def final_rule(table: CriteriaTable) -> FinalRule:
    return FinalRule(
        trim_extremes=table.trim_extremes,
        bonus_cap=_fraction(table.bonus_cap),
        penalty_cap=_fraction(table.penalty_cap),
        floor_at_zero=table.floor_at_zero,
    )


def regular_codes(table: CriteriaTable) -> list[str]:
    groups = table.groups.filter(kind=CriterionGroup.Kind.REGULAR).order_by("order", "code")
    return list(groups.values_list("code", flat=True))


def tie_keys(codes: list[str]) -> list[str]:
    """Every figure a chain may name, given the codes of the table's regular groups."""
    return [*(f"{GROUP_PREFIX}{code}" for code in codes), PENALTIES, SELF]


def check_chain(chain: object, codes: list[str]) -> list[str]:
    """The chain if every name in it is a known figure, named once; a DomainError otherwise."""
    if not isinstance(chain, list) or not all(isinstance(name, str) for name in chain):
        raise DomainError(
            _("The tie-break chain is a list of figures."), field="tie_break", code="tie_break"
        )
    allowed = set(tie_keys(codes))
    for name in chain:
        if name not in allowed:
            raise DomainError(
                _("“%(name)s” cannot break a tie: name a scored group of this table, the "
                  "penalty points or the self-assessed score.") % {"name": name},
                field="tie_break",
                code="tie_break",
            )  # fmt: skip
    if len(set(chain)) != len(chain):
        raise DomainError(
            _("Each figure appears only once in the tie-break chain."),
            field="tie_break",
            code="tie_break",
        )
    return list(chain)


def tie_chain(table: CriteriaTable) -> list[str]:
    """The table's chain, checked against its groups as they are now."""
    return check_chain(table.tie_break, regular_codes(table))


def group_max(group: CriterionGroup) -> Decimal:
    """The sum of the group's maxima (uses prefetched criteria when there are some)."""
    return sum((c.max_points for c in group.criteria.all()), Decimal(0))


def table_max(table: CriteriaTable) -> Decimal:
    """The most a unit can score on the regular groups (bonus and penalties aside)."""
    return sum(
        (group_max(g) for g in table.groups.all() if g.kind == CriterionGroup.Kind.REGULAR),
        Decimal(0),
    )
