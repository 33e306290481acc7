"""The set-based sweep: frames from SQL, every subject judged per award at once, stored in bulk.

People are grouped by the policy that applies to their unit (most share one), so each group is
one batch run. The verdicts people act on (eligible, waiting for a paper, deferred) are stored
as status, the rules that did not pass and the initiatives the award would use, with the pack
id and version; for the rest the sweep keeps counts per award (`Sweep.counts`): at national
scale they are four rows in five and writing them took five minutes (bench/eligibility_sweep).
On PostgreSQL the rows go in with COPY.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from typing import Any

import polars as pl
from django.db import connection
from django.utils import timezone

from thidua.awards.facts import merged_policy
from thidua.awards.frames import people_frames, unit_frames
from thidua.awards.models import PolicySetting, StoredVerdict, Sweep
from thidua.eligibility import batch
from thidua.eligibility.packs import Pack
from thidua.org.models import Person, Unit
from thidua.org.scope import path_q

NOT_PASSED = ["failed", "deferred", "pending_document"]
OUTPUT = ("subject", "award", "status", "failed_rules", "consumes")


def policies_by_unit(units: list[tuple[int, str]]) -> dict[int, dict[str, Any]]:
    """Each unit's merged policy (installation, then ancestors, nearest last) in two queries."""
    settings = {row.unit_id: row.values for row in PolicySetting.objects.all()}
    return {pk: merged_policy(settings, path) for pk, path in units}


def _groups(rows: list[tuple[int, int | None]], policies: dict) -> dict[str, tuple[dict, list]]:
    """Subjects grouped by the JSON of their policy."""
    groups: dict[str, tuple[dict, list]] = {}
    for subject, unit_id in rows:
        policy = policies.get(unit_id, policies.get(None, {}))
        key = json.dumps(policy, sort_keys=True)
        groups.setdefault(key, (policy, []))[1].append(subject)
    return groups


def _verdict_rows(frames: batch.Frames, codes: list[str], sweep: Sweep, pack: Pack, policy):
    out = []
    for code in codes:
        result = batch.sweep(frames, code, sweep.year, sweep.as_of, pack=pack, policy=policy)
        rules = [c for c in result.columns if c not in ("subject", "status", "consumes", "limb")]
        # JSON text built column-wise: lists per row cost twenty times more at a million rows.
        not_passed = [
            pl.when(pl.col(c).is_in(NOT_PASSED)).then(pl.lit(json.dumps(c))) for c in rules
        ]
        out.append(
            result.select(
                "subject",
                award=pl.lit(code),
                status=pl.col("status").cast(pl.String),
                failed_rules=pl.lit("[")
                + pl.concat_str(not_passed, separator=",", ignore_nulls=True)
                + pl.lit("]"),
                consumes=_json_list("consumes"),
            )
        )
    return out


def _subset(frames: batch.Frames, ids: list[int], table: str) -> batch.Frames:
    keep = pl.Series(ids, dtype=frames.key_dtype)
    if table == "people":
        people = frames.people.filter(pl.col("id").is_in(keep.implode()))
        return replace(frames, people=people, cache={"conformed": True})
    units = frames.units.filter(pl.col("id").is_in(keep.implode()))
    return replace(frames, units=units, cache={"conformed": True})


def person_verdicts(sweep: Sweep, pack: Pack, codes: list[str]) -> pl.DataFrame:
    people = Person.objects.all()
    if sweep.unit is not None:
        people = people.filter(path_q((sweep.unit.path,), "unit__path"))
    pairs = list(people.values_list("pk", "unit_id"))
    unit_ids = {u for _, u in pairs if u is not None}
    policies = policies_by_unit(
        list(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "path"))
    )
    frames = people_frames(sweep.unit)
    parts = []
    for policy, ids in _groups(pairs, policies).values():
        group = frames if len(ids) == len(pairs) else _subset(frames, ids, "people")
        parts.extend(_verdict_rows(group, codes, sweep, pack, policy))
    return pl.concat(parts) if parts else pl.DataFrame()


def unit_verdicts(sweep: Sweep, pack: Pack, codes: list[str]) -> pl.DataFrame:
    units = Unit.objects.all()
    if sweep.unit is not None:
        units = units.filter(path_q((sweep.unit.path,)))
    rows = list(units.values_list("pk", "path"))
    policies = policies_by_unit(rows)
    parts = []
    for policy, ids in _groups([(pk, pk) for pk, _ in rows], policies).values():
        frames = unit_frames(sweep.unit, discipline_bar=policy.get("ttldtt_discipline_bar"))
        group = frames if len(ids) == len(rows) else _subset(frames, ids, "units")
        parts.extend(_verdict_rows(group, codes, sweep, pack, policy))
    return pl.concat(parts) if parts else pl.DataFrame()


def counts(verdicts: pl.DataFrame) -> dict[str, dict[str, int]]:
    """{award: {status: how many}} over every subject judged."""
    if verdicts.is_empty():
        return {}
    rows = verdicts.group_by("award", "status").len().iter_rows()
    out: dict[str, dict[str, int]] = {}
    for award, status, n in rows:
        out.setdefault(award, {})[status] = n
    return out


def store(sweep: Sweep, verdicts: pl.DataFrame, subject: str) -> int:
    """Write the verdicts worth acting on (COPY on PostgreSQL); returns how many are eligible."""
    verdicts = (
        verdicts.filter(pl.col("status") != "ineligible") if not verdicts.is_empty() else verdicts
    )
    if verdicts.is_empty():
        return 0
    table = verdicts.select(
        pl.lit(sweep.pk).alias("sweep_id"),
        pl.col("subject").cast(pl.Int64).alias(f"{subject}_id"),
        "award",
        pl.lit(sweep.year).alias("year"),
        pl.lit(sweep.as_of).alias("as_of"),
        "status",
        pl.lit(sweep.pack).alias("pack"),
        pl.lit(sweep.pack_version).alias("pack_version"),
        "failed_rules",
        pl.lit("[]").alias("outcomes"),
        "consumes",
        pl.lit(timezone.now()).alias("created_at"),
    )
    if connection.vendor == "postgresql":
        _copy_in(table)
    else:
        _insert_many(table)
    return verdicts.filter(pl.col("status") == "eligible").height


def _json_list(column: str) -> pl.Expr:
    """A list of strings as JSON text, built in polars (no Python call per row)."""
    quoted = pl.col(column).list.eval(pl.lit('"') + pl.element() + pl.lit('"')).list.join(",")
    return (pl.lit("[") + quoted + pl.lit("]")).alias(column)


def _insert_many(table: pl.DataFrame) -> None:
    columns = ", ".join(table.columns)
    marks = ", ".join(["%s"] * len(table.columns))
    rows = table.with_columns(pl.col("as_of").cast(pl.String)).iter_rows()
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {StoredVerdict._meta.db_table} ({columns}) VALUES ({marks})", rows
        )


def _copy_in(table: pl.DataFrame) -> None:
    buffer = io.BytesIO()
    table.write_csv(buffer, include_header=False)
    columns = ", ".join(table.columns)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            f"COPY awards_storedverdict ({columns}) FROM STDIN WITH (FORMAT csv)"
        ) as copy,
    ):
        copy.write(buffer.getvalue())
