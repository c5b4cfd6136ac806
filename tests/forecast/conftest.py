"""The forecast tests read the notes and messages in English: the interface's default
language is Dutch, and a request earlier in the same test run leaves Dutch active in the
thread, so without this the result would depend on the order of the tests. Pages keep
their own language (the locale middleware activates it per request)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from django.utils import translation


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield
