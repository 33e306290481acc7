"""Checks on a collective's year: its rating, member ratios, cluster leadership."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..facts import Rating, UnitYear
from ..policy import fraction
from ..verdict import Outcome, Result
from .registry import check, outcome

OK = Result.PASSED
COUNTS = ("completed", "ldtt", "cstdcs", "disciplined")


def _year(ctx, rule: dict[str, Any]) -> UnitYear | None:
    return ctx.unit.year(ctx.year + int(rule.get("offset", 0)))


@check("unit_rating_at_least", required=("rating",), subject="collective")
def unit_rating_at_least(ctx, rule: dict[str, Any]) -> Outcome:
    floor = Rating(ctx.value(rule, "rating"))
    row = _year(ctx, rule)
    params = {"year": ctx.year, "required": floor.value}
    if row is None or row.rating is None:
        return outcome(rule, Result.FAILED, "unit_rating.missing", **params)
    result = OK if row.rating.rank >= floor.rank else Result.FAILED
    key = "unit_rating.ok" if result is OK else "unit_rating.too_low"
    return outcome(rule, result, key, rating=row.rating.value, **params)


@check("member_ratio", required=("of", "ratio"), subject="collective")
def member_ratio(ctx, rule: dict[str, Any]) -> Outcome:
    """Compares count/roster with the ratio exactly: 69.2 % is not "at least 70 %"."""
    field = rule["of"]
    ratio = fraction(ctx.value(rule, "ratio"))
    strict = bool(ctx.value(rule, "strict", False))
    row = _year(ctx, rule)
    count, roster = (getattr(row, field), row.roster) if row else (0, 0)
    params = {"of": field, "count": count, "roster": roster, "strict": strict}
    params |= {"ratio": f"{ratio.numerator}/{ratio.denominator}"}
    if roster <= 0:
        return outcome(rule, Result.FAILED, "members.no_roster", **params)
    share = Fraction(count, roster)
    met = share > ratio if strict else share >= ratio
    params["percent"] = f"{float(share * 100):.2f}"
    return outcome(rule, OK if met else Result.FAILED, "members.ratio", **params)


@check("member_count", required=("of", "min"), subject="collective")
def member_count(ctx, rule: dict[str, Any]) -> Outcome:
    row = _year(ctx, rule)
    count, need = (getattr(row, rule["of"]) if row else 0), int(ctx.value(rule, "min"))
    result = OK if count >= need else Result.FAILED
    return outcome(rule, result, "members.count", of=rule["of"], count=count, required=need)


@check("no_disciplined_members", subject="collective")
def no_disciplined_members(ctx, rule: dict[str, Any]) -> Outcome | None:
    """Only where the organisation's policy sets a bar (old Law Art. 28; education TT 29/2023)."""
    bar = ctx.policy.ttldtt_discipline_bar
    if bar is None:
        return None
    row = _year(ctx, rule)
    count = row.disciplined if row else 0
    result = OK if count == 0 else Result.FAILED
    return outcome(rule, result, "members.disciplined", count=count, bar=bar)


@check("led_cluster", required=("kinds",), subject="collective")
def led_cluster(ctx, rule: dict[str, Any]) -> Outcome:
    row = _year(ctx, rule)
    led = row.led_cluster if row else ""
    if led and led in rule["kinds"]:
        return outcome(rule, OK, "cluster.led", kind=led, year=ctx.year)
    return outcome(rule, Result.FAILED, "cluster.not_led", kinds=list(rule["kinds"]))


@check("party_clean_strong", subject="collective")
def party_clean_strong(ctx, rule: dict[str, Any]) -> Outcome:
    """Law Art. 25(1)(b); the equivalence with a Party rating is not automatic (law.md [P])."""
    row = _year(ctx, rule)
    value = row.party_clean_strong if row else None
    if value is None:
        return outcome(rule, Result.PENDING_DOCUMENT, "party.unassessed", year=ctx.year)
    result = OK if value else Result.FAILED
    return outcome(rule, result, "party.ok" if value else "party.not_clean", year=ctx.year)


@check("not_dissolved", subject="collective")
def not_dissolved(ctx, rule: dict[str, Any]) -> Outcome:
    """TT 15/2025/TT-BNV: no commendation for bodies dissolved in the 2025 restructuring."""
    gone = ctx.unit.dissolved_on
    if gone is not None and gone <= ctx.case.as_of:
        return outcome(rule, Result.FAILED, "unit.dissolved", on=gone)
    return outcome(rule, OK, "unit.active")


@check("unit_ratings", required=("rating", "count"), subject="collective")
def unit_ratings(ctx, rule: dict[str, Any]) -> Outcome:
    """Consecutive years with a collective rating of at least `rating`, ending this year."""
    floor, count = Rating(ctx.value(rule, "rating")), int(ctx.value(rule, "count"))
    years = list(range(ctx.year - count + 1, ctx.year + 1))
    short = []
    for y in years:
        row = ctx.unit.year(y)
        if row is None or row.rating is None or row.rating.rank < floor.rank:
            short.append(y)
    params = {"rating": floor.value, "count": count, "first": years[0], "last": years[-1]}
    if short:
        return outcome(rule, Result.FAILED, "ratings.broken", missing=short, **params)
    return outcome(rule, OK, "ratings.complete", **params)
