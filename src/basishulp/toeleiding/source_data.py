"""Demo data for the quality registers: the complaints counts of the half-year report
H1 2023 (seed 001 §8), and synthetic safety and satisfaction registers.

The counts per category are published (H1 2023: 7 / 7 / 2 / 2 = 18, two escalated to
the committee; H1 2022: 1 / 3 / 2 / 2 = 8); the dates are synthetic: spread over the
half-year, picked up within the five working days the report promises.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from basishulp.trajecten.models import Municipality

from .domain.calendar import add_working_days
from .domain.quality import ComplaintCategory
from .models import Complaint, MeldcodeCase, SatisfactionMeasurement, ThemeMeeting, VeiligThuisReport

__all__ = ["load_demo_registers", "load_published_complaints"]

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


REGISTER_SOURCE = "demo: synthetisch (seed 001 §7 geeft alleen de normen en 100% realisatie H1 2023)"


@transaction.atomic
def load_demo_registers() -> int:
    """Safety and satisfaction registers for the demo (nothing when already there).

    Seed 001 §7 publishes only the outcome for H1 2023: every Veilig Thuis report and
    every meldcode case followed up or investigated (100%), no theme meetings yet (the
    agreement dates from July 2023), satisfaction measured in the autumn. The numbers
    of reports, cases, meetings and scores here are synthetic and marked so.
    """
    if VeiligThuisReport.objects.filter(source=REGISTER_SOURCE).exists():
        return 0
    municipalities = list(Municipality.objects.order_by("code"))  # the reference data always holds the three
    reports = []
    for year, count in ((2022, 28), (2023, 34)):
        for n in range(count):
            received = date(year, 1, 5) + timedelta(days=(n * 355) // count)
            missed = year == 2022 and n == 11  # one report in 2022 not followed up, and investigated
            reports.append(
                VeiligThuisReport(
                    received_on=received, municipality=municipalities[n % len(municipalities)],
                    followed_up_on=None if missed else add_working_days(received, 1 + n % 4), investigated=missed,
                    source=REGISTER_SOURCE,
                )
            )  # fmt: skip
    VeiligThuisReport.objects.bulk_create(reports)
    cases = [
        MeldcodeCase(identified_on=on, investigated_on=add_working_days(on, 8), source=REGISTER_SOURCE)
        for on in (date(2022, 10, 12), date(2023, 3, 8), date(2023, 5, 22), date(2023, 11, 6))
    ]
    MeldcodeCase.objects.bulk_create(cases)
    meetings = [
        ThemeMeeting(held_on=date(2023, 10, 5), subject="Huiselijk geweld: signaleren", invited=180, attended=151,
                     source=REGISTER_SOURCE),
        ThemeMeeting(held_on=date(2023, 11, 23), subject="Kindermishandeling en de meldcode", invited=180,
                     attended=139, source=REGISTER_SOURCE),
    ]  # fmt: skip
    ThemeMeeting.objects.bulk_create(meetings)
    surveys = [
        SatisfactionMeasurement(group=g, measured_on=on, score=Decimal(score), respondents=n, description=d,
                                source=REGISTER_SOURCE)
        for g, on, score, n, d in (
            ("clients", date(2022, 10, 15), "7.6", 412, "Cliënttevredenheidsonderzoek 2022"),
            ("clients", date(2023, 10, 20), "7.8", 455, "Cliënttevredenheidsonderzoek 2023"),
            ("staff", date(2022, 11, 1), "7.2", 198, "Medewerkersonderzoek 2022"),
            ("staff", date(2023, 11, 1), "7.4", 205, "Medewerkersonderzoek 2023"),
            ("stakeholders", date(2023, 11, 15), "7.1", 64, "Stakeholdersuitvraag 2023"),
        )
    ]  # fmt: skip
    SatisfactionMeasurement.objects.bulk_create(surveys)
    return len(reports) + len(cases) + len(meetings) + len(surveys)
