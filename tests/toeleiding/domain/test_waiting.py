"""Waiting-list figures on hand-made spells."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from basishulp.toeleiding.domain.waiting import (
    Spell,
    growth_since_quarter_end,
    median_days,
    month_ends,
    quarter_end_before,
    share_bridging,
    waiting_on,
    waiting_series,
    waiting_times,
)

SPELLS = [
    # waits 1 Feb - 15 Mar, then care at the GGZ provider
    Spell("A", "HRL-3", "Mondriaan", date(2023, 1, 31), date(2023, 2, 1), date(2023, 3, 15), started_care=True),
    # still waiting, with bridging care
    Spell("B", "HRL-3", "Mondriaan", date(2023, 3, 1), date(2023, 3, 1), None, bridging=True),
    # withdrawn on 10 April
    Spell("C", "LGF-1", "Radar", date(2023, 3, 20), date(2023, 3, 20), date(2023, 4, 10)),
    # waits from 2 May, still waiting
    Spell("D", "HRL-4", "Mondriaan", date(2023, 5, 2), date(2023, 5, 2), None),
]


def test_who_waits_on_a_day() -> None:
    assert waiting_on(SPELLS, date(2023, 3, 14))["total"] == 2  # A and B
    assert waiting_on(SPELLS, date(2023, 3, 15))["total"] == 1  # A started care that day
    assert waiting_on(SPELLS, date(2023, 3, 31), key=lambda s: s.provider) == {"Mondriaan": 1, "Radar": 1}
    assert waiting_on(SPELLS, date(2023, 1, 1))["total"] == 0
    assert share_bridging(SPELLS, date(2023, 3, 31)) == Decimal("0.500")
    assert share_bridging(SPELLS, date(2023, 1, 1)) is None


def test_waiting_times_count_from_the_match() -> None:
    assert waiting_times(SPELLS) == [43]  # 31 Jan -> 15 Mar; C was withdrawn, B and D still wait
    assert median_days([10, 30, 20]) == 20
    assert median_days([]) is None


def test_monthly_series_and_growth_since_quarter_end() -> None:
    assert month_ends(date(2023, 1, 15), date(2023, 3, 2)) == [date(2023, 1, 31), date(2023, 2, 28), date(2023, 3, 31)]
    assert waiting_series(SPELLS, date(2023, 1, 1), date(2023, 5, 31)) == [
        (date(2023, 1, 31), 0), (date(2023, 2, 28), 1), (date(2023, 3, 31), 2), (date(2023, 4, 30), 1),
        (date(2023, 5, 31), 2),
    ]  # fmt: skip
    assert quarter_end_before(date(2023, 5, 15)) == date(2023, 3, 31)
    assert quarter_end_before(date(2023, 3, 31)) == date(2022, 12, 31)
    assert quarter_end_before(date(2023, 2, 15)) == date(2022, 12, 31)
    growth = growth_since_quarter_end(SPELLS, date(2023, 5, 15), key=lambda s: s.provider)
    assert growth == {"Mondriaan": (1, 2, 1), "Radar": (1, 0, -1)}


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_quarter_end_is_the_last_before(day: date) -> None:
    end = quarter_end_before(day)
    assert end < day
    assert (end.month, end.day) in {(3, 31), (6, 30), (9, 30), (12, 31)}
    assert (day - end).days <= 92
