"""Read side of the dashboard: turns trajectories into the dashboard's view model.

Rules:
- **Records.** KPIs are always computed over *all* trajectories
  (:func:`basishulp.trajecten.selectors.all_trajectory_records`) and the scope's row
  is taken afterwards: a journey belongs to the municipality of the trajectory that
  opened it and may cross municipalities, so filtering trajectories first would
  change the journeys (and the numbers).
- **Scope.** ``HLV`` (the total row) or one municipality code. Who may see what comes
  from :func:`basishulp.accounts.selectors.visible_municipality_codes`: ``None`` means
  every municipality (and the per-municipality table); a list means the HLV total
  plus those municipalities only; an empty list means no steering figures at all.
  Asking for any other scope raises :class:`ScopeForbidden` (the view answers 403).
- **Period.** ``?period=2023-H1`` (also ``2023``, ``2023-Q2``, ``2023-05``) or
  ``?from=YYYY-MM-DD&to=YYYY-MM-DD``. The default is the most recent half-year that
  is complete on the reporting date. A bad value never fails the page: the default
  period is shown with a message saying why.
- **Reporting date** (``as_of``, "peildatum") is the latest date in the data, the
  same for every period on the page.
- **Comparison.** The same period one year earlier (:meth:`Period.shifted_years`).
- **Chart window.** The months of the period plus the preceding months, 12 months in
  all (or the whole period when it is longer), clipped to the first month with data.
- :func:`compute_kpis` runs once per distinct period per request (cached in
  :class:`KpiSource`), with the engine from ``settings.KPI_ENGINE``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import formats
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.translation import gettext as _

from basishulp.kpi.domain.indicators import TOTAL, CareDistribution, FlowRow, JourneyRow, MonthFlow
from basishulp.kpi.domain.journeys import latest_date
from basishulp.kpi.domain.periods import Period, PeriodError, parse_date, parse_period
from basishulp.kpi.services import KpiSet, compute_kpis
from basishulp.trajecten.domain.records import TrajectoryRecord
from basishulp.trajecten.domain.reference import (
    END_REASON_PER_PLAN,
    END_REASONS,
    HLV_CODES,
    municipality_code,
    municipality_name,
)

from . import charts

__all__ = [
    "DURATION_TARGET_DAYS",
    "HLV",
    "Dashboard",
    "KpiSource",
    "ScopeForbidden",
    "build_dashboard",
    "period_options",
]

HLV = "HLV"
DURATION_TARGET_DAYS = 315
CHART_MONTHS = 12
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_CUSTOM_DAYS = 10 * 366


class ScopeForbidden(Exception):
    """The user asked for a municipality they may not see."""


# ---------------------------------------------------------------- collaborators


def load_records() -> list[TrajectoryRecord]:
    """All trajectory records in the database (the trajecten read side)."""
    from basishulp.trajecten.selectors import all_trajectory_records

    return list(all_trajectory_records())


def visible_codes(user: Any) -> list[str] | None:
    """Municipality codes the user may see aggregates of; ``None`` = all."""
    from basishulp.accounts.selectors import visible_municipality_codes

    return visible_municipality_codes(user)


def user_can_import(user: Any) -> bool:
    """Whether to offer the trajectories import to ``user``."""
    from basishulp.accounts.selectors import can_import

    return bool(can_import(user))


def care_unit_names(codes: Sequence[str]) -> dict[str, str]:
    """Display names of care units by code (falls back to the code)."""
    if not codes:
        return {}
    from basishulp.trajecten.models import CareUnit

    return dict(CareUnit.objects.filter(code__in=list(codes)).values_list("code", "name"))


# ---------------------------------------------------------------------- KPIs


class KpiSource:
    """Computes KPI sets over one list of records, once per period (per request)."""

    def __init__(self, records: Sequence[TrajectoryRecord], as_of: date, engine: str | None = None) -> None:
        self.records = records
        self.as_of = as_of
        self.engine = engine or settings.KPI_ENGINE
        self._cache: dict[tuple[date, date], KpiSet] = {}
        self.calls = 0

    def kpis(self, period: Period) -> KpiSet:
        key = (period.start, period.end)
        if key not in self._cache:
            self.calls += 1
            self._cache[key] = self._compute(period)
        return self._cache[key]

    def _compute(self, period: Period) -> KpiSet:
        return compute_kpis(self.records, period, as_of=self.as_of, dimension="municipality", engine=self.engine)


def _group_of(scope: str) -> str:
    return TOTAL if scope == HLV else municipality_name(scope)


def _flow_row(kpis: KpiSet, group: str) -> FlowRow:
    for row in kpis.flows:
        if row.group == group:
            return row
    months = tuple(MonthFlow(m.label, m.start, m.end, 0, 0, 0) for m in kpis.period.months())
    return FlowRow(group, 0, 0, 0, 0, Decimal("0.0"), months)


def _journey_row(kpis: KpiSet, group: str) -> JourneyRow:
    for row in kpis.journeys:
        if row.group == group:
            return row
    return JourneyRow(group, 0, None, None, None, {}, 0, None)


def _care_row(kpis: KpiSet, group: str) -> CareDistribution:
    for row in kpis.care:
        if row.group == group:
            return row
    return CareDistribution(group, {"K1": 0, "K2": 0, "K3": 0}, [])


# -------------------------------------------------------------------- periods


@dataclass(frozen=True)
class PeriodOption:
    value: str
    label: str
    kind: str  # year, half, quarter
    complete: bool


def period_label(period: Period) -> str:
    """A human label for a period, e.g. "1e halfjaar 2023"."""
    text = period.label
    try:
        parsed = parse_period(text) if text and ".." not in text else None
    except PeriodError:
        parsed = None
    if parsed is not None and parsed.start == period.start and parsed.end == period.end:
        year = text[:4]
        rest = text[5:].upper()
        if not rest:
            return year
        if rest.startswith("H"):
            if rest == "H1":
                return _("First half of %(year)s") % {"year": year}
            return _("Second half of %(year)s") % {"year": year}
        if rest.startswith("Q"):
            return _("Quarter %(quarter)s %(year)s") % {"quarter": rest[1:], "year": year}
        return f"{MONTHS[int(rest)]} {year}"
    return _("%(start)s to %(end)s") % {
        "start": formats.date_format(period.start, "DATE_FORMAT"),
        "end": formats.date_format(period.end, "DATE_FORMAT"),
    }


def period_options(first: date, as_of: date) -> list[PeriodOption]:
    """Years, half-years and quarters that overlap the data, newest first per kind."""
    options: list[PeriodOption] = []
    kinds: tuple[tuple[str, Callable[[int], list[str]]], ...] = (
        ("year", lambda y: [f"{y}"]),
        ("half", lambda y: [f"{y}-H2", f"{y}-H1"]),
        ("quarter", lambda y: [f"{y}-Q{q}" for q in (4, 3, 2, 1)]),
    )
    for kind, values in kinds:
        for year in range(as_of.year, first.year - 1, -1):
            for value in values(year):
                period = parse_period(value)
                if period.start > as_of or period.end < first:
                    continue
                complete = period.end <= as_of
                label = period_label(period)
                if not complete:
                    label = _("%(period)s (incomplete)") % {"period": label}
                options.append(PeriodOption(value, label, kind, complete))
    return options


def default_period(options: Sequence[PeriodOption], as_of: date) -> Period:
    halves = [o for o in options if o.kind == "half"]
    for option in halves:  # newest first
        if option.complete:
            return parse_period(option.value)
    if halves:
        return parse_period(halves[0].value)
    return parse_period(f"{as_of.year}-H{1 if as_of.month <= 6 else 2}")


def _check_years(period: Period) -> None:
    if period.start.year < MIN_YEAR or period.end.year > MAX_YEAR:
        raise PeriodError("out of range")


def resolve_period(params: Mapping[str, str], fallback: Period) -> tuple[Period, str, list[str]]:
    """The requested period, the kind of request (``period``/``custom``/``default``) and
    user-facing error messages (the fallback period is used when there are any)."""
    raw_from = (params.get("from") or "").strip()
    raw_to = (params.get("to") or "").strip()
    raw_period = (params.get("period") or "").strip()
    if raw_from or raw_to:
        if not (raw_from and raw_to):
            return fallback, "default", [_("Enter both the start and the end date of your own period.")]
        try:
            start = parse_date(raw_from)
            end = parse_date(raw_to)
        except PeriodError:
            return fallback, "default", [_("Enter the dates of your own period as YYYY-MM-DD, e.g. 2023-01-31.")]
        if end < start:
            return fallback, "default", [_("The end date of your own period is before its start date.")]
        period = Period(start, end, f"{start.isoformat()}..{end.isoformat()}")
        try:
            _check_years(period)
        except PeriodError:
            return fallback, "default", [_("Choose dates between %(min)s and %(max)s.") % _year_bounds()]
        if period.days > MAX_CUSTOM_DAYS:
            return fallback, "default", [_("Your own period can be at most ten years long.")]
        return period, "custom", []
    if raw_period:
        try:
            period = parse_period(raw_period)
            _check_years(period)
        except PeriodError:
            return (
                fallback,
                "default",
                [
                    _("“%(value)s” is not a period the dashboard knows. Choose one from the list.")
                    % {"value": raw_period[:40]}
                ],
            )
        return period, "period", []
    return fallback, "default", []


def _year_bounds() -> dict[str, int]:
    return {"min": MIN_YEAR, "max": MAX_YEAR}


def chart_window(period: Period, first: date) -> Period:
    """The period's months plus the preceding ones, ``CHART_MONTHS`` months in all."""
    end = period.end
    year, month = end.year, end.month - (CHART_MONTHS - 1)
    while month < 1:
        year, month = year - 1, month + 12
    start = min(date(year, month, 1), period.start)
    first_month = date(first.year, first.month, 1)
    if start < first_month:
        start = min(first_month, period.start)
    return Period(start, end, "")


