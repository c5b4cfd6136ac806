"""``basishulp demo-data --csv`` (no database involved)."""

from __future__ import annotations

import argparse
import json

from basishulp.demo import generator
from basishulp.demo.cli import demo_data_command
from basishulp.trajecten.domain.csvfile import read_trajectories


def test_demo_data_writes_csv_and_one_json_document(tmp_path, capsys) -> None:
    out = tmp_path / "demo.csv"
    code = demo_data_command(argparse.Namespace(csv=str(out), seed=None, json=True))
    assert code == 0
    document = json.loads(capsys.readouterr().out)
    parsed = read_trajectories(out).records
    assert document["file"] == str(out)
    assert document["trajectories"] == len(parsed)
    assert document["clients"] == len({r.client_id for r in parsed})
    assert document["calibration"]["ok"] is True
    assert parsed == generator.generate()


def test_demo_data_text_summary_and_seed(tmp_path, capsys) -> None:
    out = tmp_path / "demo.csv"
    assert demo_data_command(argparse.Namespace(csv=str(out), seed=5, json=False)) == 0
    line = capsys.readouterr().out
    assert line.count("\n") == 1
    assert "seed 5" in line and "calibration" in line


def test_demo_data_unwritable_path_is_a_usage_error(tmp_path, capsys) -> None:
    target = tmp_path / "missing-dir" / "demo.csv"
    assert demo_data_command(argparse.Namespace(csv=str(target), seed=None, json=False)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: cannot write") and captured.err.count("\n") == 1
