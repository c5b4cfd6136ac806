"""The production KPI engine: Ibis expressions executed on DuckDB.

Design
======

The pure core in :mod:`basishulp.kpi.domain` is *the* definition; this package
computes the same rows (``==`` on the dataclasses, ``Decimal`` rounding included)
with set-based queries that scale to national files.

* :mod:`.expressions` — the definitions as backend-neutral Ibis expressions (window
  functions, ``GROUP BY`` with filtered aggregates, ``CASE``). Journeys are found in
  one pass per ``(client, scope key)`` ordered by ``(start, trajectory_id)``: a
  running max of earlier end dates plus a running "an earlier trajectory is still
  open" flag decide whether a row opens a new journey (start more than 30 days after
  the running max); a cumulative sum numbers the journeys; one ``GROUP BY`` gives the
  journey start, opener attributes, close date (``as_of >= last end + 31``) and end
  reason; ``LAG`` gives the previous close. Flows are conditional counts per group,
  one triple of columns per calendar month. The same expressions run on PySpark
  (see the ``spark`` test) or PostgreSQL.
* :mod:`.core` — :class:`~.core.KpiRun` runs those expressions on a table and builds
  the reference dataclasses; only small result sets reach Python.
* :mod:`.csvread` — the CLI fast path: DuckDB's parallel CSV reader with every column
  as ``VARCHAR``, validated in SQL with the rules (and messages) of
  :mod:`basishulp.trajecten.domain.csvfile`, loaded once into a DuckDB table that
  keeps only the columns the KPI needs.

Entry points: :func:`compute` (records from the database, used by the dashboard) and
:func:`file_kpis` (``basishulp kpi flows|journeys FILE``). Each call uses its own
in-memory DuckDB connection (thread safe, nothing shared); intermediate journeys are
materialised once as temporary tables and reused by every KPI query.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import ibis
import ibis.expr.types as ir

from basishulp.kpi.domain.indicators import DIMENSIONS, CareDistribution, FlowRow, JourneyRow
from basishulp.kpi.domain.periods import Period
from basishulp.kpi.service import FileKpis
from basishulp.trajecten.domain.records import TrajectoryRecord

from .core import KpiRun
from .csvread import load_trajectories

__all__ = ["DEFAULT_MEMORY_LIMIT", "compute", "file_kpis", "records_table"]

#: DuckDB's memory limit for the file path (``BASISHULP_DUCKDB_MEMORY`` overrides it);
#: beyond it DuckDB spills to its temporary directory instead of growing.
DEFAULT_MEMORY_LIMIT = "750MB"


def records_table(records: Sequence[TrajectoryRecord]) -> Any:
    """The records as an Arrow table with the engine's column names."""
    import pyarrow as pa  # only needed for records, not on the CLI path

    schema = pa.schema(
        [
            ("trajectory_id", pa.string()),
            ("client_id", pa.string()),
            ("municipality", pa.string()),
            ("area", pa.string()),
            ("care_unit", pa.string()),
            ("quadrant", pa.string()),
            ("start_date", pa.date32()),
            ("end_date", pa.date32()),
            ("end_reason", pa.string()),
        ]
    )
    columns = {
        "trajectory_id": [r.trajectory_id for r in records],
        "client_id": [r.client_id for r in records],
        "municipality": [r.municipality for r in records],
        "area": [r.area or "" for r in records],
        "care_unit": [r.care_unit for r in records],
        "quadrant": [r.quadrant for r in records],
        "start_date": [r.start_date for r in records],
        "end_date": [r.end_date for r in records],
        "end_reason": [r.end_reason or "" for r in records],
    }
    return pa.table(columns, schema=schema)


class _DuckDB:
    """Compiles Ibis expressions over unbound tables to DuckDB SQL and runs them on a
    plain DuckDB connection (no Ibis backend object, so no pandas import)."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def table(self, name: str) -> ir.Table:
        columns = self.con.execute(f'DESCRIBE "{name}"').fetchall()
        return ibis.table({c[0]: _IBIS_TYPES[c[1]] for c in columns}, name=name)

    def materialize(self, expr: ir.Table, name: str) -> ir.Table:
        self.con.execute(f'CREATE OR REPLACE TEMP TABLE "{name}" AS {ibis.to_sql(expr, dialect="duckdb")}')
        return ibis.table(expr.schema(), name=name)

    def execute(self, expr: ir.Table) -> list[dict[str, Any]]:
        cursor = self.con.execute(ibis.to_sql(expr, dialect="duckdb"))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def run(self, table: str, as_of: date) -> KpiRun:
        return KpiRun(self.table(table), as_of, self.materialize, self.execute)


_IBIS_TYPES = {"VARCHAR": "string", "DATE": "date", "BOOLEAN": "boolean", "BIGINT": "int64", "INTEGER": "int32"}


def compute(
    records: Sequence[TrajectoryRecord], period: Period, as_of: date, dimension: str
) -> tuple[list[FlowRow], list[JourneyRow], list[CareDistribution]]:
    """Flows, journey KPIs and care distribution, equal to the reference
    ``flows``, ``journey_kpis`` and ``care_distribution`` for the same inputs."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown grouping {dimension!r}; choose from {', '.join(DIMENSIONS)}")
    con = duckdb.connect()
    try:
        con.register("records_arrow", records_table(records))
        con.execute("CREATE TEMP TABLE trajectories AS SELECT * FROM records_arrow")
        con.unregister("records_arrow")
        run = _DuckDB(con).run("trajectories", as_of)
        return (
            run.flows(period, dimension, full=True),
            run.journey_kpis(period, dimension),
            run.care_distribution(period),
        )
    finally:
        con.close()


def file_kpis(path: str | Path, kind: str, period: Period, as_of: date | None) -> FileKpis:
    """Validate a trajectories file with DuckDB and compute ``kind`` KPIs per municipality.

    ``kind`` is ``"flows"`` or ``"journeys"``; ``as_of`` defaults to the latest date in
    the data (the period end for a file without rows). Raises ``TrajectoryFileError``.
    """
    if kind not in ("flows", "journeys"):
        raise ValueError(f"unknown KPI kind {kind!r}: use flows or journeys")
    threads = os.environ.get("BASISHULP_DUCKDB_THREADS")
    memory = os.environ.get("BASISHULP_DUCKDB_MEMORY", DEFAULT_MEMORY_LIMIT)
    keep = () if kind == "flows" else ("end_reason",)
    loaded = load_trajectories(path, keep=keep, threads=int(threads) if threads else None, memory_limit=memory)
    try:
        effective = as_of or loaded.latest or period.end
        run = _DuckDB(loaded.connection).run(loaded.table, effective)
        if kind == "flows":
            rows: list[FlowRow] | list[JourneyRow] = run.flows(period, "municipality")
        else:
            rows = run.journey_kpis(period, "municipality")
        return FileKpis(effective, list(rows), loaded.warnings)
    finally:
        loaded.connection.close()
