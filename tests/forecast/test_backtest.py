"""The backtest (issue #7): the naive baselines and the error measures."""

from __future__ import annotations

import datetime as dt

import pytest

from basishulp.demo.cli import DEFAULT_SEED
from basishulp.demo.generator import generate
from basishulp.forecast.domain.backtest import BacktestPoint, BacktestResult, backtest, month_end_cutoffs
from basishulp.forecast.domain.history import history_from_journeys
from basishulp.kpi.domain.journeys import build_journeys


def _point(ahead, actual, model, last_value=100, last_year=100, band=(0, 1000)):
    return BacktestPoint(dt.date(2022, 12, 31), ahead, actual, model, *band, *band, last_value, last_year)


def test_mape_and_coverage_by_hand():
    result = BacktestResult(
        (
            _point(6, 100, 110, last_value=80, band=(105, 120)),  # outside the band
            _point(6, 200, 190, last_value=200, band=(150, 250)),
            _point(12, 100, 100),
        ),
        12,
    )
    assert result.mape(6, "model") == pytest.approx((10 + 5) / 2)
    assert result.mape(6, "last_value") == pytest.approx((20 + 0) / 2)
    assert result.coverage(80, 6) == 50.0 and result.coverage(95) == pytest.approx(200 / 3)
    assert result.mape(3, "model") is None


def test_month_end_cutoffs():
    assert month_end_cutoffs(dt.date(2022, 11, 5), dt.date(2023, 2, 1)) == [
        dt.date(2022, 11, 30),
        dt.date(2022, 12, 31),
        dt.date(2023, 1, 31),
        dt.date(2023, 2, 28),
    ]


def test_the_backtest_on_the_demo_data():
    records = generate(DEFAULT_SEED)
    cutoffs = [dt.date(2021, 12, 31), dt.date(2022, 6, 30), dt.date(2023, 6, 30)]  # the last has no 12 months after it
    result = backtest(records, cutoffs, horizon=12, paths=100)
    assert result.cutoffs == cutoffs[:2]
    assert len(result.points) == 24
    cut = cutoffs[1]
    history = history_from_journeys(build_journeys([r for r in records if r.start_date <= cut], cut), cut)
    points = [p for p in result.points if p.cutoff == cut]
    assert {p.last_value for p in points} == {history.in_care[-1]}  # known on the cut-off
    assert [p.last_year for p in points] == list(history.in_care[-12:])  # the same month a year before
    assert all(p.low_95 <= p.low_80 <= p.model <= p.high_80 <= p.high_95 for p in points)
    # the actual values are the clients in care by the full data
    full = build_journeys(records, dt.date(2023, 12, 31))
    july = next(p for p in points if p.ahead == 1)
    assert july.actual == sum(
        1
        for j in full
        if j.start <= dt.date(2022, 7, 31) and (j.close_date is None or j.close_date >= dt.date(2022, 7, 1))
    )
