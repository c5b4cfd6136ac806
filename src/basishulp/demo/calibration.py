"""Published HLV figures the demo data set is calibrated to, and a check against them.

Pure Python (no Django). The figures are copied from seed 001 (JENS half-year report
H1 2023, §7 "Indicatoren en verantwoording" and §8 "Prestatiegegevens"); the
reconciliation of the flow rows is in ``source-figures.md`` §13.

The reference core (:func:`basishulp.kpi.services.compute_kpis` with
``engine="reference"``) computes flows that always reconcile: ``begin + inflow -
outflow = end`` and ``begin`` of a period equals ``end`` of the previous one. Some
published rows do not, so not every published cell can be met. :data:`FLOW_TARGETS`
are the reconciled rows the generator builds; each says which published cells it
matches exactly and how the others were derived. :func:`check` measures a data set
with the reference core and compares every figure with the *published* number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from basishulp.trajecten.domain.records import TrajectoryRecord

__all__ = [
    "FLOW_TARGETS",
    "JOURNEY_TARGETS",
    "PUBLISHED_HLV",
    "PUBLISHED_MUNICIPAL_2023H1",
    "CalibrationReport",
    "Check",
    "FlowFigures",
    "FlowTarget",
    "JourneyTargets",
    "check",
]


class FlowFigures(NamedTuple):
    """One published row of the flow table ("Ontwikkeling aantal unieke cliënten")."""

    begin: int
    inflow: int
    subtotal: int
    outflow: int
    end: int
    monthly_average: int


#: Seed 001 §8, table "Aantal unieke cliënten", HLV, as printed.
PUBLISHED_HLV: dict[str, FlowFigures] = {
    "2019": FlowFigures(2306, 1530, 3849, 1614, 2235, 2271),
    "2020": FlowFigures(2235, 1617, 3852, 1665, 2187, 2211),
    "2021": FlowFigures(2181, 1801, 3991, 1432, 2559, 2467),
    "2022": FlowFigures(2565, 1314, 3879, 1379, 2482, 2572),
    "2023-H1": FlowFigures(2482, 778, 3260, 802, 2458, 2434),
}

#: Seed 001 §8, table "Aantal unieke cliënten in zorg per gemeente (jan - juni 2023)".
PUBLISHED_MUNICIPAL_2023H1: dict[str, FlowFigures] = {
    "Heerlen": FlowFigures(1699, 496, 2195, 576, 1619, 1659),
    "Landgraaf": FlowFigures(622, 242, 864, 166, 698, 660),
    "Voerendaal": FlowFigures(161, 40, 201, 60, 141, 151),
}

#: Seed 001 §8: "Maandelijks zien we een instroom van tussen de 100 en 145 unieke cliënten".
PUBLISHED_MONTHLY_INFLOW_RANGE_2023H1 = (100, 145)
#: Seed 001 §8: Landgraaf "in 2022 31 per maand" (new unique clients).
PUBLISHED_LANDGRAAF_INFLOW_PER_MONTH_2022 = 31


class FlowTarget(NamedTuple):
    """A reconciled flow row the generator builds (counts exact, average approximate)."""

    period: str
    group: str  # "total" or a municipality name
    begin: int
    inflow: int
    outflow: int
    end: int
    monthly_average: float
    exact: tuple[str, ...]  # published cells this row matches exactly
    note: str

    @property
    def subtotal(self) -> int:
        return self.begin + self.inflow


#: The reconciled rows. Counts: ``begin_t = end_{t-1}`` and ``begin + inflow -
#: outflow = end`` hold; every count is within 1% of the published cell.
FLOW_TARGETS: tuple[FlowTarget, ...] = (
    FlowTarget(
        "2019", "total", 2306, 1543, 1614, 2235, 2271,
        ("begin", "subtotal", "outflow", "end", "monthly_average"),
        "published 2306 + 1530 = 3836, not the printed subtotal 3849 (-13); subtotal 3849 and end 2235 kept "
        "(3849 is also seed 003's '2019: 3.849 cliënten'), so inflow = 3849 - 2306 = 1543 (published 1530, +0.85%)",
    ),
    FlowTarget(
        "2020", "total", 2235, 1617, 1665, 2187, 2211,
        ("begin", "inflow", "subtotal", "outflow", "end", "monthly_average"),
        "published row reconciles",
    ),
    FlowTarget(
        "2021", "total", 2187, 1804, 1432, 2559, 2467,
        ("subtotal", "outflow", "end", "monthly_average"),
        "published begin 2181 is not the 2020 end 2187 (+6) and 2181 + 1801 = 3982, not 3991 (+9); begin = 2187 "
        "and subtotal 3991 kept, so inflow = 3991 - 2187 = 1804 (published 1801, +0.17%)",
    ),
    FlowTarget(
        "2022", "total", 2559, 1308, 1385, 2482, 2572,
        ("end", "monthly_average"),
        "published begin 2565 is not the 2021 end 2559 (-6) and 3879 - 1379 = 2500, not the printed end 2482 "
        "(-18); end 2482 (= the 2023-H1 begin) kept, so inflow - outflow = -77 instead of the printed -65; the "
        "12 split evenly: inflow 1308 (published 1314, -0.46%), outflow 1385 (published 1379, +0.44%), "
        "subtotal 3867 (published 3879, -0.31%)",
    ),
    FlowTarget(
        "2023-H1", "Heerlen", 1699, 496, 576, 1619, 1659,
        ("begin", "inflow", "subtotal", "outflow", "end", "monthly_average"), "published row reconciles",
    ),
    FlowTarget(
        "2023-H1", "Landgraaf", 622, 242, 166, 698, 660,
        ("begin", "inflow", "subtotal", "outflow", "end", "monthly_average"), "published row reconciles",
    ),
    FlowTarget(
        "2023-H1", "Voerendaal", 161, 40, 60, 141, 151,
        ("begin", "inflow", "subtotal", "outflow", "end", "monthly_average"), "published row reconciles",
    ),
    FlowTarget(
        "2023-H1", "total", 2482, 778, 802, 2458, 2470,
        ("begin", "inflow", "subtotal", "outflow", "end"),
        "the published HLV average 2434 is not the sum of the municipal averages 1659 + 660 + 151 = 2470 "
        "(+36); a client has one journey in care per month, so computed municipal averages always add up to "
        "the HLV average: the municipal averages are matched and the HLV average is then ~2470",
    ),
)  # fmt: skip


class JourneyTargets(NamedTuple):
    """Journey KPIs of seed 001 §7 for journeys closed in 2023 (read as 2023-H1)."""

    duration_mean: int  # "gemiddeld 459 dagen in zorg"
    per_plan_share: float  # "Ruim 75% ... afgesloten volgens plan" (JZ588 code 31)
    moved_or_early_share: float  # "Nog eens 23% ... door verhuizing of voortijdig" (codes 34, 35)
    returning_share: float  # "Slechts 7% ... hebben eerder een zorgtraject ... doorlopen"
    area_team_share: float  # "Gebiedsteams en voorliggend veld 47%" (by spend; proxy: unique clients K2)


JOURNEY_TARGETS = JourneyTargets(459, 0.75, 0.23, 0.07, 0.47)

#: Tolerances used by :func:`check` (and by the tests).
FLOW_REL_TOL = 0.01  # published yearly cells and averages: within 1%
DURATION_REL_TOL = 0.05
SHARE_ABS_TOL = 0.03  # end-reason and area-team shares: within 3 percentage points
RETURNING_ABS_TOL = 0.015
MOVED_OR_EARLY_CODES = ("34", "35")
#: Roles whose providers may appear in the top-7 ranking (seed 001 §7 chart: the largest providers).
TOP_PROVIDER_ROLES = ("lid", "onderaannemer")


@dataclass(frozen=True)
class Check:
    """One measured figure against its published value."""

    name: str
    published: float | None
    achieved: float
    tolerance: str
    ok: bool
    note: str = ""

    @property
    def difference(self) -> float | None:
        return None if self.published is None else self.achieved - self.published

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "published": self.published,
            "achieved": self.achieved,
            "difference": self.difference,
            "tolerance": self.tolerance,
            "ok": self.ok,
            "note": self.note,
        }


@dataclass(frozen=True)
class CalibrationReport:
    as_of: date
    checks: tuple[Check, ...]
    top_providers: tuple[tuple[str, int], ...]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "ok": self.ok,
            "passed": sum(c.ok for c in self.checks),
            "failed": [c.name for c in self.failed],
            "checks": [c.to_dict() for c in self.checks],
            "top_providers": [{"care_unit": u, "clients": n} for u, n in self.top_providers],
        }

    def markdown(self) -> str:
        """The checks as a Markdown table (used in docs/demo-data.md)."""
        lines = ["| figure | published | achieved | difference | tolerance | ok |", "|---|---:|---:|---:|---|---|"]
        for c in self.checks:
            diff = "" if c.difference is None else _fmt(c.difference, signed=True)
            published = "" if c.published is None else _fmt(c.published)
            mark = "yes" if c.ok else "NO"
            lines.append(f"| {c.name} | {published} | {_fmt(c.achieved)} | {diff} | {c.tolerance} | {mark} |")
        return "\n".join(lines)


def _fmt(value: float, signed: bool = False) -> str:
    if float(value).is_integer():
        text = f"{int(value):+d}" if signed else f"{int(value)}"
    else:
        text = f"{value:+.3f}" if signed else f"{value:.3f}".rstrip("0").rstrip(".")
    return text


def _rel_ok(achieved: float, published: float, tol: float) -> bool:
    return abs(achieved - published) <= tol * abs(published)


def check(records: Sequence[TrajectoryRecord], as_of: date | None = None) -> CalibrationReport:
    """Measure ``records`` with the reference core and compare with the published figures."""
    from basishulp.kpi.domain.periods import parse_period
    from basishulp.kpi.services import compute_kpis
    from basishulp.trajecten import reference_data

    checks: list[Check] = []
    fields = ("begin", "inflow", "subtotal", "outflow", "end")
    pct = f"±{FLOW_REL_TOL:.0%}"
    effective: date | None = as_of
    for label in ("2019", "2020", "2021", "2022"):
        kpis = compute_kpis(records, parse_period(label), as_of=as_of, dimension="total", engine="reference")
        effective = kpis.as_of
        row = kpis.flows[0]
        target = next(t for t in FLOW_TARGETS if t.period == label and t.group == "total")
        published = PUBLISHED_HLV[label]
        for name in fields:
            achieved = getattr(row, name)
            wanted = getattr(target, name)
            exact = name in target.exact
            ok = achieved == wanted and _rel_ok(achieved, getattr(published, name), FLOW_REL_TOL)
            tolerance = "exact" if exact else f"{pct} (reconciled: {wanted})"
            checks.append(Check(f"{label} HLV {name}", getattr(published, name), achieved, tolerance, ok))
        avg = float(row.monthly_average)
        checks.append(
            Check(
                f"{label} HLV monthly average",
                published.monthly_average,
                avg,
                pct,
                _rel_ok(avg, published.monthly_average, FLOW_REL_TOL),
            )
        )

    period = parse_period("2023-H1")
    kpis = compute_kpis(records, period, as_of=as_of, dimension="municipality", engine="reference")
    effective = kpis.as_of
    rows = {r.group: r for r in kpis.flows}
    for group, published in (("total", PUBLISHED_HLV["2023-H1"]), *PUBLISHED_MUNICIPAL_2023H1.items()):
        row = rows[group]
        name_group = "HLV" if group == "total" else group
        for name in fields:
            achieved = getattr(row, name)
            ok = achieved == getattr(published, name)
            checks.append(Check(f"2023-H1 {name_group} {name}", getattr(published, name), achieved, "exact", ok))
        avg = float(row.monthly_average)
        if group == "total":
            municipal_sum = sum(p.monthly_average for p in PUBLISHED_MUNICIPAL_2023H1.values())
            checks.append(
                Check(
                    "2023-H1 HLV monthly average",
                    published.monthly_average,
                    avg,
                    f"{pct} of {municipal_sum} (sum of municipalities)",
                    _rel_ok(avg, municipal_sum, FLOW_REL_TOL),
                    "published 2434 is not the sum of the municipal averages (2470); not reconcilable",
                )
            )
        else:
            checks.append(
                Check(
                    f"2023-H1 {name_group} monthly average",
                    published.monthly_average,
                    avg,
                    pct,
                    _rel_ok(avg, published.monthly_average, FLOW_REL_TOL),
                )
            )
    monthly_inflow = [m.inflow for m in rows["total"].months]
    low, high = PUBLISHED_MONTHLY_INFLOW_RANGE_2023H1
    checks.append(
        Check("2023-H1 HLV lowest monthly inflow", low, min(monthly_inflow), f">= {low}", min(monthly_inflow) >= low)
    )
    checks.append(
        Check(
            "2023-H1 HLV highest monthly inflow", high, max(monthly_inflow), f"<= {high}", max(monthly_inflow) <= high
        )
    )

    journey = kpis.journeys[0]
    t = JOURNEY_TARGETS
    mean = float(journey.duration_mean or 0)
    checks.append(
        Check(
            "2023-H1 mean journey duration (days)",
            t.duration_mean,
            mean,
            f"±{DURATION_REL_TOL:.0%}",
            _rel_ok(mean, t.duration_mean, DURATION_REL_TOL),
        )
    )
    per_plan = float(journey.end_reasons.get("31", Decimal(0)))
    checks.append(
        Check(
            "2023-H1 share ended per plan (31)",
            t.per_plan_share,
            per_plan,
            f">= {t.per_plan_share} and <= {t.per_plan_share + SHARE_ABS_TOL:.2f}",
            t.per_plan_share <= per_plan <= t.per_plan_share + SHARE_ABS_TOL,
            "'ruim 75%'",
        )
    )
    moved = float(sum((journey.end_reasons.get(code, Decimal(0)) for code in MOVED_OR_EARLY_CODES), Decimal(0)))
    checks.append(
        Check(
            "2023-H1 share moved or ended early (34, 35)",
            t.moved_or_early_share,
            round(moved, 3),
            f"±{SHARE_ABS_TOL:.2f}",
            abs(moved - t.moved_or_early_share) <= SHARE_ABS_TOL,
        )
    )
    returning = float(journey.returning_share or 0)
    checks.append(
        Check(
            "2023-H1 returning share",
            t.returning_share,
            returning,
            f"±{RETURNING_ABS_TOL}",
            abs(returning - t.returning_share) <= RETURNING_ABS_TOL,
        )
    )
    care = kpis.care[0]
    k2 = float(care.share("K2") or 0)
    checks.append(
        Check(
            "2023-H1 area-team share (unique clients K2 / K2+K3)",
            t.area_team_share,
            k2,
            f"±{SHARE_ABS_TOL:.2f}",
            abs(k2 - t.area_team_share) <= SHARE_ABS_TOL,
            "published 47% is by spend; unique clients used as a proxy",
        )
    )
    allowed = {r.care_unit for r in reference_data.PROVIDER_ROLES if r.role in TOP_PROVIDER_ROLES}
    top = tuple(care.top_providers)
    in_roles = sum(1 for unit, _ in top if unit in allowed)
    checks.append(
        Check(
            "2023-H1 top-7 providers that are members or subcontractors",
            None,
            in_roles,
            f"= {len(top)}",
            in_roles == len(top) == 7,
        )
    )
    assert effective is not None
    return CalibrationReport(effective, tuple(checks), top)
