"""``basishulp published import`` and ``basishulp cbs import`` (data-formats.md §2)."""

from __future__ import annotations

import json

import pytest

from basishulp.cli import main
from basishulp.comparisons.models import CbsFigure, PublishedFigure
from basishulp.comparisons.source_data import SAMPLE_CBS_FILE

pytestmark = pytest.mark.django_db


def test_published_import_json(write, capsys):
    path = write(
        "gepubliceerd.csv", 'source,period,scope,measure,value\nR,2019,HLV,begin,"2.306"\nR,2019,HLV,end,2235\n'
    )
    assert main(["published", "import", str(path), "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {
        "file": str(path),
        "status": "imported",
        "rows": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "warnings": [],
    }
    assert PublishedFigure.objects.count() == 2
    assert main(["published", "import", str(path)]) == 0
    assert "2 rows, 0 created, 0 updated, 2 unchanged" in capsys.readouterr().out


def test_published_import_failure_json(write, capsys):
    path = write("fout.csv", "source;period;scope;measure;value\nR;2019;HLV;begin;1\nR;2019;HLV;end;veel\n")
    assert main(["published", "import", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1
    assert "line 3, column value" in captured.err and "nothing was imported" in captured.err
    document = json.loads(captured.out)
    assert document["status"] == "failed"
    assert document["errors"] == [
        {
            "line": 3,
            "column": "value",
            "message": "'veel' is not a number (write e.g. 2.306 or 1.153,5)",
            "text": f"{path}, line 3, column value: 'veel' is not a number (write e.g. 2.306 or 1.153,5)",
        }
    ]
    assert PublishedFigure.objects.count() == 0


def test_cbs_import_json(capsys):
    assert main(["cbs", "import", str(SAMPLE_CBS_FILE), "--json", "--source", "voorbeeld"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["status"], document["rows"], document["created"]) == ("imported", 15, 15)
    assert document["years"] == [2021, 2022, 2023]
    assert document["regions"] == ["CR42", "GM0882", "GM0917", "GM0986", "NL01"]
    assert set(CbsFigure.objects.values_list("source", flat=True)) == {"voorbeeld"}


def test_cbs_import_of_a_missing_file(tmp_path, capsys):
    assert main(["cbs", "import", str(tmp_path / "nope.csv")]) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "nope.csv: cannot read the file" in captured.err
    assert captured.out == ""


def test_help_exits_0(capsys):
    with pytest.raises(SystemExit) as info:
        main(["cbs", "import", "--help"])
    assert info.value.code == 0
    assert "StatLine" in capsys.readouterr().out
