"""A deterministic, synthetic HLV trajectory data set 2019-2023 (pure, no Django).

:func:`generate` returns trajectory records whose flows, *as computed by the reference
core* (:mod:`basishulp.kpi.domain`) on the reporting date 2023-12-31, reproduce the
published tables (:mod:`.calibration`). Nothing here describes a real person: client
ids are pseudonyms ``C`` + 7 digits (never a BSN), dates and care paths are drawn from
a seeded random generator.

How it is calibrated (constructively, not by search):

1. **A monthly plan per municipality** (:func:`build_plan`). The stock of open
   journeys on every year boundary (and on 2023-07-01) follows the reconciled targets
   of :data:`.calibration.FLOW_TARGETS`; 2019-2022 are split over the municipalities
   in proportion to their published stock on 2023-01-01 (Landgraaf's 2022 inflow is
   the published 31 a month). Inflow per month follows a seasonal profile (2023-H1:
   the published range 100-145). Outflow per month is the period total plus a linear
   tilt solved so that the monthly average in care (clients in care on at least one
   day of the month = open at the first of the month + started in it) hits the target
   average, then rounded (largest remainder) and nudged unit by unit.
2. **A queue per municipality.** Every journey gets a *planned* duration when it
   starts. Each month the planned number of journeys closes: the open journeys with
   the earliest planned close date (at least ``MIN_DAYS`` old). So counts are exact
   while durations follow the planned distribution as closely as the counts allow.
   The last end date of a journey closing in month ``m`` lies in ``m``; closes in
   December 2023 are not final on 2023-12-31 (30-day rule), so those journeys stay open.
3. **Clients.** About one journey in twelve that starts in 2019 or later is linked to
   an earlier closed journey (31 days to ~2.5 years before) of another "client" and
   so becomes a returning client (a few of them in another municipality).
4. **Trajectories.** Each journey is cut into one to three trajectories by kind: area
   team only (K2, sometimes consecutive care agreements), area team then outsourced
   care (K2 then K3, overlapping or with a gap of at most 30 days), outsourced only
   (K3, sometimes a transfer between providers), individually registered prevention
   (K1, at the area team) and K1 followed by K2. A few clients move to another HLV
   municipality during a journey. The last trajectory carries the journey's end reason
   (JZ588), drawn with a low-discrepancy sequence so every window of closes has close
   to the intended shares.
"""

from __future__ import annotations

import calendar
import heapq
import math
import random
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from basishulp.trajecten import reference_data as ref
from basishulp.trajecten.domain.records import TrajectoryRecord

from . import calibration as cal

__all__ = [
    "AREAS",
    "AS_OF",
    "CARE_UNITS",
    "DEFAULT_SEED",
    "FIRST_DAY",
    "LAST_DAY",
    "CareUnit",
    "MonthPlan",
    "build_plan",
    "generate",
]

DEFAULT_SEED = 2023
FIRST_DAY = date(2019, 1, 1)
LAST_DAY = date(2023, 12, 31)
#: The reporting date the data set is calibrated for (its latest date).
AS_OF = LAST_DAY
#: Shortest journey in days (start to last end, inclusive).
MIN_DAYS = 28

HEERLEN, LANDGRAAF, VOERENDAAL = "GM0917", "GM0882", "GM0986"
MUNICIPALITY_CODES: tuple[str, ...] = (HEERLEN, LANDGRAAF, VOERENDAAL)
_NAMES = {HEERLEN: "Heerlen", LANDGRAAF: "Landgraaf", VOERENDAAL: "Voerendaal"}

#: The areas (gebieden), shared with the reference data of the trajecten app.
AREAS = ref.AREAS


class CareUnit(NamedTuple):
    """A care unit of the demo data: ``kind`` as in the model, ``role`` its role."""

    code: str
    name: str
    kind: str  # "gebiedsteam" (K2 area team) or "aanbieder" (provider)
    role: str  # "gebiedsteam", or the provider role: "lid", "onderaannemer", "leverancier", "kleine_aanbieder"


def _care_units() -> tuple[CareUnit, ...]:
    roles: dict[str, str] = {}
    for r in ref.PROVIDER_ROLES:  # contract 2 roles win over contract 1
        if r.contract == 2 or r.care_unit not in roles:
            roles[r.care_unit] = r.role
    return tuple(CareUnit(u.code, u.name, u.kind, roles.get(u.code, u.kind)) for u in ref.CARE_UNITS)


