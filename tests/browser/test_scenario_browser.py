"""The scenario pages in a real Chromium on the demo data (trajectories and the published
money figures): a controller goes from the forecast to the scenarios, first saves a file
with a mistake (the problem is listed with its line, nothing is saved), corrects it and
sees the comparison of the inflow shock with the base forecast (1000 simulated futures,
as in use). Screenshots: ``artifacts/scenarios.png`` (the form with the problem),
``artifacts/scenario.png`` (the comparison; its chart alone in ``scenario-chart.png``)
and ``artifacts/scenario-list.png`` (the list with the saved scenario).
"""

from __future__ import annotations

import time
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

SHOCK = """# The inflow shock after the 2020 lockdowns, again from September 2023
name = "Lockdown rebound 2023"
description = \"\"\"
After the 2020 lockdowns about 55 extra journeys a month opened for four months;
we assume the same happens from September 2023.
\"\"\"
cutoff = 2023-06-30

[[changes]]
kind = "inflow_shock"
extra_per_month = 55
from = "2023-09"
months = 4
"""


@pytest.fixture
def scenario_data(demo_data):  # noqa: F811
    """Loaded before the browser starts (ORM calls during Playwright's loop would open a
    second connection that is never closed)."""
    from django.core.cache import cache

    from basishulp.finance.source_data import load_source_figures

    load_source_figures()
    cache.clear()  # the comparison is cached per scenario and data change


def test_a_controller_adds_the_inflow_shock_and_sees_the_comparison(live_server, scenario_data, browser_page):  # noqa: F811
    page = browser_page
    login(page, live_server.url, "controller", expect_url=f"{live_server.url}/")
    page.goto(f"{live_server.url}/prognose/")
    page.locator("#scenarios-link").click()
    page.wait_for_url(f"{live_server.url}/prognose/scenarios/")
    assert page.locator("#scenarios-empty").is_visible()
    assert "inflow_shock" in page.locator("#id_toml").input_value()  # the example

    # a mistake: the problem is listed with its line and field, the text stays to correct
    page.fill("#id_toml", SHOCK.replace("months = 4", "months = 0"))
    page.locator("#scenario-form button[type=submit]").click()
    page.wait_for_load_state()
    problems = page.locator("#scenario-problem-table tbody tr")
    assert problems.count() == 1
    cells = [c.strip() for c in problems.first.locator("td").all_inner_texts()]
    assert cells[:2] == ["13", "changes[1].months"]
    assert "months = 0" in page.locator("#id_toml").input_value()
    page.locator("#scenario-kinds summary").click()  # the kinds of change, open in the screenshot
    assert page.locator("#scenario-kinds tbody tr").count() == 8
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "scenarios.png"), full_page=True)

    page.fill("#id_toml", SHOCK)
    started = time.monotonic()
    page.locator("#scenario-form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/prognose/scenarios/*/")
    first_load = time.monotonic() - started
    assert page.locator("h1").inner_text().startswith("Lockdown rebound 2023")
    assert page.locator("#scenario-changes li").count() == 1
    chart = page.locator("svg#chart-scenario")
    assert chart.is_visible()
    assert chart.locator("polygon.band-band80").count() == 1
    assert chart.locator("polyline.line-scenario-high80").count() == 1
    assert chart.locator("polyline.line-scenario-low80").count() == 1
    assert chart.locator("circle.point-scenario").count() == 54  # July 2023 to December 2027
    years = page.locator("#scenario-costs tbody tr")
    assert [y.get_attribute("data-year") for y in years.all()] == ["2023", "2024", "2025", "2026", "2027"]
    difference = years.nth(1).locator("td.difference").inner_text().strip()
    assert difference.startswith("+")  # more clients in 2024 cost more
    assert page.locator("#scenario-summary .kpi").count() == 3
    page.screenshot(path=str(ARTIFACTS / "scenario.png"), full_page=True)
    chart.screenshot(path=str(ARTIFACTS / "scenario-chart.png"))

    # the second time it comes from the cache
    started = time.monotonic()
    page.reload()
    page.wait_for_load_state()
    cached_load = time.monotonic() - started
    assert cached_load < first_load
    print(f"comparison with 1000 paths: {first_load:.1f} s computed, {cached_load:.2f} s cached")

    # back to the list: the scenario with its changes in words
    page.locator(".page-links a").first.click()
    page.wait_for_url(f"{live_server.url}/prognose/scenarios/")
    assert page.locator("#scenario-list tbody tr").count() == 1
    page.screenshot(path=str(ARTIFACTS / "scenario-list.png"), full_page=True)

    assert [m for m in page.console_errors if "Content Security Policy" in m] == []
    hosts = {urlparse(url).hostname for url in page.requested_urls if url.startswith("http")}
    assert hosts <= LOCAL_HOSTS, hosts
