"""Synthetic help requests consistent with the demo trajectories (issue #4).

- Every journey that opens in 2022 or 2023 gets a request before its first
  trajectory starts, from that trajectory's referrer type (zelfverwijzer is the
  largest group); every K3 trajectory that starts within a running journey gets one
  too (a referral to a provider by JENS itself: zelfverwijzer). So requests per month
  rise slightly in 2023, as the inflow does.
- K1 care and a third of the area-team care are dispatched at once; the rest goes
  through vraagverheldering, triage (about 60% enkelvoudig, 30% meervoudig, 10%
  complex) and a match with a type of care.
- When care starts more than ten days after the match, the request waits (a third
  with bridging care). The wait is drawn around a mean that grows through the first
  half of 2023 at the GGZ providers and in Heerlen-Zuid (seed 001 §8); PMT/PMK in the
  area teams waits about two months.
- Care starts on the trajectory's start date; feedback follows and the request is
  closed, except in the data's last weeks. About 4% of requests are withdrawn, and
  requests received in the last weeks of the data are still open (received, in
  vraagverheldering, matched or waiting) for new clients who are not in care yet.

Every step is checked with the workflow's own
:func:`~basishulp.toeleiding.domain.workflow.check` while it is generated, so the demo
cannot hold a history the application would refuse.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from basishulp.kpi.domain.journeys import build_journeys
from basishulp.toeleiding.domain.calendar import add_working_days
from basishulp.toeleiding.domain.workflow import CareType, RequestFacts, State, check
from basishulp.trajecten.domain.records import TrajectoryRecord

__all__ = ["DATA_END", "GGZ_PROVIDERS", "PlannedRequest", "PlannedStep", "plan_requests"]

GGZ_PROVIDERS = frozenset({"MONDRIAAN", "LIONARONS-GGZ", "MOVENTIS-GGZ"})
SLOW_AREAS = frozenset({"HRL-3", "HRL-4"})  # Heerlen-Zuid
YEARS = (2022, 2023)
#: The demo trajectories run to the end of 2023: nothing happens after that day.
DATA_END = date(2023, 12, 31)


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
    first_contact_on: date | None
    trajectory_id: str = ""


_QUESTIONS = (
    "Zorgen over gedrag thuis en op school.",
    "Ouders vragen ondersteuning bij opvoeding na scheiding.",
    "Somberheid en terugtrekken; huisarts verwijst.",
    "Angstklachten, schoolverzuim.",
    "Ruzies in het gezin, vraag om gezinsbegeleiding.",
    "Vermoeden van ontwikkelingsproblemen bij jong kind.",
)
_EXTENSIONS = (
    "Gebiedsteam vraagt GGZ-behandeling aan naast de begeleiding.",
    "Verwijzing naar gespecialiseerde aanbieder na evaluatie (RTO).",
    "Aanvullende behandeling nodig; doelen niet bereikt in het gebiedsteam.",
)


def _step(plan: PlannedRequest, target: State, on: date, **changes: object) -> None:
    merged = {**plan.facts, **changes}
    problems = check(plan.state, target, RequestFacts.from_values(merged))
    if problems:  # pragma: no cover - a bug in the generator
        raise AssertionError(f"demo request for {plan.client}: {[p.message() for p in problems]}")
    plan.steps.append(PlannedStep(on, target, dict(changes)))
    plan.facts = merged
    plan.state = target


def _triage_and_match(
    rng: random.Random, plan: PlannedRequest, first_contact: date, latest: date, r: TrajectoryRecord | None,
    care_type: str,
) -> date:  # fmt: skip
    """Vraagverheldering, triage and match; returns the match date (never after ``latest``)."""
    _step(plan, State.CLARIFYING, first_contact)
    triage = rng.choices(["enkelvoudig", "meervoudig", "complex"], [60, 30, 10])[0]
    assessed = min(add_working_days(first_contact, rng.randint(2, 9)), latest)
    extra: dict[str, object] = {"analysis_report": "Analyseverslag (demo)", "triage": triage}
    if triage == "complex":
        extra["municipal_lead"] = "Regisseur gemeente (demo)"
    _step(plan, State.TRIAGED, assessed, **extra)
    matched_on = min(add_working_days(assessed, rng.randint(1, 8)), latest)
    provider = r is not None and r.quadrant == "K3"
    _step(
        plan, State.MATCHED, matched_on, match_targets=["provider" if provider else "area_team"],
        matched_provider=r.care_unit if r is not None and provider else "", care_type=care_type,
    )  # fmt: skip
    return matched_on


def plan_requests(
    records: Sequence[TrajectoryRecord], today: date, years: tuple[int, ...] = YEARS, seed: int = 4
) -> list[PlannedRequest]:
    """The demo's help requests: one per journey opened in ``years``, one per K3
    trajectory that starts within a running journey, withdrawn requests, and requests
    still open when the data end (:data:`DATA_END` or ``today``, the earlier)."""
    rng = random.Random(seed)
    end = min(today, DATA_END)
    plans: list[PlannedRequest] = []
    for r, opener in _sources(records, years, today):
        plans.append(_plan_for_trajectory(rng, r, opener, end))
    plans.extend(_withdrawn(rng, plans, end))
    plans.extend(_still_open(rng, records, years, today, end))
    seen: set[tuple[str, date]] = set()
    for plan in plans:  # one request per client and day (the loader's identity)
        while (plan.client, plan.received_on) in seen:
            plan.received_on -= timedelta(days=1)
        seen.add((plan.client, plan.received_on))
    return plans


def _sources(
    records: Sequence[TrajectoryRecord], years: tuple[int, ...], as_of: date
) -> list[tuple[TrajectoryRecord, bool]]:
    """The trajectories that had a request: the first of every journey (30-day rule,
    the KPI core's) and every K3 trajectory within a running journey, with whether
    it opened the journey."""
    by_id = {r.trajectory_id: r for r in records}
    openers = {j.trajectory_ids[0] for j in build_journeys(records, as_of)}
    chosen = [
        (r, r.trajectory_id in openers)
        for r in by_id.values()
        if r.start_date.year in years and (r.trajectory_id in openers or r.quadrant == "K3")
    ]
    return sorted(chosen, key=lambda x: (x[0].start_date, x[0].trajectory_id))


def _mean_wait(r: TrajectoryRecord) -> float:
    """Mean days between match and start of care: the GGZ providers and Heerlen-Zuid
    wait longer from 2023 on, growing until September (seed 001 §8 reports the growth
    in the first half year)."""
    months = (r.start_date.year - 2022) * 12 + r.start_date.month - 1
    growth = max(0.0, min(1.0, (months - 14) / 8))
    if r.quadrant == "K3":
        return 30 + 170 * growth if r.care_unit in GGZ_PROVIDERS else 15
    if r.area in SLOW_AREAS:
        return 8 + 40 * growth
    return 6


def _care_type(rng: random.Random, r: TrajectoryRecord) -> str:
    if r.quadrant == "K3":
        if r.care_unit in GGZ_PROVIDERS:
            return CareType.GGZ
        return CareType.TREATMENT if rng.random() < 0.4 else CareType.SUPPORT
    if r.quadrant == "K2" and rng.random() < 0.12:
        return CareType.PMT_PMK
    return CareType.SUPPORT if r.quadrant == "K2" else CareType.OTHER


def _plan_for_trajectory(rng: random.Random, r: TrajectoryRecord, opener: bool, end: date) -> PlannedRequest:
    care_type = _care_type(rng, r)
    wait = rng.gammavariate(2.0, _mean_wait(r) / 2)
    if care_type == CareType.PMT_PMK:
        wait = rng.gammavariate(3.0, 20.0)
    dispatched = opener and (r.quadrant == "K1" or (r.quadrant == "K2" and rng.random() < 0.35))
    lead = rng.randint(3, 12) if dispatched else rng.randint(14, 30)
    received = r.start_date - timedelta(days=round(wait) + lead)
    first_contact = min(add_working_days(received, rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 5, 7))), r.start_date)
    plan = PlannedRequest(
        received_on=received, referrer_type=(r.referrer_type or "06") if opener else "06",
        municipality=r.municipality, area=r.area, client=r.client_id,
        question=rng.choice(_QUESTIONS if opener else _EXTENSIONS), steps=[], facts={}, state=State.RECEIVED,
        first_contact_on=first_contact, trajectory_id=r.trajectory_id,
    )  # fmt: skip
    plan.steps.append(PlannedStep(first_contact, None))
    if dispatched:
        target = "k1" if r.quadrant == "K1" else "area_team"
        _step(plan, State.DISPATCHED, first_contact, dispatch_target=target)
        matched_on = first_contact
    else:
        matched_on = _triage_and_match(rng, plan, first_contact, r.start_date, r, care_type)
    if (r.start_date - matched_on).days > 10:
        reason = "bridging_care" if rng.random() < 1 / 3 else "waiting_list"
        _step(plan, State.WAITING, matched_on + timedelta(days=1), wait_reason=reason, care_type=care_type)
    start_facts: dict[str, object] = {"care_unit": r.care_unit}
    if plan.facts.get("triage") in ("meervoudig", "complex"):
        start_facts |= {"family_plan": "Gezinsplan met doelen (demo)", "contact_person": "Vast aanspreekpunt (demo)"}
    _step(plan, State.STARTED, max(r.start_date, plan.steps[-1].on), **start_facts)
    if plan.steps[-1].on > end:
        return plan  # cut by the caller
    feedback = add_working_days(plan.steps[-1].on, rng.choice((1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 8)))
    if feedback <= end:
        _step(plan, State.FEEDBACK_SENT, feedback, feedback=_FEEDBACK)
        closed = add_working_days(feedback, rng.randint(1, 10))
        if closed <= end - timedelta(days=14):  # the last weeks' requests stay open
            _step(plan, State.CLOSED, closed)
    return plan


def _withdrawn(rng: random.Random, plans: Sequence[PlannedRequest], end: date) -> list[PlannedRequest]:
    """About 4% more requests, withdrawn before care started (new clients)."""
    out = []
    for i, model in enumerate(rng.sample(list(plans), k=len(plans) // 25)):
        received = model.received_on + timedelta(days=rng.randint(0, 20))
        if received > end - timedelta(days=30):
            continue
        plan = PlannedRequest(
            received_on=received, referrer_type=model.referrer_type, municipality=model.municipality,
            area=model.area, client=f"DEMO-W-{i + 1:04d}", question=rng.choice(_QUESTIONS), steps=[], facts={},
            state=State.RECEIVED, first_contact_on=add_working_days(received, rng.randint(1, 5)),
        )  # fmt: skip
        plan.steps.append(PlannedStep(plan.first_contact_on, None))
        on = plan.first_contact_on
        if rng.random() < 0.6:
            _step(plan, State.CLARIFYING, on)
            on = add_working_days(on, rng.randint(1, 10))
        _step(plan, State.WITHDRAWN, on, withdraw_reason=rng.choice(_WITHDRAW_REASONS))
        out.append(plan)
    return out


def _still_open(
    rng: random.Random, records: Sequence[TrajectoryRecord], years: tuple[int, ...], as_of: date, end: date
) -> list[PlannedRequest]:
    """Requests received before ``end`` for care that starts after it: new clients
    with the same mix and timing as the half-year before ``end`` (those trajectories
    moved half a year on), cut at ``end``. Without them the waiting list would empty
    towards the end of the data, since nobody could wait for care the data do not hold."""
    out = []
    recent = [(r, opener) for r, opener in _sources(records, years, as_of) if r.start_date > end - timedelta(days=183)]
    for i, (r, opener) in enumerate(recent):
        future = dataclasses.replace(
            r, trajectory_id="", client_id=f"DEMO-N-{i + 1:04d}", start_date=r.start_date + timedelta(days=183)
        )
        plan = _plan_for_trajectory(rng, future, opener, end)
        if plan.received_on <= end:
            out.append(_cut(plan, end))
    return out


def _cut(plan: PlannedRequest, end: date) -> PlannedRequest:
    """``plan`` as it stood on ``end``: later steps dropped, state and facts replayed."""
    steps = [s for s in plan.steps if s.on <= end]
    facts: dict[str, object] = {}
    state = State.RECEIVED
    for s in steps:
        facts |= s.changes
        state = s.target or state
    first_contact = plan.first_contact_on if plan.first_contact_on and plan.first_contact_on <= end else None
    return dataclasses.replace(plan, steps=steps, facts=facts, state=state, first_contact_on=first_contact)


_FEEDBACK = "Uw aanmelding is opgepakt en de zorg is gestart. (demo)"
_WITHDRAW_REASONS = (
    "Ouders zien af van hulp (demo).",
    "Verhuisd buiten de regio (demo).",
    "Hulp elders gevonden (demo).",
)
