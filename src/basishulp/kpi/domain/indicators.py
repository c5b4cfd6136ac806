"""Flow, journey and care-distribution KPIs — the reference definitions.

Plain Python over :class:`~basishulp.kpi.domain.journeys.Journey`; the test oracle
for the Ibis engine. Rules (domain.md §3.4–3.5, data-formats.md §2), for an
inclusive period ``[P0, P1]``:

- **begin** — journeys with ``start < P0`` that are open on ``P0`` (not closed
  before ``P0``): the clients in care when the period begins ("bij aanvang").
- **inflow** — journeys that start in the period ("instroom").
- **subtotal** — begin + inflow.
- **outflow** — journeys closed in the period ("uitstroom"); closing follows the
  30-day rule judged on ``as_of``.
- **end** — journeys with ``start <= P1`` not closed on or before ``P1`` ("per ultimo").
- Counting unit: *journeys*. A client has at most one journey in care on any day, so
  begin and end are also unique clients; a client with two journeys in one period
  counts once per journey in inflow and outflow. Hence begin + inflow − outflow =
  end holds exactly for every group, and municipalities add up to the total.
- **monthly_average** — the mean over the calendar months overlapping the period
  (clipped to it) of the clients in care on at least one day of that month; rounded
  half up to one decimal. A client has at most one journey in care per month, so
  municipal averages also add up to the total (up to rounding).
- **Grouping** — ``municipality`` and ``area`` follow the journey (the trajectory
  that opened it). ``care_unit`` and ``quadrant`` use episodes per (client, unit)
  built with the same 30-day rule, so each unit's own identity holds too.
- **Journey KPIs** — over journeys closed in the period: count, mean duration
  (one decimal), median and 90th percentile by the nearest-rank method, and
  end-reason shares (three decimals; ``"unknown"`` for an empty reason).
  ``clients_in_care`` = unique clients with a journey in care on some day of the
  period; a client is *returning* when the latest such journey is not their first
  journey (any municipality). Statistics over an empty set are ``None``.
- **Care distribution** — unique clients with a known trajectory active in the
  period (``start <= P1`` and no end before ``P0``) per quadrant, and the K3 care
  units ranked by unique clients (ties: care unit id).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from basishulp.trajecten.domain.records import TrajectoryRecord
from basishulp.trajecten.domain.reference import HLV_CODES, municipality_name

from .journeys import Journey, build_journeys, known_on
from .periods import Period

__all__ = [
    "DIMENSIONS",
    "TOP_PROVIDERS",
    "TOTAL",
    "CareDistribution",
    "FlowRow",
    "JourneyRow",
    "MonthFlow",
    "care_distribution",
    "flows",
    "journey_kpis",
    "nearest_rank",
    "ordered_groups",
    "round_half_up",
]

TOTAL = "total"
#: How many providers the dashboards list (the half-year report's top 7).
TOP_PROVIDERS = 7
DIMENSIONS: tuple[str, ...] = ("total", "municipality", "area", "care_unit", "quadrant")
_SCOPED = {"care_unit", "quadrant"}


def round_half_up(value: Decimal | int, places: int) -> Decimal:
    quantum = Decimal(1).scaleb(-places)
    return Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def nearest_rank(sorted_values: Sequence[int], percentile: int) -> int | None:
    """Nearest-rank percentile of ascending values: the value at rank ceil(p/100 · n)."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(percentile * len(sorted_values) / 100))
    return sorted_values[rank - 1]


@dataclass(frozen=True, slots=True)
class MonthFlow:
    month: str  # YYYY-MM
    start: date
    end: date
    in_care: int
    inflow: int
    outflow: int


@dataclass(frozen=True, slots=True)
class FlowRow:
    group: str
    begin: int
    inflow: int
    outflow: int
    end: int
    monthly_average: Decimal
    months: tuple[MonthFlow, ...] = ()

    @property
    def subtotal(self) -> int:
        return self.begin + self.inflow


