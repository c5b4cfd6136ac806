"""Shared fixtures (a small trajectories set)."""

from tests.dashboard.conftest import small_data  # noqa: F401
