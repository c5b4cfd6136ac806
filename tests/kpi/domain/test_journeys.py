"""Table-driven boundary cases for the journey definition (30-day rule, closing)."""

from __future__ import annotations

import pytest

from basishulp.kpi.domain.journeys import build_journeys, latest_date

from .helpers import LANDGRAAF, d, traj


def journeys_of(records, as_of="2023-12-31", scope=None):
    return sorted(build_journeys(records, d(as_of), scope), key=lambda j: (j.client_id, j.start))


@pytest.mark.parametrize(
    ("second_start", "expected_journeys"),
    [
        ("2023-03-01", 1),  # 29 days after 2023-01-31
        ("2023-03-02", 1),  # exactly 30 days: the journey continues
        ("2023-03-03", 2),  # 31 days: a new journey
        ("2023-06-01", 2),
    ],
)
def test_thirty_day_rule_boundary(second_start, expected_journeys):
    records = [
        traj("a", "c1", "2023-01-01", "2023-01-31"),
        traj("b", "c1", second_start, "2023-06-30"),
    ]
    assert len(journeys_of(records)) == expected_journeys


def test_gap_is_measured_from_latest_end_of_the_journey_so_far():
    # b ends before a does; c starts 30 days after a's end (not b's): one journey.
    records = [
        traj("a", "c1", "2023-01-01", "2023-04-30"),
        traj("b", "c1", "2023-01-10", "2023-02-01"),
        traj("c", "c1", "2023-05-30", "2023-06-15"),
    ]
    [journey] = journeys_of(records)
    assert journey.start == d("2023-01-01")
    assert journey.close_date == d("2023-06-15")
    assert journey.trajectory_ids == ("a", "b", "c")


def test_overlapping_trajectories_at_two_care_units_form_one_journey():
    records = [
        traj("a", "c1", "2023-01-01", "2023-05-31", unit="GT-HRL-1", quadrant="K2", reason="34"),
        traj("b", "c1", "2023-02-01", "2023-03-31", unit="XONAR", quadrant="K3", reason="31"),
    ]
    [journey] = journeys_of(records)
    assert (journey.start, journey.close_date, journey.duration_days) == (d("2023-01-01"), d("2023-05-31"), 151)
    assert journey.care_unit == "GT-HRL-1"
    assert journey.end_reason == "34"  # the trajectory with the latest end date
    # per care unit, each unit has its own episode
    episodes = journeys_of(records, scope="care_unit")
    assert [(e.scope_key, e.duration_days) for e in episodes] == [("GT-HRL-1", 151), ("XONAR", 59)]


def test_same_day_start_and_end_lasts_one_day():
    [journey] = journeys_of([traj("a", "c1", "2023-02-01", "2023-02-01")])
    assert journey.duration_days == 1


@pytest.mark.parametrize(
    ("as_of", "closed"),
    [
        ("2023-06-20", False),  # the day it ends
        ("2023-07-20", False),  # 30 days later the client may still come back
        ("2023-07-21", True),  # 31 days later the journey is closed on 2023-06-20
    ],
)
def test_closing_is_judged_on_the_reporting_date(as_of, closed):
    [journey] = journeys_of([traj("a", "c1", "2023-01-01", "2023-06-20")], as_of=as_of)
    assert journey.closed is closed
    assert journey.close_date == (d("2023-06-20") if closed else None)


def test_open_trajectory_keeps_the_journey_open_and_absorbs_later_starts():
    records = [
        traj("a", "c1", "2022-01-01"),
        traj("b", "c1", "2023-01-01", "2023-02-01"),
    ]
    [journey] = journeys_of(records)
    assert not journey.closed and journey.last_end is None


def test_end_date_after_reporting_date_is_not_known_yet():
    records = [traj("a", "c1", "2023-01-01", "2023-08-01")]
    [journey] = journeys_of(records, as_of="2023-06-30")
    assert not journey.closed
    assert journey.last_end is None


def test_trajectory_starting_after_reporting_date_is_ignored():
    assert journeys_of([traj("a", "c1", "2023-07-01", "2023-08-01")], as_of="2023-06-30") == []


def test_client_moving_between_municipalities_keeps_the_opening_municipality():
    records = [
        traj("a", "c1", "2022-10-01", "2023-02-28"),
        traj("b", "c1", "2023-03-10", "2023-08-31", municipality=LANDGRAAF, area="LGF-1"),
    ]
    [journey] = journeys_of(records)
    assert journey.municipality == "GM0917"
    assert journey.area == "HRL-1"


def test_end_reason_ties_latest_start_then_highest_id():
    records = [
        traj("a", "c1", "2023-01-01", "2023-03-31", reason="34"),
        traj("b", "c1", "2023-02-01", "2023-03-31", reason="35"),
        traj("c", "c1", "2023-02-01", "2023-03-31", reason="31"),
    ]
    [journey] = journeys_of(records)
    assert journey.end_reason == "31"  # b and c tie on start; c has the higher id
    records[2] = traj("c", "c1", "2023-02-01", "2023-03-31", reason="")
    [journey] = journeys_of(records)
    assert journey.end_reason == "unknown"


def test_sequence_and_previous_close_for_returning_clients():
    records = [
        traj("a", "c1", "2021-01-01", "2021-03-31"),
        traj("b", "c1", "2021-06-01", "2021-06-30"),
        traj("c", "c1", "2022-01-15"),
    ]
    journeys = journeys_of(records)
    assert [j.seq for j in journeys] == [1, 2, 3]
    assert [j.previous_close for j in journeys] == [None, d("2021-03-31"), d("2021-06-30")]


def test_latest_date_is_the_latest_start_or_end():
    records = [traj("a", "c1", "2023-01-01", "2023-03-31"), traj("b", "c2", "2023-04-02")]
    assert latest_date(records) == d("2023-04-02")
    assert latest_date([]) is None
