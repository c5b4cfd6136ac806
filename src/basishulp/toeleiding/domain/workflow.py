"""The states of a help request and the transitions between them (domain.md §3.1).

One declarative table, :data:`TRANSITIONS`, says which state may follow which;
:data:`REQUIREMENTS` says what a request must have before it may enter a state (a
triage level before *triaged*, a family plan and a fixed contact person before a
meervoudig or complex request *starts*, ...). :func:`check` returns every reason a
transition is refused, as :class:`Problem` codes with parameters, so the web layer
can word them in the user's language; :meth:`Problem.message` is the English text.
Nothing here edits a request: the caller appends the transition to its history.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "FINAL",
    "REQUIREMENTS",
    "TRANSITIONS",
    "CareType",
    "MatchTarget",
    "Problem",
    "RequestFacts",
    "State",
    "TransitionError",
    "Triage",
    "WaitReason",
    "check",
    "next_states",
]


class State(StrEnum):
    RECEIVED = "received"
    DISPATCHED = "dispatched"  # handled at once by K1 or the area team, no vraagverheldering
    CLARIFYING = "clarifying"  # vraagverheldering, ends with an analyseverslag
    TRIAGED = "triaged"
    MATCHED = "matched"
    WAITING = "waiting"
    STARTED = "started"
    FEEDBACK_SENT = "feedback_sent"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


class Triage(StrEnum):
    SINGLE = "enkelvoudig"
    MULTIPLE = "meervoudig"
    COMPLEX = "complex"


class MatchTarget(StrEnum):
    K1 = "k1"
    AREA_TEAM = "area_team"
    PROVIDER = "provider"  # an outsourced (K3) provider


class WaitReason(StrEnum):
    WAITING_LIST = "waiting_list"
    BRIDGING_CARE = "bridging_care"  # overbruggingszorg while waiting
    CLIENT_CHOICE = "client_choice"  # the client chooses to wait for this provider


class CareType(StrEnum):
    """The kind of care a client is matched to and may wait for (domain.md §3.5)."""

    GGZ = "ggz"  # GGZ treatment
    PMT_PMK = "pmt_pmk"  # psychomotor therapy (PMT) / for young children (PMK)
    TREATMENT = "behandeling"  # other treatment
    SUPPORT = "begeleiding"  # youth and family support
    OTHER = "overig"


#: Which state may follow which. Withdrawal is possible until care has started.
TRANSITIONS: dict[State, frozenset[State]] = {
    State.RECEIVED: frozenset({State.DISPATCHED, State.CLARIFYING, State.WITHDRAWN}),
    State.DISPATCHED: frozenset({State.WAITING, State.STARTED, State.WITHDRAWN}),
    State.CLARIFYING: frozenset({State.TRIAGED, State.WITHDRAWN}),
    State.TRIAGED: frozenset({State.MATCHED, State.WITHDRAWN}),
    State.MATCHED: frozenset({State.WAITING, State.STARTED, State.WITHDRAWN}),
    State.WAITING: frozenset({State.STARTED, State.WITHDRAWN}),
    State.STARTED: frozenset({State.FEEDBACK_SENT}),
    State.FEEDBACK_SENT: frozenset({State.CLOSED}),
    State.CLOSED: frozenset(),
    State.WITHDRAWN: frozenset(),
}

FINAL: frozenset[State] = frozenset(s for s, after in TRANSITIONS.items() if not after)


@dataclass(frozen=True)
class RequestFacts:
    """What the workflow needs to know of a request (and of the action asked)."""

    triage: Triage | None = None
    match_targets: frozenset[MatchTarget] = field(default_factory=frozenset)
    dispatch_target: MatchTarget | None = None
    wait_reason: WaitReason | None = None
    care_type: CareType | None = None
    has_analysis_report: bool = False
    has_family_plan: bool = False
    has_contact_person: bool = False
    has_feedback: bool = False  # the text sent back to the referrer
    municipal_lead: str = ""  # who at the municipality holds the regie (complex requests)
    care_unit: str = ""  # the unit whose care starts (its trajectory is created)

    @classmethod
    def from_values(cls, values: Mapping[str, object]) -> RequestFacts:
        """Facts from stored values (a request's fields; absent or empty = not given)."""

        def text(name: str) -> str:
            value = values.get(name)
            return "" if value is None else str(value).strip()

        targets = values.get("match_targets") or ()
        return cls(
            triage=Triage(text("triage")) if text("triage") else None,
            match_targets=frozenset(MatchTarget(str(t)) for t in targets),  # type: ignore[attr-defined]
            dispatch_target=MatchTarget(text("dispatch_target")) if text("dispatch_target") else None,
            wait_reason=WaitReason(text("wait_reason")) if text("wait_reason") else None,
            care_type=CareType(text("care_type")) if text("care_type") else None,
            has_analysis_report=bool(text("analysis_report")),
            has_family_plan=bool(text("family_plan")),
            has_contact_person=bool(text("contact_person")),
            has_feedback=bool(text("feedback")),
            municipal_lead=text("municipal_lead"),
            withdraw_reason=text("withdraw_reason"),
            care_unit=text("care_unit"),
        )

    withdraw_reason: str = ""


_MESSAGES = {
    "not_allowed": "a request that is {current} cannot become {target}; possible next steps: {allowed}",
    "final": "the request is {current}: nothing can follow",
    "same": "the request is already {current}",
    "dispatch_target": "choose who takes the request at once: K1 or the area team",
    "analysis_report": "add the analyseverslag of the vraagverheldering first",
    "triage": "choose the triage level: enkelvoudig, meervoudig or complex",
    "municipal_lead": "record who at the municipality holds the regie (complex request)",
    "match_targets": "choose at least one match: K1, the area team or a provider",
    "wait_reason": "choose why the client waits: waiting list, bridging care or the client's choice",
    "care_type": "choose the type of care the client waits for",
    "family_plan": "a {triage} request needs a gezinsplan before care starts",
    "contact_person": "a {triage} request needs a vast aanspreekpunt before care starts",
    "withdraw_reason": "give the reason for withdrawing the request",
    "feedback": "write the feedback for the referrer",
    "care_unit": "choose the area team or provider whose care starts",
}


@dataclass(frozen=True)
class Problem:
    code: str
    params: tuple[tuple[str, str], ...] = ()

    def message(self) -> str:
        return _MESSAGES[self.code].format(**dict(self.params))


class TransitionError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.message() for p in problems))


