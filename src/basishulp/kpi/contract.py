"""The command-line JSON contract for KPI output (data-formats.md §2).

Engines return :class:`FlowRow` / :class:`JourneyRow`; this module turns them into
the stable JSON documents and the readable tables. Decimals become JSON numbers
with the contract's precision (one decimal for averages, three for shares).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from .domain.indicators import FlowRow, JourneyRow
from .domain.periods import Period

__all__ = ["flows_document", "flows_table", "journeys_document", "journeys_table"]


def _num(value: Decimal | int | None) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    return value


def _period(period: Period) -> dict[str, str]:
    return {"from": period.start.isoformat(), "to": period.end.isoformat()}


def flows_document(period: Period, as_of: date, rows: list[FlowRow]) -> dict[str, Any]:
    return {
        "period": _period(period),
        "as_of": as_of.isoformat(),
        "rows": [
            {
                "group": r.group,
                "begin": r.begin,
                "inflow": r.inflow,
                "subtotal": r.subtotal,
                "outflow": r.outflow,
                "end": r.end,
                "monthly_average": _num(r.monthly_average),
            }
            for r in rows
        ],
    }


def journeys_document(period: Period, as_of: date, rows: list[JourneyRow]) -> dict[str, Any]:
    return {
        "period": _period(period),
        "as_of": as_of.isoformat(),
        "rows": [
            {
                "group": r.group,
                "closed": r.closed,
                "duration_mean": _num(r.duration_mean),
                "duration_median": r.duration_median,
                "duration_p90": r.duration_p90,
                "end_reasons": {code: _num(share) for code, share in r.end_reasons.items()},
                "clients_in_care": r.clients_in_care,
                "returning_share": _num(r.returning_share),
            }
            for r in rows
        ],
    }


def _table(headers: list[str], body: list[list[str]]) -> str:
    widths = [max(len(h), *(len(row[i]) for row in body)) if body else len(h) for i, h in enumerate(headers)]
    lines = [
        "  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(headers, widths, strict=True)))
    ]
    lines.append("  ".join("-" * w for w in widths))
    for row in body:
        lines.append(
            "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        )
    return "\n".join(lines)


def _fmt(value: Decimal | int | None) -> str:
    return "-" if value is None else str(value)


def flows_table(period: Period, as_of: date, rows: list[FlowRow]) -> str:
    head = f"Client flows {period.start.isoformat()} .. {period.end.isoformat()} (as of {as_of.isoformat()})"
    body = [
        [r.group, str(r.begin), f"+{r.inflow}", str(r.subtotal), f"-{r.outflow}", str(r.end), str(r.monthly_average)]
        for r in rows
    ]
    return head + "\n" + _table(["group", "begin", "inflow", "subtotal", "outflow", "end", "monthly_avg"], body)


def journeys_table(period: Period, as_of: date, rows: list[JourneyRow]) -> str:
    head = f"Client journeys {period.start.isoformat()} .. {period.end.isoformat()} (as of {as_of.isoformat()})"
    body = []
    for r in rows:
        reasons = ", ".join(f"{code}: {share}" for code, share in r.end_reasons.items()) or "-"
        body.append(
            [
                r.group,
                str(r.closed),
                _fmt(r.duration_mean),
                _fmt(r.duration_median),
                _fmt(r.duration_p90),
                str(r.clients_in_care),
                _fmt(r.returning_share),
                reasons,
            ]
        )
    headers = ["group", "closed", "mean_days", "median", "p90", "in_care", "returning", "end_reasons"]
    return head + "\n" + _table(headers, body)
