"""Synthetic help requests consistent with the demo trajectories (issue #4).

Every journey that opens in 2023 gets a request some days before its first
trajectory starts, from the referrer type of that trajectory. K1 care and part of
the area-team care is dispatched at once; the rest goes through vraagverheldering,
triage (about 60% enkelvoudig, 30% meervoudig, 10% complex), a match and, when care
starts more than two weeks after the match, the waiting list (a third of those with
bridging care; Mondriaan, the GGZ provider, and Heerlen-Zuid wait longest). Care
starts on the trajectory's start date; feedback follows; the request is closed after
the feedback, except for the last month's requests, which stay open. Every step is
checked with the workflow's own :func:`~basishulp.toeleiding.domain.workflow.check`
while it is generated, so the demo cannot hold a history the application would
refuse.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from basishulp.kpi.domain.journeys import build_journeys
from basishulp.toeleiding.domain.calendar import add_working_days
from basishulp.toeleiding.domain.workflow import RequestFacts, State, check
from basishulp.trajecten.domain.records import TrajectoryRecord

__all__ = ["PlannedRequest", "PlannedStep", "plan_requests"]

SLOW_PROVIDERS = {"MONDRIAAN"}
SLOW_AREAS = {"HRL-3", "HRL-4"}  # Heerlen-Zuid


@dataclass
class PlannedStep:
    on: date
    target: State | None  # None: the first contact
    changes: dict[str, object] = field(default_factory=dict)


@dataclass
class PlannedRequest:
    received_on: date
    referrer_type: str
    municipality: str
    area: str
    client: str
    question: str
    steps: list[PlannedStep]
    facts: dict[str, object]
    state: State
    first_contact_on: date
    trajectory_id: str = ""


_QUESTIONS = (
    "Zorgen over gedrag thuis en op school.",
    "Ouders vragen ondersteuning bij opvoeding na scheiding.",
    "Somberheid en terugtrekken; huisarts verwijst.",
    "Angstklachten, schoolverzuim.",
    "Ruzies in het gezin, vraag om gezinsbegeleiding.",
    "Vermoeden van ontwikkelingsproblemen bij jong kind.",
)


def _openers(records: Sequence[TrajectoryRecord], year: int, as_of: date) -> list[TrajectoryRecord]:
    """The first trajectory of every journey (30-day rule, the KPI core's) that opens in ``year``."""
    by_id = {r.trajectory_id: r for r in records}
    openers = [by_id[j.trajectory_ids[0]] for j in build_journeys(records, as_of) if j.start.year == year]
    return sorted(openers, key=lambda r: (r.start_date, r.trajectory_id))


def _step(plan: PlannedRequest, facts: RequestFacts, target: State, on: date, **changes: object) -> RequestFacts:
    merged = {**plan.facts, **changes}
    new_facts = RequestFacts.from_values(merged)
    problems = check(plan.state, target, new_facts)
    if problems:  # pragma: no cover - a bug in the generator
        raise AssertionError(f"demo request for {plan.client}: {[p.message() for p in problems]}")
    plan.steps.append(PlannedStep(on, target, dict(changes)))
    plan.facts = merged
    plan.state = target
    return new_facts


def plan_requests(
    records: Sequence[TrajectoryRecord], today: date, year: int = 2023, seed: int = 4
) -> list[PlannedRequest]:
    rng = random.Random(seed)
    plans = []
    for r in _openers(records, year, today):
        received = r.start_date - timedelta(days=rng.randint(5, 35))
        first_contact = min(add_working_days(received, rng.choice((1, 2, 3, 3, 4, 5, 7))), r.start_date)
        plan = PlannedRequest(
            received_on=received, referrer_type=r.referrer_type or "06", municipality=r.municipality, area=r.area,
            client=r.client_id, question=rng.choice(_QUESTIONS), steps=[], facts={}, state=State.RECEIVED,
            first_contact_on=first_contact, trajectory_id=r.trajectory_id,
        )  # fmt: skip
        plan.steps.append(PlannedStep(first_contact, None))
        facts = RequestFacts()
        dispatched = r.quadrant == "K1" or (r.quadrant == "K2" and rng.random() < 0.35)
        if dispatched:
            target = "k1" if r.quadrant == "K1" else "area_team"
            facts = _step(plan, facts, State.DISPATCHED, first_contact, dispatch_target=target)
            matched_on = first_contact
        else:
            facts = _step(plan, facts, State.CLARIFYING, first_contact)
            triage = rng.choices(["enkelvoudig", "meervoudig", "complex"], [60, 30, 10])[0]
            assessed = min(add_working_days(first_contact, rng.randint(2, 9)), r.start_date)
            extra: dict[str, object] = {"analysis_report": "Analyseverslag (demo)", "triage": triage}
            if triage == "complex":
                extra["municipal_lead"] = "Regisseur gemeente (demo)"
            facts = _step(plan, facts, State.TRIAGED, assessed, **extra)
            matched_on = min(add_working_days(assessed, rng.randint(1, 8)), r.start_date)
            target = "provider" if r.quadrant == "K3" else "area_team"
            provider = r.care_unit if r.quadrant == "K3" else ""
            facts = _step(plan, facts, State.MATCHED, matched_on, match_targets=[target], matched_provider=provider)
        slow = r.care_unit in SLOW_PROVIDERS or r.area in SLOW_AREAS
        if (r.start_date - matched_on).days > (10 if slow else 14):
            reason = "bridging_care" if rng.random() < 1 / 3 else "waiting_list"
            facts = _step(plan, facts, State.WAITING, matched_on + timedelta(days=1), wait_reason=reason)
        start_facts: dict[str, object] = {"care_unit": r.care_unit}
        if plan.facts.get("triage") in ("meervoudig", "complex"):
            start_facts |= {
                "family_plan": "Gezinsplan met doelen (demo)",
                "contact_person": "Vast aanspreekpunt (demo)",
            }
        facts = _step(plan, facts, State.STARTED, max(r.start_date, plan.steps[-1].on), **start_facts)
        feedback = add_working_days(plan.steps[-1].on, rng.randint(1, 8))
        if feedback <= today:
            facts = _step(plan, facts, State.FEEDBACK_SENT, feedback)
            if r.start_date < date(year, 12, 1):  # the last month's requests stay open in the demo
                _step(plan, facts, State.CLOSED, add_working_days(feedback, rng.randint(1, 10)))
        plans.append(plan)
    return plans
