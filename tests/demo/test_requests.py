"""Demo help requests: consistent with the trajectories and with the workflow."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from basishulp.demo.generator import generate
from basishulp.demo.requests import plan_requests
from basishulp.toeleiding.domain.workflow import State

TODAY = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def plans():
    return plan_requests(generate(), TODAY)


def test_one_request_per_journey_opened_in_2023(plans) -> None:
    from basishulp.kpi.domain.journeys import build_journeys

    records = generate()
    openers = [j for j in build_journeys(records, TODAY) if j.start.year == 2023]
    assert len(plans) == len(openers)
    assert all(p.received_on < dt.date(2023, 12, 31) for p in plans)


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
    states = Counter(p.state for p in plans)
    assert set(states) <= {State.CLOSED, State.FEEDBACK_SENT}
    assert states[State.FEEDBACK_SENT] < states[State.CLOSED]
    assert any(s.target == State.WAITING for p in plans for s in p.steps)


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
