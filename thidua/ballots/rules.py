"""Voting rules of a secret ballot: thresholds, the base they apply to, tie-breaks, candidate gates.

Plain Python, no Django. The law leaves all of it open: the threshold for a cluster's leading
unit ("> 50 % of members", "≥ 2/3", …), what it is a share of, and how a tie is broken were not
readable in the guidance (law.md §c.4 [U]). So every choice is a `Policy` setting the cluster or
the council keeps, with the defaults law.md §c.4 lists. Arithmetic is on integers only: "more than
half" is `2 × votes > base`, never a rounded percentage.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from fractions import Fraction
from typing import Any

THRESHOLDS = ("gt_half", "ge_half", "ge_two_thirds", "ge_90")  # > 50 %, ≥ 50 %, ≥ 2/3, ≥ 90 %
BASES = ("members_total", "members_present", "valid_ballots")
REVOTE, CHAIR = "revote", "chair"  # the other tie steps name a figure: "final", "group:I", …
LOWER_IS_BETTER = frozenset({"penalties"})  # same reading as scoring.ranking

# threshold → (a, b): votes reach it when a × votes ≥ b × base (strict for "gt")
_RATIOS = {
    "gt_half": (2, 1, True),
    "ge_half": (2, 1, False),
    "ge_two_thirds": (3, 2, False),
    "ge_90": (10, 9, False),
}


@dataclass(frozen=True)
class Policy:
    ballot_base: str = "members_total"
    threshold: str = "gt_half"
    self_vote_allowed: bool = False
    # law.md §c.4: re-vote among the tied → higher total score → higher group I score → chair
    tie_break: tuple[str, ...] = (REVOTE, "final", "group:I", CHAIR)
    tie_winner_needs_threshold: bool = True
    max_revotes: int = 1
    max_flags: int = 1  # leading units per cluster and year (law.md §c.4 default)
    max_merit_units: int | None = None  # None: floor(members / 2) (law.md §c.4 example)
    min_final_score: Fraction | None = None  # candidate gate
    top_k: int | None = None  # candidate gate (ties at k are kept)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Policy:
        """The policy a JSON object describes; missing keys keep their defaults.

        Raises ValueError naming the first unknown key or bad value."""
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise ValueError(f"voting rules must be an object, not {data!r}")
        known = {f.name for f in fields(cls)}
        for key in data:
            if key not in known:
                raise ValueError(f"unknown voting rule {key!r}")
        values = {key: _PARSERS[key](key, value) for key, value in data.items()}
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe: lists for tuples, exact strings for fractions ("87.5", "262/3")."""
        data: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, Fraction):
                value = fraction_text(value)
            data[f.name] = value
        return data

    def non_default(self) -> dict[str, Any]:
        """Only the rules that differ from the defaults, JSON-safe (what standing rules store)."""
        defaults = Policy().to_dict()
        return {k: v for k, v in self.to_dict().items() if defaults[k] != v}


def fraction_text(value: Fraction) -> str:
    """A decimal when the fraction has one ("87.5"), else "p/q"; `Fraction(text)` reads both."""
    denominator, places = value.denominator, 0
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator != 1:
        return str(value)
    while (value * 10**places).denominator != 1:
        places += 1
    sign = "-" if value < 0 else ""
    digits = str(abs(value.numerator) * 10**places // value.denominator).rjust(places + 1, "0")
    return sign + (f"{digits[:-places]}.{digits[-places:]}" if places else digits)


# ---- parsing of policy values --------------------------------------------------------------------
def _choice(options: Sequence[str]):
    def parse(key: str, value: Any) -> str:
        if value not in options:
            raise ValueError(f"{key}: {value!r} is not one of {', '.join(options)}")
        return value

    return parse


def _flag(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{key}: {value!r} is not true or false")
    return value


def _count(minimum: int, optional: bool = False):
    def parse(key: str, value: Any) -> int | None:
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise ValueError(f"{key}: {value!r} is not a whole number of at least {minimum}")
        return value

    return parse


def _score(key: str, value: Any) -> Fraction | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str | Fraction):
        raise ValueError(f"{key}: {value!r} is not a number")
    try:
        # A float goes through its shortest text so 87.1 stays 871/10.
        return value if isinstance(value, Fraction) else Fraction(str(value).strip())
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"{key}: {value!r} is not a number") from None


