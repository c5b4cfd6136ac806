"""Fixtures shared with the dashboard tests (users per role, the Dutch client)."""

from tests.dashboard.conftest import client_nl, controller, heerlen_user, referrer  # noqa: F401
