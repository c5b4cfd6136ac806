"""Scenarios from the database (docs/scenarios.md): compare a scenario with the base
forecast, save scenarios, and give what a report appendix needs.

The API (for the pages and the reports):

- :func:`compare` (a :class:`ScenarioSpec` or a saved :class:`Scenario`) ->
  :class:`Comparison`: the base forecast and the scenario's, both simulated with the
  same random seed and number of paths, so their difference is the scenario's effect
  and not noise from the simulation; :meth:`Comparison.as_json` gives the document of
  ``basishulp scenario run --json``.
- :func:`save_scenario` (TOML text, user, optionally the saved scenario to replace) ->
  :class:`Scenario`; checks the file first (also against the database) and saves
  nothing when it finds a problem: :class:`ScenarioError` lists them all.
- :func:`load` (a saved scenario) -> :class:`ScenarioSpec`.
- :func:`check` (a spec) -> the problems only the database can show.
- :func:`appendix` (a scenario or spec) -> a dict for a report appendix: name,
  assumptions, the changes in words and the side-by-side table.
- :func:`describe` (a change) -> the change in words, translated.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from basishulp.finance.domain.members import check_exit_fee
from basishulp.finance.domain.money import MoneyError
from basishulp.finance.models import IndexSeries, MemberRevenue
from basishulp.trajecten.models import CareUnit

from .domain.history import month_index, month_start
from .domain.model import PATHS
from .domain.scenario import (
    DEFAULT_SOURCE,
    CapAtNorm,
    Change,
    IndexChoice,
    InflowFactor,
    InflowShock,
    LongerJourneys,
    MemberExit,
    Problem,
    ScenarioError,
    ScenarioSpec,
    ShiftK3K2,
    Tariff,
    YearEffect,
    apply_to_outlook,
    factor_percentages,
    first_forecast_month,
    parse_scenario,
)
from .models import Scenario
from .services import DEFAULT_INDEX, ForecastRun, horizon_end, run_forecast

__all__ = [
    "Comparison",
    "ScenarioError",
    "ScenarioSpec",
    "appendix",
    "check",
    "compare",
    "describe",
    "load",
    "read_file",
    "save_scenario",
]


# --- reading and checking -------------------------------------------------------------------


def read_file(path: str | Path) -> ScenarioSpec:
    """Read and parse a scenario file; the problems name ``path`` as given."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError([Problem(str(path), None, "", f"cannot read the file: {exc.strerror or exc}")]) from None
    except UnicodeDecodeError:
        raise ScenarioError([Problem(str(path), None, "", "the file is not UTF-8 text")]) from None
    return parse_scenario(text, source=str(path))


def load(scenario: Scenario) -> ScenarioSpec:
    """The saved scenario's file, parsed (it was checked when saved)."""
    return parse_scenario(scenario.toml, source=DEFAULT_SOURCE)


@dataclass
class _Resolved:
    """What the database adds to a spec: the index to use, member names, notes."""

    index_name: str = DEFAULT_INDEX
    index_values: dict[int, Decimal] | None = None  # a factor series as percentages
    members: dict[str, str] = field(default_factory=dict)  # code -> name
    notes: list[str] = field(default_factory=list)


def _money(value: Decimal) -> str:
    return number_format(value.quantize(Decimal(1)), decimal_pos=0, use_l10n=True, force_grouping=True)


