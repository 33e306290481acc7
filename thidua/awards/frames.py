"""The batch engine's input straight from SQL: one query per frame, no model instances.

On PostgreSQL each query runs as `COPY (…) TO STDOUT WITH CSV` and polars parses the bytes;
on SQLite the cursor's rows go into a frame. Transfers and the collectives' member counts are
derived here with the same rules as `facts.py` (agency of a unit, roster at year end).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

import polars as pl
from django.db import connection

from thidua.awards.facts import UNKNOWN_START, agencies
from thidua.awards.models import AwardType
from thidua.campaigns.models import Registration
from thidua.eligibility.batch import Frames, conform
from thidua.eligibility.batch.features import full_months
from thidua.eligibility.policy import discipline_heaviness
from thidua.org.models import Unit

# `{scope}` is empty (everyone) or a join + WHERE restricting to a unit's subtree.
PERSON_TABLES = {
    "people": (
        "SELECT p.id, p.employment_start, p.gender FROM org_person p {where}",
        ("id", "employment_start", "gender"),
    ),
    "ratings": (
        "SELECT r.person_id, r.year, r.rating FROM awards_personrating r {scope}",
        ("person", "year", "rating"),
    ),
    "leaves": (
        "SELECT r.person_id, r.kind, r.start_date, r.end_date, r.study_completed "
        "FROM org_leaveperiod r {scope}",
        ("person", "kind", "start", "end", "study_completed"),
    ),
    "disciplines": (
        "SELECT r.person_id, r.form, r.decided_on, r.ends_on FROM awards_discipline r {scope}",
        ("person", "form", "decided_on", "ends_on"),
    ),
    "freezes": (
        "SELECT r.person_id, r.kind, r.opened_on, r.closed_on FROM awards_freeze r {scope} "
        "{and_or_where} r.person_id IS NOT NULL",
        ("subject", "kind", "opened_on", "closed_on"),
    ),
    "initiatives": (
        "SELECT r.person_id, CAST(r.id AS TEXT), r.year, r.scope, r.kind, r.applied, "
        "r.used_elsewhere FROM awards_initiative r {scope}",
        ("person", "id", "year", "scope", "kind", "applied", "used_for"),
    ),
}
FREE_TEXT = {"used_for"}  # columns people type into: may hold newlines or separators
AWARDS_SQL = (
    "SELECT r.id, r.{subject}_id, r.award_id, r.year, r.decision_date, r.limb, r.revoked "
    "FROM awards_awardrecord r {scope} {and_or_where} r.{subject}_id IS NOT NULL"
)
AWARD_COLUMNS = ("record", "subject", "award", "year", "decided_on", "limb", "revoked")
AWARD_INITIATIVES_SQL = (
    "SELECT m.awardrecord_id, CAST(m.initiative_id AS TEXT) FROM awards_awardrecord_initiatives m"
)

# Approved registrations only; a target's year is its movement's (`Movement.year`, starts_on).
REGISTERED_SQL = {
    "person": (
        "SELECT r.person_id, r.award_code, m.starts_on FROM campaigns_registrationentry r "
        "JOIN campaigns_registration g ON g.id = r.registration_id "
        "JOIN campaigns_movement m ON m.id = g.movement_id "
        "{scope} {and_or_where} r.person_id IS NOT NULL AND g.status = %s"
    ),
    "unit": (
        "SELECT r.unit_id, e.award_code, m.starts_on FROM campaigns_registration r "
        "JOIN campaigns_registrationentry e ON e.registration_id = r.id "
        "JOIN campaigns_movement m ON m.id = r.movement_id "
        "{scope} {and_or_where} e.person_id IS NULL AND r.status = %s"
    ),
}
REGISTRATION_APPROVED = str(Registration.Status.APPROVED)  # "approved"


CHUNK = 5000  # subjects per text fetched from PostgreSQL
PARALLEL_QUERIES = 3  # the server works on one query while this process parses another
DATE_COLUMNS = {
    "employment_start", "start", "end", "decided_on", "ends_on", "opened_on", "closed_on",
    "on", "dissolved_on", "starts_on",
}  # fmt: skip


def query_frame(sql: str, columns: Sequence[str], params: Sequence = ()) -> pl.DataFrame:
    """Rows of `sql` as a frame with dates parsed; `conform` casts the rest to the schema."""
    if connection.vendor == "postgresql":
        frame = _pg_frame(sql, columns, params)
    else:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        frame = pl.DataFrame(rows, schema=list(columns), orient="row", infer_schema_length=None)
    return frame.with_columns(
        pl.col(c).cast(pl.String).str.to_date("%Y-%m-%d")
        for c in frame.columns
        if c in DATE_COLUMNS and frame.schema[c] in (pl.String, pl.Null)
    )


def _pg_frame(sql: str, columns: Sequence[str], params: Sequence) -> pl.DataFrame:
    """PostgreSQL joins the rows into a few large texts, which polars parses at C speed.

    Fetching row by row (even by COPY, one message per row) costs the client about 2.5 µs a
    row in Python; one text per 5,000 subjects makes that cost vanish (bench/eligibility_sweep).
    The first column is always an integer key; the unit separator cannot occur in the data.
    """
    names = ", ".join(f"c{i}" for i in range(len(columns)))
    fields = ", E'\\x1f', ".join(
        f"coalesce(translate(c{i}, E'\\n\\x1f', '  '), '')"
        if name in FREE_TEXT
        else f"c{i}"  # concat() writes NULL as nothing, the same as an empty text
        for i, name in enumerate(columns)
    )
    wrapped = (
        f"SELECT string_agg(line, E'\\n') FROM (SELECT c0 / {CHUNK} AS chunk, "
        f"concat({fields}) AS line FROM ({sql}) AS q({names})) AS s GROUP BY chunk"
    )
    with connection.cursor() as cursor:
        cursor.execute(wrapped, params)
        texts = [row[0] for row in cursor.fetchall()]
    if not texts:
        return pl.DataFrame(schema=dict.fromkeys(columns, pl.String))
    frame = pl.read_csv(
        io.StringIO("\n".join(texts)), has_header=False, separator="\x1f", quote_char=None,
        new_columns=list(columns), infer_schema=False,
    )  # fmt: skip
    return frame.with_columns(pl.all().replace("", None))


def _scope_sql(unit: Unit | None, alias: str) -> dict[str, Any]:
    """SQL fragments limiting rows to `unit`'s subtree: people by their unit, or units."""
    if unit is None:
        return {"scope": "", "where": "", "and_or_where": "WHERE", "params": []}
    if alias == "unit":
        join = "JOIN org_unit p ON p.id = r.{column} WHERE p.path LIKE %s"
        where = "WHERE p.path LIKE %s"
    else:
        join = (
            "JOIN org_person p ON p.id = r.{column} JOIN org_unit u ON u.id = p.unit_id "
            "WHERE u.path LIKE %s"
        )
        where = "WHERE p.unit_id IN (SELECT id FROM org_unit WHERE path LIKE %s)"
    return {"scope": join, "where": where, "and_or_where": "AND", "params": [unit.path + "%"]}


