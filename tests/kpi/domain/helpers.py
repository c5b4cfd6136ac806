"""Small builders for hand-made trajectory sets (shared by the pure-core tests)."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from basishulp.trajecten.domain.records import TrajectoryRecord

HEERLEN, LANDGRAAF, VOERENDAAL = "GM0917", "GM0882", "GM0986"


def d(text: str) -> date:
    return date.fromisoformat(text)


def traj(
    tid: str,
    client: str,
    start: str,
    end: str | None = None,
    *,
    municipality: str = HEERLEN,
    unit: str = "GT-HRL-1",
    quadrant: str = "K2",
    reason: str | None = None,
    area: str = "HRL-1",
) -> TrajectoryRecord:
    return TrajectoryRecord(
        trajectory_id=tid,
        client_id=client,
        municipality=municipality,
        care_unit=unit,
        quadrant=quadrant,
        start_date=d(start),
        end_date=d(end) if end else None,
        area=area,
        end_reason=(reason if reason is not None else ("31" if end else "")),
    )


_UNITS = [("GT-HRL-1", "K2", "HRL-1"), ("GT-LGF-1", "K2", "LGF-1"), ("XONAR", "K3", ""), ("RADAR", "K3", "")]
_MUNIS = [HEERLEN, LANDGRAAF, VOERENDAAL, "GM0935"]
_REASONS = ["31", "34", "35", "20", ""]


@st.composite
def trajectory_sets(draw: st.DrawFn, max_clients: int = 12, max_per_client: int = 5) -> list[TrajectoryRecord]:
    """Random trajectory sets that stress the 30-day boundary and open trajectories."""
    records: list[TrajectoryRecord] = []
    base = date(2021, 1, 1).toordinal()
    n_clients = draw(st.integers(0, max_clients))
    tid = 0
    for c in range(n_clients):
        cursor = base + draw(st.integers(0, 700))
        for _ in range(draw(st.integers(1, max_per_client))):
            # gaps cluster around the 30/31-day boundary, overlaps are negative gaps
            gap = draw(st.sampled_from([-40, -5, 0, 1, 29, 30, 31, 32, 90]) | st.integers(-60, 200))
            start = cursor + gap
            length = draw(st.integers(0, 400))
            is_open = draw(st.booleans()) and draw(st.booleans()) and draw(st.booleans())
            unit, quadrant, area = draw(st.sampled_from(_UNITS))
            end = None if is_open else start + length
            tid += 1
            records.append(
                TrajectoryRecord(
                    trajectory_id=f"t{tid:04d}",
                    client_id=f"c{c}",
                    municipality=draw(st.sampled_from(_MUNIS)),
                    care_unit=unit,
                    quadrant=quadrant,
                    start_date=date.fromordinal(start),
                    end_date=date.fromordinal(end) if end is not None else None,
                    area=area,
                    end_reason=draw(st.sampled_from(_REASONS)) if end is not None else "",
                )
            )
            cursor = max(cursor, end if end is not None else start + length)
    return records
