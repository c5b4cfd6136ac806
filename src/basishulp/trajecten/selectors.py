"""Reads for trajectories: records for the KPI engines, imports, municipalities.

**Journeys cross municipalities.** A client journey merges *all* trajectories of a
client, and belongs to the municipality of the trajectory that opened it
(data-formats.md §1). KPIs for one municipality must therefore be computed over
:func:`all_trajectory_records` (or ``trajectory_records(municipality_codes=...,
whole_journeys=True)``) and then filtered **by journey** (the KPI engines group by
the journey's municipality). Filtering *trajectories* by municipality first gives
wrong journeys, begin/inflow/outflow figures and returning-client shares.

User scoping: pass ``basishulp.accounts.selectors.visible_municipality_codes(user)``
to decide which rows of the computed KPIs a user may see.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import QuerySet

from .domain.records import TrajectoryRecord
from .domain.reference import HLV_CODES
from .models import ImportBatch, Municipality, Trajectory

__all__ = [
    "all_trajectory_records",
    "latest_import",
    "municipalities",
    "trajectory_count",
    "trajectory_records",
]

_RECORD_FIELDS = (
    "trajectory_id",
    "client__pseudonym",
    "municipality__code",
    "care_unit__code",
    "quadrant",
    "start_date",
    "end_date",
    "area__code",
    "end_reason",
    "referrer_type",
)


def _records(queryset: QuerySet[Trajectory]) -> list[TrajectoryRecord]:
    rows = queryset.order_by("start_date", "trajectory_id").values_list(*_RECORD_FIELDS).iterator(chunk_size=5000)
    return [
        TrajectoryRecord(
            trajectory_id=tid,
            client_id=client,
            municipality=municipality,
            care_unit=care_unit,
            quadrant=quadrant,
            start_date=start,
            end_date=end,
            area=area or "",
            end_reason=end_reason,
            referrer_type=referrer_type,
        )
        for tid, client, municipality, care_unit, quadrant, start, end, area, end_reason, referrer_type in rows
    ]


def trajectory_records(
    *, municipality_codes: Sequence[str] | None = None, whole_journeys: bool = False
) -> list[TrajectoryRecord]:
    """Trajectories as pure records (municipality as GM code, area and care unit as codes).

    ``municipality_codes=None`` returns every trajectory. With codes, only trajectories
    in those municipalities — **not enough for journey KPIs** (see the module
    docstring); with ``whole_journeys=True`` instead every trajectory of each client
    who has at least one trajectory in those municipalities.
    """
    queryset = Trajectory.objects.filter(withdrawn_at__isnull=True)
    if municipality_codes is not None:
        local = queryset.filter(municipality__code__in=list(municipality_codes))
        queryset = queryset.filter(client__in=local.values("client")) if whole_journeys else local
    return _records(queryset)


def all_trajectory_records() -> list[TrajectoryRecord]:
    """Every trajectory, for journey-based KPIs (filter journeys, not trajectories)."""
    return trajectory_records()


def trajectory_count() -> int:
    return Trajectory.objects.filter(withdrawn_at__isnull=True).count()


def latest_import(*, include_failed: bool = False) -> ImportBatch | None:
    """The most recent successful import (or attempt, with ``include_failed``)."""
    queryset = ImportBatch.objects.select_related("imported_by")
    if not include_failed:
        queryset = queryset.filter(status=ImportBatch.Status.DONE)
    return queryset.order_by("-started_at", "-pk").first()


def municipalities() -> list[Municipality]:
    """All municipalities: Heerlen, Landgraaf, Voerendaal (report order), then others by code."""
    order = {code: i for i, code in enumerate(HLV_CODES)}
    return sorted(Municipality.objects.all(), key=lambda m: (order.get(m.code, len(order)), m.code))