def _sql(template: str, scope: dict[str, Any], column: str) -> str:
    return template.format(
        scope=scope["scope"].format(column=column),
        where=scope["where"],
        and_or_where=scope["and_or_where"],
    )


def people_frames(unit: Unit | None = None) -> Frames:
    """Every fact of the people in `unit`'s subtree (everyone without a unit)."""
    scope = _scope_sql(unit, "person")
    jobs = {"awards": lambda: _awards("person", scope)}  # the largest first
    for name, (sql, columns) in PERSON_TABLES.items():
        jobs[name] = partial(query_frame, _sql(sql, scope, "person_id"), columns, scope["params"])
    jobs["transfers"] = lambda: transfers_frame(scope)
    jobs["registered"] = lambda: registered_frame("person", scope)
    frames = fetch_all(jobs)
    frames["people"] = frames["people"].with_columns(
        pl.col("employment_start").fill_null(UNKNOWN_START)
    )
    return conform(**_keys(_bools(frames)))


def fetch_all(jobs: dict[str, Callable[[], pl.DataFrame]]) -> dict[str, pl.DataFrame]:
    """Run the queries side by side on PostgreSQL, each thread on its own connection.

    Inside a transaction (tests, or a caller's atomic block) other connections would not see
    its rows, so the queries then run one after the other on this connection.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return {name: job() for name, job in jobs.items()}
    with ThreadPoolExecutor(max_workers=PARALLEL_QUERIES) as pool:
        futures = {name: pool.submit(_on_own_connection, job) for name, job in jobs.items()}
        return {name: future.result() for name, future in futures.items()}


def _on_own_connection(job: Callable[[], pl.DataFrame]) -> pl.DataFrame:
    try:
        return job()
    finally:
        connection.close()  # this worker thread's connection, not the caller's


def _awards(subject: str, scope: dict[str, Any]) -> pl.DataFrame:
    sql = _sql(AWARDS_SQL.format(subject=subject, scope="{scope}", and_or_where="{and_or_where}"),
               scope, f"{subject}_id")  # fmt: skip
    rows = query_frame(sql, AWARD_COLUMNS, scope["params"])
    codes = pl.DataFrame(
        list(AwardType.objects.values_list("pk", "code")),
        schema={"award": pl.Int64, "code": pl.String},
        orient="row",
    )
    rows = rows.with_columns(pl.col("record", "award").cast(pl.Int64)).join(
        codes, on="award", how="left"
    )
    links = query_frame(AWARD_INITIATIVES_SQL, ("record", "initiative"))
    if links.is_empty():
        return rows.drop("record", "award").with_columns(initiatives=pl.lit([], pl.List(pl.String)))
    lists = (
        links.with_columns(pl.col("record").cast(pl.Int64))
        .group_by("record")
        .agg(pl.col("initiative").alias("initiatives"))
    )
    return rows.join(lists, on="record", how="left").drop("record", "award")


def registered_frame(subject: str, scope: dict[str, Any]) -> pl.DataFrame:
    """(subject, "CODE:YEAR") for every approved registered target, as `facts.registered`."""
    sql = _sql(REGISTERED_SQL[subject], scope, f"{subject}_id")
    rows = query_frame(
        sql, ("subject", "code", "starts_on"), [*scope["params"], REGISTRATION_APPROVED]
    )
    year = pl.col("starts_on").dt.year().cast(pl.String)
    return rows.select(
        "subject", target=pl.concat_str(pl.col("code").cast(pl.String), pl.lit(":"), year)
    ).unique()


def _keys(frames: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Database keys stay integers (polars joins them much faster than text)."""
    out = {}
    for name, frame in frames.items():
        keys = ["id"] if name in ("people", "units") else ["person", "subject", "unit"]
        out[name] = frame.with_columns(pl.col(c).cast(pl.Int64) for c in keys if c in frame.columns)
    return out