@dataclass(frozen=True, slots=True)
class JourneyRow:
    group: str
    closed: int
    duration_mean: Decimal | None
    duration_median: int | None
    duration_p90: int | None
    end_reasons: dict[str, Decimal]
    clients_in_care: int
    returning_share: Decimal | None
    durations: tuple[int, ...] = ()  # sorted, for histograms
    return_days: tuple[int, ...] = ()  # days between previous close and return, sorted


@dataclass(frozen=True, slots=True)
class CareDistribution:
    group: str
    clients_by_quadrant: dict[str, int]
    #: every K3 provider with its unique clients, most clients first (then by code)
    providers: list[tuple[str, int]] = field(default_factory=list)

    @property
    def top_providers(self) -> list[tuple[str, int]]:
        """The :data:`TOP_PROVIDERS` providers with the most unique clients."""
        return self.providers[:TOP_PROVIDERS]

    def share(self, quadrant: str) -> Decimal | None:
        """Share of ``quadrant`` among K2 + K3 unique-client counts (3 decimals)."""
        base = self.clients_by_quadrant.get("K2", 0) + self.clients_by_quadrant.get("K3", 0)
        if base == 0:
            return None
        return round_half_up(Decimal(self.clients_by_quadrant.get(quadrant, 0)) / base, 3)


def _group_key(dimension: str) -> Callable[[Journey], str]:
    if dimension == "total":
        return lambda j: TOTAL
    if dimension == "municipality":
        return lambda j: municipality_name(j.municipality)
    if dimension == "area":
        return lambda j: j.area or "unknown"
    if dimension in _SCOPED:
        return lambda j: j.scope_key or "unknown"
    raise ValueError(f"unknown grouping {dimension!r}; choose from {', '.join(DIMENSIONS)}")


def ordered_groups(dimension: str, found: Iterable[str]) -> list[str]:
    """Group names in report order: Heerlen, Landgraaf, Voerendaal first for
    municipalities (always present), otherwise sorted."""
    names = set(found)
    if dimension == "municipality":
        known = [municipality_name(c) for c in HLV_CODES]
        return known + sorted(names - set(known))
    return sorted(names)


def _flow_row(group: str, journeys: list[Journey], period: Period) -> FlowRow:
    p0, p1 = period.start, period.end
    begin = inflow = outflow = end = 0
    for j in journeys:
        if j.start < p0 and (j.close_date is None or j.close_date >= p0):
            begin += 1
        if p0 <= j.start <= p1:
            inflow += 1
        if j.close_date is not None and p0 <= j.close_date <= p1:
            outflow += 1
        if j.start <= p1 and (j.close_date is None or j.close_date > p1):
            end += 1
    months = []
    for m in period.months():
        months.append(
            MonthFlow(
                month=m.label,
                start=m.start,
                end=m.end,
                in_care=sum(1 for j in journeys if j.in_care_between(m.start, m.end)),
                inflow=sum(1 for j in journeys if m.start <= j.start <= m.end),
                outflow=sum(1 for j in journeys if j.close_date is not None and m.start <= j.close_date <= m.end),
            )
        )
    average = round_half_up(Decimal(sum(m.in_care for m in months)) / len(months), 1)
    return FlowRow(group, begin, inflow, outflow, end, average, tuple(months))


