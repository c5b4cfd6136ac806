"""The figures a municipality sees: aggregates under disclosure control (issue #5).

Municipality users get this view instead of the JENS dashboard (``docs/privacy.md``,
"Disclosure control"). The rules:

- **Scope**: their own municipality, or the HLV total; nothing else (403).
- **Periods**: only whole years, half-years and quarters. No months, no own dates: two
  periods that differ by a day would otherwise be two overlapping queries.
- **Every count** goes through :mod:`basishulp.kpi.domain.disclosure`: keyed noise,
  rounded to 5, ``<8`` for 0 to 7. The noise of a cell follows from the secret key, the
  cell and a fingerprint of the data behind its period: the same question on the same
  data gives the same answer.
- **Percentages** come from the published counts; **mean durations** have their own
  noise; medians and percentiles are not shown.
- Nothing here is a request, a client, a reference or a date of one.

The same view model feeds the page and the API (:mod:`basishulp.api`).
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from basishulp.kpi.domain.disclosure import Cell, noisy_mean, published_share, uniform
from basishulp.kpi.domain.disclosure import publish as publish_count
from basishulp.kpi.domain.indicators import TOP_PROVIDERS, round_half_up
from basishulp.kpi.domain.journeys import latest_date
from basishulp.kpi.domain.periods import Period, PeriodError, parse_period
from basishulp.trajecten.domain.records import TrajectoryRecord
from basishulp.trajecten.domain.reference import END_REASON_PER_PLAN, END_REASONS, REFERRER_TYPES
from basishulp.trajecten.models import CareUnit

from .selectors import (
    HLV,
    KpiSource,
    PeriodOption,
    ScopeForbidden,
    _care_row,
    _flow_row,
    _group_of,
    _journey_row,
    _scopes,
    default_period,
    flow_labels,
    load_records,
    period_label,
    period_options,
    resolve_scope,
    visible_codes,
)

__all__ = ["FIXED_KINDS", "MunicipalFigures", "Row", "Table", "build_municipal_figures", "disclosure_key"]

FIXED_KINDS = ("year", "half", "quarter")
DURATION_BOUND = 730  # days: the most one journey adds to a mean duration
LOOKBACK = timedelta(days=366)  # data that can still change a period's figures


def disclosure_key() -> bytes:
    """The secret behind the noise, derived from ``SECRET_KEY`` for this purpose only."""
    return hmac.new(settings.SECRET_KEY.encode(), b"basishulp.disclosure", hashlib.sha256).digest()


Shown = Cell | Decimal | int | None  # a count, a share, a derived whole number (days, difference), nothing


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    values: list[Shown]
    kinds: list[str]  # per value: "count", "share", "days", "diff"

    @property
    def pairs(self) -> list[tuple[Shown, str]]:
        return list(zip(self.values, self.kinds, strict=True))


@dataclass
class Table:
    id: str
    caption: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    #: shown when the table has no rows (else "Nothing in this period.")
    empty: str = ""

    def add(self, key: str, label: str, values: Sequence[Shown], kinds: Sequence[str]) -> None:
        self.rows.append(Row(key, label, list(values), list(kinds)))


@dataclass
class MunicipalFigures:
    empty: bool = False
    messages: list[str] = field(default_factory=list)
    scope: str = HLV
    scope_label: str = "HLV"
    scopes: list[Any] = field(default_factory=list)
    options: list[PeriodOption] = field(default_factory=list)
    selected_option: str = ""
    period: Period | None = None
    period_label: str = ""
    previous_label: str = ""
    as_of: date | None = None
    protected: bool = True
    sections: list[tuple[str, str, list[Table]]] = field(default_factory=list)  # id, title, tables


class Protector:
    """Publishes the cells of one scope; noise keyed on the data of each period."""

    def __init__(
        self, scope: str, records: Sequence[TrajectoryRecord], key: bytes | None = None, exact: bool = False
    ) -> None:
        self.scope = scope
        self.records = records
        self.key = key or disclosure_key()
        self.exact = exact  # JENS roles (the API's figures): the true counts, same tables
        self._fingerprints: dict[tuple[date, date], str] = {}

    def fingerprint(self, period: Period) -> str:
        span = (period.start, period.end)
        if span not in self._fingerprints:
            self._fingerprints[span] = data_fingerprint(self.scope, self.records, period)
        return self._fingerprints[span]

    def _u(self, period: Period, cell: str) -> float:
        return uniform(
            self.key, self.fingerprint(period), self.scope, period.start.isoformat(), period.end.isoformat(), cell
        )

    def count(self, period: Period, cell: str, n: int) -> Cell:
        if self.exact:
            return Cell(n)
        return publish_count(n, self._u(period, cell))

    def mean(self, period: Period, cell: str, values: list[int], bound: int) -> int | None:
        if self.exact:
            return int(round_half_up(Decimal(sum(values)) / len(values), 0)) if values else None
        return noisy_mean(values, bound, self._u(period, cell + "#sum"), self._u(period, cell + "#n"))


def data_fingerprint(scope: str, records: Sequence[TrajectoryRecord], period: Period) -> str:
    """A hash of the data that can change ``period``'s figures for ``scope``: the
    trajectories, help requests and complaints from a year before the period to its end."""
    from basishulp.toeleiding.models import Complaint, HelpRequest

    low, high = period.start - LOOKBACK, period.end
    digest = hashlib.sha256()
    rows = sorted(
        repr(
            (
                r.trajectory_id,
                r.client_id,
                r.municipality,
                r.care_unit,
                r.quadrant,
                r.start_date,
                r.end_date,
                r.area,
                r.end_reason,
            )
        )
        for r in records
        if (scope == HLV or r.municipality == scope)
        and r.start_date <= high
        and (r.end_date is None or r.end_date >= low)
    )
    for row in rows:
        digest.update(row.encode())
    requests = HelpRequest.objects.filter(received_on__range=(low, high))
    if scope != HLV:
        requests = requests.filter(municipality__code=scope)
    for row in (
        requests.annotate(last_event=Max("events__id"))
        .order_by("pk")
        .values_list("pk", "state", "triage", "area_id", "care_type", "matched_provider", "last_event")
    ):
        digest.update(repr(row).encode())
    for row in Complaint.objects.filter(received_on__range=(low, high)).order_by("pk").values_list("pk", "category"):
        digest.update(repr(row).encode())
    return digest.hexdigest()


def fixed_period(
    params: Mapping[str, str], options: Sequence[PeriodOption], fallback: Period
) -> tuple[Period, list[str]]:
    """The chosen year, half-year or quarter; anything else falls back with a message."""
    if (params.get("from") or "").strip() or (params.get("to") or "").strip():
        return fallback, [_("Municipalities choose a year, half-year or quarter; own dates are not available.")]
    raw = (params.get("period") or "").strip()
    if not raw:
        return fallback, []
    allowed = {o.value for o in options}
    try:
        period = parse_period(raw)
    except PeriodError:
        period = None
    if period is None or period.label not in allowed:
        return fallback, [
            _("“%(value)s” is not a period municipalities can choose: choose a year, half-year or quarter.")
            % {"value": raw[:40]}
        ]
    return period, []


def build_municipal_figures(
    user: Any,
    params: Mapping[str, str],
    records: Sequence[TrajectoryRecord] | None = None,
    key: bytes | None = None,
    exact: bool = False,
    codes: Sequence[str] | None = None,
) -> MunicipalFigures:
    """The protected figures for a municipality user and the GET ``params``; with
    ``exact`` (JENS roles, through the API) the same tables with the true counts.
    ``codes`` (with ``user`` ``None``: the report for a municipality) replaces the
    user's municipalities."""
    visible = list(codes) if codes is not None else visible_codes(user)
    if visible is not None and not visible:
        raise ScopeForbidden("no municipality")
    data = list(records) if records is not None else load_records()
    scopes = _scopes(visible, {r.municipality for r in data})
    scope, messages = resolve_scope(params.get("scope", ""), visible, scopes)
    figures = MunicipalFigures(scope=scope, scopes=scopes, messages=messages)
    figures.scope_label = next((c.label for c in scopes if c.value == scope), scope)
    as_of = latest_date(data)
    if not data or as_of is None:
        figures.empty = True
        return figures
    first = min(r.start_date for r in data)
    figures.as_of = as_of
    figures.options = [o for o in period_options(first, as_of) if o.kind in FIXED_KINDS]
    fallback = default_period(figures.options, as_of)
    period, period_messages = fixed_period(params, figures.options, fallback)
    figures.messages.extend(period_messages)
    if period_messages:
        figures.messages.append(_("Showing %(period)s instead.") % {"period": period_label(fallback)})
    previous = period.shifted_years(-1)
    figures.period, figures.selected_option = period, period.label
    figures.period_label, figures.previous_label = period_label(period), period_label(previous)

    figures.protected = not exact
    protect = Protector(scope, data, key, exact=exact)
    source = KpiSource(data, as_of)
    group = _group_of(scope)
    figures.sections = [
        ("flows", _("Unique clients"), _flow_tables(figures, protect, source, period, previous, group)),
        ("journeys", _("Client journeys"), _journey_tables(figures, protect, source, period, previous, group)),
        ("care", _("Care distribution"), _care_tables(protect, source, period, group)),
        ("requests", _("Help requests and waiting lists"), _request_tables(figures, protect, period, previous, as_of)),
        ("complaints", _("Complaints (JENS as a whole)"), _complaint_tables(figures, protect, period, previous)),
    ]
    return figures