def _bools(frames: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """CSV gives "t"/"f" (PostgreSQL) and SQLite gives 0/1: make both booleans."""
    truthy = ["t", "true", "1", "True"]
    out = {}
    for name, frame in frames.items():
        casts = [
            pl.col(c).cast(pl.String).is_in(truthy).alias(c)
            for c in ("applied", "revoked", "old_unit_comment")
            if c in frame.columns and frame.schema[c] != pl.Boolean
        ]
        keep_null = [
            pl.when(pl.col(c).is_null()).then(None).otherwise(pl.col(c).cast(pl.String)
            .is_in(truthy)).alias(c)
            for c in ("study_completed", "party_clean_strong")
            if c in frame.columns and frame.schema[c] != pl.Boolean
        ]  # fmt: skip
        out[name] = (
            frame.with_columns(casts).with_columns(keep_null) if casts or keep_null else frame
        )
    return out


def _agencies() -> pl.DataFrame:
    """Each unit's evaluating agency, as `facts.agencies` finds it."""
    units = list(Unit.objects.values_list("pk", "path", "kind"))
    found = agencies([(pk, path) for pk, path, _kind in units], {pk: k for pk, _p, k in units})
    return pl.DataFrame(list(found.items()), schema=["unit", "agency"], orient="row")


def transfers_frame(scope: dict[str, Any]) -> pl.DataFrame:
    """Consecutive main posts in different agencies, as `facts.transfers` reads them."""
    sql = (  # only people with two main posts or more can have moved
        "SELECT r.person_id, r.unit_id, r.start_date, r.end_date FROM org_membership r "
        "{scope} {and_or_where} NOT r.is_concurrent AND r.person_id IN (SELECT person_id "
        "FROM org_membership WHERE NOT is_concurrent GROUP BY person_id HAVING COUNT(*) > 1)"
    )
    posts = query_frame(
        _sql(sql, scope, "person_id"), ("person", "unit", "start", "end"), scope["params"]
    )
    if posts.is_empty():
        return posts.select("person").with_columns(
            on=pl.lit(None, pl.Date), months_at_old_unit=pl.lit(0), old_unit_comment=False
        )
    comments = query_frame(
        "SELECT person_id, year FROM awards_transfercomment", ("person", "year")
    ).with_columns(pl.col("person").cast(pl.Int64), pl.col("year").cast(pl.Int32), comment=True)
    posts = (
        posts.with_columns(pl.col("person", "unit").cast(pl.Int64))
        .join(_agencies(), on="unit", how="left")
        .sort("person", "start")
    )
    prev = [pl.col(c).shift().over("person").alias(f"old_{c}") for c in ("agency", "start", "end")]
    moves = posts.with_columns(prev).filter(
        pl.col("old_agency").is_not_null() & (pl.col("old_agency") != pl.col("agency"))
    )
    year_start = pl.date(pl.col("start").dt.year(), 1, 1)
    left = pl.coalesce(pl.col("old_end"), pl.col("start") - pl.duration(days=1))
    moves = moves.with_columns(
        months_at_old_unit=full_months(pl.max_horizontal(pl.col("old_start"), year_start), left),
        year=pl.col("start").dt.year().cast(pl.Int32),
    ).join(comments, on=["person", "year"], how="left")
    return moves.select(
        "person",
        on=pl.col("start"),
        months_at_old_unit="months_at_old_unit",
        old_unit_comment=pl.col("comment").fill_null(False),
    )


def unit_frames(unit: Unit | None, *, discipline_bar: str | None = None) -> Frames:
    """The collectives in `unit`'s subtree with their years; counts as `facts.member_counts`."""
    scope = _scope_sql(unit, "unit")
    params = scope["params"]
    units = query_frame(
        f"SELECT p.id, p.active_to FROM org_unit p {scope['where']}", ("id", "dissolved_on"),
        params,
    )  # fmt: skip
    years = query_frame(
        _sql("SELECT r.unit_id, r.year, r.rating, r.roster, r.completed, r.ldtt, r.cstdcs, "
             "r.disciplined, r.led_cluster, r.party_clean_strong FROM awards_unityear r {scope}",
             scope, "unit_id"),
        ("unit", "year", "rating", "roster", "completed", "ldtt", "cstdcs", "disciplined",
         "led_cluster", "party_clean_strong"),
        params,
    )  # fmt: skip
    freezes = query_frame(
        _sql("SELECT r.unit_id, r.kind, r.opened_on, r.closed_on FROM awards_freeze r {scope} "
             "{and_or_where} r.unit_id IS NOT NULL", scope, "unit_id"),
        ("subject", "kind", "opened_on", "closed_on"),
        params,
    )  # fmt: skip
    frames = {
        "units": units,
        "unit_years": _blank_to_null(_with_counts(years, discipline_bar), "rating"),
        "freezes": freezes,
        "awards": _awards("unit", scope),
        "registered": registered_frame("unit", scope),
    }
    return conform(**_keys(_bools(frames)))


def _blank_to_null(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    if frame.schema[column] != pl.String:
        return frame
    return frame.with_columns(pl.col(column).replace("", None))


COUNTS = ("roster", "completed", "ldtt", "cstdcs", "disciplined")


def _with_counts(years: pl.DataFrame, bar: str | None) -> pl.DataFrame:
    """Fill the member counts not entered by hand from the people on the roster at year end."""
    if years.is_empty():
        return years
    years = years.with_columns(pl.col("unit").cast(pl.Int64), pl.col("year").cast(pl.Int32))
    counted = _member_counts(years.select("unit", "year").unique(), bar)
    years = years.join(counted, on=["unit", "year"], how="left", suffix="_computed")
    return years.with_columns(
        pl.coalesce(pl.col(c).cast(pl.Int32), pl.col(f"{c}_computed"), pl.lit(0)).alias(c)
        for c in COUNTS
    ).drop([f"{c}_computed" for c in COUNTS])


def _member_counts(wanted: pl.DataFrame, bar: str | None) -> pl.DataFrame:
    members = _roster(wanted)
    ratings = query_frame(
        "SELECT person_id, year, rating FROM awards_personrating", ("person", "year", "rating")
    ).with_columns(pl.col("person").cast(pl.Int64), pl.col("year").cast(pl.Int32))
    titles = query_frame(
        "SELECT a.person_id, a.year, t.code FROM awards_awardrecord a "
        "JOIN awards_awardtype t ON t.id = a.award_id WHERE NOT a.revoked "
        "AND a.person_id IS NOT NULL AND t.code IN ('LDTT', 'CSTDCS')",
        ("person", "year", "code"),
    ).with_columns(pl.col("person").cast(pl.Int64), pl.col("year").cast(pl.Int32))
    flags = (
        members.join(ratings, on=["person", "year"], how="left")
        .join(_title_flags(titles), on=["person", "year"], how="left")
        .join(_disciplined(bar), on=["person", "year"], how="left")
    )
    return flags.group_by("unit", "year").agg(
        roster=pl.col("person").n_unique().cast(pl.Int32),
        completed=pl.col("rating").is_in(["HTXS", "HTT", "HT"]).sum().cast(pl.Int32),
        ldtt=pl.col("ldtt").fill_null(False).sum().cast(pl.Int32),
        cstdcs=pl.col("cstdcs").fill_null(False).sum().cast(pl.Int32),
        disciplined=pl.col("disciplined").fill_null(False).sum().cast(pl.Int32),
    )


def _roster(wanted: pl.DataFrame) -> pl.DataFrame:
    """(unit, year, person) for everyone whose main post at year end lies under the unit."""
    posts = query_frame(
        "SELECT m.person_id, u.path, m.start_date, m.end_date FROM org_membership m "
        "JOIN org_unit u ON u.id = m.unit_id WHERE NOT m.is_concurrent",
        ("person", "path", "start", "end"),
    ).with_columns(pl.col("person").cast(pl.Int64))
    ancestors = posts.with_columns(
        unit=pl.col("path").str.strip_chars("/").str.split("/").cast(pl.List(pl.Int64))
    ).explode("unit")
    year_end = pl.date(pl.col("year"), 12, 31)
    return (
        ancestors.join(wanted, on="unit", how="inner")
        .filter(
            (pl.col("start") <= year_end) & (pl.col("end").is_null() | (pl.col("end") >= year_end))
        )
        .select("unit", "year", "person")
        .unique()
    )


def _title_flags(titles: pl.DataFrame) -> pl.DataFrame:
    return titles.group_by("person", "year").agg(
        ldtt=pl.lit(True), cstdcs=(pl.col("code") == "CSTDCS").any()
    )


def _disciplined(bar: str | None) -> pl.DataFrame:
    empty = pl.DataFrame(schema={"person": pl.Int64, "year": pl.Int32, "disciplined": pl.Boolean})
    if not bar:
        return empty
    rows = query_frame(
        "SELECT person_id, form, decided_on FROM awards_discipline", ("person", "form", "on")
    )
    floor = discipline_heaviness(bar)
    heavy = [f for f in ("reprimand", "warning", "demotion", "dismissal", "expulsion")
             if discipline_heaviness(f) >= floor]  # fmt: skip
    if rows.is_empty():
        return empty
    return (
        rows.filter(pl.col("form").is_in(heavy))
        .select(
            pl.col("person").cast(pl.Int64),
            year=pl.col("on").dt.year().cast(pl.Int32),
            disciplined=pl.lit(True),
        )
        .unique()
    )