def _steps(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValueError(f"{key}: {value!r} is not a list of steps")
    steps = tuple(value)
    for step in steps:
        if not isinstance(step, str) or not step.strip() or step != step.strip():
            raise ValueError(f"{key}: {step!r} is not a tie-break step")
    if len(set(steps)) != len(steps):
        raise ValueError(f"{key}: a step appears twice in {list(steps)!r}")
    if CHAIR in steps and steps[-1] != CHAIR:
        raise ValueError(f"{key}: nothing can follow {CHAIR!r} in {list(steps)!r}")
    return steps


_PARSERS = {
    "ballot_base": _choice(BASES),
    "threshold": _choice(THRESHOLDS),
    "self_vote_allowed": _flag,
    "tie_break": _steps,
    "tie_winner_needs_threshold": _flag,
    "max_revotes": _count(0),
    "max_flags": _count(1),
    "max_merit_units": _count(0, optional=True),
    "min_final_score": _score,
    "top_k": _count(1, optional=True),
}


# ---- thresholds and seats ------------------------------------------------------------------------
def base_size(
    policy: Policy, *, members_total: int, members_present: int, valid_ballots: int
) -> int:
    """What the threshold is a share of. `members_present` counts those present AND those absent
    who voted in writing (they took part in the vote)."""
    sizes = {
        "members_total": members_total,
        "members_present": members_present,
        "valid_ballots": valid_ballots,
    }
    return sizes[policy.ballot_base]


def reaches(votes: int, base: int, threshold: str) -> bool:
    """Whether `votes` reach `threshold` of `base`, by exact integer comparison; base 0 → False."""
    if threshold not in _RATIOS:
        raise ValueError(f"threshold: {threshold!r} is not one of {', '.join(THRESHOLDS)}")
    if base <= 0:
        return False
    times, share, strict = _RATIOS[threshold]
    return times * votes > share * base if strict else times * votes >= share * base


def merit_seats(policy: Policy, members: int) -> int:
    """How many units a cluster may propose for a Bằng khen: the policy's number, else half the
    members rounded down (law.md §c.4 example: 5 members ⇒ at most 2); never more than members."""
    seats = members // 2 if policy.max_merit_units is None else policy.max_merit_units
    return max(0, min(seats, members))


# ---- candidate gate ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Contender:
    key: str
    figures: Mapping[str, Fraction] = field(default_factory=dict)  # "final", "group:I", …


def gate(
    contenders: Sequence[Contender], policy: Policy
) -> tuple[list[Contender], list[tuple[Contender, str]]]:
    """Who may stand: (admitted, refused with "below_min_score" | "outside_top_k"), input order.

    Top-k ranks on the final score with shared ranks (1, 2, 2, 4), so a tie at rank k keeps all
    the tied. A contender with no final score fails either gate when that gate is set."""
    finals = [Fraction(c.figures["final"]) for c in contenders if "final" in c.figures]
    admitted: list[Contender] = []
    refused: list[tuple[Contender, str]] = []
    for contender in contenders:
        final = contender.figures.get("final")
        final = None if final is None else Fraction(final)
        if policy.min_final_score is not None and (final is None or final < policy.min_final_score):
            refused.append((contender, "below_min_score"))
        elif policy.top_k is not None and (
            final is None or 1 + sum(other > final for other in finals) > policy.top_k
        ):
            refused.append((contender, "outside_top_k"))
        else:
            admitted.append(contender)
    return admitted, refused


# ---- the count of a round ------------------------------------------------------------------------
@dataclass(frozen=True)
class Count:
    votes: Mapping[str, int]  # every contender of the round, 0 included
    seats: int
    members_total: int
    members_present: int
    valid_ballots: int
    revotes_done: int = 0  # re-votes already held on this question


@dataclass(frozen=True)
class Outcome:
    base: int
    reached: tuple[str, ...]  # keys reaching the threshold, most votes first
    elected: tuple[str, ...]  # decided now
    revote_among: tuple[str, ...]  # non-empty: hold a re-vote among these for seats_left seats
    chair_among: tuple[str, ...]  # non-empty: the chair decides among these for seats_left
    seats_left: int
    decided_by: Mapping[str, str]  # elected key -> "votes" | "final" | "group:I" | … | "chair"

    def to_dict(self) -> dict[str, Any]:
        return {
            "base": self.base,
            "reached": list(self.reached),
            "elected": list(self.elected),
            "revote_among": list(self.revote_among),
            "chair_among": list(self.chair_among),
            "seats_left": self.seats_left,
            "decided_by": dict(self.decided_by),
        }


def _groups(keys: Sequence[str], value) -> list[list[str]]:
    """`keys` in groups of equal value, best first; the order inside a group is kept."""
    ordered = sorted(keys, key=value, reverse=True)
    groups: list[list[str]] = []
    for key in ordered:
        if groups and value(groups[-1][0]) == value(key):
            groups[-1].append(key)
        else:
            groups.append([key])
    return groups


def decide(count: Count, contenders: Sequence[Contender], policy: Policy) -> Outcome:
    """Who a round elects, or what must happen next (a re-vote or the chair's decision).

    Those reaching the threshold fill the seats in order of votes. A tie matters when equal
    counts straddle the last seat, or when too few reach the threshold and the best remaining
    count is shared by more candidates than seats are left; it then walks the policy's chain
    (law.md §c.4 [U]). A tie-break winner under the threshold is elected only when the policy
    says the threshold does not bind tie winners; without a tie nobody under it is elected."""
    votes = dict(count.votes)
    figures = {c.key: c.figures for c in contenders}
    for contender in contenders:
        votes.setdefault(contender.key, 0)
    if any(v < 0 for v in votes.values()) or count.seats < 0:
        raise ValueError("votes and seats cannot be negative")
    base = base_size(
        policy,
        members_total=count.members_total,
        members_present=count.members_present,
        valid_ballots=count.valid_ballots,
    )
    ordered = sorted(votes, key=votes.__getitem__, reverse=True)
    reached = tuple(k for k in ordered if reaches(votes[k], base, policy.threshold))
    state = _State(seats_left=count.seats)
    for group in _groups(ordered, votes.__getitem__):
        if state.seats_left == 0:
            break
        above = group[0] in reached
        if len(group) <= state.seats_left and above:
            state.elect(group, "votes")
            continue
        if len(group) > state.seats_left:
            eligible = above or not policy.tie_winner_needs_threshold
            _break_tie(group, state, figures, policy, count.revotes_done, eligible=eligible)
        break  # below the threshold without a tie, or a tie walked: nobody further
    return Outcome(
        base=base,
        reached=reached,
        elected=tuple(state.elected),
        revote_among=tuple(state.revote_among),
        chair_among=tuple(state.chair_among),
        seats_left=state.seats_left,
        decided_by=dict(state.decided_by),
    )


@dataclass
class _State:
    seats_left: int
    elected: list[str] = field(default_factory=list)
    decided_by: dict[str, str] = field(default_factory=dict)
    revote_among: list[str] = field(default_factory=list)
    chair_among: list[str] = field(default_factory=list)

    def elect(self, keys: Sequence[str], how: str) -> None:
        self.elected.extend(keys)
        self.decided_by.update(dict.fromkeys(keys, how))
        self.seats_left -= len(keys)


def _break_tie(
    tied: list[str],
    state: _State,
    figures: Mapping[str, Mapping[str, Fraction]],
    policy: Policy,
    revotes_done: int,
    *,
    eligible: bool,
) -> None:
    """Walk the chain over `tied` (more of them than seats left). When the tied are under the
    threshold and it binds tie winners, only a re-vote can help: no figure nor the chair can lift
    them over it."""
    for step in policy.tie_break:
        if step == REVOTE:
            if revotes_done < policy.max_revotes:
                state.revote_among = list(tied)
                return
        elif not eligible:
            continue
        elif step == CHAIR:
            state.chair_among = list(tied)
            return
        elif all(step in figures.get(key, {}) for key in tied):
            # A figure step compares only when every tied candidate has that figure: a missing
            # figure is not made up as zero.
            tied = _by_figure(tied, step, state, figures)
            if len(tied) <= state.seats_left:
                return


def _by_figure(
    tied: list[str], step: str, state: _State, figures: Mapping[str, Mapping[str, Fraction]]
) -> list[str]:
    """Seat the better figures; return those still tied for the seats left (empty when settled)."""
    sign = -1 if step in LOWER_IS_BETTER else 1
    for group in _groups(tied, lambda key: sign * Fraction(figures[key][step])):
        if state.seats_left == 0:
            return []
        if len(group) <= state.seats_left:
            state.elect(group, step)
        else:
            return group
    return []
