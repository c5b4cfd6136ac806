"""Safety agreements and satisfaction (domain.md §3.6; the table of seed 001 §7).

The agreements, each with its norm:
- theme meetings on domestic violence and child abuse: 4 a year (twice a year two);
- staff attendance at those meetings: more than 80%;
- every case where the meldcode was not followed although it should have been is
  investigated (100%);
- every Veilig Thuis report is followed up (100%), and every report that was not is
  investigated (100%; not applicable when all were followed up).

A follow-up or investigation counts only when it is dated on or before the
reporting date (``as_of``): what happened later was not known then. Satisfaction
scores are entered per measurement and summarised per group.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from basishulp.kpi.domain.periods import Period

from .quality import share

__all__ = [
    "ATTENDANCE_NORM",
    "MELDCODE_NORM",
    "THEME_MEETINGS_PER_YEAR",
    "VEILIG_THUIS_NORM",
    "Comparison",
    "Indicator",
    "MeldcodeCase",
    "SatisfactionGroup",
    "SatisfactionMeasurement",
    "SatisfactionResult",
    "ThemeMeeting",
    "VeiligThuisReport",
    "meldcode_investigated",
    "safety_table",
    "satisfaction_summary",
    "theme_attendance",
    "theme_meetings",
    "theme_meetings_norm",
    "veilig_thuis_followed_up",
    "veilig_thuis_investigated",
]

VEILIG_THUIS_NORM = Decimal("1")
MELDCODE_NORM = Decimal("1")
THEME_MEETINGS_PER_YEAR = 4
ATTENDANCE_NORM = Decimal("0.80")  # attendance must be MORE than this


@dataclass(frozen=True)
class VeiligThuisReport:
    received_on: date
    followed_up_on: date | None = None
    investigated: bool = False  # when it was not followed up: was that investigated?


@dataclass(frozen=True)
class MeldcodeCase:
    """A case where the meldcode was not followed although it should have been."""

    identified_on: date
    investigated_on: date | None = None


@dataclass(frozen=True)
class ThemeMeeting:
    held_on: date
    invited: int
    attended: int

    def __post_init__(self) -> None:
        if self.invited < 0 or self.attended < 0:
            raise ValueError("the numbers invited and attended cannot be negative")
        if self.attended > self.invited:
            raise ValueError(f"{self.attended} attended but only {self.invited} were invited")


class SatisfactionGroup(StrEnum):
    CLIENTS = "clients"
    STAFF = "staff"
    STAKEHOLDERS = "stakeholders"


@dataclass(frozen=True)
class SatisfactionMeasurement:
    group: SatisfactionGroup
    measured_on: date
    score: Decimal  # mean score on a 0..scale_max scale
    respondents: int
    scale_max: Decimal = Decimal(10)

    def __post_init__(self) -> None:
        if self.scale_max <= 0:
            raise ValueError("the highest score of the scale must be positive")
        if not 0 <= self.score <= self.scale_max:
            raise ValueError(f"the score {self.score} is not between 0 and {self.scale_max}")
        if self.respondents < 0:
            raise ValueError("the number of respondents cannot be negative")


class Comparison(StrEnum):
    AT_LEAST = "at_least"  # value >= norm
    MORE_THAN = "more_than"  # value > norm


@dataclass(frozen=True)
class Indicator:
    key: str
    norm: Decimal  # a share (0..1) or a count
    comparison: Comparison
    numerator: int
    denominator: int
    value: Decimal | None  # None: not applicable, nothing to measure
    is_share: bool = True

    @property
    def met(self) -> bool | None:
        if self.value is None:
            return None
        if self.comparison == Comparison.MORE_THAN:
            return self.value > self.norm
        return self.value >= self.norm


def _share_indicator(key: str, norm: Decimal, part: int, whole: int, comparison: Comparison) -> Indicator:
    return Indicator(key, norm, comparison, part, whole, share(part, whole))


def _done(on: date | None, as_of: date) -> bool:
    return on is not None and on <= as_of


def veilig_thuis_followed_up(reports: Iterable[VeiligThuisReport], start: date, end: date, as_of: date) -> Indicator:
    """Share of the reports received in ``[start, end]`` followed up by ``as_of``."""
    received = [r for r in reports if start <= r.received_on <= end]
    done = sum(_done(r.followed_up_on, as_of) for r in received)
    return _share_indicator("veilig_thuis_followed_up", VEILIG_THUIS_NORM, done, len(received), Comparison.AT_LEAST)


def veilig_thuis_investigated(reports: Iterable[VeiligThuisReport], start: date, end: date, as_of: date) -> Indicator:
    """Share of the reports received in ``[start, end]`` and not followed up by
    ``as_of`` whose omission was investigated (not applicable when there are none)."""
    missed = [r for r in reports if start <= r.received_on <= end and not _done(r.followed_up_on, as_of)]
    done = sum(r.investigated for r in missed)
    return _share_indicator("veilig_thuis_investigated", VEILIG_THUIS_NORM, done, len(missed), Comparison.AT_LEAST)


def meldcode_investigated(cases: Iterable[MeldcodeCase], start: date, end: date, as_of: date) -> Indicator:
    """Share of the cases identified in ``[start, end]`` investigated by ``as_of``."""
    found = [c for c in cases if start <= c.identified_on <= end]
    done = sum(_done(c.investigated_on, as_of) for c in found)
    return _share_indicator("meldcode_investigated", MELDCODE_NORM, done, len(found), Comparison.AT_LEAST)


def theme_meetings_norm(start: date, end: date, per_year: int = THEME_MEETINGS_PER_YEAR) -> Decimal:
    """The number of meetings due in a period of whole months (1st to a month's last
    day): ``per_year`` pro rata, rounded half up (a half-year 2, a quarter 1)."""
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    months = (end.year * 12 + end.month) - (start.year * 12 + start.month) + 1
    return (Decimal(per_year * months) / 12).quantize(Decimal(1), ROUND_HALF_UP)


def theme_meetings(
    meetings: Iterable[ThemeMeeting], start: date, end: date, per_year: int = THEME_MEETINGS_PER_YEAR
) -> Indicator:
    held = sum(1 for m in meetings if start <= m.held_on <= end)
    norm = theme_meetings_norm(start, end, per_year)
    return Indicator("theme_meetings", norm, Comparison.AT_LEAST, held, held, Decimal(held), is_share=False)


def theme_attendance(
    meetings: Iterable[ThemeMeeting], start: date, end: date, norm: Decimal = ATTENDANCE_NORM
) -> Indicator:
    """Staff attended over staff invited, over the meetings held in ``[start, end]``."""
    held = [m for m in meetings if start <= m.held_on <= end]
    attended, invited = sum(m.attended for m in held), sum(m.invited for m in held)
    return _share_indicator("theme_attendance", norm, attended, invited, Comparison.MORE_THAN)


def safety_table(
    reports: Iterable[VeiligThuisReport],
    cases: Iterable[MeldcodeCase],
    meetings: Iterable[ThemeMeeting],
    start: date,
    end: date,
    as_of: date,
) -> list[Indicator]:
    """The agreements in the order of the report's table."""
    reports, meetings = list(reports), list(meetings)
    return [
        theme_meetings(meetings, start, end),
        theme_attendance(meetings, start, end),
        meldcode_investigated(cases, start, end, as_of),
        veilig_thuis_followed_up(reports, start, end, as_of),
        veilig_thuis_investigated(reports, start, end, as_of),
    ]