def _diff(current: Cell, previous: Cell) -> int | None:
    if current.value is None or previous.value is None:
        return None
    return current.value - previous.value


def _flow_tables(
    figures: MunicipalFigures, protect: Protector, source: KpiSource, period: Period, previous: Period, group: str
) -> list[Table]:
    labels = flow_labels()
    row, before = _flow_row(source.kpis(period), group), _flow_row(source.kpis(previous), group)
    flows = Table(
        "m-flows",
        _("Client flow %(scope)s, %(period)s compared with %(previous)s")
        % {"scope": figures.scope_label, "period": figures.period_label, "previous": figures.previous_label},
        [_("Indicator"), figures.period_label, figures.previous_label, _("Difference")],
    )
    for key in ("begin", "inflow", "subtotal", "outflow", "end", "monthly_average"):
        now_n, then_n = _flow_count(row, key), _flow_count(before, key)
        now, then = protect.count(period, f"flow.{key}", now_n), protect.count(previous, f"flow.{key}", then_n)
        flows.add(key, labels[key], [now, then, _diff(now, then)], ["count", "count", "diff"])
    months = Table(
        "m-months",
        _("Clients in care, inflow and outflow per month"),
        [_("Month"), _("In care"), _("Inflow"), _("Outflow")],
    )
    for m in row.months:
        month = Period(m.start, m.end, m.month)
        months.add(
            m.month,
            _month_label(m.month),
            [
                protect.count(month, "month.in_care", m.in_care),
                protect.count(month, "month.inflow", m.inflow),
                protect.count(month, "month.outflow", m.outflow),
            ],
            ["count"] * 3,
        )
    return [flows, months]


