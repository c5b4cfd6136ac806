"""``basishulp import trajectories FILE [--json]`` through ``basishulp.cli.main``."""

from __future__ import annotations

import json

import pytest

from basishulp.cli import main
from basishulp.trajecten.models import ImportBatch, Trajectory

from .conftest import GOOD_ROWS

pytestmark = pytest.mark.django_db


def test_import_prints_summary(write_csv, capsys):
    path = write_csv(*GOOD_ROWS, "t6,c9,Heerlen,,ONBEKENDE-AANBIEDER,K3,2023-01-01,,,")
    assert main(["import", "trajectories", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == f"imported {path}: 6 rows, 6 created, 0 updated, 0 unchanged, 1 warnings"
    assert err.startswith("warning: care unit 'ONBEKENDE-AANBIEDER' is not known")
    assert Trajectory.objects.count() == 6


def test_import_json_and_reimport(write_csv, capsys):
    path = write_csv(*GOOD_ROWS)
    assert main(["import", "trajectories", str(path), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(["import", "trajectories", str(path), "--json"]) == 0
    second = json.loads(capsys.readouterr().out)

    assert {k: first[k] for k in ("status", "rows", "created", "updated", "unchanged", "warnings")} == {
        "status": "done",
        "rows": 5,
        "created": 5,
        "updated": 0,
        "unchanged": 0,
        "warnings": [],
    }
    assert (second["created"], second["updated"], second["unchanged"]) == (0, 0, 5)
    assert second["batch"] != first["batch"]
    assert Trajectory.objects.count() == 5


def test_bad_file_exits_2_lists_errors_and_stores_nothing(write_csv, capsys):
    path = write_csv(
        "t1,c1,Heerlen,,GT-HRL-1,K5,2023-01-01,,,",
        "t2,c2,Heerlen,,GT-HRL-1,K2,01-01-2023,,,",
    )
    assert main(["import", "trajectories", str(path)]) == 2
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert out == ""
    assert (
        lines[0] == f"error: {path}, line 2, column quadrant: invalid value 'K5': use K1, K2 or K3 (and 1 more errors)"
    )
    assert lines[1:] == [
        f"  {path}, line 2, column quadrant: invalid value 'K5': use K1, K2 or K3",
        f"  {path}, line 3, column start_date: invalid date '01-01-2023': use YYYY-MM-DD",
    ]
    assert Trajectory.objects.count() == 0
    assert ImportBatch.objects.get().status == ImportBatch.Status.FAILED


def test_bad_file_json_is_one_document(write_csv, capsys):
    path = write_csv("t1,c1,Heerlen,,GT-HRL-1,K5,2023-01-01,,,")
    assert main(["import", "trajectories", str(path), "--json"]) == 2
    out, err = capsys.readouterr()
    document = json.loads(out)
    assert document["status"] == "failed"
    assert [(e["line"], e["column"]) for e in document["errors"]] == [(2, "quadrant")]
    assert err.startswith("error: ")


def test_many_errors_are_capped_at_50(write_csv, capsys):
    path = write_csv(*(f"t{i},c{i},Heerlen,,GT-HRL-1,K2,2023-13-01,,," for i in range(60)))
    assert main(["import", "trajectories", str(path)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 + 50 + 1
    assert lines[-1] == "  ... and 10 more"


def test_missing_file_exits_2(tmp_path, capsys):
    assert main(["import", "trajectories", str(tmp_path / "nope.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "cannot read file" in err
    assert Trajectory.objects.count() == 0
