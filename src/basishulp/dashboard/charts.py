"""Server-side SVG charts for the dashboard (pure Python, no Django, no JavaScript).

Rules:
- Every chart is one ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` referenced
  by ``aria-labelledby``; every data point or bar carries its own ``<title>`` (a
  tooltip in browsers, read by screen readers). The caller shows the same values in
  a table next to the chart, so the chart is never the only way to read them.
- Colours are SVG presentation attributes, not ``style`` attributes, so the charts
  also work under a strict Content-Security-Policy and in print.
- All text is escaped here; labels and the number formatter come from the caller
  (which translates and localises them), so this module stays free of Django.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

__all__ = [
    "Bin",
    "LinePanel",
    "LineSeries",
    "bar_list_svg",
    "duration_bins",
    "histogram_svg",
    "line_chart_svg",
    "nice_ticks",
    "share_bar_svg",
]

Number = int | float
Formatter = Callable[[Number], str]

#: Colour-blind safe palette (Okabe-Ito), darkened where needed for contrast.
PALETTE = {
    "in_care": "#0b5394",
    "inflow": "#009e73",
    "outflow": "#d55e00",
    "bar": "#0b5394",
    "k2": "#0b5394",
    "k3": "#e69f00",
    "k1": "#009e73",
    "target": "#b00020",
    "grid": "#d9dde3",
    "axis": "#4a4f57",
    "text": "#1f2328",
    "highlight": "#eef3fa",
}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


def _default_format(value: Number) -> str:
    return f"{value:g}"


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _num(value: float) -> str:
    """Coordinates with at most one decimal."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering ``[low, high]`` (steps of 1, 2, 2.5 or 5 × 10^k)."""
    if high < low:
        low, high = high, low
    if high == low:
        high = low + 1
    raw_step = (high - low) / max(1, count)
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = magnitude
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * magnitude
        if step >= raw_step:
            break
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    ticks = []
    value = first
    while value <= last + step / 1000:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _svg_open(chart_id: str, width: int, height: int, title: str, desc: str, css_class: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {_attr(css_class)}" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMidYMid meet" '
        f'aria-labelledby="{_attr(chart_id)}-title {_attr(chart_id)}-desc" '
        f'font-family="{_attr(FONT)}" font-size="12" fill="{PALETTE["text"]}">',
        f'<title id="{_attr(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{_attr(chart_id)}-desc">{escape(desc)}</desc>',
    ]


# --------------------------------------------------------------------------- lines


@dataclass(frozen=True)
class LineSeries:
    key: str  # css-safe identifier, e.g. "in_care"
    label: str
    values: Sequence[Number]
    color: str = ""
    dashed: bool = False


@dataclass(frozen=True)
class LinePanel:
    y_label: str
    series: Sequence[LineSeries]
    height: int = 180
    zero_based: bool = False


