"""The monthly history a forecast is fitted on (issue #7), worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from basishulp.forecast.domain.history import (
    data_begin,
    history_from_journeys,
    in_care_series,
    last_full_month,
    month_index,
    month_start,
    return_chances,
)
from basishulp.kpi.domain.journeys import build_journeys
from basishulp.trajecten.domain.records import TrajectoryRecord


def _t(tid, client, start, end=None):
    return TrajectoryRecord(
        trajectory_id=tid,
        client_id=client,
        municipality="GM0917",
        care_unit="X",
        quadrant="K3",
        start_date=dt.date.fromisoformat(start),
        end_date=dt.date.fromisoformat(end) if end else None,
    )


CUTOFF = dt.date(2022, 6, 30)
RECORDS = [
    _t("T1", "c1", "2022-01-10", "2022-03-20"),  # closed (more than 30 days before the cut-off): Jan-Mar
    _t("T2", "c2", "2022-02-01"),  # running
    _t("T3", "c3", "2022-06-15", "2022-06-20"),  # pending on the cut-off: 10 days since its end
]


def test_months_and_the_last_full_month():
    assert month_start(month_index(dt.date(2022, 6, 15))) == dt.date(2022, 6, 1)
    assert last_full_month(dt.date(2022, 6, 30)) == month_index(dt.date(2022, 6, 1))
    assert last_full_month(dt.date(2022, 6, 29)) == month_index(dt.date(2022, 5, 1))
    assert last_full_month(dt.date(2024, 2, 29)) == month_index(dt.date(2024, 2, 1))


def test_the_history_by_hand():
    journeys = build_journeys(RECORDS, CUTOFF)
    jan = month_index(dt.date(2022, 1, 1))
    assert data_begin(journeys) == jan + 2  # the first close: March
    history = history_from_journeys(journeys, CUTOFF, first=jan, returns=[0.25] * 31)
    assert (history.first, history.last) == (jan, jan + 5)
    assert history.inflow == (1, 1, 0, 0, 0, 1)
    assert history.in_care == (1, 2, 2, 1, 1, 2)  # c1 Jan-Mar, c2 from Feb, c3 in June
    assert history.open_ages == {1: 1, 5: 1}  # c3 opened in June, c2 in February
    assert history.pending == {(1, 10): 1}
    assert sorted(history.durations) == [
        (jan, 3, True, 1, 1.0),
        (jan + 1, 5, False, 1, 1.0),
        (jan + 5, 1, False, 1, 0.25),  # c3: open with the chance the client returns
        (jan + 5, 1, True, 1, 0.75),  # and closed with the rest
    ]


def test_journeys_older_than_the_data_enter_late():
    journeys = build_journeys(RECORDS, CUTOFF)
    history = history_from_journeys(journeys, CUTOFF)  # from March, the first close
    march = month_index(dt.date(2022, 3, 1))
    assert history.first == march and history.in_care == (2, 1, 1, 2)
    assert (march - 2, 3, True, 3, 1.0) in history.durations  # c1: seen from age 3
    assert (march - 1, 5, False, 2, 1.0) in history.durations  # c2: seen from age 2


def test_no_journeys_before_the_cutoff():
    with pytest.raises(ValueError, match="no journeys"):
        history_from_journeys([], CUTOFF)


def test_in_care_by_the_full_data():
    journeys = build_journeys(RECORDS, dt.date(2022, 12, 31))
    jun = month_index(dt.date(2022, 6, 1))
    assert in_care_series(journeys, jun, jun + 1) == [2, 1]  # c3 closed in June


def test_return_chances_by_hand():
    records = [
        _t("A1", "a", "2021-01-01", "2021-02-01"),
        _t("A2", "a", "2021-02-11", "2021-03-01"),  # a returns after 10 days, then stops for good
        _t("B1", "b", "2021-01-01", "2021-02-01"),
        _t("B2", "b", "2021-02-26", "2021-03-01"),  # b returns after 25 days, then stops
        _t("C1", "c", "2021-01-01", "2021-02-01"),  # c stops for good
        _t("D1", "d", "2021-01-01", "2021-02-01"),
        _t("D2", "d", "2021-03-31"),  # d comes back after 58 days: a new journey
    ]
    chances = return_chances(records, dt.date(2022, 1, 1))
    # six stops: a (10 days), b (25), a, b, c, d (none within 30); by day 0: 2 of 6 return
    assert chances[0] == pytest.approx(2 / 6)
    assert chances[10] == pytest.approx(1 / 5)  # a has returned: 5 left, only b returns later
    assert chances[25] == 0.0 and chances[30] == 0.0
