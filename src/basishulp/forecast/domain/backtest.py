"""Backtest: cut the data at earlier dates, forecast, compare with what followed (pure).

For every cut-off: the journeys known on that date (trajectories that started by then,
end dates after it unknown), the model fitted on them, and the forecast of clients in
care for the next ``horizon`` months, against the clients in care by the full data. Two
naive forecasts as baselines, from what was known on the cut-off date: the **last
value** (clients in care in the last month) and the **same month last year**.
Reported: MAPE at 6 and 12 months ahead for the three, and how often the actual value
fell inside the 80% and 95% bands (coverage).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from basishulp.kpi.domain.journeys import Journey, build_journeys, latest_date
from basishulp.trajecten.domain.records import TrajectoryRecord

from .history import history_from_journeys, in_care_series, month_end, month_index, return_chances
from .model import PATHS, fit, forecast

__all__ = ["BacktestPoint", "BacktestResult", "backtest", "month_end_cutoffs"]


@dataclass(frozen=True, slots=True)
class BacktestPoint:
    cutoff: date
    ahead: int  # months after the cut-off's last full month
    actual: int
    model: float
    low_80: float
    high_80: float
    low_95: float
    high_95: float
    last_value: int
    last_year: int


@dataclass(frozen=True, slots=True)
class BacktestResult:
    points: tuple[BacktestPoint, ...]
    horizon: int

    def _at(self, ahead: int) -> list[BacktestPoint]:
        return [p for p in self.points if p.ahead == ahead]

    def mape(self, ahead: int, method: str) -> float | None:
        """Mean absolute percentage error at ``ahead`` months of ``model``,
        ``last_value`` or ``last_year``, in percent."""
        rows = [p for p in self._at(ahead) if p.actual]
        if not rows:
            return None
        errors: list[float] = [abs(float(getattr(p, method)) - p.actual) / p.actual for p in rows]
        return 100 * sum(errors) / len(errors)

    def coverage(self, band: int, ahead: int | None = None) -> float | None:
        """Share (percent) of actual values inside the ``band`` (80 or 95) band, at
        ``ahead`` months or over every horizon."""
        rows = self._at(ahead) if ahead is not None else list(self.points)
        if not rows:
            return None
        inside = sum(1 for p in rows if getattr(p, f"low_{band}") <= p.actual <= getattr(p, f"high_{band}"))
        return 100 * inside / len(rows)

    @property
    def cutoffs(self) -> list[date]:
        return sorted({p.cutoff for p in self.points})


def month_end_cutoffs(first: date, last: date, step: int = 1) -> list[date]:
    """Month ends from ``first``'s month to ``last``'s, every ``step`` months."""
    return [month_end(m) for m in range(month_index(first), month_index(last) + 1, step)]


def backtest(
    records: Sequence[TrajectoryRecord],
    cutoffs: Sequence[date],
    horizon: int = 12,
    scope: str | None = None,
    paths: int = PATHS,
) -> BacktestResult:
    """Backtest on ``records`` (optionally only journeys of municipality ``scope``) at each
    cut-off whose horizon lies inside the data."""
    end = latest_date(records)
    if end is None:
        raise ValueError("no trajectories")
    full = _scoped(build_journeys(records, end), scope)
    points: list[BacktestPoint] = []
    for cutoff in cutoffs:
        known = _scoped(build_journeys([r for r in records if r.start_date <= cutoff], cutoff), scope)
        history = history_from_journeys(known, cutoff, returns=return_chances(records, cutoff))
        if history.last + horizon > month_index(end) or history.months < 24:
            continue
        result = forecast(fit(history), horizon, paths=paths)
        actual = in_care_series(full, history.last + 1, history.last + horizon)
        for step, (month, truth) in enumerate(zip(result.months, actual, strict=True), start=1):
            points.append(
                BacktestPoint(
                    cutoff=cutoff,
                    ahead=step,
                    actual=truth,
                    model=month.in_care,
                    low_80=month.in_care_80[0],
                    high_80=month.in_care_80[1],
                    low_95=month.in_care_95[0],
                    high_95=month.in_care_95[1],
                    last_value=history.in_care[-1],
                    last_year=history.in_care[-12 + step - 1] if step < 12 else history.in_care[-1],
                )
            )
    return BacktestResult(tuple(points), horizon)


def _scoped(journeys: list[Journey], scope: str | None) -> list[Journey]:
    return journeys if scope is None else [j for j in journeys if j.municipality == scope]
