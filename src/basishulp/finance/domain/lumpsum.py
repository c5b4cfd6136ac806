"""Lump-sum rules (domain.md §4.1): the taakstelling and corrected lump sums."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from .money import round_euro

__all__ = ["corrected_lump_sums", "taakstelling"]


def taakstelling(base_year_amount: Decimal, amount: Decimal) -> Decimal:
    """The built-in saving of a year: the base year's lump sum minus the year's
    (seed 003 §6.3: 28,579,461 − 26,808,295 = 1,771,166 in 2021)."""
    return base_year_amount - amount


def corrected_lump_sums(
    lump_sums: Mapping[int, Decimal], raise_amount: Decimal, taakstelling_percent: Mapping[int, Decimal]
) -> dict[int, Decimal]:
    """Lump sums raised by ``raise_amount`` with the year's taakstelling percentage
    applied to the raise as well, rounded to whole euros (Scenario B, seed 003
    §6.3–6.4: + 3,557,100, − 6% in 2021, − 12.5% in 2022)."""
    return {
        year: amount + raise_amount - round_euro(raise_amount * taakstelling_percent.get(year, Decimal(0)) / 100)
        for year, amount in lump_sums.items()
    }
