"""Quality and safety figures (domain.md §3.6): complaints and coverage of the
family plan and the fixed contact person among meervoudige families."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from .calendar import DEFAULT_RULES, HolidayRules, working_days_between

__all__ = [
    "CONTACT_PERSON_NORM",
    "FAMILY_PLAN_NORM",
    "PICK_UP_DAYS",
    "Complaint",
    "ComplaintCategory",
    "Coverage",
    "complaint_counts",
    "coverage",
    "picked_up_in_time",
    "share",
]

#: The complaints officer picks a complaint up within this many working days.
PICK_UP_DAYS = 5
FAMILY_PLAN_NORM = Decimal("0.85")  # norm 2023 (2022 audit: 75%)
CONTACT_PERSON_NORM = Decimal("0.95")


class ComplaintCategory(StrEnum):
    """The categories of the half-year report (seed 001 §8)."""

    REFERRAL = "verwijzing"  # referral and its procedures
    CARE = "behandeling"  # offered treatment or support (bejegening, communicatie)
    QUESTIONS = "vragen"  # general questions on procedures or legislation
    PRIVACY = "privacy"  # files and communication


@dataclass(frozen=True)
class Complaint:
    category: ComplaintCategory
    received: date
    picked_up: date | None = None
    escalated: bool = False  # to the complaints committee


def share(part: int, whole: int) -> Decimal | None:
    """``part / whole`` to three decimals, rounded half up (``None`` when ``whole`` is 0)."""
    return None if whole == 0 else (Decimal(part) / whole).quantize(Decimal("0.001"), ROUND_HALF_UP)


def complaint_counts(complaints: Iterable[Complaint], start: date, end: date) -> dict[ComplaintCategory, int]:
    """Complaints received in ``[start, end]`` per category (every category listed)."""
    counts = dict.fromkeys(ComplaintCategory, 0)
    for c in complaints:
        if start <= c.received <= end:
            counts[c.category] += 1
    return counts


def picked_up_in_time(
    complaints: Iterable[Complaint], start: date, end: date, rules: HolidayRules = DEFAULT_RULES
) -> Decimal | None:
    """Share of the complaints received in ``[start, end]`` that were picked up within
    :data:`PICK_UP_DAYS` working days (one not picked up at all counts as late)."""
    received = [c for c in complaints if start <= c.received <= end]
    in_time = sum(
        1
        for c in received
        if c.picked_up is not None and working_days_between(c.received, c.picked_up, rules) <= PICK_UP_DAYS
    )
    return share(in_time, len(received))


@dataclass(frozen=True)
class Coverage:
    families: int
    family_plan: Decimal | None
    contact_person: Decimal | None

    @property
    def family_plan_met(self) -> bool | None:
        return None if self.family_plan is None else self.family_plan >= FAMILY_PLAN_NORM

    @property
    def contact_person_met(self) -> bool | None:
        return None if self.contact_person is None else self.contact_person >= CONTACT_PERSON_NORM


def coverage(families: Iterable[tuple[bool, bool]]) -> Coverage:
    """Coverage among meervoudige families: ``(has family plan, has contact person)``."""
    rows = list(families)
    return Coverage(len(rows), share(sum(p for p, _ in rows), len(rows)), share(sum(c for _, c in rows), len(rows)))
