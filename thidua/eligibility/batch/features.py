"""Figures several rules share: the set-based `Context` (ratings are in `ratings`).

The scalar engine adjusts some records before it counts them: a discipline makes the year
KHT, an absence caps the rating at HT, a discipline period closes the years before its
restart. Few subjects are concerned. So counts over the big frames (ratings, awards) are taken
on the records as they stand, grouped on their sorted key, and the concerned ("touched")
subjects are recounted exactly from a small frame. Results are sets of subjects.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from ..facts import COUNTED_LEAVE, LeaveKind
from .run import SUBJECT, Run


def full_months(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    """`context.full_months` on columns: whole months from start to end inclusive."""
    after = end + pl.duration(days=1)
    months = (
        (after.dt.year().cast(pl.Int32) - start.dt.year().cast(pl.Int32)) * 12
        + after.dt.month().cast(pl.Int32)
        - start.dt.month().cast(pl.Int32)
        - (after.dt.day() < start.dt.day()).cast(pl.Int32)
    )
    return pl.when(after <= start).then(0).otherwise(months)


def whole_months(run: Run, column: str, end: date, not_before: date | None = None) -> pl.Expr:
    """`full_months(max(column, not_before), end)` on a date column of the subjects' table,
    worked out once per distinct date (people share hiring days; dates are slow to split)."""
    days = run.table[column].unique().drop_nulls()
    start = pl.col(column)
    if not_before is not None:
        start = pl.max_horizontal(start, pl.lit(not_before))
    months = days.to_frame().select(full_months(start, pl.lit(end)))[:, 0]
    return pl.col(column).replace_strict(days, months, default=None, return_dtype=pl.Int32)


def at_least(rows: pl.LazyFrame, count: int) -> pl.Series:
    """Subjects with at least `count` rows (rows sorted by subject: a fast group_by).

    Lazy, so that polars fuses the filter that made `rows` into the grouping."""
    counts = rows.group_by(SUBJECT).len().filter(pl.col("len") >= count)
    return counts.select(SUBJECT).collect()[SUBJECT]


def recount(plain: pl.Series, touched: pl.Series, exact: pl.Series) -> pl.Series:
    """`plain` for the untouched subjects, `exact` for the touched ones."""
    if touched.is_empty():
        return plain
    return pl.concat([plain.filter(~plain.is_in(touched.implode())), exact.cast(plain.dtype)])


# --- awards --------------------------------------------------------------------------------


def codes_of(value: Any) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def held(run: Run, codes: Any) -> pl.DataFrame:
    """Awards held and not revoked (`Context.held`): SUBJECT, year, anchor."""
    codes = codes_of(codes)
    return _held(run, codes).with_columns(anchor=anchor(run)).drop("decided_on")


def _held(run: Run, codes: tuple[str, ...]) -> pl.DataFrame:
    def build() -> pl.DataFrame:
        # Lazy, so that only these columns are gathered (not the lists of initiatives).
        code = pl.col("code")
        wanted = code == codes[0] if len(codes) == 1 else code.is_in(codes)
        awards = run.frames.awards.lazy().filter(wanted & ~pl.col("revoked"))
        return awards.select(SUBJECT, "year", "decided_on").collect()

    return run.shared(("held", codes), build, context=False)


def held_in(run: Run, code: str, year: int) -> pl.Series:
    """Subjects holding `code` for `year`, read straight from the awards."""
    wanted = (pl.col("year") == year) & (pl.col("code") == code) & ~pl.col("revoked")
    return run.frames.awards.lazy().filter(wanted).select(SUBJECT).collect()[SUBJECT]


def anchor(run: Run) -> pl.Expr:
    """`Context.anchor_year`: the decision's year where the pack says so, else the award's."""
    if run.pack.params.get("window_anchor") != "decision_year":
        return pl.col("year")
    decided = pl.col("decided_on").dt.year().cast(pl.Int32)
    return pl.when(pl.col("decided_on").is_not_null()).then(decided).otherwise(pl.col("year"))


def titled(run: Run, codes: Any, years: pl.Expr, count: int) -> pl.Series:
    """Subjects holding `codes` in at least `count` distinct years matching `years`, each
    from the restart year on (`held_years`, with `restart_year`)."""
    rows = _held_years(run, codes_of(codes)).lazy().filter(years)
    touched = restart(run)[SUBJECT]
    exact = rows.filter(pl.col(SUBJECT).is_in(touched.implode())).collect()
    exact = with_restart(run, exact).filter(pl.col("year") >= pl.col("restart"))
    return recount(at_least(rows, count), touched, at_least(exact.lazy(), count))


def _held_years(run: Run, codes: tuple[str, ...]) -> pl.DataFrame:
    def build() -> pl.DataFrame:
        # Sorted by subject then year, a year held twice sits next to itself.
        rows = _held(run, codes).select(SUBJECT, "year")
        again = (pl.col(SUBJECT) == pl.col(SUBJECT).shift()) & (
            pl.col("year") == pl.col("year").shift()
        )
        return rows.lazy().filter(~again.fill_null(False)).collect()

    return run.shared(("held_years", codes), build, context=False)


# --- discipline and absence ----------------------------------------------------------------


def restart(run: Run) -> pl.DataFrame:
    """`Context.restart_year` per disciplined person: SUBJECT, restart (units have none)."""
    return run.shared(("restart", run.individual), lambda: _restart(run))


def _restart(run: Run) -> pl.DataFrame:
    d = run.frames.disciplines.rename({"person": SUBJECT})
    if not run.individual:
        d = d.clear()
    decided = pl.col("decided_on")
    # `_add_months(decided_on, n).year` without building the date
    months = decided.dt.month().cast(pl.Int32) - 1 + run.policy.discipline_default_months
    default_end = decided.dt.year().cast(pl.Int32) + months // 12
    ends = pl.coalesce(pl.col("ends_on").dt.year().cast(pl.Int32), default_end)
    shift = 1 if run.policy.discipline_restart == "next_year" else 0
    return (
        d.filter(decided <= run.as_of)
        .group_by(SUBJECT, maintain_order=True)
        .agg((ends + shift).max().alias("restart"))
    )


def with_restart(run: Run, frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` with each subject's restart year (0 when never disciplined)."""
    joined = frame.join(restart(run), on=SUBJECT, how="left", maintain_order="left")
    return joined.with_columns(pl.col("restart").fill_null(0))


