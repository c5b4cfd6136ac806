"""View models of the scenario pages (issue #7, docs/scenarios.md).

**The list** (:func:`saved_scenarios`): every saved scenario with its assumptions, its
changes in words (:func:`~basishulp.forecast.scenarios.describe`), who saved it and
when. A saved file that can no longer be read (the rules changed since) is listed with
its problems. :func:`example_toml` is the commented example the form starts with: an
inflow shock like the one after the 2020 lockdowns, from the latest month end of the
data.

**The comparison** (:func:`build_comparison_page`): the base forecast and the scenario
of :func:`~basishulp.forecast.scenarios.compare` with :data:`SCENARIO_PATHS` simulated
futures, the same seed for both. Shown: the changes in words; a fan chart with the
last :data:`HISTORY_MONTHS` realised months and, after the cut-off, the median and the
80% band of the base and of the scenario; per measure a table of the years with base,
scenario and difference (average clients in care, client norm, cost per client-month,
costs, lump sum, result; the exit fees and the waiting client-months when the scenario
has them); the notes. Computing it takes about 2 s with 1000 paths, so the page is
cached (Django's cache) under a key of the scenario (id and last change), the data
(latest import batch and number of trajectories), the finance figures (the latest
recorded change), the number of paths and the language (the notes are translated when
computed). Errors are not cached.

The scenario pages are for controllers and administrators only (the access table):
scenarios are JENS's own steering work, so the figures here are not rounded for
municipalities as on the forecast page.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Max
from django.utils import translation
from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _

from basishulp.trajecten.domain.reference import municipality_name

from . import charts
from .domain.history import month_end, month_start
from .domain.scenario import CapAtNorm, MemberExit, ScenarioError, ScenarioSpec, first_forecast_month
from .models import Scenario
from .pages import _month_name, _number, _year_labels, latest_cutoff
from .pages import _whole as pages_whole
from .scenarios import Comparison, compare, describe, load, measure_titles

__all__ = [
    "HISTORY_MONTHS",
    "SCENARIO_PATHS",
    "ComparisonPage",
    "SavedScenario",
    "build_comparison_page",
    "example_toml",
    "member_names",
    "saved_scenarios",
]

#: Simulated futures behind the comparison (as ``basishulp scenario run``).
SCENARIO_PATHS = 1000
#: Realised months shown before the cut-off in the comparison chart.
HISTORY_MONTHS = 12
#: The first month of the inflow shock in the example, after the first forecast month.
EXAMPLE_SHOCK_AFTER = 2
#: When there are no data, the example uses the cut-off of the docs' example.
EXAMPLE_CUTOFF = dt.date(2023, 6, 30)


# --------------------------------------------------------------------------- the list


@dataclass(frozen=True)
class SavedScenario:
    pk: int
    name: str
    description: str
    scope: str
    cutoff: dt.date | None
    changes: list[str]
    problems: list[str]  # the saved file cannot be read any more
    created_by: str
    created_at: dt.datetime
    updated_at: dt.datetime

    @property
    def changed_later(self) -> bool:
        return (self.updated_at - self.created_at) > dt.timedelta(seconds=1)


def member_names(spec: ScenarioSpec) -> dict[str, str]:
    """The names of the care units that leave in ``spec`` (code as written -> name)."""
    from basishulp.trajecten.models import CareUnit

    names = {}
    for _name, change in spec.of_kind(MemberExit):
        unit = CareUnit.objects.filter(code__iexact=change.member).first()
        if unit is not None:
            names[change.member] = unit.name
    return names


def _scope(spec: ScenarioSpec) -> str:
    return "HLV" if spec.municipality is None else municipality_name(spec.municipality)


def _user_name(user: Any) -> str:
    if user is None:
        return "–"
    return str(user.get_full_name() or user.get_username())


def saved_scenarios() -> list[SavedScenario]:
    """Every saved scenario, by name."""
    out = []
    for scenario in Scenario.objects.select_related("created_by"):
        changes: list[str] = []
        problems: list[str] = []
        scope, cutoff = "", None
        try:
            spec = load(scenario)
        except ScenarioError as exc:
            problems = exc.errors
        else:
            members = member_names(spec)
            changes = [describe(c, members) for c in spec.changes]
            scope, cutoff = _scope(spec), spec.cutoff
        out.append(
            SavedScenario(
                scenario.pk,
                scenario.name,
                scenario.description,
                scope,
                cutoff,
                changes,
                problems,
                _user_name(scenario.created_by),
                scenario.created_at,
                scenario.updated_at,
            )
        )
    return out


def _latest_data_date() -> dt.date | None:
    from basishulp.trajecten.models import Trajectory

    dates = Trajectory.objects.filter(withdrawn_at__isnull=True).aggregate(start=Max("start_date"), end=Max("end_date"))
    known = [d for d in (dates["start"], dates["end"]) if d is not None]
    return max(known) if known else None


def _toml_text(value: str) -> str:
    """A TOML basic string."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def example_toml() -> str:
    """The commented example the add form starts with: an inflow shock of 55 journeys a
    month for four months, as after the 2020 lockdowns, from the latest month end of the
    data (the comments, the name and the assumptions in the user's language)."""
    latest = _latest_data_date()
    cutoff = latest_cutoff(latest) if latest is not None else EXAMPLE_CUTOFF
    start = month_start(first_forecast_month(cutoff) + EXAMPLE_SHOCK_AFTER)
    description = _(
        "After the 2020 lockdowns about 55 extra journeys a month opened for four months. This scenario "
        "assumes that the same happens again from %(month)s."
    ) % {"month": _month_name(first_forecast_month(cutoff) + EXAMPLE_SHOCK_AFTER)}
    name = _("Inflow shock as after the 2020 lockdowns")
    wrapped = "\n".join(textwrap.wrap(description, 88)).replace("\\", "\\\\").replace('"', '\\"')

    def commented(code: str, comment: str) -> str:
        return f"{code:<30} # {comment}"

    lines = [
        "# " + _("An example: change it, or replace it with your own scenario."),
        "# " + _("Every field and every kind of change is listed below the form."),
        f"name = {_toml_text(name)}",
        f'description = """\n{wrapped}\n"""',
        commented(f"cutoff = {cutoff.isoformat()}", _("the data known on this date")),
        commented('municipality = "HLV"', _("HLV, Heerlen, Landgraaf or Voerendaal")),
        "",
        "[[changes]]",
        'kind = "inflow_shock"',
        commented("extra_per_month = 55", _("extra journeys opening each month")),
        commented(f'from = "{start.isoformat()[:7]}"', _("the first month (YYYY-MM)")),
        commented("months = 4", _("how many months (1 to 60)")),
    ]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- the comparison


