"""The complaints counts of the half-year report H1 2023 (seed 001 §8) as demo data.

The counts per category are published (H1 2023: 7 / 7 / 2 / 2 = 18, two escalated to
the committee; H1 2022: 1 / 3 / 2 / 2 = 8); the dates are synthetic: spread over the
half-year, picked up within the five working days the report promises.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from .domain.calendar import add_working_days
from .domain.quality import ComplaintCategory
from .models import Complaint

__all__ = ["load_published_complaints"]

SOURCE = "seed 001 §8 (aantallen; datums synthetisch)"
COUNTS = {
    2023: {ComplaintCategory.REFERRAL: 7, ComplaintCategory.CARE: 7, ComplaintCategory.QUESTIONS: 2,
           ComplaintCategory.PRIVACY: 2},
    2022: {ComplaintCategory.REFERRAL: 1, ComplaintCategory.CARE: 3, ComplaintCategory.QUESTIONS: 2,
           ComplaintCategory.PRIVACY: 2},
}  # fmt: skip
ESCALATED = {2023: 2, 2022: 0}


@transaction.atomic
def load_published_complaints() -> int:
    """Store the demo complaints once (nothing when complaints exist already)."""
    if Complaint.objects.filter(source=SOURCE).exists():
        return 0
    rows = []
    for year, counts in COUNTS.items():
        total = sum(counts.values())
        n = 0
        for category, count in counts.items():
            for _ in range(count):
                received = date(year, 1, 3) + timedelta(days=(n * 173) // total)
                rows.append(
                    Complaint(
                        category=category, received_on=received, picked_up_on=add_working_days(received, 1 + n % 5),
                        escalated=n < ESCALATED[year], source=SOURCE,
                    )
                )  # fmt: skip
                n += 1
    Complaint.objects.bulk_create(rows)
    return len(rows)