#: Every care unit used: area teams ``GT-<area>`` (K2; also K1 registrations) and the
#: providers of seed 001 Bijlage 3 (K3).
CARE_UNITS: tuple[CareUnit, ...] = _care_units()

# --- the monthly plan -------------------------------------------------------------------

_MONTHS = 60  # 2019-01 .. 2023-12
_YEARS = ("2019", "2020", "2021", "2022")
#: Seasonal profile of inflow within a year (summer dip, autumn peak after school starts).
_SEASON = (0.97, 1.02, 1.06, 0.98, 1.0, 0.95, 0.84, 0.8, 1.1, 1.13, 1.08, 1.07)
#: HLV inflow per month in 2023-H1 (sum 778, within the published 100-145).
_INFLOW_2023H1 = (104, 121, 136, 131, 143, 143)
#: 2023-H2 has no published figures: inflow, closes July-November, and journeys that
#: end in December (still open on 2023-12-31) per municipality.
_H2_2023 = {HEERLEN: (470, 420, 60), LANDGRAAF: (225, 170, 22), VOERENDAAL: (40, 42, 5)}


class MonthPlan(NamedTuple):
    """Per municipality: journeys open on 2019-01-01, then per month 2019-01 .. 2023-12
    the journeys started and closed. ``outflow[-1]`` (December 2023) are journeys whose
    last trajectory ends in December: not closed yet on 2023-12-31."""

    initial: int
    inflow: tuple[int, ...]
    outflow: tuple[int, ...]


def _largest_remainder(values: list[float], total: int) -> list[int]:
    floors = [math.floor(v) for v in values]
    rest = total - sum(floors)
    order = sorted(range(len(values)), key=lambda i: (-(values[i] - floors[i]), i))
    for i in order[:rest]:
        floors[i] += 1
    return floors


def _apportion(total: int, weights: dict[str, float]) -> dict[str, int]:
    keys = list(weights)
    s = sum(weights.values())
    parts = _largest_remainder([total * weights[k] / s for k in keys], total)
    return dict(zip(keys, parts, strict=True))


def _mean_begin(begin: int, inflow: list[int], outflow: list[int]) -> float:
    stock, total = begin, 0
    for i, o in zip(inflow, outflow, strict=True):
        total += stock
        stock += i - o
    return total / len(inflow)


def _shape_outflow(begin: int, inflow: list[int], total: int, average: float | None) -> list[int]:
    """Outflow per month summing to ``total`` so that the monthly average in care
    (mean of open-at-month-start + started-in-month) is ``average``."""
    n = len(inflow)
    base = total / n
    if average is None:
        return _largest_remainder([base] * n, total)
    weights = [(n + 1) / 2 - j for j in range(1, n + 1)]
    target = average - sum(inflow) / n  # wanted mean of the month-start stocks
    flat = _mean_begin(begin, inflow, [0] * n) - sum((n - j) * base for j in range(1, n)) / n
    s_w = sum((n - j) * weights[j - 1] for j in range(1, n))
    tilt = (flat - target) * n / s_w
    real = [base + tilt * w for w in weights]
    if min(real) < 1:
        raise ValueError(f"plan infeasible: outflow profile {real}")
    out = _largest_remainder(real, total)
    for _ in range(10 * n):
        err = _mean_begin(begin, inflow, out) - target
        if abs(err) <= 0.5 / n:
            break
        if err > 0:  # move a close one month earlier: lowers one month-start stock
            j = max(range(1, n), key=lambda k: (out[k] - real[k], -k))
            out[j] -= 1
            out[j - 1] += 1
        else:
            j = max(range(n - 1), key=lambda k: (out[k] - real[k], k))
            out[j] -= 1
            out[j + 1] += 1
    return out


