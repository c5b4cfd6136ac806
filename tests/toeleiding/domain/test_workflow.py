"""The help-request state machine: every transition of the table, and every refusal."""

from __future__ import annotations

import itertools

import pytest

from basishulp.toeleiding.domain.workflow import (
    FINAL,
    TRANSITIONS,
    CareType,
    MatchTarget,
    RequestFacts,
    State,
    Triage,
    WaitReason,
    check,
    next_states,
)

COMPLETE = RequestFacts(
    triage=Triage.COMPLEX,
    match_targets=frozenset({MatchTarget.AREA_TEAM, MatchTarget.PROVIDER}),
    dispatch_target=MatchTarget.AREA_TEAM,
    wait_reason=WaitReason.BRIDGING_CARE,
    care_type=CareType.GGZ,
    has_analysis_report=True,
    has_family_plan=True,
    has_contact_person=True,
    has_feedback=True,
    municipal_lead="regisseur gemeente Heerlen",
    withdraw_reason="ouders trekken de aanmelding in",
    care_unit="GT-HRL-3",
)


def test_the_happy_paths_are_allowed() -> None:
    path = [State.RECEIVED, State.CLARIFYING, State.TRIAGED, State.MATCHED, State.WAITING, State.STARTED,
            State.FEEDBACK_SENT, State.CLOSED]  # fmt: skip
    for current, target in itertools.pairwise(path):
        assert check(current, target, COMPLETE) == [], (current, target)
    direct = [State.RECEIVED, State.DISPATCHED, State.STARTED, State.FEEDBACK_SENT, State.CLOSED]
    for current, target in itertools.pairwise(direct):
        assert check(current, target, COMPLETE) == []


@pytest.mark.parametrize(("current", "target"), [(c, t) for c in State for t in State if t not in TRANSITIONS[c]])
def test_every_transition_outside_the_table_is_refused(current: State, target: State) -> None:
    problems = check(current, target, COMPLETE)
    assert len(problems) == 1
    text = problems[0].message()
    if current == target:
        assert text == f"the request is already {current}"
    elif current in FINAL:
        assert text == f"the request is {current}: nothing can follow"
    else:
        assert text.startswith(f"a request that is {current} cannot become {target}; possible next steps: ")


def test_withdrawal_until_care_starts_and_final_states() -> None:
    assert {State.CLOSED, State.WITHDRAWN} == FINAL
    for state in State:
        withdrawable = State.WITHDRAWN in TRANSITIONS[state]
        assert withdrawable == (state not in FINAL | {State.STARTED, State.FEEDBACK_SENT})
    assert next_states(State.MATCHED) == [State.WAITING, State.STARTED, State.WITHDRAWN]


@pytest.mark.parametrize(
    ("current", "target", "facts", "messages"),
    [
        (State.RECEIVED, State.DISPATCHED, RequestFacts(dispatch_target=MatchTarget.PROVIDER),
         ["choose who takes the request at once: K1 or the area team"]),
        (State.CLARIFYING, State.TRIAGED, RequestFacts(),
         ["add the analyseverslag of the vraagverheldering first",
          "choose the triage level: enkelvoudig, meervoudig or complex"]),
        (State.CLARIFYING, State.TRIAGED, RequestFacts(has_analysis_report=True, triage=Triage.COMPLEX),
         ["record who at the municipality holds the regie (complex request)"]),
        (State.TRIAGED, State.MATCHED, RequestFacts(triage=Triage.SINGLE),
         ["choose at least one match: K1, the area team or a provider"]),
        (State.MATCHED, State.WAITING, RequestFacts(),
         ["choose why the client waits: waiting list, bridging care or the client's choice",
          "choose the type of care the client waits for"]),
        (State.MATCHED, State.STARTED, RequestFacts(triage=Triage.MULTIPLE),
         ["choose the area team or provider whose care starts",
          "a meervoudig request needs a gezinsplan before care starts",
          "a meervoudig request needs a vast aanspreekpunt before care starts"]),
        (State.WAITING, State.STARTED, RequestFacts(triage=Triage.COMPLEX, has_family_plan=True, care_unit="X"),
         ["a complex request needs a vast aanspreekpunt before care starts"]),
        (State.STARTED, State.FEEDBACK_SENT, RequestFacts(), ["write the feedback for the referrer"]),
        (State.RECEIVED, State.WITHDRAWN, RequestFacts(withdraw_reason="  "),
         ["give the reason for withdrawing the request"]),
    ],
)  # fmt: skip
def test_requirements(current: State, target: State, facts: RequestFacts, messages: list[str]) -> None:
    assert [p.message() for p in check(current, target, facts)] == messages


def test_a_single_request_starts_without_a_family_plan() -> None:
    assert check(State.MATCHED, State.STARTED, RequestFacts(triage=Triage.SINGLE, care_unit="RADAR")) == []
