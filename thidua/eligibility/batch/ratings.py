"""Effective ratings (`Context.effective_rating`, `Context.rating_at_least`) as sets of people.

Ratings are the biggest frame (one row per person and year). Counts are taken on the recorded
ranks; the people a discipline, an absence or a restart concerns are recounted exactly.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from ..facts import Rating
from .features import absence, at_least, recount, restart, with_restart
from .run import SUBJECT, Run

HT = Rating.HT.rank


def rating_span(run: Run, rules: Any) -> tuple[int, int]:
    """The years whose ratings any rule of the award reads."""
    first = last = year = run.year
    for rule in rules:
        if rule["check"] in ("any_of", "all_of"):
            lo, hi = rating_span(run, rule["rules"])
            first, last = min(first, lo), max(last, hi)
        offset = int(rule.get("offset", 0))
        first, last = min(first, year + offset), max(last, year + offset)
        if rule["check"] in ("consecutive_ratings", "ratings_in_window"):
            reach = max(int(run.value(rule, k, 1)) for k in ("count", "window"))
            first = min(first, year - reach + 1)
    return first, last


def rated(run: Run, floor: int, first: int, last: int, count: int, opened: bool) -> pl.Series:
    """Subjects with at least `count` years from `first` to `last` whose effective rating is
    `floor` or better (`Context.effective_rating`); `opened`: from the restart year on too."""
    in_window = pl.col("year").is_between(first, last)
    plain = run.shared(
        ("rated", run.policy.absence_cap_months <= 0, floor, first, last, count),
        lambda: at_least(
            _span_ratings(run).lazy().filter(in_window & (pl.col("rank") >= floor)), count
        ),
        context=False,
    )
    exact = effective(run).filter(in_window & (pl.col("eff") >= floor))
    if opened:
        exact = exact.filter(pl.col("open"))
    return recount(plain, _touched(run), at_least(exact.lazy(), count))


def _span(run: Run) -> tuple[int, int]:
    return run.cached("span", lambda: rating_span(run, run.award.rules))


def _span_ratings(run: Run) -> pl.DataFrame:
    """Ratings in the span as ranks; with no absence cap at all, every year is capped."""

    def build() -> pl.DataFrame:
        rank = pl.col("rating").to_physical().cast(pl.Int8)
        if run.policy.absence_cap_months <= 0:
            rank = pl.min_horizontal(rank, pl.lit(HT, dtype=pl.Int8))
        rows = run.frames.ratings.lazy().filter(pl.col("year").is_between(*_span(run)))
        return rows.select(pl.col("person").alias(SUBJECT), "year", rank.alias("rank")).collect()

    key = ("span_ratings", _span(run), run.policy.absence_cap_months <= 0)
    return run.shared(key, build, context=False)


def _touched(run: Run) -> pl.Series:
    """People whose effective rating may differ from the record in the span, or who have a
    restart year: the disciplined, and those away at least the cap."""

    def build() -> pl.Series:
        away = absence(run, *_span(run)).filter(pl.col("absence") >= run.policy.absence_cap_months)
        subjects = pl.concat([restart(run)[SUBJECT], _disciplined(run)[SUBJECT], away[SUBJECT]])
        return subjects.unique()

    return run.shared(("touched", _span(run)), build)


def _disciplined(run: Run) -> pl.DataFrame:
    """SUBJECT, year, disciplined: `Context.disciplined_in` for the span's years."""
    decided = pl.col("decided_on").dt.year().cast(pl.Int32)
    rows = run.frames.disciplines.select(pl.col("person").alias(SUBJECT), decided.alias("year"))
    rows = rows.filter(pl.col("year").is_between(*_span(run))).unique()
    return rows.with_columns(disciplined=pl.lit(True))


def effective(run: Run) -> pl.DataFrame:
    """The touched people's span ratings: SUBJECT, year, eff (effective rank), open."""
    return run.shared(("effective", _span(run)), lambda: _effective(run))


def _effective(run: Run) -> pl.DataFrame:
    touched = _touched(run)
    rows = _span_ratings(run).filter(pl.col(SUBJECT).is_in(touched.implode()))
    rows = rows.join(_disciplined(run), on=[SUBJECT, "year"], how="left")
    rows = rows.join(absence(run, *_span(run)), on=[SUBJECT, "year"], how="left")
    rank, away = pl.col("rank"), pl.col("absence").fill_null(0)
    eff = (
        pl.when(pl.col("disciplined").fill_null(False))
        .then(pl.lit(Rating.KHT.rank, dtype=pl.Int8))
        .when((rank > HT) & (away >= run.policy.absence_cap_months))
        .then(pl.lit(HT, dtype=pl.Int8))
        .otherwise(rank)
    )
    rows = with_restart(run, rows)
    return rows.select(
        SUBJECT, "year", eff.alias("eff"), (pl.col("year") >= pl.col("restart")).alias("open")
    )