def build_plan() -> dict[str, MonthPlan]:
    """The monthly plan per municipality (see the module docstring)."""
    targets = {t.period: t for t in cal.FLOW_TARGETS if t.group == "total"}
    municipal = {t.group: t for t in cal.FLOW_TARGETS if t.period == "2023-H1" and t.group != "total"}
    shares = {code: float(municipal[_NAMES[code]].begin) for code in MUNICIPALITY_CODES}

    # Stocks on the year boundaries: HLV from the targets, split by the 2023 shares.
    boundaries: list[dict[str, int]] = [_apportion(targets[y].begin, shares) for y in _YEARS]
    boundaries.append({code: municipal[_NAMES[code]].begin for code in MUNICIPALITY_CODES})

    inflow: dict[str, list[int]] = {code: [] for code in MUNICIPALITY_CODES}
    outflow: dict[str, list[int]] = {code: [] for code in MUNICIPALITY_CODES}
    for k, year in enumerate(_YEARS):
        t = targets[year]
        if year == "2022":
            fixed = cal.PUBLISHED_LANDGRAAF_INFLOW_PER_MONTH_2022 * 12
            rest = _apportion(t.inflow - fixed, {c: shares[c] for c in (HEERLEN, VOERENDAAL)})
            year_inflow = {HEERLEN: rest[HEERLEN], LANDGRAAF: fixed, VOERENDAAL: rest[VOERENDAAL]}
        else:
            year_inflow = _apportion(t.inflow, shares)
        b0, b1 = boundaries[k], boundaries[k + 1]
        stock_share = {c: b0[c] + b1[c] for c in MUNICIPALITY_CODES}
        total_stock = sum(stock_share.values())
        for code in MUNICIPALITY_CODES:
            months = _largest_remainder([year_inflow[code] * s / sum(_SEASON) for s in _SEASON], year_inflow[code])
            average = t.monthly_average * stock_share[code] / total_stock
            total_out = b0[code] + year_inflow[code] - b1[code]
            inflow[code] += months
            outflow[code] += _shape_outflow(b0[code], months, total_out, average)

    for code in MUNICIPALITY_CODES:
        t = municipal[_NAMES[code]]
        months = _largest_remainder([t.inflow * v / sum(_INFLOW_2023H1) for v in _INFLOW_2023H1], t.inflow)
        inflow[code] += months
        outflow[code] += _shape_outflow(t.begin, months, t.outflow, t.monthly_average)
        h2_in, h2_out, december = _H2_2023[code]
        inflow[code] += _largest_remainder([h2_in / 6] * 6, h2_in)
        outflow[code] += [*_largest_remainder([h2_out / 5] * 5, h2_out), december]

    return {
        code: MonthPlan(boundaries[0][code], tuple(inflow[code]), tuple(outflow[code])) for code in MUNICIPALITY_CODES
    }


# --- journeys ---------------------------------------------------------------------------

#: Journey kinds and their weights.
_KINDS = (("K2", 0.30), ("K2K3", 0.25), ("K3", 0.33), ("K1", 0.06), ("K1K2", 0.06))
#: COD327 referrer of the request that opened a journey.
_REFERRERS = (("06", 0.44), ("02", 0.2), ("01", 0.13), ("03", 0.1), ("04", 0.06), ("05", 0.05), ("08", 0.02))
#: JZ588 end reason of a journey (the reason of its last trajectory).
_END_REASONS = (
    ("31", 0.757),
    ("34", 0.118),
    ("35", 0.108),
    ("32", 0.006),
    ("33", 0.004),
    ("39", 0.004),
    ("36", 0.002),
    ("02", 0.001),
)
#: Area weights within a municipality (Heerlen-Zuid, gebied 3 and 4, is the largest).
_AREA_WEIGHTS = {
    "HRL-1": 0.19,
    "HRL-2": 0.17,
    "HRL-3": 0.23,
    "HRL-4": 0.22,
    "HRL-5": 0.19,
    "LGF-1": 0.55,
    "LGF-2": 0.45,
}
#: Relative size of the K3 providers (by code); providers not listed get weight 0.3.
_PROVIDER_WEIGHTS = {
    "XONAR": 14.0,
    "MONDRIAAN": 12.0,
    "RADAR": 10.5,
    "KORAAL": 9.0,
    "ALCANDER": 8.0,
    "KRACHT-IN-ZORG": 6.5,
    "LIONARONS-GGZ": 6.0,
    "MOVENTIS-GGZ": 4.0,
    "SCOOR": 3.5,
    "TOBAS-JEUGDHULP": 3.0,
    "ANACARE": 2.5,
    "YVOOR": 2.0,
    "VIA-JEUGD": 2.0,
    "WELSUN": 4.0,  # contract 1 only
    "MEANDER": 2.5,  # contract 1 only
}
_CONTRACT_1_ONLY = ("WELSUN", "MEANDER")
_DEFAULT_PROVIDER_WEIGHT = 0.3
_SUPPLIER_WEIGHT = 0.9

#: Planned durations: median (days) and spread of the log-normal body, and the share
#: of long-running ("chronic") journeys.
_BODY_MEDIAN = 270.0
_BODY_SIGMA = 0.62
_CHRONIC_SHARE = 0.03
_INITIAL_CHRONIC_SHARE = 0.21
#: Share of journeys (from 2019-02) that belong to a returning client.
_RETURN_SHARE = 0.08
_MOVE_SHARE = 0.03
_GOLDEN = (math.sqrt(5) - 1) / 2


