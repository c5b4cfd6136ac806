"""Reads: trajectories as pure records, imports, municipalities."""

from __future__ import annotations

import datetime as dt

import pytest

from basishulp.trajecten import selectors
from basishulp.trajecten.domain.csvfile import read_trajectories
from basishulp.trajecten.services import trajectories_import
from tests.factories import ImportBatchFactory, MunicipalityFactory, TrajectoryFactory

from .conftest import GOOD_ROWS

pytestmark = pytest.mark.django_db


def test_records_round_trip_the_import(write_csv, django_assert_num_queries):
    path = write_csv(*GOOD_ROWS)
    trajectories_import(path=path, filename="f.csv")
    expected = sorted(read_trajectories(path).records, key=lambda r: (r.start_date, r.trajectory_id))
    with django_assert_num_queries(1):
        records = selectors.trajectory_records()
    assert records == expected
    assert selectors.all_trajectory_records() == expected


def test_records_for_municipalities(write_csv):
    trajectories_import(
        path=write_csv(
            "a1,c1,Heerlen,,GT-HRL-1,K2,2023-01-01,2023-01-31,31,",
            "a2,c1,Landgraaf,,GT-LGF-1,K2,2023-02-10,,,",  # same client moved to Landgraaf
            "a3,c2,Landgraaf,,GT-LGF-1,K2,2023-01-01,,,",
            "a4,c3,Voerendaal,,GT-VRD-1,K2,2023-01-01,,,",
        ),
        filename="f.csv",
    )

    def ids(records):
        return sorted(r.trajectory_id for r in records)

    assert ids(selectors.trajectory_records(municipality_codes=["GM0917"])) == ["a1"]
    assert ids(selectors.trajectory_records(municipality_codes=["GM0917"], whole_journeys=True)) == ["a1", "a2"]
    assert ids(selectors.trajectory_records(municipality_codes=["GM0882", "GM0986"])) == ["a2", "a3", "a4"]
    assert selectors.trajectory_records(municipality_codes=[]) == []
    assert selectors.trajectory_count() == 4


def test_factory_traits_give_records():
    TrajectoryFactory(trajectory_id="open")
    TrajectoryFactory(trajectory_id="closed", afgesloten=True, start_date=dt.date(2023, 1, 1))
    TrajectoryFactory(trajectory_id="k3", uitbesteed=True, area=None)
    records = {r.trajectory_id: r for r in selectors.trajectory_records()}
    assert (records["open"].end_date, records["open"].end_reason) == (None, "")
    assert (records["closed"].end_date, records["closed"].end_reason) == (dt.date(2023, 6, 30), "31")
    assert (records["k3"].quadrant, records["k3"].area, records["k3"].municipality) == ("K3", "", "GM0917")


def test_latest_import_skips_failed_batches():
    assert selectors.latest_import() is None
    done = ImportBatchFactory()
    failed = ImportBatchFactory(mislukt=True)
    assert selectors.latest_import() == done
    assert selectors.latest_import(include_failed=True) == failed


def test_municipalities_in_report_order():
    MunicipalityFactory(code="GM0928", name="Kerkrade")
    assert [m.name for m in selectors.municipalities()] == ["Heerlen", "Landgraaf", "Voerendaal", "Kerkrade"]
