"""What a scorecard adds up to: the subtotal of each regular group, the regular total, and the raw
bonus and penalty sums. Exact `Fraction`s; the caps are the final rule's (formulas.final_score),
so nothing is capped here."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from thidua.scoring.models import CriterionGroup, Scorecard

ZERO = Fraction(0)


@dataclass(frozen=True)
class CardTotals:
    groups: dict[str, Fraction] = field(default_factory=dict)  # regular group code -> subtotal
    regular: Fraction = ZERO
    bonus: Fraction = ZERO
    penalties: Fraction = ZERO


def exact(points: Decimal | None) -> Fraction:
    """A stored score as an exact fraction; an unscored criterion counts as zero."""
    return ZERO if points is None else Fraction(str(points))


def card_totals(card: Scorecard) -> CardTotals:
    """Sums of the card's entry points by group kind.

    Uses `card.entries` as prefetched when the caller prefetched them (the ranking does, for every
    card of a table at once); otherwise one query."""
    groups: dict[str, Fraction] = {}
    bonus = penalties = ZERO
    for entry in _entries(card):
        group = entry.criterion.group
        points = exact(entry.points)
        if group.kind == CriterionGroup.Kind.BONUS:
            bonus += points
        elif group.kind == CriterionGroup.Kind.PENALTY:
            penalties += points
        else:
            groups[group.code] = groups.get(group.code, ZERO) + points
    return CardTotals(
        groups=groups, regular=sum(groups.values(), ZERO), bonus=bonus, penalties=penalties
    )


def _entries(card: Scorecard):
    if "entries" in getattr(card, "_prefetched_objects_cache", {}):
        return card.entries.all()
    return card.entries.select_related("criterion__group")
