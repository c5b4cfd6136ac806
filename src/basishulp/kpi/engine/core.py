"""Run the Ibis KPI definitions on one backend and turn the results into rows.

:class:`KpiRun` holds an Ibis table of trajectories (columns trajectory_id,
client_id, municipality as a ``GMnnnn`` code, start_date, end_date and, when
needed, area, care_unit, quadrant, end_reason) and produces the reference
dataclasses (:class:`FlowRow`, :class:`JourneyRow`, :class:`CareDistribution`).
Only the final small result sets travel to Python (as Arrow); Python then does the
exact ``Decimal`` rounding and the group ordering of the reference core.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import ibis
import ibis.expr.types as ir

from basishulp.kpi.domain.indicators import (
    DIMENSIONS,
    TOTAL,
    CareDistribution,
    FlowRow,
    JourneyRow,
    MonthFlow,
    round_half_up,
)
from basishulp.kpi.domain.periods import Period
from basishulp.trajecten.domain.reference import HLV_CODES, MUNICIPALITIES, municipality_name

from . import expressions as ex

__all__ = ["KpiRun", "municipality_group"]

_SCOPED = ("care_unit", "quadrant")
# A label that no group value can take (group values are names, codes, areas, units).
_TOTAL_LABEL = "\u2400total"

Materialize = Callable[[ir.Table, str], ir.Table]
Execute = Callable[[ir.Table], list[dict[str, Any]]]


def municipality_group(code: ir.StringValue) -> ir.StringValue:
    """The display name of a municipality code, as SQL (``municipality_name``)."""
    return ibis.cases(*((code == c, ibis.literal(name)) for c, name in MUNICIPALITIES.items()), else_=code)


def _unknown_if_empty(value: ir.StringValue) -> ir.StringValue:
    return ibis.ifelse(value.isnull() | (value == ""), ibis.literal("unknown"), value)


def _ordered(dimension: str, found: set[str]) -> list[str]:
    if dimension == "municipality":
        known = [municipality_name(c) for c in HLV_CODES]
        return known + sorted(found - set(known))
    return sorted(found)


def _to_pylist(table: ir.Table) -> list[dict[str, Any]]:
    """Run a bound expression on its own backend."""
    return table.to_pyarrow().to_pylist()


class KpiRun:
    """KPIs over one trajectories table as known on ``as_of``.

    ``materialize(expr, name)`` may store an intermediate result (a temporary table
    on DuckDB) and return a table expression reading it; the identity is fine for
    backends that should inline everything. ``execute(expr)`` returns result rows as
    dicts; by default the expression runs on the backend it is bound to.
    """

    def __init__(
        self,
        trajectories: ir.Table,
        as_of: date,
        materialize: Materialize | None = None,
        execute: Execute | None = None,
    ):
        self.as_of = as_of
        self.known = ex.known(trajectories, as_of)
        self._materialize = materialize or (lambda expr, name: expr)
        self._execute = execute or _to_pylist
        self._journeys: dict[tuple[str | None, bool], ir.Table] = {}

    # -- journeys -----------------------------------------------------------------

    def journeys(self, scope: str | None, full: bool) -> ir.Table:
        """Journeys in ``scope``; ``full`` adds end reasons, previous close and all
        opener attributes (not needed for flows per municipality)."""
        key = (scope, full)
        if key not in self._journeys:
            full_key = (scope, True)
            if not full and full_key in self._journeys:
                return self._journeys[full_key]
            attributes = [a for a in ex.OPENER_ATTRIBUTES if a in self.known.columns] if full else ["municipality"]
            expr = ex.journeys(
                self.known, self.as_of, scope, attributes=attributes, with_reason=full, with_previous=full
            )
            # Flow-only journeys feed a single query: inline them. Full journeys feed
            # several KPI queries: store them once.
            name = f"journeys_{scope or 'client'}"
            self._journeys[key] = self._materialize(expr, name) if full else expr
        return self._journeys[key]

    def _grouped(self, dimension: str, full: bool) -> tuple[ir.Table, ir.Value]:
        if dimension in _SCOPED:
            j = self.journeys(dimension, full)
            return j, _unknown_if_empty(j.scope_key)
        j = self.journeys(None, full)
        if dimension == "municipality":
            return j, municipality_group(j.municipality)
        if dimension == "area":
            return j, _unknown_if_empty(j.area)
        return j, ibis.literal(TOTAL)

    # -- flows --------------------------------------------------------------------

    def flows(self, period: Period, dimension: str, full: bool = False) -> list[FlowRow]:
        _check(dimension)
        full = full or dimension == "area"
        months = ex.month_windows(period)
        j, group = self._grouped(dimension, full)
        grouped = {r["grp"]: r for r in self._execute(ex.flow_aggregates(j, period, group))}
        if dimension in _SCOPED:
            totals = self._execute(ex.flow_aggregates(self.journeys(None, full), period, None))
            total = totals[0] if totals else {}
        else:  # every client journey is in exactly one group: the total is the sum
            total = {k: sum(r[k] or 0 for r in grouped.values()) for k in _flow_keys(len(months))}
        rows = [_flow_row(TOTAL, total, months)]
        if dimension == "total":
            return rows
        rows.extend(_flow_row(name, grouped.get(name, {}), months) for name in _ordered(dimension, set(grouped)))
        return rows

    # -- journey KPIs -------------------------------------------------------------

    def journey_kpis(self, period: Period, dimension: str) -> list[JourneyRow]:
        _check(dimension)
        base = self.journeys(None, True)
        both = base.mutate(grp=ibis.literal(_TOTAL_LABEL))
        if dimension != "total":
            j, group = self._grouped(dimension, True)
            cols = ["client_id", "seq", "start", "close_date", "end_reason", "previous_close"]
            both = both.select(*cols, "grp").union(j.mutate(grp=group).select(*cols, "grp"), distinct=False)
        both = self._materialize(both, f"journey_groups_{dimension}")
        durations = {r["grp"]: r for r in self._execute(ex.closed_durations(both, period))}
        reasons: dict[str, dict[str, int]] = {}
        for r in self._execute(ex.end_reason_counts(both, period)):
            reasons.setdefault(r["grp"], {})[r["end_reason"]] = r["n"]
        in_care = {r["grp"]: r for r in self._execute(ex.in_care_latest(both, period))}
        present = {r["grp"] for r in self._execute(both.select("grp").distinct())}

        def row(name: str, key: str) -> JourneyRow:
            return _journey_row(name, durations.get(key), reasons.get(key, {}), in_care.get(key))

        rows = [row(TOTAL, _TOTAL_LABEL)]
        if dimension == "total":
            return rows
        found = present - {_TOTAL_LABEL}
        rows.extend(row(name, name) for name in _ordered(dimension, found))
        return rows

    # -- care distribution --------------------------------------------------------

    def care_distribution(self, period: Period, top: int = 7) -> list[CareDistribution]:
        active = ex.active_trajectories(self.known, period)
        quadrants, providers = ex.care_counts(active, municipality_group(active.municipality), _TOTAL_LABEL)
        counts: dict[str, dict[str, int]] = {}
        for r in self._execute(quadrants):
            counts.setdefault(r["grp"], {})[r["quadrant"]] = r["n"]
        units: dict[str, list[tuple[str, int]]] = {}
        for r in self._execute(providers):
            units.setdefault(r["grp"], []).append((r["care_unit"], r["n"]))
        names = [(TOTAL, _TOTAL_LABEL)] + [(n, n) for n in _ordered("municipality", set(counts) - {_TOTAL_LABEL})]
        result = []
        for name, key in names:
            by_quadrant = {q: counts.get(key, {}).get(q, 0) for q in ("K1", "K2", "K3")}
            ranking = sorted(units.get(key, []), key=lambda item: (-item[1], item[0]))
            result.append(CareDistribution(name, by_quadrant, ranking[:top]))
        return result


def _check(dimension: str) -> None:
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown grouping {dimension!r}; choose from {', '.join(DIMENSIONS)}")


def _flow_keys(n_months: int) -> list[str]:
    keys = ["begin", "inflow", "outflow", "end"]
    for i in range(n_months):
        keys += [f"in_care_{i}", f"inflow_{i}", f"outflow_{i}"]
    return keys


def _flow_row(name: str, values: dict[str, Any], months: list[Period]) -> FlowRow:
    def get(key: str) -> int:
        return int(values.get(key) or 0)

    month_rows = tuple(
        MonthFlow(m.label, m.start, m.end, get(f"in_care_{i}"), get(f"inflow_{i}"), get(f"outflow_{i}"))
        for i, m in enumerate(months)
    )
    average = round_half_up(Decimal(sum(m.in_care for m in month_rows)) / len(month_rows), 1)
    return FlowRow(name, get("begin"), get("inflow"), get("outflow"), get("end"), average, month_rows)


def _journey_row(
    name: str, durations: dict[str, Any] | None, reasons: dict[str, int], in_care: dict[str, Any] | None
) -> JourneyRow:
    n = int(durations["closed"]) if durations else 0
    clients = int(in_care["clients"]) if in_care else 0
    returning = int(in_care["returning"]) if in_care else 0
    return JourneyRow(
        group=name,
        closed=n,
        duration_mean=round_half_up(Decimal(int(durations["duration_sum"])) / n, 1) if durations and n else None,
        duration_median=int(durations["median"]) if durations and n else None,
        duration_p90=int(durations["p90"]) if durations and n else None,
        end_reasons={code: round_half_up(Decimal(count) / n, 3) for code, count in sorted(reasons.items())},
        clients_in_care=clients,
        returning_share=round_half_up(Decimal(returning) / clients, 3) if clients else None,
        durations=tuple(int(d) for d in durations["durations"] or ()) if durations else (),
        return_days=tuple(int(d) for d in in_care["return_days"] or ()) if in_care else (),
    )
