"""Fixtures of the registers tests: the demo registers on top of the published finance
figures (the risks link to the 2023 meerkosten claim), users per role."""

from __future__ import annotations

import pytest

from basishulp.accounts.models import Role
from tests.factories import MunicipalityFactory, ProfileFactory

HEERLEN, LANDGRAAF, VOERENDAAL = "GM0917", "GM0882", "GM0986"


@pytest.fixture
def registers(db):
    from basishulp.finance.source_data import load_source_figures
    from basishulp.registers.source_data import load_demo_registers

    load_source_figures()
    return load_demo_registers()


@pytest.fixture
def controller(db):
    return ProfileFactory(controller=True, user__username="ctrl-registers").user


@pytest.fixture
def municipality_user(db):
    return ProfileFactory(
        gemeente=True, municipality=MunicipalityFactory(code=LANDGRAAF), user__username="gem-landgraaf"
    ).user


@pytest.fixture
def area_manager(db):
    return ProfileFactory(role=Role.AREA_MANAGER, user__username="gm-registers").user


@pytest.fixture
def en(client):
    """The test client with the English interface (the msgids)."""
    client.cookies["django_language"] = "en"
    return client
