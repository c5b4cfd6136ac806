"""Fixtures of the comparisons tests: a tiny hand-made trajectory set whose flows are
worked out by hand, CSV files, users."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from basishulp.trajecten.domain.records import TrajectoryRecord
from tests.dashboard.conftest import client_nl  # noqa: F401

HEERLEN, LANDGRAAF, VOERENDAAL = "GM0917", "GM0882", "GM0986"


def _rec(tid, client, municipality, start, end=None, reason=""):
    return TrajectoryRecord(
        trajectory_id=tid,
        client_id=client,
        municipality=municipality,
        care_unit="GT-HRL-3",
        quadrant="K2",
        start_date=dt.date.fromisoformat(start),
        end_date=dt.date.fromisoformat(end) if end else None,
        end_reason=reason,
    )


#: The flows of 2023-H1 by hand (reporting date 2023-12-31, the latest date):
#:   c1 Heerlen  2022-10-01 .. 2023-02-28  begin, outflow (closed: more than 30 days before the reporting date)
#:   c2 Heerlen  2023-03-01 ..             inflow, end
#:   c3 Landgraaf 2023-01-10 .. 2023-01-20 inflow, outflow
#:   c4 Voerendaal 2022-01-01 .. 2022-06-30 nothing in 2023
#:   c5 Heerlen  2023-05-01 .. 2023-12-31  inflow, end
#: HLV: begin 1, inflow 3, subtotal 4, outflow 2, end 2. Heerlen: 1, 2, 3, 1, 2. Landgraaf: 0, 1, 1, 1, 0.
#: Clients in care per month Jan..Jun: 2 (c1, c3), 1, 1, 1, 2, 2 -> monthly average 9 / 6 = 1.5.
#: End of 2022: c1 only (c4 closed in June) -> 1. The year 2023: begin 1, inflow 3 -> subtotal 4.
TINY: tuple[TrajectoryRecord, ...] = (
    _rec("T1", "c1", HEERLEN, "2022-10-01", "2023-02-28", "31"),
    _rec("T2", "c2", HEERLEN, "2023-03-01"),
    _rec("T3", "c3", LANDGRAAF, "2023-01-10", "2023-01-20", "34"),
    _rec("T4", "c4", VOERENDAAL, "2022-01-01", "2022-06-30", "31"),
    _rec("T5", "c5", HEERLEN, "2023-05-01", "2023-12-31", "31"),
)


@pytest.fixture
def tiny_records():
    return list(TINY)


@pytest.fixture
def tiny_data(db):
    from basishulp.trajecten.services import trajectories_import

    trajectories_import(records=list(TINY), filename="tiny.csv")
    return list(TINY)


@pytest.fixture
def write(tmp_path: Path):
    """Write ``text`` to a file in the test's directory; returns its path."""

    def _write(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return _write


@pytest.fixture
def users(db):
    from basishulp.accounts.models import Role
    from tests.factories import MunicipalityFactory, ProfileFactory

    return {
        "controller": ProfileFactory(role=Role.CONTROLLER).user,
        "administrator": ProfileFactory(role=Role.ADMINISTRATOR).user,
        "area_manager": ProfileFactory(gebiedsmanager=True).user,
        "municipality": ProfileFactory(gemeente=True, municipality=MunicipalityFactory(code=HEERLEN)).user,
        "intake": ProfileFactory(role=Role.INTAKE).user,
    }
