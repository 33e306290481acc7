"""The state of one sweep: the subjects' table the rules add result columns to, and the cache.

The table has one row per subject. A rule's result is an expression over it, usually
"is the subject in this set" where the set came from a group_by over a fact frame; the
expressions wait in `pending` and are evaluated together so polars runs them in parallel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

from ..calendar import WorkCalendar
from ..packs import Award, Pack
from ..policy import Policy
from ..verdict import Result
from .frames import RESULT, Frames

SUBJECT = "subject"


def result(value: Result) -> pl.Expr:
    return pl.lit(value.value, dtype=RESULT)


PASSED, FAILED, INFO = result(Result.PASSED), result(Result.FAILED), result(Result.INFO)
DEFERRED, PENDING = result(Result.DEFERRED), result(Result.PENDING_DOCUMENT)
NONE = pl.lit(None, dtype=RESULT)  # the scalar check returned no outcome


@dataclass
class Consumed:
    """Initiatives consumed so far where a rule runs: the scalar `ctx.consumes`.

    An any_of branch starts with none, as `checks.common._branch` does.
    """

    rows: pl.DataFrame  # SUBJECT, id, seq (rule order), pos (order within the rule)


class Run:
    """One sweep: an award for a year judged on a date, under a pack and a policy."""

    def __init__(
        self, frames: Frames, award: Award, year: int, as_of: date, pack: Pack, policy: Policy
    ):
        self.frames, self.award, self.pack, self.policy = frames, award, pack, policy
        self.year, self.as_of = year, as_of
        self.calendar = WorkCalendar.of(policy)
        self.individual = award.subject == "individual"
        if self.individual:
            self.table = frames.people.rename({"id": SUBJECT})
        else:
            self.table = frames.units.rename({"id": SUBJECT})
        self.key = self.table.schema[SUBJECT]
        self.pending: dict[str, pl.Expr] = {}
        self.limb: pl.Expr = pl.lit("", dtype=pl.String)
        self.cache: dict[Any, Any] = {}
        self._count = 0

    def value(self, rule: dict[str, Any], key: str, default: Any = None) -> Any:
        """A rule parameter, "policy:name" read from the policy (as `Context.value`)."""
        raw = rule.get(key, default)
        if isinstance(raw, str) and raw.startswith("policy:"):
            return getattr(self.policy, raw.removeprefix("policy:"))
        return raw

    def reference_date(self, year: int) -> date:
        month, day = (int(x) for x in self.policy.recruit_reference.split("-"))
        return date(year, month, day)

    def next_id(self) -> int:
        self._count += 1
        return self._count

    def column(self, expr: pl.Expr) -> str:
        """Queue `expr` as a new column of the table; its name is returned."""
        name = f"_c{self.next_id()}"
        self.pending[name] = expr
        return name

    def flush(self) -> None:
        if self.pending:
            self.table = self.table.with_columns(**self.pending)
            self.pending = {}

    def attach(self, name: str, frame: pl.DataFrame) -> None:
        """Left-join a per-subject frame (keyed by SUBJECT) once; its columns must be unique."""
        if name not in self.cache:
            self.cache[name] = True
            self.table = self.table.join(frame, on=SUBJECT, how="left", maintain_order="left")

    def has(self, subjects: pl.Series) -> pl.Expr:
        """Is the row's subject one of `subjects`."""
        if subjects.is_empty():
            return pl.lit(False)
        return pl.col(SUBJECT).is_in(subjects.cast(self.key).implode())

    def cached(self, key: Any, build: Callable[[], Any]) -> Any:
        """Kept for this sweep only."""
        if key not in self.cache:
            self.cache[key] = build()
        return self.cache[key]

    def shared(self, key: Any, build: Callable[[], Any], *, context: bool = True) -> Any:
        """Kept on the frames for the next sweeps: sweeping five awards in turn reads most
        figures once. `context`: the figure depends on the pack, policy or dates, too."""
        if context:
            key = (self.pack.version_label, self.pack.id, self.policy, self.as_of, key)
        cache = self.frames.cache
        if key not in cache:
            cache[key] = build()
        return cache[key]

    def consumed(self) -> Consumed:
        """Nothing consumed yet."""
        schema: dict[str, pl.DataType] = {SUBJECT: self.key, "id": pl.String()}
        schema |= {"seq": pl.Int64(), "pos": pl.Int64()}
        return Consumed(pl.DataFrame(schema=schema))
