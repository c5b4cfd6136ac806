"""The command-line contract (data-formats.md §2), run as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEADER = "trajectory_id,client_id,municipality,area,care_unit,quadrant,start_date,end_date,end_reason,referrer_type\n"
ROWS = (
    "t1,c1,Heerlen,HRL-1,GT-HRL-1,K2,2022-06-01,2023-02-10,31,02\n"
    "t2,c1,Heerlen,HRL-1,XONAR,K3,2023-03-12,2023-05-01,34,\n"
    "t3,c2,GM0882,,RADAR,K3,2023-01-15,,,06\n"
    "t4,c3,Voerendaal,,GT-VRD-1,K2,2023-02-01,2023-02-01,31,\n"
    "t5,c3,Voerendaal,,GT-VRD-1,K2,2023-04-01,2023-06-30,31,\n"
)
ENGINES = ["reference", "duckdb"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "basishulp.cli", *args], capture_output=True, text=True, env=env, check=False
    )


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    path = tmp_path / "trajectories.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    return path


@pytest.mark.parametrize("engine", ENGINES)
def test_flows_json_contract(csv_file, engine):
    result = run(
        "kpi", "flows", str(csv_file), "--period", "2023-H1", "--as-of", "2023-09-30", "--json", "--engine", engine
    )
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["period"] == {"from": "2023-01-01", "to": "2023-06-30"}
    assert doc["as_of"] == "2023-09-30"
    assert [r["group"] for r in doc["rows"]] == ["total", "Heerlen", "Landgraaf", "Voerendaal"]
    # hand-computed: see tests/kpi/domain/test_indicators.py SCENARIO
    assert doc["rows"][0] == {
        "group": "total",
        "begin": 1,
        "inflow": 3,
        "subtotal": 4,
        "outflow": 3,
        "end": 1,
        "monthly_average": 2.5,
    }


@pytest.mark.parametrize("engine", ENGINES)
def test_journeys_json_contract(csv_file, engine):
    result = run(
        "kpi",
        "journeys",
        str(csv_file),
        "--from",
        "2023-01-01",
        "--to",
        "2023-06-30",
        "--as-of",
        "2023-09-30",
        "--json",
        "--engine",
        engine,
    )
    assert result.returncode == 0, result.stderr
    total = json.loads(result.stdout)["rows"][0]
    assert total == {
        "group": "total",
        "closed": 3,
        "duration_mean": 142.3,
        "duration_median": 91,
        "duration_p90": 335,
        "end_reasons": {"31": 0.667, "34": 0.333},
        "clients_in_care": 3,
        "returning_share": 0.333,
    }
    landgraaf = json.loads(result.stdout)["rows"][2]
    assert landgraaf["closed"] == 0 and landgraaf["duration_mean"] is None


def test_default_as_of_is_the_latest_date_in_the_data(csv_file):
    result = run("kpi", "flows", str(csv_file), "--period", "2023-H1", "--json", "--engine", "reference")
    assert json.loads(result.stdout)["as_of"] == "2023-06-30"


def test_table_output_without_json(csv_file):
    result = run("kpi", "flows", str(csv_file), "--period", "2023-H1", "--engine", "reference")
    assert result.returncode == 0
    assert "Heerlen" in result.stdout and "monthly_avg" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2023-H3"], "invalid period '2023-H3'"),
        (["--period", "2023-13"], "month must be 01-12"),
        (["--from", "2023-02-01", "--to", "2023-01-01"], "is before --from"),
        (["--period", "2023", "--from", "2023-01-01", "--to", "2023-02-01"], "either --period or --from/--to"),
        ([], "a period is required"),
        (["--period", "2023", "--as-of", "30-09-2023"], "invalid --as-of date"),
    ],
)
@pytest.mark.parametrize("engine", ENGINES)
def test_bad_arguments_exit_2_with_one_line(csv_file, args, message, engine):
    result = run("kpi", "flows", str(csv_file), *args, "--engine", engine)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr


@pytest.mark.parametrize("engine", ENGINES)
def test_bad_file_exits_2_naming_line_and_column(tmp_path, engine):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + ROWS + "t6,c4,Heerlen,,U,K2,2023-02-30,,,\n", encoding="utf-8")
    result = run("kpi", "flows", str(path), "--period", "2023-H1", "--json", "--engine", engine)
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert "line 7" in line and "start_date" in line


@pytest.mark.parametrize("engine", ENGINES)
def test_missing_file_exits_2(tmp_path, engine):
    result = run("kpi", "flows", str(tmp_path / "nope.csv"), "--period", "2023", "--engine", engine)
    assert result.returncode == 2
    assert "nope.csv" in result.stderr


def test_help_exits_0():
    result = run("kpi", "flows", "--help")
    assert result.returncode == 0
    assert "--period" in result.stdout


def test_database_commands_on_an_unmigrated_database_say_what_to_do(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONIOENCODING": "utf-8",
        "DJANGO_SETTINGS_MODULE": "basishulp.conf.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }
    for args in (["finance", "overview"], ["import", "trajectories", str(tmp_path / "x.csv")]):
        result = subprocess.run(
            [sys.executable, "-m", "basishulp.cli", *args], capture_output=True, text=True, env=env, check=False
        )
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1
        assert "basishulp manage migrate" in result.stderr
