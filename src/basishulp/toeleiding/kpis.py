"""Toeleiding, waiting-list and quality figures for a period: aggregates only.

The dashboard and the quality page show these to every role that may see the
dashboard, municipalities included, so nothing here returns a request, a client or a
date of one: only counts, shares and medians, for HLV or one municipality. The
figures come from the pure cores (:mod:`.domain.norms`, :mod:`.domain.waiting`,
:mod:`.domain.quality`, :mod:`.domain.safety`); this module only reads the records.

The complaints, safety and satisfaction registers are kept for JENS as a whole, not
per municipality: they are given for HLV and marked so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from basishulp.kpi.domain.periods import Period
from basishulp.trajecten.domain.reference import MUNICIPALITIES, REFERRER_TYPES, municipality_name

from .domain import safety
from .domain.norms import NormShares, Step, StepResult, measure, shares_by_group
from .domain.quality import Coverage, complaint_counts, coverage, picked_up_in_time, share
from .domain.waiting import (
    Spell,
    growth_since_quarter_end,
    median_days,
    month_ends,
    quarter_end_before,
    share_bridging,
    waiting_on,
    waiting_times,
)
from .messages import step_label
from .models import (
    CARE_TYPE_LABELS,
    COMPLAINT_LABELS,
    SATISFACTION_LABELS,
    Complaint,
    HelpRequest,
    MeldcodeCase,
    SatisfactionMeasurement,
    ThemeMeeting,
    VeiligThuisReport,
)
from .selectors import spells_of
from .services import norm_events

__all__ = ["IntakeKpis", "QualityKpis", "family_coverage", "intake_kpis", "quality_kpis"]


@dataclass
class CountLine:
    label: str
    count: int
    share: Decimal | None = None


@dataclass
class MonthLine:
    label: str
    requests: int
    waiting: int  # at the end of the month
    chain: Decimal | None = None  # share of the month's requests that met every norm


@dataclass
class GrowthLine:
    label: str
    before: int
    now: int

    @property
    def growth(self) -> int:
        return self.now - self.before


@dataclass
class NormLine:
    label: str
    steps: list[Decimal | None]
    chain: Decimal | None
    decided: int


@dataclass
class IntakeKpis:
    start: date
    end: date
    as_of: date
    requests: int = 0
    requests_previous: int = 0
    per_month: list[MonthLine] = field(default_factory=list)
    referrers: list[CountLine] = field(default_factory=list)
    triage: list[CountLine] = field(default_factory=list)
    withdrawn: int = 0
    step_labels: list[str] = field(default_factory=list)
    norms: list[NormLine] = field(default_factory=list)
    waiting_end: int = 0
    waiting_quarter_end: int = 0
    quarter_end: date | None = None
    bridging: Decimal | None = None
    waiting_by_care_type: list[GrowthLine] = field(default_factory=list)
    waiting_by_area: list[GrowthLine] = field(default_factory=list)
    waiting_by_provider: list[GrowthLine] = field(default_factory=list)
    waiting_median_days: float | None = None
    waiting_started: int = 0
    coverage: Coverage | None = None

    @property
    def empty(self) -> bool:
        return self.requests == 0 and self.waiting_end == 0 and self.waiting_quarter_end == 0


def intake_kpis(start: date, end: date, as_of: date, municipality: str | None = None) -> IntakeKpis:
    """The figures of the requests of HLV (``municipality=None``) or one municipality
    (CBS code) for ``[start, end]``, with the norms judged on ``as_of``."""
    qs = HelpRequest.objects.all()
    if municipality:
        qs = qs.filter(municipality__code=municipality)
    kpis = IntakeKpis(start, end, as_of)
    before = Period(start, end).shifted_years(-1)
    year_before = (before.start, before.end)
    kpis.requests_previous = qs.filter(received_on__range=year_before).count()

    in_period = list(
        qs.filter(received_on__range=(start, end))
        .select_related("municipality", "area")
        .prefetch_related("events")
        .order_by("received_on", "id")
    )
    kpis.requests = len(in_period)
    months = Counter(r.received_on.strftime("%Y-%m") for r in in_period)
    referrers = Counter(r.referrer_type for r in in_period)
    kpis.referrers = [
        CountLine(REFERRER_TYPES.get(code, code), n, share(n, kpis.requests)) for code, n in referrers.most_common()
    ]
    triage = Counter(r.triage for r in in_period if r.triage)
    triaged = sum(triage.values())
    kpis.triage = [CountLine(level, triage[level], share(triage[level], triaged)) for level in _TRIAGE_ORDER]
    kpis.withdrawn = sum(r.state == "withdrawn" for r in in_period)

    top = "HLV" if not municipality else municipality_name(municipality)
    groups: dict[str, list[list[StepResult]]] = {top: []}
    by_month: dict[str, list[list[StepResult]]] = {}
    for r in in_period:
        results = measure(norm_events(r), as_of)
        groups[top].append(results)
        by_month.setdefault(r.received_on.strftime("%Y-%m"), []).append(results)
        if not municipality:
            groups.setdefault(r.municipality.name, []).append(results)
        elif r.area:
            groups.setdefault(r.area.name, []).append(results)
    kpis.step_labels = [step_label(s) for s in Step]
    shares = shares_by_group(groups)
    order = {name: i for i, name in enumerate(MUNICIPALITIES.values())}
    labels = [top, *sorted((g for g in shares if g != top), key=lambda g: (order.get(g, len(order)), g))]
    kpis.norms = [_norm_line(label, shares[label]) for label in labels]

    spells = spells_of(qs)
    kpis.quarter_end = quarter_end_before(end)
    kpis.waiting_end = waiting_on(spells, end)["total"]
    kpis.waiting_quarter_end = waiting_on(spells, kpis.quarter_end)["total"]
    kpis.bridging = share_bridging(spells, end)
    kpis.waiting_by_care_type = _growth(spells, end, _care_type_label)
    kpis.waiting_by_area = _growth(spells, end, lambda s: s.area)
    kpis.waiting_by_provider = _growth(spells, end, lambda s: s.provider)[:10]
    month_shares = shares_by_group(by_month)
    for day in month_ends(start, end):
        key = day.strftime("%Y-%m")
        chain = month_shares[key].chain if key in month_shares else None
        kpis.per_month.append(MonthLine(key, months[key], waiting_on(spells, min(day, end))["total"], chain))
    started_in_period = [s for s in spells if s.started_care and s.end and start <= s.end <= end]
    times = waiting_times(started_in_period)
    kpis.waiting_started = len(times)
    kpis.waiting_median_days = median_days(times)

    kpis.coverage = family_coverage(start, end, municipality)
    return kpis


def family_coverage(start: date, end: date, municipality: str | None = None) -> Coverage:
    """Gezinsplan and vast aanspreekpunt among the meervoudige and complex requests
    received in ``[start, end]``."""
    qs = HelpRequest.objects.filter(triage__in=["meervoudig", "complex"], received_on__range=(start, end))
    if municipality:
        qs = qs.filter(municipality__code=municipality)
    return coverage((bool(p.strip()), bool(c.strip())) for p, c in qs.values_list("family_plan", "contact_person"))


_TRIAGE_ORDER = ("enkelvoudig", "meervoudig", "complex")


def _care_type_label(spell: Spell) -> str:
    labels = {c.value: str(label) for c, label in CARE_TYPE_LABELS.items()}
    return labels.get(spell.care_type, _("type of care not recorded"))


def _norm_line(label: str, shares: NormShares) -> NormLine:
    return NormLine(label, [shares.steps[s] for s in Step], shares.chain, shares.counts["chain"])


def _growth(spells: list[Spell], day: date, key: object) -> list[GrowthLine]:
    rows = growth_since_quarter_end(spells, day, key=key)  # type: ignore[arg-type]
    lines = [GrowthLine(label, before, now) for label, (before, now, _growth) in rows.items() if before or now]
    return sorted(lines, key=lambda line: (-line.now, line.label))


@dataclass
class ComplaintLine:
    label: str
    now: int
    before: int


@dataclass
class QualityKpis:
    start: date
    end: date
    previous_start: date
    previous_end: date
    complaints: list[ComplaintLine] = field(default_factory=list)
    complaints_total: int = 0
    complaints_total_before: int = 0
    escalated: int = 0
    picked_up: Decimal | None = None
    safety: list[tuple[str, safety.Indicator]] = field(default_factory=list)
    satisfaction: list[tuple[str, safety.SatisfactionResult]] = field(default_factory=list)
    registers_empty: bool = True


def quality_kpis(start: date, end: date, as_of: date) -> QualityKpis:
    """Complaints (against the same period a year earlier), the safety agreements and
    the satisfaction measurements of JENS (HLV) for ``[start, end]``."""
    before = Period(start, end).shifted_years(-1)
    previous = (before.start, before.end)
    kpis = QualityKpis(start, end, *previous)
    complaints = [c.as_domain() for c in Complaint.objects.filter(Q(received_on__gte=previous[0]))]
    now = complaint_counts(complaints, start, end)
    before = complaint_counts(complaints, *previous)
    kpis.complaints = [ComplaintLine(str(COMPLAINT_LABELS[c]), now[c], before[c]) for c in now]
    kpis.complaints_total, kpis.complaints_total_before = sum(now.values()), sum(before.values())
    kpis.escalated = sum(c.escalated for c in complaints if start <= c.received <= end)
    kpis.picked_up = picked_up_in_time(complaints, start, end)

    reports = [r.as_domain() for r in VeiligThuisReport.objects.all()]
    cases = [c.as_domain() for c in MeldcodeCase.objects.all()]
    meetings = [m.as_domain() for m in ThemeMeeting.objects.all()]
    labels = _safety_labels()
    kpis.safety = [(labels[i.key], i) for i in safety.safety_table(reports, cases, meetings, start, end, as_of)]
    measurements = [m.as_domain() for m in SatisfactionMeasurement.objects.all()]
    kpis.satisfaction = [
        (str(SATISFACTION_LABELS[r.group]), r) for r in safety.satisfaction_summary(measurements, start, end)
    ]
    kpis.registers_empty = not (reports or cases or meetings or measurements)
    return kpis


def _safety_labels() -> dict[str, str]:
    return {
        "theme_meetings": _("Theme meetings on domestic violence and child abuse"),
        "theme_attendance": _("Staff attendance at the theme meetings"),
        "meldcode_investigated": _(
            "Cases where the meldcode was not followed although it should have been: investigated"
        ),
        "veilig_thuis_followed_up": _("Veilig Thuis reports followed up"),
        "veilig_thuis_investigated": _("Veilig Thuis reports not followed up: investigated"),
    }
