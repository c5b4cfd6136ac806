"""The trajectories import service: all-or-nothing, idempotent, with history."""

from __future__ import annotations

import datetime as dt

import pytest

from django.db import DatabaseError

from basishulp.trajecten import services
from basishulp.trajecten.domain.csvfile import TrajectoryFileError
from basishulp.trajecten.domain.records import TrajectoryRecord
from basishulp.trajecten.models import Area, CareUnit, Client, ImportBatch, Municipality, Trajectory, TrajectoryHistory
from basishulp.trajecten.services import trajectories_import
from tests.factories import ProfileFactory, TrajectoryFactory

from .conftest import GOOD_ROWS

pytestmark = pytest.mark.django_db

BSN = "999993847"  # passes the 11-proef


def test_import_file_creates_trajectories_and_history(write_csv):
    batch = trajectories_import(path=write_csv(*GOOD_ROWS), filename="trajectories.csv")

    assert (batch.status, batch.rows, batch.created, batch.updated, batch.unchanged) == ("done", 5, 5, 0, 0)
    assert batch.warnings == []
    assert batch.finished_at is not None
    assert Trajectory.objects.count() == 5
    assert Client.objects.count() == 3
    t2 = Trajectory.objects.select_related("client", "municipality", "area", "care_unit").get(trajectory_id="t2")
    assert (t2.client.pseudonym, t2.municipality.code, t2.area.code, t2.care_unit.code) == (
        "c1",
        "GM0917",
        "HRL-1",
        "XONAR",
    )
    assert (t2.quadrant, t2.start_date, t2.end_date, t2.end_reason, t2.referrer_type) == (
        "K3",
        dt.date(2023, 3, 12),
        dt.date(2023, 5, 1),
        "34",
        "",
    )
    assert Trajectory.objects.get(trajectory_id="t4").area is None

    history = TrajectoryHistory.objects.filter(batch=batch)
    assert history.count() == 5
    assert set(history.values_list("action", flat=True)) == {"created"}
    assert history.get(trajectory__trajectory_id="t3").data == {
        "trajectory_id": "t3",
        "client_id": "c2",
        "municipality": "GM0882",
        "area": "LGF-1",
        "care_unit": "RADAR",
        "quadrant": "K3",
        "start_date": "2023-01-15",
        "end_date": None,
        "end_reason": "",
        "referrer_type": "06",
    }


def test_reimport_is_idempotent(write_csv):
    path = write_csv(*GOOD_ROWS)
    trajectories_import(path=path, filename="trajectories.csv")
    before = dict(Trajectory.objects.values_list("trajectory_id", "updated_at"))

    again = trajectories_import(path=path, filename="trajectories.csv")

    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert Trajectory.objects.count() == 5
    assert Client.objects.count() == 3
    assert TrajectoryHistory.objects.count() == 5
    assert dict(Trajectory.objects.values_list("trajectory_id", "updated_at")) == before


def test_reimport_updates_changed_rows_with_new_history(write_csv):
    trajectories_import(path=write_csv(*GOOD_ROWS), filename="v1.csv")
    changed = list(GOOD_ROWS)
    changed[2] = "t3,c2,GM0882,LGF-2,RADAR,K3,2023-01-15,2023-08-31,31,06"  # closed, other area
    changed.append("t6,c4,Heerlen,HRL-3,GT-HRL-3,K2,2023-07-01,,,01")

    batch = trajectories_import(path=write_csv(*changed, name="v2.csv"), filename="v2.csv")

    assert (batch.rows, batch.created, batch.updated, batch.unchanged) == (6, 1, 1, 4)
    assert Trajectory.objects.count() == 6
    t3 = Trajectory.objects.get(trajectory_id="t3")
    assert (t3.area.code, t3.end_date, t3.end_reason) == ("LGF-2", dt.date(2023, 8, 31), "31")
    history = list(t3.history.order_by("id").values_list("action", "data"))
    assert [action for action, _ in history] == ["created", "updated"]
    assert history[0][1]["end_date"] is None
    assert (history[1][1]["end_date"], history[1][1]["area"]) == ("2023-08-31", "LGF-2")
    assert set(TrajectoryHistory.objects.filter(batch=batch).values_list("action", flat=True)) == {"created", "updated"}


def test_file_with_errors_imports_nothing_and_reports_every_error(write_csv):
    path = write_csv(
        GOOD_ROWS[0],
        f"t2,{BSN},Heerlen,HRL-1,XONAR,K3,2023-03-12,2023-05-01,34,",
        "t3,c2,GM0882,,RADAR,K9,2023-01-15,,,06",
        "t4,c3,Voerendaal,,GT-VRD-1,K2,2023-02-31,2023-02-01,31,",
        "t5,c3,Nergens,,GT-VRD-1,K2,2023-04-01,2023-03-30,31,",
    )
    with pytest.raises(TrajectoryFileError) as info:
        trajectories_import(path=path, filename="upload.csv")

    located = {(e.file, e.line, e.column) for e in info.value.errors}
    assert located == {
        ("upload.csv", 3, "client_id"),
        ("upload.csv", 4, "quadrant"),
        ("upload.csv", 5, "start_date"),
        ("upload.csv", 6, "municipality"),
        ("upload.csv", 6, "end_date"),
    }
    assert str(info.value).startswith("upload.csv, line 3, column client_id:")
    assert Trajectory.objects.count() == 0
    assert Client.objects.count() == 0
    assert TrajectoryHistory.objects.count() == 0
    failed = ImportBatch.objects.get()
    assert failed.status == ImportBatch.Status.FAILED
    assert {(e["line"], e["column"]) for e in failed.errors} == {(line, col) for _, line, col in located}


