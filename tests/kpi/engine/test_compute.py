"""The Ibis/DuckDB engine equals the reference core (boundary cases and random sets)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from basishulp.kpi.domain.indicators import DIMENSIONS, care_distribution, flows, journey_kpis
from basishulp.kpi.domain.periods import Period, parse_period
from basishulp.kpi.engine import compute
from basishulp.trajecten.domain.records import TrajectoryRecord

H1 = parse_period("2023-H1")
AS_OF = date(2023, 9, 30)
HEERLEN, LANDGRAAF, VOERENDAAL = "GM0917", "GM0882", "GM0986"


def traj(
    tid: str,
    start: str,
    end: str | None = None,
    client: str = "A",
    municipality: str = HEERLEN,
    unit: str = "U1",
    quadrant: str = "K2",
    reason: str = "",
    area: str = "",
) -> TrajectoryRecord:
    return TrajectoryRecord(
        trajectory_id=tid,
        client_id=client,
        municipality=municipality,
        care_unit=unit,
        quadrant=quadrant,
        start_date=date.fromisoformat(start),
        end_date=date.fromisoformat(end) if end else None,
        area=area,
        end_reason=reason if end else "",
    )


def reference(records, period, as_of, dimension):
    return (
        flows(records, period, as_of, dimension),
        journey_kpis(records, period, as_of, dimension),
        care_distribution(records, period, as_of),
    )


def counts(row):
    return (row.begin, row.inflow, row.outflow, row.end)


# (name, records, as_of, dimension, {group: (begin, inflow, outflow, end)})
CASES = [
    (
        "gap of exactly 30 days continues the journey",
        [traj("1", "2023-01-10", "2023-02-10", reason="20"), traj("2", "2023-03-12", "2023-04-01", reason="31")],
        AS_OF,
        "total",
        {"total": (0, 1, 1, 0)},
    ),
    (
        "gap of 31 days starts a new journey",
        [traj("1", "2023-01-10", "2023-02-10"), traj("2", "2023-03-13", "2023-04-01")],
        AS_OF,
        "total",
        {"total": (0, 2, 2, 0)},
    ),
    (
        "overlapping trajectories at two care units",
        [traj("1", "2023-01-01", "2023-03-31", unit="U1"), traj("2", "2023-02-01", "2023-05-31", unit="U2")],
        AS_OF,
        "care_unit",
        {"total": (0, 1, 1, 0), "U1": (0, 1, 1, 0), "U2": (0, 1, 1, 0)},
    ),
    (
        "same-day start and end",
        [traj("1", "2023-02-01", "2023-02-01", reason="31")],
        AS_OF,
        "total",
        {"total": (0, 1, 1, 0)},
    ),
    (
        "open trajectory from before the period",
        [traj("1", "2022-06-01")],
        AS_OF,
        "total",
        {"total": (1, 0, 0, 1)},
    ),
    (
        "end date after as_of counts as running",
        [traj("1", "2022-06-01", "2023-12-31", reason="31")],
        AS_OF,
        "total",
        {"total": (1, 0, 0, 1)},
    ),
    (
        "start after as_of is not known yet",
        [traj("1", "2023-10-01", "2023-10-02")],
        AS_OF,
        "total",
        {"total": (0, 0, 0, 0)},
    ),
    (
        "client moving between municipalities stays with the opener",
        [
            traj("1", "2022-10-01", "2023-01-31", municipality=HEERLEN),
            traj("2", "2023-02-15", "2023-03-31", municipality=LANDGRAAF),
        ],
        AS_OF,
        "municipality",
        {"total": (1, 0, 1, 0), "Heerlen": (1, 0, 1, 0), "Landgraaf": (0, 0, 0, 0), "Voerendaal": (0, 0, 0, 0)},
    ),
    (
        "journey not closed until 31 days passed on as_of",
        [traj("1", "2023-02-01", "2023-06-15")],
        date(2023, 7, 15),
        "total",
        {"total": (0, 1, 0, 1)},
    ),
    (
        "journey closed once as_of is last end + 31",
        [traj("1", "2023-02-01", "2023-06-15")],
        date(2023, 7, 16),
        "total",
        {"total": (0, 1, 1, 0)},
    ),
    (
        "empty input",
        [],
        AS_OF,
        "municipality",
        {"total": (0, 0, 0, 0), "Heerlen": (0, 0, 0, 0), "Landgraaf": (0, 0, 0, 0), "Voerendaal": (0, 0, 0, 0)},
    ),
    (
        "other municipality code gets its own row after HLV",
        [traj("1", "2023-01-05", municipality="GM0363", client="B"), traj("2", "2023-01-05", municipality=VOERENDAAL)],
        AS_OF,
        "municipality",
        {"total": (0, 2, 0, 2), "Voerendaal": (0, 1, 0, 1), "GM0363": (0, 1, 0, 1)},
    ),
]


@pytest.mark.parametrize(("name", "records", "as_of", "dimension", "expected"), CASES, ids=[c[0] for c in CASES])
def test_boundary_cases(name, records, as_of, dimension, expected):
    engine = compute(records, H1, as_of, dimension)
    assert engine == reference(records, H1, as_of, dimension)
    rows = {row.group: row for row in engine[0]}
    for group, numbers in expected.items():
        assert counts(rows[group]) == numbers, group
    for row in engine[0]:
        assert row.begin + row.inflow - row.outflow == row.end


def test_journey_kpis_by_hand():
    records = [
        traj("1", "2023-01-10", "2023-02-10", reason="20"),
        traj("2", "2023-03-12", "2023-04-01", reason="31"),  # same journey: 82 days, reason 31
        traj("3", "2022-01-01", "2022-03-01", client="B", reason="34"),  # B's first journey, closed 2022
        traj("4", "2023-02-01", "2023-02-01", client="B", reason=""),  # B returns: 1 day, reason unknown
    ]
    _flows, journeys, _care = compute(records, H1, AS_OF, "total")
    (row,) = journeys
    assert row.closed == 2
    assert row.durations == (1, 82)
    assert row.duration_mean == Decimal("41.5")
    assert (row.duration_median, row.duration_p90) == (1, 82)
    assert row.end_reasons == {"31": Decimal("0.500"), "unknown": Decimal("0.500")}
    assert row.clients_in_care == 2
    assert row.returning_share == Decimal("0.500")
    assert row.return_days == ((date(2023, 2, 1) - date(2022, 3, 1)).days,)
    assert journeys == journey_kpis(records, H1, AS_OF, "total")


def test_monthly_counts_and_average():
    records = [traj("1", "2022-06-01"), traj("2", "2023-03-15", "2023-04-10", client="B")]
    flow_rows, _j, _c = compute(records, H1, AS_OF, "total")
    (row,) = flow_rows
    assert [m.in_care for m in row.months] == [1, 1, 2, 2, 1, 1]  # B's journey closes 2023-04-10
    assert [m.outflow for m in row.months] == [0, 0, 0, 1, 0, 0]
    assert row.monthly_average == Decimal("1.3")  # 8 / 6 = 1.33
    assert row == flows(records, H1, AS_OF, "total")[0]


def test_care_distribution_by_hand():
    records = [
        traj("1", "2023-01-01", unit="P1", quadrant="K3"),
        traj("2", "2023-01-01", client="B", unit="P1", quadrant="K3", municipality=LANDGRAAF),
        traj("3", "2023-01-01", client="C", unit="P2", quadrant="K3"),
        traj("4", "2023-01-01", client="C", unit="T1", quadrant="K2"),
        traj("5", "2022-01-01", "2022-12-31", client="D", unit="P3", quadrant="K3"),  # ended before the period
    ]
    _f, _j, care = compute(records, H1, AS_OF, "municipality")
    assert care == care_distribution(records, H1, AS_OF)
    assert care[0].clients_by_quadrant == {"K1": 0, "K2": 1, "K3": 3}
    assert care[0].top_providers == [("P1", 2), ("P2", 1)]
    assert [c.group for c in care] == ["total", "Heerlen", "Landgraaf", "Voerendaal"]


def test_unknown_dimension():
    with pytest.raises(ValueError, match="unknown grouping"):
        compute([], H1, AS_OF, "provider")


# -- property: engine == reference on random trajectory sets --------------------------

_BASE = date(2022, 1, 1)


@st.composite
def trajectory_sets(draw):
    n = draw(st.integers(min_value=0, max_value=25))
    records = []
    for i in range(n):
        start = _BASE + timedelta(days=draw(st.integers(0, 800)))
        length = draw(st.one_of(st.none(), st.integers(0, 120), st.sampled_from([29, 30, 31])))
        end = None if length is None else start + timedelta(days=length)
        records.append(
            TrajectoryRecord(
                trajectory_id=draw(st.sampled_from(["t", "T", "a"])) + str(i),
                client_id=draw(st.sampled_from(["A", "B", "C", "D"])),
                municipality=draw(st.sampled_from([HEERLEN, LANDGRAAF, VOERENDAAL, "GM0363"])),
                care_unit=draw(st.sampled_from(["U1", "U2", "P1", ""])),
                quadrant=draw(st.sampled_from(["K1", "K2", "K3"])),
                start_date=start,
                end_date=end,
                area=draw(st.sampled_from(["", "HRL-1", "LGR-2"])),
                end_reason="" if end is None else draw(st.sampled_from(["", "31", "34", "20"])),
            )
        )
    return records


PERIODS = [parse_period(p) for p in ("2022", "2023-H1", "2023-Q2", "2022-12")] + [
    Period(date(2022, 3, 15), date(2022, 5, 3), "custom")
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    records=trajectory_sets(),
    period=st.sampled_from(PERIODS),
    as_of_offset=st.integers(0, 900),
    dimension=st.sampled_from(DIMENSIONS),
)
def test_engine_equals_reference(records, period, as_of_offset, dimension):
    as_of = _BASE + timedelta(days=as_of_offset)
    assert compute(records, period, as_of, dimension) == reference(records, period, as_of, dimension)
