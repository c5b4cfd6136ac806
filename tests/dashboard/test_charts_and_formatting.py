"""SVG charts (pure) and Dutch/English number formatting."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # our own generated SVG, not untrusted input
from decimal import Decimal

import pytest

from django.utils import translation

from basishulp.dashboard import charts
from basishulp.dashboard.templatetags.basishulp_ui import number, percent, signed


def _line_chart(values):
    labels = [f"m{i}" for i in range(len(values))]
    return charts.line_chart_svg(
        chart_id="c",
        title="Clients & care",
        desc="desc <here>",
        x_labels=labels,
        x_axis_label="Month",
        panels=[charts.LinePanel("In care", [charts.LineSeries("in_care", "In care", values)])],
        highlight=(1, 2),
        highlight_label="Period",
    )


@pytest.mark.parametrize("count", [1, 6, 12, 24])
def test_line_chart_has_one_point_per_month_and_is_valid_xml(count):
    svg = _line_chart(list(range(100, 100 + count)))
    root = ET.fromstring(svg)  # noqa: S314 - well-formed, text escaped
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.find(f"{ns}title").text == "Clients & care"
    assert root.find(f"{ns}desc").text == "desc <here>"
    assert len(root.findall(f".//{ns}circle[@class='point point-in_care']")) == count


def test_line_chart_puts_higher_values_higher():
    svg = _line_chart([10, 50, 30])
    ys = [float(y) for y in re.findall(r'class="point point-in_care" cx="[\d.]+" cy="([\d.]+)"', svg)]
    assert ys[1] < ys[2] < ys[0]  # SVG y grows downwards


def test_duration_bins_count_every_journey_once():
    bins = charts.duration_bins([1, 90, 91, 315, 1080, 1081, 5000])
    assert sum(b.count for b in bins) == 7
    assert (bins[0].low, bins[0].high, bins[0].count) == (1, 90, 2)
    assert (bins[1].count, bins[3].count) == (1, 1)  # 91; 315 in 271-360
    assert (bins[-1].low, bins[-1].high, bins[-1].count) == (1081, None, 2)


def test_histogram_and_bar_list_are_valid_svg():
    hist = charts.histogram_svg(
        chart_id="h",
        title="t",
        desc="d",
        bins=charts.duration_bins([10, 200, 400]),
        x_axis_label="days",
        y_axis_label="n",
        bar_title=lambda b: f"{b.low}: {b.count}",
        marker=315,
        marker_label="target",
    )
    ET.fromstring(hist)  # noqa: S314
    assert hist.count('class="bar"') == 13
    assert 'class="target"' in hist
    bars = charts.bar_list_svg(chart_id="b", title="t", desc="d", items=[("A & B", 3), ("C", 1)])
    ET.fromstring(bars)  # noqa: S314
    assert bars.count('class="bar"') == 2


@pytest.mark.parametrize(("low", "high"), [(0, 1), (0, 7), (2300, 2600), (0, 0), (5, 5), (0.2, 0.9)])
def test_nice_ticks_cover_the_range(low, high):
    ticks = charts.nice_ticks(low, high)
    assert ticks[0] <= low and ticks[-1] >= high
    assert ticks == sorted(ticks)


def test_dutch_number_formatting():
    with translation.override("nl"):
        assert number(1699) == "1.699"
        assert number(Decimal("2434.2")) == "2.434,2"
        assert percent(Decimal("0.452")) == "45,2%"
        assert signed(-80) == "-80"
        assert signed(Decimal("12.5")) == "+12,5"
        assert number(None) == "–"


def test_english_number_formatting():
    with translation.override("en"):
        assert number(1699) == "1,699"
        assert percent(Decimal("0.452")) == "45.2%"
