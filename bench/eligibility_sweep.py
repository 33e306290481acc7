"""Eligibility sweep benchmark: N people × Y years in the database, judged three ways.

    DATABASE_URL=postgres://thidua:thidua@localhost/thidua_bench_elig \\
        .venv/bin/python bench/eligibility_sweep.py --people 1000000 --years 10
    .venv/bin/python bench/eligibility_sweep.py --people 100000   # SQLite in var/

Prints, in one process and on one data set:
  (a) the raw COPY of the sweep's input rows out of PostgreSQL (the floor; on SQLite a plain
      SELECT of the same rows);
  (b) the batch sweep end to end: frames from SQL, every individual award judged for everyone,
      and (separately) the verdicts written back;
  (c) the per-person path (ORM facts + the scalar engine) on a sample, extrapolated to N;
and the ratios b/a (goal ≤ 2) and c/b (goal ≥ 200). The data is synthetic and deterministic
(hash-based), made in bulk with no audit history; `--reuse` keeps what an earlier run made.
"""

import argparse
import io
import os
import resource
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench-eligibility.sqlite3'}"

import django  # noqa: E402

django.setup()

import polars as pl  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from thidua.awards import batch_sweep  # noqa: E402
from thidua.awards.frames import people_frames  # noqa: E402
from thidua.awards.models import AwardType, Sweep  # noqa: E402
from thidua.awards.sweeps import scalar_verdicts  # noqa: E402
from thidua.eligibility import select_pack  # noqa: E402
from thidua.org import services  # noqa: E402
from thidua.org.models import Person, Unit  # noqa: E402

AS_OF = date(2026, 1, 15)
YEAR = 2025
AGENCIES, DEPARTMENTS = 100, 10
NOW = "2026-01-01 00:00:00+00"
INPUT_TABLES = {  # what the sweep reads, column by column (see thidua/awards/frames.py)
    "org_person": "id, employment_start, gender, unit_id",
    "awards_personrating": "person_id, year, rating",
    "awards_awardrecord": "id, person_id, award_id, year, decision_date, limb, revoked",
    "awards_awardrecord_initiatives": "awardrecord_id, initiative_id",
    "awards_initiative": "id, person_id, year, scope, kind, applied, used_elsewhere",
    "awards_discipline": "person_id, form, decided_on, ends_on",
    "awards_freeze": "person_id, kind, opened_on, closed_on",
    "org_leaveperiod": "person_id, kind, start_date, end_date, study_completed",
    "org_membership": "person_id, unit_id, start_date, end_date, is_concurrent",
    "awards_transfercomment": "person_id, year",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--sample", type=int, default=10_000, help="people on the ORM path")
    parser.add_argument("--reuse", action="store_true", help="keep data of an earlier run")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}, people {args.people:,} × years {args.years}")
    if not (args.reuse and Person.objects.count() >= args.people):
        seconds, rows = generate(args.people, args.years)
        print(f"generated {rows:,} rows in {seconds:.1f} s")
    sizes = {t: count(t) for t in INPUT_TABLES}
    print("input rows: " + ", ".join(f"{t} {n:,}" for t, n in sizes.items()))
    copy_s = best_of(2, raw_copy)
    rate = sum(sizes.values()) / copy_s
    print(f"(a) raw COPY of the input rows: {copy_s:.2f} s ({rate:,.0f} rows/s)")
    pack = select_pack(YEAR, AS_OF)
    codes = [c for c, a in pack.awards.items() if a.subject == "individual"]
    sweep = Sweep.objects.create(
        year=YEAR, as_of=AS_OF, pack=pack.id, pack_version=pack.version_label
    )
    load_s, judge_s, verdicts = batch_end_to_end(sweep, pack, codes)
    batch_s = load_s + judge_s
    people = Person.objects.count()
    print(
        f"(b) batch sweep, {len(codes)} awards: frames {load_s:.2f} s + judging {judge_s:.2f} s "
        f"= {batch_s:.2f} s ({people / batch_s:,.0f} people/s, {verdicts.height:,} verdicts)"
    )
    store_s = timed(lambda: store(sweep, verdicts))
    print(f"    writing the verdicts back: {store_s:.2f} s")
    per_person = orm_path(sweep, pack, args.sample)
    orm_s = per_person * people
    print(
        f"(c) per-person ORM path: {per_person * 1000:.2f} ms/person on {args.sample:,}, "
        f"{orm_s:,.0f} s extrapolated ({1 / per_person:,.0f} people/s)"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    ratio_b, ratio_c = batch_s / copy_s, orm_s / batch_s
    print(f"ratios: b/a = {ratio_b:.2f} (goal ≤ 2), c/b = {ratio_c:,.0f} (goal ≥ 200)")
    print(f"peak memory of this process: {peak:.2f} GiB")


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def best_of(n: int, fn) -> float:
    return min(timed(fn) for _ in range(n))


def count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        return cursor.fetchone()[0]


def raw_copy() -> None:
    """Every input row out of the database, nothing done with it."""
    with connection.cursor() as cursor:
        for table, columns in INPUT_TABLES.items():
            sql = f"SELECT {columns} FROM {table}"
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)") as copy:
                    for _block in copy:
                        pass
            else:
                cursor.execute(sql)
                while cursor.fetchmany(100_000):
                    pass


