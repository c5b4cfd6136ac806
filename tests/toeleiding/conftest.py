"""Fixtures shared with the dashboard tests (users per role, the Dutch client, a small data set)."""

from tests.dashboard.conftest import client_nl, controller, heerlen_user, referrer, small_data  # noqa: F401
