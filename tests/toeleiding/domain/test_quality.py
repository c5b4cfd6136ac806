"""Complaints and coverage figures on hand-made data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from basishulp.toeleiding.domain.quality import (
    Complaint,
    ComplaintCategory,
    complaint_counts,
    coverage,
    picked_up_in_time,
)

C = ComplaintCategory


def test_counts_per_category_in_the_period() -> None:
    complaints = [
        Complaint(C.REFERRAL, date(2023, 1, 10)),
        Complaint(C.REFERRAL, date(2023, 6, 30)),
        Complaint(C.PRIVACY, date(2023, 7, 1)),  # outside H1
    ]
    assert complaint_counts(complaints, date(2023, 1, 1), date(2023, 6, 30)) == {
        C.REFERRAL: 2, C.CARE: 0, C.QUESTIONS: 0, C.PRIVACY: 0,
    }  # fmt: skip


def test_picked_up_within_five_working_days() -> None:
    complaints = [
        # Thursday 6 April: Good Friday and Easter Monday are off, so the 5th working day is Monday 17 April.
        Complaint(C.CARE, date(2023, 4, 6), date(2023, 4, 17)),
        Complaint(C.CARE, date(2023, 4, 6), date(2023, 4, 18)),  # 6 working days: late
        Complaint(C.CARE, date(2023, 4, 6), None),  # not picked up: late
        Complaint(C.CARE, date(2023, 4, 6), date(2023, 4, 6)),
    ]
    assert picked_up_in_time(complaints, date(2023, 1, 1), date(2023, 6, 30)) == Decimal("0.500")
    assert picked_up_in_time([], date(2023, 1, 1), date(2023, 6, 30)) is None


def test_coverage_against_the_norms() -> None:
    cov = coverage([(True, True)] * 17 + [(False, True)] * 3)
    assert (cov.families, cov.family_plan, cov.contact_person) == (20, Decimal("0.850"), Decimal("1.000"))
    assert cov.family_plan_met and cov.contact_person_met
    low = coverage([(True, False), (False, True)])
    assert (low.family_plan_met, low.contact_person_met) == (False, False)
    assert coverage([]).family_plan is None