def _month_label(month: str) -> str:
    from django.utils.dates import MONTHS

    return f"{MONTHS[int(month[5:7])]} {month[:4]}"


def _flow_count(row: Any, key: str) -> int:
    value = getattr(row, key)
    return int(value.to_integral_value()) if isinstance(value, Decimal) else int(value)


def _journey_tables(
    figures: MunicipalFigures, protect: Protector, source: KpiSource, period: Period, previous: Period, group: str
) -> list[Table]:
    now, before = _journey_row(source.kpis(period), group), _journey_row(source.kpis(previous), group)
    table = Table(
        "m-journeys",
        _("Closed client journeys"),
        [_("Indicator"), figures.period_label, figures.previous_label],
    )
    closed = [
        protect.count(period, "journeys.closed", now.closed),
        protect.count(previous, "journeys.closed", before.closed),
    ]
    table.add("closed", _("Closed journeys"), closed, ["count", "count"])
    table.add(
        "duration_mean",
        _("Average duration (days)"),
        [
            protect.mean(period, "journeys.duration", list(now.durations), DURATION_BOUND),
            protect.mean(previous, "journeys.duration", list(before.durations), DURATION_BOUND),
        ],
        ["days", "days"],
    )
    per_plan = []
    for p, row, total in ((period, now, closed[0]), (previous, before, closed[1])):
        n = _reason_count(row, END_REASON_PER_PLAN)
        per_plan.append(published_share(protect.count(p, f"journeys.reason.{END_REASON_PER_PLAN}", n), total))
    table.add("per_plan", _("Ended according to plan"), per_plan, ["share", "share"])
    reasons = Table(
        "m-end-reasons",
        _("Reason of ending (closed journeys, %(period)s)") % {"period": figures.period_label},
        [_("Reason"), _("Journeys"), _("Share")],
    )
    for code in sorted(now.end_reasons):
        cell = protect.count(period, f"journeys.reason.{code}", _reason_count(now, code))
        label = END_REASONS.get(code, _("Unknown or not given")) if code != "unknown" else _("Unknown or not given")
        reasons.add(code, label, [cell, published_share(cell, closed[0])], ["count", "share"])
    return [table, reasons] if now.closed else [table]