# ----------------------------------------------------------------- view model


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class FlowLine:
    key: str
    label: str
    current: int | Decimal
    previous: int | Decimal | None
    sign: str = ""  # "+" for inflow, "-" for outflow, as in the published reports

    @property
    def diff(self) -> int | Decimal | None:
        if self.previous is None:
            return None
        return self.current - self.previous

    @property
    def diff_share(self) -> Decimal | None:
        if self.previous is None or not self.previous:
            return None
        return Decimal(self.current - self.previous) / Decimal(self.previous)

    @property
    def is_decimal(self) -> bool:
        return isinstance(self.current, Decimal)


@dataclass(frozen=True)
class MunicipalityColumn:
    label: str
    values: dict[str, int | Decimal]


@dataclass(frozen=True)
class EndReasonLine:
    code: str
    label: str
    share: Decimal


@dataclass(frozen=True)
class ProviderLine:
    code: str
    name: str
    clients: int


@dataclass
class Dashboard:
    """Everything the dashboard template shows; no logic left for the template."""

    empty: bool = False
    messages: list[str] = field(default_factory=list)
    scope: str = HLV
    scope_label: str = "HLV"
    scopes: list[Choice] = field(default_factory=list)
    options: list[PeriodOption] = field(default_factory=list)
    selected_option: str = ""
    custom_from: str = ""
    custom_to: str = ""
    period: Period | None = None
    period_label: str = ""
    previous: Period | None = None
    previous_label: str = ""
    previous_has_data: bool = True
    first_date: date | None = None
    as_of: date | None = None
    engine: str = ""
    flow_lines: list[FlowLine] = field(default_factory=list)
    flow_identity_ok: bool = True
    municipality_columns: list[MunicipalityColumn] = field(default_factory=list)
    municipality_rows: list[tuple[str, str, list[int | Decimal]]] = field(default_factory=list)
    months: list[dict[str, Any]] = field(default_factory=list)
    chart_svg: str = ""
    journey: JourneyRow | None = None
    journey_previous: JourneyRow | None = None
    duration_target: int = DURATION_TARGET_DAYS
    duration_meets_target: bool | None = None
    per_plan_share: Decimal | None = None
    end_reasons: list[EndReasonLine] = field(default_factory=list)
    return_days_median: int | None = None
    histogram_svg: str = ""
    histogram_bins: list[tuple[str, int]] = field(default_factory=list)
    care: CareDistribution | None = None
    care_share_k2: Decimal | None = None
    care_share_k3: Decimal | None = None
    care_svg: str = ""
    providers: list[ProviderLine] = field(default_factory=list)
    providers_svg: str = ""
    show_municipality_table: bool = False
    kpi_calls: int = 0
    intake: Any = None  # toeleiding.kpis.IntakeKpis: requests, norms, waiting list
    quality: Any = None  # toeleiding.kpis.QualityKpis: complaints, safety, satisfaction (HLV)


