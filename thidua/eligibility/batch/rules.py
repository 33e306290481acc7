"""One set-based implementation per check of `checks/`, under the same name.

Each takes the run, the rule and the initiatives consumed so far, and returns an expression
over the subjects' table giving the rule's result (null where the scalar check returns no
outcome). Messages and parameters are not reproduced: a sweep keeps results; `evaluate`
explains one subject.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import polars as pl

from ..facts import Rating, Scope
from .features import (
    absence,
    held,
    held_in,
    restart,
    titled,
    used_initiatives,
    whole_months,
    with_restart,
)
from .ratings import rated
from .run import DEFERRED, FAILED, INFO, NONE, PASSED, PENDING, SUBJECT, Consumed, Run

RuleFn = Callable[[Run, dict[str, Any], Consumed], pl.Expr]
RULES: dict[str, RuleFn] = {}


def rule(name: str) -> Callable[[RuleFn], RuleFn]:
    def register(fn: RuleFn) -> RuleFn:
        RULES[name] = fn
        return fn

    return register


def passed_if(condition: pl.Expr) -> pl.Expr:
    return pl.when(condition).then(PASSED).otherwise(FAILED)


# --- people and collectives ------------------------------------------------------------------


@rule("not_frozen")
def not_frozen(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    closed = pl.col("closed_on")
    frozen = run.frames.freezes.filter(
        (pl.col("opened_on") <= run.as_of) & (closed.is_null() | (closed > run.as_of))
    )
    return pl.when(run.has(frozen[SUBJECT])).then(DEFERRED).otherwise(PASSED)


@rule("not_already_held")
def not_already_held(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    return passed_if(~run.has(held_in(run, run.award.code, run.year)))


@rule("registered")
def registered(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    if not run.policy.registration_required:
        return NONE
    target = f"{run.award.code}:{run.year}"
    found = run.frames.registered.filter(pl.col("target") == target)
    return passed_if(run.has(found[SUBJECT]))


@rule("info")
def info(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    return INFO


@rule("consecutive_titles")
def consecutive_titles(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    year, step, count = run.year, int(spec.get("step", 1)), int(run.value(spec, "count"))
    years = {year - i * step for i in range(count)}
    chain = pl.lit(True)
    if years:
        chain = run.has(titled(run, spec["award"], pl.col("year").is_in(years), len(years)))
    if not spec.get("after"):
        return passed_if(chain)
    # A window already used by an earlier award of the `after` kind is not used again.
    window_start = year - count * step + 1
    after = held(run, spec["after"])
    used = after.filter((pl.col("year") < year) & (pl.col("anchor") >= window_start))
    return passed_if(chain & ~run.has(used[SUBJECT]))


@rule("titles_in_window")
def titles_in_window(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    window, count = int(run.value(spec, "window")), int(run.value(spec, "count"))
    if count <= 0:
        return PASSED
    years = pl.col("year").is_between(run.year - window + 1, run.year)
    return passed_if(run.has(titled(run, spec["award"], years, count)))


@rule("prior_award")
def prior_award(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    """Passes with an anchor before the window; none held, or all too recent, fails."""
    first = run.year - int(run.value(spec, "window")) + 1
    earlier = held(run, spec["award"]).filter(pl.col("anchor") < first)
    return passed_if(run.has(earlier[SUBJECT]))


@rule("public_posting")
def public_posting(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    days = int(run.value(spec, "days", "policy:posting_working_days"))
    posted = run.frames.postings.filter(
        (pl.col("award") == run.award.code) & (pl.col("year") == run.year)
    )
    # Working days are counted in Python once per distinct opening day, then joined back.
    starts = posted["start"].unique().to_list()
    counts = run.policy.posting_day_counts
    ends = [run.calendar.window_end(s, days, start_counts=counts) for s in starts]
    windows = pl.DataFrame(
        {"start": starts, "end": ends}, schema={"start": pl.Date, "end": pl.Date}
    )
    posted = posted.join(windows, on="start", how="left").drop_nulls("council_on")
    early = posted.filter(pl.col("council_on") <= pl.col("end"))[SUBJECT]
    done = posted.filter(pl.col("council_on") > pl.col("end"))[SUBJECT]
    return pl.when(run.has(done)).then(PASSED).when(run.has(early)).then(FAILED).otherwise(PENDING)


# --- people ------------------------------------------------------------------------------


@rule("not_disciplined")
def not_disciplined(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    decided = run.frames.disciplines.filter(pl.col("decided_on").dt.year() == run.year)
    barred = restart(run).filter(pl.col("restart") > run.year)
    return passed_if(~run.has(decided["person"]) & ~run.has(barred[SUBJECT]))


@rule("rating_at_least")
def rating_at_least(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    """The effective rating of the year; unlike the window checks, no discipline restart."""
    floor = Rating(run.value(spec, "rating")).rank
    year = run.year + int(spec.get("offset", 0))
    return passed_if(run.has(rated(run, floor, year, year, 1, opened=False)))


@rule("worked_months")
def worked_months(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    need = int(run.value(spec, "months", "policy:recruit_min_months"))
    ref = run.reference_date(run.year)
    employed = whole_months(run, "employment_start", ref, not_before=date(run.year, 1, 1))
    away = absence(run, run.year, run.year).drop("year")
    name = f"_away{run.year}"
    run.attach(name, away.rename({"absence": name}))
    # Absence is never negative: with enough months worked, enough were employed, too.
    return passed_if(employed - pl.col(name).fill_null(0) >= need)


@rule("transfer_comment")
def transfer_comment(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    need = int(run.value(spec, "months", "policy:transfer_comment_months"))
    moves = run.frames.transfers.filter(pl.col("on").dt.year() == run.year)
    missing = moves.filter((pl.col("months_at_old_unit") >= need) & ~pl.col("old_unit_comment"))
    return (
        pl.when(run.has(missing["person"]))
        .then(PENDING)
        .when(run.has(moves["person"]))
        .then(PASSED)
        .otherwise(NONE)
    )


@rule("consecutive_ratings")
def consecutive_ratings(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    floor, count = Rating(run.value(spec, "rating")).rank, int(run.value(spec, "count"))
    if count <= 0:
        return PASSED
    return passed_if(run.has(rated(run, floor, run.year - count + 1, run.year, count, True)))


@rule("ratings_in_window")
def ratings_in_window(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    floor, count = Rating(run.value(spec, "rating")).rank, int(run.value(spec, "count"))
    if count <= 0:
        return PASSED
    first = run.year - int(run.value(spec, "window")) + 1
    return passed_if(run.has(rated(run, floor, first, run.year, count, True)))


@rule("service_years")
def service_years(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    need = int(run.value(spec, "years"))
    fewer = need - int(run.value(spec, "women_reduction", 0))
    served = whole_months(run, "employment_start", run.reference_date(run.year)) // 12
    required = pl.when(pl.col("gender") == "female").then(fewer).otherwise(need)
    return passed_if(served >= required)


@rule("initiatives")
def initiatives(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    """Fit initiatives (applied, wide enough, not used before nor taken by an earlier rule).

    The first `count` by (year, id) are consumed where the rule passes, as the scalar check.
    """
    count = int(run.value(spec, "count"))
    fit = _fit_initiatives(run, spec, consumed)
    found = fit.group_by(SUBJECT).len()
    winners = found.filter(pl.col("len") >= count)[SUBJECT]
    taken = fit.filter((pl.col("pos") < count) & pl.col(SUBJECT).is_in(winners.implode()))
    seq = pl.lit(run.next_id(), dtype=pl.Int64).alias("seq")
    consumed.rows = pl.concat([consumed.rows, taken.select(SUBJECT, "id", seq, "pos")])
    return PASSED if count <= 0 else passed_if(run.has(winners))


def _fit_initiatives(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.DataFrame:
    """SUBJECT, id, year, pos: the fit initiatives in consuming order, numbered per subject."""
    floor, window = Scope(spec["scope"]).rank, int(run.value(spec, "window", 1))
    kinds = list(spec.get("kinds", ("initiative", "research", "combat")))
    wanted = (
        pl.col("year").is_between(run.year - window + 1, run.year)
        & pl.col("kind").cast(pl.String).is_in(kinds)
        & pl.col("applied")
        & (pl.col("scope").to_physical() >= floor)
    )
    items = run.frames.initiatives.lazy().filter(wanted)
    rows = items.select(pl.col("person").alias(SUBJECT), "id", "year").collect()
    rows = with_restart(run, rows).filter(pl.col("year") >= pl.col("restart"))
    blocked = pl.concat([used_initiatives(run), consumed.rows.select(SUBJECT, "id")])
    fit = rows.join(blocked, on=[SUBJECT, "id"], how="anti").sort(SUBJECT, "year", "id")
    return fit.with_columns(pos=pl.int_range(pl.len(), dtype=pl.Int64).over(SUBJECT))
