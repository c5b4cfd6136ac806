"""Process-time norms per step and the shares within norm."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from basishulp.toeleiding.domain.norms import Norm, Status, Step, chain_met, measure, share_within

NORMS = (Norm(Step.FIRST_CONTACT, 5), Norm(Step.ASSESSMENT, 10), Norm(Step.MATCH, 10), Norm(Step.FEEDBACK, 14, False))


def test_a_request_through_all_steps() -> None:
    events = {
        "received": date(2023, 4, 3),  # Monday
        "first_contact": date(2023, 4, 12),  # 5 working days later: Good Friday and Easter Monday are off
        "assessed": date(2023, 4, 26),  # 10 working days after the 12th: Koningsdag on the 27th is not passed yet
        "matched": date(2023, 5, 12),  # 11 working days after the 26th (Koningsdag off): late
        "started": date(2023, 5, 12),
        "feedback": date(2023, 5, 26),  # 14 calendar days after care started
    }
    results = measure(events, date(2023, 6, 30), NORMS)
    assert [(r.step, r.elapsed, r.status) for r in results] == [
        (Step.FIRST_CONTACT, 5, Status.MET),
        (Step.ASSESSMENT, 10, Status.MET),
        (Step.MATCH, 11, Status.LATE),
        (Step.FEEDBACK, 14, Status.MET),
    ]
    assert results[2].due == date(2023, 5, 11)
    assert chain_met(results) is False


def test_a_dispatched_request_has_no_assessment_or_match() -> None:
    events = {"received": date(2023, 1, 2), "first_contact": date(2023, 1, 3), "dispatched": date(2023, 1, 3)}
    assert [r.step for r in measure(events, date(2023, 1, 10), NORMS)] == [Step.FIRST_CONTACT]
    events["started"] = date(2023, 1, 4)
    results = measure(events, date(2023, 1, 10), NORMS)
    assert [r.step for r in results] == [Step.FIRST_CONTACT, Step.FEEDBACK]
    assert results[1].status == Status.OPEN
    assert chain_met(results) is None  # feedback still open, in time


def test_waiting_for_care_does_not_count_against_the_feedback_norm() -> None:
    events = {"received": date(2023, 1, 2), "first_contact": date(2023, 1, 3), "dispatched": date(2023, 1, 3),
              "started": date(2023, 3, 1), "feedback": date(2023, 3, 8)}  # fmt: skip
    results = measure(events, date(2023, 6, 30), NORMS)
    assert [(r.step, r.status) for r in results] == [(Step.FIRST_CONTACT, Status.MET), (Step.FEEDBACK, Status.MET)]


def test_open_steps_near_and_overdue() -> None:
    events = {"received": date(2023, 1, 2)}  # due 9 January (5 working days)
    assert measure(events, date(2023, 1, 4), NORMS)[0].status == Status.OPEN
    assert measure(events, date(2023, 1, 6), NORMS)[0].status == Status.NEAR  # Friday; due Monday
    late = measure(events, date(2023, 1, 10), NORMS)[0]
    assert (late.status, late.within, late.elapsed) == (Status.OVERDUE, False, 6)


def test_share_within() -> None:
    assert share_within([True, True, False, None]) == Decimal("0.667")
    assert share_within([None]) is None
    assert share_within([]) is None


def test_shares_by_group() -> None:
    from basishulp.toeleiding.domain.norms import shares_by_group

    as_of = date(2023, 6, 30)
    on_time = measure({"received": date(2023, 1, 2), "first_contact": date(2023, 1, 3)}, as_of, NORMS[:1])
    late = measure({"received": date(2023, 1, 2), "first_contact": date(2023, 1, 20)}, as_of, NORMS[:1])
    fresh = measure({"received": date(2023, 6, 29)}, as_of, NORMS[:1])  # open, in time: not decided
    shares = shares_by_group({"Heerlen": [on_time, late, fresh], "Landgraaf": [fresh]})
    assert shares["Heerlen"].steps[Step.FIRST_CONTACT] == Decimal("0.500")
    assert shares["Heerlen"].chain == Decimal("0.500")
    assert shares["Heerlen"].counts == {"first_contact": 2, "assessment": 0, "match": 0, "feedback": 0, "chain": 2}
    assert shares["Landgraaf"].steps[Step.FIRST_CONTACT] is None
    assert shares["Landgraaf"].chain is None
