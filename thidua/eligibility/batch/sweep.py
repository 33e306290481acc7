"""A whole population judged for one award at once, with the scalar engine's verdicts.

The award's rules (common rules first, includes inlined: `packs.Award.rules`) are walked in
order as `engine.evaluate` walks them; each rule adds a result column to the subjects' table,
any_of and all_of combine their children's columns the way `checks.common` combines outcomes.
Python loops over rules, never over subjects.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from ..engine import resolve_policy
from ..packs import Pack, rules_in_force, select_pack
from ..policy import Policy
from ..verdict import Result, Status
from . import unit_rules  # noqa: F401  registers the collectives' checks
from .frames import STATUS, Frames
from .rules import RULES
from .run import FAILED, INFO, PASSED, PENDING, SUBJECT, Consumed, Run

Outputs = list[tuple[str, str]]  # (rule id, column of the table holding its result)


def sweep(
    frames: Frames,
    award: str,
    year: int,
    as_of: date,
    pack: Pack | None = None,
    policy: dict[str, Any] | Policy | None = None,
) -> pl.DataFrame:
    """One row per subject of the award's kind (people or units), in the order of their keys.

    Columns: subject, status, one per rule id (the result, null where the rule gave no
    outcome), consumes (initiative ids, in the order the scalar engine lists them), limb.
    """
    if not frames.cache.get("conformed"):
        raise ValueError("build the frames with conform() or frames_from_facts()")
    pack = pack or select_pack(year, as_of)
    spec = pack.award(award)
    run = Run(frames, spec, year, as_of, pack, resolve_policy(pack, policy))
    consumed = run.consumed()
    outputs = run_rules(run, rules_in_force(spec.rules, as_of), consumed)
    return _assemble(run, outputs, consumed)


def run_rules(run: Run, rules: Any, consumed: Consumed) -> Outputs:
    outputs: Outputs = []
    for spec in rules:
        outputs.extend(run_rule(run, spec, consumed))
    return outputs


def run_rule(run: Run, spec: dict[str, Any], consumed: Consumed) -> Outputs:
    if spec["check"] == "all_of":  # no outcome of its own: its children's, in order
        return run_rules(run, spec["rules"], consumed)
    if spec["check"] == "any_of":
        return any_of(run, spec, consumed)
    return [(spec["id"], run.column(RULES[spec["check"]](run, spec, consumed)))]


def any_of(run: Run, spec: dict[str, Any], consumed: Consumed) -> Outputs:
    """The first good branch wins; else the first that only lacks a paper makes the rule wait;
    else it fails and every branch's outcomes that did not pass are kept as INFO.

    Every branch is computed for every subject; a branch after the winner is discarded,
    which is what not running it amounts to. Branches consume on their own and only
    the chosen branch's consumption is kept (`checks.common._branch`).
    """
    branches = []
    for child in spec["rules"]:
        inner = run.consumed()
        outputs = run_rule(run, child, inner)
        branches.append((child, [c for _, c in outputs], outputs, inner, run.limb))
    run.flush()
    blocking = (Result.FAILED, Result.DEFERRED)
    good = _first(run, [~_any_is(b[1], (*blocking, Result.PENDING_DOCUMENT)) for b in branches])
    waits = _first(
        run,
        [_any_is(b[1], (Result.PENDING_DOCUMENT,)) & ~_any_is(b[1], blocking) for b in branches],
    )
    run.flush()
    chosen = pl.coalesce(good, waits)
    met = pl.when(good.is_not_null()).then(PASSED).when(waits.is_not_null()).then(PENDING)
    combined = [(spec["id"], run.column(met.otherwise(FAILED)))]
    for i, (_, _, outputs, inner, _) in enumerate(branches):
        combined.extend(
            (rule_id, run.column(_kept(pl.col(c), chosen, i))) for rule_id, c in outputs
        )
        kept = run.table.filter(chosen == i)[SUBJECT].implode()
        chosen_rows = inner.rows.filter(pl.col(SUBJECT).is_in(kept))
        consumed.rows = pl.concat([consumed.rows, chosen_rows])
    run.limb = _limb(branches, good, waits)
    return combined


def _first(run: Run, conditions: list[pl.Expr]) -> pl.Expr:
    """A column: the index of the first true condition, null when none is."""
    index = pl.lit(None, dtype=pl.Int32)
    for i, condition in reversed(list(enumerate(conditions))):
        index = pl.when(condition).then(pl.lit(i, dtype=pl.Int32)).otherwise(index)
    return pl.col(run.column(index))


def _limb(branches: list[Any], good: pl.Expr, waits: pl.Expr) -> pl.Expr:
    """`ctx.limb = child.get("limb", ctx.limb)` for the chosen branch: a good one returns at
    once, a waiting one is taken after every branch ran (a nested any_of may set the limb)."""
    last = branches[-1][-1]
    limb = last
    for i, (child, *_, after) in reversed(list(enumerate(branches))):
        named = pl.lit(child["limb"], dtype=pl.String) if "limb" in child else None
        waited = pl.when(good.is_null() & (waits == i)).then(last if named is None else named)
        limb = (
            pl.when(good == i)
            .then(after if named is None else named)
            .otherwise(waited.otherwise(limb))
        )
    return limb


def _any_is(columns: list[str], results: tuple[Result, ...]) -> pl.Expr:
    tests = ((pl.col(c) == r.value).fill_null(False) for c in columns for r in results)
    return pl.any_horizontal(pl.lit(False), *tests)


def _kept(result: pl.Expr, chosen: pl.Expr, branch: int) -> pl.Expr:
    """The chosen branch's outcomes stay; without one, the rest explain (`_as_info`)."""
    explains = chosen.is_null() & (result != PASSED)
    return pl.when(chosen == branch).then(result).when(explains).then(INFO).otherwise(None)


def _assemble(run: Run, outputs: Outputs, consumed: Consumed) -> pl.DataFrame:
    run.flush()
    columns = dict(outputs)  # a rule id used twice keeps its last outcome
    results = [pl.col(c).alias(rule_id) for rule_id, c in columns.items()]
    verdicts = run.table.select(
        SUBJECT, _status(list(columns.values())), *results, run.limb.alias("limb")
    )
    consumes = _consumes(consumed.rows)
    verdicts = verdicts.join(consumes, on=SUBJECT, how="left", maintain_order="left")
    empty = pl.lit([], dtype=pl.List(pl.String))
    return verdicts.with_columns(pl.col("consumes").fill_null(empty)).select(
        SUBJECT, "status", *columns, "consumes", "limb"
    )


def _consumes(taken: pl.DataFrame) -> pl.DataFrame:
    """`dict.fromkeys(ctx.consumes)`: ids in the order rules took them, each once."""
    taken = taken.sort(SUBJECT, "seq", "pos").unique([SUBJECT, "id"], maintain_order=True)
    return taken.group_by(SUBJECT, maintain_order=True).agg(pl.col("id").alias("consumes"))


def _status(columns: list[str]) -> pl.Expr:
    """`verdict.status_of`: a freeze outranks a failure, which outranks a missing paper."""

    def status(value: Status) -> pl.Expr:
        return pl.lit(value.value, dtype=STATUS)

    return (
        pl.when(_any_is(columns, (Result.DEFERRED,)))
        .then(status(Status.DEFERRED))
        .when(_any_is(columns, (Result.FAILED,)))
        .then(status(Status.INELIGIBLE))
        .when(_any_is(columns, (Result.PENDING_DOCUMENT,)))
        .then(status(Status.PENDING_DOCUMENT))
        .otherwise(status(Status.ELIGIBLE))
        .alias("status")
    )
