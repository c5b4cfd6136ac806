"""Run KPI queries on DuckDB, compiling each query *shape* to SQL once per process.

Compiling an Ibis expression to SQL (through sqlglot) costs far more than running it
on a dashboard-sized table, and importing Ibis costs more than the CLI's whole
budget for a small file. So :class:`DuckRunner` caches the SQL per query key
(:class:`~.core.KpiRun` names every query by its shape: KPI, dimension, number of
months) and the table it reads. The dates of a query are the only values that vary
between runs with the same shape: while compiling, each named date is replaced by a
*sentinel* date (year 1001, 1002, ... — never a real reporting date) and, before
running, the sentinels' SQL literals are replaced by the real dates. The SQL of the
usual queries is also shipped precompiled (:mod:`._precompiled`, checked against
a fresh compilation by the tests), so ``basishulp kpi flows`` and a fresh dashboard
process do not import Ibis at all.

Common table expressions are compiled ``NOT MATERIALIZED``: the expressions share
only cheap scans, and DuckDB would otherwise copy them into memory first.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["DuckRunner", "sentinel"]

_FIXED = {"as_of": 1001, "after_as_of": 1002, "closed_by": 1003, "p0": 1004, "p1": 1005, "p0_gap": 1006, "p1_gap": 1007}
_MONTH_BASE = 1010
_MAX_MONTHS = 480  # months beyond this are compiled with their real dates, uncached
_MONTH_NAME = re.compile(r"m(\d+)([se])")
_DATE_LITERAL = re.compile(r"MAKE_DATE\((\d+), (\d+), (\d+)\)")

_cache: dict[str, tuple[str, dict[str, str]]] = {}
_lock = threading.Lock()
_precompiled_loaded = False


def sentinel(name: str) -> date | None:
    """The sentinel date that stands for the date ``name`` in cached SQL."""
    if name in _FIXED:
        return date(_FIXED[name], 1, 1)
    m = _MONTH_NAME.fullmatch(name)
    if m and int(m.group(1)) < _MAX_MONTHS:
        return date(_MONTH_BASE + 2 * int(m.group(1)) + (m.group(2) == "e"), 1, 1)
    return None


def _literal(value: date) -> str:
    return f"MAKE_DATE({value.year}, {value.month}, {value.day})"


def _substitute(sql: str, values: dict[str, date]) -> str:
    by_year = {}
    for name, value in values.items():
        s = sentinel(name)
        if s is not None:
            by_year[s.year] = _literal(value)

    def replace(m: re.Match[str]) -> str:
        year = int(m.group(1))
        if (m.group(2), m.group(3)) == ("1", "1") and year in by_year:
            return by_year[year]
        if 1000 < year < _MONTH_BASE + 2 * _MAX_MONTHS:  # pragma: no cover - a bug in a query
            raise AssertionError(f"sentinel date {m.group(0)} without a value")
        return m.group(0)

    return _DATE_LITERAL.sub(replace, sql)


def compile_sql(expr: ir.Table) -> str:
    """DuckDB SQL of ``expr`` with every CTE ``NOT MATERIALIZED``."""
    import sqlglot.expressions as sge
    from ibis.backends.sql.compilers.duckdb import compiler

    tree = compiler.to_sqlglot(expr)
    for cte in tree.find_all(sge.CTE):
        cte.set("materialized", False)
    return tree.sql(dialect="duckdb")


def _load_precompiled() -> None:
    global _precompiled_loaded
    if not _precompiled_loaded:
        from ._precompiled import SCHEMAS, SQL

        with _lock:
            for key, sql in SQL.items():
                _cache.setdefault(key, (sql, SCHEMAS.get(key, {})))
            _precompiled_loaded = True


class DuckRunner:
    """A :class:`~.core.Runner` on one DuckDB connection and table ``name``
    (columns and Ibis types in ``schema``). Intermediate results become temporary
    tables. With ``compile_only`` queries are compiled into the cache, not run."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection | None,
        name: str,
        schema: dict[str, str],
        compile_only: bool = False,
        cache: dict[str, tuple[str, dict[str, str]]] | None = None,
    ):
        self.con = con
        self.name = name
        self.schema = dict(schema)
        self.compile_only = compile_only
        self.cache = _cache if cache is None else cache
        self.prefix = f"{name}({','.join(f'{c} {t}' for c, t in self.schema.items())})|"
        self._compiling = False
        _load_precompiled()

    # -- building (only on a cache miss) ------------------------------------------

    def table(self) -> ir.Table:
        import ibis

        return ibis.table(self.schema, name=self.name)

    def date(self, name: str, value: date) -> ir.DateScalar:
        import ibis

        s = sentinel(name) if self._compiling else None
        return ibis.literal(s if s is not None else value, type="date")

    def sql(self, key: str, build: Callable[[], ir.Table], values: dict[str, date]) -> tuple[str, dict[str, str]]:
        """The SQL of query ``key`` for these dates, and its result schema."""
        if not all(sentinel(name) is not None for name in values):  # too many months: not cached
            expr = build()
            return compile_sql(expr), {c: str(t) for c, t in expr.schema().items()}
        full = self.prefix + key
        hit = self.cache.get(full)
        if hit is None:
            self._compiling = True
            try:
                expr = build()
            finally:
                self._compiling = False
            hit = (compile_sql(expr), {c: str(t) for c, t in expr.schema().items()})
            with _lock:
                self.cache[full] = hit
        return _substitute(hit[0], values), hit[1]

    # -- running ------------------------------------------------------------------

    def rows(self, key: str, build: Callable[[], ir.Table], values: dict[str, date]) -> list[dict[str, Any]]:
        sql, _schema = self.sql(key, build, values)
        if self.compile_only or self.con is None:
            return []
        cursor = self.con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def materialize(
        self, key: str, build: Callable[[], ir.Table], values: dict[str, date], name: str
    ) -> Callable[[], ir.Table]:
        sql, schema = self.sql(key, build, values)
        if not self.compile_only and self.con is not None:
            self.con.execute(f'CREATE OR REPLACE TEMP TABLE "{name}" AS {sql}')

        def table() -> ir.Table:
            import ibis

            return ibis.table(schema, name=name)

        return table

    def strings(self, name: str, column: str, values: list[str]) -> Callable[[], ir.Table]:
        if not self.compile_only and self.con is not None:
            self.con.execute(
                f'CREATE OR REPLACE TEMP TABLE "{name}" AS SELECT unnest($values::VARCHAR[]) AS "{column}"',
                {"values": values},
            )

        def table() -> ir.Table:
            import ibis

            return ibis.table({column: "string"}, name=name)

        return table