@dataclass(frozen=True)
class SatisfactionResult:
    group: SatisfactionGroup
    measurements: int
    respondents: int
    score: Decimal | None  # respondent-weighted mean on a scale of 10
    previous: Decimal | None  # the same for the period a year earlier


def _weighted(measurements: list[SatisfactionMeasurement]) -> Decimal | None:
    respondents = sum(m.respondents for m in measurements)
    if not measurements or respondents == 0:
        return None
    total = sum((m.score / m.scale_max * 10 * m.respondents for m in measurements), Decimal(0))
    return (total / respondents).quantize(Decimal("0.1"), ROUND_HALF_UP)


def satisfaction_summary(
    measurements: Iterable[SatisfactionMeasurement], start: date, end: date
) -> list[SatisfactionResult]:
    """Per group (all three, in order): the measurements of ``[start, end]`` and the
    score of the same period a year earlier (measurements are yearly)."""
    rows = list(measurements)
    year_before = Period(start, end).shifted_years(-1)
    result = []
    for group in SatisfactionGroup:
        now = [m for m in rows if m.group == group and start <= m.measured_on <= end]
        before = [m for m in rows if m.group == group and m.measured_on in year_before]
        result.append(
            SatisfactionResult(group, len(now), sum(m.respondents for m in now), _weighted(now), _weighted(before))
        )
    return result
