"""Costs against the lump sum (issue #7), worked out by hand on a forecast whose paths
are set directly."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from basishulp.forecast.domain.costs import CostInputs, unit_costs, year_outlook
from basishulp.forecast.domain.model import Forecast

from .test_model import _fixed

D = Decimal
INPUTS = CostInputs(
    base_year=2023,
    base_cost=D("1300"),
    index={2022: D("3.089"), 2024: D("5")},
    lump_sums={2023: D("33577000"), 2024: D("34000000")},
    norm_prices={2023: D("1332")},
)


def test_unit_costs_are_indexed_from_the_base_year():
    costs = unit_costs(INPUTS, [2023, 2024, 2025])
    assert costs[2023] == D("1300")  # the base year's index is in the base
    assert costs[2024] == D("1300") * D("1.05")
    assert costs[2025] == D("1300") * D("1.05") * D("1.05")  # no 2025 index: the last one (2024)
    tariff = CostInputs(**{**INPUTS.__dict__, "cost_factor": D("1.1"), "extra_index": {2024: D("2")}})
    assert unit_costs(tariff, [2024])[2024] == D("1300") * D("1.07") * D("1.1")


def _forecast(values: list[list[float]], last: int) -> Forecast:
    model = _fixed(0.0, 0)
    model = type(model)(**{**{f: getattr(model, f) for f in model.__dataclass_fields__}, "last": last})
    return Forecast(model, (), np.array(values, dtype=float))


def test_a_year_half_realised_half_forecast():
    june_2023 = 2023 * 12 + 5
    realised = {2023 * 12 + m: 2000 for m in range(6)}  # 12,000 client-months realised
    # two paths, 18 months each: July 2023 - December 2024
    paths = [[2100.0] * 18, [2300.0] * 18]
    years = year_outlook(_forecast(paths, june_2023), realised, INPUTS, [2023, 2024, 2025])
    assert [y.year for y in years] == [2023, 2024]  # 2025 lies beyond the forecast
    y2023, y2024 = years
    assert y2023.realised_months == 6
    assert y2023.client_months == 12_000 + 6 * 2200  # the median of the two paths
    assert y2023.costs == D((12_000 + 6 * 2200) * 1300)
    assert y2023.costs_80 == (D((12_000 + 6 * 2120) * 1300), D((12_000 + 6 * 2280) * 1300))
    assert y2023.result == D("33577000") - y2023.costs
    assert y2023.result_80 == (D("33577000") - y2023.costs_80[1], D("33577000") - y2023.costs_80[0])
    assert y2023.client_norm == (D("33577000") / (12 * D("1332"))).quantize(D(1))
    assert y2023.lump_sum_assumed is False
    assert y2024.unit_cost == D(round(1300 * 1.05)) and y2024.client_norm == (
        D("34000000") / (12 * D("1365"))
    ).quantize(D(1))


def test_a_missing_lump_sum_is_the_last_one_indexed():
    december_2024 = 2024 * 12 + 11
    years = year_outlook(_forecast([[2000.0] * 12], december_2024), {}, INPUTS, [2025])
    (y2025,) = years
    assert y2025.lump_sum_assumed is True
    assert y2025.lump_sum == (D("34000000") * D("1.05")).quantize(D(1))
    assert y2025.costs == pytest.approx(D(24_000) * D("1300") * D("1.05") * D("1.05"), abs=1)