@dataclass(slots=True)
class _Journey:
    idx: int
    municipality: str
    area: str
    start: date
    planned_close: date
    kind: str
    referrer: str
    last_end: date | None = None  # None: a trajectory still runs on the reporting date
    end_reason: str = ""
    client: int = -1
    predecessor: int = -1
    successor: int = -1


@dataclass(slots=True)
class _Segment:
    quadrant: str
    care_unit: str
    start: date
    end: date | None
    reason: str
    municipality: str
    area: str
    referrer: str


@dataclass
class _State:
    rng: random.Random
    journeys: list[_Journey] = field(default_factory=list)


def _month(k: int) -> tuple[date, date]:
    year, month = 2019 + k // 12, k % 12 + 1
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _pick(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _areas_of(municipality: str) -> list[str]:
    return [a.code for a in AREAS if a.municipality == municipality]


def _pick_area(rng: random.Random, municipality: str) -> str:
    codes = _areas_of(municipality)
    return rng.choices(codes, weights=[_AREA_WEIGHTS.get(c, 1.0) for c in codes])[0]


def _planned_days(rng: random.Random, kind: str) -> int:
    if kind == "K1":
        return rng.randint(42, 120)
    if rng.random() < _CHRONIC_SHARE:
        return rng.randint(5 * 365, 10 * 365)
    days = rng.lognormvariate(math.log(_BODY_MEDIAN), _BODY_SIGMA)
    return max(MIN_DAYS + 14, min(int(days), 1500))


def _new_journey(state: _State, municipality: str, start: date, planned_close: date, kind: str) -> _Journey:
    rng = state.rng
    j = _Journey(
        idx=len(state.journeys),
        municipality=municipality,
        area=_pick_area(rng, municipality),
        start=start,
        planned_close=planned_close,
        kind=kind,
        referrer=_pick(rng, _REFERRERS),
    )
    state.journeys.append(j)
    return j


def _initial_journeys(state: _State, municipality: str, count: int) -> list[_Journey]:
    """Journeys started before 2019 and still open on 2019-01-01."""
    rng = state.rng
    result = []
    for _ in range(count):
        kind = _pick(rng, _KINDS)
        if kind == "K1":
            kind = "K2"
        if rng.random() < _INITIAL_CHRONIC_SHARE:
            start = FIRST_DAY - timedelta(days=rng.randint(365, 4 * 365))
            planned = FIRST_DAY + timedelta(days=rng.randint(5 * 365 + 30, 9 * 365))
        else:
            start = FIRST_DAY - timedelta(days=rng.randint(1, 540))
            residual = rng.lognormvariate(math.log(_BODY_MEDIAN * 0.8), _BODY_SIGMA)
            planned = FIRST_DAY + timedelta(days=int(residual))
        result.append(_new_journey(state, municipality, start, planned, kind))
    return result


def _simulate(state: _State, municipality: str, plan: MonthPlan) -> None:
    """Run the queue of one municipality: start and close journeys per the plan."""
    rng = state.rng
    heap: list[tuple[date, int]] = []
    for j in _initial_journeys(state, municipality, plan.initial):
        heapq.heappush(heap, (j.planned_close, j.idx))
    for k in range(_MONTHS):
        first, last = _month(k)
        days = (last - first).days + 1
        for _ in range(plan.inflow[k]):
            start = first + timedelta(days=rng.randrange(days))
            kind = _pick(rng, _KINDS)
            planned = start + timedelta(days=_planned_days(rng, kind) - 1)
            j = _new_journey(state, municipality, start, planned, kind)
            heapq.heappush(heap, (j.planned_close, j.idx))
        held: list[tuple[date, int]] = []
        closing: list[_Journey] = []
        while len(closing) < plan.outflow[k]:
            if not heap:
                raise ValueError(f"plan infeasible: too few open journeys in {municipality} month {k}")
            item = heapq.heappop(heap)
            j = state.journeys[item[1]]
            if j.start + timedelta(days=MIN_DAYS - 1) > last:
                held.append(item)
                continue
            closing.append(j)
        for item in held:
            heapq.heappush(heap, item)
        for j in closing:
            low = max(first, j.start + timedelta(days=MIN_DAYS - 1))
            if low <= j.planned_close <= last:
                j.last_end = j.planned_close
            else:
                j.last_end = low + timedelta(days=rng.randrange((last - low).days + 1))
    # The data set's latest date is the reporting date: one journey ends on it.
    if municipality == HEERLEN:
        pending = [j for j in state.journeys if j.last_end is not None and j.last_end >= _month(_MONTHS - 1)[0]]
        pending[-1].last_end = LAST_DAY


def _assign_end_reasons(state: _State, offset: float) -> None:
    ended = sorted((j for j in state.journeys if j.last_end is not None), key=lambda j: (j.last_end, j.idx))
    cumulative: list[float] = []
    total = 0.0
    for _, share in _END_REASONS:
        total += share
        cumulative.append(total)
    for i, j in enumerate(ended):
        u = ((offset + i * _GOLDEN) % 1.0) * total
        j.end_reason = _END_REASONS[min(bisect_right(cumulative, u), len(_END_REASONS) - 1)][0]


def _closed_on_as_of(j: _Journey) -> bool:
    return j.last_end is not None and j.last_end + timedelta(days=31) <= AS_OF


def _link_returning(state: _State) -> None:
    """Make some journeys the next journey of an earlier client (returning clients)."""
    rng = state.rng
    closed = sorted((j for j in state.journeys if _closed_on_as_of(j)), key=lambda j: (j.last_end, j.idx))
    available: dict[str, list[_Journey]] = {code: [] for code in MUNICIPALITY_CODES}
    ends: dict[str, list[date]] = {code: [] for code in MUNICIPALITY_CODES}
    pointer = 0
    starts = sorted((j for j in state.journeys if j.start >= date(2019, 2, 1)), key=lambda j: (j.start, j.idx))
    for j in starts:
        # Journeys that closed at least 31 days before this start become available.
        while pointer < len(closed) and closed[pointer].last_end <= j.start - timedelta(days=31):  # type: ignore[operator]
            c = closed[pointer]
            available[c.municipality].append(c)
            ends[c.municipality].append(c.last_end)  # type: ignore[arg-type]
            pointer += 1
        if rng.random() >= _RETURN_SHARE:
            continue
        municipality = j.municipality
        if rng.random() < 0.1:
            municipality = rng.choice([c for c in MUNICIPALITY_CODES if c != j.municipality])
        r = rng.random()
        gap = rng.randint(31, 90) if r < 0.35 else rng.randint(91, 365) if r < 0.8 else rng.randint(366, 900)
        pool, pool_ends = available[municipality], ends[municipality]
        i = bisect_right(pool_ends, j.start - timedelta(days=gap)) - 1
        while i >= 0 and pool[i].successor >= 0:
            i -= 1
        if i < 0:
            continue
        previous = pool[i]
        previous.successor = j.idx
        j.predecessor = previous.idx


def _assign_clients(state: _State) -> None:
    ordered = sorted(state.journeys, key=lambda j: (j.start, j.idx))
    number = 0
    for j in ordered:
        if j.predecessor >= 0:
            j.client = state.journeys[j.predecessor].client
        else:
            number += 1
            j.client = number


# --- trajectories -----------------------------------------------------------------------


def _provider_choices(year: int) -> tuple[list[str], list[float]]:
    codes, weights = [], []
    for unit in CARE_UNITS:
        if unit.kind != ref.KIND_PROVIDER:
            continue
        if year >= 2023 and unit.code in _CONTRACT_1_ONLY:
            continue
        weight = _PROVIDER_WEIGHTS.get(unit.code)
        if weight is None:
            weight = _SUPPLIER_WEIGHT if unit.role == ref.ROLE_SUPPLIER else _DEFAULT_PROVIDER_WEIGHT
        codes.append(unit.code)
        weights.append(weight)
    return codes, weights


_PROVIDERS_BY_ERA = {era: _provider_choices(year) for era, year in (("c1", 2022), ("c2", 2023))}


def _provider(rng: random.Random, day: date, exclude: str = "") -> str:
    codes, weights = _PROVIDERS_BY_ERA["c2" if day.year >= 2023 else "c1"]
    while True:
        code = rng.choices(codes, weights=weights)[0]
        if code != exclude:
            return code


def _plan_segments(rng: random.Random, kind: str) -> list[tuple[str, str]]:
    """(quadrant, unit role) of the trajectories of a journey; "GT" = the area team."""
    if kind == "K1":
        return [("K1", "GT")]
    if kind == "K1K2":
        return [("K1", "GT"), ("K2", "GT")]
    if kind == "K2":
        r = rng.random()
        return [("K2", "GT")] * (1 if r < 0.6 else 2 if r < 0.9 else 3)
    if kind == "K2K3":
        return [("K2", "GT"), ("K3", "P")] if rng.random() < 0.85 else [("K2", "GT"), ("K3", "P"), ("K3", "P")]
    return [("K3", "P")] if rng.random() < 0.8 else [("K3", "P"), ("K3", "P")]


def _compose(j: _Journey, rng: random.Random) -> list[_Segment]:
    horizon = j.last_end if j.last_end is not None else LAST_DAY
    span = (horizon - j.start).days
    kinds = _plan_segments(rng, j.kind)
    while len(kinds) > 1 and span < 60 * len(kinds):
        kinds = kinds[1:] if kinds[0][0] == "K1" and j.kind != "K1K2" else kinds[:-1]
    moved_to = ""
    if len(kinds) > 1 and rng.random() < _MOVE_SHARE:
        moved_to = rng.choice([c for c in MUNICIPALITY_CODES if c != j.municipality])
    new_area = _pick_area(rng, moved_to) if moved_to else ""

    final_reason = j.end_reason if j.last_end is not None else ""
    segments: list[_Segment] = []
    start = j.start
    previous_unit = ""
    n = len(kinds)
    for i, (quadrant, role) in enumerate(kinds):
        municipality, area = (moved_to, new_area) if moved_to and i == n - 1 else (j.municipality, j.area)
        unit = f"GT-{area}" if role == "GT" else _provider(rng, start, exclude=previous_unit)
        referrer = j.referrer if i == 0 else ("06" if rng.random() < 0.8 else j.referrer)
        if i == n - 1:
            segments.append(_Segment(quadrant, unit, start, j.last_end, final_reason, municipality, area, referrer))
            break
        remaining = (horizon - start).days
        if quadrant == "K1":
            end = start + timedelta(days=min(rng.randint(42, 90), remaining // 2))
        else:
            end = start + timedelta(days=int(remaining * rng.uniform(0.3, 0.65) / max(1, n - 1 - i) ** 0.5))
        next_quadrant = kinds[i + 1][0]
        if next_quadrant == "K3" and quadrant == "K2":
            gap = rng.randint(-45, 21)  # referral to outsourced care: overlap or short wait
            reason = "38" if rng.random() < 0.5 else "31"
        elif quadrant == "K1":
            gap = rng.randint(-30, 14)
            reason = "31"
        elif role == "P":
            gap = rng.randint(1, 21)  # transfer to another provider
            reason = "38"
        else:
            gap = 1 if rng.random() < 0.7 else rng.randint(2, 30)  # a new care agreement
            reason = "20" if gap > 1 and rng.random() < 0.5 else ("37" if rng.random() < 0.3 else "31")
        end = min(end, horizon - timedelta(days=15))
        next_start = end + timedelta(days=gap)
        next_start = max(next_start, start + timedelta(days=1))
        next_start = min(next_start, horizon - timedelta(days=14))
        if end < start or next_start <= start:
            segments.append(_Segment(quadrant, unit, start, j.last_end, final_reason, municipality, area, referrer))
            break
        segments.append(_Segment(quadrant, unit, start, end, reason, municipality, area, referrer))
        previous_unit = unit
        start = next_start
    return segments


def generate(seed: int | None = None) -> list[TrajectoryRecord]:
    """The synthetic HLV data set 2019-2023 for ``seed`` (default :data:`DEFAULT_SEED`)."""
    rng = random.Random(DEFAULT_SEED if seed is None else seed)
    state = _State(rng)
    plan = build_plan()
    for code in MUNICIPALITY_CODES:
        _simulate(state, code, plan[code])
    _assign_end_reasons(state, rng.random())
    _link_returning(state)
    _assign_clients(state)

    rows: list[tuple[date, int, int, _Segment]] = []
    for j in sorted(state.journeys, key=lambda j: (j.client, j.start)):
        for n, segment in enumerate(_compose(j, rng)):
            rows.append((segment.start, j.client, n, segment))
    rows.sort(key=lambda row: row[:3])
    return [
        TrajectoryRecord(
            trajectory_id=f"T{i:07d}",
            client_id=f"C{client:07d}",
            municipality=s.municipality,
            care_unit=s.care_unit,
            quadrant=s.quadrant,
            start_date=s.start,
            end_date=s.end,
            area=s.area,
            end_reason=s.reason,
            referrer_type=s.referrer,
        )
        for i, (_, client, _, s) in enumerate(rows, start=1)
    ]
