"""A help request from arrival to closed in a real Chromium, as the intake team
member would do it, including two refused steps. Screenshot: ``artifacts/intake.png``."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.browser.test_dashboard_browser import ARTIFACTS, CHROMIUM, LOCAL_HOSTS, browser_page  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="system Chromium not installed at /usr/bin/chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def users():
    from basishulp.accounts.services import ensure_demo_users

    ensure_demo_users()


def _step(page, target: str, fill: dict[str, str] | None = None, select: dict[str, str] | None = None,
          check: list[str] | None = None) -> None:  # fmt: skip
    form = page.locator(f"#form-{target}")
    details = page.locator("details.step", has=form)
    if details.get_attribute("open") is None:  # a refused step stays open with its values
        details.locator("summary").click()
    for name, value in (fill or {}).items():
        form.locator(f"[name={name}]").fill(value)
    for name, value in (select or {}).items():
        form.locator(f"select[name={name}]").select_option(value)
    for value in check or []:
        form.locator(f"input[name=match_targets][value={value}]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_a_request_from_arrival_to_closed(live_server, users, browser_page):  # noqa: F811
    page = browser_page
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "intake")
    page.fill("#id_password", "demo-intake")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="Hulpvragen").click()
    page.get_by_role("link", name="Nieuwe hulpvraag").click()

    page.fill("#id_received_on", "2023-04-03")
    page.select_option("#id_referrer_type", "02")
    page.select_option("#id_municipality", label="Heerlen")
    page.fill("#id_client_pseudonym", "C-9001")
    page.fill("#id_question", "Zorgen over slapen en school; ouders vragen hulp.")
    page.get_by_role("button", name="Registreren").click()
    page.wait_for_url("**/hulpvragen/HV-2023-00001/")
    assert page.locator("#state").inner_text() == "ontvangen"

    page.locator("#form-first_contact [name=on]").fill("2023-04-05")
    page.locator("#form-first_contact button").click()
    page.wait_for_load_state()
    _step(page, "clarifying")
    assert page.locator("#state").inner_text() == "vraagverheldering"

    # Refused: a complex request needs the municipality's regie holder.
    _step(
        page,
        "triaged",
        fill={"analysis_report": "Meervoudige problematiek, school en thuis"},
        select={"triage": "complex"},
    )
    assert "Leg vast wie bij de gemeente de regie heeft" in page.locator("#errors").inner_text()
    assert page.locator("#state").inner_text() == "vraagverheldering"
    report = {"analysis_report": "Meervoudige problematiek, school en thuis"}
    _step(
        page, "triaged", fill={**report, "municipal_lead": "Regisseur gemeente Heerlen"}, select={"triage": "complex"}
    )
    assert page.locator("#state").inner_text() == "getrieerd"

    _step(page, "matched", fill={"matched_provider": "Mondriaan"}, check=["area_team", "provider"])
    _step(page, "waiting", select={"wait_reason": "bridging_care", "care_type": "ggz"})
    # Refused: no gezinsplan and no vast aanspreekpunt yet.
    _step(page, "started")
    errors = page.locator("#errors").inner_text()
    assert "gezinsplan nodig" in errors and "vast aanspreekpunt nodig" in errors
    assert "Kies het gebiedsteam of de aanbieder" in errors
    plan = {"family_plan": "Doelen: rust thuis, naar school. RTO over 3 maanden.", "contact_person": "J. Jansen"}
    _step(page, "started", fill=plan, select={"care_unit": "MONDRIAAN"})
    assert page.locator("#state").inner_text() == "zorg gestart"
    _step(page, "feedback_sent", fill={"note": "Huisarts teruggekoppeld", "feedback": "De zorg is gestart."})
    _step(page, "closed")
    assert page.locator("#state").inner_text() == "afgesloten"
    assert page.locator("#timeline li").count() == 9  # received, first contact and seven steps
    assert "Deze hulpvraag is afgerond." in page.locator("section[aria-labelledby=actions-heading]").inner_text()

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "intake.png"), full_page=True)
    hosts = {urlparse(url).hostname for url in page.requested_urls if url.startswith("http")}
    assert hosts <= LOCAL_HOSTS, hosts
