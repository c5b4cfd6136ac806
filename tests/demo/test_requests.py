"""Demo help requests: consistent with the trajectories and with the workflow."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from basishulp.demo.generator import generate
from basishulp.demo.requests import DATA_END, plan_requests
from basishulp.toeleiding.domain.workflow import State

TODAY = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def plans():
    return plan_requests(generate(), TODAY)


def test_one_request_per_journey_and_per_provider_referral(plans) -> None:
    from basishulp.kpi.domain.journeys import build_journeys

    records = generate()
    openers = {j.trajectory_ids[0] for j in build_journeys(records, TODAY) if j.start.year in (2022, 2023)}
    k3_within = {
        r.trajectory_id
        for r in records
        if r.start_date.year in (2022, 2023) and r.quadrant == "K3" and r.trajectory_id not in openers
    }
    with_trajectory = [p.trajectory_id for p in plans if p.trajectory_id]
    assert len(with_trajectory) == len(set(with_trajectory)) == len(openers | k3_within)
    assert set(with_trajectory) == openers | k3_within
    assert all(p.received_on <= DATA_END for p in plans)
    assert len({(p.client, p.received_on) for p in plans}) == len(plans)  # the loader's identity


def test_shares_and_order(plans) -> None:
    referrers = Counter(p.referrer_type for p in plans)
    assert referrers.most_common(1)[0][0] == "06"  # zelfverwijzer is the largest group (seed 001 §4)
    triage = Counter(p.facts.get("triage") for p in plans if p.facts.get("triage"))
    total = sum(triage.values())
    assert 0.5 < triage["enkelvoudig"] / total < 0.7
    assert 0.05 < triage["complex"] / total < 0.15
    for p in plans:
        dates = [p.received_on, *(s.on for s in p.steps)]
        assert dates == sorted(dates), p.client
        assert all(s.on <= DATA_END for s in p.steps), p.client
    states = Counter(p.state for p in plans)
    assert states[State.CLOSED] > 0.8 * len(plans)
    assert 0.02 < states[State.WITHDRAWN] / len(plans) < 0.06
    assert {State.RECEIVED, State.CLARIFYING, State.TRIAGED, State.WAITING} <= set(states)  # open at the end
    # open requests have no trajectory; requests whose care started have one
    for p in plans:
        assert bool(p.trajectory_id) == any(s.target == State.STARTED for s in p.steps), p.client


def test_requests_per_month_rise_slightly_in_2023(plans) -> None:
    per_year = Counter(p.received_on.year for p in plans if p.received_on.month <= 6)
    assert 1.05 < per_year[2023] / per_year[2022] < 1.4


def _waiting_on(plans, day, keep=lambda p: True) -> int:
    count = 0
    for p in plans:
        targets = [(s.on, s.target) for s in p.steps if s.target]
        waits = [on for on, t in targets if t == State.WAITING]
        ends = [on for on, t in targets if t in (State.STARTED, State.WITHDRAWN)]
        if keep(p) and waits and waits[0] <= day and not any(waits[0] <= e <= day for e in ends):
            count += 1
    return count


def test_the_waiting_list_grows_at_the_ggz_providers_and_in_heerlen_zuid(plans) -> None:
    q1, h1 = dt.date(2023, 3, 31), dt.date(2023, 6, 30)
    ggz = lambda p: p.facts.get("care_type") == "ggz"  # noqa: E731
    zuid = lambda p: p.area in ("HRL-3", "HRL-4")  # noqa: E731
    assert _waiting_on(plans, h1, ggz) > _waiting_on(plans, q1, ggz) > _waiting_on(plans, dt.date(2022, 12, 31), ggz)
    assert _waiting_on(plans, h1, zuid) > _waiting_on(plans, q1, zuid)
    assert _waiting_on(plans, DATA_END) > 50  # people still wait when the data end
    pmt = _waiting_on(plans, h1, lambda p: p.facts.get("care_type") == "pmt_pmk")
    assert 5 <= pmt <= 30  # seed 001 §8: 11 to 14 waiting for PMT/PMK


@pytest.mark.django_db
def test_loading_twice_adds_nothing(plans) -> None:
    from basishulp.toeleiding.models import HelpRequest, HelpRequestEvent
    from basishulp.toeleiding.services import load_planned
    from basishulp.trajecten.services import trajectories_import

    trajectories_import(records=generate(), filename="demo")
    assert load_planned(plans) == len(plans)
    events = HelpRequestEvent.objects.count()
    assert load_planned(plans) == 0
    assert HelpRequestEvent.objects.count() == events
    assert HelpRequest.objects.filter(reference="HV-2023-00001").exists()
