"""The finance dashboard's view model (domain.md §4): lump sums, indexation
comparison, the result statement with cost per client-month against the norm,
meerkosten claims with their split, and result sharing among members.

Built from the database through the pure finance core; municipality users get their
own municipality's lines and the HLV totals only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from basishulp.accounts.selectors import visible_municipality_codes
from basishulp.dashboard import charts
from basishulp.trajecten.domain.reference import HLV_CODES, municipality_name

from .domain.allocation import Share, allocate
from .domain.indexation import Recalculation, index_amounts, index_by_factors, recalculate
from .domain.lumpsum import corrected_lump_sums
from .domain.members import SMALL_PROVIDER_MINIMUM
from .domain.money import truncate_euro
from .domain.statement import Statement as StatementColumn
from .models import (
    Claim,
    ClientNorm,
    DistributionKey,
    ExitFee,
    IndexSeries,
    LumpSumCorrection,
    MemberRevenue,
    SmallProviderShare,
    Statement,
    YearResult,
)
from .selectors import BASE_YEAR, CounterfactualView, LumpSumYear, counterfactual_views, lump_sum_overview, real_costs
from .source_data import STATEMENT_FIELDS

__all__ = ["FinanceBoard", "build_finance_board", "claim_shares", "kpi_monthly_clients"]

HLV = "HLV"


@dataclass
class IndexColumn:
    label: str
    amounts: dict[int, int]


@dataclass
class SmallProviderView:
    label: str
    percent: Decimal
    reported: bool  # the share as reported, not computed from the amount spent

    @property
    def met(self) -> bool:
        return self.percent >= SMALL_PROVIDER_MINIMUM * 100


@dataclass
class ExitFeeView:
    fee: ExitFee
    previous_revenue: Decimal | None

    @property
    def within_cap(self) -> bool | None:
        return None if self.previous_revenue is None else self.fee.amount <= self.previous_revenue


@dataclass
class IndexTable:
    label: str
    years: list[int]
    base: dict[int, Decimal]
    columns: list[IndexColumn] = field(default_factory=list)


@dataclass
class StatementView:
    label: str
    column: StatementColumn
    monthly_clients: Decimal | None = None
    months: int = 12
    norm_price: Decimal | None = None
    budget: Decimal | None = None  # the HLV lump sum of the year

    @property
    def cost_per_client_month(self) -> int | None:
        if not self.monthly_clients:
            return None
        return truncate_euro(self.column.total_costs / (self.monthly_clients * self.months))

    @property
    def client_norm(self) -> Decimal | None:
        """Clients per month that fit in the lump sum at the normative price."""
        if self.norm_price is None or self.budget is None or self.months != 12:
            return None
        return self.budget / (12 * self.norm_price)


@dataclass
class ClaimView:
    claim: Claim
    shares: list[tuple[str, Decimal, Decimal]]  # (group, percent, amount)


@dataclass
class ResultSharing:
    year: int
    result: Decimal
    forecast: bool
    shares: list[Share]


@dataclass
class FinanceBoard:
    scope_label: str
    municipality_names: list[str]
    lump_years: list[LumpSumYear]
    lump_chart: str = ""
    index_tables: list[IndexTable] = field(default_factory=list)
    recalculations: list[tuple[str, list[Recalculation]]] = field(default_factory=list)
    statements: list[StatementView] = field(default_factory=list)
    claims: list[ClaimView] = field(default_factory=list)
    sharing: list[ResultSharing] = field(default_factory=list)
    member_names: list[str] = field(default_factory=list)
    counterfactual: list[CounterfactualView] = field(default_factory=list)
    small_providers: list[SmallProviderView] = field(default_factory=list)
    exit_fees: list[ExitFeeView] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.lump_years or self.statements or self.claims or self.sharing)


def build_finance_board(user: Any, monthly_clients: dict[tuple[int, int, str], Decimal] | None = None) -> FinanceBoard:
    """The board for ``user``. ``monthly_clients`` maps ``(year, half)`` to the
    average unique clients in care per month (from the KPI engine); see
    :func:`kpi_monthly_clients`."""
    codes = visible_municipality_codes(user)
    names = [municipality_name(c) for c in HLV_CODES if codes is None or c in codes]
    scope = _("HLV") if codes is None else " · ".join([_("HLV"), *names])
    years = lump_sum_overview(codes)
    board = FinanceBoard(scope_label=scope, municipality_names=names, lump_years=years)
    costs = real_costs(years)
    board.lump_chart = _lump_chart(years, costs)
    _indexation(board, years)
    _statements(board, codes, monthly_clients or {}, years)
    _claims(board, codes)
    _sharing(board)
    board.counterfactual = counterfactual_views(costs)
    _contract_rules(board, {y.year: y.total for y in years if y.total is not None})
    return board


def _contract_rules(board: FinanceBoard, budgets: dict[int, Decimal]) -> None:
    for row in SmallProviderShare.objects.all():
        label = str(row.year) if row.half == 0 else f"{row.year}-H{row.half}"
        budget = budgets.get(row.year)
        if row.spent is not None and budget:
            period_budget = budget if row.half == 0 else budget / 2
            board.small_providers.append(SmallProviderView(label, row.spent / period_budget * 100, reported=False))
        elif row.reported_percent is not None:
            board.small_providers.append(SmallProviderView(label, row.reported_percent, reported=True))
    for fee in ExitFee.objects.select_related("care_unit"):
        board.exit_fees.append(ExitFeeView(fee, fee.previous_revenue()))


def kpi_monthly_clients(periods: list[tuple[int, int]]) -> dict[tuple[int, int, str], Decimal]:
    """Average unique clients in care per month for ``(year, half)`` periods, for HLV
    (group ``"HLV"``) and each municipality (by name), computed by the KPI engine
    from the trajectories in the database."""
    from basishulp.kpi.domain.indicators import TOTAL
    from basishulp.kpi.domain.periods import parse_period
    from basishulp.kpi.services import compute_kpis
    from basishulp.trajecten.selectors import all_trajectory_records

    records = all_trajectory_records()
    if not records:
        return {}
    result = {}
    for year, half in periods:
        period = parse_period(str(year) if half == 0 else f"{year}-H{half}")
        for row in compute_kpis(records, period, dimension="municipality").flows:
            group = HLV if row.group == TOTAL else row.group
            result[(year, half, group)] = Decimal(str(row.monthly_average))
    return result


def _lump_chart(years: list[LumpSumYear], real: dict[int, Decimal]) -> str:
    rows = [(y.year, y.total, real.get(y.year)) for y in years if y.total is not None and y.year in real]
    if len(rows) < 2:
        return ""

    def fmt(value: float) -> str:
        return f"{value / 1e6:.0f} mln"

    return charts.line_chart_svg(
        chart_id="chart-lumpsum",
        title=_("Lump sum and real costs per year (HLV)"),
        desc=_("Lump sum against the real costs: lump sum plus extra contributions plus the deficit."),
        x_labels=[str(year) for year, _total, _real in rows],
        x_axis_label=_("year"),
        panels=[
            charts.LinePanel(
                y_label=_("euro"),
                series=[
                    charts.LineSeries("lumpsum", _("lump sum"), [float(t) for _y, t, _r in rows], color="#1f5f8b"),
                    charts.LineSeries("real", _("real costs"), [float(r) for _y, _t, r in rows], color="#b5482a"),
                ],
                height=200,
            )
        ],
        fmt=fmt,
    )


def _indexation(board: FinanceBoard, years: list[LumpSumYear]) -> None:
    # The contract-1 years: the base year and the years with a taakstelling.
    base: dict[int, Decimal] = {
        y.year: y.total for y in years if y.total is not None and (y.year == BASE_YEAR or y.taakstelling is not None)
    }
    if not base:
        return
    series_values: list[tuple[IndexSeries, dict[int, Decimal], dict[int, Decimal]]] = []
    for series in IndexSeries.objects.prefetch_related("values"):
        provisional = {v.year: v.value for v in series.values.all() if not v.definitive and v.year in base}
        definitive = {v.year: v.value for v in series.values.all() if v.definitive and v.year in base}
        values = {**provisional, **definitive}  # a definitive value replaces a provisional one
        if set(values) == set(base):
            series_values.append((series, values, provisional))
    bases = [(_("lump sum (contract)"), base)]
    corrections: dict[str, dict[int, tuple[Decimal, Decimal]]] = {}
    for c in LumpSumCorrection.objects.all():
        corrections.setdefault(c.name, {})[c.year] = (c.raise_amount, c.taakstelling_percent)
    for name, by_year in corrections.items():
        if set(by_year) >= set(base):
            raise_amount = next(iter(by_year.values()))[0]
            if all(r == raise_amount for r, _p in by_year.values()):
                pct = {y: p for y, (_r, p) in by_year.items()}
                bases.append((name, corrected_lump_sums(base, raise_amount, pct)))
    for label, amounts in bases:
        table = IndexTable(label, sorted(amounts), amounts)
        for series, values, provisional in series_values:
            if series.kind == IndexSeries.Kind.PERCENT:
                for start in (min(amounts), min(amounts) + 1):
                    rows = index_amounts(amounts, values, start)
                    table.columns.append(
                        IndexColumn(_("%(series)s from %(year)s") % {"series": series.name, "year": start},
                                    {r.year: r.amount for r in rows})
                    )  # fmt: skip
                replaced = {y: v for y, v in provisional.items() if values[y] != v}
                if replaced and label == bases[0][0]:
                    old = {**values, **provisional}
                    board.recalculations.append(
                        (series.name, recalculate(amounts, old, values, min(amounts)))  # type: ignore[arg-type]
                    )
            else:
                table.columns.append(IndexColumn(series.name, index_by_factors(amounts, values)))
        if table.columns:
            board.index_tables.append(table)


def _statements(
    board: FinanceBoard,
    codes: list[str] | None,
    monthly_clients: dict[tuple[int, int, str], Decimal],
    years: list[LumpSumYear],
) -> None:
    """HLV columns first, then those of the municipalities the user may see."""
    norms = {n.year: n.price for n in ClientNorm.objects.all()}
    budgets = {(y.year, HLV): y.total for y in years}
    budgets |= {(y.year, name): amount for y in years for name, amount in y.municipalities.items()}
    rows = Statement.objects.select_related("municipality")
    if codes is not None:
        rows = rows.filter(Q(municipality=None) | Q(municipality__code__in=codes))
    ordered = sorted(
        rows, key=lambda r: (r.municipality is not None, _code_order(r.municipality), r.half, r.year, r.kind)
    )
    for row in ordered:  # per group in the order of seed 001: years, then half-years
        group = HLV if row.municipality is None else municipality_name(row.municipality.code)
        column = StatementColumn(*(getattr(row, f) for f in STATEMENT_FIELDS))
        period = str(row.year) if row.half == 0 else f"{row.year}-H{row.half}"
        label = f"{row.get_kind_display().capitalize()} {period}"
        if row.municipality is not None:
            label += f" {group}"
        view = StatementView(label, column, months=12 if row.half == 0 else 6)
        if row.kind == Statement.Kind.REALISATION:
            view.monthly_clients = monthly_clients.get((row.year, row.half, group))
        if row.kind == Statement.Kind.BUDGET and row.half == 0:
            view.norm_price = norms.get(row.year)
            view.budget = budgets.get((row.year, group))
        board.statements.append(view)


def _code_order(m: Any) -> int:
    return -1 if m is None else (HLV_CODES.index(m.code) if m.code in HLV_CODES else len(HLV_CODES))


def claim_shares(claim: Claim) -> list[tuple[str, Decimal, Decimal]]:
    """Each municipality's share of ``claim`` by the distribution key of its year:
    ``(name, percent, amount)``, adding up to the claim to the euro (largest remainder);
    the part no key was entered for goes to "other municipalities"."""
    keys = {k.municipality.code: k.percent for k in DistributionKey.objects.filter(year=claim.year)}
    if not keys:
        return []
    weights = {municipality_name(c): p for c, p in keys.items()}
    rest = Decimal(100) - sum(keys.values(), Decimal(0))
    if rest > 0:
        weights[_("other municipalities (key not entered)")] = rest
    return [(share.name, share.weight, share.amount) for share in allocate(claim.amount, weights)]


def _claims(board: FinanceBoard, codes: list[str] | None) -> None:
    hidden = {municipality_name(c) for c in HLV_CODES if codes is not None and c not in codes}
    for claim in Claim.objects.all():
        board.claims.append(ClaimView(claim, [s for s in claim_shares(claim) if s[0] not in hidden]))


def _sharing(board: FinanceBoard) -> None:
    revenues: dict[int, dict[str, Decimal]] = {}
    for r in MemberRevenue.objects.select_related("care_unit").order_by("year", "-revenue_share"):
        weight = r.revenue if r.revenue is not None else r.revenue_share
        if weight is not None:
            revenues.setdefault(r.year, {})[r.care_unit.name] = weight
    names: list[str] = []
    for result in YearResult.objects.order_by("year"):
        weights = revenues.get(result.year) or revenues.get(max((y for y in revenues if y < result.year), default=0))
        if not weights:
            board.messages.append(
                _("%(year)s: no member revenue entered; the result cannot be shared.") % {"year": result.year}
            )
            continue
        shares = allocate(result.amount, weights, 1000)
        board.sharing.append(ResultSharing(result.year, result.amount, result.forecast, shares))
        names += [s.name for s in shares if s.name not in names]
    board.member_names = names
