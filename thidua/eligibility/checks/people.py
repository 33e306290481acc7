"""Checks on an individual's history: ratings, worked time, transfers, initiatives."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..context import full_months
from ..facts import Rating, Scope
from ..verdict import Outcome, Result
from .registry import check, outcome

OK = Result.PASSED


@check("not_disciplined", subject="individual")
def not_disciplined(ctx, rule: dict[str, Any]) -> Outcome:
    """Disciplined in the year ⇒ rated KHT (ND 48/2023); counting restarts after the period."""
    year = ctx.year
    decided = [d for d in ctx.person.disciplines if d.decided_on.year == year]
    if decided:
        d = decided[0]
        return outcome(rule, Result.FAILED, "discipline.in_year", form=d.form, on=d.decided_on)
    if year < ctx.restart_year:
        return outcome(rule, Result.FAILED, "discipline.period", restart=ctx.restart_year)
    return outcome(rule, OK, "discipline.none", year=year)


@check("rating_at_least", required=("rating",), subject="individual")
def rating_at_least(ctx, rule: dict[str, Any]) -> Outcome:
    floor = Rating(ctx.value(rule, "rating"))
    year = ctx.year + int(rule.get("offset", 0))
    rating, reason = ctx.effective_rating(year)
    params = {"year": year, "required": floor.value}
    if rating is None:
        return outcome(rule, Result.FAILED, "rating.missing", **params)
    recorded = ctx.person.rating(year)
    params |= {"rating": rating.value, "recorded": recorded.value if recorded else ""}
    if rating.rank >= floor.rank:
        return outcome(rule, OK, "rating.ok", **params)
    message = {"discipline": "rating.capped_discipline", "absence": "rating.capped_absence"}
    return outcome(rule, Result.FAILED, message.get(reason, "rating.too_low"), **params)


@check("worked_months", subject="individual")
def worked_months(ctx, rule: dict[str, Any]) -> Outcome:
    """TT 15/2025 Art. 2(5): no LĐTT under 6 months; maternity, injury, training count."""
    need = int(ctx.value(rule, "months", "policy:recruit_min_months"))
    year, ref = ctx.year, ctx.reference_date(ctx.year)
    start = max(ctx.person.employment_start, date(year, 1, 1))
    employed = full_months(start, ref)
    worked = employed - ctx.absence_months(year)
    params = {"months": worked, "required": need, "reference": ref}
    if employed < need:
        return outcome(rule, Result.FAILED, "worked.recruit", employed=employed, **params)
    if worked < need:
        return outcome(rule, Result.FAILED, "worked.absent", **params)
    return outcome(rule, OK, "worked.ok", **params)


@check("transfer_comment", subject="individual")
def transfer_comment(ctx, rule: dict[str, Any]) -> Outcome | None:
    """The new unit judges; after ≥ N months at the old one, its written comment is needed."""
    need = int(ctx.value(rule, "months", "policy:transfer_comment_months"))
    moves = [t for t in ctx.person.transfers if t.on.year == ctx.year]
    if not moves:
        return None
    missing = [t for t in moves if t.months_at_old_unit >= need and not t.old_unit_comment]
    if missing:
        t = missing[0]
        return outcome(
            rule, Result.PENDING_DOCUMENT, "transfer.comment_missing", on=t.on,
            months=t.months_at_old_unit, required=need,
        )  # fmt: skip
    return outcome(rule, OK, "transfer.ok", on=moves[0].on)


@check("consecutive_ratings", required=("rating", "count"), subject="individual")
def consecutive_ratings(ctx, rule: dict[str, Any]) -> Outcome:
    floor, count = Rating(ctx.value(rule, "rating")), int(ctx.value(rule, "count"))
    years = list(range(ctx.year - count + 1, ctx.year + 1))
    short = [y for y in years if not ctx.rating_at_least(y, floor)]
    params = {"rating": floor.value, "count": count, "first": years[0], "last": years[-1]}
    if short:
        return outcome(rule, Result.FAILED, "ratings.broken", missing=short, **params)
    return outcome(rule, OK, "ratings.complete", **params)


@check("ratings_in_window", required=("rating", "count", "window"), subject="individual")
def ratings_in_window(ctx, rule: dict[str, Any]) -> Outcome:
    floor, count = Rating(ctx.value(rule, "rating")), int(ctx.value(rule, "count"))
    window = int(ctx.value(rule, "window"))
    first = ctx.year - window + 1
    years = [y for y in range(first, ctx.year + 1) if ctx.rating_at_least(y, floor)]
    params = {"rating": floor.value, "count": count, "found": len(years), "first": first}
    result = OK if len(years) >= count else Result.FAILED
    return outcome(rule, result, "ratings.window", years=years, last=ctx.year, **params)


@check("initiatives", required=("count", "scope"), subject="individual")
def initiatives(ctx, rule: dict[str, Any]) -> Outcome:
    """Initiatives or research of at least `scope`, applied, in the window, not used before.

    INITIATIVE_SINGLE_USE (CV 5007/BNV-TĐKT, CV 3385/BTĐKT): one initiative grounds one award.
    """
    count, scope = int(ctx.value(rule, "count")), Scope(rule["scope"])
    window = int(ctx.value(rule, "window", 1))
    first = max(ctx.year - window + 1, ctx.restart_year)
    kinds = set(rule.get("kinds", ("initiative", "research", "combat")))
    taken = set(ctx.consumes)
    fit, reused, narrow = [], [], []
    for item in sorted(ctx.person.initiatives, key=lambda i: (i.year, i.id)):
        if not (first <= item.year <= ctx.year) or item.kind.value not in kinds:
            continue
        if not item.applied or item.scope.rank < scope.rank:
            narrow.append(item.id)
        elif item.id in ctx.used_initiatives or item.id in taken:
            reused.append(item.id)
        else:
            fit.append(item.id)
    params = {"count": count, "scope": scope.value, "found": len(fit), "first": first}
    params |= {"last": ctx.year, "reused": reused, "narrow": narrow}
    if len(fit) < count:
        message = "initiatives.reused" if reused else "initiatives.missing"
        if not reused and narrow:
            message = "initiatives.scope"
        return outcome(rule, Result.FAILED, message, **params)
    ctx.consumes.extend(fit[:count])
    return outcome(rule, OK, "initiatives.ok", ids=fit[:count], **params)


@check("service_years", required=("years",), subject="individual")
def service_years(ctx, rule: dict[str, Any]) -> Outcome:
    """Years in the sector for a commemorative medal (Law Art. 71(2): set by each body)."""
    need = int(ctx.value(rule, "years"))
    if getattr(ctx.person, "gender", "") == "female":
        need -= int(ctx.value(rule, "women_reduction", 0))
    served = full_months(ctx.person.employment_start, ctx.reference_date(ctx.year)) // 12
    result = OK if served >= need else Result.FAILED
    return outcome(rule, result, "service.years", years=served, required=need)
