"""The forecast pages in a real Chromium on the demo data (trajectories and the published
money figures): a controller opens the forecast from the menu, sees the fan chart and
the year table, and follows the link to the backtest. Screenshots:
``artifacts/forecast.png`` and ``artifacts/forecast-backtest.png``.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.browser.helpers import login
from tests.browser.test_dashboard_browser import (  # noqa: F401 - fixtures
    ARTIFACTS,
    CHROMIUM,
    LOCAL_HOSTS,
    browser_page,
    demo_data,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="system Chromium not installed at /usr/bin/chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def forecast_data(demo_data):  # noqa: F811
    """Loaded before the browser starts (ORM calls during Playwright's loop would open a
    second connection that is never closed)."""
    from django.core.cache import cache

    from basishulp.finance.source_data import load_source_figures

    load_source_figures()
    cache.clear()  # the backtest is cached per import batch


def test_forecast_and_backtest_pages(live_server, forecast_data, browser_page):  # noqa: F811
    page = browser_page
    login(page, live_server.url, "controller", expect_url=f"{live_server.url}/")
    page.locator("nav.site-nav a[href='/prognose/']").click()
    page.wait_for_url(f"{live_server.url}/prognose/")

    # the latest month end of the demo data is the default cut-off
    assert page.locator("#id_cutoff").input_value() == "2023-12-31"
    chart = page.locator("svg#chart-forecast")
    assert chart.is_visible()
    assert chart.locator("polygon.band-band80").count() == 1 and chart.locator("polygon.band-band95").count() == 1
    assert chart.locator("circle.point-history").count() == 24
    assert chart.locator("path.line-norm").count() == 1
    # the contract period runs to 2027: a row per year, with costs, lump sum and result
    years = page.locator("#forecast-years tbody tr")
    assert [y.get_attribute("data-year") for y in years.all()] == ["2024", "2025", "2026", "2027"]
    first = [c.strip() for c in years.first.locator("td").all_inner_texts()]
    assert len(first) == 6 and all(c and c != "–" for c in first)
    assert page.locator("#forecast-assumptions li").count() >= 3
    # the figures behind the chart, in a table that opens
    page.locator("details.chart-data summary").first.click()
    assert page.locator("#forecast-months").is_visible()
    page.locator("details.chart-data summary").first.click()

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "forecast.png"), full_page=True)

    page.locator("#backtest-link").click()
    page.wait_for_url(f"{live_server.url}/prognose/terugblik/")
    assert page.locator("#backtest-mape tbody tr").count() == 3
    assert page.locator("#backtest-coverage tbody tr").count() == 2
    assert page.locator("p.verdict").count() == 2
    assert page.locator("svg#chart-backtest").is_visible()
    page.screenshot(path=str(ARTIFACTS / "forecast-backtest.png"), full_page=True)

    assert [m for m in page.console_errors if "Content Security Policy" in m] == []
    hosts = {urlparse(url).hostname for url in page.requested_urls if url.startswith("http")}
    assert hosts <= LOCAL_HOSTS, hosts