def _groups(
    trajectories: Sequence[TrajectoryRecord], as_of: date, dimension: str, base: list[Journey]
) -> list[tuple[str, list[Journey]]]:
    """The groups of ``dimension`` in report order with their journeys (episodes for
    the scoped dimensions care_unit and quadrant)."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown grouping {dimension!r}; choose from {', '.join(DIMENSIONS)}")
    if dimension == "total":
        return []
    grouped = base if dimension not in _SCOPED else build_journeys(trajectories, as_of, dimension)
    key = _group_key(dimension)
    groups: dict[str, list[Journey]] = defaultdict(list)
    for j in grouped:
        groups[key(j)].append(j)
    return [(name, groups.get(name, [])) for name in ordered_groups(dimension, groups)]


def flows(
    trajectories: Sequence[TrajectoryRecord],
    period: Period,
    as_of: date,
    dimension: str = "municipality",
    journeys: list[Journey] | None = None,
) -> list[FlowRow]:
    """The total row, then one row per group of ``dimension``."""
    base = journeys if journeys is not None else build_journeys(trajectories, as_of)
    groups = _groups(trajectories, as_of, dimension, base)
    return [_flow_row(TOTAL, base, period)] + [_flow_row(name, js, period) for name, js in groups]


def _journey_row(group: str, journeys: list[Journey], period: Period) -> JourneyRow:
    p0, p1 = period.start, period.end
    closed = [j for j in journeys if j.close_date is not None and p0 <= j.close_date <= p1]
    durations = sorted(j.duration_days for j in closed if j.duration_days is not None)
    reasons = Counter(j.end_reason for j in closed)
    n = len(closed)
    end_reasons = {code: round_half_up(Decimal(count) / n, 3) for code, count in sorted(reasons.items())}
    latest_in_care: dict[str, Journey] = {}
    for j in journeys:
        if j.in_care_between(p0, p1):
            current = latest_in_care.get(j.client_id)
            if current is None or j.start > current.start:
                latest_in_care[j.client_id] = j
    returning = [j for j in latest_in_care.values() if j.seq > 1]
    clients = len(latest_in_care)
    return JourneyRow(
        group=group,
        closed=n,
        duration_mean=round_half_up(Decimal(sum(durations)) / n, 1) if n else None,
        duration_median=nearest_rank(durations, 50),
        duration_p90=nearest_rank(durations, 90),
        end_reasons=end_reasons,
        clients_in_care=clients,
        returning_share=round_half_up(Decimal(len(returning)) / clients, 3) if clients else None,
        durations=tuple(durations),
        return_days=tuple(sorted((j.start - j.previous_close).days for j in returning if j.previous_close is not None)),
    )


def journey_kpis(
    trajectories: Sequence[TrajectoryRecord],
    period: Period,
    as_of: date,
    dimension: str = "municipality",
    journeys: list[Journey] | None = None,
) -> list[JourneyRow]:
    """Journey KPIs: the total row, then one row per group of ``dimension``.

    ``seq`` (first journey or not) is always judged over all of a client's
    journeys in the scope, whatever the group.
    """
    base = journeys if journeys is not None else build_journeys(trajectories, as_of)
    groups = _groups(trajectories, as_of, dimension, base)
    return [_journey_row(TOTAL, base, period)] + [_journey_row(name, js, period) for name, js in groups]


def care_distribution(
    trajectories: Sequence[TrajectoryRecord],
    period: Period,
    as_of: date,
) -> list[CareDistribution]:
    """Unique clients per quadrant and per K3 provider: total, then per municipality
    (of the trajectory)."""
    per_group: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    per_provider: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for raw in trajectories:
        t = known_on(raw, as_of)
        if t is None or t.start_date > period.end or (t.end_date is not None and t.end_date < period.start):
            continue
        for group in (TOTAL, municipality_name(t.municipality)):
            per_group[group][t.quadrant].add(t.client_id)
            if t.quadrant == "K3":
                per_provider[group][t.care_unit].add(t.client_id)
    rows = []
    names = [TOTAL, *ordered_groups("municipality", (g for g in per_group if g != TOTAL))]
    for name in names:
        counts = {q: len(per_group[name].get(q, ())) for q in ("K1", "K2", "K3")}
        ranking = sorted(
            ((unit, len(clients)) for unit, clients in per_provider[name].items()),
            key=lambda item: (-item[1], item[0]),
        )
        rows.append(CareDistribution(name, counts, ranking))
    return rows
