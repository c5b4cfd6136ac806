"""Reads of the finance figures, shaped for screens, reports and the command line.

``codes`` limits what is returned to the municipalities a user may see
(:func:`basishulp.accounts.selectors.visible_municipality_codes`; ``None`` = all).
HLV totals are always included: every role may see them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from basishulp.trajecten.domain.reference import HLV_CODES, municipality_name
from basishulp.trajecten.models import Contract

from .domain.counterfactual import CounterfactualInput, CounterfactualRow, counterfactual
from .domain.money import round_euro
from .models import BudgetLine, CounterfactualYear, YearResult

__all__ = [
    "BASE_YEAR",
    "CounterfactualView",
    "LumpSumYear",
    "OtherLine",
    "counterfactual_views",
    "lump_sum_overview",
    "real_costs",
]

#: The first year of contract 1: the taakstelling of its later years is measured
#: against it (seed 003 §6.3).
BASE_YEAR = 2019


@dataclass
class OtherLine:
    group: str  # a municipality name, or "HLV"
    kind: str
    label: str
    amount: Decimal


@dataclass
class LumpSumYear:
    year: int
    municipalities: dict[str, Decimal | None]  # name -> lump sum (None: not in the data)
    total: Decimal | None  # HLV lump sum: the sum of the municipalities, else the HLV figure
    published_total: Decimal | None  # an HLV figure stored as such
    taakstelling: Decimal | None  # lump sum of the base year minus this year's (HLV)
    other: list[OtherLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def lump_sum_overview(codes: list[str] | None = None) -> list[LumpSumYear]:
    """Per year: the lump sum per municipality and for HLV, the other budget lines
    and the taakstelling against :data:`BASE_YEAR`; with notes where figures are
    missing or an HLV figure differs from the sum of the municipalities."""
    lines = BudgetLine.objects.select_related("municipality").order_by("year", "kind", "municipality__code")
    by_year: dict[int, list[BudgetLine]] = defaultdict(list)
    for line in lines:
        by_year[line.year].append(line)
    visible = [c for c in HLV_CODES if codes is None or c in codes]
    result: list[LumpSumYear] = []
    totals: dict[int, Decimal | None] = {}
    for year, year_lines in sorted(by_year.items()):
        lump = {
            line.municipality.code: line.amount for line in year_lines if line.kind == "lumpsum" and line.municipality
        }
        published = next((line.amount for line in year_lines if line.kind == "lumpsum" and not line.municipality), None)
        notes = []
        summed = sum(lump.values(), Decimal(0)) if all(c in lump for c in HLV_CODES) else None
        if summed is not None and published is not None and summed != published:
            notes.append(
                _("HLV lump sum %(published)s differs from the sum of the municipalities %(summed)s")
                % {"published": _euro(published), "summed": _euro(summed)}
            )
        if summed is None and published is not None and lump:
            missing = [municipality_name(c) for c in HLV_CODES if c not in lump]
            notes.append(_("lump sum not in the sources for: %(names)s") % {"names": ", ".join(missing)})
        total = summed if summed is not None else published
        totals[year] = total
        other = [
            OtherLine(
                municipality_name(line.municipality.code) if line.municipality else "HLV",
                line.kind,
                str(line.get_kind_display()),
                line.amount,
            )
            for line in year_lines
            if line.kind != "lumpsum" and (line.municipality is None or line.municipality.code in visible)
        ]
        result.append(
            LumpSumYear(
                year=year,
                municipalities={municipality_name(c): lump.get(c) for c in visible},
                total=total,
                published_total=published,
                taakstelling=None,
                other=other,
                notes=notes,
            )
        )
    base = totals.get(BASE_YEAR)
    contract = Contract.objects.filter(number=1).first()
    for row in result:
        in_contract_1 = contract is not None and contract.start_date.year <= row.year <= contract.end_date.year
        if base is not None and row.year > BASE_YEAR and row.total is not None and in_contract_1:
            row.taakstelling = base - row.total
    return result


def _euro(value: Decimal) -> str:
    return f"{value:,.0f}".replace(",", ".")


def real_costs(years: list[LumpSumYear] | None = None) -> dict[int, Decimal]:
    """Real costs of the years whose result is known: HLV lump sum + extra
    contributions + the remaining deficit, whoever bore it (seed 003 §6.4: 2019
    28,579,461 + 2,000,000 + 3,263,000 = 33,842,461)."""
    years = lump_sum_overview() if years is None else years
    results = {r.year: r.amount for r in YearResult.objects.all()}
    extra: dict[int, Decimal] = {}
    for line in BudgetLine.objects.filter(kind=BudgetLine.Kind.EXTRA_CONTRIBUTION):
        extra[line.year] = extra.get(line.year, Decimal(0)) + line.amount
    return {
        y.year: y.total + extra.get(y.year, Decimal(0)) - results[y.year]
        for y in years
        if y.total is not None and y.year in results
    }


@dataclass
class CounterfactualView:
    """One year of the counterfactual: the computation, the system's real costs and
    effect, and the published figures with the difference."""

    row: CounterfactualRow
    real_costs: Decimal | None
    published_real_costs: Decimal | None
    published_effect: Decimal | None

    @property
    def effect(self) -> Decimal | None:
        return None if self.real_costs is None else self.row.total_without - self.real_costs

    @property
    def difference(self) -> Decimal | None:
        """System effect minus the published effect (whole euros)."""
        if self.effect is None or self.published_effect is None:
            return None
        return round_euro(self.effect) - self.published_effect


def counterfactual_views(costs: dict[int, Decimal] | None = None) -> list[CounterfactualView]:
    """``costs``: the :func:`real_costs` per year, when the caller has them already."""
    costs = real_costs() if costs is None else costs
    inputs = list(CounterfactualYear.objects.all())
    views = []
    for item in inputs:
        row = counterfactual(
            item.base_price,
            [
                CounterfactualInput(
                    item.year, item.clients, item.k1_clients, item.factor, costs.get(item.year, Decimal(0))
                )
            ],
            item.k1_share,
        )[0]
        views.append(CounterfactualView(row, costs.get(item.year), item.published_real_costs, item.published_effect))
    return views
