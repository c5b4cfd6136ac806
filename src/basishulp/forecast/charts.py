"""Server-side SVG for the forecast pages (pure Python, no Django; ADR 0003).

One chart type: months along the x axis, with **bands** (shaded areas between a low
and a high series, such as the 80% and 95% ranges of a forecast) and **lines** (the
realised clients in care, the forecast median, a step line for the client norm).
Series are aligned with the month labels; ``None`` leaves a gap, so a line or band can
cover part of the months only (history before the cut-off, forecast after it).

The rules of :mod:`basishulp.dashboard.charts` hold: one ``<svg role="img">`` with a
``<title>`` and ``<desc>``, a ``<title>`` on every data point, colours as presentation
attributes (strict CSP, print), text escaped here, labels and number format from the
caller, and the same figures in a table next to the chart.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape

from basishulp.dashboard.charts import FONT, PALETTE, nice_ticks

__all__ = ["Band", "Line", "Marker", "fan_chart_svg"]

Value = float | None
Formatter = Callable[[float], str]

#: The forecast's colours: the median in the dashboard's "in care" blue, its bands in
#: lighter shades of it; the realised months in near-black; the norm in the target red.
COLORS = {
    "history": "#1f2328",
    "median": PALETTE["in_care"],
    "band95": "#c9dcef",
    "band80": "#8fb8e0",
    "norm": PALETTE["target"],
    # a scenario next to the base forecast: orange against the blue (told apart with the
    # common colour blindnesses), dark enough for contrast on white
    "scenario": "#b35900",
}


@dataclass(frozen=True)
class Line:
    key: str  # css-safe identifier: class="line line-<key>", points "point-<key>"
    label: str
    values: Sequence[Value]
    color: str = ""
    dashed: bool = False
    step: bool = False  # a step line (a value per month drawn flat across the month)
    points: bool = True  # a marker with a tooltip per value
    #: the tooltip of each point (default: "<month>: <label> <value>"); no point where it is empty
    titles: Sequence[str] | None = None
    legend: bool = True  # an entry in the legend
    width: float = 0  # the stroke width; 0: the default (2.5, a step line 2)


@dataclass(frozen=True)
class Band:
    key: str
    label: str
    low: Sequence[Value]
    high: Sequence[Value]
    color: str = ""


@dataclass(frozen=True)
class Marker:
    """A vertical line before month ``index`` (e.g. the cut-off), with a label."""

    index: int
    label: str


@dataclass
class _Legend:
    width: int
    items: list[tuple[str, str, str]] = field(default_factory=list)  # kind, colour/dash, label

    def rows(self, left: int) -> list[list[tuple[float, tuple[str, str, str]]]]:
        rows: list[list[tuple[float, tuple[str, str, str]]]] = [[]]
        x = float(left)
        for item in self.items:
            size = 40 + 7 * len(item[2])
            if rows[-1] and x + size > self.width - 8:
                rows.append([])
                x = float(left)
            rows[-1].append((x, item))
            x += size
        return rows


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _runs(values: Sequence[Value]) -> list[list[int]]:
    """Index runs without gaps."""
    runs: list[list[int]] = []
    for i, v in enumerate(values):
        if v is None:
            continue
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def fan_chart_svg(
    *,
    chart_id: str,
    title: str,
    desc: str,
    x_labels: Sequence[str],
    x_sublabels: Sequence[str] | None = None,
    x_titles: Sequence[str] | None = None,
    x_axis_label: str,
    y_label: str,
    lines: Sequence[Line],
    bands: Sequence[Band] = (),
    marker: Marker | None = None,
    fmt: Formatter = lambda v: f"{v:g}",
    label_every: int = 0,
    width: int = 960,
    plot_height: int = 300,
) -> str:
    """Months along x (``x_labels``; ``x_sublabels``, e.g. the year at January, as a
    second line); bands drawn first, then lines. ``label_every`` shows every n-th month
    label (default: about twelve labels)."""
    n = len(x_labels)
    titles = list(x_titles) if x_titles is not None else list(x_labels)
    left, right = 64, 16
    legend = _Legend(width)
    for b in bands:
        legend.items.append(("band", b.color or COLORS.get(b.key, PALETTE["highlight"]), b.label))
    for line in lines:
        if not line.legend:
            continue
        kind = "dashed" if line.step or line.dashed else "line"
        legend.items.append((kind, line.color or COLORS.get(line.key, PALETTE["bar"]), line.label))
    legend_rows = legend.rows(left)
    top = 20 + 20 * len(legend_rows)
    bottom = 60 if x_sublabels else 46
    height = top + plot_height + bottom
    plot_w = width - left - right
    step = plot_w / max(1, n)

    def x_at(i: float) -> float:
        return left + step * (i + 0.5)

    values = [v for line in lines for v in line.values if v is not None]
    values += [v for b in bands for v in (*b.low, *b.high) if v is not None]
    low = min(values) if values else 0.0
    high = max(values) if values else 1.0
    pad = max(1.0, (high - low) * 0.08)
    ticks = nice_ticks(max(0.0, low - pad), high + pad, 5)
    t_low, t_span = ticks[0], (ticks[-1] - ticks[0]) or 1.0

    def y_at(v: float) -> float:
        return top + plot_height - (v - t_low) / t_span * plot_height

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-lines chart-fan" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMidYMid meet" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" id="{escape(chart_id)}" '
        f'font-family="{escape(FONT)}" font-size="12" fill="{PALETTE["text"]}">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>',
    ]
    # legend
    for r, row in enumerate(legend_rows):
        y = 14 + 20 * r
        for x, (kind, color, label) in row:
            if kind == "band":
                out.append(
                    f'<rect x="{_num(x)}" y="{y - 7}" width="22" height="14" fill="{color}" '
                    f'stroke="{PALETTE["grid"]}"/>'
                )
            else:
                dash = ' stroke-dasharray="6 4"' if kind == "dashed" else ""
                out.append(
                    f'<line x1="{_num(x)}" y1="{y}" x2="{_num(x + 22)}" y2="{y}" stroke="{color}" '
                    f'stroke-width="3"{dash}/>'
                )
            out.append(f'<text x="{_num(x + 28)}" y="{y + 4}">{escape(label)}</text>')
    # grid and y axis
    for t in ticks:
        ty = y_at(t)
        out.append(
            f'<line x1="{left}" y1="{_num(ty)}" x2="{width - right}" y2="{_num(ty)}" stroke="{PALETTE["grid"]}"/>'
            f'<text x="{left - 6}" y="{_num(ty + 4)}" text-anchor="end">{escape(fmt(t))}</text>'
        )
    cy = top + plot_height / 2
    out.append(
        f'<text class="axis-label" x="14" y="{_num(cy)}" text-anchor="middle" '
        f'transform="rotate(-90 14 {_num(cy)})">{escape(y_label)}</text>'
    )
    # bands
    for b in bands:
        color = b.color or COLORS.get(b.key, PALETTE["highlight"])
        both = [lo if lo is not None and hi is not None else None for lo, hi in zip(b.low, b.high, strict=True)]
        for run in _runs(both):
            upper = [(x_at(i), y_at(float(b.high[i] or 0))) for i in run]
            lower = [(x_at(i), y_at(float(b.low[i] or 0))) for i in reversed(run)]
            points = " ".join(f"{_num(x)},{_num(y)}" for x, y in upper + lower)
            out.append(f'<polygon class="band band-{escape(b.key)}" points="{points}" fill="{color}" stroke="none"/>')
    # the marker (cut-off)
    if marker is not None and 0 <= marker.index <= n:
        mx = left + step * marker.index
        out.append(
            f'<line class="marker" x1="{_num(mx)}" y1="{top}" x2="{_num(mx)}" y2="{top + plot_height}" '
            f'stroke="{PALETTE["axis"]}" stroke-width="1.5" stroke-dasharray="3 3"/>'
            f'<text x="{_num(mx + 4)}" y="{top + 12}" fill="{PALETTE["axis"]}">{escape(marker.label)}</text>'
        )
    out.append(
        f'<line x1="{left}" y1="{top + plot_height}" x2="{width - right}" y2="{top + plot_height}" '
        f'stroke="{PALETTE["axis"]}"/>'
    )
    # lines
    for line in lines:
        color = line.color or COLORS.get(line.key, PALETTE["bar"])
        dash = ' stroke-dasharray="6 4"' if line.dashed or line.step else ""
        for run in _runs(line.values):
            if line.step:
                parts = []
                for k, i in enumerate(run):
                    level = _num(y_at(float(line.values[i] or 0)))
                    x0, x1 = _num(left + step * i), _num(left + step * (i + 1))
                    parts.append(f"M{x0},{level}H{x1}" if k == 0 else f"V{level}H{x1}")
                out.append(
                    f'<path class="line line-{escape(line.key)}" d="{"".join(parts)}" fill="none" '
                    f'stroke="{color}" stroke-width="{_num(line.width or 2)}"{dash}/>'
                )
            elif len(run) > 1:
                points = " ".join(f"{_num(x_at(i))},{_num(y_at(float(line.values[i] or 0)))}" for i in run)
                out.append(
                    f'<polyline class="line line-{escape(line.key)}" points="{points}" fill="none" '
                    f'stroke="{color}" stroke-width="{_num(line.width or 2.5)}" stroke-linejoin="round"{dash}/>'
                )
        if line.points:
            for i, v in enumerate(line.values):
                tip = line.titles[i] if line.titles is not None else f"{titles[i]}: {line.label} {fmt(v or 0)}"
                if v is None or not tip:
                    continue
                out.append(
                    f'<circle class="point point-{escape(line.key)}" cx="{_num(x_at(i))}" cy="{_num(y_at(v))}" '
                    f'r="2.5" fill="{color}"><title>{escape(tip)}</title></circle>'
                )
    # x labels
    base = top + plot_height
    every = label_every or max(1, math.ceil(n / 12))
    for i, label in enumerate(x_labels):
        if i % every == 0 and label:
            out.append(f'<text x="{_num(x_at(i))}" y="{base + 16}" text-anchor="middle">{escape(label)}</text>')
        if x_sublabels and x_sublabels[i]:
            out.append(
                f'<text x="{_num(x_at(i))}" y="{base + 31}" text-anchor="middle" font-weight="600">'
                f"{escape(x_sublabels[i])}</text>"
            )
    out.append(
        f'<text class="axis-label" x="{left + plot_w / 2:.0f}" y="{height - 6}" text-anchor="middle">'
        f"{escape(x_axis_label)}</text>"
    )
    out.append("</svg>")
    return "".join(out)