def test_bsn_client_id_refused(write_csv):
    with pytest.raises(TrajectoryFileError) as info:
        trajectories_import(path=write_csv(f"t1,{BSN},Heerlen,,GT-HRL-1,K2,2023-01-01,,,"), filename="f.csv")
    (error,) = info.value.errors
    assert (error.line, error.column) == (2, "client_id")
    assert "BSN" in error.message
    assert not Client.objects.filter(pseudonym=BSN).exists()


def test_bsn_refused_for_records_too():
    record = TrajectoryRecord("t1", BSN, "GM0917", "GT-HRL-1", "K2", dt.date(2023, 1, 1))
    with pytest.raises(TrajectoryFileError):
        trajectories_import(records=[record], filename="generator")
    assert Trajectory.objects.count() == 0


def test_unknown_codes_are_created_with_warnings(write_csv):
    batch = trajectories_import(
        path=write_csv(
            "t1,c1,Heerlen,HRL-9,NIEUWE-AANBIEDER,K3,2023-01-01,,,",
            "t2,c2,Heerlen,HRL-9,NIEUWE-AANBIEDER,K3,2023-01-01,,,",
            "t3,c3,GM1234,,GT-HRL-1,K2,2023-01-01,,,",
        ),
        filename="f.csv",
    )
    unit = CareUnit.objects.get(code="NIEUWE-AANBIEDER")
    assert unit.kind == CareUnit.Kind.UNKNOWN
    assert Area.objects.get(code="HRL-9").municipality.code == "GM0917"
    assert Municipality.objects.get(code="GM1234").name == "GM1234"
    assert len(batch.warnings) == 3
    assert any("NIEUWE-AANBIEDER" in w and "onbekend" in w and "2 rows" in w for w in batch.warnings)
    assert any("HRL-9" in w for w in batch.warnings)
    assert any("GM1234" in w for w in batch.warnings)
    assert ImportBatch.objects.get(pk=batch.pk).warnings == batch.warnings


def test_unknown_column_warning_names_the_upload_not_the_temp_path(write_csv):
    header = "trajectory_id,client_id,municipality,care_unit,quadrant,start_date,extra"
    path = write_csv("t1,c1,Heerlen,GT-HRL-1,K2,2023-01-01,x", header=header, name="tmp123.csv")
    batch = trajectories_import(path=path, filename="mijn-bestand.csv")
    assert batch.warnings == ["mijn-bestand.csv, line 1: unknown column(s) ignored: extra"]


def test_value_too_long_for_the_database_is_an_error_with_line(write_csv):
    long_id = "x" * 65
    path = write_csv(GOOD_ROWS[0], "", f"{long_id},c9,Heerlen,,GT-HRL-1,K2,2023-01-01,,,")
    with pytest.raises(TrajectoryFileError) as info:
        trajectories_import(path=path, filename="f.csv")
    assert [(e.line, e.column) for e in info.value.errors] == [(4, "trajectory_id")]
    assert Trajectory.objects.count() == 0


def test_records_input_and_acting_user():
    user = ProfileFactory(controller=True).user
    records = [
        TrajectoryRecord("r1", "c1", "GM0917", "GT-HRL-2", "K2", dt.date(2023, 1, 1), area="HRL-2"),
        TrajectoryRecord("r2", "c1", "GM0917", "MONDRIAAN", "K3", dt.date(2023, 2, 1), dt.date(2023, 3, 1), "", "31"),
    ]
    batch = trajectories_import(records=records, filename="demo", acting_user=user)
    assert (batch.created, batch.imported_by) == (2, user)
    assert Trajectory.objects.get(trajectory_id="r2").end_reason == "31"


def test_exactly_one_source_required():
    with pytest.raises(TypeError):
        trajectories_import(filename="x")
    with pytest.raises(TypeError):
        trajectories_import(records=[], path="x.csv", filename="x")


def test_progress_is_reported_per_chunk(write_csv, monkeypatch):
    monkeypatch.setattr(services, "CHUNK_SIZE", 2)
    calls = []
    trajectories_import(path=write_csv(*GOOD_ROWS), filename="f.csv", progress=lambda d, t: calls.append((d, t)))
    assert calls == [(2, 5), (4, 5), (5, 5)]


def test_no_queries_per_row(write_csv, django_assert_max_num_queries):
    rows = [f"q{i},c{i % 40},Heerlen,HRL-{i % 5 + 1},GT-HRL-{i % 5 + 1},K2,2023-01-01,,," for i in range(300)]
    path = write_csv(*rows)
    with django_assert_max_num_queries(20):
        batch = trajectories_import(path=path, filename="f.csv")
    assert batch.created == 300
    changed = [r.replace("2023-01-01,,,", "2023-01-01,2023-02-01,31,") for r in rows]
    path = write_csv(*changed, name="changed.csv")
    with django_assert_max_num_queries(20):
        batch = trajectories_import(path=path, filename="changed.csv")
    assert batch.updated == 300


def test_database_error_rolls_back_everything(write_csv, monkeypatch):
    TrajectoryFactory(trajectory_id="t1", start_date=dt.date(2020, 1, 1))  # will be "updated"

    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(TrajectoryHistory.objects, "bulk_create", broken)
    with pytest.raises(DatabaseError):
        trajectories_import(path=write_csv(*GOOD_ROWS), filename="f.csv")

    assert list(Trajectory.objects.values_list("trajectory_id", "start_date")) == [("t1", dt.date(2020, 1, 1))]
    assert not Client.objects.filter(pseudonym__in=["c1", "c2", "c3"]).exists()
    failed = ImportBatch.objects.get()
    assert failed.status == ImportBatch.Status.FAILED
    assert "disk full" in failed.errors[0]["message"]