FLOW_FIELDS: tuple[tuple[str, str], ...] = (
    ("begin", ""),
    ("inflow", "+"),
    ("subtotal", ""),
    ("outflow", "-"),
    ("end", ""),
    ("monthly_average", ""),
)


def flow_labels() -> dict[str, str]:
    return {
        "begin": _("Clients at the start"),
        "inflow": _("Inflow"),
        "subtotal": _("Subtotal"),
        "outflow": _("Outflow"),
        "end": _("In care at the end of the period"),
        "monthly_average": _("Average number in care per month"),
    }


def _flow_value(row: FlowRow, key: str) -> int | Decimal:
    return getattr(row, key)  # type: ignore[no-any-return]


def _number(value: float | int | Decimal, decimals: int = 0) -> str:
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def _percent(value: float | Decimal) -> str:
    return _number(Decimal(str(value)) * 100, 1) + "%"


def _month_titles(months: Sequence[MonthFlow]) -> tuple[list[str], list[str], list[str]]:
    """Short month names, the year under the first month and every January, full names."""
    short, years, full = [], [], []
    for i, m in enumerate(months):
        year, month = int(m.month[:4]), int(m.month[5:7])
        short.append(str(MONTHS_3[month]))
        years.append(str(year) if i == 0 or month == 1 else "")
        full.append(f"{MONTHS[month]} {year}")
    return short, years, full


