"""The forecast model (issue #7): the pieces worked out by hand, and the simulation
against what it must do on average."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from basishulp.forecast.domain.history import History
from basishulp.forecast.domain.model import MAX_AGE, MIN_AT_RISK, Adjustments, Fit, _hazards, fit, forecast

JAN_2020 = 2020 * 12


def _history(inflow, in_care=None, durations=(), open_ages=None, pending=None, returns=()):
    n = len(inflow)
    return History(
        first=JAN_2020,
        last=JAN_2020 + n - 1,
        inflow=tuple(inflow),
        in_care=tuple(in_care or [100] * n),
        open_ages=open_ages or {},
        pending=pending or {},
        durations=tuple(durations),
        return_chances=tuple(returns),
    )


def test_kaplan_meier_with_late_entry_and_weights():
    durations = [
        (1, True, 1, 10.0),  # ten journeys close in their first month
        (2, True, 1, 10.0),
        (3, False, 1, 10.0),  # open after 3 months
        (3, True, 2, 10.0),  # seen from age 2 on, close at 3
        (2, True, 1, 5.0),  # pending journeys: half closed at 2 ...
        (2, False, 1, 5.0),  # ... half open
    ]
    hazards, at_risk, events = _hazards(durations)
    # age 1: forty (the late ones are not there yet); age 2: ten closed, ten joined
    assert at_risk[:3] == (40.0, 40.0, 20.0)
    assert events[:3] == (10.0, 15.0, 10.0)
    assert hazards[0] == pytest.approx(10 / 40) and hazards[1] == pytest.approx(15 / 40)
    # age 3 has fewer than MIN_AT_RISK at risk: from there on the pooled hazard of older ages
    assert MIN_AT_RISK > 20 and hazards[2] == pytest.approx(10 / 20) and hazards[-1] == hazards[2]
    assert len(hazards) == MAX_AGE


def test_season_level_and_trend_from_a_clean_history():
    pattern = [0.8, 0.9, 1.0, 1.1, 1.2, 1.0, 0.7, 0.8, 1.2, 1.2, 1.1, 1.0]
    mean = sum(pattern) / 12
    inflow = [round(120 * pattern[m % 12] / mean) for m in range(48)]
    model = fit(_history(inflow))
    assert model.trend == 0.0  # the last 12 months equal the 12 before
    assert model.level == pytest.approx(sum(inflow[-24:]) / 24)
    for fitted, true in zip(model.season, pattern, strict=True):
        assert fitted == pytest.approx(true / mean, abs=0.01)
    assert model.dispersion == pytest.approx(1.0)  # no noise around the season
    assert model.expected_inflow(model.last + 1) == pytest.approx(model.level * model.season[(model.last + 1) % 12])


def test_the_trend_is_damped_and_capped():
    rising = [100] * 12 + [130] * 12 + [160] * 12
    assert fit(_history(rising)).trend == pytest.approx(0.0025)  # +23% a year would be 1.7% a month


def _fixed(hazard: float, stock: int, level: float = 0.0, **changes) -> Fit:
    base = Fit(
        last=JAN_2020,
        level=level,
        trend=0.0,
        season=(1.0,) * 12,
        dispersion=1.0,
        growth_sd=1e-9,
        hazards=(hazard,) * MAX_AGE,
        at_risk=(0.0,) * MAX_AGE,  # no data: the hazards are taken as they are
        events=(0.0,) * MAX_AGE,
        open_ages={5: stock},
        hazard_sd=1e-9,
    )
    return dataclasses.replace(base, **changes)


def test_the_stock_closes_at_its_hazard():
    result = forecast(_fixed(0.1, 10_000), 6, paths=200)
    # month 1: no closures yet (a journey running at the cut-off cannot close in its month)
    assert result.months[0].in_care == 10_000
    for step, month in enumerate(result.months):
        assert month.in_care == pytest.approx(10_000 * 0.9**step, rel=0.01)
        assert month.in_care_95[0] <= month.in_care_80[0] <= month.in_care <= month.in_care_80[1] <= month.in_care_95[1]


def test_pending_journeys_close_unless_the_client_returns():
    model = _fixed(0.0, 1_000, pending={(5, 0): 1_000}, return_chances=(0.2,) * 31)
    result = forecast(model, 2, paths=200)
    assert result.months[0].in_care == pytest.approx(200, abs=30)


def test_new_journeys_come_in_at_the_level():
    result = forecast(_fixed(1.0, 0, level=50.0), 12, paths=400)
    # every journey lasts one month: the clients in care are the month's inflow
    for month in result.months:
        assert month.in_care == pytest.approx(50, abs=3)
        assert month.inflow == pytest.approx(50, abs=1.5)


def test_scenario_adjustments_move_the_forecast_the_right_way():
    model = _fixed(0.05, 2_000, level=100.0)
    base = forecast(model, 12, paths=300)
    shock = forecast(model, 12, Adjustments(extra_inflow={model.last + m: 55 for m in range(1, 5)}), paths=300)
    longer = forecast(model, 12, Adjustments(duration_factor=1.2), paths=300)
    more = forecast(model, 12, Adjustments(inflow_factor=1.1), paths=300)
    gain = shock.months[-1].in_care - base.months[-1].in_care
    assert 0 < gain <= 4 * 55  # what entered and has not left yet
    assert gain == pytest.approx(sum(55 * 0.95 ** (12 - m) for m in range(1, 5)), rel=0.15)
    assert longer.months[-1].in_care > base.months[-1].in_care
    assert more.months[-1].in_care > base.months[-1].in_care


def test_the_same_seed_gives_the_same_forecast():
    model = _fixed(0.05, 2_000, level=100.0, growth_sd=0.1, hazard_sd=0.1)
    a, b = forecast(model, 6, seed=1), forecast(model, 6, seed=1)
    assert a.months == b.months and np.array_equal(a.paths, b.paths)
    assert forecast(model, 6, seed=2).months != a.months


def test_a_short_history_is_refused():
    with pytest.raises(ValueError, match="12 months"):
        fit(_history([10] * 11))


def test_mean_duration():
    assert _fixed(0.5, 0).mean_duration == pytest.approx(2.0)
    assert _fixed(1.0, 0).mean_duration == pytest.approx(1.0)
    assert math.isfinite(fit(_history([10] * 24, durations=[(JAN_2020, 3, True, 1, 1.0)] * 40)).mean_duration)
