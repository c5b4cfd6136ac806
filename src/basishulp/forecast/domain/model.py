"""The forecast of clients in care: inflow with season and trend, outflow from the
observed durations, uncertainty by simulation (pure; numpy for the simulation only).

A model a controller can explain (docs/forecast.md):

- **Inflow** (journeys opened per month) = the mean of the last :data:`LEVEL_MONTHS`
  months × a seasonal factor of the calendar month × a trend. A seasonal factor is the
  ratio of that calendar month to the mean of the year around it, averaged over the
  years fitted (at most 5) and scaled to mean 1. The trend is the growth from the 12
  months before to the last 12, per month, halved (damped) and capped at ±0.25% a month.
- **Outflow** follows from how long journeys last: the chance that a journey in care for
  *a* months closes in that month (the hazard), from the journeys in the fit window,
  open ones counted as far as they have run (Kaplan-Meier, with delayed entry for
  journeys older than the data). Ages with fewer than :data:`MIN_AT_RISK` journeys at
  risk share the pooled hazard of all older ages. Closures are more frequent in some
  calendar months: a factor per calendar month (closures seen / expected). A journey
  whose trajectories have all ended at the cut-off ("pending") closes then unless the
  client returns within 30 days, with the chance seen in the data for the days already
  passed. The clients in care follow from the flows.
- **Uncertainty**: :data:`PATHS` simulated futures. Each draws its hazards (Beta around
  the estimate), a closure level (the spread between years), a wandering inflow level
  (the spread of yearly growth in the history, at least :data:`GROWTH_SD_FLOOR`), monthly
  inflow with the overdispersion seen around the season (gamma-Poisson), and closures
  binomially. The inflow level wanders as a random walk (its spread after a year is the
  yearly spread, after four years twice that). The point forecast is the median of the paths; the bands are the 10-90%
  (80%) and 2.5-97.5% (95%) ranges.

The settings (a 24-month level, the small trend cap, the growth floor) were chosen on
the backtest of the demo data (docs/forecast.md says how, and that this flatters the
backtest). Scenarios change the inputs (:class:`Adjustments`): extra inflow in given
months, an inflow factor, longer journeys (hazards divided by the duration factor).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import numpy as np

from .history import History

__all__ = ["MAX_AGE", "MIN_AT_RISK", "PATHS", "Adjustments", "Fit", "Forecast", "MonthForecast", "fit", "forecast"]

PATHS = 1000
MAX_AGE = 240  # months; older journeys keep the tail hazard
MIN_AT_RISK = 30
FIT_MONTHS = 60
LEVEL_MONTHS = 24
SEED = 20231
_TREND_CAP = 0.0025
GROWTH_SD_FLOOR = 0.15
HAZARD_SD_FLOOR = 0.05


@dataclass(frozen=True, slots=True)
class Fit:
    """What the model learned from a history."""

    last: int  # the last month of the history (month index)
    level: float  # mean monthly inflow over the last 12 months
    trend: float  # growth per month (0.01 = +1%)
    season: tuple[float, ...]  # 12 factors, January first, mean 1
    dispersion: float  # variance / mean of monthly inflow around the season (>= 1)
    growth_sd: float  # spread of the yearly log growth of inflow
    hazards: tuple[float, ...]  # chance of closing at age 1..MAX_AGE
    at_risk: tuple[float, ...]
    events: tuple[float, ...]
    open_ages: Mapping[int, int]
    closing_season: tuple[float, ...] = (1.0,) * 12  # calendar-month factor on the hazards
    pending: Mapping[tuple[int, int], int] = field(default_factory=dict)
    return_chances: tuple[float, ...] = ()  # by days since the last end (0..30)
    hazard_sd: float = 0.05  # spread (log) of the closure rate between years

    def expected_inflow(self, month: int) -> float:
        """Expected journeys opening in ``month`` (a month index after ``last``)."""
        ahead = month - self.last
        # the level is the mean of the last LEVEL_MONTHS months, centred half-way
        growth: float = (1 + self.trend) ** (ahead + (LEVEL_MONTHS - 1) / 2)
        return self.level * growth * self.season[month % 12]

    @property
    def mean_duration(self) -> float:
        """Mean months in care implied by the hazards (a journey in care 1 month = 1)."""
        survive, total = 1.0, 0.0
        for h in self.hazards:
            total += survive
            survive *= 1 - h
        tail = self.hazards[-1]
        return total + (survive / tail if tail > 0 else 0.0)


@dataclass(frozen=True, slots=True)
class Adjustments:
    """Scenario changes to a fitted model; neutral by default."""

    extra_inflow: Mapping[int, float] = field(default_factory=dict)  # month index -> journeys
    inflow_factor: float = 1.0
    duration_factor: float = 1.0  # 1.1: journeys last about 10% longer


@dataclass(frozen=True, slots=True)
class MonthForecast:
    month: int  # month index
    in_care: float  # median of the paths
    in_care_80: tuple[float, float]
    in_care_95: tuple[float, float]
    inflow: float  # mean of the paths
    outflow: float  # mean of the paths


@dataclass(frozen=True)
class Forecast:
    fit: Fit
    months: tuple[MonthForecast, ...]
    paths: Any  # numpy array (paths, months): clients in care per path, for the costs

    def at(self, month: int) -> MonthForecast:
        return self.months[month - self.fit.last - 1]


def _season_level_trend(history: History) -> tuple[float, float, tuple[float, ...], float, float]:
    inflow = [float(x) for x in history.inflow]
    n = len(inflow)
    if n < 12:
        raise ValueError("a forecast needs at least 12 months of history")
    level = sum(inflow[-LEVEL_MONTHS:]) / len(inflow[-LEVEL_MONTHS:])
    first = max(0, n - FIT_MONTHS)

    def centred_mean(i: int) -> float:
        lo = min(max(first, i - 6), max(first, n - 12))
        hi = min(n, lo + 12)
        return sum(inflow[lo:hi]) / (hi - lo)

    ratios: list[list[float]] = [[] for _ in range(12)]
    for i in range(first, n):
        mean = centred_mean(i)
        if mean > 0:
            ratios[history.month_of(i) % 12].append(inflow[i] / mean)
    raw = [sum(r) / len(r) if r else 1.0 for r in ratios]
    norm = sum(raw) / 12 or 1.0
    season = tuple(r / norm for r in raw)
    trend = 0.0
    if n >= 24 and sum(inflow[-24:-12]) > 0 and sum(inflow[-12:]) > 0:
        yearly = sum(inflow[-12:]) / sum(inflow[-24:-12])
        trend = max(-_TREND_CAP, min(_TREND_CAP, (yearly ** (1 / 12) - 1) / 2))
    years = [sum(inflow[i : i + 12]) for i in range(n % 12, n - 11, 12)]
    growth = [math.log(b / a) for a, b in pairwise(years) if a > 0 and b > 0]
    growth_sd = max(GROWTH_SD_FLOOR, float(np.std(growth, ddof=1)) if len(growth) >= 2 else 0.08)
    resid = []
    for i in range(max(first, n - 24), n):
        expected = centred_mean(i) * season[history.month_of(i) % 12]
        if expected > 0:
            resid.append((inflow[i] - expected) ** 2 / expected)
    dispersion = max(1.0, sum(resid) / len(resid)) if resid else 1.0
    return level, trend, season, dispersion, growth_sd


def _hazards(
    durations: Sequence[tuple[int, bool, int, float]],
) -> tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...]]:
    """Kaplan-Meier hazards by age with delayed entry and weights:
    (months in care, closed, entry age, weight)."""
    ends = [0.0] * (MAX_AGE + 2)
    enter = [0.0] * (MAX_AGE + 2)  # weight that joins the risk set at this age
    leave = [0.0] * (MAX_AGE + 2)  # weight whose last month at risk is this age
    for months, closed, entry, weight in durations:
        if entry > MAX_AGE or entry > months:
            continue
        enter[entry] += weight
        leave[min(months, MAX_AGE + 1)] += weight
        if closed and months <= MAX_AGE:
            ends[months] += weight
    at_risk, events = [], []
    remaining = 0.0
    for age in range(1, MAX_AGE + 1):
        remaining += enter[age]
        at_risk.append(remaining)
        events.append(ends[age])
        remaining -= leave[age]
    hazards = [d / n if n > 0 else 0.0 for d, n in zip(events, at_risk, strict=True)]
    for i, n in enumerate(at_risk):  # thin ages share the pooled hazard of all older ones
        if n < MIN_AT_RISK:
            pooled_n, pooled_d = sum(at_risk[i:]), sum(events[i:])
            if pooled_d > 0:
                tail = pooled_d / pooled_n
            else:
                low = max(0, i - 12)
                tail = sum(events[low:i]) / max(1.0, sum(at_risk[low:i])) or 0.02
            hazards[i:] = [tail] * (MAX_AGE - i)
            break
    return tuple(hazards), tuple(at_risk), tuple(events)


def fit(history: History, fit_months: int = FIT_MONTHS) -> Fit:
    """Fit the model on ``history``; durations from the journeys that started in the last
    ``fit_months`` months (open ones included as far as they have run)."""
    level, trend, season, dispersion, growth_sd = _season_level_trend(history)
    since = history.last - fit_months + 1
    # journeys that started in the window, and older ones from the age they had when it began
    durations = [
        (months, closed, max(entry, since - start + 1), weight)
        for start, months, closed, entry, weight in history.durations
        if start + months - 1 >= since
    ]
    hazards, at_risk, events = _hazards(durations)
    closing_season, hazard_sd = _closing_season(history.durations, hazards, since)
    return Fit(
        history.last,
        level,
        trend,
        season,
        dispersion,
        growth_sd,
        hazards,
        at_risk,
        events,
        dict(history.open_ages),
        closing_season,
        dict(history.pending),
        history.return_chances,
        hazard_sd,
    )


def _closing_season(
    durations: Sequence[tuple[int, int, bool, int, float]], hazards: Sequence[float], since: int
) -> tuple[tuple[float, ...], float]:
    """Per calendar month: closures seen / closures the age hazards expect, over the fit
    window, scaled so the expected closures over a year stay the same; and the spread of
    the same ratio between the years of the window (log scale), for the uncertainty."""
    observed = [0.0] * 12
    expected = [0.0] * 12
    by_year_o: dict[int, float] = {}
    by_year_e: dict[int, float] = {}
    for start, months, closed, entry, weight in durations:
        first_age = max(entry, since - start + 1)
        for age in range(first_age, min(months, MAX_AGE) + 1):
            month = start + age - 1
            expected[month % 12] += hazards[age - 1] * weight
            by_year_e[month // 12] = by_year_e.get(month // 12, 0.0) + hazards[age - 1] * weight
        if closed and start + months - 1 >= since and months <= MAX_AGE:
            month = start + months - 1
            observed[month % 12] += weight
            by_year_o[month // 12] = by_year_o.get(month // 12, 0.0) + weight
    raw = [o / e if e > 0 else 1.0 for o, e in zip(observed, expected, strict=True)]
    total = sum(expected)
    norm = sum(r * e for r, e in zip(raw, expected, strict=True)) / total if total else 1.0
    logs = [math.log(by_year_o[y] / e) for y, e in by_year_e.items() if e > 50 and by_year_o.get(y, 0) > 0]
    spread = float(np.std(logs, ddof=1)) if len(logs) >= 2 else 0.05
    return tuple(r / norm if norm else 1.0 for r in raw), max(HAZARD_SD_FLOOR, spread)


def forecast(
    model: Fit, months: int, adjustments: Adjustments | None = None, paths: int = PATHS, seed: int = SEED
) -> Forecast:
    """Simulate ``months`` months after the history's last month."""
    adj = adjustments or Adjustments()
    rng = np.random.default_rng(seed)
    ages = MAX_AGE
    # hazards per path: Beta around the estimate where there is data, else the estimate
    base = np.array(model.hazards)
    n = np.array(model.at_risk, dtype=float)
    d = np.array(model.events, dtype=float)
    observed = n >= MIN_AT_RISK
    draws = rng.beta(d + 0.5, np.maximum(n - d, 0) + 0.5, size=(paths, ages))
    hazards = np.where(observed, draws, base)
    # a closure level per path: years differ in how fast journeys close
    hazards = hazards * np.exp(rng.normal(0.0, model.hazard_sd, size=(paths, 1)))
    hazards = np.clip(hazards / adj.duration_factor, 0.0, 1.0)
    # the open journeys by age (ages beyond MAX_AGE sit in the last cell)
    stock = np.zeros((paths, ages + 1), dtype=np.int64)  # index = age; 0 unused
    for age, count in model.open_ages.items():
        stock[:, min(age, ages)] += count
    # pending journeys: in the first step they close unless the client returns (instead
    # of the hazard of their age); the ones that continue just age
    gone = np.zeros((paths, ages + 1), dtype=np.int64)
    for (age, days), count in model.pending.items():
        stays = model.return_chances[days] if model.return_chances else 1.0
        gone[:, min(age, ages)] += rng.binomial(count, 1.0 - stays, size=paths)
    # the inflow level wanders: a random walk whose spread after a year is growth_sd
    wander = np.cumsum(rng.normal(0.0, model.growth_sd / math.sqrt(12), size=(paths, months)), axis=1)
    in_care = np.zeros((paths, months))
    inflow = np.zeros((paths, months))
    outflow = np.zeros((paths, months))
    for step in range(months):
        month = model.last + 1 + step
        # ageing: the stock of the previous month moves one month on, minus the closures
        # (the previous month's calendar factor applies to its closures)
        factor = model.closing_season[(month - 1) % 12]
        # the closures in the history's last month are the pending journeys that do not
        # continue: the others have a trajectory running past the cut-off
        closes = gone[:, 1:] if step == 0 else rng.binomial(stock[:, 1:], np.clip(hazards[:, :ages] * factor, 0.0, 1.0))
        survivors = stock[:, 1:] - closes
        outflow_prev = closes.sum(axis=1)
        new_stock = np.zeros_like(stock)
        new_stock[:, 2:] = survivors[:, :-1]
        new_stock[:, ages] += survivors[:, -1]
        expected = model.expected_inflow(month) * adj.inflow_factor * np.exp(wander[:, step])
        expected = expected + adj.extra_inflow.get(month, 0.0)
        shape = expected / max(model.dispersion - 1, 1e-9)
        rate = rng.gamma(shape, max(model.dispersion - 1, 1e-9) * np.ones(paths)) if model.dispersion > 1 else expected
        new = rng.poisson(np.maximum(rate, 0))
        new_stock[:, 1] = new
        stock = new_stock
        in_care[:, step] = stock.sum(axis=1)
        inflow[:, step] = new
        if step:  # (the closures found in the first step belong to the history's last month)
            outflow[:, step - 1] = outflow_prev
    # closures of the last simulated month
    factor = model.closing_season[(model.last + months) % 12]
    last_closes = rng.binomial(stock[:, 1:], np.clip(hazards[:, :ages] * factor, 0.0, 1.0)).sum(axis=1)
    outflow[:, months - 1] = last_closes
    rows = []
    for step in range(months):
        col = in_care[:, step]
        rows.append(
            MonthForecast(
                month=model.last + 1 + step,
                in_care=float(np.median(col)),
                in_care_80=(float(np.quantile(col, 0.10)), float(np.quantile(col, 0.90))),
                in_care_95=(float(np.quantile(col, 0.025)), float(np.quantile(col, 0.975))),
                inflow=float(inflow[:, step].mean()),
                outflow=float(outflow[:, step].mean()),
            )
        )
    return Forecast(model, tuple(rows), in_care)
