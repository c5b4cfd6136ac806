"""Costs against the lump sum, from the forecast of clients in care (pure).

The unit is the **cost per client-month** (domain.md §4.4): total costs of a realised
period / the client-months in it. The forecast values every month of a year, realised
or forecast, at that year's cost per client-month: the base (the latest realisation)
indexed year by year with the index series (a year without a published index takes the
last published one). So a year's expected costs = its client-months × its unit cost;
the band comes from the client paths (the unit cost is taken as certain). Expected
result = lump sum − expected costs. A year without a lump sum figure gets the last
known one indexed the same way (an assumption, shown as such).

The **client norm** of a year = lump sum / (12 × normative cost per client-month) where
a norm price is set, else at the year's forecast unit cost: how many clients in care a
month the lump sum pays for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from .model import Forecast

__all__ = ["CostInputs", "YearOutlook", "unit_costs", "year_outlook"]

_EURO = Decimal(1)


def _euro(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(_EURO, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CostInputs:
    base_year: int  # the year of the realisation the unit cost comes from
    base_cost: Decimal  # cost per client-month in the base year
    index: Mapping[int, Decimal]  # percent per year (3.089 = +3.089%)
    lump_sums: Mapping[int, Decimal]  # known lump sums per year
    norm_prices: Mapping[int, Decimal] = field(default_factory=dict)
    cost_factor: Decimal = Decimal(1)  # scenario: e.g. 1.05 for a CAO/tariff rise
    extra_index: Mapping[int, Decimal] = field(default_factory=dict)  # scenario: points on top


@dataclass(frozen=True)
class YearOutlook:
    year: int
    realised_months: int  # months of the year before the forecast starts
    client_months: float  # median
    client_months_80: tuple[float, float]
    unit_cost: Decimal
    costs: Decimal  # median
    costs_80: tuple[Decimal, Decimal]
    costs_95: tuple[Decimal, Decimal]
    lump_sum: Decimal | None
    lump_sum_assumed: bool  # not a known figure: the last one indexed
    result: Decimal | None  # lump sum - costs (median)
    result_80: tuple[Decimal, Decimal] | None
    client_norm: Decimal | None
    average_clients: float  # median clients in care per month


def _rate(inputs: CostInputs, year: int) -> Decimal:
    known = [y for y in inputs.index if y <= year]
    rate = inputs.index[year] if year in inputs.index else (inputs.index[max(known)] if known else Decimal(0))
    return rate + inputs.extra_index.get(year, Decimal(0))


def unit_costs(inputs: CostInputs, years: Sequence[int]) -> dict[int, Decimal]:
    """Cost per client-month per year: the base indexed from the base year on (the base
    year's own index is already in the base), times the scenario's cost factor."""
    out: dict[int, Decimal] = {}
    for year in years:
        cost = inputs.base_cost
        for y in range(inputs.base_year + 1, year + 1):
            cost *= 1 + _rate(inputs, y) / 100
        out[year] = cost * inputs.cost_factor
    return out


def _lump_sum(inputs: CostInputs, year: int) -> tuple[Decimal | None, bool]:
    if year in inputs.lump_sums:
        return inputs.lump_sums[year], False
    earlier = [y for y in inputs.lump_sums if y < year]
    if not earlier:
        return None, False
    last = max(earlier)
    amount = inputs.lump_sums[last]
    for y in range(last + 1, year + 1):
        amount *= 1 + _rate(inputs, y) / 100
    return amount, True


def year_outlook(
    result: Forecast, history_in_care: Mapping[int, int], inputs: CostInputs, years: Sequence[int]
) -> list[YearOutlook]:
    """The expected client-months, costs, lump sum and result of each of ``years``;
    ``history_in_care`` gives the clients in care of realised months (month index)."""
    costs = unit_costs(inputs, years)
    paths = np.asarray(result.paths)
    first_forecast = result.fit.last + 1
    out = []
    for year in years:
        months = range(year * 12, year * 12 + 12)
        realised = sum(history_in_care.get(m, 0) for m in months if m < first_forecast)
        columns = [m - first_forecast for m in months if first_forecast <= m < first_forecast + paths.shape[1]]
        missing = [m for m in months if m >= first_forecast + paths.shape[1]]
        if missing:
            continue  # the forecast does not reach the end of this year
        per_path = realised + (paths[:, columns].sum(axis=1) if columns else np.zeros(paths.shape[0]))
        unit = costs[year]
        amounts = per_path * float(unit)
        lump, assumed = _lump_sum(inputs, year)
        median_cost = _euro(float(np.median(amounts)))
        q = {p: _euro(float(np.quantile(amounts, p))) for p in (0.025, 0.10, 0.90, 0.975)}
        norm_price = inputs.norm_prices.get(year, unit)
        out.append(
            YearOutlook(
                year=year,
                realised_months=sum(1 for m in months if m < first_forecast),
                client_months=float(np.median(per_path)),
                client_months_80=(float(np.quantile(per_path, 0.10)), float(np.quantile(per_path, 0.90))),
                unit_cost=_euro(unit),
                costs=median_cost,
                costs_80=(q[0.10], q[0.90]),
                costs_95=(q[0.025], q[0.975]),
                lump_sum=_euro(lump) if lump is not None else None,
                lump_sum_assumed=assumed,
                result=_euro(lump - median_cost) if lump is not None else None,
                # a higher cost is a lower result: the bounds swap
                result_80=(_euro(lump - q[0.90]), _euro(lump - q[0.10])) if lump is not None else None,
                client_norm=(lump / (12 * norm_price)).quantize(_EURO) if lump is not None and norm_price else None,
                average_clients=float(np.median(per_path)) / 12,
            )
        )
    return out