def _scopes(visible: list[str] | None, data_codes: set[str]) -> list[Choice]:
    codes = list(HLV_CODES) + sorted(data_codes - set(HLV_CODES)) if visible is None else list(dict.fromkeys(visible))
    return [Choice(HLV, _("HLV (all municipalities)")), *(Choice(c, municipality_name(c)) for c in codes)]


def resolve_scope(raw: str, visible: list[str] | None, scopes: Sequence[Choice]) -> tuple[str, list[str]]:
    """The scope code to show; raises :class:`ScopeForbidden` for a restricted user."""
    allowed = [c.value for c in scopes]
    if not raw:
        if visible:
            return visible[0], []
        return HLV, []
    wanted = raw.strip()
    if wanted.upper() == HLV:
        return HLV, []
    code = municipality_code(wanted.upper() if wanted.upper().startswith("GM") else wanted)
    if code in allowed:
        return code, []
    if visible is not None:
        raise ScopeForbidden(wanted)
    return HLV, [_("“%(value)s” is not a municipality in the data; showing HLV.") % {"value": wanted[:40]}]


def build_dashboard(
    user: Any, params: Mapping[str, str], records: Sequence[TrajectoryRecord] | None = None
) -> Dashboard:
    """The dashboard for ``user`` and the GET ``params`` (see the module rules)."""
    visible = visible_codes(user)
    if visible is not None and not visible:
        raise ScopeForbidden("no municipalities")  # referrers, administrators: no steering figures
    data = list(records) if records is not None else load_records()
    data_codes = {r.municipality for r in data}
    scopes = _scopes(visible, data_codes)
    scope, scope_messages = resolve_scope(params.get("scope", ""), visible, scopes)
    board = Dashboard(scope=scope, scopes=scopes, messages=list(scope_messages))
    board.scope_label = next((c.label for c in scopes if c.value == scope), scope)
    board.show_municipality_table = scope == HLV and visible is None
    as_of = latest_date(data)
    if not data or as_of is None:
        board.empty = True
        return board

    first = min(r.start_date for r in data)
    board.first_date, board.as_of = first, as_of
    board.options = period_options(first, as_of)
    fallback = default_period(board.options, as_of)
    period, kind, period_messages = resolve_period(params, fallback)
    board.messages.extend(period_messages)
    if period_messages:
        board.messages.append(_("Showing %(period)s instead.") % {"period": period_label(fallback)})
    if kind == "custom":
        board.custom_from, board.custom_to = period.start.isoformat(), period.end.isoformat()
    else:
        board.selected_option = period.label
    if period.end < first or period.start > as_of:
        board.messages.append(_("There are no data for this period; all figures are zero."))

    source = KpiSource(data, as_of)
    group = _group_of(scope)
    current = source.kpis(period)
    previous_period = period.shifted_years(-1)
    previous = source.kpis(previous_period)
    board.period, board.previous = period, previous_period
    board.period_label, board.previous_label = period_label(period), period_label(previous_period)
    board.previous_has_data = previous_period.end >= first

    _fill_flows(board, current, previous, group)
    _fill_chart(board, source, period, first, group)
    _fill_journeys(board, current, previous, group)
    _fill_care(board, current, group)
    if records is None:  # the help requests are in the database, beside the stored trajectories
        _fill_intake(board, period, as_of, scope)
    board.engine = source.engine
    board.kpi_calls = source.calls
    return board


