"""The monthly history a forecast is fitted on, from client journeys known on a cut-off
date (pure; ``kpi.domain.journeys`` defines journeys and "in care").

A month is counted by its index ``year * 12 + month - 1``. The history runs to the last
month that has ended on the cut-off date. For every month: the journeys that opened in
it (**inflow**) and the unique clients in care (**in care**: a journey is in care in the
months from its start to its close, both included, as in the KPI definitions). For the
journeys still open at the end: their **age**, the number of months they have been in
care including the last month. For the duration model: each journey's number of months
in care, and whether it closed (an event) or is still open (censored at its age).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from basishulp.kpi.domain.journeys import GAP_DAYS, Journey
from basishulp.trajecten.domain.records import TrajectoryRecord

__all__ = [
    "History",
    "data_begin",
    "history_from_journeys",
    "in_care_series",
    "last_full_month",
    "month_end",
    "month_index",
    "month_start",
    "return_chances",
]


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def month_end(index: int) -> date:
    return month_start(index + 1) - timedelta(days=1)


def last_full_month(cutoff: date) -> int:
    """The last month that has ended on ``cutoff`` (the cut-off's own month if it is its last day)."""
    index = month_index(cutoff)
    return index if month_end(index) == cutoff else index - 1


@dataclass(frozen=True, slots=True)
class History:
    """Monthly inflow and clients in care from ``first`` to ``last`` (month indexes), the
    ages of the journeys open after ``last``, and the durations for the survival model."""

    first: int
    last: int
    inflow: tuple[int, ...]
    in_care: tuple[int, ...]
    open_ages: dict[int, int]  # age in months (1 = opened in the last month) -> journeys
    #: of those, the journeys whose trajectories have all ended (closed unless the client
    #: returns within 30 days): (age, days since the last end) -> journeys
    pending: dict[tuple[int, int], int]
    #: (start month, months in care, closed, entry age, weight): a journey that started
    #: before the data begin (``first``) is seen only from the age it had then (left
    #: truncation); a pending journey counts as closed on its last end with the weight of
    #: the chance the client does not return, and as open with the rest
    durations: tuple[tuple[int, int, bool, int, float], ...]
    #: by days since the last end (0..30): the chance a pending journey continues
    return_chances: tuple[float, ...] = ()

    @property
    def months(self) -> int:
        return self.last - self.first + 1

    def month_of(self, offset: int) -> int:
        """The month index ``offset`` months after the first."""
        return self.first + offset


def data_begin(journeys: Iterable[Journey]) -> int | None:
    """The first month the data are complete in: the month of the earliest close. Before
    it a registration holds only the clients who were still in care when it began (an
    export of everything in care from some date on), so inflow and durations before it
    would mislead."""
    closes = [month_index(j.close_date) for j in journeys if j.close_date is not None]
    return min(closes) if closes else None


def history_from_journeys(
    journeys: Iterable[Journey], cutoff: date, first: int | None = None, returns: Sequence[float] = ()
) -> History:
    """The history up to the last full month of ``cutoff`` (the journeys must be built
    with ``as_of = cutoff``), from month ``first`` (default: :func:`data_begin`);
    ``returns`` from :func:`return_chances` (without: pending journeys count as open)."""
    last = last_full_month(cutoff)
    items = [j for j in journeys if month_index(j.start) <= last]
    if not items:
        raise ValueError("no journeys before the cut-off date")
    begin = data_begin(items) if first is None else first
    start = min(begin if begin is not None else last, last)
    inflow: Counter[int] = Counter()
    open_ages: Counter[int] = Counter()
    pending: Counter[tuple[int, int]] = Counter()
    durations: list[tuple[int, int, bool, int, float]] = []
    for j in items:
        s = month_index(j.start)
        inflow[s] += 1
        closed = j.close_date is not None and month_index(j.close_date) <= last
        c = month_index(j.close_date) if closed and j.close_date is not None else None
        if c is not None:
            if c >= start:
                durations.append((s, c - s + 1, True, max(1, start - s + 1), 1.0))
        else:
            entry = max(1, start - s + 1)
            open_ages[last - s + 1] += 1
            if j.last_end is not None and month_index(j.last_end) <= last:
                days = min((month_end(last) - j.last_end).days, GAP_DAYS)
                pending[(last - s + 1, days)] += 1
                stays = returns[days] if returns else 1.0
                if stays < 1 and month_index(j.last_end) >= start:
                    durations.append((s, month_index(j.last_end) - s + 1, True, entry, 1.0 - stays))
                durations.append((s, last - s + 1, False, entry, stays))
            else:
                durations.append((s, last - s + 1, False, entry, 1.0))
    in_care = in_care_series(items, start, last)  # a close after ``last`` does not touch these months
    return History(
        first=start,
        last=last,
        inflow=tuple(inflow[m] for m in range(start, last + 1)),
        in_care=tuple(in_care),
        open_ages=dict(sorted(open_ages.items())),
        pending=dict(sorted(pending.items())),
        return_chances=tuple(returns),
        durations=tuple(durations),
    )


def return_chances(trajectories: Iterable[TrajectoryRecord], cutoff: date) -> tuple[float, ...]:
    """For ``d`` = 0..30 days since a client's care stopped (no trajectory running): the
    chance that the client starts again by day 30 (so the journey continues), given that
    they have not by day ``d``. From every stop at least 31 days before ``cutoff``."""
    by_client: dict[str, list[TrajectoryRecord]] = {}
    for t in trajectories:
        if t.start_date <= cutoff:
            by_client.setdefault(t.client_id, []).append(t)
    limit = cutoff - timedelta(days=GAP_DAYS + 1)
    gaps: list[int | None] = []  # days to the next start (None: none within 30 days)
    for items in by_client.values():
        items.sort(key=lambda t: t.start_date)
        reach: date | None = None
        running = False
        for i, t in enumerate(items):
            end = t.end_date if t.end_date is not None and t.end_date <= cutoff else None
            running = running or end is None
            if end is not None:
                reach = end if reach is None else max(reach, end)
            nxt = items[i + 1].start_date if i + 1 < len(items) else None
            if running or reach is None or (nxt is not None and nxt <= reach):
                continue  # care goes on
            if reach <= limit:
                gap = (nxt - reach).days if nxt is not None else None
                gaps.append(gap if gap is not None and gap <= GAP_DAYS else None)
    chances = []
    for d in range(GAP_DAYS + 1):
        waiting = [g for g in gaps if g is None or g > d]
        chances.append(sum(1 for g in waiting if g is not None) / len(waiting) if waiting else 0.0)
    return tuple(chances)


def in_care_series(journeys: Sequence[Journey], first: int, last: int) -> list[int]:
    """Clients in care per month ``first..last`` of ``journeys`` (a journey is in care from
    its start month to its close month, both included)."""
    change: Counter[int] = Counter()
    for j in journeys:
        change[month_index(j.start)] += 1
        if j.close_date is not None:
            change[month_index(j.close_date) + 1] -= 1
    running, out = 0, []
    for m in range(min(min(change, default=first), first), last + 1):
        running += change[m]
        if m >= first:
            out.append(running)
    return out
