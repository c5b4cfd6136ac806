"""The response scan itself (tests/disclosure_scan.py): it finds what it must find."""

from __future__ import annotations

import pytest

from tests.disclosure_scan import scan
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


def test_a_client_identifier_is_found_only_as_a_whole_word():
    ClientFactory(pseudonym="C0000042")
    ClientFactory(pseudonym="OWN-1")
    ClientFactory(pseudonym="P.Q/7")  # not only word characters: searched with the regex
    assert scan("<p>client C0000042.</p>", "text/html") == ["client identifier 'C0000042'"]
    assert scan('<td data-x="C0000042">', "text/html") == ["client identifier 'C0000042'"]
    assert scan("<p>XC0000042 C0000042-2 C0000042_</p>", "text/html") == []
    assert scan("<p>OWN-1</p><p>OWN-12</p>", "text/html") == ["client identifier 'OWN-1'"]
    assert scan("<p>(P.Q/7)</p>", "text/html") == ["client identifier 'P.Q/7'"]
    assert scan("<p>aP.Q/7</p>", "text/html") == []
    assert scan('{"n": 5, "who": "C0000042"}', "application/json") == ["client identifier 'C0000042'"]


def test_counts_are_multiples_of_five_of_at_least_ten():
    assert scan('<data class="count" value="15">15</data>', "text/html") == []
    assert scan('<data class="count" value="12">12</data>', "text/html") != []
    assert scan('<data class="count suppressed" value="">&lt;8</data>', "text/html") == []
