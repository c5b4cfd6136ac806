"""Helpers for test data loaded once per module inside an open transaction."""

from __future__ import annotations


def settle(connection) -> None:
    """After a bulk load in the module's transaction: on PostgreSQL, check the deferred
    foreign keys of the loaded rows now, once — otherwise every test's teardown
    (Django's ``SET CONSTRAINTS ALL IMMEDIATE`` inside the test's savepoint, rolled back
    after it) checks them all again — and gather planner statistics of the new rows."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute("ANALYZE")
