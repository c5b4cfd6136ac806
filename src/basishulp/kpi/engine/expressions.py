"""Backend-neutral Ibis definitions of journeys and the flow / journey / care KPIs.

Every function takes and returns Ibis table expressions; nothing here touches a
particular backend, so the same definitions compile to DuckDB, PostgreSQL or Spark
SQL. The rules are those of :mod:`basishulp.kpi.domain.journeys` and
:mod:`basishulp.kpi.domain.indicators` (the reference core), restated as set
operations:

* **known** — ``start > as_of`` rows are dropped; ``end > as_of`` becomes open
  (``NULL`` end, empty end reason).
* **journeys** — per ``(client_id, scope_key)`` ordered by ``(start, trajectory_id)``:
  the running maximum of the *previous* rows' end dates and a running "some previous
  row is open" flag (window ``ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING``).
  A row opens a new journey when it has no predecessor, or no predecessor is open
  and ``start > running_max_end + 30 days``. The running maximum over *all*
  previous rows equals the one within the current journey, because every earlier
  journey ended more than 30 days before the current one started. The journey
  number (``seq``) is the cumulative sum of the "new" flags.
* **journey attributes** — one ``GROUP BY (client_id, scope_key, seq)``: start =
  min(start); opener attributes = ``max(x) FILTER (WHERE new = 1)`` (the opener is
  the first row in ``(start, trajectory_id)`` order); closed when no row is open and
  ``as_of >= max(end) + 31``; end reason via ``ROW_NUMBER`` ordered by ``(end, start,
  trajectory_id)`` descending; ``previous_close`` by ``LAG`` over ``seq``.
* **flows** — conditional counts per group; one column triple per calendar month.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import ibis
import ibis.expr.types as ir

from basishulp.kpi.domain.journeys import GAP_DAYS, UNKNOWN_REASON
from basishulp.kpi.domain.periods import Period

__all__ = [
    "OPENER_ATTRIBUTES",
    "active_trajectories",
    "care_counts",
    "closed_durations",
    "end_reason_counts",
    "flow_aggregates",
    "in_care_latest",
    "journeys",
    "known",
    "month_windows",
]

OPENER_ATTRIBUTES: tuple[str, ...] = ("municipality", "area", "care_unit", "quadrant")
_KEY = ("client_id", "scope_key")


def _date(value: date) -> ir.DateScalar:
    return ibis.literal(value, type="date")


def known(t: ir.Table, as_of: date) -> ir.Table:
    """Trajectories as known on ``as_of`` (journeys rule 1)."""
    d = _date(as_of)
    t = t.filter(t.start_date <= d)
    late = t.end_date.notnull() & (t.end_date > d)
    mutations = {"end_date": ibis.ifelse(late, ibis.null("date"), t.end_date)}
    if "end_reason" in t.columns:
        mutations["end_reason"] = ibis.ifelse(late, ibis.literal(""), t.end_reason)
    return t.mutate(**mutations)


def journeys(
    t: ir.Table,
    as_of: date,
    scope: str | None = None,
    attributes: Sequence[str] = OPENER_ATTRIBUTES,
    with_reason: bool = True,
    with_previous: bool = True,
) -> ir.Table:
    """One row per journey (see module docstring) from *known* trajectories ``t``.

    Columns: client_id, scope_key, seq, start, close_date, the opener ``attributes``
    and, when asked, end_reason and previous_close.
    """
    scope_key = ibis.literal("") if scope is None else t[scope]
    t = t.mutate(scope_key=scope_key, is_open=t.end_date.isnull().cast("int8"))
    order = [t.start_date, t.trajectory_id]
    before = ibis.window(group_by=list(_KEY), order_by=order, rows=(None, -1))
    t = t.mutate(prev_end=t.end_date.max().over(before), prev_open=t.is_open.max().over(before))
    gap = ibis.interval(days=GAP_DAYS)
    new = t.prev_open.isnull() | ((t.prev_open == 0) & (t.start_date > t.prev_end + gap))
    t = t.mutate(new=new.cast("int8"))
    t = t.mutate(seq=t.new.cast("int64").cumsum(group_by=list(_KEY), order_by=order))
    aggs: dict[str, ir.Scalar] = {
        "start": t.start_date.min(),
        "n_open": t.is_open.cast("int64").sum(),
        "last_end": t.end_date.max(),
    }
    for name in attributes:
        aggs[name] = t[name].max(where=t.new == 1)
    if with_reason:
        last = ibis.row_number().over(
            group_by=[*_KEY, "seq"],
            order_by=[ibis.desc(t.end_date), ibis.desc(t.start_date), ibis.desc(t.trajectory_id)],
        )
        t = t.mutate(rn_last=last)
        aggs["last_reason"] = t.end_reason.max(where=t.rn_last == 0)
    j = t.group_by([*_KEY, "seq"]).aggregate(**aggs)
    closes = (j.n_open == 0) & (_date(as_of) >= j.last_end + ibis.interval(days=GAP_DAYS + 1))
    j = j.mutate(close_date=ibis.ifelse(closes, j.last_end, ibis.null("date")))
    extra: dict[str, ir.Value] = {}
    if with_reason:
        reason = ibis.ifelse(
            j.last_reason.isnull() | (j.last_reason == ""), ibis.literal(UNKNOWN_REASON), j.last_reason
        )
        extra["end_reason"] = ibis.ifelse(j.close_date.notnull(), reason, ibis.literal(""))
    if with_previous:
        extra["previous_close"] = j.close_date.lag().over(group_by=list(_KEY), order_by=j.seq)
    if extra:
        j = j.mutate(**extra)
    return j.drop("n_open", "last_end", *(["last_reason"] if with_reason else []))


def month_windows(period: Period) -> list[Period]:
    return list(period.months())


def _count(condition: ir.BooleanValue) -> ir.IntegerScalar:
    return condition.cast("int64").sum()


def flow_aggregates(j: ir.Table, period: Period, group: ir.Value | None) -> ir.Table:
    """Flow counts per ``group`` (or one row when ``None``) over journeys ``j``.

    Columns: [group,] begin, inflow, outflow, end, then in_care_i, inflow_i,
    outflow_i for every month window i (:func:`month_windows`).
    """
    p0, p1 = _date(period.start), _date(period.end)
    close = j.close_date
    aggs: dict[str, ir.Scalar] = {
        "begin": _count((j.start < p0) & (close.isnull() | (close >= p0))),
        "inflow": _count((j.start >= p0) & (j.start <= p1)),
        "outflow": _count(close.notnull() & (close >= p0) & (close <= p1)),
        "end": _count((j.start <= p1) & (close.isnull() | (close > p1))),
    }
    for i, m in enumerate(month_windows(period)):
        m0, m1 = _date(m.start), _date(m.end)
        aggs[f"in_care_{i}"] = _count((j.start <= m1) & (close.isnull() | (close >= m0)))
        aggs[f"inflow_{i}"] = _count((j.start >= m0) & (j.start <= m1))
        aggs[f"outflow_{i}"] = _count(close.notnull() & (close >= m0) & (close <= m1))
    if group is None:
        return j.aggregate(**aggs)
    return j.mutate(grp=group).group_by("grp").aggregate(**aggs)


def _closed_in(j: ir.Table, period: Period) -> ir.Table:
    p0, p1 = _date(period.start), _date(period.end)
    return j.filter(j.close_date.notnull() & (j.close_date >= p0) & (j.close_date <= p1))


def closed_durations(j: ir.Table, period: Period) -> ir.Table:
    """Per ``grp``: closed count, duration sum, nearest-rank median and p90, sorted durations."""
    c = _closed_in(j, period)
    c = c.mutate(duration=c.close_date.delta(c.start, unit="day") + 1)
    c = c.mutate(
        rank=ibis.row_number().over(group_by="grp", order_by=[c.duration, c.client_id, c.seq]) + 1,
        n=c.duration.count().over(group_by="grp"),
    )
    return c.group_by("grp").aggregate(
        closed=c.duration.count(),
        duration_sum=c.duration.sum(),
        median=c.duration.max(where=c.rank == (c.n * 50 + 99) // 100),
        p90=c.duration.max(where=c.rank == (c.n * 90 + 99) // 100),
        durations=c.duration.collect(order_by=c.duration),
    )


def end_reason_counts(j: ir.Table, period: Period) -> ir.Table:
    c = _closed_in(j, period)
    return c.group_by(["grp", "end_reason"]).aggregate(n=c.seq.count())


def in_care_latest(j: ir.Table, period: Period) -> ir.Table:
    """Per ``grp``: clients in care in the period, returning clients and return gaps."""
    p0, p1 = _date(period.start), _date(period.end)
    c = j.filter((j.start <= p1) & (j.close_date.isnull() | (j.close_date >= p0)))
    c = c.mutate(rn=ibis.row_number().over(group_by=["grp", "client_id"], order_by=ibis.desc(c.start)))
    c = c.filter(c.rn == 0)
    returning = c.seq > 1
    gap = c.start.delta(c.previous_close, unit="day")
    return c.group_by("grp").aggregate(
        clients=c.client_id.count(),
        returning=_count(returning),
        return_days=gap.collect(where=returning & c.previous_close.notnull(), order_by=gap),
    )


def active_trajectories(t: ir.Table, period: Period) -> ir.Table:
    """Known trajectories active in the period (``start <= P1``, no end before ``P0``)."""
    p0, p1 = _date(period.start), _date(period.end)
    return t.filter((t.start_date <= p1) & (t.end_date.isnull() | (t.end_date >= p0)))


def care_counts(active: ir.Table, group: ir.Value, total_label: str) -> tuple[ir.Table, ir.Table]:
    """Unique clients per (grp, quadrant) and per (grp, K3 care unit), ``grp`` being
    ``total_label`` or the value of ``group``."""
    both = active.select("client_id", "quadrant", "care_unit", grp=group).union(
        active.select("client_id", "quadrant", "care_unit", grp=ibis.literal(total_label)), distinct=False
    )
    quadrants = both.group_by(["grp", "quadrant"]).aggregate(n=both.client_id.nunique())
    k3 = both.filter(both.quadrant == "K3")
    providers = k3.group_by(["grp", "care_unit"]).aggregate(n=k3.client_id.nunique())
    return quadrants, providers
