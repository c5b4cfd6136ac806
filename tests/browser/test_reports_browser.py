"""The reports page in a real Chromium on the demo data: a controller opens "Rapportage"
from the menu, asks for the HLV half-year report as a PDF, watches the progress page
(the report is made in a background thread of the server) until it is ready, opens
the report as a web page and downloads the PDF. Screenshots:
``artifacts/reports.png``, ``artifacts/reports-progress.png``, ``artifacts/report-page.png``.
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
def report_data(demo_data, settings):  # noqa: F811
    """The money figures, registers and published figures beside the trajectories; few
    simulated futures (only the flow through the pages counts here)."""
    from basishulp.comparisons.source_data import load_demo_benchmark, load_demo_published
    from basishulp.finance.source_data import load_source_figures
    from basishulp.registers.source_data import load_demo_registers

    settings.BASISHULP_REPORT_PATHS = 100
    load_source_figures()
    load_demo_published()
    load_demo_benchmark()
    load_demo_registers()


def test_a_controller_makes_the_half_year_report_in_the_background(live_server, report_data, browser_page):  # noqa: F811
    page = browser_page
    login(page, live_server.url, "controller", expect_url=f"{live_server.url}/")
    page.locator("nav.site-nav a[href='/rapportage/']").click()
    page.wait_for_url(f"{live_server.url}/rapportage/")
    assert page.locator("#runs-empty").is_visible()
    page.select_option("#id_period", "2023-H1")
    page.select_option("#id_scope", "HLV")
    page.select_option("#id_format", "pdf")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "reports.png"), full_page=True)
    page.locator("#report-form button[type=submit]").click()

    # the progress page: queued or running, refreshing itself, until the thread is done
    page.wait_for_url(f"{live_server.url}/rapportage/*/")
    status = page.locator("#run").get_attribute("data-status")
    assert status in ("queued", "running", "done")
    if status != "done":
        assert page.locator("#progress").count() == 1
        page.screenshot(path=str(ARTIFACTS / "reports-progress.png"), full_page=True)
    page.wait_for_selector("#run[data-status='done']", timeout=120_000)
    assert "klaar" in page.locator("#run h2").inner_text()

    with page.expect_download() as info:
        page.locator("#download").click()
    download = info.value
    assert download.suggested_filename == "rapportage-2023-H1-HLV.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # the same report as a web page, opened from the list
    page.goto(f"{live_server.url}/rapportage/")
    page.select_option("#id_format", "html")
    page.locator("#report-form button[type=submit]").click()
    page.wait_for_selector("#run[data-status='done']", timeout=120_000)
    page.locator("#open").click()
    page.wait_for_load_state()
    assert page.locator("h1.doctitle").inner_text() == "Halfjaarrapportage Basishulp Jeugd"
    assert page.locator("figure[data-table='flows_municipalities'] tbody tr").count() == 6
    assert page.locator("svg").count() >= 4
    page.screenshot(path=str(ARTIFACTS / "report-page.png"), full_page=False)

    hosts = {urlparse(url).hostname for url in page.requested_urls if url.startswith("http")}
    assert hosts <= LOCAL_HOSTS, hosts
