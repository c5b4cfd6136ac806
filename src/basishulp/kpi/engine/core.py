"""Run the Ibis KPI definitions on one backend and turn the results into rows.

:class:`KpiRun` holds a source of trajectories (columns trajectory_id, client_id,
municipality, start_date, end_date and, when needed, area, care_unit, quadrant,
end_reason) and produces the reference dataclasses (:class:`FlowRow`,
:class:`JourneyRow`, :class:`CareDistribution`). Only the final small result sets
travel to Python; Python then does the exact ``Decimal`` rounding, the group names
and the group ordering of the reference core.

Queries go through a :class:`Runner`. Each query has a *key* that names its shape
(KPI, dimension, number of months); the expression itself is built lazily by a
``build`` callable, and its dates are named values. A runner may therefore compile
a shape once and reuse the SQL for other dates (:mod:`.duck` does), or build and run
every expression on the backend it is bound to (:class:`BoundRunner`, used for
Spark). Ibis is imported only when an expression is actually built.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from basishulp.kpi.domain.indicators import (
    DIMENSIONS,
    TOTAL,
    CareDistribution,
    FlowRow,
    JourneyRow,
    MonthFlow,
    ordered_groups,
    round_half_up,
)
from basishulp.kpi.domain.journeys import GAP_DAYS
from basishulp.kpi.domain.periods import Period
from basishulp.trajecten.domain.reference import HLV_CODES, MUNICIPALITIES, municipality_name

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from . import expressions as ex

__all__ = ["BoundRunner", "KpiRun", "Runner", "municipality_group"]

_SCOPED = ("care_unit", "quadrant")
# A label that no group value can take (group values are names, codes, areas, units).
_TOTAL_LABEL = "\u2400total"

Build = Callable[[], "ir.Table"]
Lazy = Callable[[], "ir.Table"]


class Runner(Protocol):
    """Where KPI queries run. ``values`` are the named dates of the query."""

    def table(self) -> ir.Table:
        """The trajectories as an Ibis table (only called while building)."""

    def date(self, name: str, value: date) -> ir.DateScalar:
        """The date ``name`` (= ``value``) as an Ibis scalar (only called while building)."""

    def rows(self, key: str, build: Build, values: dict[str, date]) -> list[dict[str, Any]]:
        """Run the query and return its rows as dicts."""

    def materialize(self, key: str, build: Build, values: dict[str, date], name: str) -> Lazy:
        """Store an intermediate result (or not) and return a builder of a table reading it."""

    def strings(self, name: str, column: str, values: list[str]) -> Lazy:
        """A one-column table of ``values`` (stored as ``name`` where tables are stored)."""


class BoundRunner:
    """Builds every expression with literal dates and runs it on the backend the
    trajectories table is bound to (e.g. PySpark); nothing is materialised."""

    def __init__(self, trajectories: ir.Table):
        self._table = trajectories

    def table(self) -> ir.Table:
        return self._table

    def date(self, name: str, value: date) -> ir.DateScalar:
        import ibis

        return ibis.literal(value, type="date")

    def rows(self, key: str, build: Build, values: dict[str, date]) -> list[dict[str, Any]]:
        return build().to_pyarrow().to_pylist()

    def materialize(self, key: str, build: Build, values: dict[str, date], name: str) -> Lazy:
        expr = build()
        return lambda: expr

    def strings(self, name: str, column: str, values: list[str]) -> Lazy:
        import ibis

        table = ibis.memtable({column: values}, schema={column: "string"})
        return lambda: table


def municipality_group(code: ir.StringValue) -> ir.StringValue:
    """The display name of a municipality code, as SQL (``municipality_name``)."""
    import ibis

    return ibis.cases(*((code == c, ibis.literal(name)) for c, name in MUNICIPALITIES.items()), else_=code)


def _unknown_if_empty(value: ir.StringValue) -> ir.StringValue:
    import ibis

    return ibis.ifelse(value.isnull() | (value == ""), ibis.literal("unknown"), value)


class KpiRun:
    """KPIs over one trajectories source as known on ``as_of``.

    ``source`` is a :class:`Runner`, or an Ibis table bound to a backend (then a
    :class:`BoundRunner` runs it). ``municipality_code`` maps a stored municipality
    value to its code (identity by default; the file reader's fast path keeps the
    values as written and passes its validated mapping).
    """

    def __init__(
        self,
        source: Runner | ir.Table,
        as_of: date,
        municipality_code: Callable[[str], str] | None = None,
    ):
        self.as_of = as_of
        self.runner: Runner = source if hasattr(source, "rows") else BoundRunner(source)  # type: ignore[arg-type]
        self._code = municipality_code or (lambda value: value)
        self._journeys: dict[tuple[str | None, bool], Lazy] = {}

    # -- dates --------------------------------------------------------------------

    def _values(self, period: Period | None = None) -> dict[str, date]:
        """The named dates of a query (see :class:`.expressions.Dates`)."""
        values = {
            "as_of": self.as_of,
            "after_as_of": self.as_of + timedelta(days=1),
            "closed_by": self.as_of - timedelta(days=GAP_DAYS + 1),
        }
        if period is not None:
            values["p0"], values["p1"] = period.start, period.end
            values["p0_gap"] = period.start + timedelta(days=GAP_DAYS)
            values["p1_gap"] = period.end + timedelta(days=GAP_DAYS)
            for i, m in enumerate(period.months()):
                values[f"m{i}s"], values[f"m{i}e"] = m.start, m.end
        return values

    def _dates(self, values: dict[str, date]) -> ex.Dates:
        from . import expressions as ex

        d = {name: self.runner.date(name, value) for name, value in values.items()}
        months = []
        while f"m{len(months)}s" in d:
            months.append((d[f"m{len(months)}s"], d[f"m{len(months)}e"]))
        fixed = [d.get(name, d["as_of"]) for name in ("p0", "p1", "p0_gap", "p1_gap")]
        return ex.Dates(d["as_of"], d["after_as_of"], d["closed_by"], *fixed, tuple(months))

    def _known(self, values: dict[str, date]) -> ir.Table:
        from . import expressions as ex

        return ex.known(self.runner.table(), self._dates(values).as_of)

    # -- journeys -----------------------------------------------------------------

    def journeys(self, scope: str | None, full: bool) -> Lazy:
        """Journeys in ``scope`` (all of them, for journey KPIs); ``full`` adds end
        reasons, previous close and all opener attributes."""
        key = (scope, full)
        if key not in self._journeys:
            if not full and (scope, True) in self._journeys:
                return self._journeys[(scope, True)]
            values = self._values()

            def build() -> ir.Table:
                from . import expressions as ex

                known = self._known(values)
                attributes = [a for a in ex.OPENER_ATTRIBUTES if a in known.columns] if full else ["municipality"]
                closed_by = self._dates(values).closed_by
                return ex.journeys(known, closed_by, scope, attributes=attributes, with_reason=full, with_previous=full)

            name = f"journeys_{scope or 'client'}"
            self._journeys[key] = self.runner.materialize(f"journeys:{scope}:{full}", build, values, name)
        return self._journeys[key]

    def _grouped(self, dimension: str, j: ir.Table) -> ir.Value:
        import ibis

        if dimension in _SCOPED:
            return _unknown_if_empty(j.scope_key)
        if dimension == "municipality":
            return municipality_group(j.municipality)
        if dimension == "area":
            return _unknown_if_empty(j.area)
        return ibis.literal(TOTAL)

    # -- flows --------------------------------------------------------------------

    def flows(self, period: Period, dimension: str) -> list[FlowRow]:
        """Flows per ``dimension``."""
        _check(dimension)
        months = list(period.months())
        values = self._values(period)
        scope = dimension if dimension in _SCOPED else None
        attribute = dimension if dimension in ("municipality", "area") else None

        def build() -> ir.Table:
            import ibis

            from . import expressions as ex

            dates = self._dates(values)
            t = self.runner.table()
            if dimension == "total":
                return ex.flow_aggregates(ex.flow_journeys(t, dates), dates, None)
            j = ex.flow_journeys(t, dates, scope, attribute)
            result = ex.flow_aggregates(j, dates, j.grp)
            if scope is not None:  # episodes per unit do not add up to the total
                total = ex.flow_aggregates(ex.flow_journeys(t, dates), dates, ibis.literal(_TOTAL_LABEL))
                result = result.union(total, distinct=False)
            return result

        found = self.runner.rows(f"flows:{dimension}:{len(months)}", build, values)
        keys = _flow_keys(len(months))
        grouped: dict[str, dict[str, int]] = {}
        total: dict[str, int] = {}
        for r in found:
            raw = r.get("grp")
            if raw == _TOTAL_LABEL:
                total = r
                continue
            name = self._group_name(dimension, raw)
            into = grouped.setdefault(name, dict.fromkeys(keys, 0))
            for k in keys:
                into[k] += int(r[k] or 0)
        if dimension != "total":
            listed = set(grouped) | (
                {municipality_name(c) for c in HLV_CODES} if dimension == "municipality" else set()
            )
            for name in self._flow_groups(dimension, listed):
                grouped.setdefault(name, {})
        if scope is None:  # every client journey is in exactly one group: the total is the sum
            total = {k: sum(int(r[k] or 0) for r in found) for k in keys}
        rows = [_flow_row(TOTAL, total, months)]
        if dimension == "total":
            return rows
        rows.extend(_flow_row(name, grouped.get(name, {}), months) for name in ordered_groups(dimension, grouped))
        return rows

    def _flow_groups(self, dimension: str, listed: set[str]) -> set[str]:
        """The groups of *all* journeys known on ``as_of`` (the reference lists a group
        even when none of its journeys counts in the period) that are not ``listed``.
        The flow query sees only journeys that can count: the values of the other
        known rows are candidates; a unit's value always has journeys (every episode
        is in its unit), an opener attribute only if some journey opens with it, which
        the full journeys of the clients with such rows decide."""
        values = self._values()

        def candidates() -> ir.Table:
            known = self._known(values)
            return known.select(grp=known[dimension]).distinct()

        found = [r["grp"] for r in self.runner.rows(f"flow_groups:{dimension}", candidates, values)]
        unresolved = sorted(v for v in found if v is not None and self._group_name(dimension, v) not in listed)
        if not unresolved or dimension in _SCOPED:
            return {self._group_name(dimension, v) for v in unresolved}
        table = self.runner.strings("flow_unresolved", "grp", unresolved)

        def openers() -> ir.Table:
            from . import expressions as ex

            known = self._known(values)
            u = table()
            clients = known.filter(known[dimension].isin(u.grp)).select("client_id").distinct()
            rows = known.semi_join(clients, "client_id")
            closed_by = self._dates(values).closed_by
            j = ex.journeys(rows, closed_by, None, [dimension], with_reason=False, with_previous=False)
            return j.filter(j[dimension].isin(u.grp)).select(grp=j[dimension]).distinct()

        opened = self.runner.rows(f"flow_openers:{dimension}", openers, values)
        return {self._group_name(dimension, r["grp"]) for r in opened}

    def _group_name(self, dimension: str, raw: str | None) -> str:
        if dimension == "municipality":
            return municipality_name(self._code(raw))
        return raw or "unknown"

    # -- journey KPIs -------------------------------------------------------------

    def journey_kpis(self, period: Period, dimension: str) -> list[JourneyRow]:
        _check(dimension)
        base = self.journeys(None, True)
        grouped = self.journeys(dimension if dimension in _SCOPED else None, True)

        def build_both() -> ir.Table:
            import ibis

            both = base().mutate(grp=ibis.literal(_TOTAL_LABEL))
            if dimension != "total":
                j = grouped()
                cols = ["client_id", "seq", "start", "close_date", "end_reason", "previous_close"]
                both = both.select(*cols, "grp").union(
                    j.mutate(grp=self._grouped(dimension, j)).select(*cols, "grp"), distinct=False
                )
            return both

        name = f"journey_groups_{dimension}"
        both = self.runner.materialize(f"journey_groups:{dimension}", build_both, self._values(), name)
        values = self._values(period)

        def query(kind: str) -> list[dict[str, Any]]:
            def build() -> ir.Table:
                from . import expressions as ex

                dates = self._dates(values)
                if kind == "durations":
                    return ex.closed_durations(both(), dates)
                if kind == "reasons":
                    return ex.end_reason_counts(both(), dates)
                if kind == "in_care":
                    return ex.in_care_latest(both(), dates)
                return both().select("grp").distinct()

            return self.runner.rows(f"journey_kpis:{dimension}:{kind}", build, values)

        durations = {r["grp"]: r for r in query("durations")}
        reasons: dict[str, dict[str, int]] = {}
        for r in query("reasons"):
            reasons.setdefault(r["grp"], {})[r["end_reason"]] = r["n"]
        in_care = {r["grp"]: r for r in query("in_care")}
        present = {r["grp"] for r in query("groups")}

        def row(name: str, key: str) -> JourneyRow:
            return _journey_row(name, durations.get(key), reasons.get(key, {}), in_care.get(key))

        rows = [row(TOTAL, _TOTAL_LABEL)]
        if dimension == "total":
            return rows
        found = present - {_TOTAL_LABEL}
        rows.extend(row(name, name) for name in ordered_groups(dimension, found))
        return rows

    # -- care distribution --------------------------------------------------------

    def care_distribution(self, period: Period) -> list[CareDistribution]:
        values = self._values(period)

        def build(which: int) -> Build:
            def inner() -> ir.Table:
                from . import expressions as ex

                active = ex.active_trajectories(self._known(values), self._dates(values))
                return ex.care_counts(active, municipality_group(active.municipality), _TOTAL_LABEL)[which]

            return inner

        counts: dict[str, dict[str, int]] = {}
        for r in self.runner.rows("care:quadrants", build(0), values):
            counts.setdefault(r["grp"], {})[r["quadrant"]] = r["n"]
        units: dict[str, list[tuple[str, int]]] = {}
        for r in self.runner.rows("care:providers", build(1), values):
            units.setdefault(r["grp"], []).append((r["care_unit"], r["n"]))
        names = [(TOTAL, _TOTAL_LABEL)] + [(n, n) for n in ordered_groups("municipality", set(counts) - {_TOTAL_LABEL})]
        result = []
        for name, key in names:
            by_quadrant = {q: counts.get(key, {}).get(q, 0) for q in ("K1", "K2", "K3")}
            ranking = sorted(units.get(key, []), key=lambda item: (-item[1], item[0]))
            result.append(CareDistribution(name, by_quadrant, ranking))
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
