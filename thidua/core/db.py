"""Database helpers shared by every app."""

from typing import Any

from thidua.core.text import vi_sort_key

# A column declared with db_collation=VI_COLLATION sorts Vietnamese names on both databases:
# PostgreSQL gets an ICU collation of that name (core migration 0001), SQLite a Python one.
VI_COLLATION = "vietnamese"


def _compare_vi(left: str, right: str) -> int:
    a, b = vi_sort_key(left), vi_sort_key(right)
    return (a > b) - (a < b)


def register_sqlite_collation(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(VI_COLLATION, _compare_vi)


def create_postgres_collation(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE COLLATION IF NOT EXISTS {VI_COLLATION} (provider = icu, locale = 'vi')"
        )
