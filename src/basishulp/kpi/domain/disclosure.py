"""Disclosure control for figures shown to municipalities (issue #5, docs/privacy.md).

One rule for every count a municipality user sees or exports:

1. **Noise.** The true count ``n`` gets a whole-number perturbation ``z`` from the
   two-sided geometric distribution ``P(z) = (1-α)/(1+α) · α^|z|`` with ``α = 1/3``
   (``ε = ln 3``). ``z`` is not drawn at random on every request: it comes from a keyed
   hash of the cell and of the data behind its table (:func:`uniform`), so the same
   question on the same data always gets the same answer (repeating a query and
   averaging learns nothing), and any change in those data draws new noise for every
   cell of the table at once.
2. **Rounding.** ``n + z`` is rounded half up to a multiple of 5.
3. **Suppression.** When ``n + z`` is 7 or less the cell is shown as ``<8``.

Because the perturbation has no bound, *every* published value is possible for
*every* true count: no pair of published tables, whatever two overlapping queries or
two moments produced them, rules out that one client is or is not in a cell. The
evidence a published cell gives is at most a factor ``1/α = 3`` for one client more or
less (:func:`output_probability` computes it exactly, and the tests check the bound).
Rounding and suppression come after the noise, so they never weaken this
(post-processing), and the ``<8`` decision depends on ``n + z``, not on ``n``.

Percentages are computed from the *published* counts (anyone can recompute them) and
are not shown when either count is suppressed. Means of durations get their own
noise on the sum (:func:`noisy_mean`). Medians and percentiles of small groups cannot
be protected this way and are not shown to municipalities.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "ALPHA",
    "BASE",
    "MAX_NOISE",
    "SUPPRESSED_BELOW",
    "Cell",
    "noise",
    "noisy_mean",
    "output_probability",
    "pmf",
    "publish",
    "published_share",
    "uniform",
]

ALPHA = 1 / 3  # α = e^-ε, ε = ln 3
BASE = 5  # counts are rounded to multiples of 5
SUPPRESSED_BELOW = 8  # 0 to 7 are shown as "<8" (CBS practice)
MAX_NOISE = 60  # α^60 < 1e-28: the tail beyond is never reached by a 64-bit uniform


@dataclass(frozen=True, slots=True)
class Cell:
    """One published count: a multiple of 5 of at least 10, or suppressed (``<8``)."""

    value: int | None  # None = suppressed

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return f"<{SUPPRESSED_BELOW}" if self.value is None else str(self.value)


def pmf(z: int, alpha: float = ALPHA) -> float:
    """Probability of the perturbation ``z``."""
    return (1 - alpha) / (1 + alpha) * alpha ** abs(z)


def _cdf(k: int, alpha: float = ALPHA) -> float:
    """``P(Z <= k)``."""
    if k < 0:
        return float(alpha ** (-k) / (1 + alpha))
    return float(1 - alpha ** (k + 1) / (1 + alpha))


def _between(low: int, high: int, alpha: float = ALPHA) -> float:
    """``P(low <= Z <= high)``, computed from the tails so that far tails keep their
    precision (no ``1 - (1 - tiny)``)."""
    if high < low:
        return 0.0
    if low >= 1:
        return float((alpha**low - alpha ** (high + 1)) / (1 + alpha))
    if high <= -1:
        return _between(-high, -low, alpha)
    return float(1 - (alpha ** (-low + 1) + alpha ** (high + 1)) / (1 + alpha))


def noise(u: float, alpha: float = ALPHA) -> int:
    """The perturbation for a uniform ``u`` in (0, 1): the inverse of the distribution
    function, ``min{k : P(Z <= k) >= u}``, clipped to ±``MAX_NOISE``."""
    if not 0.0 < u < 1.0:
        raise ValueError("u must lie strictly between 0 and 1")
    for k in range(-MAX_NOISE, MAX_NOISE):
        if _cdf(k, alpha) >= u:
            return k
    return MAX_NOISE


def uniform(key: bytes, *parts: str) -> float:
    """A number in (0, 1) that follows from the secret ``key`` and ``parts`` alone
    (HMAC-SHA256; 53 bits, never exactly 0 or 1)."""
    message = "\x1f".join(parts).encode("utf-8")
    digest = hmac.new(key, message, hashlib.sha256).digest()
    bits = int.from_bytes(digest[:8], "big") >> 11  # 53 bits
    return (bits + 0.5) / float(1 << 53)


def _round_to_base(value: int) -> int:
    return int((Decimal(value) / BASE).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * BASE


def _shown(noisy: int) -> Cell:
    if noisy < SUPPRESSED_BELOW:
        return Cell(None)
    return Cell(_round_to_base(noisy))


def publish(n: int, u: float, alpha: float = ALPHA) -> Cell:
    """The published cell for the true count ``n`` and the cell's uniform ``u``."""
    if n < 0:
        raise ValueError("a count cannot be negative")
    return _shown(n + noise(u, alpha))


def output_probability(cell: Cell, n: int, alpha: float = ALPHA) -> float:
    """The exact probability that the true count ``n`` is published as ``cell``: what
    an attacker who knows everything but the key can compute."""
    if cell.value is None:
        return _between(-(MAX_NOISE + n + 10**6), SUPPRESSED_BELOW - 1 - n, alpha)
    low = max(cell.value - BASE // 2, SUPPRESSED_BELOW)  # half up: 8..12 -> 10, 13..17 -> 15
    high = cell.value + BASE // 2
    if cell.value % BASE or high < SUPPRESSED_BELOW:
        return 0.0
    return _between(low - n, high - n, alpha)


def published_share(numerator: Cell, denominator: Cell, places: int = 3) -> Decimal | None:
    """A share computed from two published counts (``None`` when either is suppressed),
    so that anyone can recompute it from what is shown."""
    if numerator.value is None or denominator.value is None or denominator.value == 0:
        return None
    share = Decimal(numerator.value) / Decimal(denominator.value)
    return min(share, Decimal(1)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def noisy_mean(values: list[int], bound: int, u_sum: float, u_count: float, alpha: float = ALPHA) -> int | None:
    """The mean of ``values`` (each clipped to ``[0, bound]``) with noise on the sum
    (scaled by ``bound``, the most one value can add) and on the count; ``None`` when
    the noisy count is below the suppression threshold. Whole units, half up."""
    count = len(values) + noise(u_count, alpha)
    if count < SUPPRESSED_BELOW:
        return None
    total = sum(min(max(v, 0), bound) for v in values) + noise(u_sum, alpha) * bound
    mean = min(max(total / count, 0.0), float(bound))
    return math.floor(mean + 0.5)
