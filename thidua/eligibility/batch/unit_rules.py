"""Set-based checks on a collective's year (`checks/units.py`).

Units are few (thousands, not millions), so their year rows are simply joined onto the
subjects' table; a missing row reads as the scalar `row is None`.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from ..facts import Rating
from ..policy import fraction
from .features import unit_row
from .rules import passed_if, rule
from .run import FAILED, NONE, PASSED, PENDING, SUBJECT, Consumed, Run


def _row(run: Run, spec: dict[str, Any]) -> str:
    return unit_row(run, run.year + int(spec.get("offset", 0)))


def _count(prefix: str, field: str) -> pl.Expr:
    """`getattr(row, field)` on a present row, 0 without one (as the scalar checks)."""
    return pl.col(prefix + field).fill_null(0).cast(pl.Int64)


@rule("unit_rating_at_least")
def unit_rating_at_least(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    floor = Rating(run.value(spec, "rating")).rank
    rank = pl.col(_row(run, spec) + "rating").to_physical()
    return passed_if((rank >= floor).fill_null(False))


@rule("member_ratio")
def member_ratio(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    """count/roster against the ratio in integers: 69.2 % is not "at least 70 %"."""
    ratio = fraction(run.value(spec, "ratio"))
    strict = bool(run.value(spec, "strict", False))
    prefix = _row(run, spec)
    count, roster = _count(prefix, spec["of"]), _count(prefix, "roster")
    share, bar = count * ratio.denominator, roster * ratio.numerator
    met = share > bar if strict else share >= bar
    return passed_if((roster > 0) & met)


@rule("member_count")
def member_count(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    need = int(run.value(spec, "min"))
    return passed_if(_count(_row(run, spec), spec["of"]) >= need)


@rule("no_disciplined_members")
def no_disciplined_members(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    if run.policy.ttldtt_discipline_bar is None:
        return NONE
    return passed_if(_count(_row(run, spec), "disciplined") == 0)


@rule("led_cluster")
def led_cluster(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    led = pl.col(_row(run, spec) + "led_cluster").fill_null("")
    return passed_if((led != "") & led.is_in(list(spec["kinds"])))


@rule("party_clean_strong")
def party_clean_strong(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    value = pl.col(_row(run, spec) + "party_clean_strong")
    return pl.when(value.is_null()).then(PENDING).when(value).then(PASSED).otherwise(FAILED)


@rule("not_dissolved")
def not_dissolved(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    gone = pl.col("dissolved_on")
    return passed_if(~(gone.is_not_null() & (gone <= run.as_of)))


@rule("unit_ratings")
def unit_ratings(run: Run, spec: dict[str, Any], consumed: Consumed) -> pl.Expr:
    """Every year of the chain has a collective rating of at least `rating`."""
    floor, count = Rating(run.value(spec, "rating")).rank, int(run.value(spec, "count"))
    if count <= 0:
        return PASSED
    good = run.frames.unit_years.filter(
        pl.col("year").is_between(run.year - count + 1, run.year)
        & (pl.col("rating").to_physical() >= floor)
    )
    found = good.group_by(pl.col("unit").alias(SUBJECT)).len()
    return passed_if(run.has(found.filter(pl.col("len") >= count)[SUBJECT]))
