"""Split an amount by weights so that the shares sum exactly to the amount.

Largest-remainder rounding (data-formats.md §2, ``finance allocate``): every share
first gets its quota ``total × weight / Σ weights`` rounded toward zero to the
unit; the units left over go, one each, to the largest remainders; equal remainders
go to the larger weight, then to the name first in alphabetical order. A negative
total (a loss booked as negative) is split as its absolute value and negated, so
the rule is symmetric.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from .money import MoneyError, round_to

__all__ = ["Share", "allocate", "independent_shares"]


@dataclass(frozen=True)
class Share:
    name: str
    weight: Decimal
    amount: Decimal


def _check(weights: Mapping[str, Decimal]) -> Decimal:
    if not weights:
        raise MoneyError("no keys: give at least one name=weight")
    negative = [name for name, w in weights.items() if w < 0]
    if negative:
        raise MoneyError(f"negative weight for {', '.join(negative)}: weights must be 0 or more")
    total_weight = sum(weights.values(), Decimal(0))
    if total_weight == 0:
        raise MoneyError("all weights are 0: nothing to split by")
    return total_weight


def allocate(total: Decimal | int, weights: Mapping[str, Decimal], unit: Decimal | int = 1) -> list[Share]:
    """Shares of ``total`` in whole ``unit`` (1 = euro, 1000 = thousands), in the
    order of ``weights``; they sum exactly to ``total`` rounded to ``unit``."""
    total_weight = _check(weights)
    u = Decimal(unit)
    amount = Decimal(total)
    sign = -1 if amount < 0 else 1
    units = (abs(amount) / u).quantize(Decimal(1), rounding=ROUND_DOWN)
    if abs(amount) - units * u >= u / 2:  # the total itself rounded half up to the unit
        units += 1
    quotas = {name: units * w / total_weight for name, w in weights.items()}
    floors = {name: q.to_integral_value(rounding=ROUND_DOWN) for name, q in quotas.items()}
    left = int(units - sum(floors.values(), Decimal(0)))
    order = sorted(weights, key=lambda n: (-(quotas[n] - floors[n]), -weights[n], n))
    for name in order[:left]:
        floors[name] += 1
    return [Share(name, weights[name], sign * floors[name] * u) for name in weights]


def independent_shares(total: Decimal | int, weights: Mapping[str, Decimal], unit: Decimal | int = 1) -> list[Share]:
    """Each share rounded on its own, half away from zero, as the sources do; the
    shares need not sum to ``total`` (seed 003 §6.9: rows and columns differ by 1)."""
    total_weight = _check(weights)
    amount = Decimal(total)
    return [Share(n, w, round_to(amount * w / total_weight, Decimal(unit))) for n, w in weights.items()]