def line_chart_svg(
    *,
    chart_id: str,
    title: str,
    desc: str,
    x_labels: Sequence[str],
    x_titles: Sequence[str] | None = None,
    x_sublabels: Sequence[str] | None = None,
    x_axis_label: str,
    panels: Sequence[LinePanel],
    highlight: tuple[int, int] | None = None,
    highlight_label: str = "",
    fmt: Formatter = _default_format,
    width: int = 960,
) -> str:
    """One or more stacked line panels sharing the x axis (months).

    ``highlight`` is an inclusive index range of ``x_labels`` shaded as the chosen
    period. ``x_sublabels`` is an optional second line under the labels (e.g. the year
    at January). Each point is a ``<circle class="point point-<key>">``.
    """
    n = len(x_labels)
    titles = list(x_titles) if x_titles is not None else list(x_labels)
    left, right, top = 64, 16, 34
    gap, bottom = 26, 60 if x_sublabels else 46
    height = top + sum(p.height for p in panels) + gap * (len(panels) - 1) + bottom
    plot_w = width - left - right
    step = plot_w / max(1, n)

    def x_at(i: int) -> float:
        return left + step * (i + 0.5)

    out = _svg_open(chart_id, width, height, title, desc, "chart-lines")

    # legend
    lx = left
    for panel in panels:
        for s in panel.series:
            color = s.color or PALETTE.get(s.key, PALETTE["bar"])
            dash = ' stroke-dasharray="6 4"' if s.dashed else ""
            out.append(
                f'<g class="legend-item"><line x1="{_num(lx)}" y1="14" x2="{_num(lx + 22)}" y2="14" '
                f'stroke="{color}" stroke-width="3"{dash}/>'
                f'<circle cx="{_num(lx + 11)}" cy="14" r="3.5" fill="{color}"/>'
                f'<text x="{_num(lx + 28)}" y="18">{escape(s.label)}</text></g>'
            )
            lx += 40 + 7 * len(s.label)
    if highlight is not None and highlight_label:
        out.append(
            f'<rect x="{_num(lx)}" y="6" width="22" height="16" '
            f'fill="{PALETTE["highlight"]}" stroke="{PALETTE["grid"]}"/>'
            f'<text x="{_num(lx + 28)}" y="18">{escape(highlight_label)}</text>'
        )

    y0 = top
    for p_index, panel in enumerate(panels):
        values = [v for s in panel.series for v in s.values]
        low = 0 if panel.zero_based or not values else min(values)
        high = max(values) if values else 1
        if not panel.zero_based and values:
            pad = max(1.0, (high - low) * 0.1)
            low = max(0.0, low - pad)
            high = high + pad
        ticks = nice_ticks(low, high, 4)
        t_low, t_high = ticks[0], ticks[-1]
        span = (t_high - t_low) or 1

        def y_at(v: Number, _y0: float = y0, _h: int = panel.height, _low: float = t_low, _span: float = span) -> float:
            return _y0 + _h - (float(v) - _low) / _span * _h

        out.append(f'<g class="panel panel-{p_index}">')
        if highlight is not None:
            a, b = highlight
            out.append(
                f'<rect class="period-band" x="{_num(left + step * a)}" y="{y0}" '
                f'width="{_num(step * (b - a + 1))}" height="{panel.height}" fill="{PALETTE["highlight"]}"/>'
            )
        for t in ticks:
            ty = y_at(t)
            out.append(
                f'<line x1="{left}" y1="{_num(ty)}" x2="{width - right}" y2="{_num(ty)}" '
                f'stroke="{PALETTE["grid"]}" stroke-width="1"/>'
                f'<text x="{left - 6}" y="{_num(ty + 4)}" text-anchor="end">{escape(fmt(t))}</text>'
            )
        cy = y0 + panel.height / 2
        out.append(
            f'<text class="axis-label" x="14" y="{_num(cy)}" text-anchor="middle" '
            f'transform="rotate(-90 14 {_num(cy)})">{escape(panel.y_label)}</text>'
        )
        out.append(
            f'<line x1="{left}" y1="{y0 + panel.height}" x2="{width - right}" y2="{y0 + panel.height}" '
            f'stroke="{PALETTE["axis"]}" stroke-width="1"/>'
        )
        for s in panel.series:
            color = s.color or PALETTE.get(s.key, PALETTE["bar"])
            points = [(x_at(i), y_at(v)) for i, v in enumerate(s.values)]
            if len(points) > 1:
                path = " ".join(f"{_num(x)},{_num(y)}" for x, y in points)
                dash = ' stroke-dasharray="6 4"' if s.dashed else ""
                out.append(
                    f'<polyline class="line line-{_attr(s.key)}" points="{path}" fill="none" '
                    f'stroke="{color}" stroke-width="2.5" stroke-linejoin="round"{dash}/>'
                )
            for i, ((x, y), v) in enumerate(zip(points, s.values, strict=True)):
                out.append(
                    f'<circle class="point point-{_attr(s.key)}" cx="{_num(x)}" cy="{_num(y)}" r="3.5" '
                    f'fill="{color}"><title>{escape(titles[i])}: {escape(s.label)} {escape(fmt(v))}</title></circle>'
                )
        out.append("</g>")
        y0 += panel.height + gap

    # x axis labels (below the last panel)
    base = y0 - gap
    every = max(1, math.ceil(n / 12))
    for i, label in enumerate(x_labels):
        if i % every:
            continue
        out.append(f'<text x="{_num(x_at(i))}" y="{base + 16}" text-anchor="middle">{escape(label)}</text>')
        if x_sublabels and x_sublabels[i]:
            out.append(
                f'<text x="{_num(x_at(i))}" y="{base + 31}" text-anchor="middle" font-weight="600">'
                f"{escape(x_sublabels[i])}</text>"
            )
    out.append(f'<text class="axis-label" x="{left + plot_w / 2:.0f}" y="{height - 6}" text-anchor="middle">')
    out.append(f"{escape(x_axis_label)}</text>")
    out.append("</svg>")
    return "".join(out)