def _reason_count(row: Any, code: str) -> int:
    share = row.end_reasons.get(code)
    if share is None or not row.closed:
        return 0
    return int((share * row.closed).to_integral_value())


def _care_tables(protect: Protector, source: KpiSource, period: Period, group: str) -> list[Table]:
    care = _care_row(source.kpis(period), group)
    k2 = protect.count(period, "care.K2", care.clients_by_quadrant.get("K2", 0))
    k3 = protect.count(period, "care.K3", care.clients_by_quadrant.get("K3", 0))
    base = Cell(None if k2.value is None or k3.value is None else k2.value + k3.value)
    table = Table(
        "m-care", _("Unique clients per quadrant"), [_("Quadrant"), _("Unique clients"), _("Share of K2 + K3")]
    )
    table.add("K2", _("K2 area teams"), [k2, published_share(k2, base)], ["count", "share"])
    table.add("K3", _("K3 outsourced care"), [k3, published_share(k3, base)], ["count", "share"])
    providers = Table(
        "m-providers",
        _("Top providers (K3) by unique clients"),
        [_("Provider"), _("Unique clients")],
        empty=_("No provider had enough clients in this period to be shown."),
    )
    # Which providers make the top is decided on the protected counts of every registered
    # provider (0 where it had no client), never on the true ranking: a provider listed
    # only because its true count is high would tell more than its published figure.
    counts = dict(care.providers)
    registered = CareUnit.objects.filter(kind=CareUnit.Kind.PROVIDER).values_list("code", "name")
    cells = [(name, protect.count(period, f"care.provider.{code}", counts.get(code, 0))) for code, name in registered]
    shown = sorted((c for c in cells if c[1].value is not None), key=lambda item: (-(item[1].value or 0), item[0]))
    for name, cell in shown[:TOP_PROVIDERS]:
        providers.add(name, name, [cell], ["count"])
    return [table, providers]


