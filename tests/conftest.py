"""Shared test configuration. Sub-packages keep their own fixtures in their conftest."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "basishulp.conf.ci")


@pytest.fixture(autouse=True)
def _access_log_flushable(request):
    """The access log refuses DELETE in the database (audit/triggers.py), and Django
    empties every table after a transactional test. Drop the triggers before that
    flush; the tests of the triggers install them again."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        yield
        return
    request.getfixturevalue("transactional_db")  # set up first, so this teardown runs before its flush
    yield
    from django.db import connection

    from basishulp.audit.triggers import remove

    remove(connection)
