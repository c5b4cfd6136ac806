"""Costs "without the cooperative" (domain.md §4.7, seed 003 §6.10).

Without JENS, HLV would buy care regionally at Maastricht tariffs: every client at
the average client price of the reference years indexed with the Maastricht series,
plus the clients JENS keeps in free-access prevention (K1) who would otherwise need
individual care, at a share (75%) of that price. The result is compared with the
real costs of JENS for HLV (lump sum plus extra contributions). Every part is kept
unrounded; only the displayed values are rounded (to whole euros, half up), so
printed parts may differ by 1 from a printed total.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .money import MoneyError

__all__ = ["CounterfactualInput", "CounterfactualRow", "counterfactual"]


@dataclass(frozen=True)
class CounterfactualInput:
    year: int
    clients: int
    k1_clients: int
    factor: Decimal  # cumulative Maastricht index for the year
    real_costs: Decimal  # lump sum + extra contributions as counted for the year


@dataclass(frozen=True)
class CounterfactualRow:
    year: int
    clients: int
    k1_clients: int
    factor: Decimal
    client_price: Decimal
    costs: Decimal
    k1_price: Decimal
    k1_costs: Decimal
    total_without: Decimal
    real_costs: Decimal

    @property
    def effect(self) -> Decimal:
        """Positive when the cooperative costs less than regional purchasing."""
        return self.total_without - self.real_costs


def counterfactual(
    base_price: Decimal, years: list[CounterfactualInput], k1_share: Decimal = Decimal("0.75")
) -> list[CounterfactualRow]:
    """One row per year; ``base_price`` is the average client price of the
    reference years (seed 003: 32,561,740 / 3,833, carried as 8,495.11)."""
    if base_price <= 0:
        raise MoneyError("the base client price must be more than 0")
    if not Decimal(0) <= k1_share <= Decimal(1):
        raise MoneyError(f"K1 price share {k1_share} must lie between 0 and 1")
    rows = []
    for y in years:
        if y.clients < 0 or y.k1_clients < 0:
            raise MoneyError(f"{y.year}: client numbers cannot be negative")
        price = base_price * y.factor
        costs = y.clients * price
        k1_price = k1_share * price
        k1_costs = y.k1_clients * k1_price
        rows.append(
            CounterfactualRow(
                y.year, y.clients, y.k1_clients, y.factor, price, costs, k1_price, k1_costs,
                costs + k1_costs, y.real_costs,
            )
        )  # fmt: skip
    return rows
