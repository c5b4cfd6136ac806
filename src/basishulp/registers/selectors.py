"""Reads of the governance registers for a reporting period (pages and reports).

Rules:

- Periods are compared by their dates (:class:`~basishulp.kpi.domain.periods.Period`,
  inclusive), not by their labels.
- The situation of a risk and the status of an assignment *for* a period: the row
  recorded for exactly that period; otherwise the row of the latest period that ends
  on or before the period's end (the latest end wins, then the shorter period), marked
  as not exact so the reader sees from which period it is. Rows of later periods are
  never shown.
- FTE are read at half-year ends (30 June, 31 December); FTE of other month ends are
  kept but not part of the half-year series.

The registers hold no client data and are not scoped per municipality: the access
table decides who opens the pages (controllers, area managers, administrators).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol, TypeVar

from django.db.models import Prefetch
from django.utils import timezone

from basishulp.finance.models import Claim
from basishulp.kpi.domain.periods import Period, PeriodError, parse_period

from .models import Assignment, AssignmentStatus, PeriodText, Risk, RiskSituation, WorkforceFte

__all__ = [
    "AssignmentRow",
    "RiskRow",
    "assignment_rows",
    "best_for_period",
    "default_period",
    "fte_series",
    "half_year_ends",
    "known_periods",
    "risk_rows",
]


class HasPeriod(Protocol):
    period: str


R = TypeVar("R", bound=HasPeriod)


def _parsed(label: str) -> Period | None:
    try:
        return parse_period(label)
    except PeriodError:
        return None


def best_for_period(rows: Iterable[R], period: Period) -> tuple[R | None, bool]:
    """The row for ``period`` and whether it is exactly that period (see the module rules)."""
    best: tuple[dt.date, dt.date, R] | None = None
    for row in rows:
        if row.period == period.label:
            return row, True
        p = _parsed(row.period)
        if p is None or p.end > period.end:
            continue
        if best is None or (p.end, p.start) > (best[0], best[1]):
            best = (p.end, p.start, row)
    return (best[2], False) if best else (None, False)


@dataclass(frozen=True)
class RiskRow:
    risk: Risk
    situation: RiskSituation | None
    exact: bool  # the situation is of the period itself (not of an earlier one)
    claims: list[Claim] = field(default_factory=list)


def risk_rows(period: Period) -> list[RiskRow]:
    """Every risk with its situation for ``period`` and its linked claims."""
    risks = Risk.objects.prefetch_related(
        Prefetch("situations", queryset=RiskSituation.objects.order_by("period")),
        Prefetch("claims", queryset=Claim.objects.order_by("year", "title")),
    )
    rows = []
    for risk in risks:
        situation, exact = best_for_period(risk.situations.all(), period)
        rows.append(RiskRow(risk, situation, exact, list(risk.claims.all())))
    return rows


@dataclass(frozen=True)
class AssignmentRow:
    assignment: Assignment
    status: AssignmentStatus | None
    exact: bool


def assignment_rows(period: Period) -> list[AssignmentRow]:
    """Every assignment (by programme line, then code) with its status for ``period``."""
    assignments = Assignment.objects.select_related("line").prefetch_related(
        Prefetch("statuses", queryset=AssignmentStatus.objects.order_by("period"))
    )
    rows = []
    for assignment in assignments:
        status, exact = best_for_period(assignment.statuses.all(), period)
        rows.append(AssignmentRow(assignment, status, exact))
    return rows


def half_year_ends(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """30 June and 31 December from ``first`` to ``last`` (both inclusive)."""
    year = first.year
    while True:
        for end in (dt.date(year, 6, 30), dt.date(year, 12, 31)):
            if end > last:
                return
            if end >= first:
                yield end
        year += 1


def _last_half_year_end(day: dt.date) -> dt.date:
    if day >= dt.date(day.year, 12, 31):
        return dt.date(day.year, 12, 31)
    if day >= dt.date(day.year, 6, 30):
        return dt.date(day.year, 6, 30)
    return dt.date(day.year - 1, 12, 31)


def fte_series(until: dt.date, codes: Iterable[str]) -> tuple[list[dt.date], dict[str, dict[dt.date, Decimal]]]:
    """The half-year ends from the first one with FTE up to the last one on or before
    ``until``, and per municipality code its FTE at those dates (absent: not recorded)."""
    codes = list(codes)
    last = _last_half_year_end(until)
    rows = WorkforceFte.objects.filter(municipality__code__in=codes, date__lte=last).select_related("municipality")
    values: dict[str, dict[dt.date, Decimal]] = {code: {} for code in codes}
    for row in rows:
        if (row.date.month, row.date.day) in ((6, 30), (12, 31)):
            values[row.municipality.code][row.date] = Decimal(row.fte)
    dates = [d for v in values.values() for d in v]
    if not dates:
        return [], values
    return list(half_year_ends(min(dates), last)), values


def known_periods() -> list[str]:
    """The labels of the periods that have a situation, status, target or text: latest end
    first, and of periods ending on the same day the longest first (2023 before 2023-H2)."""
    from .models import ProjectTarget

    labels: set[str] = set()
    for model in (RiskSituation, AssignmentStatus, PeriodText, ProjectTarget):
        labels.update(model.objects.values_list("period", flat=True).distinct())
    parsed = [p for p in map(_parsed, labels) if p is not None]
    parsed.sort(key=lambda p: (p.end, p.days), reverse=True)  # the longest of the latest first
    return [p.label for p in parsed]


def default_period(today: dt.date | None = None) -> Period:
    """The latest period with register data; without data, the last half-year that ended."""
    known = known_periods()
    if known:
        return parse_period(known[0])
    today = today or timezone.localdate()
    label = f"{today.year}-H1" if today.month > 6 else f"{today.year - 1}-H2"
    return parse_period(label)
