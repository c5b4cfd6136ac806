"""Dutch public holidays and working days. Expected dates are from the published
calendar (rijksoverheid.nl), not from the code under test."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from basishulp.toeleiding.domain.calendar import (
    HolidayRules,
    add_working_days,
    easter_sunday,
    holidays,
    is_working_day,
    working_days_between,
)


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2019, date(2019, 4, 21)), (2020, date(2020, 4, 12)), (2023, date(2023, 4, 9)), (2024, date(2024, 3, 31)),
     (2025, date(2025, 4, 20)), (2038, date(2038, 4, 25)), (2285, date(2285, 3, 22))],
)  # fmt: skip
def test_easter(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


def test_holidays_2023() -> None:
    assert sorted(holidays(2023)) == [
        date(2023, 1, 1),
        date(2023, 4, 7),  # Goede Vrijdag
        date(2023, 4, 10),  # Tweede Paasdag
        date(2023, 4, 27),  # Koningsdag
        date(2023, 5, 18),  # Hemelvaartsdag
        date(2023, 5, 29),  # Tweede Pinksterdag
        date(2023, 12, 25),
        date(2023, 12, 26),
    ]


def test_kings_day_on_a_sunday_moves_to_saturday_and_liberation_day_in_lustrum_years() -> None:
    assert date(2025, 4, 26) in holidays(2025)  # 27 April 2025 is a Sunday
    assert date(2025, 5, 5) in holidays(2025)
    assert date(2024, 5, 5) not in holidays(2024)
    assert date(2024, 5, 5) in holidays(2024, HolidayRules(liberation_day="always"))
    assert date(2023, 4, 7) not in holidays(2023, HolidayRules(good_friday=False))
    with pytest.raises(ValueError, match="liberation_day"):
        HolidayRules(liberation_day="sometimes")


def test_working_days_over_easter_2023() -> None:
    # Thursday 6 April to Tuesday 11 April: Good Friday, the weekend and Easter Monday
    # are off, so only Tuesday counts.
    assert working_days_between(date(2023, 4, 6), date(2023, 4, 11)) == 1
    assert add_working_days(date(2023, 4, 6), 1) == date(2023, 4, 11)
    assert add_working_days(date(2023, 12, 22), 1) == date(2023, 12, 27)  # over Christmas
    assert working_days_between(date(2023, 1, 6), date(2023, 1, 9)) == 1  # Friday -> Monday
    assert working_days_between(date(2023, 1, 9), date(2023, 1, 9)) == 0


days = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))


@given(days, st.integers(min_value=0, max_value=60))
def test_adding_and_counting_working_days_agree(start: date, n: int) -> None:
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    assert n == 0 or is_working_day(end)


@given(days, days)
def test_working_days_never_exceed_calendar_days(a: date, b: date) -> None:
    start, end = min(a, b), max(a, b)
    count = working_days_between(start, end)
    assert 0 <= count <= (end - start).days
    years = end.year - start.year + 1
    assert count >= (end - start).days * 5 // 7 - 2 - 9 * years  # weekends, then at most 9 weekday holidays a year
    assert working_days_between(end, start) == 0
