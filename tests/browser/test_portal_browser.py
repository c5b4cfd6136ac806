"""The referrer portal in a real Chromium: a GP refers a child, intake triages,
matches and starts the care and writes the feedback, the GP reads it; a municipality
user cannot open the request. Screenshot: ``artifacts/portal.png``."""

from __future__ import annotations

import pytest

from tests.browser.helpers import login
from tests.browser.test_dashboard_browser import ARTIFACTS, CHROMIUM, browser_page  # noqa: F401
from tests.browser.test_intake_browser import _step, users  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="system Chromium not installed at /usr/bin/chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_referral_from_the_portal_to_feedback(live_server, users, browser_page):  # noqa: F811
    page, base = browser_page, live_server.url
    login(page, base, "verwijzer")
    assert page.url == f"{base}/verwijzer/"  # referrers start in the portal
    page.get_by_role("link", name="Nieuwe aanmelding").click()
    page.fill("#id_bsn", "000000000")
    page.select_option("#id_municipality", label="Heerlen")
    page.fill("#id_question", "Jongen van 9 slaapt slecht, veel ruzie thuis.")
    page.get_by_role("button", name="Aanmelding versturen").click()
    assert "000000000 is geen BSN" in page.locator("#errors").inner_text()
    page.fill("#id_bsn", "999993847")
    page.get_by_role("button", name="Aanmelding versturen").click()
    page.wait_for_url("**/verwijzer/HV-*/")
    reference = page.locator("h1").inner_text().split()[0]
    assert page.locator("#portal-status").inner_text() == "ontvangen"

    login(page, base, "intake")
    page.goto(f"{base}/hulpvragen/{reference}/")
    page.locator("#form-first_contact button[type=submit]").click()
    page.wait_for_load_state()
    _step(page, "clarifying")
    _step(
        page, "triaged", fill={"analysis_report": "Slaapproblemen, spanning thuis."}, select={"triage": "enkelvoudig"}
    )
    _step(page, "matched", check=["area_team"], select={"care_type": "begeleiding"})
    _step(page, "started", select={"care_unit": "GT-HRL-3"})
    _step(page, "feedback_sent", fill={"feedback": "De begeleiding door het gebiedsteam Heerlen-Zuid is gestart."})
    assert page.locator("#state").inner_text() == "teruggekoppeld"

    login(page, base, "heerlen")  # a municipality never sees a request
    response = page.goto(f"{base}/hulpvragen/{reference}/")
    assert response is not None and response.status == 403
    response = page.goto(f"{base}/verwijzer/{reference}/")
    assert response is not None and response.status == 403

    login(page, base, "verwijzer")
    page.get_by_role("link", name=reference).click()
    assert page.locator("#portal-status").inner_text() == "terugkoppeling gegeven"
    feedback = page.locator("#portal-feedback").inner_text()
    assert "De begeleiding door het gebiedsteam Heerlen-Zuid is gestart." in feedback
    assert "Slaapproblemen, spanning thuis." not in page.content()  # the analysis is intake's, not the GP's
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "portal.png"), full_page=True)
