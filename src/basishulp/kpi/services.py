"""KPI services over trajectory records (from the database or a file).

One entry point, :func:`compute_kpis`, used by the dashboard, reports and API. The
default engine is Ibis on DuckDB (:mod:`basishulp.kpi.engine`); ``engine="reference"``
runs the pure-Python definitions in :mod:`basishulp.kpi.domain` (the test oracle).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from basishulp.trajecten.domain.records import TrajectoryRecord

from .domain.indicators import CareDistribution, FlowRow, JourneyRow, care_distribution, flows, journey_kpis
from .domain.journeys import build_journeys, latest_date
from .domain.periods import Period

__all__ = ["KpiSet", "compute_kpis"]


@dataclass(frozen=True)
class KpiSet:
    period: Period
    as_of: date
    flows: list[FlowRow]
    journeys: list[JourneyRow]
    care: list[CareDistribution]


def compute_kpis(
    records: Sequence[TrajectoryRecord],
    period: Period,
    as_of: date | None = None,
    dimension: str = "municipality",
    engine: str = "duckdb",
) -> KpiSet:
    """Flows, journey KPIs and care distribution for ``period``: total row first."""
    effective = as_of or latest_date(records) or period.end
    if engine == "duckdb":
        from .engine import compute

        flow_rows, journey_rows, care_rows = compute(records, period, effective, dimension)
        return KpiSet(period, effective, flow_rows, journey_rows, care_rows)
    journeys = build_journeys(records, effective)
    return KpiSet(
        period,
        effective,
        flows(records, period, effective, dimension, journeys=journeys),
        journey_kpis(records, period, effective, dimension, journeys=journeys),
        care_distribution(records, period, effective),
    )
