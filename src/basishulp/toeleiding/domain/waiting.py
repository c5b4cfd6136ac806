"""Waiting lists (domain.md §3.1 step 4): who waits, where, how long.

A *spell* is one request's time on the waiting list: from the day it became
*waiting* to the day care started or the request was withdrawn (open while it still
waits). A client waits on day ``d`` when ``start <= d`` and the spell has not ended
on or before ``d``. Waiting time is counted from the match to the start of care.
"""

from __future__ import annotations

import calendar
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "Spell",
    "growth_since_quarter_end",
    "median_days",
    "month_ends",
    "quarter_end_before",
    "share_bridging",
    "waiting_on",
    "waiting_series",
    "waiting_times",
]


@dataclass(frozen=True)
class Spell:
    request: str
    area: str
    provider: str
    matched_on: date | None
    start: date
    end: date | None  # care started or withdrawn; None while waiting
    started_care: bool = False  # the spell ended because care started
    bridging: bool = False
    care_type: str = ""  # what the client waits for (GGZ treatment, PMT/PMK, ...)

    def waits_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or self.end > day)


def waiting_on(spells: Iterable[Spell], day: date, key: Callable[[Spell], str] | None = None) -> Counter[str]:
    """Clients waiting on ``day``, in total (key ``"total"``) or per ``key``."""
    counts: Counter[str] = Counter()
    for spell in spells:
        if spell.waits_on(day):
            counts[key(spell) if key else "total"] += 1
    return counts


def share_bridging(spells: Iterable[Spell], day: date) -> Decimal | None:
    """Share of the clients waiting on ``day`` who get bridging care (three decimals)."""
    waiting = [s for s in spells if s.waits_on(day)]
    if not waiting:
        return None
    return (Decimal(sum(s.bridging for s in waiting)) / len(waiting)).quantize(Decimal("0.001"), ROUND_HALF_UP)


def waiting_times(spells: Iterable[Spell]) -> list[int]:
    """Days from the match to the start of care, for spells that ended in care."""
    return sorted((s.end - s.matched_on).days for s in spells if s.started_care and s.end and s.matched_on)


def median_days(times: Sequence[int]) -> float | None:
    return statistics.median(times) if times else None


def month_ends(first: date, last: date) -> list[date]:
    """The last day of every month from ``first``'s month to ``last``'s."""
    result = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        result.append(date(year, month, calendar.monthrange(year, month)[1]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def waiting_series(spells: Sequence[Spell], first: date, last: date) -> list[tuple[date, int]]:
    """Clients waiting at the end of each month."""
    return [(day, waiting_on(spells, day)["total"]) for day in month_ends(first, last)]


def quarter_end_before(day: date) -> date:
    """The last quarter end strictly before ``day`` (for 15 Feb 2023: 31 Dec 2022)."""
    quarter_month = ((day.month - 1) // 3) * 3  # 0, 3, 6 or 9
    if quarter_month == 0:
        return date(day.year - 1, 12, 31)
    end = date(day.year, quarter_month, calendar.monthrange(day.year, quarter_month)[1])
    return end if end < day else quarter_end_before(date(day.year, quarter_month, 1))


def growth_since_quarter_end(
    spells: Sequence[Spell], day: date, key: Callable[[Spell], str] | None = None
) -> dict[str, tuple[int, int, int]]:
    """Per key: (waiting at the last quarter end, waiting on ``day``, growth)."""
    before = waiting_on(spells, quarter_end_before(day), key)
    now = waiting_on(spells, day, key)
    return {k: (before[k], now[k], now[k] - before[k]) for k in sorted(set(before) | set(now))}
