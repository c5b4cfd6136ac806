"""Builds the half-year or annual report (domain.md §6, seed 001) as a
:class:`~basishulp.reports.domain.document.Report` from the engines: the KPI engine for
client flows and journeys, the toeleiding registers for requests, waiting lists,
quality and complaints, the finance core for the statement, meerkosten and result
sharing, the forecast, and the governance registers. Nothing here computes a figure
of its own beyond arranging and summing what the engines give; every table says where
it comes from.

Two versions:

- **HLV** (JENS, the controllers): exact figures, HLV and per municipality.
- **Municipality** (the "raadsinformatiebrief" appendix): the municipality's own
  figures and the HLV totals, every count under disclosure control (the same tables as
  the municipality's page, :mod:`basishulp.dashboard.municipal`), the forecast as the
  municipality's forecast page shows it (clients rounded to 5, money to € 100.000), plus
  its lump sum, its share of the meerkosten and its budget adjustment.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from basishulp.dashboard import charts
from basishulp.dashboard.selectors import (
    DURATION_TARGET_DAYS,
    FLOW_FIELDS,
    HLV,
    Dashboard,
    KpiSource,
    _care_row,
    _fill_chart,
    _fill_journeys,
    _flow_row,
    _group_of,
    care_unit_names,
    flow_labels,
    load_records,
    period_label,
)
from basishulp.kpi.domain.disclosure import Cell as ProtectedCell
from basishulp.kpi.domain.indicators import TOTAL
from basishulp.kpi.domain.journeys import latest_date
from basishulp.kpi.domain.periods import Period, PeriodError, parse_period
from basishulp.trajecten.domain.reference import HLV_CODES, municipality_code, municipality_name

from .domain.document import Chart, Column, Report, Section, Table, Text, number

__all__ = ["ReportError", "build_report", "report_period", "resolve_scope"]

Progress = Callable[[int, str], None]

#: The statement lines of seed 001 §10, in its order: (field, label key, is a subtotal).
STATEMENT_LINES = (
    "income",
    "voorliggend_veld",
    "gebiedsteams",
    "specialistische_zorg",
    "zorgkosten",
    "pgb",
    "overige_initiatieven",
    "overhead",
    "organisatiekosten",
    "meerkosten_bijdrage",
    "result",
)


class ReportError(Exception):
    """The report cannot be made (no data, an unknown municipality or period)."""


def resolve_scope(raw: str | None) -> str:
    """``HLV`` or the CBS code of one of the three municipalities (name or code)."""
    if not raw or raw.strip().upper() == HLV:
        return HLV
    wanted = raw.strip()
    code = municipality_code(wanted.upper() if wanted.upper().startswith("GM") else wanted)
    if code not in HLV_CODES:
        names = ", ".join(municipality_name(c) for c in HLV_CODES)
        raise ReportError(_("“%(value)s” is not a municipality of HLV; choose %(names)s or HLV.") % {
            "value": wanted[:40], "names": names})  # fmt: skip
    return code


def _period_kind(period: Period) -> str:
    return "annual" if period.label and len(period.label) == 4 else "half-year"


def _half_of(period: Period) -> int:
    """0 for a year, 1 or 2 for a half-year."""
    label = period.label or ""
    return int(label[-1]) if label[4:6].upper() == "-H" else 0


def _months(period: Period) -> int:
    return (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1


def _d(value: Any) -> Decimal:
    return Decimal(str(value))


class _Builder:
    def __init__(self, period: Period, scope: str, progress: Progress | None, paths: int, scenarios: Sequence[Any]):
        self.period = period
        self.previous = period.shifted_years(-1)
        self.scope = scope
        self.protected = scope != HLV
        self.group = _group_of(scope)
        self.progress = progress or (lambda percent, step: None)
        self.paths = paths
        self.scenarios = list(scenarios)
        self.records = load_records()
        self.as_of = latest_date(self.records)
        if not self.records or self.as_of is None:
            raise ReportError(_("there are no trajectories in the database: import them first"))
        self.first = min(r.start_date for r in self.records)
        if period.start > self.as_of:
            raise ReportError(
                _("the data end on %(date)s, before the period starts") % {"date": self.as_of.strftime("%d-%m-%Y")}
            )
        self.source = KpiSource(self.records, self.as_of)
        self.scope_label = "HLV" if scope == HLV else municipality_name(scope)
        self.municipal: Any = None

    # ------------------------------------------------------------------ helpers

    def kpis(self, period: Period) -> Any:
        return self.source.kpis(period)

    @functools.cached_property
    def intake(self) -> Any:
        """The toeleiding KPIs of the period (HLV): requests, waiting lists, process norms."""
        from basishulp.toeleiding.kpis import intake_kpis

        return intake_kpis(self.period.start, self.period.end, self.as_of, None)

    @functools.cached_property
    def lump_years(self) -> list[Any]:
        """The lump sums per year (HLV and per municipality), read once per report."""
        from basishulp.finance.selectors import lump_sum_overview

        return lump_sum_overview(None)

    def lump_total(self, year: int) -> Decimal | None:
        return next((y.total for y in self.lump_years if y.year == year), None)

    def flow(self, period: Period, group: str | None = None) -> Any:
        return _flow_row(self.kpis(period), group or self.group)

    # ------------------------------------------------------------------ build

    def build(self) -> Report:
        period_words = period_label(self.period)
        kind = _period_kind(self.period)
        title = (
            _("Annual report Basishulp Jeugd %(year)s") if kind == "annual" else _("Half-year report Basishulp Jeugd")
        )
        title = title % {"year": self.period.start.year}
        if self.protected:
            subtitle = _("Appendix to the council information letter: %(municipality)s, %(period)s") % {
                "municipality": self.scope_label,
                "period": period_words,
            }
        else:
            subtitle = _("Heerlen, Landgraaf and Voerendaal (HLV), %(period)s") % {"period": period_words}
        report = Report(
            title=title,
            subtitle=subtitle,
            period=self.period.label or "",
            period_label=period_words,
            scope=self.scope,
            scope_label=self.scope_label,
            protected=self.protected,
            generated_at=timezone.now(),
            as_of=self.as_of,
        )
        if self.period.end > self.as_of:
            report.messages.append(
                _("The period is not complete: the data end on %(date)s.") % {"date": self.as_of.strftime("%d-%m-%Y")}
            )
        steps: list[tuple[str, Callable[[], list[Section]]]] = [
            (_("Introduction"), self.introduction),
            (_("Key figures"), self.key_figures),
            (_("Client flows"), self.flows),
            (_("Help requests and waiting lists"), self.requests),
            (_("Client journeys and process norms"), self.journeys),
            (_("Care distribution"), self.care),
            (_("Quality, safety and complaints"), self.quality),
            (_("Finance"), self.finance),
            (_("Forecast"), self.forecast),
            (_("Risks"), self.risks),
            (_("Transformation portfolio"), self.portfolio),
            (_("Benchmark"), self.benchmark),
            (_("Reconciliation"), self.reconciliation),
            (_("Workforce"), self.workforce),
            (_("About this report"), self.about),
        ]
        for i, (label, step) in enumerate(steps):
            self.progress(int(100 * i / len(steps)), label)
            report.sections.extend(step())
        self.progress(100, _("Done"))
        return report

    # ------------------------------------------------------------- introduction

    def introduction(self) -> list[Section]:
        from basishulp.registers.report import period_texts, text_blocks

        texts = period_texts(self.period, None if self.scope == HLV else self.scope)
        section = Section("introduction", _("Introduction"))
        titles = {"introduction": "", "communication": _("Communication"), "hr": _("Human resources")}
        for kind in [*titles, *(k for k in texts if k not in titles)]:
            text = texts.get(kind, "")
            if not text:
                continue
            if titles.get(kind):
                section.text(titles[kind], "h3")
            section.blocks += text_blocks(text)
        if not section.blocks:
            section.text(
                _("No introduction has been written for this period (Registers → Texts)."),
                "note",
            )
        return [section]

    # ------------------------------------------------------------- key figures

    def key_figures(self) -> list[Section]:
        section = Section("summary", _("Key figures"))
        if self.protected:
            section.text(
                _(
                    "Counts in this appendix are published under disclosure control: rounded to 5 after a small "
                    "random perturbation, and shown as <8 when fewer than 8, so that no child or family can be "
                    "singled out. They can therefore differ slightly from the exact counts in JENS's report."
                ),
                "note",
            )
            section.blocks.append(self._municipal_money())
            return [section]
        row, before = self.flow(self.period), self.flow(self.previous)
        statement = self._statement(self.period.start.year, _half_of(self.period), "realisatie", None)
        statement_before = self._statement(self.previous.start.year, _half_of(self.previous), "realisatie", None)
        norm_price, norm_clients = self._norm(self.period.start.year)
        table = Table(
            "key_figures",
            _("Key figures %(period)s") % {"period": period_label(self.period)},
            _("Key figures"),
            [
                Column(_("Measure")),
                Column(period_label(self.period), "count"),
                Column(period_label(self.previous), "count"),
                Column(_("Norm"), "count"),
            ],
        )
        table.add(_("Unique clients served (start + inflow)"), row.subtotal, before.subtotal, None)
        table.add(_("Inflow of new unique clients"), row.inflow, before.inflow, None)
        table.add(_("Outflow"), row.outflow, before.outflow, None)
        table.add(
            _("Average unique clients in care per month"),
            _whole(row.monthly_average),
            _whole(before.monthly_average),
            _whole(norm_clients),
        )
        cost = self._cost_per_client_month(statement, row.monthly_average, _months(self.period))
        cost_before = self._cost_per_client_month(statement_before, before.monthly_average, _months(self.previous))
        money = Table(
            "key_money",
            _("Money %(period)s") % {"period": period_label(self.period)},
            _("Key figures money"),
            [
                Column(_("Measure")),
                Column(period_label(self.period), "euro"),
                Column(period_label(self.previous), "euro"),
                Column(_("Norm"), "euro"),
            ],
        )
        money.add(_("Cost per unique client per month"), cost, cost_before, norm_price)
        if statement is not None:
            before_cols = statement_before
            money.add(_("Care costs"), statement.zorgkosten, before_cols.zorgkosten if before_cols else None, None)
            money.add(_("Result"), statement.result, before_cols.result if before_cols else None, None)
        section.blocks += [table, money]
        if statement is None:
            section.text(
                _("No realisation statement has been entered for %(period)s: the money figures are missing.")
                % {"period": period_label(self.period)},
                "warning",
            )
        return [section]

    # -------------------------------------------------------------------- flows

    def flows(self) -> list[Section]:
        section = Section("flows", _("Unique clients in youth care"))
        if self.protected:
            self._municipal_section(section, "flows")
            self._monthly_chart(section)
            return [section]
        labels = flow_labels()
        # the years before the period and the period itself, as in seed 001 §8
        periods = [
            parse_period(str(y))
            for y in range(max(self.first.year, self.period.start.year - 4), self.period.start.year)
        ]
        periods.append(self.period)
        columns = [Column(_("Unique clients"))] + [
            Column(p.label if p is not self.period else period_label(p), "count") for p in periods
        ]
        years = Table(
            "flows_years",
            _("Development of unique clients, HLV"),
            _("Client flows per year"),
            columns,
            note=_(
                "Computed from the trajectories by the KPI engine: clients at the start + inflow = subtotal; "
                "subtotal − outflow = in care at the end. Published figures of earlier reports and their "
                "differences are in the chapter Reconciliation."
            ),
        )
        _flow_rows(years, [self.flow(p, TOTAL) for p in periods], labels)
        section.blocks.append(years)

        current = self.kpis(self.period)
        groups = [r.group for r in current.flows]
        municipalities = Table(
            "flows_municipalities",
            _("Unique clients per municipality, %(period)s") % {"period": period_label(self.period)},
            _("Client flows per municipality"),
            [Column(_("Unique clients"))] + [Column("HLV" if g == TOTAL else g, "count") for g in groups],
            note=_(
                "A journey belongs to the municipality of the trajectory that opened it. A client who moved "
                "between municipalities counts in each municipality's average but once in HLV, so the "
                "municipalities' monthly averages can add up to more than HLV's."
            ),
        )
        _flow_rows(municipalities, current.flows, labels)
        section.blocks.append(municipalities)
        self._monthly_chart(section)
        section.blocks.append(self._norm_table())
        return [section]

    def _monthly_chart(self, section: Section) -> None:
        if self.protected:
            self._protected_chart(section)
            return
        board = Dashboard(scope=self.scope, scope_label=self.scope_label)
        board.period_label = period_label(self.period)
        _fill_chart(board, self.source, self.period, self.first, self.group)
        if board.chart_svg:
            section.blocks.append(
                Chart(
                    "chart_flow",
                    _("Unique clients in care per month, with inflow and outflow"),
                    board.chart_svg,
                    _("The shaded months are the report period."),
                )
            )
        months = Table(
            "flows_months",
            _("Unique clients per month: %(scope)s") % {"scope": self.scope_label},
            _("Clients per month"),
            [
                Column(_("Month")),
                Column(_("In care"), "count"),
                Column(_("Inflow"), "count"),
                Column(_("Outflow"), "count"),
                Column(_("Net inflow"), "signed"),
            ],
        )
        for m in board.months:
            months.add(m["label"], m["in_care"], m["inflow"], m["outflow"], m["net"])
        section.blocks.append(months)

    def _protected_chart(self, section: Section) -> None:
        """The municipality's monthly chart, drawn from the published (protected) counts."""
        table = next((t for t in section.tables() if t.id == "m_m-months"), None)
        if table is None or not table.rows:
            return
        columns = [[row[i] if isinstance(row[i], int) else None for row in table.rows] for i in (1, 2, 3)]
        complete = [all(v is not None for v in values) for values in columns]
        if not complete[0]:
            section.text(_("Some monthly counts are below 8 and not shown; the chart is left out."), "note")
            return
        flows = [
            charts.LineSeries(key, label, columns[i], dashed=key == "outflow")
            for i, key, label in ((1, "inflow", _("Inflow")), (2, "outflow", _("Outflow")))
            if complete[i]
        ]
        if not all(complete):
            section.text(_("A monthly inflow or outflow below 8 is not shown; the chart leaves that line out."), "note")
        panels = [charts.LinePanel(_("Clients in care"), [charts.LineSeries("in_care", _("In care"), columns[0])],
                                   height=170)]  # fmt: skip
        if flows:
            panels.append(charts.LinePanel(_("Clients per month"), flows, height=130, zero_based=True))
        labels = [str(row[0]) for row in table.rows]
        svg = charts.line_chart_svg(
            chart_id="report-flow",
            title=_("Unique clients in care per month, with inflow and outflow: %(scope)s")
            % {"scope": self.scope_label},
            desc=_("Published counts (rounded to 5) of the months of the period."),
            x_labels=[label.split(" ")[0][:3] for label in labels],
            x_titles=labels,
            x_sublabels=["" for _l in labels],
            x_axis_label=_("Month"),
            panels=panels,
            fmt=lambda v: _num_text(_d(v), 0),
        )
        section.blocks.append(Chart("chart_flow", _("Unique clients in care per month"), svg))

    def _norm_table(self) -> Table:
        year = self.period.start.year
        norm_price, norm_clients = self._norm(year)
        last_year = parse_period(str(year - 1))
        prev = self._statement(year - 1, 0, "realisatie", None)
        now = self._statement(year, _half_of(self.period), "realisatie", None)
        row_prev, row_now = self.flow(last_year, TOTAL), self.flow(self.period, TOTAL)
        table = Table(
            "client_norm",
            _("Averages per month against the norm"),
            _("Client norm and costs"),
            [
                Column(_("Averages per month")),
                Column(_("Norm"), "count"),
                Column(str(year - 1), "count"),
                Column(period_label(self.period), "count"),
            ],
            note=_(
                "Client norm = budget / (12 × normative cost per client per month). Cost per unique client per "
                "month = total costs of the period (care costs, PGB, other initiatives, overhead, organisation "
                "costs) / (average unique clients in care × months), truncated to the euro, as the published "
                "reports do."
            ),
        )
        table.add(
            _("Unique clients in care"),
            _whole(norm_clients),
            _whole(row_prev.monthly_average),
            _whole(row_now.monthly_average),
        )
        table.add(
            _("Cost per unique client (€)"),
            _whole(norm_price),
            self._cost_per_client_month(prev, row_prev.monthly_average, 12),
            self._cost_per_client_month(now, row_now.monthly_average, _months(self.period)),
        )
        return table

    # ----------------------------------------------------------------- requests

    def requests(self) -> list[Section]:
        section = Section("requests", _("Help requests and waiting lists"))
        if self.protected:
            self._municipal_section(section, "requests")
            return [section]
        k = self.intake
        per_month = Table(
            "requests_months",
            _("Help requests per month (all requests, including extensions)"),
            _("Requests per month"),
            [
                Column(_("Month")),
                Column(_("Requests"), "count"),
                Column(_("Waiting at month end"), "count"),
                Column(_("Met every process norm"), "percent"),
            ],
            note=_("Requests in the period: %(now)s; the same period a year earlier: %(before)s.")
            % {"now": k.requests, "before": k.requests_previous},
        )
        for m in k.per_month:
            per_month.add(_month_words(m.label), m.requests, m.waiting, m.chain)
        referrers = Table(
            "requests_referrers",
            _("Help requests by referrer"),
            _("Requests per referrer"),
            [Column(_("Referrer")), Column(_("Requests"), "count"), Column(_("Share"), "percent")],
        )
        for line in k.referrers:
            referrers.add(line.label, line.count, line.share)
        section.text(
            _(
                "Waiting: matched but care not yet started. Waiting at the end of the period: %(end)s "
                "(%(bridging)s with bridging care). Median waiting time of those who started: %(days)s days."
            )
            % {
                "end": k.waiting_end,
                "bridging": _pct_text(k.bridging),
                "days": "—" if k.waiting_median_days is None else f"{k.waiting_median_days:.0f}",
            }
        )
        waiting = []
        for key, title, sheet, lines in (
            ("waiting_care_type", _("Waiting list by care type"), _("Waiting by care type"), k.waiting_by_care_type),
            ("waiting_area", _("Waiting list by area"), _("Waiting by area"), k.waiting_by_area),
            ("waiting_provider", _("Waiting list by provider"), _("Waiting by provider"), k.waiting_by_provider),
        ):
            table = Table(
                key,
                title,
                sheet,
                [
                    Column(_("Waiting for")),
                    Column(_("At the previous quarter end"), "count"),
                    Column(_("At the end of the period"), "count"),
                    Column(_("Growth"), "signed"),
                ],
                empty=_("Nobody was waiting."),
            )
            for line in lines:
                table.add(line.label, line.before, line.now, line.now - line.before)
            waiting.append(table)
        section.blocks += [per_month, referrers, *waiting]
        return [section]

    # ----------------------------------------------------------------- journeys

    def journeys(self) -> list[Section]:
        section = Section("journeys", _("Client journeys and process norms"))
        if self.protected:
            self._municipal_section(section, "journeys")
            return [section]
        board = Dashboard(scope=self.scope, scope_label=self.scope_label)
        board.period_label = period_label(self.period)
        board.previous_has_data = self.previous.end >= self.first
        _fill_journeys(board, self.kpis(self.period), self.kpis(self.previous), self.group)
        row, before = board.journey, board.journey_previous
        table = Table(
            "journeys",
            _("Client journeys closed in the period"),
            _("Client journeys"),
            [Column(_("Measure")), Column(period_label(self.period), "count"),
             Column(period_label(self.previous), "count"), Column(_("Norm"), "count")],
            note=_(
                "A journey runs from the first start to the last stop of a client's care; a return within 30 "
                "days continues the journey (the 30-day rule)."
            ),
        )  # fmt: skip
        if row is not None:
            table.add(_("Journeys closed"), row.closed, before.closed if before else None, None)
            table.add(
                _("Mean duration (days)"),
                _whole(row.duration_mean),
                _whole(before.duration_mean) if before else None,
                DURATION_TARGET_DAYS,
            )
            table.add(
                _("Median duration (days)"), row.duration_median, before.duration_median if before else None, None
            )
            table.add(
                _("Clients in care at the end"), row.clients_in_care, before.clients_in_care if before else None, None
            )
        shares = Table(
            "journey_shares",
            _("First-time and returning clients"),
            _("First time in care"),
            [Column(_("Measure")), Column(_("Share"), "percent")],
        )
        if row is not None and row.returning_share is not None:
            shares.add(_("In care for the first time"), 1 - row.returning_share)
            shares.add(_("Returning after an earlier journey"), row.returning_share)
            if board.return_days_median is not None:
                shares.note = _("Returning clients came back after a median of %(days)s days.") % {
                    "days": board.return_days_median
                }
        reasons = Table(
            "end_reasons",
            _("End reasons of closed journeys"),
            _("End reasons"),
            [Column(_("Reason")), Column(_("Share"), "percent")],
        )
        for line in board.end_reasons:
            reasons.add(line.label, line.share)
        section.blocks += [table, shares, reasons]
        if board.histogram_svg:
            section.blocks.append(
                Chart("chart_durations", _("Duration of closed journeys"), board.histogram_svg,
                      _("Bins of 90 days; the dashed line is the target of %(days)s days.")
                      % {"days": DURATION_TARGET_DAYS})
            )  # fmt: skip
        section.blocks.append(self._process_norms())
        return [section]

    def _process_norms(self) -> Table:
        k = self.intake
        columns = [Column(_("Group"))] + [Column(label, "percent") for label in k.step_labels]
        columns += [Column(_("All steps within the norm"), "percent"), Column(_("Requests decided"), "count")]
        table = Table(
            "process_norms",
            _("Process norms: steps taken within the agreed time"),
            _("Process norms"),
            columns,
            note=_("Share of the requests whose step was taken within its norm (toeleiding naar zorg)."),
        )
        for line in k.norms:
            table.add(line.label, *line.steps, line.chain, line.decided)
        return table

    # --------------------------------------------------------------------- care

    def care(self) -> list[Section]:
        section = Section("care", _("Care as close by as possible"))
        if self.protected:
            self._municipal_section(section, "care")
            section.blocks += self._care_money_tables()
            return [section]
        section.blocks += self._care_money_tables()
        care = _care_row(self.kpis(self.period), self.group)
        clients = Table(
            "care_clients",
            _("Unique clients in area teams (K2) and outsourced care (K3)"),
            _("Care distribution clients"),
            [Column(_("Care")), Column(_("Unique clients"), "count"), Column(_("Share"), "percent")],
        )
        for quadrant, label in (("K2", _("Area teams (K2)")), ("K3", _("Outsourced care (K3)"))):
            clients.add(label, care.clients_by_quadrant.get(quadrant, 0), care.share(quadrant))
        names = care_unit_names([code for code, _n in care.top_providers])
        providers = Table(
            "top_providers",
            _("The largest outsourced providers by unique clients in care"),
            _("Largest providers"),
            [Column(_("Provider")), Column(_("Unique clients"), "count")],
            note=_("Care that is not (yet) offered in the area teams."),
        )
        for code, n in care.top_providers:
            providers.add(names.get(code) or code, n)
        section.blocks += [clients, providers]
        if care.top_providers:
            section.blocks.append(
                Chart(
                    "chart_providers",
                    _("The largest outsourced providers"),
                    charts.bar_list_svg(
                        chart_id="report-providers",
                        title=_("Top providers by unique clients (K3)"),
                        desc=_("Horizontal bars: unique clients per outsourced provider in the period."),
                        items=[(names.get(c) or c, n) for c, n in care.top_providers],
                        fmt=lambda v: f"{int(v)}",
                        bar_title=lambda label, value: f"{label}: {int(value)}",
                    ),
                )
            )
        return [section]

    def _care_money_tables(self) -> list[Table]:
        """Spend in area teams + voorliggend veld against outsourced care, per year and
        the period (seed 001 §7), from the realisation statements."""
        from basishulp.finance.models import Statement

        rows = Statement.objects.filter(municipality=None, kind=Statement.Kind.REALISATION).order_by("year", "half")
        columns: list[tuple[str, Any]] = []
        for s in rows:
            if s.half == 0 and s.year < self.period.start.year:
                columns.append((str(s.year), s))
            elif s.year == self.period.start.year and s.half == _half_of(self.period):
                columns.append((period_label(self.period), s))
        table = Table(
            "care_money",
            _("Distribution of care spend (HLV)"),
            _("Care distribution euros"),
            [Column(_("Care"))] + [Column(label, "euro") for label, _s in columns],
            note=_(
                "From the realisation statements: area teams and voorliggend veld (K1 + K2) against outsourced "
                "(specialist) care (K3); the share is of the care costs."
            ),
        )
        if not columns:
            table.empty = _("No realisation statements have been entered.")
            return [table]
        k12 = [s.voorliggend_veld + s.gebiedsteams for _l, s in columns]
        k3 = [s.specialistische_zorg for _l, s in columns]
        total = [a + b for a, b in zip(k12, k3, strict=True)]
        table.add(_("Area teams and voorliggend veld"), *k12)
        table.add(_("Outsourced care"), *k3)
        table.add(_("Total care costs"), *total)
        share = Table(
            "care_share",
            _("Share of care spend"),
            _("Care distribution percent"),
            [Column(_("Care"))] + [Column(label, "percent") for label, _s in columns],
        )
        share.add(_("Area teams and voorliggend veld"), *[_ratio(a, t) for a, t in zip(k12, total, strict=True)])
        share.add(_("Outsourced care"), *[_ratio(b, t) for b, t in zip(k3, total, strict=True)])
        table.total_rows = 1
        return [share, table]

    # ------------------------------------------------------------------ quality

    def quality(self) -> list[Section]:
        section = Section("quality", _("Quality, safety and complaints"))
        if self.protected:
            self._municipal_section(section, "complaints")
            return [section]
        from basishulp.toeleiding.kpis import family_coverage, quality_kpis

        q = quality_kpis(self.period.start, self.period.end, self.as_of)
        coverage = family_coverage(self.period.start, self.period.end, None)
        safety = Table(
            "safety",
            _("Safety agreements: norm and realisation"),
            _("Safety"),
            [Column(_("Agreement")), Column(_("Norm")), Column(_("Realisation")), Column(_("Met"))],
        )
        from basishulp.toeleiding.domain.quality import CONTACT_PERSON_NORM, FAMILY_PLAN_NORM

        safety.add(
            _("Every family with multiple problems has a family plan"),
            _pct_text(FAMILY_PLAN_NORM),
            _pct_text(coverage.family_plan),
            _met(coverage.family_plan_met),
        )
        safety.add(
            _("Every family with multiple problems has a fixed contact person at JENS"),
            _pct_text(CONTACT_PERSON_NORM),
            _pct_text(coverage.contact_person),
            _met(coverage.contact_person_met),
        )
        for label, ind in q.safety:
            norm = _pct_text(ind.norm) if ind.is_share else str(int(ind.norm))
            value = (_pct_text(ind.value) if ind.is_share else str(int(ind.value))) if ind.value is not None else None
            safety.add(label, norm, value if value is not None else _("not applicable"), _met(ind.met))
        complaints = Table(
            "complaints",
            _("Complaints and expressions of discontent"),
            _("Complaints"),
            [Column(_("Nature")), Column(period_label(self.period), "count"),
             Column(period_label(self.previous), "count")],
            total_rows=1,
            note=_("Escalated to the complaints committee: %(n)s. Picked up within 5 working days: %(share)s.")
            % {"n": q.escalated, "share": _pct_text(q.picked_up)},
        )  # fmt: skip
        for line in q.complaints:
            complaints.add(line.label, line.now, line.before)
        complaints.add(_("Total"), q.complaints_total, q.complaints_total_before)
        satisfaction = Table(
            "satisfaction",
            _("Satisfaction"),
            _("Satisfaction"),
            [Column(_("Group")), Column(_("Score (out of 10)"), "decimal1"), Column(_("A year earlier"), "decimal1"),
             Column(_("Respondents"), "count")],
            empty=_("No satisfaction measurement in this period; it is measured in the second half of the year."),
        )  # fmt: skip
        for label, r in q.satisfaction:
            if r.measurements:
                satisfaction.add(label, r.score, r.previous, r.respondents)
        section.blocks += [safety, complaints, satisfaction]
        return [section]

    # ------------------------------------------------------------------ finance

    def _statement(self, year: int, half: int, kind: str, code: str | None) -> Any:
        from basishulp.finance.domain.statement import Statement as Column_
        from basishulp.finance.models import Statement
        from basishulp.finance.source_data import STATEMENT_FIELDS

        row = Statement.objects.filter(year=year, half=half, kind=kind, municipality__code=code).first() if code else (
            Statement.objects.filter(year=year, half=half, kind=kind, municipality=None).first()
        )  # fmt: skip
        if row is None:
            return None
        return Column_(*(getattr(row, f) for f in STATEMENT_FIELDS))

    def _norm(self, year: int) -> tuple[Decimal | None, Decimal | None]:
        """The normative price and the client norm (budget / (12 × price)) of a year."""
        from basishulp.finance.models import ClientNorm

        norm = ClientNorm.objects.filter(year=year).first()
        if norm is None:
            return None, None
        budget = self.lump_total(year)
        return norm.price, (budget / (12 * norm.price) if budget else None)

    @staticmethod
    def _cost_per_client_month(statement: Any, monthly_average: Any, months: int) -> int | None:
        from basishulp.finance.domain.money import truncate_euro

        if statement is None or not monthly_average:
            return None
        return int(truncate_euro(statement.total_costs / (_d(monthly_average) * months)))

    def finance(self) -> list[Section]:
        section = Section("finance", _("Financial data"))
        section.blocks.append(self._statement_table())
        section.blocks += self._meerkosten()
        if not self.protected:
            section.blocks += self._sharing()
            section.blocks += self._small_providers()
        return [section]

    def _statement_table(self) -> Table:
        year, half = self.period.start.year, _half_of(self.period)
        wanted: list[tuple[str, int, int, str]] = [
            (_("Realisation %(period)s") % {"period": year - 1}, year - 1, 0, "realisatie"),
            (_("Budget %(period)s") % {"period": year}, year, 0, "begroting"),
        ]
        if half:
            wanted += [
                (_("Realisation %(period)s") % {"period": f"{year - 1}-H{half}"}, year - 1, half, "realisatie"),
                (_("Realisation %(period)s") % {"period": f"{year}-H{half}"}, year, half, "realisatie"),
            ]
        else:
            wanted.append((_("Realisation %(period)s") % {"period": year}, year, 0, "realisatie"))
        columns = [(label, self._statement(y, h, k, None)) for label, y, h, k in wanted]
        columns = [(label, s) for label, s in columns if s is not None]
        table = Table(
            "statement",
            _("Financial statement HLV (amounts × € 1,000)"),
            _("Financial statement"),
            [Column(_("Amounts × € 1,000"))] + [Column(label, "keuro") for label, _s in columns],
            total_rows=1,
            note=_(
                "Result = income − costs + the meerkosten contribution of HLV. The cost per unique client per "
                "month is based on the costs before the meerkosten contribution."
            ),
            empty=_("No statements have been entered for this period."),
        )
        labels = {
            "income": _("Income"),
            "voorliggend_veld": _("Voorliggend veld"),
            "gebiedsteams": _("Area teams"),
            "specialistische_zorg": _("Specialist care"),
            "zorgkosten": _("Subtotal care costs"),
            "pgb": _("PGB"),
            "overige_initiatieven": _("Other initiatives"),
            "overhead": _("Overhead JENS"),
            "organisatiekosten": _("Organisation costs"),
            "meerkosten_bijdrage": _("Meerkosten contribution HLV"),
            "result": _("Result"),
        }
        if not columns:
            return table
        for key in STATEMENT_LINES:
            values = []
            for _label, s in columns:
                value = getattr(s, key)
                values.append(-value if key == "meerkosten_bijdrage" else value)
            table.add(labels[key], *values)
        return table

    def _municipal_money(self) -> Table:
        """The municipal letter: lump sum, share of the meerkosten claim, budget adjustment."""
        from basishulp.registers.report import budget_adjustment

        year = self.period.start.year
        name = self.scope_label
        table = Table(
            "municipal_letter",
            _("%(municipality)s: lump sum, share of the meerkosten and budget adjustment %(year)s")
            % {"municipality": name, "year": year},
            _("Municipality money"),
            [Column(_("Item")), Column(_("Amount"), "euro")],
        )
        lump = next((y for y in self.lump_years if y.year == year), None)
        table.add(_("Lump sum %(year)s") % {"year": year}, lump.municipalities.get(name) if lump else None)
        if lump is not None:
            for other in lump.other:
                if other.group == name:
                    table.add(other.label, other.amount)
        for claim, shares in self._claim_shares(year):
            own = next((a for n, _p, a in shares if n == name), None)
            percent = next((p for n, p, _a in shares if n == name), None)
            label = _("Share of “%(claim)s” (%(percent)s%% of %(total)s)") % {
                "claim": claim.title,
                "percent": "—" if percent is None else f"{percent:.3f}".replace(".", ","),
                "total": _euro_text(claim.amount),
            }
            table.add(label, own)
        adjustment = budget_adjustment(self.scope, year)
        if adjustment is not None:
            label = _("Budget adjustment by the council")
            if adjustment.decided_on:
                label += " " + _("(decision of %(date)s)") % {"date": adjustment.decided_on.strftime("%d-%m-%Y")}
            table.add(label, adjustment.amount)
            if adjustment.absorbed:
                table.add(_("Absorbed within other youth-care budgets"), adjustment.absorbed)
            if adjustment.note:
                table.note = adjustment.note
        return table

    def _claim_shares(self, year: int) -> list[tuple[Any, list[tuple[str, Decimal, Decimal]]]]:
        from basishulp.finance.dashboard import claim_shares
        from basishulp.finance.models import Claim

        return [(claim, claim_shares(claim)) for claim in Claim.objects.filter(year=year)]

    def _meerkosten(self) -> list[Any]:
        """The period's meerkosten (costs above the lump sum) split into volume and price
        effect at the budget price, and the year's claims with the municipal shares."""
        from basishulp.finance.domain.meerkosten import decompose

        blocks: list[Any] = []
        year, months = self.period.start.year, _months(self.period)
        statement = self._statement(year, _half_of(self.period), "realisatie", None)
        lump = self.lump_total(year)
        _price, norm_clients = self._norm(year)
        row = self.flow(self.period, TOTAL)
        table = Table(
            "meerkosten",
            _("Meerkosten %(period)s: volume and price effect (HLV)") % {"period": period_label(self.period)},
            _("Meerkosten volume price"),
            [Column(_("Item")), Column(_("Amount"), "euro")],
        )
        if statement is None or lump is None or norm_clients is None or not row.monthly_average:
            table.empty = _(
                "The split needs the realisation statement of the period, the lump sum and the client norm of "
                "the year; one of them has not been entered."
            )
            blocks.append(table)
        else:
            budget = lump * months / 12
            actual_months = _d(row.monthly_average) * months
            d = decompose(budget, norm_clients, statement.total_costs, actual_months, months, "budget-price")
            if self.protected:
                table.add(_("Lump sum for the period"), _round_money(budget))
                table.add(_("Costs of the period"), _round_money(statement.total_costs))
                table.add(_("Meerkosten"), d.meerkosten)
                table.add(_("Volume effect (more client-months than budgeted, at the budget price)"), d.volume_effect)
                table.add(_("Price effect (a different cost per client-month)"), d.price_effect)
            else:
                table.add(_("Lump sum for the period (%(months)s/12 of %(total)s)") % {
                    "months": months, "total": _euro_text(lump)}, _round_money(budget))  # fmt: skip
                table.add(
                    _("Costs of the period (before the meerkosten contribution)"), _round_money(statement.total_costs)
                )
                table.add(_("Meerkosten"), d.meerkosten)
                table.add(
                    _("Volume effect: %(extra)s client-months more than the client norm × %(price)s") % {
                        "extra": _num_text(d.extra_client_months, 0), "price": _euro_text(d.budget_price, 2)},
                    d.volume_effect,
                )  # fmt: skip
                table.add(
                    _("Price effect: (%(actual)s − %(budget)s) × the actual client-months") % {
                        "actual": _euro_text(d.actual_price, 2), "budget": _euro_text(d.budget_price, 2)},
                    d.price_effect,
                )  # fmt: skip
            table.note = _(
                "Ordering “volume at budget price”: volume = (actual − budgeted client-months) × budgeted cost per "
                "client-month; price = the rest. Budgeted client-months = the client norm × the months. The two "
                "effects add up to the meerkosten exactly."
            )
            blocks.append(table)
        claims = Table(
            "claims",
            _("Hulpventiel claims %(year)s and the municipalities' shares") % {"year": year},
            _("Hulpventiel claims"),
            [Column(_("Claim")), Column(_("Status")), Column(_("Municipality")), Column(_("Key"), "percent"),
             Column(_("Amount"), "euro")],
            empty=_("No claims under the hulpventiel for this year."),
            note=_("Shares follow the distribution key of the year and add up to the claim to the euro "
                   "(largest remainder)."),
        )  # fmt: skip
        for claim, shares in self._claim_shares(year):
            risks = ", ".join(str(r.number) for r in claim.risks.all()) if hasattr(claim, "risks") else ""
            title = claim.title + (" " + _("(risks %(numbers)s)") % {"numbers": risks} if risks else "")
            claims.add(title, claim.get_status_display(), "HLV", Decimal(1), claim.amount)
            if claim.volume_effect is not None:
                claims.add("", "", _("of which volume effect"), None, claim.volume_effect)
                claims.add("", "", _("of which price effect"), None, claim.price_effect)
            for name, percent, amount in shares:
                if self.protected and name != self.scope_label:
                    continue
                claims.add("", "", name, percent / 100, amount)
        blocks.append(claims)
        return blocks

    def _sharing(self) -> list[Any]:
        from basishulp.finance.dashboard import FinanceBoard, ResultSharing, _sharing

        board = FinanceBoard(scope_label="HLV", municipality_names=[], lump_years=[])
        _sharing(board)
        sharing: list[ResultSharing] = board.sharing
        table = Table(
            "result_sharing",
            _("Remaining result shared among the members (× € 1,000)"),
            _("Result sharing members"),
            [Column(_("Member"))] + [Column(str(s.year) + (" *" if s.forecast else ""), "keuro") for s in sharing],
            total_rows=1,
            note=_(
                "Pro rata to each member's realised revenue in the cooperative that year, in whole thousands, "
                "adding up to the total (largest remainder). * a forecast result."
            ),
            empty=_("No year results have been entered."),
        )
        for name in board.member_names:
            table.add(name, *[next((x.amount for x in s.shares if x.name == name), None) for s in sharing])
        if sharing:
            table.add(_("Total"), *[s.result for s in sharing])
        blocks: list[Any] = [table]
        for message in board.messages:
            blocks.append(Text(message, "note"))
        return blocks

    def _small_providers(self) -> list[Any]:
        from basishulp.finance.dashboard import FinanceBoard, _contract_rules

        board = FinanceBoard(scope_label="HLV", municipality_names=[], lump_years=[])
        _contract_rules(board, {y.year: y.total for y in self.lump_years if y.total is not None})
        table = Table(
            "small_providers",
            _("Contract rule: at least 4% of the budget to small providers"),
            _("Small providers"),
            [Column(_("Period")), Column(_("Share of the budget"), "percent"), Column(_("Rule met"))],
            empty=_("Nothing entered."),
        )
        for v in board.small_providers:
            label = v.label + (" " + _("(as reported)") if v.reported else "")
            table.add(label, v.percent / 100, _met(v.met))
        return [table]

    # ----------------------------------------------------------------- forecast

    def forecast(self) -> list[Section]:
        from basishulp.forecast.pages import page_for_run
        from basishulp.forecast.services import ForecastError, run_forecast

        section = Section("forecast", _("Forecast"))
        cutoff = min(self.period.end, self.as_of)
        try:
            run = run_forecast(cutoff, None if self.scope == HLV else self.scope, paths=self.paths)
        except ForecastError as exc:
            section.text(_("The forecast cannot be made: %(reason)s.") % {"reason": str(exc)}, "warning")
            return [section]
        page = page_for_run(run, self.protected)
        section.text(
            _(
                "Expected unique clients in care per month, costs and result to the end of the year and of the "
                "contract period (%(end)s), from the data up to %(cutoff)s: %(paths)s simulated futures; the "
                "bands hold 80%% of them. The model and its backtest are described in docs/forecast.md."
            )
            % {
                "end": page.horizon_end.strftime("%d-%m-%Y") if page.horizon_end else "—",
                "cutoff": cutoff.strftime("%d-%m-%Y"),
                "paths": self.paths,
            }
        )
        if page.chart_svg:
            section.blocks.append(
                Chart("chart_forecast", _("Forecast of unique clients in care per month"), page.chart_svg)
            )
        clients = Table(
            "forecast_clients",
            _("Expected unique clients in care per year: %(scope)s") % {"scope": self.scope_label},
            _("Forecast clients"),
            [
                Column(_("Year")),
                Column(_("Realised months"), "count"),
                Column(_("Average clients in care per month"), "count"),
                Column(_("Client norm"), "count"),
            ],
        )
        table = Table(
            "forecast_years",
            _("Expected costs and result per year: %(scope)s") % {"scope": self.scope_label},
            _("Forecast money"),
            [
                Column(_("Year")),
                Column(_("Expected costs"), "euro"),
                Column(_("Costs, 80% band low"), "euro"),
                Column(_("Costs, 80% band high"), "euro"),
                Column(_("Lump sum"), "euro"),
                Column(_("Expected result"), "euro"),
                Column(_("Result, 80% band low"), "euro"),
                Column(_("Result, 80% band high"), "euro"),
            ],
        )
        assumed = False
        for y in page.years:
            assumed = assumed or y.lump_sum_assumed
            label = str(y.year) + (" *" if y.lump_sum_assumed else "")
            clients.add(label, y.realised_months, _shown(y.average_clients), _shown(y.client_norm))
            table.add(
                label,
                y.costs,
                y.costs_80[0],
                y.costs_80[1],
                y.lump_sum,
                y.result,
                y.result_80[0] if y.result_80 else None,
                y.result_80[1] if y.result_80 else None,
            )
        if assumed:
            table.note = clients.note = _(
                "* no lump sum is known for this year: the last known one, indexed, is assumed."
            )
        section.blocks += [clients, table]
        for note in page.assumptions:
            section.text(note, "li")
        if not self.protected:
            section.blocks += self._scenarios()
        return [section]

    def _scenarios(self) -> list[Any]:
        from basishulp.forecast.scenarios import appendix

        blocks: list[Any] = []
        for i, scenario in enumerate(self.scenarios, start=1):
            data = appendix(scenario, paths=self.paths)
            h = data["headings"]
            blocks.append(Text(_("Scenario: %(name)s") % {"name": data["name"]}, "h3"))
            blocks.append(Text(" ".join(data["description"].split())))
            for change in data["changes"]:
                blocks.append(Text(change, "li"))
            table = Table(
                f"scenario_{i}",
                _("Scenario “%(name)s” against the base forecast") % {"name": data["name"]},
                (_("Scenario") + f" {i}")[:31],
                [Column(h["year"]), Column(_("Measure")), Column(h["base"], "euro"), Column(h["scenario"], "euro"),
                 Column(h["difference"], "euro")],
            )  # fmt: skip
            for row in data["rows"]:
                for key in ("average_clients", "costs", "result"):
                    base, scen = row.get("base", {}).get(key), row.get("scenario", {}).get(key)
                    if base is None and scen is None:
                        continue
                    diff = None if base is None or scen is None else scen - base
                    table.add(
                        str(row["year"]), h[key], base, scen, diff, kind="count" if key == "average_clients" else None
                    )
            blocks.append(table)
        return blocks

    # ---------------------------------------------------------------- registers

    def risks(self) -> list[Section]:
        from basishulp.registers.report import risk_section

        return [risk_section(self.period)]

    def portfolio(self) -> list[Section]:
        from basishulp.registers.report import portfolio_section

        return [portfolio_section(self.period)]

    def workforce(self) -> list[Section]:
        from basishulp.registers.report import workforce_chart, workforce_table

        section = Section("workforce", _("Appendix: workforce of the area teams and voorliggend veld"))
        code = None if self.scope == HLV else self.scope
        section.blocks.append(workforce_table(self.period, code))
        chart = workforce_chart(self.period, code)
        if chart is not None:
            section.blocks.append(chart)
        return [section]

    # --------------------------------------------------------------- comparisons

    def benchmark(self) -> list[Section]:
        from basishulp.comparisons.report import benchmark_chart, benchmark_table

        section = Section("benchmark", _("Benchmark: youth care per 1,000 young people"))
        table = benchmark_table(self.period.start.year, self.scope, self.records)
        section.blocks.append(table)
        chart = benchmark_chart(self.period.start.year, self.scope, self.records)
        if chart is not None:
            section.blocks.append(chart)
        return [section]

    def reconciliation(self) -> list[Section]:
        if self.protected:
            return []
        from basishulp.comparisons.report import reconciliation_tables

        section = Section("reconciliation", _("Reconciliation with published figures"))
        section.text(
            _(
                "Figures published in earlier reports against the values recomputed now from the records. A "
                "difference can come from corrections of the data since publication, from another definition, or "
                "from an error in the published table; the cause is given where it is known."
            )
        )
        section.blocks += reconciliation_tables(self.period, self.scope, self.records)
        return [section]

    # -------------------------------------------------------------- municipality

    def _municipal_section(self, section: Section, wanted: str) -> None:
        """The protected tables of the municipality's page for one of its sections."""
        if self.municipal is None:
            from basishulp.dashboard.municipal import build_municipal_figures

            self.municipal = build_municipal_figures(
                None, {"scope": self.scope, "period": self.period.label or ""}, self.records, codes=[self.scope]
            )
        for sid, _title, tables in self.municipal.sections:
            if sid != wanted:
                continue
            for t in tables:
                section.blocks.append(_from_municipal(t))

    # -------------------------------------------------------------------- about

    def about(self) -> list[Section]:
        section = Section("about", _("About this report"))
        section.text(
            _(
                "Every figure in this report is computed from the records in Basishulp (trajectories, help "
                "requests, registers and the financial statements) at the moment the report was made; the same "
                "command on the same data gives the same report. Data up to %(as_of)s."
            )
            % {"as_of": self.as_of.strftime("%d-%m-%Y")}
        )
        section.text(
            _(
                "Definitions: a unique client is counted once per period; inflow is the start of a new client "
                "journey; outflow its end; the 30-day rule joins a return within 30 days to the journey before. "
                "Money is in euros, rounded half away from zero for display only."
            )
        )
        if self.protected:
            section.text(
                _(
                    "Disclosure control: counts are perturbed with a small random number that depends only on "
                    "the data, rounded to 5 and shown as <8 below 8; shares are computed from the published "
                    "counts. Money from the forecast is rounded to € 100,000."
                )
            )
        return [section]


