"""The trajectory record ("zorgtraject") as the pure engines see it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["TrajectoryRecord"]


@dataclass(frozen=True, slots=True)
class TrajectoryRecord:
    """One period of care for one client by one care unit (data-formats.md §1).

    ``municipality`` is always a CBS code (``GMnnnn``); ``end_date`` is ``None``
    while the trajectory runs. Empty optional text fields are ``""``.
    """

    trajectory_id: str
    client_id: str
    municipality: str
    care_unit: str
    quadrant: str
    start_date: date
    end_date: date | None = None
    area: str = ""
    end_reason: str = ""
    referrer_type: str = ""