def _needs_family_plan(f: RequestFacts) -> list[Problem]:
    if f.triage not in (Triage.MULTIPLE, Triage.COMPLEX):
        return []
    params = (("triage", str(f.triage)),)
    problems = []
    if not f.has_family_plan:
        problems.append(Problem("family_plan", params))
    if not f.has_contact_person:
        problems.append(Problem("contact_person", params))
    return problems


def _require(ok: Callable[[RequestFacts], bool], code: str) -> Callable[[RequestFacts], list[Problem]]:
    return lambda f: [] if ok(f) else [Problem(code)]


#: What a request must have before it may enter a state.
REQUIREMENTS: dict[State, tuple[Callable[[RequestFacts], list[Problem]], ...]] = {
    State.DISPATCHED: (
        _require(lambda f: f.dispatch_target in (MatchTarget.K1, MatchTarget.AREA_TEAM), "dispatch_target"),
    ),
    State.TRIAGED: (
        _require(lambda f: f.has_analysis_report, "analysis_report"),
        _require(lambda f: f.triage is not None, "triage"),
        _require(lambda f: f.triage != Triage.COMPLEX or bool(f.municipal_lead.strip()), "municipal_lead"),
    ),
    State.MATCHED: (_require(lambda f: bool(f.match_targets), "match_targets"),),
    State.WAITING: (
        _require(lambda f: f.wait_reason is not None, "wait_reason"),
        _require(lambda f: f.care_type is not None, "care_type"),
    ),
    State.STARTED: (_require(lambda f: bool(f.care_unit.strip()), "care_unit"), _needs_family_plan),
    State.FEEDBACK_SENT: (_require(lambda f: f.has_feedback, "feedback"),),
    State.WITHDRAWN: (_require(lambda f: bool(f.withdraw_reason.strip()), "withdraw_reason"),),
}


def next_states(current: State) -> list[State]:
    """The states that may follow ``current``, in the order of :class:`State`."""
    return [s for s in State if s in TRANSITIONS[current]]


def check(current: State, target: State, facts: RequestFacts) -> list[Problem]:
    """Every reason why ``current`` may not become ``target`` (empty: allowed)."""
    if target == current:
        return [Problem("same", (("current", str(current)),))]
    if current in FINAL:
        return [Problem("final", (("current", str(current)),))]
    if target not in TRANSITIONS[current]:
        allowed = ", ".join(str(s) for s in next_states(current))
        return [Problem("not_allowed", (("current", str(current)), ("target", str(target)), ("allowed", allowed)))]
    problems: list[Problem] = []
    for requirement in REQUIREMENTS.get(target, ()):
        problems.extend(requirement(facts))
    return problems
