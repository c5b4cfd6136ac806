"""Reporting periods ("rapportageperiodes").

Rules:
- A period is *inclusive* on both ends: ``Period(start, end)`` covers every day
  ``start <= d <= end``. The type name says so; there is no half-open variant.
- Text forms accepted by :func:`parse_period`: ``2023`` (year), ``2023-H1`` /
  ``2023-H2`` (half-year), ``2023-Q1`` … ``2023-Q4`` (quarter), ``2023-05`` (month).
- :meth:`Period.months` yields the calendar months that overlap the period, each
  clipped to the period, so a custom ``--from/--to`` range averages over partial
  months at its edges.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Period", "PeriodError", "parse_date", "parse_period", "period_from_dates"]


class PeriodError(ValueError):
    """A period or date given by a user could not be understood."""


@dataclass(frozen=True, slots=True)
class Period:
    """An inclusive date range ``[start, end]``."""

    start: date
    end: date
    label: str = ""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(f"period end {self.end} is before its start {self.start}")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def months(self) -> Iterator[Period]:
        """Calendar months overlapping the period, clipped to it, in order."""
        year, month = self.start.year, self.start.month
        while True:
            first = date(year, month, 1)
            if first > self.end:
                return
            last = date(year, month, calendar.monthrange(year, month)[1])
            yield Period(max(first, self.start), min(last, self.end), f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)

    def shifted_years(self, years: int) -> Period:
        """The same calendar span ``years`` earlier or later (29 Feb becomes 28 Feb)."""

        def shift(d: date) -> date:
            try:
                return d.replace(year=d.year + years)
            except ValueError:
                return d.replace(year=d.year + years, day=28)

        label = self.label
        if label[:4].isdigit():
            label = f"{int(label[:4]) + years:04d}{label[4:]}"
        return Period(shift(self.start), shift(self.end), label)


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{4})-H([12])$", re.IGNORECASE), "half"),
    (re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE), "quarter"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "month"),
]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: str) -> Period:
    """Parse ``2023``, ``2023-H1``, ``2023-Q2`` or ``2023-05`` into a :class:`Period`."""
    value = text.strip()
    for pattern, kind in _PATTERNS:
        match = pattern.match(value)
        if not match:
            continue
        year = int(match.group(1))
        if kind == "year":
            return Period(date(year, 1, 1), date(year, 12, 31), f"{year}")
        part = int(match.group(2))
        if kind == "half":
            first_month = 1 + 6 * (part - 1)
            return Period(date(year, first_month, 1), _month_end(year, first_month + 5), f"{year}-H{part}")
        if kind == "quarter":
            first_month = 1 + 3 * (part - 1)
            return Period(date(year, first_month, 1), _month_end(year, first_month + 2), f"{year}-Q{part}")
        if not 1 <= part <= 12:
            raise PeriodError(f"invalid period {text!r}: month must be 01-12")
        return Period(date(year, part, 1), _month_end(year, part), f"{year}-{part:02d}")
    raise PeriodError(f"invalid period {text!r}: use 2023, 2023-H1, 2023-Q2 or 2023-05")


def parse_date(text: str, what: str = "date") -> date:
    """Parse an ISO ``YYYY-MM-DD`` date, with an error that names ``what``."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
            raise ValueError
        return date.fromisoformat(text.strip())
    except ValueError:
        raise PeriodError(f"invalid {what} {text!r}: use YYYY-MM-DD") from None


def period_from_dates(start: str, end: str) -> Period:
    first = parse_date(start, "--from date")
    last = parse_date(end, "--to date")
    if last < first:
        raise PeriodError(f"--to {last} is before --from {first}")
    return Period(first, last, f"{first.isoformat()}..{last.isoformat()}")


def day_before(d: date) -> date:
    return d - timedelta(days=1)
