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


@pytest.fixture(scope="session", autouse=True)
def _municipality_response_scan():
    """Wrap Django's handler so that every response to a municipality user is scanned
    (tests/disclosure_scan.py); each test fails on what its own requests served."""
    from django.core.handlers.base import BaseHandler

    from tests.disclosure_scan import RECORDER

    original = BaseHandler.get_response

    def get_response(self, request):
        response = original(self, request)
        RECORDER.record(request, response)
        return response

    BaseHandler.get_response = get_response
    RECORDER.active = True
    yield RECORDER
    BaseHandler.get_response = original


@pytest.fixture(autouse=True)
def _no_disclosure_in_responses(_municipality_response_scan):
    recorder = _municipality_response_scan
    recorder.problems.clear()
    yield
    problems, recorder.problems[:] = list(recorder.problems), []
    assert not problems, "served to a municipality user: " + "; ".join(f"{path}: {what}" for path, what in problems)
