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
  journey start, opener attributes, close date and end reason; ``LAG`` gives the
  previous close. Flows use :func:`~.expressions.flow_journeys`: only the
  trajectories that can affect the period (closed history is dropped unless it can
  reach the kept rows; see its docstring for the proof), one window pass that marks
  the journey openers and a ``LEAD`` over the openers for the close dates. The same
  expressions run on PySpark (see the ``spark`` test) or PostgreSQL.
* :mod:`.core` — :class:`~.core.KpiRun` names every query by its shape and builds
  the expression lazily; it turns the small result sets into the reference
  dataclasses.
* :mod:`.duck` — runs the queries on DuckDB, compiling each shape to SQL once per
  process (dates are substituted into the cached SQL); the usual shapes ship
  precompiled (:mod:`.precompile`), so the CLI and a fresh dashboard process do not
  import Ibis at all.
* :mod:`.csvread` — the CLI fast path: DuckDB's parallel CSV reader with every column
  as ``VARCHAR``, loaded once with cheap sufficient validity checks; a file that
  fails them takes the exact path with the rules (and messages) of
  :mod:`basishulp.trajecten.domain.csvfile`.

Entry points: :func:`compute` (records from the database, used by the dashboard) and
:func:`file_kpis` (``basishulp kpi flows|journeys FILE``). Each call uses its own
in-memory DuckDB connection (thread safe, nothing shared but the SQL cache);
intermediate journeys are materialised once as temporary tables and reused by every
journey KPI query.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import duckdb

from basishulp.kpi.domain.indicators import DIMENSIONS, CareDistribution, FlowRow, JourneyRow
from basishulp.kpi.domain.periods import Period
from basishulp.kpi.service import FileKpis
from basishulp.trajecten.domain.records import TrajectoryRecord

from .core import KpiRun
from .csvread import load_trajectories
from .duck import DuckRunner

__all__ = ["DEFAULT_MEMORY_LIMIT", "RECORD_SCHEMA", "compute", "default_threads", "file_kpis", "load_records"]

#: DuckDB's memory limit for the file path (``BASISHULP_DUCKDB_MEMORY`` overrides it);
#: beyond it DuckDB spills to its temporary directory instead of growing.
DEFAULT_MEMORY_LIMIT = "750MB"

#: The columns of the records table (Ibis types).
RECORD_SCHEMA = {
    "trajectory_id": "string",
    "client_id": "string",
    "municipality": "string",
    "area": "string",
    "care_unit": "string",
    "quadrant": "string",
    "start_date": "date",
    "end_date": "date",
    "end_reason": "string",
}


def load_records(
    con: duckdb.DuckDBPyConnection, records: Sequence[TrajectoryRecord], name: str = "trajectories"
) -> None:
    """Store the records in temporary table ``name`` (columns :data:`RECORD_SCHEMA`).

    The columns go in as list parameters (no Arrow, so no pyarrow or pandas import
    in a dashboard process)."""
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
    sql_types = {"string": "VARCHAR", "date": "DATE"}
    select = ", ".join(f'unnest(${c}::{sql_types[t]}[]) AS "{c}"' for c, t in RECORD_SCHEMA.items())
    con.execute(f'CREATE OR REPLACE TEMP TABLE "{name}" AS SELECT {select}', columns)


def compute(
    records: Sequence[TrajectoryRecord], period: Period, as_of: date, dimension: str
) -> tuple[list[FlowRow], list[JourneyRow], list[CareDistribution]]:
    """Flows, journey KPIs and care distribution, equal to the reference
    ``flows``, ``journey_kpis`` and ``care_distribution`` for the same inputs."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown grouping {dimension!r}; choose from {', '.join(DIMENSIONS)}")
    con = duckdb.connect(config={"threads": 1})
    try:
        load_records(con, records)
        run = KpiRun(DuckRunner(con, "trajectories", RECORD_SCHEMA), as_of)
        return (
            run.flows(period, dimension),
            run.journey_kpis(period, dimension),
            run.care_distribution(period),
        )
    finally:
        con.close()


def default_threads() -> int:
    """DuckDB threads for a file: one more than the CPUs this process may use.

    DuckDB sizes the partitioning of a large hash aggregate by its thread count; with
    as many threads as CPUs on a 2-CPU machine, the duplicate-id check on the national
    benchmark file took 0.3-0.6 s, with one thread more 0.15-0.2 s (the other steps
    were unchanged; docs/benchmarks.md)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cpus = os.cpu_count() or 1
    return cpus + 1


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
    loaded = load_trajectories(
        path,
        keep=keep,
        threads=int(threads) if threads else default_threads(),
        memory_limit=memory,
        normalized=kind != "flows",
    )
    try:
        effective = as_of or loaded.latest or period.end
        runner = DuckRunner(loaded.connection, loaded.table, loaded.schema)
        run = KpiRun(runner, effective, municipality_code=loaded.municipality_code)
        if kind == "flows":
            rows: list[FlowRow] | list[JourneyRow] = run.flows(period, "municipality")
        else:
            rows = run.journey_kpis(period, "municipality")
        return FileKpis(effective, list(rows), loaded.warnings)
    finally:
        loaded.connection.close()
