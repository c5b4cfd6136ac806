"""Backend-neutral Ibis definitions of journeys and the flow / journey / care KPIs.

Every function takes and returns Ibis table expressions; nothing here touches a
particular backend, so the same definitions compile to DuckDB, PostgreSQL or Spark
SQL. Dates (``as_of``, period and month bounds) are passed in as Ibis date scalars,
so a caller may compile an expression once and reuse its SQL for other dates. The
rules are those of :mod:`basishulp.kpi.domain.journeys` and
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
* **flows** — :func:`flow_journeys` finds only the journeys that can count in a
  period, from a pruned set of trajectories, with one window pass plus a ``LAG``
  over the first and last rows of multi-row journeys (see its docstring for the
  pruning proof); :func:`flow_aggregates` counts them per group, one column
  triple per calendar month.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from basishulp.kpi.domain.journeys import GAP_DAYS, UNKNOWN_REASON

__all__ = [
    "OPENER_ATTRIBUTES",
    "Dates",
    "active_trajectories",
    "care_counts",
    "closed_durations",
    "end_reason_counts",
    "flow_aggregates",
    "flow_journeys",
    "in_care_latest",
    "journeys",
    "known",
]

OPENER_ATTRIBUTES: tuple[str, ...] = ("municipality", "area", "care_unit", "quadrant")
_KEY = ("client_id", "scope_key")


@dataclass(frozen=True)
class Dates:
    """The dates of one KPI run as Ibis scalars: the reporting date ``as_of``, the
    period ``[p0, p1]`` and the calendar months overlapping it (clipped), in order.
    Dates derived from them are passed in too (computed by the caller), so that
    every comparison is between plain dates: ``after_as_of`` = as_of + 1 day,
    ``closed_by`` = as_of - 31 days (a journey whose last end is on or before it is
    closed), ``p0_gap`` = p0 + 30 days and ``p1_gap`` = p1 + 30 days."""

    as_of: ir.DateScalar
    after_as_of: ir.DateScalar
    closed_by: ir.DateScalar
    p0: ir.DateScalar
    p1: ir.DateScalar
    p0_gap: ir.DateScalar
    p1_gap: ir.DateScalar
    months: tuple[tuple[ir.DateScalar, ir.DateScalar], ...]


def _gap_after(later: ir.DateValue, earlier: ir.DateValue) -> ir.BooleanValue:
    """``later`` is more than 30 days after ``earlier`` (``later > earlier + 30``)."""
    return later.delta(earlier, unit="day") > GAP_DAYS


def known(t: ir.Table, as_of: ir.DateScalar) -> ir.Table:
    """Trajectories as known on ``as_of`` (journeys rule 1)."""
    t = t.filter(t.start_date <= as_of)
    late = t.end_date.notnull() & (t.end_date > as_of)
    mutations = {"end_date": ibis.ifelse(late, ibis.null("date"), t.end_date)}
    if "end_reason" in t.columns:
        mutations["end_reason"] = ibis.ifelse(late, ibis.literal(""), t.end_reason)
    return t.mutate(**mutations)


def journeys(
    t: ir.Table,
    closed_by: ir.DateScalar,
    scope: str | None = None,
    attributes: Sequence[str] = OPENER_ATTRIBUTES,
    with_reason: bool = True,
    with_previous: bool = True,
) -> ir.Table:
    """One row per journey (see module docstring) from *known* trajectories ``t``;
    a journey whose trajectories all ended on or before ``closed_by`` (as_of - 31
    days) is closed.

    Columns: client_id, scope_key, seq, start, close_date, the opener ``attributes``
    and, when asked, end_reason and previous_close.
    """
    scope_key = ibis.literal("") if scope is None else t[scope]
    t = t.mutate(scope_key=scope_key, is_open=t.end_date.isnull().cast("int8"))
    order = [t.start_date, t.trajectory_id]
    before = ibis.window(group_by=list(_KEY), order_by=order, rows=(None, -1))
    t = t.mutate(prev_end=t.end_date.max().over(before), prev_open=t.is_open.max().over(before))
    new = t.prev_open.isnull() | ((t.prev_open == 0) & _gap_after(t.start_date, t.prev_end))
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
    closes = (j.n_open == 0) & (j.last_end <= closed_by)
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
    dropped = {"n_open", "last_end", "last_reason"}
    return j.select(*(c for c in j.columns if c not in dropped))  # not drop(): its SQL order varies


def flow_journeys(t: ir.Table, dates: Dates, scope: str | None = None, attribute: str | None = None) -> ir.Table:
    """The journeys that can count in a flow over ``[p0, p1]``: columns ``grp`` (the
    opener's ``attribute``, else the ``scope`` value, else absent), ``start`` and
    ``close_date``. ``t`` is the raw trajectories table (not :func:`known`).

    Journeys are built per key = client (and ``scope``) from a pruned set of rows;
    keys are independent, so it suffices that every key gets the right journeys:

    * **late** rows (``start > p1 + 30``) are dropped. They come after all other
      rows of their key; one can only extend the key's last journey, whose last end
      is then ``>= start - 30 > p1`` (or it is open): "end" either way, not outflow,
      in care in every month of the period; or open a journey starting after ``p1``,
      which counts nowhere.
    * **history** rows (closed on ``as_of`` with ``end < p0`` and ``as_of >= end +
      31``) are dropped unless the key is **flagged**: some history row ends on or
      after ``m - 30``, ``m`` being the earliest start of the key's other rows that
      start before ``p0 + 30`` (a history row can only be followed within 30 days
      by such a row). In an unflagged key every history row ends more than 30 days
      before every kept row starts, so the history rows come first in order, are all
      closed and bridge nothing: they form whole journeys of their own, closed before
      ``p0`` (count nowhere), and the kept rows form exactly the remaining journeys,
      openers included. A flagged key keeps all its rows, so it is exact too.

    Then one window pass over the kept rows ordered by ``(start, trajectory_id)``,
    with an open row's end read as ``as_of + 1`` (later than any known date), finds
    the openers: rows whose running maximum end before them is absent or more than
    30 days before their start. An opener gives its journey's start and attribute;
    the journey's last end is the running maximum before the *next* opener (``LEAD``
    over the openers), or the key's maximum end for its last journey; the journey
    is closed when that end is on or before ``as_of - 31`` days.
    """
    key = ["client_id"] if scope is None else ["client_id", scope]
    p0 = dates.p0
    t = t.filter((t.start_date <= dates.as_of) & (t.start_date <= dates.p1_gap))
    end = ibis.ifelse(t.end_date <= dates.as_of, t.end_date, ibis.null("date"))
    columns = [*key, "trajectory_id", "start_date"]
    if attribute is not None and attribute not in columns:
        columns.append(attribute)
    t = t.select(*columns, end=end)
    t = t.mutate(history=t.end.notnull() & (t.end < p0) & (t.end <= dates.closed_by))
    early = ~t.history & (t.start_date < dates.p0_gap)
    per_key = t.group_by(key).aggregate(
        history_end=t.end.max(where=t.history), early_start=t.start_date.min(where=early)
    )
    flagged = per_key.filter(per_key.early_start.delta(per_key.history_end, unit="day") <= GAP_DAYS).select(*key)
    kept = t.filter(~t.history).union(t.filter(t.history).semi_join(flagged, key), distinct=False)

    kept = kept.mutate(eff_end=kept.end.fill_null(dates.after_as_of))
    order = [kept.start_date, kept.trajectory_id]
    before = ibis.window(group_by=key, order_by=order, rows=(None, -1))
    whole = ibis.window(group_by=key, order_by=order, rows=(None, None))
    w = kept.mutate(prev_end=kept.eff_end.max().over(before), key_end=kept.eff_end.max().over(whole))
    # First rows (openers) only; a journey's last end is the running maximum seen by
    # the next opener, or the key's maximum for its last journey.
    w = w.filter(w.prev_end.isnull() | _gap_after(w.start_date, w.prev_end))
    following = ibis.window(group_by=key, order_by=[w.start_date, w.trajectory_id])
    w = w.mutate(last_end=w.prev_end.lead().over(following).fill_null(w.key_end))
    columns = {
        "start": w.start_date,
        "close_date": ibis.ifelse(w.last_end <= dates.closed_by, w.last_end, ibis.null("date")),
    }
    source = attribute if attribute is not None else scope
    if source is not None:
        columns = {"grp": w[source], **columns}
    return w.select(**columns)


def _count(condition: ir.BooleanValue) -> ir.IntegerScalar:
    return condition.cast("int64").sum()


def flow_aggregates(j: ir.Table, dates: Dates, group: ir.Value | None) -> ir.Table:
    """Flow counts per ``group`` (or one row when ``None``) over journeys ``j``.

    Columns: [grp,] begin, inflow, outflow, end, then in_care_i, inflow_i,
    outflow_i for every month window i of ``dates``.
    """
    p0, p1 = dates.p0, dates.p1
    close = j.close_date
    aggs: dict[str, ir.Scalar] = {
        "begin": _count((j.start < p0) & (close.isnull() | (close >= p0))),
        "inflow": _count((j.start >= p0) & (j.start <= p1)),
        "outflow": _count(close.notnull() & (close >= p0) & (close <= p1)),
        "end": _count((j.start <= p1) & (close.isnull() | (close > p1))),
    }
    for i, (m0, m1) in enumerate(dates.months):
        aggs[f"in_care_{i}"] = _count((j.start <= m1) & (close.isnull() | (close >= m0)))
        aggs[f"inflow_{i}"] = _count((j.start >= m0) & (j.start <= m1))
        aggs[f"outflow_{i}"] = _count(close.notnull() & (close >= m0) & (close <= m1))
    if group is None:
        return j.aggregate(**aggs)
    return j.mutate(grp=group).group_by("grp").aggregate(**aggs)


def _closed_in(j: ir.Table, dates: Dates) -> ir.Table:
    return j.filter(j.close_date.notnull() & (j.close_date >= dates.p0) & (j.close_date <= dates.p1))


def closed_durations(j: ir.Table, dates: Dates) -> ir.Table:
    """Per ``grp``: closed count, duration sum, nearest-rank median and p90, sorted durations."""
    c = _closed_in(j, dates)
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


def end_reason_counts(j: ir.Table, dates: Dates) -> ir.Table:
    c = _closed_in(j, dates)
    return c.group_by(["grp", "end_reason"]).aggregate(n=c.seq.count())


def in_care_latest(j: ir.Table, dates: Dates) -> ir.Table:
    """Per ``grp``: clients in care in the period, returning clients and return gaps."""
    c = j.filter((j.start <= dates.p1) & (j.close_date.isnull() | (j.close_date >= dates.p0)))
    c = c.mutate(rn=ibis.row_number().over(group_by=["grp", "client_id"], order_by=ibis.desc(c.start)))
    c = c.filter(c.rn == 0)
    returning = c.seq > 1
    gap = c.start.delta(c.previous_close, unit="day")
    return c.group_by("grp").aggregate(
        clients=c.client_id.count(),
        returning=_count(returning),
        return_days=gap.collect(where=returning & c.previous_close.notnull(), order_by=gap),
    )


def active_trajectories(t: ir.Table, dates: Dates) -> ir.Table:
    """Known trajectories active in the period (``start <= P1``, no end before ``P0``)."""
    return t.filter((t.start_date <= dates.p1) & (t.end_date.isnull() | (t.end_date >= dates.p0)))


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
