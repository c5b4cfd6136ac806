"""The realisation and result statement (domain.md §4.3, seed 001 §10).

Income versus costs by category: voorliggend veld (K1), gebiedsteams (K2) and
specialistische zorg (K3) make up the zorgkosten; then PGB, other initiatives, JENS
overhead and organisation costs; the meerkosten contribution of HLV (granted extra
money) is income booked as a negative cost. Result = income − all costs.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal

__all__ = ["Statement"]


@dataclass(frozen=True)
class Statement:
    """One column of the statement (a half-year or year; HLV or a municipality)."""

    income: Decimal
    voorliggend_veld: Decimal
    gebiedsteams: Decimal
    specialistische_zorg: Decimal
    pgb: Decimal = Decimal(0)
    overige_initiatieven: Decimal = Decimal(0)
    overhead: Decimal = Decimal(0)
    organisatiekosten: Decimal = Decimal(0)
    meerkosten_bijdrage: Decimal = Decimal(0)  # granted extra money, a positive amount

    @property
    def zorgkosten(self) -> Decimal:
        return self.voorliggend_veld + self.gebiedsteams + self.specialistische_zorg

    @property
    def total_costs(self) -> Decimal:
        """All costs before the meerkosten contribution (the base of the unit cost)."""
        return self.zorgkosten + self.pgb + self.overige_initiatieven + self.overhead + self.organisatiekosten

    @property
    def result(self) -> Decimal:
        return self.income - self.total_costs + self.meerkosten_bijdrage

    def __add__(self, other: Statement) -> Statement:
        """Columns add up: municipalities to HLV, half-years to a year."""
        return Statement(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})
