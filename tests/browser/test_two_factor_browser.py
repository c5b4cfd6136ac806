"""Two-factor authentication in a real Chromium: with it required, the controller logs in
with the password, lands on the set-up page, adds the secret (read from the page, the
code computed with ``accounts.totp`` as an authenticator app would) and lands on the
dashboard; the next login asks for a code. The QR code shows and the strict
Content-Security-Policy blocks nothing. Screenshot: ``artifacts/two-factor-setup.png``."""

from __future__ import annotations

import time
from urllib.parse import urlparse

import pytest

from basishulp.accounts import totp
from tests.browser.helpers import login
from tests.browser.test_dashboard_browser import ARTIFACTS, CHROMIUM, LOCAL_HOSTS, browser_page  # noqa: F401
from tests.browser.test_intake_browser import users  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="system Chromium not installed at /usr/bin/chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_controller_sets_up_two_factor_authentication(live_server, users, browser_page, settings):  # noqa: F811
    settings.REQUIRE_TWO_FACTOR = True  # the live server runs in this process: it sees the change
    page, base = browser_page, live_server.url

    login(page, base, "controller")
    assert urlparse(page.url).path == "/tweestapsverificatie/instellen/"
    qr = page.locator("svg#qr-code")
    assert qr.is_visible()
    box = qr.bounding_box()
    assert box is not None and box["width"] >= 100 and box["height"] >= 100
    assert page.locator("#id_code").get_attribute("autocomplete") == "one-time-code"
    assert page.locator("#id_code").get_attribute("inputmode") == "numeric"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "two-factor-setup.png"), full_page=True)

    secret = page.locator("#secret").inner_text().replace(" ", "")
    assert len(secret) == 32
    step = totp.step_at(time.time())
    page.fill("#id_code", totp.code_at(secret, step))
    page.locator("#two-factor-form button[type=submit]").click()
    page.wait_for_url(f"{base}/")
    assert page.locator("h1").count() == 1 and "tweestapsverificatie" not in page.url

    # the next login asks for a code, not for a new set-up; the used code is refused
    login(page, base, "controller")
    assert urlparse(page.url).path == "/tweestapsverificatie/"
    assert page.locator("#secret").count() == 0 and page.locator("svg#qr-code").count() == 0
    page.fill("#id_code", totp.code_at(secret, step))
    page.locator("#two-factor-form button[type=submit]").click()
    page.wait_for_load_state()
    assert urlparse(page.url).path == "/tweestapsverificatie/" and page.locator("#code-error").is_visible()
    page.fill("#id_code", totp.code_at(secret, step + 1))
    page.locator("#two-factor-form button[type=submit]").click()
    page.wait_for_url(f"{base}/")

    assert page.console_errors == []  # nothing refused by the Content-Security-Policy, no script errors
    hosts = {urlparse(url).hostname for url in page.requested_urls if url.startswith("http")}
    assert hosts <= LOCAL_HOSTS, hosts