# ------------------------------------------------------------------- histogram


@dataclass(frozen=True)
class Bin:
    low: int  # inclusive
    high: int | None  # inclusive; None = open-ended
    count: int

    def label(self, open_fmt: str = "≥ {low}") -> str:
        if self.high is None:
            return open_fmt.format(low=self.low)
        return f"{self.low}–{self.high}"


def duration_bins(durations: Sequence[int], width: int = 90, limit: int = 1080) -> list[Bin]:
    """Counts of durations (days, ≥ 1) in bins ``1–90, 91–180, …`` and ``≥ limit+1``."""
    edges = list(range(0, limit, width))
    counts = [0] * (len(edges) + 1)
    for d in durations:
        index = min((max(d, 1) - 1) // width, len(edges))
        counts[index] += 1
    bins = [Bin(e + 1, e + width, counts[i]) for i, e in enumerate(edges)]
    bins.append(Bin(limit + 1, None, counts[-1]))
    return bins


def histogram_svg(
    *,
    chart_id: str,
    title: str,
    desc: str,
    bins: Sequence[Bin],
    x_axis_label: str,
    y_axis_label: str,
    bar_title: Callable[[Bin], str],
    bin_label: Callable[[Bin], str] = lambda b: b.label(),
    marker: float | None = None,
    marker_label: str = "",
    fmt: Formatter = _default_format,
    width: int = 560,
    height: int = 240,
) -> str:
    """Vertical bars, one per bin; ``marker`` (a value on the bin scale) draws a target line."""
    left, right, top, bottom = 56, 12, 24, 58
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(1, len(bins))
    step = plot_w / n
    ticks = nice_ticks(0, max([b.count for b in bins] + [1]), 4)
    t_high = ticks[-1] or 1

    out = _svg_open(chart_id, width, height, title, desc, "chart-histogram")
    for t in ticks:
        ty = top + plot_h - t / t_high * plot_h
        out.append(
            f'<line x1="{left}" y1="{_num(ty)}" x2="{width - right}" y2="{_num(ty)}" stroke="{PALETTE["grid"]}"/>'
            f'<text x="{left - 6}" y="{_num(ty + 4)}" text-anchor="end">{escape(fmt(t))}</text>'
        )
    for i, b in enumerate(bins):
        h = b.count / t_high * plot_h
        x = left + step * i + 2
        out.append(
            f'<rect class="bar" x="{_num(x)}" y="{_num(top + plot_h - h)}" width="{_num(step - 4)}" '
            f'height="{_num(h)}" fill="{PALETTE["bar"]}"><title>{escape(bar_title(b))}</title></rect>'
        )
        lx = left + step * (i + 0.5)
        ly = top + plot_h + 12
        out.append(
            f'<text x="{_num(lx)}" y="{_num(ly)}" font-size="10" text-anchor="end" '
            f'transform="rotate(-35 {_num(lx)} {_num(ly)})">{escape(bin_label(b))}</text>'
        )
    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="{PALETTE["axis"]}"/>'
    )
    if marker is not None and bins:
        # position on a continuous scale: bin i covers [low_i - 1, high_i]
        first_low = bins[0].low - 1
        bin_width = (bins[0].high or bins[0].low) - first_low
        mx = left + (marker - first_low) / bin_width * step
        if left <= mx <= width - right:
            out.append(
                f'<line class="target" x1="{_num(mx)}" y1="{top - 6}" x2="{_num(mx)}" y2="{top + plot_h}" '
                f'stroke="{PALETTE["target"]}" stroke-width="2" stroke-dasharray="5 3"/>'
                f'<text x="{_num(mx + 4)}" y="{top + 4}" fill="{PALETTE["target"]}">{escape(marker_label)}</text>'
            )
    cy = top + plot_h / 2
    out.append(
        f'<text class="axis-label" x="14" y="{_num(cy)}" text-anchor="middle" '
        f'transform="rotate(-90 14 {_num(cy)})">{escape(y_axis_label)}</text>'
        f'<text class="axis-label" x="{left + plot_w / 2:.0f}" y="{height - 4}" text-anchor="middle">'
        f"{escape(x_axis_label)}</text>"
    )
    out.append("</svg>")
    return "".join(out)


