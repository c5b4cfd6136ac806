"""Client journeys ("klantreizen") and the 30-day rule — the reference definition.

This module is the test oracle for every other engine (Ibis/DuckDB, pandas, Spark).
Rules (domain.md §3.3, data-formats.md §1):

1. *Known data.* Judged on the reporting date ``as_of``: a trajectory that starts
   after ``as_of`` is not known yet and is ignored; an end date after ``as_of`` is
   not known yet, so that trajectory counts as running (open).
2. *Merging.* A client's trajectories, taken by start date, form one journey while
   each next trajectory starts at most ``GAP_DAYS`` (30) days after the latest end
   date of the journey so far (``start <= last_end + 30``); overlapping and
   consecutive trajectories (also at different care units and municipalities) merge.
   A running trajectory keeps the journey open, so every later start joins it.
   A start 31 or more days after the last end opens a new journey.
3. *Closing.* A journey whose trajectories have all ended is **closed** on its last
   end date once more than 30 days passed without a new start: ``as_of >= last_end
   + 31``. Until then it is still open (pending): the client may come back within
   the 30 days and the journey would continue.
4. *Attributes.* A journey belongs to the municipality, area and care unit of the
   trajectory that opened it (earliest start; ties: lowest ``trajectory_id``). Its
   end reason is that of the trajectory with the latest end date (ties: latest start,
   then highest ``trajectory_id``); an empty reason is ``"unknown"``.
5. *In care.* A client is in care on day ``d`` if a journey of theirs has
   ``start <= d`` and is open or closes on or after ``d`` (days in a <=30-day gap
   count, since the journey continues). Journeys of one client are disjoint with at
   least 31 days between them, so one client has at most one journey in care on any
   day — and in any calendar month (no month is longer than 31 days).
6. *Scope.* Journeys are normally built per client over all trajectories. For flows
   per care unit or per quadrant they are built per (client, care unit) or (client,
   quadrant): an episode of care *at that unit*, with the same 30-day rule.
7. *Duration* of a closed journey in days = close date − start date + 1.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from basishulp.trajecten.domain.records import TrajectoryRecord

__all__ = ["GAP_DAYS", "UNKNOWN_REASON", "Journey", "build_journeys", "known_on", "latest_date"]

GAP_DAYS = 30
UNKNOWN_REASON = "unknown"
_GAP = timedelta(days=GAP_DAYS)


@dataclass(frozen=True, slots=True)
class Journey:
    """A client journey. ``close_date`` is ``None`` while the journey is open."""

    client_id: str
    seq: int  # 1 for the client's first journey (within the scope), 2 for the next, ...
    scope_key: str  # "" for client journeys, else the care unit or quadrant
    municipality: str
    area: str
    care_unit: str
    quadrant: str
    start: date
    last_end: date | None  # latest known end date; None while a trajectory runs
    close_date: date | None  # set when closed (rule 3)
    end_reason: str  # of a closed journey; "" while open
    previous_close: date | None  # close date of the client's previous journey
    trajectory_ids: tuple[str, ...]

    @property
    def closed(self) -> bool:
        return self.close_date is not None

    @property
    def duration_days(self) -> int | None:
        if self.close_date is None:
            return None
        return (self.close_date - self.start).days + 1

    def in_care_between(self, first: date, last: date) -> bool:
        """True if the journey is in care on at least one day of ``[first, last]``."""
        return self.start <= last and (self.close_date is None or self.close_date >= first)


def latest_date(trajectories: Iterable[TrajectoryRecord]) -> date | None:
    """The default reporting date: the latest start or end date in the data."""
    latest: date | None = None
    for t in trajectories:
        for d in (t.start_date, t.end_date):
            if d is not None and (latest is None or d > latest):
                latest = d
    return latest


def known_on(t: TrajectoryRecord, as_of: date) -> TrajectoryRecord | None:
    """The trajectory as known on ``as_of`` (rule 1), or ``None`` if not known yet."""
    if t.start_date > as_of:
        return None
    if t.end_date is not None and t.end_date > as_of:
        return replace(t, end_date=None, end_reason="")
    return t


def _scope_fn(scope: str | None) -> Callable[[TrajectoryRecord], str]:
    if scope is None:
        return lambda t: ""
    if scope == "care_unit":
        return lambda t: t.care_unit
    if scope == "quadrant":
        return lambda t: t.quadrant
    raise ValueError(f"unknown journey scope {scope!r}")


def build_journeys(trajectories: Iterable[TrajectoryRecord], as_of: date, scope: str | None = None) -> list[Journey]:
    """Merge trajectories into journeys judged on ``as_of`` (see module rules)."""
    key_of = _scope_fn(scope)
    by_key: dict[tuple[str, str], list[TrajectoryRecord]] = defaultdict(list)
    for raw in trajectories:
        t = known_on(raw, as_of)
        if t is not None:
            by_key[(t.client_id, key_of(t))].append(t)

    journeys: list[Journey] = []
    for (client_id, scope_key), items in by_key.items():
        items.sort(key=lambda t: (t.start_date, t.trajectory_id))
        groups: list[list[TrajectoryRecord]] = []
        running_end: date | None = None
        open_ended = False
        for t in items:
            joins = groups and (open_ended or (running_end is not None and t.start_date <= running_end + _GAP))
            if not joins:
                groups.append([])
                running_end, open_ended = None, False
            groups[-1].append(t)
            if t.end_date is None:
                open_ended = True
            elif running_end is None or t.end_date > running_end:
                running_end = t.end_date
        previous_close: date | None = None
        for seq, group in enumerate(groups, start=1):
            journey = _journey(client_id, seq, scope_key, group, as_of, previous_close)
            journeys.append(journey)
            previous_close = journey.close_date
    return journeys


def _journey(
    client_id: str,
    seq: int,
    scope_key: str,
    group: list[TrajectoryRecord],
    as_of: date,
    previous_close: date | None,
) -> Journey:
    opener = group[0]  # sorted by (start, trajectory_id)
    running = any(t.end_date is None for t in group)
    last_end = None if running else max(t.end_date for t in group if t.end_date is not None)
    close_date = last_end if last_end is not None and as_of >= last_end + timedelta(days=GAP_DAYS + 1) else None
    end_reason = ""
    if close_date is not None:
        last = max(group, key=lambda t: (t.end_date, t.start_date, t.trajectory_id))
        end_reason = last.end_reason or UNKNOWN_REASON
    return Journey(
        client_id=client_id,
        seq=seq,
        scope_key=scope_key,
        municipality=opener.municipality,
        area=opener.area,
        care_unit=opener.care_unit,
        quadrant=opener.quadrant,
        start=opener.start_date,
        last_end=last_end,
        close_date=close_date,
        end_reason=end_reason,
        previous_close=previous_close,
        trajectory_ids=tuple(t.trajectory_id for t in group),
    )
