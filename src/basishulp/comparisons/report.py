"""The comparison tables of the report and the page, as report-document blocks
(:mod:`basishulp.reports.domain.document`).

Reconciliation ("aansluiting", :func:`reconciliation_tables`):
- Every published figure of the report period and of every earlier period (periods
  that end on or before the report period's end), for HLV and the municipalities
  (a municipality scope: that municipality and HLV).
- *Recomputed* is the same measure computed now by the KPI engine
  (:class:`basishulp.dashboard.selectors.KpiSource`) from the trajectories known on
  the reporting date (the latest date in the data); HLV is the total row, a
  municipality its own row. ``clients_in_care`` comes from the journey KPIs; the
  cost per client per month is the realised total costs (before the meerkosten
  contribution) / (recomputed monthly average × months), truncated to whole euros as
  seed 001 prints it. *Difference* = published − recomputed.
- The second table holds the internal checks of each published set
  (:func:`basishulp.comparisons.domain.published.arithmetic_checks`): whether the
  published figures add up among themselves, whatever the records say.

Benchmark (:func:`benchmark_table`, :func:`benchmark_chart`):
- CBS youth with youth care per 1,000 young people (0–17) for HLV (the sum of the
  three municipalities' counts over the sum of their young people), the
  municipalities, the region(s) in the CBS data and the Netherlands.
- Beside it the system's own figure: the unique clients of the year (subtotal =
  begin + inflow) per 1,000 of the same young people. In the municipality version
  those counts are published under disclosure control
  (:class:`basishulp.dashboard.municipal.Protector`, the cells of the municipal
  dashboard), and the per-1,000 figure is computed from the published count.
- When the year has no CBS figures, the latest earlier year that has is used (or
  the first year, when there is none earlier), and the note says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from basishulp.kpi.domain.indicators import TOTAL, FlowRow, JourneyRow
from basishulp.kpi.domain.journeys import latest_date
from basishulp.kpi.domain.periods import Period, parse_period
from basishulp.reports.domain.document import Chart, Column, Table, number
from basishulp.trajecten.domain.records import TrajectoryRecord
from basishulp.trajecten.domain.reference import HLV_CODES, municipality_name

from .domain.cbs import NATIONAL, per_thousand
from .domain.published import FLOW_MEASURES, HLV, Check, arithmetic_checks

__all__ = [
    "BenchmarkRow",
    "BenchmarkView",
    "benchmark",
    "benchmark_chart",
    "benchmark_table",
    "measure_labels",
    "reconciliation_tables",
]

RECONCILIATION_SHEET = "Aansluiting gepubliceerd"
CHECKS_SHEET = "Controle gepubliceerd"
BENCHMARK_SHEET = "Benchmark CBS"


def _dutch() -> bool:
    return (translation.get_language() or "nl").startswith("nl")


def _num(value: Decimal | int) -> str:
    places = 0 if Decimal(value) == Decimal(value).to_integral_value() else 1
    return number(value, places, _dutch())


def _cell(value: Decimal | int) -> int | Decimal:
    """A whole number as ``int`` (a count cell), otherwise the ``Decimal``."""
    decimal = Decimal(value)
    return int(decimal) if decimal == decimal.to_integral_value() else decimal


def scope_label(scope: str) -> str:
    return _("HLV") if scope == HLV else municipality_name(scope)


def measure_labels() -> dict[str, str]:
    from basishulp.dashboard.selectors import flow_labels

    return {
        **flow_labels(),
        "clients_in_care": _("Unique clients in care"),
        "cost_per_client_month": _("Cost per client per month"),
    }


def _records(records: Sequence[TrajectoryRecord] | None) -> Sequence[TrajectoryRecord]:
    if records is not None:
        return records
    from basishulp.dashboard.selectors import load_records

    return load_records()


# ------------------------------------------------------------------ reconciliation


def _group(scope: str) -> str:
    return TOTAL if scope == HLV else municipality_name(scope)


def _flow(rows: Sequence[FlowRow], group: str) -> FlowRow:
    return next((r for r in rows if r.group == group), FlowRow(group, 0, 0, 0, 0, Decimal("0.0")))


def _journeys(rows: Sequence[JourneyRow], group: str) -> JourneyRow:
    return next((r for r in rows if r.group == group), JourneyRow(group, 0, None, None, None, {}, 0, None))


class _Recomputer:
    def __init__(self, records: Sequence[TrajectoryRecord]) -> None:
        from basishulp.dashboard.selectors import KpiSource

        self.as_of: date | None = latest_date(records)
        self.source = KpiSource(records, self.as_of) if records and self.as_of else None

    def value(self, period_label: str, scope: str, measure: str) -> int | Decimal | None:
        if self.source is None or self.as_of is None:
            return None
        period = parse_period(period_label)
        if period.start > self.as_of:
            return None
        kpis = self.source.kpis(period)
        flow = _flow(kpis.flows, _group(scope))
        if measure in FLOW_MEASURES:
            value: int | Decimal = getattr(flow, measure)
            return value
        if measure == "clients_in_care":
            return _journeys(kpis.journeys, _group(scope)).clients_in_care
        if measure == "cost_per_client_month":
            return self._cost_per_client_month(period, scope, flow.monthly_average)
        return None

    @staticmethod
    def _cost_per_client_month(period: Period, scope: str, monthly_average: Decimal) -> int | None:
        from basishulp.finance.domain.money import truncate_euro

        from .selectors import realised_total_costs

        costs = realised_total_costs(period, scope)
        months = len(list(period.months()))
        if costs is None or not monthly_average:
            return None
        return truncate_euro(costs / (Decimal(monthly_average) * months))


def reconciliation_tables(
    period: Period | str, scope: str = HLV, records: Sequence[TrajectoryRecord] | None = None
) -> list[Table]:
    """The published figures against the recomputed ones (table ``reconciliation``)
    and the internal checks of the published sets (``reconciliation_checks``)."""
    from .selectors import published_figures, values_of

    report_period = parse_period(period) if isinstance(period, str) else period
    figures = published_figures(report_period, None if scope == HLV else [HLV, scope])
    recompute = _Recomputer(_records(records))
    labels = measure_labels()

    table = Table(
        "reconciliation",
        _("Published figures against the figures recomputed now"),
        RECONCILIATION_SHEET,
        [
            Column(_("Period")),
            Column(_("Scope")),
            Column(_("Measure")),
            Column(_("Published"), "count"),
            Column(_("Recomputed"), "count"),
            Column(_("Difference"), "signed"),
            Column(_("Cause")),
            Column(_("Source")),
        ],
        empty=_("No figures have been published for this period or an earlier one."),
    )
    incomplete = False
    for figure in figures:
        published = Decimal(figure.value)
        recomputed = recompute.value(figure.period, figure.scope, figure.measure)
        difference = None if recomputed is None else _cell(published - Decimal(recomputed))
        if recompute.as_of is not None and parse_period(figure.period).end > recompute.as_of:
            incomplete = True
        table.add(
            figure.period,
            scope_label(figure.scope),
            labels.get(figure.measure, figure.measure),
            _cell(published),
            None if recomputed is None else _cell(recomputed),
            difference,
            figure.cause,
            figure.source,
        )
    notes = [_("Difference = published − recomputed.")]
    if recompute.as_of is None:
        notes.append(_("There are no trajectories, so nothing could be recomputed."))
    else:
        notes.append(
            _(
                "Recomputed by the KPI engine from the trajectories known on %(date)s, with the definitions of "
                "this system; corrections of the records since publication show as differences."
            )
            % {"date": recompute.as_of.strftime("%d-%m-%Y")}
        )
    if incomplete:
        notes.append(_("Some periods end after the latest date in the data: their recomputed figures are incomplete."))
    table.note = " ".join(notes)

    checks = _checks_table(arithmetic_checks(values_of(figures)), scope, labels)
    return [table, checks]


def _calculation(check: Check) -> str:
    if check.kind == "subtotal":
        return f"{_num(check.parts[0])} + {_num(check.parts[1])} = {_num(check.computed)}"
    if check.kind == "end":
        return f"{_num(check.parts[0])} − {_num(check.parts[1])} = {_num(check.computed)}"
    if check.kind == "begin":
        return _("end of %(period)s: %(value)s") % {"period": check.reference, "value": _num(check.computed)}
    return " + ".join(_num(p) for p in check.parts) + f" = {_num(check.computed)}"


def _check_label(check: Check, labels: dict[str, str]) -> str:
    if check.kind == "subtotal":
        return _("Subtotal = begin + inflow")
    if check.kind == "end":
        return _("End = subtotal − outflow")
    if check.kind == "begin":
        return _("Begin = end of the previous period")
    return _("Municipalities add up to HLV: %(measure)s") % {
        "measure": labels.get(check.measure, check.measure).lower()
    }


def _checks_table(checks: list[Check], scope: str, labels: dict[str, str]) -> Table:
    table = Table(
        "reconciliation_checks",
        _("Do the published figures add up?"),
        CHECKS_SHEET,
        [
            Column(_("Period")),
            Column(_("Scope")),
            Column(_("Check")),
            Column(_("Calculation")),
            Column(_("Published"), "count"),
            Column(_("Difference"), "signed"),
            Column(_("Result")),
            Column(_("Source")),
        ],
        empty=_("The published figures hold no sums to check."),
    )
    for check in checks:
        if scope != HLV and check.kind == "municipalities":
            continue  # the municipality version does not show the other municipalities
        table.add(
            check.period,
            scope_label(check.scope),
            _check_label(check, labels),
            _calculation(check),
            _cell(check.published),
            _cell(check.difference),
            _("adds up") if check.ok else _("does not add up"),
            check.source,
        )
    table.note = _(
        "Difference = published − calculated from the other published figures. Averages are rounded in the "
        "sources: municipalities whose averages differ at most 1 from HLV's add up."
    )
    return table


# ----------------------------------------------------------------------- benchmark


@dataclass(frozen=True)
class BenchmarkRow:
    code: str  # "HLV" or a CBS region code
    label: str
    kind: str  # hlv, municipality, region, national
    youth_with_care: int | None
    young_people: int | None
    clients: int | None = None  # the system's unique clients in the year (HLV and municipalities)

    @property
    def per_thousand(self) -> Decimal | None:
        return per_thousand(self.youth_with_care, self.young_people)

    @property
    def clients_per_thousand(self) -> Decimal | None:
        return per_thousand(self.clients, self.young_people)


@dataclass
class BenchmarkView:
    requested_year: int
    year: int | None  # the CBS year shown
    rows: list[BenchmarkRow]
    sources: list[str]
    protected: bool


def _cbs_year(year: int, years: Sequence[int]) -> int | None:
    if not years:
        return None
    if year in years:
        return year
    earlier = [y for y in years if y <= year]
    return max(earlier) if earlier else min(years)


def _sum(values: Sequence[int | None]) -> int | None:
    if any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


def _system_clients(
    year: int, codes: Sequence[str], records: Sequence[TrajectoryRecord], protected: bool
) -> dict[str, int | None]:
    """Unique clients of the year (subtotal) per scope (HLV or a code); published
    under disclosure control when ``protected``."""
    from basishulp.dashboard.selectors import KpiSource

    as_of = latest_date(records)
    if not records or as_of is None:
        return {}
    period = parse_period(str(year))
    first = min(r.start_date for r in records)
    if period.start > as_of or period.end < first:
        return {}
    kpis = KpiSource(records, as_of).kpis(period)
    result: dict[str, int | None] = {}
    for code in codes:
        n = _flow(kpis.flows, _group(code)).subtotal
        if protected:
            from basishulp.dashboard.municipal import Protector

            result[code] = Protector(code, records).count(period, "flow.subtotal", n).value
        else:
            result[code] = n
    return result


def benchmark(
    year: int, scope: str = HLV, records: Sequence[TrajectoryRecord] | None = None, *, with_clients: bool = True
) -> BenchmarkView:
    """The rows of the benchmark (see the module rules); ``with_clients=False`` skips the
    system's figures (the chart does not need them)."""
    from .selectors import cbs_figures, cbs_years

    used = _cbs_year(year, cbs_years())
    protected = scope != HLV
    view = BenchmarkView(year, used, [], [], protected)
    if used is None:
        return view
    figures = cbs_figures(used)
    clients: dict[str, int | None] = {}
    if with_clients:
        wanted = [HLV, *HLV_CODES] if scope == HLV else [scope, HLV]
        clients = _system_clients(used, wanted, _records(records), protected)

    def municipality(code: str) -> BenchmarkRow:
        f = figures.get(code)
        return BenchmarkRow(
            code,
            f.region_name if f else municipality_name(code),
            "municipality",
            f.youth_with_care if f else None,
            f.young_people if f else None,
            clients.get(code),
        )

    parts = [figures.get(code) for code in HLV_CODES]
    hlv = BenchmarkRow(
        HLV,
        _("HLV"),
        "hlv",
        _sum([p.youth_with_care if p else None for p in parts]),
        _sum([p.young_people if p else None for p in parts]),
        clients.get(HLV),
    )
    if scope == HLV:
        view.rows += [hlv, *(municipality(code) for code in HLV_CODES)]
    else:
        view.rows += [municipality(scope), hlv]
    for code in sorted(figures):
        if code.startswith("GM") or code == NATIONAL:
            continue
        f = figures[code]
        view.rows.append(BenchmarkRow(code, f.region_name, "region", f.youth_with_care, f.young_people))
    national = figures.get(NATIONAL)
    if national is not None:
        view.rows.append(
            BenchmarkRow(NATIONAL, national.region_name, "national", national.youth_with_care, national.young_people)
        )
    shown = {r.code for r in view.rows} | set(HLV_CODES if scope == HLV else [scope])
    view.sources = sorted({f.source for code, f in figures.items() if code in shown and f.source})
    return view


