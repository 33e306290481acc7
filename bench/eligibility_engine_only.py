"""Time the set-based sweep against the scalar engine on synthetic people (no database).

    .venv/bin/python bench/eligibility_engine_only.py [N] [--passes=3] [--csv]

Generates N people (default 200 000) with ten years of history (2016-2025) straight as polars
frames, sweeps LDTT, CSTDCS, CSTD_BO, BK_TTG and HCLD_3 for 2025 one after the other (a pass;
later awards reuse what earlier ones derived), then judges a sample of 2 000 of them with
`evaluate()` and checks both agree. Each pass starts from an empty cache; the best pass is
kept, since other work on the machine makes single timings noisy. `--csv` also times writing
the frames to CSV and reading them back, a stand-in for PostgreSQL's COPY → `read_csv`.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from thidua.eligibility import (
    AwardHeld,
    Case,
    Discipline,
    Freeze,
    Initiative,
    InitiativeKind,
    Leave,
    LeaveKind,
    Limb,
    PersonFacts,
    Posting,
    Rating,
    Scope,
    Transfer,
    YearRating,
    evaluate,
    select_pack,
)
from thidua.eligibility.batch import Frames, conform, frames_from_facts, sweep
from thidua.eligibility.batch.frames import SCHEMAS
from thidua.eligibility.calendar import national_holidays

AWARDS = ("LDTT", "CSTDCS", "CSTD_BO", "BK_TTG", "HCLD_3")
YEAR, AS_OF = 2025, date(2026, 1, 15)
SAMPLE = 2_000


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 200_000
    started = time.perf_counter()
    frames = synthetic_frames(n)
    rows = sum(getattr(frames, name).height for name in SCHEMAS)
    print(f"generated {n:,} people, {rows:,} rows in {time.perf_counter() - started:.1f} s")
    if "--csv" in sys.argv:
        frames = csv_round_trip(frames)
    pack = select_pack(YEAR, AS_OF)
    national_holidays(YEAR + 1)  # imports `holidays` (0.2 s), as any first posting check would
    passes = int(next((a.split("=")[1] for a in sys.argv if a.startswith("--passes=")), 3))
    batch = max(time_sweeps(frames, pack, n) for _ in range(passes))
    scalar = time_scalar(frames, pack)
    print(f"batch  {batch:,.0f} people·awards/s; scalar {scalar:,.0f}: x{batch / scalar:,.0f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print(f"peak memory {peak:.1f} GiB")


def time_sweeps(frames: Frames, pack, n: int) -> float:
    """One pass over the five awards; returns people·awards per second."""
    frames.cache.clear()
    frames.cache["conformed"] = True
    total = 0.0
    for award in AWARDS:
        started = time.perf_counter()
        result = sweep(frames, award, YEAR, AS_OF, pack=pack)
        took = time.perf_counter() - started
        total += took
        counts = dict(result["status"].value_counts().iter_rows())
        print(f"{award:<8}{took:7.2f} s {n / took:>12,.0f} people/s  {counts}")
    print(f"{'total':<8}{total:7.2f} s {n * len(AWARDS) / total:>12,.0f} people·awards/s")
    return n * len(AWARDS) / total


def time_scalar(frames: Frames, pack) -> float:
    """Judge a sample one by one, and check the sweep of the same sample agrees."""
    people = facts_from_frames(frames, SAMPLE)
    started = time.perf_counter()
    verdicts = {
        award: [evaluate(Case(p, award, YEAR, AS_OF), pack=pack) for p in people]
        for award in AWARDS
    }
    took = time.perf_counter() - started
    print(f"scalar  {took:7.2f} s for {len(people):,} people × {len(AWARDS)} awards")
    small = frames_from_facts(people)
    for award, expected in verdicts.items():
        swept = sweep(small, award, YEAR, AS_OF, pack=pack)
        got = {
            s: (status, tuple(ids))
            for s, status, ids in swept["subject", "status", "consumes"].rows()
        }
        assert got == {v.subject: (v.status.value, v.consumes) for v in expected}, award
    return len(people) * len(AWARDS) / took


def csv_round_trip(frames: Frames) -> Frames:
    """Write every frame as CSV and read it back, as the Django side would from COPY."""
    with tempfile.TemporaryDirectory() as folder:
        flat = {}
        for name in SCHEMAS:
            frame = getattr(frames, name)
            if "initiatives" in frame.columns:  # COPY writes an array as "{a,b}"
                text = pl.format("{{{}}}", pl.col("initiatives").list.join(","))
                frame = frame.with_columns(initiatives=text)
            frame.write_csv(Path(folder) / f"{name}.csv")
        started = time.perf_counter()
        for name in SCHEMAS:
            flat[name] = pl.read_csv(Path(folder) / f"{name}.csv", try_parse_dates=True)
        read = time.perf_counter() - started
        conformed = conform(**flat)
        print(f"csv read {read:.2f} s, conform {time.perf_counter() - started - read:.2f} s")
    return conformed


# --- synthetic people ---------------------------------------------------------------------
# Pseudo-random numbers come from hashing the row number (no numpy here); `strength` per person
# correlates ratings and titles so that the higher awards have candidates too.


def rand(salt: int, column: str = "i") -> pl.Expr:
    """A uniform number in [0, 1) per row, a different stream per salt."""
    return (pl.col(column).hash(salt) % 1_000_003).cast(pl.Float64) / 1_000_003


def pick(u: pl.Expr, choices: list[tuple[float, str]]) -> pl.Expr:
    """The first choice whose cumulative share exceeds u."""
    out, total = pl.lit(choices[-1][1]), 0.0
    cases = []
    for share, value in choices:
        total += share
        cases.append((total, value))
    for bound, value in reversed(cases):
        out = pl.when(u < bound).then(pl.lit(value)).otherwise(out)
    return out


def days_after(start: date, most: int, u: pl.Expr) -> pl.Expr:
    return pl.lit(start) + pl.duration(days=(u * most).cast(pl.Int64))


def rows(n: int, per: int = 1) -> pl.DataFrame:
    """n × per rows: i, person (i // per), k (i % per) and the person's strength."""
    frame = pl.select(i=pl.int_range(n * per, dtype=pl.Int64))
    frame = frame.with_columns(person=pl.col("i") // per, k=(pl.col("i") % per).cast(pl.Int32))
    return frame.with_columns(strength=rand(99, "person"))


def synthetic_frames(n: int) -> Frames:
    return conform(
        people=rows(n).select(
            id="i",
            employment_start=days_after(date(1995, 1, 1), 11_200, rand(1)),
            gender=pl.when(rand(2) < 0.55).then(pl.lit("female")).otherwise(pl.lit("male")),
        ),
        ratings=_ratings(n),
        leaves=_leaves(n),
        transfers=rows(n)
        .filter(rand(30) < 0.03)
        .select(
            "person",
            on=days_after(date(2016, 1, 1), 3_650, rand(31)),
            months_at_old_unit=(rand(32) * 24).cast(pl.Int32),
            old_unit_comment=rand(33) < 0.7,
        ),
        disciplines=_disciplines(n),
        freezes=rows(n)
        .filter(rand(50) < 0.005)
        .select(
            subject="person",
            kind=pl.lit("inspection"),
            opened_on=days_after(date(2024, 1, 1), 900, rand(51)),
            closed_on=pl.when(rand(52) < 0.5).then(days_after(date(2026, 1, 1), 300, rand(53))),
        ),
        initiatives=_initiatives(n),
        awards=_awards(n),
        postings=rows(n)
        .filter(pl.col("strength") > 0.8)
        .select(
            subject="person",
            award=pl.lit("HCLD_3"),
            year=pl.lit(YEAR),
            start=days_after(date(2026, 1, 2), 10, rand(60)),
            council_on=pl.when(rand(61) < 0.8).then(days_after(date(2026, 1, 12), 15, rand(62))),
        ),
    )


def _ratings(n: int) -> pl.DataFrame:
    u, good = rand(3), 0.1 + 0.5 * pl.col("strength")
    rating = (
        pl.when(u < good).then(pl.lit("HTXS"))
        .when(u < 0.9).then(pl.lit("HTT"))
        .when(u < 0.97).then(pl.lit("HT"))
        .otherwise(pl.lit("KHT"))
    )  # fmt: skip
    frame = rows(n, 10).filter(rand(4) > 0.03)
    return frame.select("person", year=2016 + pl.col("k"), rating=rating)


def _leaves(n: int) -> pl.DataFrame:
    kinds = [(0.3, "maternity"), (0.1, "injury"), (0.2, "training"), (0.2, "sick"), (0.2, "unpaid")]
    start = days_after(date(2016, 1, 1), 3_650, rand(11))
    return (
        rows(n)
        .filter(rand(10) < 0.06)
        .select(
            "person",
            kind=pick(rand(12), kinds),
            start=start,
            end=start + pl.duration(days=(rand(13) * 500).cast(pl.Int64)),
            study_completed=rand(14) < 0.7,
        )
    )


def _disciplines(n: int) -> pl.DataFrame:
    decided = days_after(date(2016, 1, 1), 3_650, rand(41))
    ends = pl.when(rand(42) < 0.5).then(decided + pl.duration(days=365))
    return (
        rows(n)
        .filter(rand(40) < 0.02)
        .select("person", form=pl.lit("reprimand"), decided_on=decided, ends_on=ends)
    )


def _initiatives(n: int) -> pl.DataFrame:
    frame = rows(n, 3).filter(rand(20) < 0.15 + 0.3 * pl.col("strength"))
    return frame.select(
        "person",
        id=pl.format("{}-{}", "person", "k"),
        year=(2016 + rand(21) * 10).cast(pl.Int32),
        scope=pick(rand(22), [(0.7, "unit"), (0.25, "ministry"), (0.05, "national")]),
        kind=pick(rand(23), [(0.85, "initiative"), (0.14, "research"), (0.01, "combat")]),
        applied=rand(24) < 0.95,
        used_for=pl.when(rand(25) < 0.1).then(pl.lit("CSTDCS:2020")).otherwise(pl.lit("")),
    )


def _awards(n: int) -> pl.DataFrame:
    """Titles follow the ratings; the higher ones come to the stronger people."""
    years = rows(n, 10).with_columns(year=2016 + pl.col("k"), u=rand(70), v=rand(71))
    s = pl.col("strength")
    chances = {
        "LDTT": pl.col("u") < 0.85,
        "CSTDCS": pl.col("v") < 0.2 + 0.7 * s,
        "CSTD_BO": (pl.col("year") % 3 == 0) & (rand(72) < 0.5 * s),
        "BK_BO": (pl.col("year") % 2 == 0) & (rand(73) < 0.4 * s),
        "BK_TTG": (pl.col("year") % 5 == 0) & (rand(74) < 0.4 * s),
        "HCLD_3": (pl.col("year") == 2018) & (rand(75) < 0.05 * s),
    }
    parts = [
        years.filter(chance & (pl.col("year") <= (YEAR if code == "CSTDCS" else YEAR - 1))).select(
            subject="person",
            code=pl.lit(code),
            year="year",
            decided_on=pl.date(pl.col("year") + 1, 3, 15),
            revoked=rand(76) < 0.01,
        )
        for code, chance in chances.items()
    ]
    return pl.concat(parts).with_columns(initiatives=pl.lit([], dtype=pl.List(pl.String)))


def facts_from_frames(frames: Frames, count: int) -> list[PersonFacts]:
    """The first `count` people as facts objects, for the scalar engine."""
    ids = frames.people["id"].head(count)

    def of(frame: pl.DataFrame, key: str = "person") -> dict:
        grouped: dict = {}
        for row in frame.filter(pl.col(key).is_in(ids.implode())).iter_rows(named=True):
            grouped.setdefault(row[key], []).append(row)
        return grouped

    parts = {
        "ratings": (of(frames.ratings), lambda r: YearRating(r["year"], Rating(r["rating"]))),
        "leaves": (of(frames.leaves), lambda r: Leave(
            LeaveKind(r["kind"]), r["start"], r["end"], r["study_completed"])),
        "transfers": (of(frames.transfers), lambda r: Transfer(
            r["on"], r["months_at_old_unit"], r["old_unit_comment"])),
        "disciplines": (of(frames.disciplines), lambda r: Discipline(
            r["form"], r["decided_on"], r["ends_on"])),
        "freezes": (of(frames.freezes, "subject"), lambda r: Freeze(
            r["kind"], r["opened_on"], r["closed_on"])),
        "initiatives": (of(frames.initiatives), lambda r: Initiative(
            r["id"], r["year"], Scope(r["scope"]), InitiativeKind(r["kind"]),
            applied=r["applied"], used_for=r["used_for"])),
        "awards": (of(frames.awards, "subject"), lambda r: AwardHeld(
            r["code"], r["year"], decided_on=r["decided_on"],
            limb=Limb(r["limb"]) if r["limb"] else None,
            initiatives=tuple(r["initiatives"]), revoked=r["revoked"])),
        "postings": (of(frames.postings, "subject"), lambda r: Posting(
            r["award"], r["year"], r["start"], r["council_on"])),
    }  # fmt: skip
    return [
        PersonFacts(
            id=str(p["id"]),
            employment_start=p["employment_start"],
            gender=p["gender"],
            **{
                name: tuple(make(r) for r in by.get(p["id"], ()))
                for name, (by, make) in parts.items()
            },
        )
        for p in frames.people.head(count).iter_rows(named=True)
    ]


if __name__ == "__main__":
    main()