def _fill_intake(board: Dashboard, period: Period, as_of: date, scope: str) -> None:
    """Toeleiding and quality figures: aggregates only, for the scope shown."""
    from basishulp.toeleiding.kpis import intake_kpis, quality_kpis

    board.intake = intake_kpis(period.start, period.end, as_of, None if scope == HLV else scope)
    board.quality = quality_kpis(period.start, period.end, as_of)


def _fill_flows(board: Dashboard, current: KpiSet, previous: KpiSet, group: str) -> None:
    labels = flow_labels()
    row, prev_row = _flow_row(current, group), _flow_row(previous, group)
    board.flow_lines = [
        FlowLine(
            key,
            labels[key],
            _flow_value(row, key),
            _flow_value(prev_row, key) if board.previous_has_data else None,
            sign,
        )
        for key, sign in FLOW_FIELDS
    ]
    board.flow_identity_ok = row.begin + row.inflow - row.outflow == row.end
    if board.show_municipality_table:
        columns = [MunicipalityColumn("HLV" if r.group == TOTAL else r.group, {}) for r in current.flows]
        board.municipality_columns = columns
        board.municipality_rows = [
            (key, labels[key], [_flow_value(r, key) for r in current.flows]) for key, _sign in FLOW_FIELDS
        ]


def _fill_chart(board: Dashboard, source: KpiSource, period: Period, first: date, group: str) -> None:
    window = chart_window(period, first)
    months = list(_flow_row(source.kpis(window), group).months)
    short, years, full = _month_titles(months)
    in_period = [i for i, m in enumerate(months) if m.start >= period.start]
    highlight = (in_period[0], in_period[-1]) if in_period else None
    board.months = [
        {
            "label": full[i],
            "in_care": m.in_care,
            "inflow": m.inflow,
            "outflow": m.outflow,
            "net": m.inflow - m.outflow,
            "in_period": i in in_period,
        }
        for i, m in enumerate(months)
    ]
    if not months:
        return
    board.chart_svg = charts.line_chart_svg(
        chart_id="chart-flow",
        title=_("Unique clients in care per month, with inflow and outflow: %(scope)s") % {"scope": board.scope_label},
        desc=_(
            "Line chart of %(count)s months from %(first)s to %(last)s. Upper panel: clients in care in the month. "
            "Lower panel: inflow and outflow per month. The shaded months are the chosen period. "
            "The table below the chart has the same figures."
        )
        % {"count": len(months), "first": full[0], "last": full[-1]},
        x_labels=short,
        x_titles=full,
        x_sublabels=years,
        x_axis_label=_("Month"),
        panels=[
            charts.LinePanel(
                _("Clients in care"),
                [charts.LineSeries("in_care", _("In care"), [m.in_care for m in months])],
                height=190,
            ),
            charts.LinePanel(
                _("Clients per month"),
                [
                    charts.LineSeries("inflow", _("Inflow"), [m.inflow for m in months]),
                    charts.LineSeries("outflow", _("Outflow"), [m.outflow for m in months], dashed=True),
                ],
                height=140,
                zero_based=True,
            ),
        ],
        highlight=highlight,
        highlight_label=_("Chosen period"),
        fmt=lambda v: _number(v),
    )