def benchmark_table(year: int, scope: str = HLV, records: Sequence[TrajectoryRecord] | None = None) -> Table:
    """Youth care per 1,000 young people: CBS beside the system's own clients (table ``benchmark``)."""
    view = benchmark(year, scope, records)
    shown_year = view.year if view.year is not None else year
    table = Table(
        "benchmark",
        _("Youth care per 1,000 young people (CBS), %(year)s") % {"year": shown_year},
        BENCHMARK_SHEET,
        [
            Column(_("Region")),
            Column(_("Youth with youth care (CBS)"), "count"),
            Column(_("Young people 0–17 (CBS)"), "count"),
            Column(_("Per 1,000 young people (CBS)"), "decimal1"),
            Column(_("Basishulp clients in the year"), "count"),
            Column(_("Basishulp clients per 1,000 young people"), "decimal1"),
        ],
        empty=_("There are no CBS figures yet: import a StatLine export on the comparisons page."),
    )
    for row in view.rows:
        table.add(
            row.label,
            row.youth_with_care,
            row.young_people,
            row.per_thousand,
            row.clients,
            row.clients_per_thousand,
        )
    notes: list[str] = []
    if view.year is not None and view.year != year:
        notes.append(
            _("CBS has no figures for %(year)s: the table shows %(used)s.") % {"year": year, "used": view.year}
        )
    notes.append(
        _(
            "CBS counts the young people with any youth care in kind (jeugdhulp in natura) in the year, from every "
            "provider: specialist care and care with a stay included, by the municipality responsible for it. "
            "Basishulp clients are the unique clients of the Basishulp in the year (clients at the start plus "
            "inflow), a part of that care under another definition; the two are a context for each other, not a "
            "check. Both are per 1,000 young people aged 0 to 17 (CBS). HLV is the sum of the three municipalities."
        )
    )
    if view.protected:
        notes.append(
            _(
                "Basishulp clients are published as on the municipal dashboard: rounded to multiples of 5 with a "
                "small deviation; the figure per 1,000 is computed from the published number."
            )
        )
    if view.sources:
        notes.append(_("Source: %(sources)s.") % {"sources": "; ".join(view.sources)})
    table.note = " ".join(notes)
    return table


def benchmark_chart(year: int, scope: str = HLV, records: Sequence[TrajectoryRecord] | None = None) -> Chart | None:
    """Horizontal bars: CBS youth with youth care per 1,000 young people per region;
    ``None`` when there is nothing to draw."""
    from basishulp.dashboard.charts import bar_list_svg

    view = benchmark(year, scope, records, with_clients=False)
    items = [(row.label, value) for row in view.rows if (value := row.per_thousand) is not None]
    if not items or view.year is None:
        return None
    dutch = _dutch()
    title = _("Young people with youth care per 1,000 young people, %(year)s (CBS)") % {"year": view.year}
    desc = "; ".join(f"{label}: {number(value, 1, dutch)}" for label, value in items)
    svg = bar_list_svg(
        chart_id="benchmark-chart",
        title=title,
        desc=desc,
        items=[(label, float(value)) for label, value in items],
        fmt=lambda value: number(Decimal(str(value)), 1, dutch),
    )
    return Chart("benchmark_chart", title, svg, desc)