@dataclass(frozen=True)
class YearFigures:
    """One year of one measure: base, scenario and scenario - base."""

    year: int
    realised_months: int
    base: int | None
    scenario: int | None
    difference: int | None
    base_80: tuple[int | None, int | None] | None = None
    scenario_80: tuple[int | None, int | None] | None = None
    base_assumed: bool = False
    scenario_assumed: bool = False


@dataclass(frozen=True)
class Measure:
    key: str
    title: str
    rows: list[YearFigures]
    scenario_only: bool = False  # exit fees, waiting: no base, no difference

    @property
    def has_bands(self) -> bool:
        return any(r.base_80 or r.scenario_80 for r in self.rows)


@dataclass(frozen=True)
class MonthFigures:
    month: int
    label: str
    realised: int | None
    base: int | None
    base_80: tuple[int, int] | None
    scenario: int | None
    scenario_80: tuple[int, int] | None

    @property
    def difference(self) -> int | None:
        return None if self.base is None or self.scenario is None else self.scenario - self.base


@dataclass(frozen=True)
class Summary:
    """Three figures at the top: the largest difference in clients in care (the medians of
    a month) and the differences in costs and in the result over the forecast years."""

    first_year: int
    last_year: int
    peak: int
    peak_month: str
    costs: int
    result: int | None


@dataclass
class ComparisonPage:
    scenario_id: int
    name: str
    description: str
    changes: list[str] = field(default_factory=list)
    scope: str = ""
    cutoff: dt.date | None = None
    horizon_end: dt.date | None = None
    paths: int = 0
    error: str = ""
    problems: list[str] = field(default_factory=list)
    chart_svg: str = ""
    months: list[MonthFigures] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    summary: Summary | None = None
    notes: list[str] = field(default_factory=list)
    base_index: str = ""
    scenario_index: str = ""
    cap_at_norm: bool = False
    any_assumed: bool = False

    @property
    def has_comparison(self) -> bool:
        return bool(self.measures)


def _cache_key(scenario: Scenario, paths: int) -> str:
    from basishulp.finance.models import FigureChange
    from basishulp.trajecten.selectors import latest_import, trajectory_count

    batch = latest_import()
    data = "none" if batch is None else f"{batch.pk}:{batch.started_at.isoformat() if batch.started_at else ''}"
    figures = FigureChange.objects.aggregate(last=Max("pk"))["last"] or 0
    changed = scenario.updated_at.isoformat() if scenario.updated_at else ""
    language = translation.get_language() or ""
    return f"forecast:scenario:v1:{scenario.pk}:{changed}:{data}:{trajectory_count()}:{figures}:{paths}:{language}"


