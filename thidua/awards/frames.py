"""The batch engine's input straight from SQL: one query per frame, no model instances.

On PostgreSQL each query runs as `COPY (…) TO STDOUT WITH CSV` and polars parses the bytes;
on SQLite the cursor's rows go into a frame. Transfers and the collectives' member counts are
derived here with the same rules as `facts.py` (agency of a unit, roster at year end).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import polars as pl
from django.db import connection

from thidua.awards.facts import UNKNOWN_START
from thidua.eligibility.batch import Frames, conform
from thidua.eligibility.batch.features import full_months
from thidua.eligibility.policy import discipline_heaviness
from thidua.org.models import Unit

PERSON_TABLES = {
    "people": (
        "SELECT p.id, p.employment_start, p.gender FROM org_person p {scope}",
        ("id", "employment_start", "gender"),
    ),
    "ratings": (
        "SELECT r.person_id, r.year, r.rating FROM awards_personrating r "
        "JOIN org_person p ON p.id = r.person_id {scope} ORDER BY r.person_id, r.year",
        ("person", "year", "rating"),
    ),
    "leaves": (
        "SELECT l.person_id, l.kind, l.start_date, l.end_date, l.study_completed "
        "FROM org_leaveperiod l JOIN org_person p ON p.id = l.person_id {scope}",
        ("person", "kind", "start", "end", "study_completed"),
    ),
    "disciplines": (
        "SELECT d.person_id, d.form, d.decided_on, d.ends_on FROM awards_discipline d "
        "JOIN org_person p ON p.id = d.person_id {scope}",
        ("person", "form", "decided_on", "ends_on"),
    ),
    "freezes": (
        "SELECT f.person_id, f.kind, f.opened_on, f.closed_on FROM awards_freeze f "
        "JOIN org_person p ON p.id = f.person_id {scope}",
        ("subject", "kind", "opened_on", "closed_on"),
    ),
    "initiatives": (
        "SELECT i.person_id, CAST(i.id AS TEXT), i.year, i.scope, i.kind, i.applied, "
        "i.used_elsewhere FROM awards_initiative i JOIN org_person p ON p.id = i.person_id "
        "{scope}",
        ("person", "id", "year", "scope", "kind", "applied", "used_for"),
    ),
}
AWARDS_SQL = (
    "SELECT a.id, a.{subject}_id, t.code, a.year, a.decision_date, a.limb, a.revoked "
    "FROM awards_awardrecord a JOIN awards_awardtype t ON t.id = a.award_id "
    "JOIN {table} p ON p.id = a.{subject}_id {scope}"
)
AWARD_COLUMNS = ("record", "subject", "code", "year", "decided_on", "limb", "revoked")
AWARD_INITIATIVES_SQL = (
    "SELECT m.awardrecord_id, CAST(m.initiative_id AS TEXT) FROM awards_awardrecord_initiatives m"
)


DATE_COLUMNS = {
    "employment_start", "start", "end", "decided_on", "ends_on", "opened_on", "closed_on",
    "on", "dissolved_on",
}  # fmt: skip


def query_frame(sql: str, columns: Sequence[str], params: Sequence = ()) -> pl.DataFrame:
    """Rows of `sql` as a frame with dates parsed; `conform` casts the rest to the schema."""
    if connection.vendor == "postgresql":
        frame = _copy_frame(sql, columns, params)
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


def _copy_frame(sql: str, columns: Sequence[str], params: Sequence) -> pl.DataFrame:
    buffer = io.BytesIO()
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor: COPY streams without a Python row each
        with raw.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params or None) as copy:
            for block in copy:
                buffer.write(block)
    buffer.seek(0)
    if not buffer.getbuffer().nbytes:
        return pl.DataFrame(schema=dict.fromkeys(columns, pl.String))
    return pl.read_csv(
        buffer, has_header=False, new_columns=list(columns), infer_schema=False
    ).with_columns(pl.all().replace("", None))


def _scope_sql(unit: Unit | None, alias: str) -> tuple[str, list]:
    if unit is None:
        return "", []
    column = "p.id" if alias == "unit" else "p.unit_id"
    return (
        f"WHERE {column} IN (SELECT id FROM org_unit WHERE path LIKE %s)",
        [unit.path + "%"],
    )


def people_frames(unit: Unit | None = None) -> Frames:
    """Every fact of the people in `unit`'s subtree (everyone without a unit)."""
    scope, params = _scope_sql(unit, "person")
    frames = {
        name: query_frame(sql.format(scope=scope), columns, params)
        for name, (sql, columns) in PERSON_TABLES.items()
    }
    frames["people"] = frames["people"].with_columns(
        pl.col("employment_start").fill_null(UNKNOWN_START)
    )
    frames["awards"] = _awards("person", "org_person", scope, params)
    frames["transfers"] = transfers_frame(scope, params)
    return conform(**_keys(_bools(frames)))


