"""Database triggers that refuse UPDATE, DELETE (and on PostgreSQL TRUNCATE) of the
access log, so the log stays append-only also for SQL that bypasses the application.

On PostgreSQL the production setup adds grants: the application's database role gets
INSERT and SELECT on the log table only (docs/privacy.md). Test databases drop the
triggers before Django flushes them between transactional tests.
"""

from __future__ import annotations

from typing import Any

__all__ = ["install", "remove"]

TABLE = "audit_accesslogentry"

_PG_INSTALL = [
    f"""CREATE OR REPLACE FUNCTION {TABLE}_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'the access log is append-only'; END; $$ LANGUAGE plpgsql""",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_change ON {TABLE}",
    f"""CREATE TRIGGER {TABLE}_no_change BEFORE UPDATE OR DELETE ON {TABLE}
FOR EACH ROW EXECUTE FUNCTION {TABLE}_append_only()""",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE}",
    f"""CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE}
FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_append_only()""",
]
_PG_REMOVE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_change ON {TABLE}",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE}",
]
_SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE}
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE}
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END""",
]
_SQLITE_REMOVE = [f"DROP TRIGGER IF EXISTS {TABLE}_no_update", f"DROP TRIGGER IF EXISTS {TABLE}_no_delete"]


def _run(connection: Any, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def install(connection: Any) -> None:
    if connection.vendor == "postgresql":
        _run(connection, _PG_INSTALL)
    elif connection.vendor == "sqlite":
        _run(connection, _SQLITE_INSTALL)


def remove(connection: Any) -> None:
    if connection.vendor == "postgresql":
        _run(connection, _PG_REMOVE)
    elif connection.vendor == "sqlite":
        _run(connection, _SQLITE_REMOVE)