def build_comparison_page(scenario: Scenario, paths: int | None = None) -> ComparisonPage:
    """The comparison of the saved ``scenario`` with the base forecast (cached per change
    of the scenario, the data or the finance figures)."""
    paths = paths or SCENARIO_PATHS
    key = _cache_key(scenario, paths)
    cached = cache.get(key)
    if isinstance(cached, ComparisonPage):
        return cached
    page = _compute(scenario, paths)
    if not page.error and not page.problems:
        cache.set(key, page, timeout=None)
    return page


def _compute(scenario: Scenario, paths: int) -> ComparisonPage:
    from .services import ForecastError

    page = ComparisonPage(scenario.pk, scenario.name, scenario.description)
    try:
        spec = load(scenario)
    except ScenarioError as exc:
        page.error = _("The saved scenario file cannot be read any more; edit it:")
        page.problems = exc.errors
        return page
    members = member_names(spec)
    page.changes = [describe(c, members) for c in spec.changes]
    page.scope, page.cutoff = _scope(spec), spec.cutoff
    page.cap_at_norm = any(isinstance(c, CapAtNorm) for c in spec.changes)
    try:
        result = compare(spec, paths=paths)
    except ScenarioError as exc:
        page.error = _("The scenario cannot be computed with the data and figures of today; edit it:")
        page.problems = exc.errors
        return page
    except ForecastError as exc:
        page.error = _("The forecast cannot be made for this scenario: %(reason)s.") % {
            "reason": _(str(exc)).rstrip(".")
        }
        return page
    _fill(page, result)
    return page


