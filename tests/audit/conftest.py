"""Fixtures shared with the dashboard tests."""

from tests.dashboard.conftest import client_nl, small_data  # noqa: F401
