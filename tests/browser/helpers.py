"""Shared steps of the browser tests."""

from __future__ import annotations


def login(page, base: str, username: str, expect_url: str | None = None) -> None:
    """Log in as a demo user (password ``demo-<username>``) in a fresh session."""
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"demo-{username}")
    page.get_by_role("button", name="Inloggen").click()
    if expect_url is not None:
        page.wait_for_url(expect_url)
    page.wait_for_load_state()
