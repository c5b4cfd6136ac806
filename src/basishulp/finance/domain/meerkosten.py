"""Meerkosten: realised costs above the budget, split into volume and price effect
(domain.md §4.5, data-formats.md §2 ``finance meerkosten``).

Two orderings, both adding up exactly to the meerkosten in whole euros (the price
effect takes the rounding remainder):

* ``budget-price`` (default): volume = (actual − budgeted client-months) × budgeted
  cost per client-month; price = the rest, which equals (actual − budgeted cost per
  client-month) × actual client-months.
* ``actual-price`` (the 2023 Landgraaf letter): volume = extra client-months × a
  price per client-month of the actual year (by default the actual cost per
  client-month; the letter used the *care* cost per client-month, ≈ €1,178);
  price = the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .money import MoneyError, round_euro, round_to

__all__ = ["ORDERINGS", "Decomposition", "decompose"]

ORDERINGS = ("budget-price", "actual-price")


@dataclass(frozen=True)
class Decomposition:
    ordering: str
    meerkosten: int
    volume_effect: int
    price_effect: int
    budget_price: Decimal
    actual_price: Decimal
    extra_client_months: Decimal
    volume_price: Decimal

    def document(self) -> dict[str, object]:
        """The ``finance meerkosten --json`` document (prices to the cent)."""
        return {
            "meerkosten": self.meerkosten,
            "volume_effect": self.volume_effect,
            "price_effect": self.price_effect,
            "budget_price": round_to(self.budget_price, "0.01"),
            "actual_price": round_to(self.actual_price, "0.01"),
        }


def decompose(
    budget: Decimal,
    budget_clients: Decimal,
    actual_costs: Decimal,
    actual_client_months: Decimal,
    months: int,
    ordering: str = "budget-price",
    volume_price: Decimal | None = None,
) -> Decomposition:
    """Split ``actual_costs − budget`` into volume and price effect."""
    if ordering not in ORDERINGS:
        raise MoneyError(f"unknown ordering {ordering!r}: use {' or '.join(ORDERINGS)}")
    if months <= 0:
        raise MoneyError("--months must be 1 or more")
    if budget_clients <= 0:
        raise MoneyError("--budget-clients must be more than 0")
    if actual_client_months <= 0:
        raise MoneyError("--actual-client-months must be more than 0")
    if volume_price is not None and ordering != "actual-price":
        raise MoneyError("a volume price is used only with the actual-price ordering")
    budget_months = budget_clients * months
    budget_price = budget / budget_months
    actual_price = actual_costs / actual_client_months
    extra = actual_client_months - budget_months
    meerkosten = round_euro(actual_costs - budget)
    price_used = volume_price if volume_price is not None else budget_price
    if ordering == "actual-price" and volume_price is None:
        price_used = actual_price
    volume = round_euro(extra * price_used)
    return Decomposition(
        ordering, meerkosten, volume, meerkosten - volume, budget_price, actual_price, extra, price_used
    )
