"""View models of the forecast pages (issue #7): the forecast of one scope and cut-off,
and the backtest of the model on the data in the database.

**Forecast page.** The scope is HLV or a municipality the user may see (another one:
:class:`ScopeForbidden`, a 403); the cut-off a month end, by default the latest month end
of the data. A date that cannot be used gives a message and the latest month end; a
date that is not a month end is moved back to the month end before it (the forecast
uses whole months). Shown: the fan chart of clients in care (the last
:data:`HISTORY_MONTHS` realised months, the median and the 80% and 95% bands, the client
norm per year), the year table of :func:`run_forecast`, the model in words and the
assumptions.

**Municipality users** (``protected``): the cut-off is fixed to the latest month end (no
choice, so two forecasts cannot be set side by side to learn what one month added); the
realised months are not shown; every client number (forecast medians and bands, average
clients, client norm, the inflow level) is shown like a published count: rounded to a
multiple of 5, below 8 as ``<8`` (:func:`estimate`); they are model outputs, not counts,
but keep to the look of the disclosure rule (docs/privacy.md). The unit cost is not shown
and costs and results are rounded to € 100.000 (:func:`coarse`): costs are client-months
× the unit cost, and the unit cost is the published realisation over the exact
client-months, so exact figures would give the realised count back. Lump sums (public)
are shown as is. The assumption that names the realisation's client-months is replaced
by one without figures.

**Backtest page.** :func:`basishulp.forecast.domain.backtest.backtest` at the month ends
from 36 to 12 months before the last month of the data, 12 months ahead, with
:data:`BACKTEST_PATHS` simulated futures; computed once per data change (Django's cache,
keyed on the latest import batch and the number of trajectories).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.utils import formats
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from basishulp.dashboard.selectors import Choice, ScopeForbidden, _scopes, resolve_scope, visible_codes
from basishulp.kpi.domain.disclosure import SUPPRESSED_BELOW, Cell
from basishulp.kpi.domain.journeys import latest_date

from . import charts
from .domain.backtest import BacktestResult, backtest, month_end_cutoffs
from .domain.history import last_full_month, month_end, month_index, month_start

__all__ = [
    "BACKTEST_HORIZON",
    "BACKTEST_PATHS",
    "FORECAST_PATHS",
    "HISTORY_MONTHS",
    "BacktestPage",
    "ForecastPage",
    "ScopeForbidden",
    "backtest_cutoffs",
    "build_backtest_page",
    "build_forecast_page",
    "estimate",
    "page_for_run",
]

HLV = "HLV"
#: Simulated futures behind the forecast page (the CLI's default).
FORECAST_PATHS = 1000
#: Realised months shown before the cut-off.
HISTORY_MONTHS = 24
BACKTEST_HORIZON = 12
BACKTEST_PATHS = 300
#: The backtest's cut-offs: the month ends from FIRST to LAST months before the data's last month.
BACKTEST_FIRST, BACKTEST_LAST = 36, 12
#: Cut-offs drawn in the backtest chart (at most).
BACKTEST_CHART_CUTOFFS = 5

# Messages of the forecast core that reach the page (they are raised untranslated).
_CORE_MESSAGES = (
    gettext_noop("a forecast needs at least 12 months of history"),
    gettext_noop("no journeys before the cut-off date"),
)


def estimate(value: float | Decimal | None) -> Cell | None:
    """A model output shown to a municipality like a published count: a multiple of 5
    of at least 10, or ``<8`` below 8."""
    if value is None:
        return None
    x = float(value)
    if x < SUPPRESSED_BELOW:
        return Cell(None)
    return Cell(max(10, int(Decimal(x / 5).quantize(Decimal(1), rounding="ROUND_HALF_UP")) * 5))


Shown = Cell | int | None

#: Money shown to municipalities is rounded to this: costs are client-months × the unit
#: cost, so whole euros (and the unit cost) would give the realised client-months back.
COARSE_EURO = Decimal(100_000)


def coarse(value: Decimal) -> Decimal:
    """An amount rounded to :data:`COARSE_EURO` (half away from zero)."""
    return (value / COARSE_EURO).quantize(Decimal(1), rounding="ROUND_HALF_UP") * COARSE_EURO


def _whole(value: float | Decimal | None) -> int | None:
    return None if value is None else int(Decimal(str(value)).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def _number(value: float | int) -> str:
    return formats.number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


def _month_name(index: int) -> str:
    return f"{MONTHS[index % 12 + 1]} {index // 12}"


# ------------------------------------------------------------------- forecast


@dataclass(frozen=True)
class MonthRow:
    month: int  # month index
    label: str
    realised: int | None  # clients in care (realised months; never for municipalities)
    median: Shown
    band_80: tuple[Shown, Shown] | None
    band_95: tuple[Shown, Shown] | None
    norm: Shown
    inflow: float | None  # realised, or expected (mean of the paths); not shown to municipalities
    outflow: float | None


@dataclass(frozen=True)
class YearRow:
    year: int
    realised_months: int
    average_clients: Shown
    client_norm: Shown
    unit_cost: Decimal | None  # not shown to municipalities
    costs: Decimal
    costs_80: tuple[Decimal, Decimal]
    lump_sum: Decimal | None
    lump_sum_assumed: bool
    result: Decimal | None
    result_80: tuple[Decimal, Decimal] | None


@dataclass(frozen=True)
class ModelInWords:
    level: Shown | float  # journeys opened per month (mean of the last 24 months)
    trend_percent: float  # per month
    season_low: tuple[str, float]  # (month name, factor in percent of the mean)
    season_high: tuple[str, float]
    mean_duration: float  # months
    paths: int


@dataclass
class ForecastPage:
    protected: bool
    scope: str = HLV
    scope_label: str = ""
    scopes: list[Choice] = field(default_factory=list)
    empty: bool = False
    messages: list[str] = field(default_factory=list)
    error: str = ""
    cutoff: dt.date | None = None
    latest_cutoff: dt.date | None = None
    first_date: dt.date | None = None
    horizon_end: dt.date | None = None
    chart_svg: str = ""
    months: list[MonthRow] = field(default_factory=list)
    years: list[YearRow] = field(default_factory=list)
    model: ModelInWords | None = None
    assumptions: list[str] = field(default_factory=list)
    index_name: str = ""

    @property
    def has_forecast(self) -> bool:
        return bool(self.months)

    @property
    def any_assumed(self) -> bool:
        return any(y.lump_sum_assumed for y in self.years)


def latest_cutoff(latest: dt.date) -> dt.date:
    """The latest month end on or before ``latest`` (the default cut-off)."""
    return month_end(last_full_month(latest))


def resolve_cutoff(raw: str, first: dt.date, latest: dt.date, fixed: bool) -> tuple[dt.date, list[str]]:
    """The cut-off to use for the GET value ``raw``, and messages for the user."""
    default = latest_cutoff(latest)
    wanted = (raw or "").strip()
    if not wanted:
        return default, []
    instead = _("Showing the forecast from %(date)s instead.") % {"date": _date(default)}
    if fixed:
        if wanted == default.isoformat():
            return default, []
        return default, [
            _("Municipalities see the forecast from the latest month end of the data only (%(date)s).")
            % {"date": _date(default)}
        ]
    try:
        day = dt.date.fromisoformat(wanted)
    except ValueError:
        return default, [
            _("“%(value)s” is not a date: give the cut-off date as YYYY-MM-DD, for example %(example)s.")
            % {"value": wanted[:40], "example": default.isoformat()},
            instead,
        ]
    if day > default:
        return default, [
            _("The data run to %(latest)s: the last cut-off date with a whole month of data is %(date)s.")
            % {"latest": _date(latest), "date": _date(default)}
        ]
    if day < first:
        return default, [
            _("The data begin on %(first)s: a cut-off date before that has nothing to forecast from.")
            % {"first": _date(first)},
            instead,
        ]
    end = month_end(last_full_month(day))
    if end != day:
        return end, [
            _("%(date)s is not the last day of a month: the forecast uses the whole months up to %(end)s.")
            % {"date": _date(day), "end": _date(end)}
        ]
    return day, []


def _date(day: dt.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def build_forecast_page(user: Any, params: Mapping[str, str], paths: int | None = None) -> ForecastPage:
    """The forecast page for ``user`` and the GET ``params`` (``scope``, ``cutoff``)."""
    from basishulp.accounts.models import Role
    from basishulp.accounts.selectors import role_of
    from basishulp.trajecten.selectors import trajectory_records

    from .services import ForecastError, run_forecast

    visible = visible_codes(user)
    if visible is not None and not visible:
        raise ScopeForbidden("no municipality")
    protected = role_of(user) == Role.MUNICIPALITY
    records = trajectory_records()
    scopes = _scopes(visible, {r.municipality for r in records})
    scope, messages = resolve_scope(params.get("scope", ""), visible, scopes)
    page = ForecastPage(protected=protected, scope=scope, scopes=scopes, messages=messages)
    page.scope_label = next((c.label for c in scopes if c.value == scope), scope)
    latest = latest_date(records)
    if not records or latest is None:
        page.empty = True
        return page
    page.first_date = min(r.start_date for r in records)
    page.latest_cutoff = latest_cutoff(latest)
    page.cutoff, cutoff_messages = resolve_cutoff(params.get("cutoff", ""), page.first_date, latest, protected)
    page.messages += cutoff_messages
    try:
        run = run_forecast(page.cutoff, None if scope == HLV else scope, paths=paths or FORECAST_PATHS)
    except ForecastError as exc:
        page.error = _("The forecast cannot be made for this scope and cut-off date: %(reason)s.") % {
            "reason": _(str(exc)).rstrip(".")
        }
        return page
    _fill(page, run)
    return page


def page_for_run(run: Any, protected: bool) -> ForecastPage:
    """The page's view model (tables, chart, notes) of a finished forecast run, for a
    report: ``protected`` as the municipality page shows it."""
    page = ForecastPage(protected=protected, scope=run.scope, scope_label=run.scope_label)
    page.cutoff = run.cutoff
    _fill(page, run)
    return page


def _fill(page: ForecastPage, run: Any) -> None:
    protected = page.protected
    page.horizon_end = month_end(run.forecast.months[-1].month)
    page.index_name = run.index_name
    norms = {y.year: y.client_norm for y in run.years}

    def clients(value: float | Decimal | None) -> Shown:
        return estimate(value) if protected else _whole(value)

    history = run.history
    start = max(history.first, history.last - HISTORY_MONTHS + 1)
    for m in [] if protected else range(start, history.last + 1):
        page.months.append(
            MonthRow(
                m, _month_name(m), history.in_care[m - history.first], None, None, None,
                clients(norms.get(m // 12)), history.inflow[m - history.first], None,
            )
        )  # fmt: skip
    for f in run.forecast.months:
        page.months.append(
            MonthRow(
                f.month,
                _month_name(f.month),
                None,
                clients(f.in_care),
                (clients(f.in_care_80[0]), clients(f.in_care_80[1])),
                (clients(f.in_care_95[0]), clients(f.in_care_95[1])),
                clients(norms.get(f.month // 12)),
                None if protected else f.inflow,
                None if protected else f.outflow,
            )
        )
    for y in run.years:
        page.years.append(
            YearRow(
                y.year,
                y.realised_months,
                clients(y.average_clients),
                clients(y.client_norm),
                None if protected else y.unit_cost,
                coarse(y.costs) if protected else y.costs,
                (coarse(y.costs_80[0]), coarse(y.costs_80[1])) if protected else y.costs_80,
                y.lump_sum,
                y.lump_sum_assumed,
                coarse(y.result) if protected and y.result is not None else y.result,
                (coarse(y.result_80[0]), coarse(y.result_80[1])) if protected and y.result_80 else y.result_80,
            )
        )
    fit = run.fit
    season = list(fit.season)
    low, high = season.index(min(season)), season.index(max(season))
    page.model = ModelInWords(
        level=clients(fit.level) if protected else round(fit.level, 1),
        trend_percent=round(fit.trend * 100, 2),
        season_low=(str(MONTHS[low + 1]), round(season[low] * 100)),
        season_high=(str(MONTHS[high + 1]), round(season[high] * 100)),
        mean_duration=round(fit.mean_duration) if protected else round(fit.mean_duration, 1),
        paths=int(run.forecast.paths.shape[0]),
    )
    page.assumptions = _protected_notes(run) if protected else list(run.assumptions)
    page.chart_svg = _fan_chart(page)


def _protected_notes(run: Any) -> list[str]:
    """The assumptions without the client-months and the unit cost of the realisation
    (together they give the realised count back): that note of :func:`run_forecast` (found
    by its message, in the active language) is replaced by a sentence without figures."""
    template = _("cost per client-month from the realisation %(period)s: %(costs)s / %(months)s client-months")
    pattern = re.compile("(.+?)".join(re.escape(part) for part in re.split(r"%\(\w+\)s", template)), re.S)
    notes = []
    for note in run.assumptions:
        if pattern.fullmatch(note):
            note = _(
                "the cost per client-month is that of the latest realisation up to the cut-off date (%(year)s), "
                "indexed; costs and results are rounded to € 100.000 here"
            ) % {"year": run.cost_inputs.base_year}
        notes.append(note)
    return notes


def _year_labels(months: list[int]) -> list[str]:
    """The year under each January, and under the first month unless a January follows soon."""
    return [
        str(m // 12) if m % 12 == 0 or (i == 0 and m % 12 < 9) else ""  # no label in Oct-Dec: Jan is near
        for i, m in enumerate(months)
    ]


def _value(shown: Shown) -> float | None:
    if isinstance(shown, Cell):
        return None if shown.value is None else float(shown.value)
    return None if shown is None else float(shown)


def _text(shown: Shown) -> str:
    if isinstance(shown, Cell):
        return str(shown) if shown.value is None else _number(shown.value)
    return "–" if shown is None else _number(shown)


def _fan_chart(page: ForecastPage) -> str:
    rows = page.months
    labels = [MONTHS_3[r.month % 12 + 1] if r.month % 6 == 0 else "" for r in rows]
    years = _year_labels([r.month for r in rows])
    titles = [r.label for r in rows]
    first_forecast = next(i for i, r in enumerate(rows) if r.median is not None)
    realised = [None if r.realised is None else float(r.realised) for r in rows]
    median = [_value(r.median) for r in rows]
    if first_forecast > 0 and realised[first_forecast - 1] is not None:
        median[first_forecast - 1] = realised[first_forecast - 1]  # the median line starts at the last realised month
    median_titles = []
    for r in rows:
        if r.median is None or r.band_80 is None or r.band_95 is None:
            median_titles.append("")
            continue
        median_titles.append(
            _("%(month)s: median %(median)s; 80%%: %(low80)s–%(high80)s; 95%%: %(low95)s–%(high95)s")
            % {
                "month": r.label,
                "median": _text(r.median),
                "low80": _text(r.band_80[0]),
                "high80": _text(r.band_80[1]),
                "low95": _text(r.band_95[0]),
                "high95": _text(r.band_95[1]),
            }
        )
    lines = []
    if any(v is not None for v in realised):
        lines.append(charts.Line("history", _("realised"), realised))
    lines += [
        charts.Line("median", _("forecast (median)"), median, titles=median_titles),
        charts.Line("norm", _("client norm"), [_value(r.norm) for r in rows], step=True, points=False),
    ]  # fmt: skip
    bands = []
    for key, label, attr in (("band95", _("95% band"), "band_95"), ("band80", _("80% band"), "band_80")):
        low = [_value(getattr(r, attr)[0]) if getattr(r, attr) else None for r in rows]
        high = [_value(getattr(r, attr)[1]) if getattr(r, attr) else None for r in rows]
        if first_forecast > 0:  # the fan opens at the last realised month
            low[first_forecast - 1] = high[first_forecast - 1] = realised[first_forecast - 1]
        bands.append(charts.Band(key, label, low, high))
    return charts.fan_chart_svg(
        chart_id="chart-forecast",
        title=_("Clients in care: realisation and forecast, %(scope)s") % {"scope": page.scope_label},
        desc=_(
            "Clients in care per month. After the cut-off date the median of the simulated futures, with the "
            "ranges that hold 80% and 95% of them; the dashed red line is the client norm of each year: the clients "
            "a month the lump sum pays for."
        ),
        x_labels=labels,
        x_sublabels=years,
        x_titles=titles,
        x_axis_label=_("month"),
        y_label=_("clients in care"),
        lines=lines,
        bands=bands,
        marker=charts.Marker(first_forecast, _("cut-off date")),
        fmt=lambda v: _number(v),
        label_every=1,
    )


# ------------------------------------------------------------------- backtest


@dataclass(frozen=True)
class MethodRow:
    key: str
    label: str
    mape_6: float | None
    mape_12: float | None


@dataclass(frozen=True)
class Verdict:
    ahead: int
    beats: bool
    text: str


@dataclass(frozen=True)
class CoverageRow:
    band: int
    at_6: float | None
    at_12: float | None
    overall: float | None


@dataclass
class BacktestPage:
    empty: bool = False
    message: str = ""
    cutoffs: list[dt.date] = field(default_factory=list)
    horizon: int = BACKTEST_HORIZON
    paths: int = BACKTEST_PATHS
    methods: list[MethodRow] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    coverage: list[CoverageRow] = field(default_factory=list)
    chart_svg: str = ""
    chart_rows: list[tuple[str, list[str]]] = field(default_factory=list)  # month, values per column
    chart_columns: list[str] = field(default_factory=list)


def backtest_cutoffs(first: dt.date, latest: dt.date) -> list[dt.date]:
    """Month ends from :data:`BACKTEST_FIRST` to :data:`BACKTEST_LAST` months before the
    last month of the data, not before the data begin."""
    last = month_index(latest)
    lowest = max(last - BACKTEST_FIRST, month_index(first))
    if lowest > last - BACKTEST_LAST:
        return []
    return month_end_cutoffs(month_start(lowest), month_start(last - BACKTEST_LAST))


def _cache_key() -> str | None:
    from basishulp.trajecten.selectors import latest_import, trajectory_count

    batch = latest_import()
    if batch is None:
        return None
    stamp = batch.started_at.isoformat() if batch.started_at else ""
    return f"forecast:backtest:v1:{batch.pk}:{stamp}:{trajectory_count()}:{BACKTEST_PATHS}"


def backtest_on_data() -> BacktestResult | None:
    """The backtest of the data in the database (cached per data change); ``None``
    without data."""
    key = _cache_key()
    if key is not None:
        cached = cache.get(key)
        if isinstance(cached, BacktestResult):
            return cached
    result = _compute_backtest()
    if key is not None and result is not None:
        cache.set(key, result, timeout=None)
    return result


def _compute_backtest() -> BacktestResult | None:
    from basishulp.trajecten.selectors import trajectory_records

    records = trajectory_records()
    latest = latest_date(records)
    if not records or latest is None:
        return None
    cutoffs = backtest_cutoffs(min(r.start_date for r in records), latest)
    try:
        return backtest(records, cutoffs, BACKTEST_HORIZON, None, BACKTEST_PATHS)
    except ValueError:  # too little data before a cut-off date
        return BacktestResult((), BACKTEST_HORIZON)


def _pct(value: float | None) -> str:
    if value is None:
        return "–"
    return formats.number_format(value, decimal_pos=1, use_l10n=True) + "%"


def build_backtest_page() -> BacktestPage:
    result = backtest_on_data()
    page = BacktestPage()
    if result is None:
        page.empty = True
        return page
    page.cutoffs = result.cutoffs
    if not result.points:
        page.message = _(
            "The data are too short for a backtest: it needs at least two years of data before a cut-off date and "
            "a year after it."
        )
        return page
    labels = {
        "model": _("the model (median)"),
        "last_value": _("last value"),
        "last_year": _("same month last year"),
    }
    for key, label in labels.items():
        page.methods.append(MethodRow(key, label, result.mape(6, key), result.mape(12, key)))
    for ahead in (6, 12):
        model, last_value, last_year = (result.mape(ahead, k) for k in labels)
        if model is None or last_value is None or last_year is None:
            continue
        beats = model < last_value and model < last_year
        values = {"ahead": ahead, "model": _pct(model), "last_value": _pct(last_value), "last_year": _pct(last_year)}
        if beats:
            text = _(
                "At %(ahead)s months ahead the model beats both naive forecasts: its error is %(model)s, against "
                "%(last_value)s for the last value and %(last_year)s for the same month last year."
            )
        else:
            text = _(
                "At %(ahead)s months ahead the model does not beat both naive forecasts: its error is %(model)s, "
                "against %(last_value)s for the last value and %(last_year)s for the same month last year."
            )
        page.verdicts.append(Verdict(ahead, beats, text % values))
    for band in (80, 95):
        at_6, at_12 = result.coverage(band, 6), result.coverage(band, 12)
        page.coverage.append(CoverageRow(band, at_6, at_12, result.coverage(band)))
    _backtest_chart(page, result)
    return page


_CUTOFF_COLORS = ("#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#0072b2")


def _backtest_chart(page: BacktestPage, result: BacktestResult) -> None:
    cutoffs = result.cutoffs
    step = max(1, -(-(len(cutoffs) - 1) // max(1, BACKTEST_CHART_CUTOFFS - 1)))
    chosen = cutoffs[::step][:BACKTEST_CHART_CUTOFFS]
    if cutoffs[-1] not in chosen:
        chosen = [*chosen[:-1], cutoffs[-1]] if len(chosen) >= BACKTEST_CHART_CUTOFFS else [*chosen, cutoffs[-1]]
    actual: dict[int, int] = {}
    forecasts: dict[dt.date, dict[int, float]] = {c: {} for c in chosen}
    known: dict[dt.date, int] = {}  # clients in care in the cut-off's month, as known then
    for p in result.points:
        month = last_full_month(p.cutoff) + p.ahead
        actual[month] = p.actual
        if p.cutoff in forecasts:
            forecasts[p.cutoff][month] = p.model
            known[p.cutoff] = p.last_value
    first = min(last_full_month(c) for c in chosen)
    months = list(range(first, max(actual) + 1))
    labels = [MONTHS_3[m % 12 + 1] if m % 6 == 0 else "" for m in months]
    years = _year_labels(months)
    lines = [charts.Line("actual", _("actual"), [float(actual[m]) if m in actual else None for m in months],
                         color=charts.COLORS["history"])]  # fmt: skip
    page.chart_columns = [_("actual")]
    for i, cutoff in enumerate(chosen):
        label = _("forecast from %(date)s") % {"date": formats.date_format(cutoff, "SHORT_DATE_FORMAT")}
        values = [forecasts[cutoff].get(m) for m in months]
        titles = [
            f"{_month_name(m)}: {label} {_number(v)}" if v is not None else ""
            for m, v in zip(months, values, strict=True)
        ]
        # the line starts at the clients in care of the cut-off's month as known then (no point there)
        values[last_full_month(cutoff) - first] = float(known[cutoff])
        color = _CUTOFF_COLORS[i % len(_CUTOFF_COLORS)]
        lines.append(charts.Line(f"cutoff-{i}", label, values, color=color, dashed=True, titles=titles))
        page.chart_columns.append(label)
    for m in months:
        row = [_number(actual[m]) if m in actual else "–"]
        row += [_number(forecasts[c][m]) if m in forecasts[c] else "" for c in chosen]
        page.chart_rows.append((_month_name(m), row))
    page.chart_svg = charts.fan_chart_svg(
        chart_id="chart-backtest",
        title=_("Backtest: forecasts from earlier cut-off dates against what followed (HLV)"),
        desc=_(
            "Clients in care per month by the full data, and the median forecast made on a few of the cut-off "
            "dates of the backtest, each for the twelve months after it."
        ),
        x_labels=labels,
        x_sublabels=years,
        x_titles=[_month_name(m) for m in months],
        x_axis_label=_("month"),
        y_label=_("clients in care"),
        lines=lines,
        fmt=lambda v: _number(v),
        label_every=1,
        plot_height=260,
    )
