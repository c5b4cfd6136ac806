"""Money and number helpers: parsing user input and rounding (domain.md §4)."""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = ["MoneyError", "parse_decimal", "round_euro", "round_to", "truncate_euro"]


class MoneyError(ValueError):
    """An amount, rate or key that cannot be read; the message names the input."""


_NUMBER = re.compile(r"[+-]?(\d+(_\d{3})*|\d{1,3}(,\d{3})+)(\.\d+)?")


def parse_decimal(text: str, what: str = "amount") -> Decimal:
    """Read a number as typed on a command line: ``28579461``, ``28,579,461``,
    ``3.327``, ``-4221``. The decimal separator is a point; a comma only groups
    thousands (``1,5`` is refused rather than guessed)."""
    value = text.strip()
    if not _NUMBER.fullmatch(value):
        raise MoneyError(f"{what}: {text!r} is not a number; use digits with a decimal point, e.g. 28579461 or 3.327")
    try:
        return Decimal(value.replace(",", "").replace("_", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        raise MoneyError(f"invalid {what} {text!r}") from None


def round_to(value: Decimal, quantum: Decimal | str) -> Decimal:
    """``value`` rounded half away from zero to ``quantum`` (e.g. ``"0.01"``, ``"1000"``)."""
    q = Decimal(quantum)
    if q >= 1:
        return (value / q).quantize(Decimal(1), rounding=ROUND_HALF_UP) * q
    return value.quantize(q, rounding=ROUND_HALF_UP)


def round_euro(value: Decimal) -> int:
    """Whole euros, half away from zero (the default display rounding)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def truncate_euro(value: Decimal) -> int:
    """Whole euros toward zero (how seed 001 prints the cost per client-month)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_DOWN))