def _awards(subject: str, table: str, scope: str, params: list) -> pl.DataFrame:
    rows = query_frame(
        AWARDS_SQL.format(subject=subject, table=table, scope=scope), AWARD_COLUMNS, params
    )
    links = query_frame(AWARD_INITIATIVES_SQL, ("record", "initiative"))
    lists = links.group_by("record").agg(pl.col("initiative").alias("initiatives"))
    rows = rows.with_columns(pl.col("record").cast(pl.Int64))
    lists = lists.with_columns(pl.col("record").cast(pl.Int64))
    return rows.join(lists, on="record", how="left").drop("record")


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
    """Each unit's evaluating agency (nearest ancestor-or-self of kind agency or sector)."""
    units = list(Unit.objects.values_list("pk", "path", "kind"))
    kinds = {pk: kind for pk, _path, kind in units}
    top = {Unit.Kind.AGENCY, Unit.Kind.SECTOR}
    rows = []
    for pk, path, _kind in units:
        chain = [int(i) for i in path.strip("/").split("/") if i] or [pk]
        rows.append((pk, next((i for i in reversed(chain) if kinds.get(i) in top), chain[0])))
    return pl.DataFrame(rows, schema=["unit", "agency"], orient="row")


def transfers_frame(scope: str, params: list) -> pl.DataFrame:
    """Consecutive main posts in different agencies, as `facts.transfers` reads them."""
    posts = query_frame(
        "SELECT m.person_id, m.unit_id, m.start_date, m.end_date FROM org_membership m "
        "JOIN org_person p ON p.id = m.person_id "
        + (scope + " AND" if scope else "WHERE")
        + " NOT m.is_concurrent ORDER BY m.person_id, m.start_date",
        ("person", "unit", "start", "end"),
        params,
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
    scope, params = _scope_sql(unit, "unit")
    units = query_frame(
        f"SELECT p.id, p.active_to FROM org_unit p {scope}", ("id", "dissolved_on"), params
    )
    years = query_frame(
        "SELECT y.unit_id, y.year, y.rating, y.roster, y.completed, y.ldtt, y.cstdcs, "
        "y.disciplined, y.led_cluster, y.party_clean_strong FROM awards_unityear y "
        f"JOIN org_unit p ON p.id = y.unit_id {scope}",
        ("unit", "year", "rating", "roster", "completed", "ldtt", "cstdcs", "disciplined",
         "led_cluster", "party_clean_strong"),
        params,
    )  # fmt: skip
    years = _with_counts(years, discipline_bar)
    freezes = query_frame(
        "SELECT f.unit_id, f.kind, f.opened_on, f.closed_on FROM awards_freeze f "
        f"JOIN org_unit p ON p.id = f.unit_id {scope}",
        ("subject", "kind", "opened_on", "closed_on"),
        params,
    )
    frames = {
        "units": units,
        "unit_years": _blank_to_null(years, "rating"),
        "freezes": freezes,
        "awards": _awards("unit", "org_unit", scope, params),
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
