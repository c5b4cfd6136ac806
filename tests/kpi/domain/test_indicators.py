"""Flow and journey KPIs: hand-computed cases and Hypothesis invariants."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from basishulp.kpi.domain.indicators import DIMENSIONS, care_distribution, flows, journey_kpis, nearest_rank
from basishulp.kpi.domain.journeys import build_journeys
from basishulp.kpi.domain.periods import parse_period

from .helpers import LANDGRAAF, VOERENDAAL, d, traj, trajectory_sets

H1 = parse_period("2023-H1")
AS_OF = d("2023-09-30")

# A small scenario computed by hand (see each comment):
#  c1: K2 2022-06-01..2023-02-10, then K3 2023-03-12..2023-05-01 (30 days later: same journey),
#      journey 2022-06-01..2023-05-01 = 335 days, end reason 34 (last trajectory).
#  c2: Landgraaf, open since 2023-01-15.
#  c3: Voerendaal, 2023-02-01 (one day), then 2023-04-01..2023-06-30 (59 days later: a second
#      journey of 91 days), both end per plan (31).
SCENARIO = [
    traj("t1", "c1", "2022-06-01", "2023-02-10", reason="31"),
    traj("t2", "c1", "2023-03-12", "2023-05-01", unit="XONAR", quadrant="K3", reason="34", area=""),
    traj("t3", "c2", "2023-01-15", municipality=LANDGRAAF, unit="RADAR", quadrant="K3", area=""),
    traj("t4", "c3", "2023-02-01", "2023-02-01", municipality=VOERENDAAL, unit="GT-VRD-1", area="VRD-1"),
    traj("t5", "c3", "2023-04-01", "2023-06-30", municipality=VOERENDAAL, unit="GT-VRD-1", area="VRD-1"),
]


def row(rows, group):
    return next(r for r in rows if r.group == group)


def test_flows_hand_computed():
    rows = flows(SCENARIO, H1, AS_OF)
    assert [r.group for r in rows] == ["total", "Heerlen", "Landgraaf", "Voerendaal"]
    total = row(rows, "total")
    # begin: c1; inflow: c2, c3 (twice); outflow: c1 (May), c3 (Feb, Jun); end: c2
    assert (total.begin, total.inflow, total.subtotal, total.outflow, total.end) == (1, 3, 4, 3, 1)
    # in care per month Jan..Jun: 2, 3, 2, 3, 3, 2 -> 15 / 6 = 2.5
    assert [m.in_care for m in total.months] == [2, 3, 2, 3, 3, 2]
    assert total.monthly_average == Decimal("2.5")
    assert [m.inflow for m in total.months] == [1, 1, 0, 1, 0, 0]
    assert [m.outflow for m in total.months] == [0, 1, 0, 0, 1, 1]
    heerlen = row(rows, "Heerlen")
    assert (heerlen.begin, heerlen.inflow, heerlen.outflow, heerlen.end) == (1, 0, 1, 0)
    # Heerlen months: c1 in care Jan..May -> 5 / 6 = 0.833 -> 0.8
    assert heerlen.monthly_average == Decimal("0.8")
    voerendaal = row(rows, "Voerendaal")
    assert (voerendaal.begin, voerendaal.inflow, voerendaal.outflow, voerendaal.end) == (0, 2, 2, 0)


def test_journey_kpis_hand_computed():
    total = journey_kpis(SCENARIO, H1, AS_OF)[0]
    assert total.closed == 3
    assert total.durations == (1, 91, 335)
    assert total.duration_mean == Decimal("142.3")  # 427 / 3
    assert total.duration_median == 91  # rank ceil(0.5 * 3) = 2
    assert total.duration_p90 == 335  # rank ceil(0.9 * 3) = 3
    assert total.end_reasons == {"31": Decimal("0.667"), "34": Decimal("0.333")}
    assert total.clients_in_care == 3
    assert total.returning_share == Decimal("0.333")  # c3's latest journey is its second
    assert total.return_days == (59,)


def test_empty_input_gives_zero_rows_and_null_statistics():
    rows = flows([], H1, AS_OF)
    assert [r.group for r in rows] == ["total", "Heerlen", "Landgraaf", "Voerendaal"]
    assert all((r.begin, r.inflow, r.outflow, r.end, r.monthly_average) == (0, 0, 0, 0, 0) for r in rows)
    kpis = journey_kpis([], H1, AS_OF)[0]
    assert kpis.closed == 0
    assert kpis.duration_mean is None and kpis.duration_median is None and kpis.duration_p90 is None
    assert kpis.returning_share is None and kpis.end_reasons == {}


def test_client_moving_between_municipalities_counts_where_the_journey_opened():
    records = [
        traj("a", "c1", "2022-10-01", "2023-02-28"),
        traj("b", "c1", "2023-03-10", "2023-05-31", municipality=LANDGRAAF, area="LGF-1"),
    ]
    rows = flows(records, H1, AS_OF)
    assert (row(rows, "Heerlen").begin, row(rows, "Heerlen").outflow) == (1, 1)
    assert (row(rows, "Landgraaf").begin, row(rows, "Landgraaf").inflow) == (0, 0)


def test_journey_closing_after_the_period_but_pending_on_as_of_is_open():
    records = [traj("a", "c1", "2023-01-01", "2023-06-20")]
    # as of 2023-07-10 the journey may still continue: it is not outflow and counts at the end
    total = flows(records, H1, d("2023-07-10"))[0]
    assert (total.inflow, total.outflow, total.end) == (1, 0, 1)
    total = flows(records, H1, d("2023-07-21"))[0]
    assert (total.inflow, total.outflow, total.end) == (1, 1, 0)


def test_care_distribution_counts_unique_clients_per_quadrant_and_ranks_k3_units():
    rows = care_distribution(SCENARIO, H1, AS_OF)
    total = rows[0]
    assert total.clients_by_quadrant == {"K1": 0, "K2": 2, "K3": 2}
    assert total.top_providers == [("RADAR", 1), ("XONAR", 1)]
    assert total.share("K2") == Decimal("0.500")


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [([], 50, None), ([7], 90, 7), ([1, 2, 3, 4], 50, 2), ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9)],
)
def test_nearest_rank(values, p, expected):
    assert nearest_rank(values, p) == expected


PERIODS = st.sampled_from(["2021-H2", "2022", "2022-Q3", "2022-05", "2023-H1"])


@settings(max_examples=150, deadline=None)
@given(records=trajectory_sets(), period_text=PERIODS, dimension=st.sampled_from(DIMENSIONS))
def test_identity_and_additivity(records, period_text, dimension):
    period = parse_period(period_text)
    as_of = d("2023-12-31")
    rows = flows(records, period, as_of, dimension)
    for r in rows:
        assert r.begin + r.inflow - r.outflow == r.end
        series = [m.in_care for m in r.months]
        assert min(series) <= r.monthly_average <= max(series)
    if dimension in ("municipality", "area"):
        total, groups = rows[0], rows[1:]
        for field in ("begin", "inflow", "outflow", "end"):
            assert sum(getattr(g, field) for g in groups) == getattr(total, field)
        for i, month in enumerate(total.months):
            assert sum(g.months[i].in_care for g in groups) == month.in_care


@settings(max_examples=100, deadline=None)
@given(records=trajectory_sets())
def test_begin_of_a_period_is_the_end_of_the_previous_one(records):
    as_of = d("2023-12-31")
    first = flows(records, parse_period("2022-H1"), as_of, "municipality")
    second = flows(records, parse_period("2022-H2"), as_of, "municipality")
    assert [r.end for r in first] == [r.begin for r in second]


@settings(max_examples=100, deadline=None)
@given(records=trajectory_sets())
def test_journeys_of_a_client_are_disjoint_with_more_than_30_days_between(records):
    journeys = sorted(build_journeys(records, d("2023-12-31")), key=lambda j: (j.client_id, j.start))
    for prev, nxt in itertools.pairwise(journeys):
        if prev.client_id == nxt.client_id:
            assert prev.close_date is not None
            assert (nxt.start - prev.close_date).days > 30
    known = [r for r in records if r.start_date <= d("2023-12-31")]
    assert sum(len(j.trajectory_ids) for j in journeys) == len(known)


@settings(max_examples=100, deadline=None)
@given(records=trajectory_sets(), period_text=PERIODS)
def test_journey_kpi_invariants(records, period_text):
    period = parse_period(period_text)
    as_of = d("2023-12-31")
    kpis = journey_kpis(records, period, as_of)
    flow_total = flows(records, period, as_of, "total")[0]
    total = kpis[0]
    assert total.closed == flow_total.outflow
    assert total.clients_in_care <= flow_total.subtotal
    assert all(Decimal(0) <= share <= Decimal(1) for share in total.end_reasons.values())
    if total.returning_share is not None:
        assert Decimal(0) <= total.returning_share <= Decimal(1)
    if total.closed:
        assert total.duration_median <= total.duration_p90
        assert min(total.durations) <= total.duration_mean <= max(total.durations)
