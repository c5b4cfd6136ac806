"""The full demo data set (trajectories, help requests, money figures, registers,
published figures and the sample CBS file), loaded once per test module inside a
transaction that is rolled back at the module's end (as tests/forecast/scenario_data.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    from django.db import connection, transaction

    from basishulp.demo.cli import _load
    from basishulp.demo.generator import generate
    from tests.dbstate import settle

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            _load(generate())
            settle(connection)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _dutch():
    """Reports are Dutch unless a test asks otherwise."""
    from django.utils import translation

    with translation.override("nl"):
        yield
