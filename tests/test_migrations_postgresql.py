"""The migrations on PostgreSQL, run as a deployment runs them.

The suite's test databases are made from the models (`--no-migrations`, see tests/suite.py), so
this is where the migrations meet PostgreSQL: a fresh database, `manage.py migrate`, and the
objects only migrations create (the Vietnamese collation, the trigram search indexes, the cache
table, the award catalogue)."""

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import dj_database_url
import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[1]
URL = os.environ.get("DATABASE_URL", "")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not URL.startswith("postgres"), reason="needs DATABASE_URL=postgres://…"),
]


def _connect(name: str) -> psycopg.Connection:
    params = dj_database_url.parse(URL)
    return psycopg.connect(
        dbname=name, user=params["USER"], password=params["PASSWORD"], host=params["HOST"],
        port=params["PORT"] or 5432, autocommit=True,
    )  # fmt: skip


@pytest.fixture
def fresh_database() -> Iterator[str]:
    name = f"thidua_migrations_{uuid.uuid4().hex[:12]}"
    with _connect("postgres") as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with _connect("postgres") as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _migrate(name: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    url = URL.rsplit("/", 1)[0] + "/" + name
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DJANGO_DEBUG="1", DATABASE_URL=url)
    return subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip


def test_the_migrations_build_a_fresh_database_with_what_only_they_create(fresh_database):
    done = _migrate(fresh_database)
    assert done.returncode == 0, done.stderr[-3000:]

    with _connect(fresh_database) as db:
        one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
        assert one("SELECT count(*) FROM pg_collation WHERE collname = 'vietnamese'") == 1
        assert (
            one(
                "SELECT count(*) FROM pg_indexes WHERE indexname IN "
                "('org_person_search_trgm', 'org_unit_search_trgm')"
            )
            == 2
        )
        assert one("SELECT to_regclass('thidua_cache') IS NOT NULL")
        assert one("SELECT count(*) FROM awards_awardtype") > 10
        # Names sort the Vietnamese way: "Đ" after "D", "Ă" after "A".
        assert [r[0] for r in db.execute(
            "SELECT n FROM (VALUES ('Đức'), ('Dũng'), ('Ăn'), ('Bình')) v(n) "
            "ORDER BY n COLLATE vietnamese"
        )] == ["Ăn", "Bình", "Dũng", "Đức"]  # fmt: skip
