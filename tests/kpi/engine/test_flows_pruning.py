"""Flows from the pruned journeys (``expressions.flow_journeys``) equal the reference.

The flow query drops late trajectories and closed history unless a client's
history can reach its kept trajectories (then the client keeps everything). These
tests aim at exactly that: clients whose journeys chain across the cut in several
municipalities, periods near the edges of the data, and ``as_of`` before, inside
and after the period.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from basishulp.kpi.domain.indicators import DIMENSIONS, flows
from basishulp.kpi.domain.periods import Period, parse_period
from basishulp.kpi.engine import RECORD_SCHEMA, load_records
from basishulp.kpi.engine.core import KpiRun
from basishulp.kpi.engine.duck import DuckRunner
from basishulp.trajecten.domain.records import TrajectoryRecord

HEERLEN, LANDGRAAF, VOERENDAAL, OTHER = "GM0917", "GM0882", "GM0986", "GM0363"
H1 = parse_period("2023-H1")


def engine_flows(records, period, as_of, dimension):
    con = duckdb.connect()
    try:
        load_records(con, records)
        return KpiRun(DuckRunner(con, "trajectories", RECORD_SCHEMA), as_of).flows(period, dimension)
    finally:
        con.close()


def traj(tid, start, end=None, client="A", municipality=HEERLEN, unit="U1", area=""):
    return TrajectoryRecord(
        trajectory_id=tid,
        client_id=client,
        municipality=municipality,
        care_unit=unit,
        quadrant="K2",
        start_date=date.fromisoformat(start),
        end_date=date.fromisoformat(end) if end else None,
        area=area,
    )


CHAINS = [
    # The opener is pruned history: the journey still opens in Heerlen.
    [traj("1", "2022-01-01", "2022-11-15"), traj("2", "2022-12-10", municipality=LANDGRAAF)],
    # A chain of three history trajectories bridges into the period.
    [
        traj("1", "2020-01-01", "2020-06-01", municipality=VOERENDAAL),
        traj("2", "2020-07-01", "2021-06-01"),
        traj("3", "2021-06-20", "2022-12-01", municipality=OTHER),
        traj("4", "2022-12-31", "2023-03-01", municipality=LANDGRAAF),
    ],
    # History that does not bridge (31 days) stays a separate, uncounted journey.
    [traj("1", "2022-01-01", "2022-11-15", municipality=OTHER), traj("2", "2022-12-16", municipality=LANDGRAAF)],
    # A running trajectory from long ago with closed history inside it.
    [traj("1", "2019-05-01", municipality=VOERENDAAL), traj("2", "2020-01-01", "2020-02-01", municipality=OTHER)],
    # A late start (after the period + 30 days) extends a journey ending after the period.
    [traj("1", "2023-05-01", "2023-07-15"), traj("2", "2023-08-10", "2023-09-01", municipality=OTHER)],
    # A group that has only history journeys is still listed (with zeros).
    [traj("1", "2019-01-01", "2019-02-01", client="B", municipality=OTHER, area="X-1"), traj("2", "2023-02-01")],
]


@pytest.mark.parametrize("records", CHAINS)
@pytest.mark.parametrize("dimension", DIMENSIONS)
@pytest.mark.parametrize("as_of", [date(2023, 3, 15), date(2023, 9, 30), date(2022, 12, 20)])
def test_chains_across_the_cut(records, dimension, as_of):
    assert engine_flows(records, H1, as_of, dimension) == flows(records, H1, as_of, dimension)


_BASE = date(2021, 1, 1)
_MUNICIPALITIES = [HEERLEN, LANDGRAAF, VOERENDAAL, OTHER]


@st.composite
def chained_sets(draw):
    """Clients with trajectories that follow each other with gaps around 30 days."""
    records = []
    n = 0
    for client in draw(st.lists(st.sampled_from("ABCD"), min_size=0, max_size=4, unique=True)):
        start = _BASE + timedelta(days=draw(st.integers(0, 900)))
        for _ in range(draw(st.integers(1, 6))):
            length = draw(st.one_of(st.none(), st.integers(0, 400), st.sampled_from([0, 29, 30, 31])))
            end = None if length is None else start + timedelta(days=length)
            n += 1
            records.append(
                TrajectoryRecord(
                    trajectory_id=draw(st.sampled_from(["t", "T"])) + str(n),
                    client_id=client,
                    municipality=draw(st.sampled_from(_MUNICIPALITIES)),
                    care_unit=draw(st.sampled_from(["U1", "U2", ""])),
                    quadrant=draw(st.sampled_from(["K1", "K2", "K3"])),
                    start_date=start,
                    end_date=end,
                    area=draw(st.sampled_from(["", "HRL-1", "LGR-2"])),
                )
            )
            anchor = end if end is not None and draw(st.booleans()) else start
            gap = draw(st.one_of(st.integers(-60, 90), st.sampled_from([29, 30, 31, 32])))
            start = max(start, anchor + timedelta(days=gap))
    return records


@st.composite
def periods(draw):
    start = _BASE + timedelta(days=draw(st.integers(-60, 1300)))
    return Period(start, start + timedelta(days=draw(st.integers(0, 400))), "p")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    records=chained_sets(),
    period=periods(),
    as_of_offset=st.integers(-400, 500),
    dimension=st.sampled_from(DIMENSIONS),
)
def test_pruned_flows_equal_reference(records, period, as_of_offset, dimension):
    as_of = period.start + timedelta(days=as_of_offset)  # before, inside or after the period
    assert engine_flows(records, period, as_of, dimension) == flows(records, period, as_of, dimension)


def test_precompiled_sql_is_current():
    from basishulp.kpi.engine._precompiled import SCHEMAS, SQL
    from basishulp.kpi.engine.precompile import compile_all

    compiled = compile_all()
    hint = "run: python -m basishulp.kpi.engine.precompile"
    assert {key: sql for key, (sql, _schema) in compiled.items()} == SQL, hint
    assert {key: schema for key, (_sql, schema) in compiled.items()} == SCHEMAS, hint


def test_cli_flows_path_does_not_import_ibis(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        "trajectory_id,client_id,municipality,area,care_unit,quadrant,start_date,end_date,end_reason,referrer_type\n"
        "T1,C1,GM0917,,U1,K2,2022-12-20,2023-02-01,31,01\n"
        "T2,C1,Landgraaf,,U1,K2,2023-02-15,,,\n",
        encoding="utf-8",
    )
    code = (
        "import sys\n"
        "from basishulp.kpi.domain.periods import parse_period\n"
        "from basishulp.kpi.engine import file_kpis\n"
        f"rows = file_kpis({str(path)!r}, 'flows', parse_period('2023-H1'), None).rows\n"
        "assert (rows[0].begin, rows[0].inflow, rows[1].group, rows[1].begin) == (1, 0, 'Heerlen', 1), rows\n"
        "print(sorted(m for m in ('ibis', 'sqlglot', 'pandas', 'pyarrow') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