def _request_tables(
    figures: MunicipalFigures, protect: Protector, period: Period, previous: Period, as_of: date
) -> list[Table]:
    from basishulp.toeleiding.domain.norms import Step, measure
    from basishulp.toeleiding.domain.waiting import waiting_on
    from basishulp.toeleiding.messages import step_label
    from basishulp.toeleiding.models import CARE_TYPE_LABELS, HelpRequest
    from basishulp.toeleiding.selectors import spells_of
    from basishulp.toeleiding.services import norm_events

    qs = HelpRequest.objects.all()
    if figures.scope != HLV:
        qs = qs.filter(municipality__code=figures.scope)
    in_period = list(qs.filter(received_on__range=(period.start, period.end)).prefetch_related("events"))
    before = qs.filter(received_on__range=(previous.start, previous.end)).count()
    requests = Table(
        "m-requests",
        _("Help requests received"),
        [_("Indicator"), figures.period_label, figures.previous_label],
    )
    total = protect.count(period, "requests.total", len(in_period))
    requests.add(
        "total",
        _("Help requests"),
        [total, protect.count(previous, "requests.total", before)],
        ["count", "count"],
    )
    withdrawn = protect.count(period, "requests.withdrawn", sum(r.state == "withdrawn" for r in in_period))
    requests.add("withdrawn", _("Withdrawn"), [withdrawn, None], ["count", "count"])

    referrers = Table("m-referrers", _("Help requests per referrer"), [_("Referrer"), _("Requests"), _("Share")])
    # every COD327 type, always (a row only where a type occurs would tell it occurred);
    # a code outside the list is counted under "other"
    by_referrer = Counter(r.referrer_type if r.referrer_type in REFERRER_TYPES else "other" for r in in_period)
    referrer_labels = {**REFERRER_TYPES, "other": _("other or not recorded")}
    for code, label in referrer_labels.items():
        cell = protect.count(period, f"requests.referrer.{code}", by_referrer[code])
        referrers.add(code, label, [cell, published_share(cell, total)], ["count", "share"])
    triage = Table("m-triage", _("Triage"), [_("Triage"), _("Requests"), _("Share")])
    triage_counts = Counter(r.triage for r in in_period if r.triage)
    for level in ("enkelvoudig", "meervoudig", "complex"):
        cell = protect.count(period, f"requests.triage.{level}", triage_counts[level])
        triage.add(level, capfirst(level), [cell, published_share(cell, total)], ["count", "share"])

    norms = Table(
        "m-norms",
        _("Process norms: requests whose step was decided, and the share within the norm"),
        [_("Step"), _("Decided"), _("Within the norm"), _("Share")],
    )
    results = [measure(norm_events(r), as_of) for r in in_period]
    for step in Step:
        outcomes = [s.within for rs in results for s in rs if s.step == step and s.within is not None]
        decided = protect.count(period, f"norms.{step.value}.decided", len(outcomes))
        met = protect.count(period, f"norms.{step.value}.met", sum(outcomes))
        norms.add(
            step.value,
            capfirst(step_label(step)),
            [decided, met, published_share(met, decided)],
            ["count", "count", "share"],
        )

    spells = spells_of(qs)
    waiting = Table("m-waiting", _("Waiting list at the end of the period"), [_("Type of care"), _("Waiting")])
    on_end = waiting_on(spells, min(period.end, as_of))
    waiting.add("total", _("Waiting in all"), [protect.count(period, "waiting.total", on_end["total"])], ["count"])
    labels = {c.value: str(label) for c, label in CARE_TYPE_LABELS.items()}
    by_type = waiting_on(spells, min(period.end, as_of), key=lambda s: s.care_type)
    if by_type.get(""):
        labels[""] = _("type of care not recorded")
    for code, label in labels.items():
        waiting.add(
            code or "none", label, [protect.count(period, f"waiting.type.{code}", by_type.get(code, 0))], ["count"]
        )
    return [requests, referrers, triage, norms, waiting]


def _complaint_tables(figures: MunicipalFigures, protect: Protector, period: Period, previous: Period) -> list[Table]:
    from basishulp.toeleiding.domain.quality import complaint_counts
    from basishulp.toeleiding.models import COMPLAINT_LABELS, Complaint

    complaints = [c.as_domain() for c in Complaint.objects.filter(received_on__gte=previous.start)]
    now = complaint_counts(complaints, period.start, period.end)
    before = complaint_counts(complaints, previous.start, previous.end)
    hlv = Protector(HLV, protect.records, protect.key, exact=protect.exact)  # the register is kept for JENS as a whole
    table = Table(
        "m-complaints",
        _("Complaints per category, JENS as a whole"),
        [_("Category"), figures.period_label, figures.previous_label],
    )
    for category in now:
        table.add(
            str(category),
            str(COMPLAINT_LABELS[category]),
            [
                hlv.count(period, f"complaints.{category}", now[category]),
                hlv.count(previous, f"complaints.{category}", before[category]),
            ],
            ["count", "count"],
        )
    return [table]


def cells(figures: MunicipalFigures) -> Iterable[tuple[str, Row, int, Shown]]:
    """Every value of every table (for the response scan and the API)."""
    for _id, _title, tables in figures.sections:
        for table in tables:
            for row in table.rows:
                for i, value in enumerate(row.values):
                    yield table.id, row, i, value


def protected_monthly_clients(
    values: Mapping[tuple[int, int, str], Decimal], records: Sequence[TrajectoryRecord] | None = None
) -> dict[tuple[int, int, str], Decimal]:
    """The finance page's average clients in care per month, published for a
    municipality: a suppressed value is left out (the cost per client is then not shown)."""
    from basishulp.trajecten.domain.reference import municipality_code

    data = list(records) if records is not None else load_records()
    protectors: dict[str, Protector] = {}
    result = {}
    for (year, half, group), value in values.items():
        scope = HLV if group == HLV else municipality_code(group)
        protect = protectors.setdefault(scope, Protector(scope, data))
        period = parse_period(str(year) if half == 0 else f"{year}-H{half}")
        cell = protect.count(period, "flow.monthly_average", int(value.to_integral_value()))
        if cell.value is not None:
            result[(year, half, group)] = Decimal(cell.value)
    return result
