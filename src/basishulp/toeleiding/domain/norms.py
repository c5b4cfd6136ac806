"""Process-time norms per step of a help request (domain.md §3.1).

The steps are those of the half-year report: first contact after the referral,
assessment, zorgmatch and feedback to the referrer. Feedback is due after care has
started (the workflow sends it then); the time on the waiting list between the match
and the start of care is not a norm step but a waiting-list figure of its own. A step starts at one event and
ends at another (dates); its norm is a number of calendar or working days
(:mod:`.calendar`). A step applies to a request only when its start event happened
(a request dispatched at once has no assessment or match); it is *open* until its
end event, *overdue* when open past its due date, *near* when open and due within
``near_days`` working days. The chain met its norm when every step that applies met
its own. The norm values are configuration: the sources give only the outcome (90%
overall), not the norms, so the defaults here are placeholders to be set by JENS.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from .calendar import DEFAULT_RULES, HolidayRules, add_working_days, working_days_between

__all__ = [
    "DEFAULT_NORMS",
    "STEPS",
    "Norm",
    "NormShares",
    "Status",
    "Step",
    "StepResult",
    "chain_met",
    "measure",
    "share_within",
    "shares_by_group",
]


class Step(StrEnum):
    FIRST_CONTACT = "first_contact"
    ASSESSMENT = "assessment"
    MATCH = "match"
    FEEDBACK = "feedback"


class Status(StrEnum):
    MET = "met"
    LATE = "late"  # ended after its due date
    OPEN = "open"
    NEAR = "near"  # open, due soon
    OVERDUE = "overdue"  # open, past its due date


#: Step -> (start events, the first that happened wins; end event; events that make
#: the step not apply: a request dispatched at once is neither assessed nor matched).
STEPS: dict[Step, tuple[tuple[str, ...], str, tuple[str, ...]]] = {
    Step.FIRST_CONTACT: (("received",), "first_contact", ()),
    Step.ASSESSMENT: (("first_contact",), "assessed", ("dispatched",)),
    Step.MATCH: (("assessed",), "matched", ("dispatched",)),
    Step.FEEDBACK: (("started",), "feedback", ()),
}


@dataclass(frozen=True)
class Norm:
    step: Step
    days: int
    working_days: bool = True

    def __post_init__(self) -> None:
        if self.days < 0:
            raise ValueError(f"norm for {self.step} must be 0 days or more")

    def due(self, start: date, rules: HolidayRules) -> date:
        return add_working_days(start, self.days, rules) if self.working_days else start + timedelta(days=self.days)

    def elapsed(self, start: date, end: date, rules: HolidayRules) -> int:
        return working_days_between(start, end, rules) if self.working_days else max(0, (end - start).days)


#: Placeholders until JENS sets its norms (see the module docstring).
DEFAULT_NORMS: tuple[Norm, ...] = (
    Norm(Step.FIRST_CONTACT, 5),
    Norm(Step.ASSESSMENT, 10),
    Norm(Step.MATCH, 10),
    Norm(Step.FEEDBACK, 5),
)


@dataclass(frozen=True)
class StepResult:
    step: Step
    start: date
    end: date | None
    due: date
    elapsed: int  # days (of the norm's kind) up to the end, or up to as_of when open
    status: Status

    @property
    def within(self) -> bool | None:
        """Met the norm (``None`` while open and not yet overdue)."""
        if self.status == Status.MET:
            return True
        if self.status in (Status.LATE, Status.OVERDUE):
            return False
        return None


def measure(
    events: Mapping[str, date],
    as_of: date,
    norms: Sequence[Norm] = DEFAULT_NORMS,
    rules: HolidayRules = DEFAULT_RULES,
    near_days: int = 1,
) -> list[StepResult]:
    """The steps of one request that apply, in step order."""
    results = []
    for norm in norms:
        starts, end_event, skip = STEPS[norm.step]
        start = next((events[e] for e in starts if e in events), None)
        if start is None or any(e in events for e in skip):
            continue
        due = norm.due(start, rules)
        end = events.get(end_event)
        if end is not None:
            status = Status.MET if end <= due else Status.LATE
            elapsed = norm.elapsed(start, end, rules)
        else:
            elapsed = norm.elapsed(start, as_of, rules)
            if as_of > due:
                status = Status.OVERDUE
            elif working_days_between(as_of, due, rules) <= near_days:
                status = Status.NEAR
            else:
                status = Status.OPEN
        results.append(StepResult(norm.step, start, end, due, elapsed, status))
    return results


def chain_met(results: Sequence[StepResult]) -> bool | None:
    """Every step that applies met its norm; ``None`` while a step is still open in time."""
    if any(r.within is False for r in results):
        return False
    if not results or any(r.within is None for r in results):
        return None
    return True


def share_within(outcomes: Iterable[bool | None]) -> Decimal | None:
    """Share of decided outcomes that met the norm, three decimals (``None`` if none)."""
    decided = [o for o in outcomes if o is not None]
    if not decided:
        return None
    return (Decimal(sum(decided)) / len(decided)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class NormShares:
    """Shares within norm for one group of requests: per step and for the chain;
    ``counts`` says how many decided outcomes each share is based on."""

    steps: dict[Step, Decimal | None]
    chain: Decimal | None
    counts: dict[str, int]


def shares_by_group(groups: Mapping[str, Sequence[Sequence[StepResult]]]) -> dict[str, NormShares]:
    """Per group (municipality, area, month, ...): the share of requests that met each
    step's norm and the chain's, counting only decided outcomes."""
    result = {}
    for key, requests in groups.items():
        per_step: dict[Step, list[bool | None]] = {s: [] for s in Step}
        chains = []
        for results in requests:
            for r in results:
                per_step[r.step].append(r.within)
            chains.append(chain_met(results))
        counts = {str(s): sum(o is not None for o in outcomes) for s, outcomes in per_step.items()}
        counts["chain"] = sum(c is not None for c in chains)
        result[key] = NormShares({s: share_within(o) for s, o in per_step.items()}, share_within(chains), counts)
    return result
