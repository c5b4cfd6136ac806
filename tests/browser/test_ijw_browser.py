"""The iJw upload page in a real Chromium: a controller uploads a start message and an
invalid one, sees the first imported with its trajectory and the second refused with
its rule, and downloads the retour messages. Screenshots: ``artifacts/ijw-upload.png`` (the result) and
``artifacts/ijw-upload-empty.png`` (the form before).
"""

from __future__ import annotations

import io
import zipfile
from urllib.parse import urlparse

import pytest

from tests.browser.helpers import login
from tests.browser.test_dashboard_browser import ARTIFACTS, CHROMIUM, LOCAL_HOSTS, browser_page  # noqa: F401
from tests.ijw import build

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="system Chromium not installed at /usr/bin/chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def controller_and_provider():
    """Made before the browser starts (no ORM calls while Playwright's loop runs)."""
    from basishulp.accounts.services import ensure_demo_users
    from basishulp.trajecten.models import CareUnit, Municipality

    ensure_demo_users()
    Municipality.objects.get_or_create(code="GM0917", defaults={"name": "Heerlen"})
    CareUnit.objects.create(code="TESTZORG", name="Testzorg", kind=CareUnit.Kind.PROVIDER, agb_code=build.AGB)


def test_a_controller_uploads_a_start_message(live_server, controller_and_provider, browser_page, tmp_path):  # noqa: F811
    good = build.write(tmp_path, build.start())
    bad = build.write(tmp_path, build.start(build.start_product(begin="2025-04-01"), ident="ST-BAD"))
    page = browser_page
    login(page, live_server.url, "controller", expect_url=f"{live_server.url}/")
    page.get_by_role("link", name="iJw").click()
    page.wait_for_url(f"{live_server.url}/ijw/")
    assert page.locator("#empty-state").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ijw-upload-empty.png"), full_page=True)

    page.set_input_files("#id_files", [str(good), str(bad)])
    page.locator("#upload-form button[type=submit]").click()
    page.wait_for_load_state()

    imported = page.locator("#result-table tr.message-row[data-status='imported']")
    assert imported.locator("th").inner_text() == "JW305_ST-0001.xml"
    assert imported.locator(".badge").inner_text() == "geïmporteerd"
    trajectory = imported.locator("td.trajectories code").inner_text()
    assert trajectory.startswith("IJW-")
    refused = page.locator("#result-table tr.message-row[data-status='rejected']")
    assert refused.locator("th").inner_text() == "JW305_ST-BAD.xml"
    assert "TR134" in page.locator("#result-table tr.issues-row").inner_text()
    assert page.locator("#xsd-note").is_visible()

    page.screenshot(path=str(ARTIFACTS / "ijw-upload.png"), full_page=True)

    with page.expect_download() as info:
        page.locator("#retour-download").click()
    download = info.value
    assert download.suggested_filename == "ijw-retourberichten.zip"
    with zipfile.ZipFile(io.BytesIO(download.path().read_bytes())) as archive:
        assert sorted(archive.namelist()) == ["retour_JW305_ST-0001.xml", "retour_JW305_ST-BAD.xml"]

    assert [m for m in page.console_errors if "Content Security Policy" in m] == []
    hosts = {urlparse(url).hostname for url in page.requested_urls if url.startswith("http")}
    assert hosts <= LOCAL_HOSTS, hosts
