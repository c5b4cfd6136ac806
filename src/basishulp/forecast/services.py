"""Forecasts from the database: the trajectories, the finance figures, the contract.

:func:`run_forecast` builds the monthly history known on the cut-off date (journeys of
HLV or of one municipality: a journey belongs to the municipality of the trajectory that
opened it), fits the model, simulates to the end of the contract period and values it
against the lump sums. Every assumption that is not a figure from the database is listed
in :attr:`ForecastRun.assumptions`, for the page, the CLI and the report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from basishulp.finance.domain.statement import Statement as StatementColumn
from basishulp.finance.models import ClientNorm, IndexSeries, Statement
from basishulp.finance.selectors import lump_sum_overview
from basishulp.kpi.domain.journeys import build_journeys
from basishulp.trajecten.domain.reference import municipality_name
from basishulp.trajecten.models import Contract
from basishulp.trajecten.selectors import trajectory_records

from .domain.costs import CostInputs, YearOutlook, year_outlook
from .domain.history import History, history_from_journeys, month_index, month_start, return_chances
from .domain.model import PATHS, Adjustments, Fit, Forecast, fit, forecast

__all__ = ["DEFAULT_INDEX", "ForecastError", "ForecastRun", "run_forecast"]

DEFAULT_INDEX = "OVA/PPC (90/10)"
_FIELDS = [f for f in StatementColumn.__dataclass_fields__]


class ForecastError(Exception):
    """The forecast cannot be made (no data, no realisation to take the unit cost from)."""


@dataclass
class ForecastRun:
    cutoff: dt.date
    scope: str  # "HLV" or a municipality code
    history: History
    fit: Fit
    forecast: Forecast
    years: list[YearOutlook]
    cost_inputs: CostInputs
    index_name: str
    assumptions: list[str] = field(default_factory=list)

    @property
    def scope_label(self) -> str:
        return "HLV" if self.scope == "HLV" else municipality_name(self.scope)

    def as_json(self) -> dict[str, Any]:
        def money(value: Decimal | None) -> int | None:
            return None if value is None else int(value)

        return {
            "cutoff": self.cutoff.isoformat(),
            "scope": self.scope_label,
            "history": {
                "from": month_start(self.history.first).isoformat(),
                "to": month_start(self.history.last).isoformat()[:7],
                "in_care_last": self.history.in_care[-1],
            },
            "model": {
                "inflow_level": round(self.fit.level, 1),
                "inflow_trend_per_month": round(self.fit.trend, 4),
                "season": [round(x, 3) for x in self.fit.season],
                "mean_duration_months": round(self.fit.mean_duration, 1),
                "paths": int(self.forecast.paths.shape[0]),
            },
            "months": [
                {
                    "month": month_start(m.month).isoformat()[:7],
                    "in_care": round(m.in_care),
                    "in_care_80": [round(m.in_care_80[0]), round(m.in_care_80[1])],
                    "in_care_95": [round(m.in_care_95[0]), round(m.in_care_95[1])],
                    "inflow": round(m.inflow, 1),
                    "outflow": round(m.outflow, 1),
                }
                for m in self.forecast.months
            ],
            "years": [
                {
                    "year": y.year,
                    "realised_months": y.realised_months,
                    "average_clients": round(y.average_clients),
                    "client_norm": money(y.client_norm),
                    "unit_cost": money(y.unit_cost),
                    "costs": money(y.costs),
                    "costs_80": [money(y.costs_80[0]), money(y.costs_80[1])],
                    "costs_95": [money(y.costs_95[0]), money(y.costs_95[1])],
                    "lump_sum": money(y.lump_sum),
                    "lump_sum_assumed": y.lump_sum_assumed,
                    "result": money(y.result),
                    "result_80": [money(y.result_80[0]), money(y.result_80[1])] if y.result_80 else None,
                }
                for y in self.years
            ],
            "index": self.index_name,
            "assumptions": self.assumptions,
        }


def _index(name: str) -> dict[int, Decimal]:
    series = IndexSeries.objects.filter(name=name, kind=IndexSeries.Kind.PERCENT).first()
    if series is None:
        raise ForecastError(_("there is no index series %(name)s in percent") % {"name": name})
    return {v.year: v.value for v in series.values.all()}


def _unit_cost(
    history: History, cutoff: dt.date, scope: str, notes: list[str], hlv_history: History | None = None
) -> tuple[int, Decimal]:
    """The cost per client-month of the latest realisation that ended by the cut-off: the
    scope's own, else (a municipality without one) that of HLV over HLV's client-months."""
    rows = Statement.objects.filter(kind=Statement.Kind.REALISATION)
    own = rows.filter(municipality=None) if scope == "HLV" else rows.filter(municipality__code=scope)
    for queryset, fallback in ((own, False), (rows.filter(municipality=None), True)):
        months_of = (hlv_history or history) if fallback else history
        candidates = []
        for row in queryset:
            first = dt.date(row.year, 7 if row.half == 2 else 1, 1)
            last = dt.date(row.year, 6, 30) if row.half == 1 else dt.date(row.year, 12, 31)
            if last <= cutoff and month_index(first) >= months_of.first:
                candidates.append((last, first, row))
        if not candidates:
            continue
        # the latest; of a year and its second half, the year (more months)
        last, first, row = max(candidates, key=lambda c: (c[0], -month_index(c[1])))
        months = range(month_index(first), month_index(last) + 1)
        client_months = sum(months_of.in_care[m - months_of.first] for m in months)
        if not client_months:
            continue
        column = StatementColumn(*(getattr(row, f) for f in _FIELDS))
        if fallback:
            notes.append(
                _("%(scope)s has no realisation of its own: the cost per client-month of HLV is used")
                % {"scope": municipality_name(scope)}
            )
        period = str(row.year) if row.half == 0 else f"{row.year}-H{row.half}"
        notes.append(
            _("cost per client-month from the realisation %(period)s: %(costs)s / %(months)s client-months")
            % {"period": period, "costs": f"{column.total_costs:,.0f}".replace(",", "."), "months": client_months}
        )
        return row.year, column.total_costs / client_months
    raise ForecastError(
        _("there is no realisation statement up to the cut-off date to take the cost per client-month from")
    )


def _lump_sums(scope: str) -> dict[int, Decimal]:
    out: dict[int, Decimal] = {}
    for year in lump_sum_overview():
        amount = year.total if scope == "HLV" else year.municipalities.get(municipality_name(scope))
        if amount is not None:
            out[year.year] = amount
    return out


def horizon_end(cutoff: dt.date) -> dt.date:
    """The end of the contract period the month after the cut-off falls in (else 12 months on)."""
    first = month_start(month_index(cutoff) + (1 if cutoff.day > 27 else 0))
    contract = Contract.objects.filter(start_date__lte=first, end_date__gte=first).order_by("number").first()
    if contract is not None:
        return contract.end_date
    return month_start(month_index(first) + 12) - dt.timedelta(days=1)


def run_forecast(
    cutoff: dt.date,
    municipality: str | None = None,
    adjustments: Adjustments | None = None,
    index_name: str = DEFAULT_INDEX,
    cost_factor: Decimal = Decimal(1),
    extra_index: dict[int, Decimal] | None = None,
    until: dt.date | None = None,
    paths: int = PATHS,
    index_values: Mapping[int, Decimal] | None = None,
) -> ForecastRun:
    """``index_values`` (yearly percentages) replace the values of ``index_name`` in the
    database, which then only names them (a scenario's factor series as percentages)."""
    scope = municipality or "HLV"
    records = [r for r in trajectory_records() if r.start_date <= cutoff]
    if not records:
        raise ForecastError(_("there are no trajectories before the cut-off date"))
    every = build_journeys(records, cutoff)
    journeys = every if municipality is None else [j for j in every if j.municipality == municipality]
    returns = return_chances(records, cutoff)
    try:
        history = history_from_journeys(journeys, cutoff, returns=returns)
        model = fit(history)
    except ValueError as exc:
        raise ForecastError(str(exc)) from None
    end = until or horizon_end(cutoff)
    months = month_index(end) - history.last
    if months < 1:
        raise ForecastError(_("the forecast would end before it starts: choose a later end"))
    result = forecast(model, months, adjustments, paths=paths)
    notes: list[str] = []
    hlv_history = None
    if municipality is not None:
        hlv_history = history_from_journeys(every, cutoff, returns=returns)
    base_year, base_cost = _unit_cost(history, cutoff, scope, notes, hlv_history)
    index = dict(index_values) if index_values is not None else _index(index_name)
    lump = _lump_sums(scope)
    inputs = CostInputs(
        base_year=base_year,
        base_cost=base_cost,
        index=index,
        lump_sums=lump,
        norm_prices={n.year: n.price for n in ClientNorm.objects.all()},
        cost_factor=cost_factor,
        extra_index=extra_index or {},
    )
    first_year = month_start(history.last + 1).year
    years = list(range(first_year, end.year + 1))
    in_care = {history.first + i: n for i, n in enumerate(history.in_care)}
    outlook = year_outlook(result, in_care, inputs, years)
    last_index = max(index) if index else None
    if last_index is not None and end.year > last_index:
        notes.append(
            _("%(name)s is published up to %(year)s; later years take its last value (%(rate)s%%)")
            % {"name": index_name, "year": last_index, "rate": f"{index[last_index]:.3f}".replace(".", ",")}
        )
    assumed = [y.year for y in outlook if y.lump_sum_assumed]
    if assumed:
        notes.append(
            _("no lump sum is known for %(years)s: the last known one, indexed, is assumed")
            % {"years": ", ".join(str(y) for y in assumed)}
        )
    notes.append(_("months before the cut-off are valued at the unit cost too, not at the booked costs"))
    return ForecastRun(cutoff, scope, history, model, result, outlook, inputs, index_name, notes)
