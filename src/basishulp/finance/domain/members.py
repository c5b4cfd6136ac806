"""Contract rules about members and providers (domain.md §4.6)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from .allocation import Share, allocate
from .money import MoneyError

__all__ = ["SMALL_PROVIDER_MINIMUM", "SmallProviderCheck", "check_exit_fee", "share_result", "small_providers"]

#: At least this share of the budget goes to small providers (contract rule).
SMALL_PROVIDER_MINIMUM = Decimal("0.04")


def share_result(result: Decimal | int, revenue: Mapping[str, Decimal], unit: Decimal | int = 1) -> list[Share]:
    """A loss (negative) or profit split over that year's members pro rata their
    realised revenue in the cooperative; the shares sum exactly to ``result``."""
    return allocate(result, revenue, unit)


def check_exit_fee(fee: Decimal, previous_year_revenue: Decimal) -> None:
    """An exit fee is never more than the member's revenue in the cooperative in the
    previous year; raises :class:`MoneyError` naming both amounts otherwise."""
    if fee < 0:
        raise MoneyError(f"an exit fee cannot be negative ({fee})")
    if fee > previous_year_revenue:
        raise MoneyError(
            f"exit fee {fee} is more than the member's revenue in the previous year ({previous_year_revenue})"
        )


@dataclass(frozen=True)
class SmallProviderCheck:
    spent: Decimal
    budget: Decimal

    @property
    def share(self) -> Decimal:
        return self.spent / self.budget

    @property
    def met(self) -> bool:
        return self.share >= SMALL_PROVIDER_MINIMUM


def small_providers(spent: Decimal, budget: Decimal) -> SmallProviderCheck:
    """The small-provider rule: spending on small providers against the budget."""
    if budget <= 0:
        raise MoneyError("the budget must be more than 0")
    return SmallProviderCheck(spent, budget)
