"""The dashboard in a real Chromium (Playwright) on the calibrated demo data set.

Loads the demo data (``basishulp.demo.generator``) into the test database through the
import service, creates the demo users, logs in as the controller and opens the
dashboard for 2023-H1. The expected figures are the published ones from the JENS
half-year report H1 2023 (seed 001), hard-coded here; they are not produced by the
code under test. A full-page screenshot goes to ``artifacts/dashboard-2023-H1.png``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser.helpers import login

# Playwright's sync API runs an event loop in this thread; the ORM calls of the
# fixtures happen in the same thread, outside any coroutine.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="system Chromium not installed at /usr/bin/chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

#: Published 2023-H1 figures (seed 001, "Aantal unieke cliënten in zorg per gemeente"):
#: clients at the start, inflow, outflow, in care at the end.
PUBLISHED_2023_H1 = {
    "HLV": ("2.482", "+778", "-802", "2.458"),
    "Heerlen": ("1.699", "+496", "-576", "1.619"),
    "Landgraaf": ("622", "+242", "-166", "698"),
    "Voerendaal": ("161", "+40", "-60", "141"),
}
KEYS = ("begin", "inflow", "outflow", "end")


@pytest.fixture
def demo_data():
    from basishulp.accounts.services import ensure_demo_users
    from basishulp.demo.generator import generate
    from basishulp.trajecten.services import trajectories_import

    trajectories_import(records=generate(), filename="demo-trajectories.csv")
    ensure_demo_users()


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        page = context.new_page()
        page.requested_urls = []  # type: ignore[attr-defined]
        page.on("request", lambda request: page.requested_urls.append(request.url))  # type: ignore[attr-defined]
        page.console_errors = []  # type: ignore[attr-defined]
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))  # type: ignore[attr-defined]
        try:
            yield page
        finally:
            context.close()
            browser.close()


def _login(page, base_url: str, username: str) -> None:
    login(page, base_url, username, expect_url=f"{base_url}/")


def _flow_cell(page, table: str, key: str, column: int) -> str:
    return page.locator(f"#{table} tr[data-key='{key}'] td").nth(column).inner_text().strip()


def test_dashboard_shows_published_2023_h1_figures(live_server, demo_data, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/")
    assert "/login/" in page.url  # login required

    page.fill("#id_username", "controller")
    page.fill("#id_password", "demo-controller")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/?scope=HLV&period=2023-H1")
    assert page.locator("h1").inner_text().startswith("Cliëntstromen")
    assert "1e halfjaar 2023" in page.locator("h1").inner_text()

    # HLV flow table: first column is 2023-H1
    got = tuple(_flow_cell(page, "flow-table", key, 0) for key in KEYS)
    assert got == PUBLISHED_2023_H1["HLV"]

    # per-municipality table: columns HLV, Heerlen, Landgraaf, Voerendaal
    headers = [h.strip() for h in page.locator("#municipality-table thead th").all_inner_texts()]
    assert headers[1:] == ["HLV", "Heerlen", "Landgraaf", "Voerendaal"]
    for column, name in enumerate(headers[1:]):
        got = tuple(_flow_cell(page, "municipality-table", key, column) for key in KEYS)
        assert got == PUBLISHED_2023_H1[name], name

    # the chart is there, with a point per month (12 months ending June 2023)
    assert page.locator("svg.chart-lines circle.point-in_care").count() == 12

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-2023-H1.png"), full_page=True)

    # Heerlen on its own (computed over all journeys, then Heerlen's row)
    page.select_option("#id_scope", "GM0917")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_url("**/?scope=GM0917*")
    got = tuple(_flow_cell(page, "flow-table", key, 0) for key in KEYS)
    assert got == PUBLISHED_2023_H1["Heerlen"]

    # the strict Content Security Policy blocked nothing the pages need
    assert [m for m in page.console_errors if "Content Security Policy" in m] == []
    # nothing was fetched from anywhere but the live server
    hosts = {urlparse(url).hostname for url in page.requested_urls if url.startswith("http")}
    assert hosts <= LOCAL_HOSTS, hosts


def _whole(text: str) -> int:
    return int(text.replace(".", "").replace(",", "").replace("+", "").replace("-", ""))


def test_municipality_user_in_the_browser(live_server, demo_data, browser_page):
    """Heerlen sees its figures under disclosure control: multiples of 5, close to the
    published ones (the noise is keyed, so the same page always shows the same values),
    and no own dates or months to choose."""
    page = browser_page
    _login(page, live_server.url, "heerlen")
    page.goto(f"{live_server.url}/?period=2023-H1")
    assert page.locator("h1").inner_text().startswith("Cijfers voor de gemeente")
    for key, published in zip(KEYS, PUBLISHED_2023_H1["Heerlen"], strict=True):
        shown = page.locator(f"#m-flows tr[data-key='{key}'] td").first.inner_text().strip()
        assert _whole(shown) % 5 == 0 and abs(_whole(shown) - _whole(published)) <= 12, (key, shown, published)
    assert page.locator("#flow-table").count() == 0 and page.locator("#municipality-table").count() == 0
    assert page.locator("input[type=date]").count() == 0
    assert page.locator("#disclosure-note").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "municipality-heerlen-2023-H1.png"), full_page=True)
    response = page.goto(f"{live_server.url}/?scope=GM0882&period=2023-H1")
    assert response is not None and response.status == 403

    # switch to English
    page.goto(f"{live_server.url}/?period=2023-H1")
    page.locator("form.lang-switch button[value='en']").click()
    page.wait_for_load_state()
    assert page.locator("#m-flows tr[data-key='begin'] th").inner_text().strip() == "Clients at the start"
    assert [m for m in page.console_errors if "Content Security Policy" in m] == []


@pytest.fixture
def demo_requests(demo_data):
    """The demo's help requests and quality registers beside its trajectories (loaded
    before the browser starts)."""
    from basishulp.demo.cli import _load_requests
    from basishulp.demo.generator import generate

    _load_requests(generate())
    from basishulp.toeleiding.kpis import intake_kpis

    return intake_kpis(dt.date(2023, 1, 1), dt.date(2023, 6, 30), dt.date(2023, 12, 31), "GM0917")


def test_toeleiding_figures_on_the_dashboard(live_server, demo_requests, browser_page):
    """The municipality of Heerlen sees its requests, norms and waiting list as
    protected aggregates, close to the KPI core's numbers, and no reference or client."""
    page = browser_page
    _login(page, live_server.url, "heerlen")
    page.goto(f"{live_server.url}/?period=2023-H1")
    section = page.locator("#requests")
    assert section.locator("h2").inner_text() == "Hulpvragen en wachtlijsten"
    shown = page.locator("#m-requests tr[data-key='total'] td").first.inner_text()
    assert _whole(shown) % 5 == 0 and abs(_whole(shown) - demo_requests.requests) <= 12
    waiting = page.locator("#m-waiting tr[data-key='total'] td").first.inner_text()
    assert waiting == "<8" or abs(_whole(waiting) - demo_requests.waiting_end) <= 12
    assert page.locator("#m-norms tbody th").first.inner_text() == "Eerste contact"
    html = page.content()
    assert "HV-20" not in html and "/hulpvragen/" not in html  # aggregates only, no way to a request
    ARTIFACTS.mkdir(exist_ok=True)
    section.screenshot(path=str(ARTIFACTS / "dashboard-toeleiding-heerlen.png"))