def batch_end_to_end(sweep: Sweep, pack, codes: list[str]):
    start = time.perf_counter()
    frames = people_frames(None)
    loaded = time.perf_counter()
    parts = batch_sweep._verdict_rows(frames, codes, sweep, pack, {})
    verdicts = pl.concat(parts)
    return loaded - start, time.perf_counter() - loaded, verdicts


def store(sweep: Sweep, verdicts: pl.DataFrame) -> None:
    with transaction.atomic():
        batch_sweep.store(sweep, verdicts, "person")


def orm_path(sweep: Sweep, pack, sample: int) -> float:
    people = list(Person.objects.select_related("unit").order_by("?")[:sample])
    start = time.perf_counter()
    for person in people:
        scalar_verdicts(sweep, pack, person)
    return (time.perf_counter() - start) / len(people)


# ---- synthetic data ----------------------------------------------------------------------


def generate(n: int, years: int) -> tuple[float, int]:
    start = time.perf_counter()
    clear()
    departments = make_units()
    first_id = (Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    ids = pl.int_range(first_id, first_id + n, eager=True).alias("id")
    base = pl.DataFrame(ids).with_columns(h=pl.col("id").hash(7))
    tables = synthetic(base, departments, years)
    rows = 0
    for table, frame in tables.items():
        load(table, frame)
        rows += frame.height
    analyze()
    return time.perf_counter() - start, rows


CLEAR_ORDER = (
    "awards_storedverdict", "awards_sweep", "awards_awardrecord_initiatives", "awards_awardrecord",
    "awards_initiative", "awards_personrating", "awards_discipline", "awards_freeze",
    "awards_transfercomment", "org_leaveperiod", "org_membership", "org_person",
)  # fmt: skip


def clear() -> None:
    """The bench owns its database: every person and record in it is the bench's."""
    with connection.cursor() as cursor:
        for table in CLEAR_ORDER:
            cursor.execute(f"DELETE FROM {table}")


def make_units() -> list[int]:
    root = Unit.objects.filter(code="BENCH").first() or services.unit_create(
        by=None, name="Khối đo hiệu năng", code="BENCH", kind="sector"
    )
    depts = list(
        Unit.objects.filter(path__startswith=root.path, kind="division").values_list(
            "pk", flat=True
        )
    )
    if depts:
        return depts
    for a in range(AGENCIES):
        agency = services.unit_create(
            by=None, parent=root, name=f"Cơ quan {a}", code=f"B{a}", kind="agency"
        )
        for d in range(DEPARTMENTS):
            dept = services.unit_create(
                by=None, parent=agency, name=f"Phòng {d}", code=f"B{a}-{d}", kind="division"
            )
            depts.append(dept.pk)
    return depts


def pick(h: pl.Expr, salt: int, modulo: int) -> pl.Expr:
    return (h + salt).hash(salt) % modulo


def synthetic(base: pl.DataFrame, departments: list[int], years: int) -> dict[str, pl.DataFrame]:
    depts = pl.Series(departments, dtype=pl.Int64)
    h = pl.col("h")
    people = base.with_columns(
        employment_start=pl.date(2000, 1, 1) + pl.duration(days=pick(h, 1, 9500).cast(pl.Int64)),
        gender=pl.when(pick(h, 2, 2) == 0).then(pl.lit("female")).otherwise(pl.lit("male")),
        unit_id=pl.lit(depts).gather(pick(h, 3, len(departments))),
    )
    first_year = YEAR - years + 1
    person_years = (
        people.select("id", "h", "employment_start")
        .join(
            pl.DataFrame({"year": pl.int_range(first_year, YEAR + 1, eager=True).cast(pl.Int32)}),
            how="cross",
        )
        .with_columns(hy=(pl.col("h") + pl.col("year")).hash(11))
    )
    started = pl.col("employment_start").dt.year() <= pl.col("year")
    roll = pick(pl.col("hy"), 4, 100)
    ratings = person_years.filter(started & (pick(pl.col("hy"), 5, 100) >= 4)).with_columns(
        rating=pl.when(roll < 22).then(pl.lit("HTXS")).when(roll < 85).then(pl.lit("HTT"))
        .when(roll < 97).then(pl.lit("HT")).otherwise(pl.lit("KHT"))
    )  # fmt: skip
    award_ids = dict(AwardType.objects.values_list("code", "pk"))
    titles = ratings.filter((pl.col("year") < YEAR) & pl.col("rating").is_in(["HTXS", "HTT"]))
    ldtt = titles.select("id", "year", award_id=pl.lit(award_ids["LDTT"]), limb=pl.lit(""))
    cstdcs = titles.filter((pl.col("rating") == "HTXS") & (pick(pl.col("hy"), 6, 100) < 70)).select(
        "id", "year", award_id=pl.lit(award_ids["CSTDCS"]), limb=pl.lit("htxs")
    )
    awards = pl.concat([ldtt, cstdcs]).with_row_index("rid", offset=1).select(
        id=pl.col("rid").cast(pl.Int64), created_at=pl.lit(NOW), updated_at=pl.lit(NOW),
        award_id="award_id", person_id="id", year="year", decision_number=pl.lit(""),
        decision_date=pl.date(pl.col("year") + 1, 1, 20), issuer=pl.lit(""), limb="limb",
        revoked=pl.lit(False), source=pl.lit("import"),
    )  # fmt: skip
    initiatives = person_years.filter(pick(pl.col("hy"), 7, 100) < 8).with_row_index(
        "iid", offset=1
    )
    scope_roll = pick(pl.col("hy"), 8, 100)
    return {
        "org_person": people.select(
            "id",
            created_at=pl.lit(NOW),
            updated_at=pl.lit(NOW),
            full_name=pl.format("Cán bộ {}", "id"),
            sort_name=pl.format("can bo {}", "id"),
            search_text=pl.format("can bo {}", "id"),
            gender="gender",
            employment_start="employment_start",
            staff_code=pl.format("B{}", "id"),
            unit_id="unit_id",
            position=pl.lit(""),
        ),
        "org_membership": people.select(
            created_at=pl.lit(NOW),
            updated_at=pl.lit(NOW),
            person_id="id",
            unit_id="unit_id",
            position=pl.lit(""),
            start_date="employment_start",
            is_concurrent=pl.lit(False),
        ),
        "awards_personrating": ratings.select(
            created_at=pl.lit(NOW),
            updated_at=pl.lit(NOW),
            person_id="id",
            year="year",
            rating="rating",
            note=pl.lit(""),
        ),
        "awards_awardrecord": awards,
        "awards_initiative": initiatives.select(
            id=pl.col("iid").cast(pl.Int64),
            created_at=pl.lit(NOW),
            updated_at=pl.lit(NOW),
            person_id="id",
            title=pl.format("Sáng kiến {}", "iid"),
            kind=pl.lit("initiative"),
            year="year",
            scope=pl.when(scope_roll < 85)
            .then(pl.lit("unit"))
            .when(scope_roll < 98)
            .then(pl.lit("ministry"))
            .otherwise(pl.lit("national")),
            recognised_by=pl.lit(""),
            recognition_ref=pl.lit(""),
            applied=pl.lit(True),
            used_elsewhere=pl.lit(""),
        ),
        "awards_discipline": person_years.filter(pick(pl.col("hy"), 9, 1000) < 3).select(
            created_at=pl.lit(NOW),
            updated_at=pl.lit(NOW),
            person_id="id",
            form=pl.lit("reprimand"),
            party=pl.lit(False),
            decided_on=pl.date(pl.col("year"), 6, 15),
            decision_ref=pl.lit(""),
        ),
        "awards_freeze": people.filter(pick(h, 10, 1000) < 3).select(
            created_at=pl.lit(NOW),
            updated_at=pl.lit(NOW),
            person_id="id",
            kind=pl.lit("complaint"),
            opened_on=pl.lit(date(2025, 11, 1)),
            note=pl.lit(""),
        ),
        "org_leaveperiod": person_years.filter(pick(pl.col("hy"), 12, 100) < 3).select(
            created_at=pl.lit(NOW),
            updated_at=pl.lit(NOW),
            person_id="id",
            kind=pl.when(pick(pl.col("hy"), 13, 2) == 0)
            .then(pl.lit("maternity"))
            .otherwise(pl.lit("unpaid")),
            start_date=pl.date(pl.col("year"), 3, 1),
            end_date=pl.date(pl.col("year"), 6, 30),
            note=pl.lit(""),
        ),
    }


def load(table: str, frame: pl.DataFrame) -> None:
    if frame.is_empty():
        return
    columns = ", ".join(frame.columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            buffer = io.BytesIO()
            frame.write_csv(buffer, include_header=False)
            with cursor.cursor.copy(
                f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)"
            ) as copy:
                copy.write(buffer.getvalue())
        else:
            marks = ", ".join(["%s"] * len(frame.columns))
            rows = frame.with_columns(pl.col(pl.Date).cast(pl.String)).iter_rows()
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def analyze() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in ("org_person", "awards_awardrecord", "awards_initiative"):
                sequence = f"pg_get_serial_sequence('{table}', 'id')"
                cursor.execute(f"SELECT setval({sequence}, (SELECT MAX(id) FROM {table}))")
            cursor.execute("ANALYZE")
        else:
            cursor.execute("ANALYZE")


if __name__ == "__main__":
    main()
