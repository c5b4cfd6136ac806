"""The forecast pages (issue #7): /prognose/ and /prognose/terugblik/.

Data: the demo generator's trajectories of Landgraaf and Voerendaal only (a third of
the demo set, so an import takes well under a second) and the published finance
figures. The page's figures are compared with the service and the backtest called
directly, formatted here; the restrictions for municipality users are checked on the
page (and every response to them passes the disclosure scan of tests/conftest.py).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from django.core.cache import cache

from basishulp.demo.generator import generate
from basishulp.forecast import charts, pages
from basishulp.forecast.domain.backtest import backtest
from basishulp.forecast.services import run_forecast
from tests.dashboard.htmltables import table_rows
from tests.factories import MunicipalityFactory, ProfileFactory

pytestmark = pytest.mark.django_db

HEERLEN, LANDGRAAF, VOERENDAAL = "GM0917", "GM0882", "GM0986"
PATHS = 200  # simulated futures on the page in these tests (the page's default is 1000)
URL, BACKTEST_URL = "/prognose/", "/prognose/terugblik/"


@functools.cache
def _records():
    return tuple(r for r in generate() if r.municipality != HEERLEN)


@pytest.fixture(autouse=True)
def _fast_and_fresh(monkeypatch):
    monkeypatch.setattr(pages, "FORECAST_PATHS", PATHS)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def data(db):
    from basishulp.finance.source_data import load_source_figures
    from basishulp.trajecten.services import trajectories_import

    trajectories_import(records=list(_records()), filename="demo-lv.csv")
    load_source_figures()
    return _records()


@pytest.fixture
def controller(db):
    return ProfileFactory(controller=True, user__username="ctrl").user


@pytest.fixture
def landgraaf_user(db):
    municipality = MunicipalityFactory(code=LANDGRAAF, name="Landgraaf")
    return ProfileFactory(gemeente=True, municipality=municipality, user__username="gem-landgraaf").user


@pytest.fixture
def nl(client):
    client.cookies["django_language"] = "nl"
    return client


def _get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    return response, response.content.decode()


def _dutch(value) -> str:
    """Whole number, half up, Dutch grouping (independent of the page's filters)."""
    n = int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return ("-" if n < 0 else "") + f"{abs(n):,}".replace(",", ".")


def _five(value) -> int:
    return int(Decimal(str(value / 5)).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * 5


# ---------------------------------------------------------------------- forecast


def test_controller_sees_fan_chart_year_table_model_and_assumptions(nl, data, controller):
    response, html = _get(nl, controller, URL)
    assert response.status_code == 200
    cutoff = dt.date(2023, 12, 31)  # the data's last day is a month end
    assert 'name="cutoff" value="2023-12-31"' in html
    run = run_forecast(cutoff, None, paths=PATHS)

    svg = re.search(r"<svg[^>]*chart-fan.*?</svg>", html, re.S).group(0)
    assert '<title id="chart-forecast-title">' in svg and '<desc id="chart-forecast-desc">' in svg
    assert svg.count('class="band band-band80"') == 1 and svg.count('class="band band-band95"') == 1
    assert svg.count('class="point point-history"') == pages.HISTORY_MONTHS
    assert svg.count('class="point point-median"') == len(run.forecast.months)
    assert 'class="line line-norm"' in svg and 'class="marker"' in svg

    # the month table in <details>: realised months, then the forecast with its bands
    rows = table_rows(html, "forecast-months")[1:]
    assert len(rows) == pages.HISTORY_MONTHS + len(run.forecast.months)
    assert rows[pages.HISTORY_MONTHS - 1][1] == _dutch(run.history.in_care[-1])
    first = run.forecast.months[0]
    assert rows[pages.HISTORY_MONTHS][2:4] == [
        _dutch(first.in_care),
        f"{_dutch(first.in_care_80[0])} – {_dutch(first.in_care_80[1])}",
    ]

    # the year table: the service's figures
    years = table_rows(html, "forecast-years")[1:]
    assert [int(r[0][:4]) for r in years] == [y.year for y in run.years]
    for row, y in zip(years, run.years, strict=True):
        assert row[1] == _dutch(y.average_clients)
        assert row[2] == _dutch(y.client_norm)
        assert row[3] == _dutch(y.unit_cost)
        assert row[4] == f"{_dutch(y.costs)} ({_dutch(y.costs_80[0])} – {_dutch(y.costs_80[1])})"
        assert row[5] == _dutch(y.lump_sum) + (" *" if y.lump_sum_assumed else "")
        assert row[6] == f"{_dutch(y.result)} ({_dutch(y.result_80[0])} – {_dutch(y.result_80[1])})"
    assert any(y.lump_sum_assumed for y in run.years) and 'id="assumed-note"' in html

    # the model in words and every assumption of the service
    words = re.search(r'<ul class="model-words" id="model-words">(.*?)</ul>', html, re.S).group(1)
    assert words.count("<li>") == 4 and "1.000" not in words and f">{PATHS}" not in words
    assert f"{run.fit.mean_duration:.1f}".replace(".", ",") in words
    for note in run.assumptions:
        assert note[1:] in html, note
    assert 'href="/prognose/terugblik/"' in html


def test_the_cutoff_and_the_scope_can_be_chosen(nl, data, controller):
    _response, html = _get(nl, controller, URL + "?scope=GM0986&cutoff=2022-06-30")
    assert 'name="cutoff" value="2022-06-30"' in html
    assert '<option value="GM0986" selected>' in html
    run = run_forecast(dt.date(2022, 6, 30), VOERENDAAL, paths=PATHS)
    years = table_rows(html, "forecast-years")[1:]
    assert years[0][0].startswith("2022") and "6" in years[0][0]  # six months of 2022 realised
    assert [r[4].split(" ")[0] for r in years] == [_dutch(y.costs) for y in run.years]
    assert 'id="forecast-messages"' not in html


@pytest.mark.parametrize(
    ("raw", "used", "says"),
    [
        ("abc", "2023-12-31", "“abc”"),  # not a date
        ("2023-06-15", "2023-05-31", "15 juni 2023"),  # not a month end: the month end before it
        ("2024-03-31", "2023-12-31", "31 december 2023"),  # after the data
        ("2010-01-31", "2023-12-31", "3 januari 2015"),  # before the data begin (the first start)
    ],
)
def test_a_cutoff_that_cannot_be_used_gives_a_message(nl, data, controller, raw, used, says):
    response, html = _get(nl, controller, f"{URL}?cutoff={raw}")
    assert response.status_code == 200
    messages = re.search(r'id="forecast-messages">(.*?)</div>', html, re.S).group(1)
    assert says in messages
    assert f'name="cutoff" value="{used}"' in html
    assert 'id="forecast-years"' in html  # the forecast is still shown


def test_a_failing_forecast_gives_a_message_on_the_page(nl, data, controller):
    response, html = _get(nl, controller, URL + "?cutoff=2015-06-30")  # half a year of data
    assert response.status_code == 200
    error = re.search(r'id="forecast-error"><p>(.*?)</p>', html, re.S).group(1)
    assert "12" in error
    assert "chart-forecast" not in html and 'id="forecast-years"' not in html


def test_empty_database(nl, controller):
    _response, html = _get(nl, controller, URL)
    assert 'id="forecast-empty"' in html and "Nog geen gegevens" in html
    _response, html = _get(nl, controller, BACKTEST_URL)
    assert 'id="backtest-empty"' in html


def test_municipality_sees_a_protected_forecast(nl, data, landgraaf_user):
    response, html = _get(nl, landgraaf_user, URL + "?cutoff=2022-06-30")
    assert response.status_code == 200
    # the cut-off is fixed to the latest month end: no date field, a message about the one asked for
    assert 'name="cutoff"' not in html and 'id="cutoff-fixed"' in html
    assert "31 december 2023" in re.search(r'id="forecast-messages">(.*?)</div>', html, re.S).group(1)
    assert '<option value="GM0882" selected>' in html and 'value="GM0986"' not in html
    # no realised months: not in the chart, not in the table
    assert "point-history" not in html and 'class="realised"' not in html
    header = table_rows(html, "forecast-months")[0]
    assert len(header) == 5  # month, median, 80%, 95%, norm
    # client numbers as published counts: multiples of 5 (the scan checks them too)
    counts = re.findall(r'<data class="count" value="(\d+)">', html)
    assert len(counts) > 100 and all(int(c) % 5 == 0 and int(c) >= 10 for c in counts)
    run = run_forecast(dt.date(2023, 12, 31), LANDGRAAF, paths=PATHS)
    years = table_rows(html, "forecast-years")[1:]
    assert [r[1] for r in years] == [_dutch(_five(y.average_clients)) for y in run.years]
    # costs and results rounded to 100.000 euros, no cost per client-month
    assert [r[4].split(" ")[0] for r in years] == [_dutch(pages.coarse(y.costs)) for y in run.years]
    assert all(r[3] == "–" for r in years)
    assert _dutch(run.years[0].unit_cost) not in html
    # the assumption naming the client-months of the realisation is not shown
    [note] = [n for n in run.assumptions if re.search(r"/ \d+ ", n)]  # "... / 14823 client-months" (any language)
    months = re.search(r"/ (\d+) ", note).group(1)
    assert note[1:] not in html and months not in html
    assert 'href="/prognose/terugblik/"' not in html


def test_municipality_scopes(nl, data, landgraaf_user):
    assert _get(nl, landgraaf_user, URL + "?scope=HLV")[0].status_code == 200
    assert _get(nl, landgraaf_user, URL + "?scope=GM0986")[0].status_code == 403
    assert _get(nl, landgraaf_user, BACKTEST_URL)[0].status_code == 403


# ---------------------------------------------------------------------- backtest


def _pct(value) -> str:
    return f"{value:.1f}".replace(".", ",") + "%"


def test_backtest_page_shows_the_backtest_of_the_data(nl, data, controller, monkeypatch):
    from basishulp.trajecten.selectors import trajectory_records

    calls = []
    compute = pages._compute_backtest
    monkeypatch.setattr(pages, "_compute_backtest", lambda: calls.append(1) or compute())
    response, html = _get(nl, controller, BACKTEST_URL)
    assert response.status_code == 200
    # the month ends from 36 to 12 months before the last month of the data (December 2023)
    months = [(2020, 12)] + [(y, m) for y in (2021, 2022) for m in range(1, 13)]
    cutoffs = [dt.date(y, m, calendar.monthrange(y, m)[1]) for y, m in months]
    expected = backtest(trajectory_records(), cutoffs, 12, None, 300)

    mape = table_rows(html, "backtest-mape")[1:]
    for row, method in zip(mape, ("model", "last_value", "last_year"), strict=True):
        assert row[1:] == [_pct(expected.mape(6, method)), _pct(expected.mape(12, method))], method
    coverage = table_rows(html, "backtest-coverage")[1:]
    for row, band in zip(coverage, (80, 95), strict=True):
        assert row[1:] == [_pct(expected.coverage(band, a)) for a in (6, 12, None)], band
    for ahead in (6, 12):
        beats = all(expected.mape(ahead, "model") < expected.mape(ahead, m) for m in ("last_value", "last_year"))
        assert f'data-ahead="{ahead}" data-beats="{"yes" if beats else "no"}"' in html
    assert "chart-backtest" in html and 'class="line line-actual"' in html

    # computed once per data change
    _get(nl, controller, BACKTEST_URL)
    assert calls == [1]
    from basishulp.trajecten.services import trajectories_import

    trajectories_import(records=list(_records()), filename="again.csv")
    _get(nl, controller, BACKTEST_URL)
    assert calls == [1, 1]


def test_backtest_on_too_little_data(nl, controller, small_data):
    _response, html = _get(nl, controller, BACKTEST_URL)
    assert 'id="backtest-message"' in html and "backtest-mape" not in html


@pytest.fixture
def small_data(db):
    from basishulp.trajecten.services import trajectories_import
    from tests.dashboard.conftest import SMALL_DATA_SET

    trajectories_import(records=list(SMALL_DATA_SET), filename="small.csv")


# ------------------------------------------------------------------------ chart


def test_fan_chart_draws_gaps_bands_and_steps():
    svg = charts.fan_chart_svg(
        chart_id="c",
        title="T <1>",
        desc="D",
        x_labels=["a", "b", "c", "d"],
        x_axis_label="x",
        y_label="y",
        lines=[
            charts.Line("history", "real", [10, 12, None, None]),
            charts.Line("norm", "norm", [None, 11, 11, 14], step=True, points=False),
        ],
        bands=[charts.Band("band80", "80%", [None, 12, 9, 8], [None, 12, 15, 16])],
        marker=charts.Marker(2, "cut"),
    )
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "T &lt;1&gt;" in svg and 'role="img"' in svg
    assert svg.count('class="point point-history"') == 2 and "point-norm" not in svg
    assert svg.count("<polygon") == 1 and svg.count("<polyline") == 1
    step = re.search(r'class="line line-norm" d="([^"]+)"', svg).group(1)
    assert step.count("H") == 3 and step.count("V") == 2  # three flat months, two changes of level
