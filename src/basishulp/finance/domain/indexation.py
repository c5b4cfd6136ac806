"""Index series and cumulative indexation (domain.md §4.2).

A series holds one percentage per year (e.g. the composite 90% OVA + 10% PPC),
each provisional or definitive. Cumulative factors are products of ``1 + p/100``
over the unrounded percentages; amounts are rounded to whole euros only at the end
(seed 003 §6.4: chaining rounded factors gives different euros).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .money import MoneyError, round_euro

__all__ = [
    "IndexRow",
    "IndexValue",
    "Recalculation",
    "composite",
    "cumulative_factors",
    "index_amounts",
    "index_by_factors",
    "recalculate",
]

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class IndexValue:
    """One year's percentage, provisional until a definitive value replaces it."""

    year: int
    percent: Decimal
    definitive: bool = False
    published: date | None = None


def composite(ova: Decimal, ppc: Decimal, ova_weight: Decimal = Decimal("0.9")) -> Decimal:
    """The composite index percentage ``w × OVA + (1 − w) × PPC`` (default 90/10)."""
    if not Decimal(0) <= ova_weight <= Decimal(1):
        raise MoneyError(f"OVA weight {ova_weight} must lie between 0 and 1")
    return ova_weight * ova + (1 - ova_weight) * ppc


def cumulative_factors(rates: Mapping[int, Decimal], from_year: int) -> dict[int, Decimal]:
    """Per year of ``rates``: the product of ``1 + p/100`` over ``from_year`` … year
    (``1`` for years before ``from_year``). Years must be consecutive from
    ``from_year`` on, so that no year is silently skipped."""
    years = sorted(rates)
    if not years:
        raise MoneyError("no index rates given")
    if from_year not in rates:
        raise MoneyError(f"no rate for the start year {from_year} (rates given for {years[0]}–{years[-1]})")
    missing = [y for y in range(years[0], years[-1] + 1) if y not in rates]
    if missing:
        raise MoneyError(f"no rate for {', '.join(map(str, missing))}: give every year between the first and last")
    factors: dict[int, Decimal] = {}
    running = Decimal(1)
    for year in years:
        if year >= from_year:
            running *= 1 + rates[year] / HUNDRED
            factors[year] = running
        else:
            factors[year] = Decimal(1)
    return factors


@dataclass(frozen=True)
class IndexRow:
    year: int
    rate: Decimal
    cumulative: Decimal
    base: Decimal
    amount: int


def index_amounts(
    base: Decimal | Mapping[int, Decimal], rates: Mapping[int, Decimal], from_year: int
) -> list[IndexRow]:
    """``base`` (one amount, or one per year) times the cumulative factor per year,
    rounded half away from zero to whole euros."""
    factors = cumulative_factors(rates, from_year)
    if isinstance(base, Mapping):
        missing = [y for y in factors if y not in base]
        if missing:
            raise MoneyError(f"no base amount for {', '.join(map(str, missing))}")
        extra = sorted(y for y in base if y not in factors)
        if extra:
            raise MoneyError(f"no index rate for {', '.join(map(str, extra))}")
        bases = {y: base[y] for y in factors}
    else:
        bases = dict.fromkeys(factors, base)
    return [IndexRow(y, rates[y], f, bases[y], round_euro(bases[y] * f)) for y, f in factors.items()]


def index_by_factors(base: Decimal | Mapping[int, Decimal], factors: Mapping[int, Decimal]) -> dict[int, int]:
    """``base`` times a series given as cumulative factors (e.g. the "Maastricht"
    tariff indexation 0.99385, 1.01671, 1.0472, 1.0786), in whole euros."""
    result = {}
    for year, factor in sorted(factors.items()):
        amount = base[year] if isinstance(base, Mapping) else base
        result[year] = round_euro(amount * factor)
    return result


@dataclass(frozen=True)
class Recalculation:
    """Nacalculatie: an indexed amount before and after a definitive value."""

    year: int
    before: int
    after: int

    @property
    def difference(self) -> int:
        return self.after - self.before


def recalculate(
    base: Decimal, provisional: Mapping[int, Decimal], definitive: Mapping[int, Decimal], from_year: int
) -> list[Recalculation]:
    """Indexed amounts with the provisional series and with the definitive values
    replacing them, per year, and the difference."""
    updated = {**provisional, **definitive}
    before = {r.year: r.amount for r in index_amounts(base, provisional, from_year)}
    after = {r.year: r.amount for r in index_amounts(base, updated, from_year)}
    return [Recalculation(y, before[y], after[y]) for y in sorted(after)]
