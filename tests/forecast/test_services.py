"""The forecast from the database (issue #7): the unit cost, the assumptions, the errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basishulp.forecast.services import ForecastError, run_forecast

from .scenario_data import demo_database


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_database(django_db_blocker):
        yield


@pytest.mark.django_db
def test_the_unit_cost_is_the_realisation_over_its_client_months(demo):
    run = run_forecast(dt.date(2023, 6, 30), paths=50)
    first = 2023 * 12 - run.history.first
    client_months = sum(run.history.in_care[first : first + 6])
    assert run.cost_inputs.base_year == 2023
    assert run.cost_inputs.base_cost == Decimal(19_037_000) / client_months  # 2023-H1 (seed 001)
    assert any("2023-H1" in note for note in run.assumptions)
    assert run.years[0].lump_sum == Decimal(33_577_000) and not run.years[0].lump_sum_assumed
    assert run.years[-1].year == 2027  # the end of contract 2


@pytest.mark.django_db
def test_a_municipality_without_a_realisation_takes_the_hlv_unit_cost(demo):
    hlv = run_forecast(dt.date(2023, 6, 30), paths=50)
    heerlen = run_forecast(dt.date(2023, 6, 30), "GM0917", paths=50)
    assert heerlen.cost_inputs.base_cost == hlv.cost_inputs.base_cost  # not HLV's costs over Heerlen's months
    assert any("Heerlen" in note and "HLV" in note for note in heerlen.assumptions)
    assert heerlen.history.in_care[-1] < hlv.history.in_care[-1]


@pytest.mark.django_db
def test_no_realisation_before_the_cutoff(demo):
    with pytest.raises(ForecastError, match="realisation"):
        run_forecast(dt.date(2021, 12, 31), paths=20)
