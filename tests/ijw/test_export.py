"""``basishulp ijw export``: messages for the trajectories of a period, valid against the
XSDs, and export then import gives the same trajectories (issue #6)."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

from basishulp.ijw.domain.xsd import Schemas
from basishulp.ijw.export import export_period, messages_for_period
from basishulp.ijw.services import import_messages, read_files
from basishulp.kpi.domain.periods import parse_period
from basishulp.trajecten import bsn as bsn_tools
from basishulp.trajecten.domain.csvfile import is_bsn
from basishulp.trajecten.domain.records import TrajectoryRecord
from basishulp.trajecten.models import CareUnit, Client, Trajectory
from basishulp.trajecten.services import trajectories_import

pytestmark = pytest.mark.django_db

EXPORT_DAY = dt.date(2026, 1, 10)
TEST_BSNS = [f"{n:09d}" for n in range(999_900_000, 999_901_000) if is_bsn(f"{n:09d}")]


def _rec(tid, client, unit, quadrant, start, end=None, reason="", municipality="GM0917", area=""):
    return TrajectoryRecord(
        trajectory_id=tid,
        client_id=client,
        municipality=municipality,
        care_unit=unit,
        quadrant=quadrant,
        start_date=dt.date.fromisoformat(start),
        end_date=dt.date.fromisoformat(end) if end else None,
        end_reason=reason,
        area=area,
    )


RECORDS = [
    _rec("T1", "c1", "TESTZORG", "K3", "2025-01-06", "2025-05-30", "31"),
    _rec("T2", "c2", "GT-HRL-3", "K2", "2025-02-03", area="HRL-3"),
    _rec("T3", "c3", "TESTZORG", "K3", "2024-11-01", "2025-02-14", "20"),  # began before the period
    _rec("T4", "c3", "TESTZORG", "K3", "2025-03-01", "2025-12-01", "34"),  # ends after the period: start only
    _rec("T5", "c4", "TESTZORG", "K3", "2024-01-01", "2024-12-31", "31"),  # before the period: not exported
    _rec("T6", "c5", "TESTZORG", "K3", "2025-02-01", "2025-03-01", "32", municipality="GM0882"),  # Landgraaf
    _rec("T7", "c6", "NOAGB", "K3", "2025-02-01"),  # the care unit has no AGB code: skipped
    _rec("T8", "c7", "TESTZORG", "K3", "2025-04-01"),  # the client has no BSN: skipped
]


@pytest.fixture
def world(db):
    CareUnit.objects.create(code="TESTZORG", name="Testzorg", kind=CareUnit.Kind.PROVIDER, agb_code="87654321")
    CareUnit.objects.create(code="NOAGB", name="Zonder AGB", kind=CareUnit.Kind.PROVIDER)
    CareUnit.objects.filter(code="GT-HRL-3").update(agb_code="87650003")
    trajectories_import(records=RECORDS, filename="export-test.csv")
    for bsn, pseudonym in zip(TEST_BSNS, ["c1", "c2", "c3", "c4", "c5", "c6"], strict=False):
        Client.objects.filter(pseudonym=pseudonym).update(
            bsn_encrypted=bsn_tools.encrypt(bsn), bsn_digest=bsn_tools.digest(bsn)
        )


def _facts(queryset):
    return sorted(
        (
            t.client.bsn_digest,
            t.municipality.code,
            t.care_unit.code,
            t.quadrant,
            t.area_id,
            t.start_date,
            t.end_date,
            t.end_reason,
        )
        for t in queryset.select_related("client", "municipality", "care_unit")
    )


def test_what_is_written_and_what_is_skipped(world):
    messages, skipped = messages_for_period(parse_period("2025-H1"), "GM0917", EXPORT_DAY)
    written = sorted((tid, m.kind) for tid, m in messages)
    assert written == [
        ("T1", "JW305"), ("T1", "JW307"), ("T2", "JW305"), ("T3", "JW305"), ("T3", "JW307"), ("T4", "JW305"),
    ]  # fmt: skip
    assert {s["trajectory_id"]: s["reason"] for s in skipped} == {
        "T7": "care unit NOAGB has no AGB code",
        "T8": "no BSN is recorded for the client",
    }
    t2 = next(m for tid, m in messages if tid == "T2")
    assert (t2.afzender, t2.ontvanger, t2.products[0].categorie) == ("87650003", "0917", "31")  # K2 → category 31


def test_export_validates_and_imports_back_to_the_same_trajectories(world, tmp_path, xsd_dir):
    result = export_period(parse_period("2025-H1"), "GM0917", tmp_path, EXPORT_DAY)
    assert (result.starts, result.stops) == (4, 2)
    schemas = Schemas(xsd_dir)
    for path in result.files:
        kind = path.name[:5]
        assert schemas.schema(kind).validate(etree.parse(str(path))), path.name
    exported = _facts(Trajectory.objects.filter(trajectory_id__in=["T1", "T2", "T3", "T4"]))
    for t in Trajectory.objects.filter(trajectory_id__in=["T4"]):  # its stop lies after the period
        exported = [f if f[5] != t.start_date else (*f[:6], None, "") for f in exported]
    outcomes = import_messages(read_files([tmp_path], schemas, EXPORT_DAY), today=EXPORT_DAY)
    assert {o.status for o in outcomes} == {"imported"}, [o.as_json() for o in outcomes if o.status != "imported"]
    assert _facts(Trajectory.objects.filter(trajectory_id__startswith="IJW-")) == sorted(exported)
    # and again: the same files change nothing
    again = import_messages(read_files([tmp_path], schemas, EXPORT_DAY), today=EXPORT_DAY)
    assert {o.status for o in again} == {"unchanged"}


def test_an_imported_delivery_keeps_its_product(world, tmp_path):
    from . import build

    CareUnit.objects.filter(code="TESTZORG").update(agb_code=build.AGB)
    build.write(tmp_path, build.start(build.start_product(categorie="54")))
    import_messages(read_files([tmp_path], None, EXPORT_DAY), today=EXPORT_DAY)
    messages, _skipped = messages_for_period(parse_period("2025"), "GM0917", EXPORT_DAY)
    ijw = [m for tid, m in messages if tid.startswith("IJW-")]
    assert [m.products[0].categorie for m in ijw] == ["54"]