# -------------------------------------------------------------------- bar list


def _truncate(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def bar_list_svg(
    *,
    chart_id: str,
    title: str,
    desc: str,
    items: Sequence[tuple[str, Number]],
    fmt: Formatter = _default_format,
    bar_title: Callable[[str, Number], str] | None = None,
    width: int = 560,
    row_height: int = 26,
    color: str = "",
) -> str:
    """Horizontal bars, one row per ``(label, value)``, value printed after the bar."""
    label_chars = min(30, max([len(label) for label, _ in items] + [4]))
    left = 12 + int(label_chars * 6.8)
    right = 64
    height = max(1, len(items)) * row_height + 8
    maximum = max([float(v) for _, v in items] + [1.0])
    plot_w = width - left - right
    fill = color or PALETTE["bar"]
    out = _svg_open(chart_id, width, height, title, desc, "chart-bars")
    for i, (label, value) in enumerate(items):
        y = 4 + i * row_height
        w = float(value) / maximum * plot_w
        tip = bar_title(label, value) if bar_title else f"{label}: {fmt(value)}"
        out.append(
            f'<text x="{left - 8}" y="{_num(y + row_height / 2 + 4)}" text-anchor="end">'
            f"{escape(_truncate(label, 30))}</text>"
            f'<rect class="bar" x="{left}" y="{_num(y + 4)}" width="{_num(max(w, 1))}" '
            f'height="{row_height - 8}" fill="{fill}"><title>{escape(tip)}</title></rect>'
            f'<text x="{_num(left + max(w, 1) + 6)}" y="{_num(y + row_height / 2 + 4)}">{escape(fmt(value))}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def share_bar_svg(
    *,
    chart_id: str,
    title: str,
    desc: str,
    parts: Sequence[tuple[str, str, Number]],
    part_label: Callable[[str, Number, float], str],
    width: int = 560,
    height: int = 64,
) -> str:
    """One 100 % stacked bar; ``parts`` are ``(key, label, value)``; keys pick the colour."""
    total = sum(float(v) for _, _, v in parts) or 1.0
    out = _svg_open(chart_id, width, height, title, desc, "chart-share")
    x = 0.0
    bar_h = 30
    for key, label, value in parts:
        w = float(value) / total * width
        share = float(value) / total
        text = part_label(label, value, share)
        out.append(
            f'<rect class="part part-{_attr(key)}" x="{_num(x)}" y="0" width="{_num(w)}" height="{bar_h}" '
            f'fill="{PALETTE.get(key, PALETTE["bar"])}"><title>{escape(text)}</title></rect>'
        )
        if w > 80:
            out.append(
                f'<text x="{_num(x + 8)}" y="{bar_h - 10}" fill="#ffffff" font-weight="600">'
                f"{escape(_truncate(text, max(4, int(w / 7.5))))}</text>"
            )
        x += w
    # legend below
    lx = 0.0
    for key, label, _value in parts:
        out.append(
            f'<rect x="{_num(lx)}" y="{bar_h + 14}" width="12" height="12" fill="{PALETTE.get(key, PALETTE["bar"])}"/>'
            f'<text x="{_num(lx + 18)}" y="{bar_h + 24}">{escape(label)}</text>'
        )
        lx += 40 + 7 * len(label)
    out.append("</svg>")
    return "".join(out)