# ---------------------------------------------------------------------- helpers


def _month_words(label: str) -> str:
    """ "2023-01" as "januari 2023" (other labels as they are)."""
    from django.utils.dates import MONTHS

    if len(label) == 7 and label[4] == "-" and label[:4].isdigit() and label[5:].isdigit():
        return f"{MONTHS[int(label[5:])]} {label[:4]}"
    return label


def _whole(value: Any) -> int | None:
    if value is None:
        return None
    return int(_d(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _round_money(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _ratio(part: Decimal, total: Decimal) -> Decimal | None:
    return None if not total else part / total


def _pct_text(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{(_d(value) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)}%"


def _num_text(value: Decimal, places: int) -> str:
    return number(value, places)


def _euro_text(value: Decimal, places: int = 0) -> str:
    return "€ " + number(value, places)


def _met(value: bool | None) -> str:
    if value is None:
        return "—"
    return _("yes") if value else _("no")


def _shown(value: Any) -> Any:
    """A protected count as the text or number it is published as."""
    if isinstance(value, ProtectedCell):
        return str(value) if value.value is None else value.value
    return value


def _flow_cell(row: Any, key: str) -> int:
    value = getattr(row, key)
    return _whole(value) if key == "monthly_average" else value  # type: ignore[return-value]


def _flow_rows(table: Table, rows: Sequence[Any], labels: dict[str, str]) -> None:
    """The flow measures as rows; inflow shown with +, outflow with − (as published)."""
    for key, sign in FLOW_FIELDS:
        kind = {"+": "plus", "-": "minus"}.get(sign)
        table.add(labels[key], *[_flow_cell(r, key) for r in rows], kind=kind)


def _from_municipal(t: Any) -> Table:
    """A table of the municipality's page (protected cells) as a report table."""
    kinds = {"count": "count", "share": "percent", "days": "count", "diff": "signed"}
    first_kinds = t.rows[0].kinds if t.rows else ["count"] * len(t.columns)
    columns = [Column(t.columns[0])] + [
        Column(label, kinds.get(first_kinds[i] if i < len(first_kinds) else "count", "count"))
        for i, label in enumerate(t.columns[1:])
    ]
    sheets = {
        "m-flows": _("Client flows"),
        "m-months": _("Clients per month"),
        "m-requests": _("Help requests"),
        "m-referrers": _("Requests per referrer"),
        "m-triage": _("Triage"),
        "m-norms": _("Process norms"),
        "m-waiting": _("Waiting list"),
        "m-journeys": _("Client journeys"),
        "m-end_reasons": _("End reasons"),
        "m-care": _("Care distribution clients"),
        "m-providers": _("Largest providers"),
        "m-complaints": _("Complaints"),
    }
    table = Table(f"m_{t.id}", t.caption, sheets.get(t.id, t.caption[:31]), columns, empty=t.empty)
    column_kinds = [c.kind for c in columns[1:]]
    for row in t.rows:
        own = [kinds.get(k, "count") for k in row.kinds]
        kind = own[0] if own != column_kinds and len(set(own)) == 1 else None
        table.add(row.label, *[_shown(v) for v in row.values], kind=kind)
    return table


def report_period(text: str) -> Period:
    """The period of a report: a year (``2023``) or a half-year (``2023-H1``)."""
    try:
        parsed = parse_period(text)
    except PeriodError:
        parsed = None
    label = (parsed.label if parsed is not None else "") or ""
    if parsed is None or not (len(label) == 4 or label[4:6].upper() == "-H"):
        raise ReportError(
            _("“%(value)s” is not a report period: give a year (2023) or a half-year (2023-H1)") % {"value": text[:20]}
        )
    return parsed


def build_report(
    period: Period | str,
    scope: str | None = None,
    progress: Progress | None = None,
    paths: int | None = None,
    scenarios: Sequence[Any] = (),
) -> Report:
    """The report for ``period`` (``"2023-H1"``, ``"2023"``) and ``scope`` (``HLV`` or a
    municipality name or code: the municipality version). ``progress(percent, step)``
    is called before every chapter."""
    from basishulp.forecast.pages import FORECAST_PATHS

    period = report_period(period if isinstance(period, str) else period.label or "")
    return _Builder(period, resolve_scope(scope), progress, paths or FORECAST_PATHS, scenarios).build()