def _resolve(spec: ScenarioSpec) -> tuple[_Resolved, list[Problem]]:
    resolved, problems = _Resolved(), []
    end = spec.until or horizon_end(spec.cutoff)
    first_year, last_year = month_start(first_forecast_month(spec.cutoff)).year, end.year
    after_end = f"is after the end of the forecast ({end.isoformat()}); give a year from {first_year} to {last_year}"
    for name, c in spec.numbered():
        if isinstance(c, Tariff | ShiftK3K2) and c.from_year > last_year:
            problems.append(spec.problem(f"{name}.from_year", f"{c.from_year} {after_end}"))
        elif isinstance(c, MemberExit) and c.year > last_year:
            problems.append(spec.problem(f"{name}.year", f"{c.year} {after_end}"))
        elif isinstance(c, InflowShock):
            if c.start > month_index(end):
                problems.append(
                    spec.problem(f"{name}.from", f"the shock starts after the end of the forecast ({end.isoformat()})")
                )
            elif c.start + c.months - 1 > month_index(end):
                resolved.notes.append(
                    _("the inflow shock of %(change)s runs past the end of the forecast: its last months are left out")
                    % {"change": name}
                )
    if spec.index_series is not None:
        name = next(n for n, c in spec.numbered() if isinstance(c, IndexChoice))
        series = IndexSeries.objects.filter(name=spec.index_series).first()
        if series is None:
            known = ", ".join(IndexSeries.objects.order_by("name").values_list("name", flat=True)) or "none"
            problems.append(
                spec.problem(f"{name}.series", f"there is no index series {spec.index_series!r}; known: {known}")
            )
        else:
            resolved.index_name = series.name
            if series.kind == IndexSeries.Kind.FACTOR:
                factors = {v.year: Decimal(v.value) for v in series.values.order_by("year", "definitive")}
                percentages = factor_percentages(factors)
                if not percentages:
                    problems.append(
                        spec.problem(
                            f"{name}.series",
                            f"{series.name} has too few consecutive years of factors to give yearly percentages",
                        )
                    )
                else:
                    resolved.index_values = percentages
                    resolved.notes.append(
                        _("%(name)s is a factor series: its yearly percentages are f(year) / f(year before) - 1")
                        % {"name": series.name}
                    )
    for name, c in spec.of_kind(MemberExit):
        unit = CareUnit.objects.filter(code__iexact=c.member).first()
        if unit is None:
            members = ", ".join(sorted(set(MemberRevenue.objects.values_list("care_unit__code", flat=True)))) or "none"
            problems.append(
                spec.problem(
                    f"{name}.member", f"there is no care unit with code {c.member!r}; members with a revenue: {members}"
                )
            )
            continue
        resolved.members[c.member] = unit.name
        row = MemberRevenue.objects.filter(care_unit=unit, year=c.year - 1).first()
        if row is None or row.revenue is None:
            resolved.notes.append(
                _("the revenue of %(member)s in %(year)s is not known, so the exit fee could not be checked against it")
                % {"member": unit.name, "year": c.year - 1}
            )
            continue
        try:
            check_exit_fee(c.exit_fee, Decimal(row.revenue))
        except MoneyError:
            problems.append(
                spec.problem(
                    f"{name}.exit_fee",
                    f"{c.exit_fee:.0f} euros is more than the revenue of {unit.name} in the cooperative in "
                    f"{c.year - 1} ({Decimal(row.revenue):.0f} euros); an exit fee may never exceed it",
                )
            )
    return resolved, sorted(problems, key=lambda p: p.line or 0)


def check(spec: ScenarioSpec) -> list[Problem]:
    """The problems of ``spec`` that only the database shows: an unknown index series
    or member, an exit fee above the member's revenue of the year before, a year or
    shock after the end of the forecast."""
    return _resolve(spec)[1]


# --- comparing ------------------------------------------------------------------------------------


def _plain(value: Decimal) -> str:
    """A number from the file as written (no trailing zeros)."""
    text = format(value.normalize(), "f")
    return number_format(Decimal(text), use_l10n=True, force_grouping=True)


def describe(change: Change, members: dict[str, str] | None = None) -> str:
    """The change in words (translated), for the page, the CLI and the report."""
    if isinstance(change, InflowShock):
        return _("Inflow shock: %(extra)s extra journeys a month for %(months)s months from %(month)s") % {
            "extra": _plain(change.extra_per_month),
            "months": change.months,
            "month": month_start(change.start).isoformat()[:7],
        }
    if isinstance(change, InflowFactor):
        return _("Inflow times %(factor)s in every forecast month") % {"factor": _plain(change.factor)}
    if isinstance(change, LongerJourneys):
        if change.percent < 0:
            return _("Journeys last %(percent)s%% shorter") % {"percent": _plain(-change.percent)}
        return _("Journeys last %(percent)s%% longer") % {"percent": _plain(change.percent)}
    if isinstance(change, Tariff):
        return _("Tariff or CAO increase of %(percent)s%% on the cost per client-month from %(year)s on") % {
            "percent": _plain(change.percent),
            "year": change.from_year,
        }
    if isinstance(change, IndexChoice):
        return _("Index series %(series)s instead of %(default)s") % {"series": change.series, "default": DEFAULT_INDEX}
    if isinstance(change, MemberExit):
        name = (members or {}).get(change.member, change.member)
        text = _("%(member)s leaves the cooperative in %(year)s with an exit fee of %(fee)s euros") % {
            "member": name,
            "year": change.year,
            "fee": _money(change.exit_fee),
        }
        if change.cost_percent:
            text += "; " + _("the costs change by %(percent)s%% from that year on") % {
                "percent": _plain(change.cost_percent)
            }
        return text
    if isinstance(change, ShiftK3K2):
        return _(
            "%(percent)s%% of the client-months move from outsourced care (K3) to the area teams (K2) from "
            "%(year)s on, %(difference)s euros cheaper per client-month"
        ) % {"percent": _plain(change.percent), "year": change.from_year, "difference": _plain(change.price_difference)}
    assert isinstance(change, CapAtNorm)
    return _("Clients in care above the client norm wait: the costs stay within the norm")


