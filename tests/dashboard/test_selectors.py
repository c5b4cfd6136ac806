"""The dashboard view model: periods, caching of KPI computations."""

from __future__ import annotations

import datetime as dt

import pytest

from django.test import override_settings
from django.utils import translation

from basishulp.dashboard import selectors
from basishulp.kpi.domain.periods import parse_period

from .conftest import SMALL_DATA_SET


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


def test_period_options_cover_the_data_and_mark_incomplete_periods():
    options = selectors.period_options(dt.date(2022, 5, 1), dt.date(2023, 8, 15))
    values = [o.value for o in options]
    assert values[:2] == ["2023", "2022"]
    assert [o.value for o in options if o.kind == "half"] == ["2023-H2", "2023-H1", "2022-H2", "2022-H1"]
    assert "2022-Q1" not in values  # before the data
    assert "2023-Q4" not in values  # after the reporting date
    incomplete = {o.value for o in options if not o.complete}
    assert incomplete == {"2023", "2023-H2", "2023-Q3"}
    assert selectors.default_period(options, dt.date(2023, 8, 15)) == parse_period("2023-H1")


@pytest.mark.parametrize(
    ("params", "expected", "kind"),
    [
        ({"period": "2022-Q3"}, parse_period("2022-Q3"), "period"),
        ({"period": " 2022-h2 "}, parse_period("2022-H2"), "period"),
        ({"from": "2023-01-10", "to": "2023-02-20"}, None, "custom"),
        ({"period": "nonsense"}, parse_period("2023-H1"), "default"),
        ({}, parse_period("2023-H1"), "default"),
    ],
)
def test_resolve_period(params, expected, kind):
    fallback = parse_period("2023-H1")
    period, got_kind, messages = selectors.resolve_period(params, fallback)
    assert got_kind == kind
    if kind == "custom":
        assert (period.start, period.end) == (dt.date(2023, 1, 10), dt.date(2023, 2, 20))
    else:
        assert period == expected
    assert bool(messages) == (params.get("period") == "nonsense")


def test_chart_window_is_twelve_months_ending_at_the_period_end():
    window = selectors.chart_window(parse_period("2023-H1"), dt.date(2019, 1, 1))
    assert (window.start, window.end) == (dt.date(2022, 7, 1), dt.date(2023, 6, 30))
    longer = selectors.chart_window(parse_period("2023"), dt.date(2019, 1, 1))
    assert (longer.start, longer.end) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


@override_settings(KPI_ENGINE="reference")
def test_kpis_are_computed_once_per_period(monkeypatch):
    monkeypatch.setattr(selectors, "visible_codes", lambda user: None)
    monkeypatch.setattr(selectors, "care_unit_names", lambda codes: {})
    board = selectors.build_dashboard(object(), {"period": "2023-H1"}, records=SMALL_DATA_SET)
    assert board.kpi_calls == 3  # the period, a year earlier, the 12-month chart window
    board = selectors.build_dashboard(object(), {"period": "2023"}, records=SMALL_DATA_SET)
    assert board.kpi_calls == 2  # the chart window is the year itself


@pytest.mark.parametrize("engine", ["reference", "duckdb"])
def test_engines_give_the_same_dashboard(monkeypatch, engine):
    monkeypatch.setattr(selectors, "visible_codes", lambda user: None)
    monkeypatch.setattr(selectors, "care_unit_names", lambda codes: {})
    with override_settings(KPI_ENGINE=engine):
        board = selectors.build_dashboard(object(), {"period": "2023-H1"}, records=SMALL_DATA_SET)
    assert [(line.key, line.current) for line in board.flow_lines][:5] == [
        ("begin", 2),
        ("inflow", 3),
        ("subtotal", 5),
        ("outflow", 3),
        ("end", 2),
    ]
    assert [m["in_care"] for m in board.months][-6:] == [2, 3, 4, 3, 3, 2]
