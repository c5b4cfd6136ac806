"""Reads of the comparisons app: published figures, CBS figures, realised costs."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from basishulp.kpi.domain.periods import Period, PeriodError, parse_period

from .domain.published import HLV, PublishedValue, scope_order
from .models import CbsFigure, PublishedFigure

__all__ = [
    "cbs_figures",
    "cbs_years",
    "published_figures",
    "published_periods",
    "realised_total_costs",
    "values_of",
]


def published_figures(up_to: Period | None = None, scopes: Sequence[str] | None = None) -> list[PublishedFigure]:
    """Published figures of periods that end on or before ``up_to.end`` (all when
    ``None``), for ``scopes`` (all when ``None``), in report order: period, source,
    scope (HLV first), measure."""
    from .domain.published import MEASURES

    rows = PublishedFigure.objects.all()
    if scopes is not None:
        rows = rows.filter(scope__in=list(scopes))
    result = []
    for row in rows:
        try:
            period = parse_period(row.period)
        except PeriodError:  # pragma: no cover - the field validator keeps these out
            continue
        if up_to is None or period.end <= up_to.end:
            result.append((period, row))
    result.sort(
        key=lambda item: (
            item[0].start,
            item[0].end,
            item[1].source,
            scope_order(item[1].scope),
            MEASURES.index(item[1].measure) if item[1].measure in MEASURES else len(MEASURES),
        )
    )
    return [row for _period, row in result]


def values_of(figures: Sequence[PublishedFigure]) -> list[PublishedValue]:
    return [PublishedValue(f.source, f.period, f.scope, f.measure, Decimal(f.value)) for f in figures]


def published_periods() -> list[str]:
    """The distinct published periods, the latest (by end, then start) first."""
    labels = set(PublishedFigure.objects.values_list("period", flat=True).distinct())
    periods = []
    for label in labels:
        try:
            periods.append(parse_period(label))
        except PeriodError:  # pragma: no cover
            continue
    periods.sort(key=lambda p: (p.end, p.start), reverse=True)
    return [p.label for p in periods]


def cbs_figures(year: int) -> dict[str, CbsFigure]:
    """The CBS figures of ``year`` by region code."""
    return {f.region_code: f for f in CbsFigure.objects.filter(year=year)}


def cbs_years() -> list[int]:
    """Years with at least one CBS figure, ascending."""
    return sorted(set(CbsFigure.objects.values_list("year", flat=True)))


def realised_total_costs(period: Period, scope: str) -> Decimal | None:
    """All costs before the meerkosten contribution in the realisation statement of a
    year or half-year (the base of the cost per client per month), or ``None``."""
    from basishulp.finance.domain.statement import Statement as Column
    from basishulp.finance.models import Statement
    from basishulp.finance.source_data import STATEMENT_FIELDS

    label = period.label
    if len(label) == 4 and label.isdigit():
        year, half = int(label), 0
    elif len(label) == 7 and label[4:6].upper() == "-H":
        year, half = int(label[:4]), int(label[6])
    else:
        return None
    rows = Statement.objects.filter(year=year, half=half, kind=Statement.Kind.REALISATION)
    rows = rows.filter(municipality=None) if scope == HLV else rows.filter(municipality__code=scope)
    row = rows.first()
    if row is None:
        return None
    return Column(*(Decimal(getattr(row, f)) for f in STATEMENT_FIELDS)).total_costs