def absence(run: Run, first: int, last: int) -> pl.DataFrame:
    """`Context.absence_months` for each year from `first` to `last`: SUBJECT, year, absence."""
    return run.shared(("absence", first, last), lambda: _absence(run, first, last))


def _absence(run: Run, first: int, last: int) -> pl.DataFrame:
    leaves = run.frames.leaves.rename({"person": SUBJECT})
    counted = pl.col("kind").is_in([k.value for k in COUNTED_LEAVE])
    if run.policy.long_training_requires_completion:
        long = full_months(pl.col("start"), pl.col("end")) >= 12
        unfinished = long & ~pl.col("study_completed").fill_null(False)
        counted = counted & ~((pl.col("kind") == LeaveKind.TRAINING.value) & unfinished)
    years = pl.DataFrame({"year": list(range(first, last + 1))}, schema={"year": pl.Int32})
    jan1, dec31 = pl.date(pl.col("year"), 1, 1), pl.date(pl.col("year"), 12, 31)
    start, end = pl.max_horizontal("start", jan1), pl.min_horizontal("end", dec31)
    return (
        leaves.filter(~counted)
        .join(years, how="cross")
        .filter((pl.col("start") <= dec31) & (pl.col("end") >= jan1))
        .group_by(SUBJECT, "year")
        .agg(full_months(start, end).sum().alias("absence"))
    )


# --- initiatives and units -----------------------------------------------------------------


def used_initiatives(run: Run) -> pl.DataFrame:
    """`Context.used_initiatives`: SUBJECT, id of initiatives already used."""
    return run.shared("used", lambda: _used(run), context=False)


def _used(run: Run) -> pl.DataFrame:
    own = run.frames.initiatives.filter(pl.col("used_for") != "").select(
        pl.col("person").alias(SUBJECT), "id"
    )
    consumed = (
        run.frames.awards.lazy()
        .filter(~pl.col("revoked") & (pl.col("initiatives").list.len() > 0))
        .select(SUBJECT, pl.col("initiatives").alias("id"))
        .explode("id")
        .collect()
    )
    return pl.concat([own, consumed]).unique()


def unit_row(run: Run, year: int) -> str:
    """Attach the units' `year` row (`UnitFacts.year`); returns the prefix of its columns."""
    prefix = f"_y{year}_"
    rows = run.frames.unit_years.filter(pl.col("year") == year).drop("year")
    rows = rows.rename({c: prefix + c for c in rows.columns if c != "unit"})
    marker = pl.lit(True).alias(prefix + "row")
    run.attach(prefix, rows.rename({"unit": SUBJECT}).with_columns(marker))
    return prefix
