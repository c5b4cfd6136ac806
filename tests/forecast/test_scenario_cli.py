"""``basishulp scenario run FILE [--paths N] [--json]`` (docs/scenarios.md): exit 0 with
one JSON document or a side-by-side table; exit 2 with one line on stderr for a bad
file or bad input, a bad file even without a database."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from basishulp.cli import main

from .scenario_data import demo_database

SCENARIO = """name = "Lockdown rebound"
description = "55 extra journeys a month for four months, as after the 2020 lockdowns; CAO +5% from 2024."
cutoff = 2023-06-30

[[changes]]
kind = "inflow_shock"
extra_per_month = 55
from = "2023-09"
months = 4

[[changes]]
kind = "tariff"
percent = 5
from_year = 2024
"""


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_database(django_db_blocker):
        yield


@pytest.fixture
def scenario_file(tmp_path):
    path = tmp_path / "scenario.toml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["scenario", "run", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.django_db
def test_json_is_one_document_with_base_scenario_and_difference(demo, scenario_file, capsys):
    code, out, err = run(capsys, str(scenario_file), "--paths", "100", "--json")
    assert (code, err) == (0, "")
    document = json.loads(out)  # exactly one document
    assert out.count("\n") == 1
    assert set(document) == {"scenario", "base", "scenario_run", "difference"}
    scenario = document["scenario"]
    assert scenario["name"] == "Lockdown rebound" and scenario["description"].startswith("55 extra journeys")
    assert scenario["paths"] == 100 and scenario["scope"] == "HLV" and scenario["municipality"] == "HLV"
    assert [c["kind"] for c in scenario["changes"]] == ["inflow_shock", "tariff"]
    assert scenario["changes"][0] | {"text": ""} == {
        "kind": "inflow_shock",
        "extra_per_month": 55,
        "from": "2023-09",
        "months": 4,
        "text": "",
    }
    assert all(c["text"] for c in scenario["changes"])
    for run_document in (document["base"], document["scenario_run"]):
        assert run_document["cutoff"] == "2023-06-30" and run_document["model"]["paths"] == 100
        assert [y["year"] for y in run_document["years"]] == [2023, 2024, 2025, 2026, 2027]
    years = document["difference"]["years"]
    assert [set(y) for y in years] == [{"year", "costs", "result", "average_clients"}] * 5
    base = {y["year"]: y for y in document["base"]["years"]}
    own = {y["year"]: y for y in document["scenario_run"]["years"]}
    for row in years:
        assert all(isinstance(row[k], int) for k in ("costs", "result", "average_clients"))  # whole euros
        assert row["costs"] == own[row["year"]]["costs"] - base[row["year"]]["costs"] > 0
        assert own[row["year"]]["exit_fees"] == 0 and own[row["year"]]["waiting_client_months"] is None
    assert document["base"]["index"] == document["scenario_run"]["index"] == "OVA/PPC (90/10)"
    assert any("after the forecast" in note for note in document["scenario_run"]["assumptions"])


@pytest.mark.django_db
def test_the_table_shows_base_scenario_and_difference_per_year(demo, scenario_file, capsys):
    code, out, err = run(capsys, str(scenario_file), "--paths", "50")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith('Scenario "Lockdown rebound" against the base forecast: HLV, data known on 2023-06-30')
    assert lines[1] == "Assumptions: " + SCENARIO.splitlines()[1].split('"')[1]
    assert lines[3].startswith("  1. ") and lines[4].startswith("  2. ")
    header = next(i for i, line in enumerate(lines) if line.startswith("year"))
    assert lines[header - 1].split() == ["average", "clients", "in", "care", "expected", "costs", "expected", "result"]
    rows = lines[header + 1 : header + 6]
    assert [r.split()[0] for r in rows] == ["2023", "2024", "2025", "2026", "2027"]
    for row in rows:
        cells = [int(c.replace(",", "")) for c in row.split()]
        assert cells[3] == cells[2] - cells[1]  # clients: scenario - base
        assert cells[6] == cells[5] - cells[4]  # costs
        assert cells[9] == cells[8] - cells[7]  # result
    assert any(line.startswith("note: ") for line in lines)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "message"),
    [
        (SCENARIO.replace("months = 4", "months = 0"), "line 9: changes[1].months: give a whole number of months"),
        (SCENARIO.replace('kind = "tariff"', 'kind = "tarif"'), "line 12: changes[2].kind: unknown kind 'tarif'"),
        (SCENARIO.replace("cutoff = 2023-06-30\n", ""), ": cutoff: missing; give a date as YYYY-MM-DD"),
        ("name = \n", "line 1: this is not valid TOML"),
    ],
)
def test_a_bad_file_exits_2_with_one_line_naming_file_line_and_field(tmp_path, capsys, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, str(path), "--json")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith(f"error: {path}")
    assert message in err


@pytest.mark.django_db
def test_every_problem_is_on_the_one_line(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text(SCENARIO.replace("months = 4", "months = 0").replace("percent = 5", "percent = 500"), "utf-8")
    code, _out, err = run(capsys, str(path))
    assert code == 2 and err.count("\n") == 1
    assert f"{path}, line 9: changes[1].months" in err and f"; {path}, line 13: changes[2].percent" in err


@pytest.mark.django_db
def test_a_missing_file_and_bad_options_exit_2(tmp_path, capsys, scenario_file):
    code, out, err = run(capsys, str(tmp_path / "nothing.toml"))
    assert (code, out) == (2, "")
    assert err == f"error: {tmp_path / 'nothing.toml'}: cannot read the file: No such file or directory\n"
    code, out, err = run(capsys, str(scenario_file), "--paths", "5")
    assert (code, out, err) == (2, "", "error: --paths: give a number from 10 to 20000\n")
    code, out, err = run(capsys, str(scenario_file), "--paths", "many")
    assert code == 2 and out == "" and err.count("\n") == 1


@pytest.mark.django_db
def test_a_problem_only_the_database_shows_exits_2_with_one_line(demo, tmp_path, capsys):
    path = tmp_path / "index.toml"
    path.write_text(SCENARIO + '\n[[changes]]\nkind = "index"\nseries = "CBS"\n', encoding="utf-8")
    code, out, err = run(capsys, str(path), "--json")
    assert (code, out) == (2, "")
    assert err == (
        f"error: {path}, line 18: changes[3].series: there is no index series 'CBS'; known: Maastricht, "
        "OVA/PPC (90/10)\n"
    )


def test_a_bad_file_is_reported_without_a_database(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(SCENARIO.replace('from = "2023-09"', 'from = "2023-02"'), encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "DATABASE_URL": f"sqlite:///{tmp_path}/missing/db.sqlite3"}
    result = subprocess.run(
        [sys.executable, "-m", "basishulp.cli", "scenario", "run", str(path), "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: {path}, line 8: changes[1].from: the shock must start after the data: give 2023-07 or later\n"
    )
