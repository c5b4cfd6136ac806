"""Fixtures for the trajecten tests: writing small trajectories.csv files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

HEADER = "trajectory_id,client_id,municipality,area,care_unit,quadrant,start_date,end_date,end_reason,referrer_type"

#: Five valid rows using the reference data of the data migration.
GOOD_ROWS = (
    "t1,c1,Heerlen,HRL-1,GT-HRL-1,K2,2022-06-01,2023-02-10,31,02",
    "t2,c1,Heerlen,HRL-1,XONAR,K3,2023-03-12,2023-05-01,34,",
    "t3,c2,GM0882,LGF-1,RADAR,K3,2023-01-15,,,06",
    "t4,c3,Voerendaal,,GT-VRD-1,K2,2023-02-01,2023-02-01,31,",
    "t5,c3,Voerendaal,VRD-1,GT-VRD-1,K2,2023-04-01,2023-06-30,31,",
)


def csv_text(*rows: str, header: str = HEADER) -> str:
    return "\n".join((header, *rows)) + "\n"


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    """``write_csv(*rows, name=..., header=...)`` writes a file and returns its path."""

    def write(*rows: str, name: str = "trajectories.csv", header: str = HEADER) -> Path:
        path = tmp_path / name
        path.write_text(csv_text(*rows, header=header), encoding="utf-8")
        return path

    return write