def _minus(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a - b


def _band(value: list[int | None] | None) -> tuple[int | None, int | None] | None:
    return None if value is None else (value[0], value[1])


#: The measures of the year tables: key in the yearly documents, whether it has an 80% band
#: (those are shown full width, after the others).
_MEASURES = (
    ("average_clients", False),
    ("client_norm", False),
    ("unit_cost", False),
    ("lump_sum", False),
    ("costs", True),
    ("result", True),
)


def _fill(page: ComparisonPage, result: Comparison) -> None:
    base_doc, scenario_doc = result.base.as_json(), result.scenario_json()
    base_years = {y["year"]: y for y in base_doc["years"]}
    scenario_years = {y["year"]: y for y in scenario_doc["years"]}
    differences = {d["year"]: d for d in result.difference(base_doc, scenario_doc)}
    years = [y for y in scenario_years if y in base_years]
    page.paths = result.paths
    page.horizon_end = month_end(result.base.forecast.months[-1].month)
    page.base_index, page.scenario_index = result.base.index_name, result.scenario.index_name
    titles = measure_titles()
    for key, banded in _MEASURES:
        rows = []
        for year in years:
            b, s = base_years[year], scenario_years[year]
            difference = differences[year][key] if key in differences[year] else _minus(s[key], b[key])
            rows.append(
                YearFigures(
                    year,
                    b["realised_months"],
                    b[key],
                    s[key],
                    difference,
                    _band(b.get(f"{key}_80")) if banded else None,
                    _band(s.get(f"{key}_80")) if banded else None,
                    key == "lump_sum" and bool(b["lump_sum_assumed"]),
                    key == "lump_sum" and bool(s["lump_sum_assumed"]),
                )
            )
        page.measures.append(Measure(key, titles[key], rows))
    page.any_assumed = any(r.base_assumed or r.scenario_assumed for m in page.measures for r in m.rows)
    extra = []
    if any(isinstance(c, MemberExit) for c in result.spec.changes):
        extra.append("exit_fees")
    if page.cap_at_norm:
        extra.append("waiting_client_months")
    for key in extra:
        rows = [
            YearFigures(year, base_years[year]["realised_months"], None, scenario_years[year][key], None)
            for year in years
        ]
        page.measures.append(Measure(key, titles[key], rows, scenario_only=True))
    page.notes = list(result.scenario.assumptions)
    _months(page, result)
    if years:
        costs = sum(differences[y]["costs"] for y in years)
        results = [differences[y]["result"] for y in years]
        forecast = [m for m in page.months if m.difference is not None]
        peak = max(forecast, key=lambda m: (abs(m.difference or 0), -m.month)) if forecast else None
        page.summary = Summary(
            years[0],
            years[-1],
            (peak.difference or 0) if peak else 0,
            peak.label if peak else "",
            costs,
            None if any(r is None for r in results) else sum(r for r in results if r is not None),
        )
    page.chart_svg = _chart(page, result)


def _whole(value: float) -> int:
    """Half up, as on the forecast page."""
    return pages_whole(value) or 0


def _months(page: ComparisonPage, result: Comparison) -> None:
    history = result.base.history
    for m in range(max(history.first, history.last - HISTORY_MONTHS + 1), history.last + 1):
        page.months.append(MonthFigures(m, _month_name(m), history.in_care[m - history.first], None, None, None, None))
    for b, s in zip(result.base.forecast.months, result.scenario.forecast.months, strict=True):
        page.months.append(
            MonthFigures(
                b.month,
                _month_name(b.month),
                None,
                _whole(b.in_care),
                (_whole(b.in_care_80[0]), _whole(b.in_care_80[1])),
                _whole(s.in_care),
                (_whole(s.in_care_80[0]), _whole(s.in_care_80[1])),
            )
        )


def _chart(page: ComparisonPage, result: Comparison) -> str:
    rows = page.months
    first = next(i for i, r in enumerate(rows) if r.base is not None)
    joint = rows[first - 1].realised if first > 0 else None  # the lines and bands open at the last realised month
    realised = [None if r.realised is None else float(r.realised) for r in rows]

    def series(values: list[float | None]) -> list[float | None]:
        if joint is not None:
            values[first - 1] = float(joint)
        return values

    def titles(kind: str) -> list[str]:
        out = []
        for r in rows:
            median, band = (r.base, r.base_80) if kind == "base" else (r.scenario, r.scenario_80)
            if median is None or band is None:
                out.append("")
                continue
            values = {"month": r.label, "median": _number(median), "low": _number(band[0]), "high": _number(band[1])}
            if kind == "base":
                out.append(_("%(month)s: base forecast %(median)s (80%%: %(low)s–%(high)s)") % values)
            else:
                difference = r.difference or 0
                values["difference"] = ("+" if difference > 0 else "") + _number(difference)
                out.append(
                    _("%(month)s: scenario %(median)s (80%%: %(low)s–%(high)s), %(difference)s against the base")
                    % values
                )
        return out

    base_norms = {y.year: y.client_norm for y in result.base.years}
    scenario_norms = {y.year: y.client_norm for y in result.scenario.years}

    def norm(values: dict[int, Any]) -> list[float | None]:
        return [None if values.get(r.month // 12) is None else float(values[r.month // 12]) for r in rows]

    color = charts.COLORS["scenario"]
    # the scenario's band as its two bounds, dashed, over the base's shaded band (two shaded
    # bands would overlap almost everywhere and mix their colours); drawn under the medians
    lows = series([None if r.scenario_80 is None else float(r.scenario_80[0]) for r in rows])
    highs = series([None if r.scenario_80 is None else float(r.scenario_80[1]) for r in rows])
    lines = []
    if any(v is not None for v in realised):
        lines.append(charts.Line("history", _("realised"), realised))
    lines += [
        charts.Line(
            "scenario-high80", _("80% band, scenario"), highs, color=color, dashed=True, points=False, width=1.5
        ),
        charts.Line("scenario-low80", "", lows, color=color, dashed=True, points=False, legend=False, width=1.5),
        charts.Line("norm", _("client norm"), norm(base_norms), step=True, points=False),
    ]
    if any(base_norms.get(y) != scenario_norms.get(y) for y in scenario_norms):
        lines.append(
            charts.Line(
                "norm-scenario", _("client norm (scenario)"), norm(scenario_norms), color=color, step=True, points=False
            )
        )
    lines += [
        charts.Line(
            "median", _("base forecast (median)"), series([_float(r.base) for r in rows]), titles=titles("base")
        ),
        charts.Line(
            "scenario", _("scenario (median)"), series([_float(r.scenario) for r in rows]), color=color,
            titles=titles("scenario"),
        ),
    ]  # fmt: skip
    bands = [
        charts.Band(
            "band80",
            _("80% band, base forecast"),
            series([None if r.base_80 is None else float(r.base_80[0]) for r in rows]),
            series([None if r.base_80 is None else float(r.base_80[1]) for r in rows]),
            color=charts.COLORS["band95"],  # the light blue: the lines over it stay clear
        )
    ]
    return charts.fan_chart_svg(
        chart_id="chart-scenario",
        title=_("Clients in care: the base forecast and the scenario “%(name)s”, %(scope)s")
        % {"name": page.name, "scope": page.scope},
        desc=_(
            "Clients in care per month: the last realised months, then from the cut-off date the median of the "
            "simulated futures of the base forecast (blue; the shaded area is its 80% band) and of the scenario "
            "(orange; its 80% band lies between the dashed orange lines). Both are simulated with the same random "
            "numbers. The dashed red line is the client norm of each year."
        ),
        x_labels=[MONTHS_3[r.month % 12 + 1] if r.month % 6 == 0 else "" for r in rows],
        x_sublabels=_year_labels([r.month for r in rows]),
        x_titles=[r.label for r in rows],
        x_axis_label=_("month"),
        y_label=_("clients in care"),
        lines=lines,
        bands=bands,
        marker=charts.Marker(first, _("cut-off date")),
        fmt=lambda v: _number(v),
        label_every=1,
    )


def _float(value: int | None) -> float | None:
    return None if value is None else float(value)
