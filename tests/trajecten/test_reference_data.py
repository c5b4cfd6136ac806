"""The data migration loads the HLV reference data (reference_data.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.text import slugify

from basishulp.trajecten import reference_data
from basishulp.trajecten.models import Area, CareUnit, Contract, Municipality, ProviderRole

pytestmark = pytest.mark.django_db


def _members(contract: int) -> set[str]:
    return set(
        ProviderRole.objects.filter(contract__number=contract, role=ProviderRole.Role.MEMBER).values_list(
            "care_unit__code", flat=True
        )
    )


def test_municipalities_present():
    assert dict(Municipality.objects.values_list("code", "name")) == {
        "GM0917": "Heerlen",
        "GM0882": "Landgraaf",
        "GM0986": "Voerendaal",
    }


def test_areas_and_area_teams():
    areas = {a.code: a for a in Area.objects.select_related("municipality")}
    assert sorted(areas) == ["HRL-1", "HRL-2", "HRL-3", "HRL-4", "HRL-5", "LGF-1", "LGF-2", "VRD-1"]
    assert {c for c, a in areas.items() if "Heerlen-Zuid" in a.name} == {"HRL-3", "HRL-4"}
    assert {a.municipality.name for c, a in areas.items() if c.startswith("LGF")} == {"Landgraaf"}
    assert areas["VRD-1"].municipality.code == "GM0986"
    for code, area in areas.items():
        team = CareUnit.objects.get(code=f"GT-{code}")
        assert team.kind == CareUnit.Kind.AREA_TEAM
        assert team.area == area


def test_contracts():
    contracts = {c.number: (c.start_date, c.end_date) for c in Contract.objects.all()}
    assert contracts == {
        1: (dt.date(2019, 1, 1), dt.date(2022, 12, 31)),
        2: (dt.date(2023, 1, 1), dt.date(2027, 12, 31)),
    }


def test_members_per_contract():
    assert _members(1) == {"XONAR", "MONDRIAAN", "RADAR", "KORAAL", "ALCANDER", "WELSUN", "MEANDER"}
    assert _members(2) == {"ALCANDER", "KORAAL", "KRACHT-IN-ZORG", "LIONARONS-GGZ", "MONDRIAAN", "RADAR", "XONAR"}
    xonar = ProviderRole.objects.get(care_unit__code="XONAR", contract__number=2)
    assert xonar.valid_to == dt.date(2023, 12, 31)
    assert not ProviderRole.objects.filter(care_unit__code__in=["WELSUN", "MEANDER"], contract__number=2).exists()


def test_contract_2_roles_from_bijlage_3():
    def codes(role):
        return set(ProviderRole.objects.filter(contract__number=2, role=role).values_list("care_unit__code", flat=True))

    assert codes(ProviderRole.Role.SUBCONTRACTOR) == {
        "MOVENTIS-GGZ",
        "SCOOR",
        "TOBAS-JEUGDHULP",
        "ANACARE",
        "YVOOR",
        "VIA-JEUGD",
    }
    assert len(codes(ProviderRole.Role.SUPPLIER)) == 20
    assert {"ADELANTE", "HG-ONDERWIJS", "GEBOORTEZORG-LIMBURG", "HUMANITAS"} <= codes(ProviderRole.Role.SUPPLIER)
    assert len(codes(ProviderRole.Role.SMALL)) == 27
    assert {"AHMW", "T-PRUNELLEKE", "ZORGGROEP-VIZIE", "COOPERATIE-LIMBURGSE-ZORGBOEREN"} <= codes(
        ProviderRole.Role.SMALL
    )


def test_database_matches_reference_module():
    units = {c.code: (c.name, c.kind, c.area.code if c.area else "") for c in CareUnit.objects.select_related("area")}
    for spec in reference_data.CARE_UNITS:
        assert units[spec.code] == (spec.name, spec.kind, spec.area)
    roles = {
        (r.care_unit.code, r.contract.number): (r.role, r.valid_from, r.valid_to)
        for r in ProviderRole.objects.select_related("care_unit", "contract")
    }
    assert roles == {
        (s.care_unit, s.contract): (s.role, s.valid_from, s.valid_to) for s in reference_data.PROVIDER_ROLES
    }


def test_provider_codes_are_upper_case_slugs():
    exceptions = {"Koraal Groep": "KORAAL"}
    for spec in reference_data.PROVIDERS:
        assert spec.code == exceptions.get(spec.name, slugify(spec.name).upper()), spec.name
    assert len({s.code for s in reference_data.CARE_UNITS}) == len(reference_data.CARE_UNITS)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_data_migration_reverses_and_reapplies():
    executor = MigrationExecutor(connection)
    executor.migrate([("trajecten", "0002_importbatch_warnings")])
    executor.loader.build_graph()
    try:
        # Use raw SQL: the current models may not match the migrated-back schema.
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM trajecten_municipality")
            assert cursor.fetchone()[0] == 0
            cursor.execute("SELECT COUNT(*) FROM trajecten_careunit")
            assert cursor.fetchone()[0] == 0
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert Municipality.objects.count() == 3
    assert ProviderRole.objects.filter(contract__number=2).count() == 7 + 6 + 20 + 27