def _effect_notes(spec: ScenarioSpec, effects: list[YearEffect]) -> list[str]:
    notes = []
    if any(isinstance(c, Tariff | MemberExit | ShiftK3K2 | CapAtNorm) for c in spec.changes):
        notes.append(
            _(
                "tariffs, member exits, the K3 to K2 shift and the cap at the client norm are not inputs of the "
                "model: they are applied to the yearly outlook after the forecast"
            )
        )
    if any(isinstance(c, Tariff | MemberExit | ShiftK3K2) for c in spec.changes):
        notes.append(
            _(
                "a change of the cost per client-month from a year on applies to all client-months of that year, "
                "the months before the cut-off too"
            )
        )
    if spec.cap_at_norm:
        notes.append(
            _(
                "cap at the client norm: the clients in care above the norm in a forecast month wait; the flows are "
                "not changed by the waiting (waiting clients do not delay the outflow)"
            )
        )
        missing = [e.year for e in effects if e.waiting_client_months is None]
        if missing:
            notes.append(
                _("no client norm is known for %(years)s: no cap in those years")
                % {"years": ", ".join(str(y) for y in missing)}
            )
    return notes


@dataclass
class Comparison:
    """A scenario next to the base forecast."""

    spec: ScenarioSpec
    base: ForecastRun
    scenario: ForecastRun
    effects: list[YearEffect]
    members: dict[str, str] = field(default_factory=dict)

    @property
    def paths(self) -> int:
        return int(self.base.forecast.paths.shape[0])

    def changes(self) -> list[dict[str, Any]]:
        return [{"kind": c.kind, **c.fields(), "text": describe(c, self.members)} for c in self.spec.changes]

    def scenario_json(self) -> dict[str, Any]:
        """The scenario's forecast document, each year with the effects applied after
        the forecast: ``exit_fees`` (in the result) and ``waiting_client_months``."""
        document = self.scenario.as_json()
        effects = {e.year: e for e in self.effects}
        for row in document["years"]:
            effect = effects.get(row["year"])
            row["exit_fees"] = int(effect.exit_fees) if effect else 0
            waiting = effect.waiting_client_months if effect else None
            row["waiting_client_months"] = None if waiting is None else round(waiting)
        return document

    def difference(
        self, base: dict[str, Any] | None = None, scenario: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """Per year: scenario - base of the figures as shown (whole clients and euros)."""
        base_years = {y["year"]: y for y in (base or self.base.as_json())["years"]}
        out = []
        for row in (scenario or self.scenario_json())["years"]:
            other = base_years.get(row["year"])
            if other is None:
                continue
            out.append(
                {
                    "year": row["year"],
                    "costs": row["costs"] - other["costs"],
                    "result": None if row["result"] is None or other["result"] is None
                    else row["result"] - other["result"],
                    "average_clients": row["average_clients"] - other["average_clients"],
                }
            )  # fmt: skip
        return out

    def rows(self) -> list[dict[str, Any]]:
        """Side by side per year: ``{"year", "base": {...}, "scenario": {...}, "difference": {...}}``
        with average clients, costs and result (and the scenario's exit fees and waiting)."""
        base, scenario = self.base.as_json(), self.scenario_json()
        base_years = {y["year"]: y for y in base["years"]}
        keys = ("average_clients", "client_norm", "unit_cost", "costs", "lump_sum", "result")
        out = []
        for diff in self.difference(base, scenario):
            year = diff["year"]
            own = next(y for y in scenario["years"] if y["year"] == year)
            out.append(
                {
                    "year": year,
                    "base": {k: base_years[year][k] for k in keys},
                    "scenario": {
                        **{k: own[k] for k in keys},
                        "exit_fees": own["exit_fees"],
                        "waiting_client_months": own["waiting_client_months"],
                    },
                    "difference": {k: v for k, v in diff.items() if k != "year"},
                }
            )
        return out

    def as_json(self) -> dict[str, Any]:
        base, scenario = self.base.as_json(), self.scenario_json()
        return {
            "scenario": {**self.spec.as_json(), "scope": self.base.scope_label, "paths": self.paths,
                         "changes": self.changes()},
            "base": base,
            "scenario_run": scenario,
            "difference": {"years": self.difference(base, scenario)},
        }  # fmt: skip


def compare(scenario: ScenarioSpec | Scenario, paths: int = PATHS) -> Comparison:
    """The base forecast and the scenario's, with the same seed and paths.

    Raises :class:`ScenarioError` (a problem with the scenario) or
    :class:`basishulp.forecast.services.ForecastError` (no forecast possible)."""
    spec = scenario if isinstance(scenario, ScenarioSpec) else load(scenario)
    resolved, problems = _resolve(spec)
    if problems:
        raise ScenarioError(problems)
    base = run_forecast(spec.cutoff, spec.municipality, until=spec.until, paths=paths)
    raw = run_forecast(
        spec.cutoff,
        spec.municipality,
        adjustments=spec.adjustments(),
        index_name=resolved.index_name,
        index_values=resolved.index_values,
        until=spec.until,
        paths=paths,
    )
    in_care = {raw.history.first + i: n for i, n in enumerate(raw.history.in_care)}
    years = [y.year for y in raw.years]
    outlook, effects = apply_to_outlook(spec, raw.forecast, in_care, raw.cost_inputs, years)
    notes = [*raw.assumptions, *resolved.notes, *_effect_notes(spec, effects)]
    lost = [row.year for row, e in zip(outlook, effects, strict=True) if e.exit_fees and row.result is None]
    if lost:
        notes.append(
            _("no lump sum is known for %(years)s, so there is no result to add the exit fee to")
            % {"years": ", ".join(str(y) for y in lost)}
        )
    return Comparison(spec, base, replace(raw, years=outlook, assumptions=notes), effects, resolved.members)


# --- saving ------------------------------------------------------------------------------------------


def save_scenario(text: str, user: Any, scenario: Scenario | None = None) -> Scenario:
    """Check the scenario file ``text`` and save it, as a new scenario or replacing
    ``scenario``; nothing is saved when there is a problem (:class:`ScenarioError`
    lists them all). ``user`` (may be ``None``) is recorded as the creator of a new one."""
    spec = parse_scenario(text, source=DEFAULT_SOURCE)
    problems = check(spec)
    others = Scenario.objects.filter(name=spec.name)
    if scenario is not None and scenario.pk is not None:
        others = others.exclude(pk=scenario.pk)
    if others.exists():
        problems.insert(0, spec.problem("name", "there is already a saved scenario with this name; choose another"))
    if problems:
        raise ScenarioError(problems)
    target = scenario if scenario is not None else Scenario()
    if target.pk is None and getattr(user, "is_authenticated", False):
        target.created_by = user
    target.name, target.description, target.toml = spec.name, spec.description, text
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError:  # saved under the same name at the same moment
        raise ScenarioError(
            [spec.problem("name", "there is already a saved scenario with this name; choose another")]
        ) from None
    return target


# --- a report appendix ----------------------------------------------------------------------------


def measure_titles() -> dict[str, str]:
    """The headings of the yearly measures (the comparison page and the appendix)."""
    return {
        "average_clients": _("Average clients in care"),
        "client_norm": _("Client norm"),
        "unit_cost": _("Cost per client-month"),
        "costs": _("Expected costs"),
        "lump_sum": _("Lump sum"),
        "result": _("Expected result"),
        "exit_fees": _("Exit fees"),
        "waiting_client_months": _("Waiting client-months"),
    }


def appendix(
    scenario: ScenarioSpec | Scenario, comparison: Comparison | None = None, paths: int = PATHS
) -> dict[str, Any]:
    """What a report appendix shows of a scenario: its name and assumptions, the changes
    in words, per year the base, the scenario and the difference (average clients in
    care, costs, result), the notes, and the headings, all translated. Pass
    ``comparison`` when it was computed already."""
    result = comparison if comparison is not None else compare(scenario, paths=paths)
    spec = result.spec
    return {
        "name": spec.name,
        "description": spec.description,
        "scope": result.base.scope_label,
        "cutoff": spec.cutoff.isoformat(),
        "paths": result.paths,
        "changes": [describe(c, result.members) for c in spec.changes],
        "headings": {
            "year": _("Year"),
            "base": _("Base forecast"),
            "scenario": _("Scenario"),
            "difference": _("Difference"),
            **measure_titles(),
        },
        "rows": result.rows(),
        "difference": result.difference(),
        "assumptions": list(result.scenario.assumptions),
        "made_on": timezone.localdate().isoformat(),
    }
