"""Rank units by final score; ties broken by the cluster policy's chain of keys (no Django).

Each key of the chain is a named figure of the unit (e.g. "group:I", the subtotal of group I;
"penalties", where fewer is better). Units still equal after the whole chain share a rank
(1, 2, 2, 4): the tie then goes to the ballot (law.md §c.4, tie-break is a policy [U]).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

LOWER_IS_BETTER = frozenset({"penalties"})


@dataclass(frozen=True)
class Standing:
    unit: str
    final: Fraction
    figures: Mapping[str, Fraction] = field(default_factory=dict)  # keys named in the chain


@dataclass(frozen=True)
class Ranked:
    rank: int
    standing: Standing
    decided_by: str | None  # the chain key that separated it from the unit above, if any


def _key(standing: Standing, chain: Sequence[str]) -> tuple[Fraction, ...]:
    values = [-standing.final]
    for name in chain:
        value = Fraction(standing.figures.get(name, 0))
        values.append(value if name in LOWER_IS_BETTER else -value)
    return tuple(values)


def rank(standings: Sequence[Standing], chain: Sequence[str] = ()) -> list[Ranked]:
    """Best first. Equal units (on the final score and every chain key) share a rank."""
    ordered = sorted(standings, key=lambda s: (_key(s, chain), s.unit))
    ranked: list[Ranked] = []
    for position, standing in enumerate(ordered, 1):
        if ranked and _key(ranked[-1].standing, chain) == _key(standing, chain):
            ranked.append(Ranked(ranked[-1].rank, standing, None))
            continue
        ranked.append(Ranked(position, standing, _separating_key(ranked, standing, chain)))
    return ranked


def _separating_key(ranked: list[Ranked], standing: Standing, chain: Sequence[str]) -> str | None:
    if not ranked:
        return None
    above = ranked[-1].standing
    if above.final != standing.final:
        return "final"
    for name in chain:
        if Fraction(above.figures.get(name, 0)) != Fraction(standing.figures.get(name, 0)):
            return name
    return None
