"""Thin service: compute KPIs for a trajectories file with the chosen engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .domain.indicators import flows, journey_kpis
from .domain.journeys import build_journeys, latest_date
from .domain.periods import Period

__all__ = ["FileKpis", "compute_file_kpis", "compute_reference_kpis"]


@dataclass(frozen=True)
class FileKpis:
    as_of: date
    rows: list[Any]
    warnings: list[str] = field(default_factory=list)


def compute_reference_kpis(records: list[Any], kind: str, period: Period, as_of: date | None) -> FileKpis:
    """KPIs of ``kind`` ("flows" or "journeys") per municipality by the pure core."""
    effective = as_of or latest_date(records) or period.end
    journeys = build_journeys(records, effective)
    if kind == "flows":
        rows: list[Any] = flows(records, period, effective, "municipality", journeys=journeys)
    else:
        rows = journey_kpis(records, period, effective, "municipality", journeys=journeys)
    return FileKpis(effective, rows)


def compute_file_kpis(
    path: str | Path, kind: str, period: Period, as_of: date | None, engine: str = "duckdb"
) -> FileKpis:
    """Validate the file and compute ``kind`` KPIs; raises TrajectoryFileError on bad input."""
    if engine == "reference":
        from basishulp.trajecten.domain.csvfile import read_trajectories

        parsed = read_trajectories(path)
        result = compute_reference_kpis(parsed.records, kind, period, as_of)
        return FileKpis(result.as_of, result.rows, parsed.warnings)
    from .engine import file_kpis

    return file_kpis(path, kind, period, as_of)