def _fill_journeys(board: Dashboard, current: KpiSet, previous: KpiSet, group: str) -> None:
    row = _journey_row(current, group)
    board.journey = row
    board.journey_previous = _journey_row(previous, group) if board.previous_has_data else None
    if row.duration_mean is not None:
        board.duration_meets_target = row.duration_mean <= DURATION_TARGET_DAYS
    board.per_plan_share = row.end_reasons.get(END_REASON_PER_PLAN, Decimal(0)) if row.closed else None
    board.end_reasons = sorted(
        (
            EndReasonLine(
                code,
                END_REASONS.get(code, _("Unknown or not given")) if code != "unknown" else _("Unknown or not given"),
                share,
            )
            for code, share in row.end_reasons.items()
        ),
        key=lambda line: (-line.share, line.code),
    )
    if row.return_days:
        days = sorted(row.return_days)
        board.return_days_median = days[(len(days) + 1) // 2 - 1]
    if row.durations:
        bins = charts.duration_bins(row.durations)

        def bin_label(b: charts.Bin) -> str:
            if b.high is None:
                return _("%(low)s+ days") % {"low": b.low}
            return f"{b.low}–{b.high}"

        board.histogram_bins = [(bin_label(b), b.count) for b in bins]
        board.histogram_svg = charts.histogram_svg(
            chart_id="chart-durations",
            title=_("Duration of closed journeys: %(scope)s, %(period)s")
            % {"scope": board.scope_label, "period": board.period_label},
            desc=_(
                "Histogram of %(count)s closed journeys by duration in days, in bins of 90 days. "
                "The dashed line marks the target of %(target)s days."
            )
            % {"count": row.closed, "target": DURATION_TARGET_DAYS},
            bins=bins,
            x_axis_label=_("Duration (days)"),
            y_axis_label=_("Journeys"),
            bar_title=lambda b: _("%(bin)s days: %(count)s journeys") % {"bin": bin_label(b), "count": b.count},
            bin_label=bin_label,
            marker=DURATION_TARGET_DAYS,
            marker_label=_("target %(days)s") % {"days": DURATION_TARGET_DAYS},
            fmt=lambda v: _number(v),
        )


def _fill_care(board: Dashboard, current: KpiSet, group: str) -> None:
    care = _care_row(current, group)
    board.care = care
    board.care_share_k2, board.care_share_k3 = care.share("K2"), care.share("K3")
    k2, k3 = care.clients_by_quadrant.get("K2", 0), care.clients_by_quadrant.get("K3", 0)
    if k2 or k3:
        board.care_svg = charts.share_bar_svg(
            chart_id="chart-care",
            title=_("Unique clients in area teams (K2) and outsourced care (K3)"),
            desc=_("K2: %(k2)s clients (%(k2s)s); K3: %(k3)s clients (%(k3s)s).")
            % {
                "k2": _number(k2),
                "k3": _number(k3),
                "k2s": _percent(care.share("K2") or 0),
                "k3s": _percent(care.share("K3") or 0),
            },
            parts=[("k2", _("K2 area teams"), k2), ("k3", _("K3 outsourced care"), k3)],
            part_label=lambda label, value, share: f"{label}: {_number(value)} ({_percent(share)})",
        )
    names = care_unit_names([code for code, _count in care.top_providers])
    board.providers = [ProviderLine(code, names.get(code) or code, n) for code, n in care.top_providers]
    if board.providers:
        board.providers_svg = charts.bar_list_svg(
            chart_id="chart-providers",
            title=_("Top providers by unique clients (K3)"),
            desc=_("Horizontal bars: unique clients per outsourced provider in the period."),
            items=[(p.name, p.clients) for p in board.providers],
            fmt=lambda v: _number(v),
            bar_title=lambda label, value: _("%(name)s: %(count)s clients") % {"name": label, "count": _number(value)},
        )
