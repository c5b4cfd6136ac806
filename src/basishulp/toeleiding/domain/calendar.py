"""Calendar and working days with Dutch public holidays (process-time norms).

The public holidays are those of the Algemene termijnenwet plus Good Friday, which
most care organisations give off: New Year's Day, Good Friday, Easter Monday, King's
Day (27 April, or 26 April when the 27th is a Sunday), Liberation Day (5 May; by
default only in lustrum years, when it is a day off in most collective agreements),
Ascension Day, Whit Monday, Christmas and Boxing Day. Weekends are never working
days. Both choices are parameters, so an organisation can match its own agreement.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["HolidayRules", "add_working_days", "easter_sunday", "holidays", "is_working_day", "working_days_between"]


@dataclass(frozen=True)
class HolidayRules:
    good_friday: bool = True
    liberation_day: str = "lustrum"  # "lustrum" (every 5 years), "always" or "never"

    def __post_init__(self) -> None:
        if self.liberation_day not in ("lustrum", "always", "never"):
            raise ValueError(f"liberation_day must be lustrum, always or never, not {self.liberation_day!r}")


DEFAULT_RULES = HolidayRules()


def easter_sunday(year: int) -> date:
    """Easter Sunday (Gregorian calendar; the anonymous algorithm of Meeus)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


@functools.lru_cache(maxsize=256)
def holidays(year: int, rules: HolidayRules = DEFAULT_RULES) -> frozenset[date]:
    """The public holidays of ``year`` that are not working days."""
    easter = easter_sunday(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:  # Sunday
        kings_day = date(year, 4, 26)
    days = {
        date(year, 1, 1),
        easter + timedelta(days=1),
        kings_day,
        easter + timedelta(days=39),  # Ascension Day
        easter + timedelta(days=50),  # Whit Monday
        date(year, 12, 25),
        date(year, 12, 26),
    }
    if rules.good_friday:
        days.add(easter - timedelta(days=2))
    if rules.liberation_day == "always" or (rules.liberation_day == "lustrum" and year % 5 == 0):
        days.add(date(year, 5, 5))
    return frozenset(days)


def is_working_day(day: date, rules: HolidayRules = DEFAULT_RULES) -> bool:
    return day.weekday() < 5 and day not in holidays(day.year, rules)


def working_days_between(start: date, end: date, rules: HolidayRules = DEFAULT_RULES) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not
    after ``start``): a request received on Friday and answered on Monday took 1."""
    if end <= start:
        return 0
    count = 0
    day = start + timedelta(days=1)
    while day <= end:
        if is_working_day(day, rules):
            count += 1
        day += timedelta(days=1)
    return count


def add_working_days(start: date, days: int, rules: HolidayRules = DEFAULT_RULES) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself for 0)."""
    if days < 0:
        raise ValueError("days must be 0 or more")
    day = start
    left = days
    while left:
        day += timedelta(days=1)
        if is_working_day(day, rules):
            left -= 1
    return day
