"""Fixtures for the dashboard tests: a small hand-made data set and users per role."""

from __future__ import annotations

import datetime as dt

import pytest

from basishulp.trajecten.domain.records import TrajectoryRecord

HEERLEN, LANDGRAAF, VOERENDAAL = "GM0917", "GM0882", "GM0986"


def _rec(tid, client, municipality, unit, quadrant, start, end=None, reason=""):
    return TrajectoryRecord(
        trajectory_id=tid,
        client_id=client,
        municipality=municipality,
        care_unit=unit,
        quadrant=quadrant,
        start_date=dt.date.fromisoformat(start),
        end_date=dt.date.fromisoformat(end) if end else None,
        end_reason=reason,
    )


#: Hand-made trajectories; the expected figures in test_dashboard.py are worked out by hand
#: from this list (see the comments there). The latest date, 2023-12-31, is the reporting date.
SMALL_DATA_SET: tuple[TrajectoryRecord, ...] = (
    # c1 Heerlen: one journey 2022-09-01 .. 2023-03-31 (212 days), per plan
    _rec("T1", "c1", HEERLEN, "GT-HRL-3", "K2", "2022-09-01", "2023-03-31", "31"),
    # c2 Heerlen: starts 2023-02-01 and keeps running
    _rec("T2", "c2", HEERLEN, "MONDRIAAN", "K3", "2023-02-01"),
    # c3 Heerlen: first journey closes 2022-12-15; returns 2023-04-01 (107 days later) for 61 days
    _rec("T3", "c3", HEERLEN, "GT-HRL-3", "K2", "2022-05-01", "2022-12-15", "34"),
    _rec("T4", "c3", HEERLEN, "MONDRIAAN", "K3", "2023-04-01", "2023-05-31", "31"),
    # c4 opens in Landgraaf and continues in Heerlen within 30 days: ONE Landgraaf journey
    _rec("T5", "c4", LANDGRAAF, "GT-LGF-1", "K2", "2022-11-01", "2023-01-20", "38"),
    _rec("T6", "c4", HEERLEN, "RADAR", "K3", "2023-02-05"),
    # c5 Voerendaal: 10 days in March 2023, ended early by agreement
    _rec("T7", "c5", VOERENDAAL, "RADAR", "K3", "2023-03-01", "2023-03-10", "34"),
    # c6 Heerlen: late in 2023, sets the reporting date
    _rec("T8", "c6", HEERLEN, "GT-HRL-3", "K2", "2023-11-01", "2023-12-31", "31"),
)


@pytest.fixture
def small_data(db):
    from basishulp.trajecten.services import trajectories_import

    trajectories_import(records=list(SMALL_DATA_SET), filename="small.csv")
    return SMALL_DATA_SET


@pytest.fixture
def controller(db):
    from tests.factories import ProfileFactory

    return ProfileFactory(controller=True, user__username="ctrl").user


@pytest.fixture
def heerlen_user(db):
    from tests.factories import MunicipalityFactory, ProfileFactory

    return ProfileFactory(
        gemeente=True, municipality=MunicipalityFactory(code=HEERLEN), user__username="gem-heerlen"
    ).user


@pytest.fixture
def referrer(db):
    from tests.factories import ProfileFactory

    return ProfileFactory(verwijzer=True, user__username="verwijzer").user


@pytest.fixture
def client_nl(client):
    """Django's test client with the Dutch interface (the default language)."""
    client.cookies["django_language"] = "nl"
    return client
