"""``basishulp ijw validate|import`` through ``basishulp.cli.main`` (issue #6): one JSON
document with ``--json``, exit 0 also for invalid messages, exit 2 with one line on
stderr when a path cannot be read, and the XSD check named as skipped without schemas."""

from __future__ import annotations

import dataclasses
import json
import os

import pytest
from lxml import etree

from basishulp.cli import main
from basishulp.ijw.cli import XSD_ENV
from basishulp.ijw.domain.xsd import Schemas
from basishulp.ijw.models import Delivery, ReceivedMessage, Stop
from basishulp.trajecten.models import CareUnit, ImportBatch, Municipality, Trajectory

from . import build

MESSAGE_KEYS = {"file", "message_id", "kind", "valid", "xsd", "errors", "warnings", "retour_codes"}


@pytest.fixture(autouse=True)
def _no_xsd_from_the_environment(monkeypatch):
    monkeypatch.delenv(XSD_ENV, raising=False)


@pytest.fixture
def messages(tmp_path):
    """A directory with a valid start, a start with a within-message error (TR134) and a
    file that is not XML."""
    directory = tmp_path / "in"
    directory.mkdir()
    build.write(directory, build.start(), "a_start.xml")
    build.write(directory, build.start(build.start_product(begin="2025-04-01"), ident="ST-0002"), "b_late.xml")
    (directory / "c_broken.xml").write_bytes(b"<jw305:Bericht")
    (directory / "notes.txt").write_text("not a message")
    return directory


def _json(capsys):
    out, err = capsys.readouterr()
    return json.loads(out), err


def test_validate_json_contract(messages, capsys):
    assert main(["ijw", "validate", str(messages), "--json"]) == 0
    document, err = _json(capsys)
    assert err == ""
    assert document["xsd"] == {"checked": False, "dir": None}
    assert [m["file"] for m in document["messages"]] == [
        str(messages / "a_start.xml"),
        str(messages / "b_late.xml"),
        str(messages / "c_broken.xml"),
    ]
    good, late, broken = document["messages"]
    assert all(set(m) == MESSAGE_KEYS for m in document["messages"])
    assert good == {
        "file": str(messages / "a_start.xml"),
        "message_id": "ST-0001",
        "kind": "JW305",
        "valid": True,
        "xsd": "skipped",
        "errors": [],
        "warnings": [],
        "retour_codes": ["0200"],
    }
    assert (late["message_id"], late["valid"], late["retour_codes"]) == ("ST-0002", False, ["0001"])
    assert late["errors"] == [
        {
            "rule": "TR134",
            "path": "/Bericht/Client/StartProducten/StartProduct[1]/Begindatum",
            "text": "Begindatum 2025-04-01 is after the Dagtekening 2025-03-07",
        }
    ]
    assert (broken["message_id"], broken["kind"], broken["valid"], broken["retour_codes"]) == (None, None, False, [])
    assert [(e["rule"], e["path"]) for e in broken["errors"]] == [("XML", "/")]


def test_validate_one_file_and_warnings(tmp_path, capsys):
    path = build.write(tmp_path, build.stop(build.stop_product(categorie=None)))
    assert main(["ijw", "validate", str(path), "--json"]) == 0
    (message,) = _json(capsys)[0]["messages"]
    assert message["valid"] and message["kind"] == "JW307"
    assert message["warnings"] == [
        {
            "rule": "IV096",
            "path": "/Bericht/Client/StopProducten/StopProduct[1]",
            "text": message["warnings"][0]["text"],
        }
    ]


def test_validate_with_xsd_dir(messages, xsd_dir, capsys):
    assert main(["ijw", "validate", str(messages), "--xsd-dir", str(xsd_dir), "--json"]) == 0
    document, _ = _json(capsys)
    assert document["xsd"] == {"checked": True, "dir": str(xsd_dir)}
    assert [m["xsd"] for m in document["messages"]] == ["checked", "checked", "skipped"]  # no XML, no XSD check
    assert [m["valid"] for m in document["messages"]] == [True, False, False]


def test_validate_reports_xsd_findings(tmp_path, xsd_dir, capsys):
    """Surrounding spaces in a string-typed value: the XSD and the rules both refuse them."""
    path = build.write(tmp_path, dataclasses.replace(build.start(), bsn=f" {build.BSN_A}"))
    assert main(["ijw", "validate", str(path), "--xsd-dir", str(xsd_dir), "--json"]) == 0
    (message,) = _json(capsys)[0]["messages"]
    assert not message["valid"] and message["retour_codes"] == []  # XSD failure: no retour (§5)
    assert {(e["rule"], e["path"]) for e in message["errors"]} == {
        ("XSD", "/Bericht/Client/Bsn"),
        ("RS015", "/Bericht/Client/Bsn"),
    }


def test_validate_takes_the_xsd_dir_from_the_environment(messages, xsd_dir, monkeypatch, capsys):
    monkeypatch.setenv(XSD_ENV, str(xsd_dir))
    assert main(["ijw", "validate", str(messages / "a_start.xml"), "--json"]) == 0
    document, _ = _json(capsys)
    assert document["xsd"]["checked"] and document["messages"][0]["xsd"] == "checked"


def test_validate_text_output_says_the_xsd_check_was_skipped(messages, capsys):
    assert main(["ijw", "validate", str(messages)]) == 0
    out, err = capsys.readouterr()
    assert err == f"note: XSD check skipped (no --xsd-dir and no ${XSD_ENV})\n"
    assert f"{messages / 'a_start.xml'}: valid (ST-0001)" in out
    assert f"{messages / 'b_late.xml'}: INVALID (ST-0002)" in out
    assert "  TR134 /Bericht/Client/StartProducten/StartProduct[1]/Begindatum: " in out
    assert out.rstrip().endswith("1 of 3 message(s) valid")


@pytest.mark.parametrize("json_flag", [[], ["--json"]], ids=["text", "json"])
def test_validate_a_missing_path_exits_2_with_one_line(tmp_path, capsys, json_flag):
    missing = tmp_path / "nope.xml"
    assert main(["ijw", "validate", str(missing), *json_flag]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and str(missing) in err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_validate_an_unreadable_file_exits_2(tmp_path, capsys):
    path = build.write(tmp_path, build.start())
    path.chmod(0)
    try:
        assert main(["ijw", "validate", str(path), "--json"]) == 2
    finally:
        path.chmod(0o600)
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("error: ")


@pytest.mark.parametrize("command", ["validate", "import"])
def test_a_path_the_system_refuses_exits_2(tmp_path, capsys, command, request):
    """A name too long for the file system: an OSError other than 'not found'."""
    if command == "import":
        request.getfixturevalue("db")
    path = tmp_path / ("x" * 300 + ".xml")
    assert main(["ijw", command, str(path), "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("error: ")


def test_validate_a_missing_xsd_dir_exits_2(messages, tmp_path, capsys):
    assert main(["ijw", "validate", str(messages), "--xsd-dir", str(tmp_path / "xsd"), "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "schema directory" in err


def test_validate_an_xsd_dir_without_the_schemas_exits_2(messages, tmp_path, capsys):
    assert main(["ijw", "validate", str(messages), "--xsd-dir", str(tmp_path), "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "JW305.xsd is not in" in err


def test_validate_an_empty_directory_is_an_empty_list(tmp_path, capsys):
    assert main(["ijw", "validate", str(tmp_path), "--json"]) == 0
    assert _json(capsys)[0]["messages"] == []


# --- import (database) --------------------------------------------------------------------


@pytest.fixture
def provider(db):
    Municipality.objects.get_or_create(code="GM0917", defaults={"name": "Heerlen"})
    return CareUnit.objects.create(code="TESTZORG", name="Testzorg", kind=CareUnit.Kind.PROVIDER, agb_code=build.AGB)


@pytest.fixture
def inbox(tmp_path):
    """A start and its stop, a start refused within the message (0001), a stop of
    something never started (9069) and a file that is not XML (no retour)."""
    directory = tmp_path / "in"
    directory.mkdir()
    build.write(directory, build.start(), "1_start.xml")
    build.write(directory, build.stop(), "2_stop.xml")
    build.write(directory, build.start(build.start_product(begin="2025-04-01"), ident="ST-0002"), "3_late.xml")
    build.write(directory, build.stop(build.stop_product(categorie="54"), ident="SP-0002"), "4_unstarted.xml")
    (directory / "5_broken.xml").write_bytes(b"not xml")
    return directory


def _import(*args: str) -> list[str]:
    return ["ijw", "import", *args, "--json"]


def test_import_json_contract_and_retour_files(provider, inbox, tmp_path, capsys):
    retours = tmp_path / "retour"
    assert main(_import(str(inbox), "--retour-dir", str(retours))) == 0
    document, err = _json(capsys)
    assert err == ""
    assert (document["xsd"], document["imported"], document["unchanged"], document["rejected"]) == (
        {"checked": False},
        2,
        0,
        3,
    )
    by_file = {os.path.basename(m["file"]): m for m in document["messages"]}
    assert {name: (m["status"], m["retour_codes"]) for name, m in by_file.items()} == {
        "1_start.xml": ("imported", ["0200"]),
        "2_stop.xml": ("imported", ["0200"]),
        "3_late.xml": ("rejected", ["0001"]),
        "4_unstarted.xml": ("rejected", ["9069"]),
        "5_broken.xml": ("rejected", []),
    }
    assert [e["rule"] for e in by_file["4_unstarted.xml"]["errors"]] == ["TR382"]
    assert by_file["1_start.xml"]["trajectories"] == [Trajectory.objects.get().trajectory_id]
    assert all(m["valid"] == (m["status"] != "rejected") for m in document["messages"])
    assert sorted(p.name for p in retours.iterdir()) == [
        "retour_1_start.xml",
        "retour_2_stop.xml",
        "retour_3_late.xml",
        "retour_4_unstarted.xml",
    ]
    assert (Trajectory.objects.count(), Delivery.objects.count(), Stop.objects.count()) == (1, 1, 1)
    assert ImportBatch.objects.filter(status=ImportBatch.Status.FAILED).count() == 3


def test_import_retour_files_are_valid_jw306_and_jw308(provider, inbox, tmp_path, xsd_dir, capsys):
    retours = tmp_path / "retour"
    assert main(_import(str(inbox), "--retour-dir", str(retours), "--xsd-dir", str(xsd_dir))) == 0
    document, _ = _json(capsys)
    assert document["xsd"] == {"checked": True} and document["imported"] == 2
    schemas = Schemas(xsd_dir)
    expected = {
        "retour_1_start.xml": ("JW306", ["0200", "0200"]),  # the product and the Client
        "retour_2_stop.xml": ("JW308", ["0200", "0200"]),
        "retour_3_late.xml": ("JW306", ["0001"]),  # the Header only
        "retour_4_unstarted.xml": ("JW308", ["9069", "0200"]),
    }
    for name, (kind, codes) in expected.items():
        root = etree.fromstring((retours / name).read_bytes())
        schema = schemas.schema(kind)
        assert schema.validate(root), (name, schema.error_log)
        assert [c.text for c in root.iter("{*}RetourCode")] == codes, name
    assert etree.fromstring((retours / "retour_3_late.xml").read_bytes()).find("{*}Client") is None


def test_import_again_is_unchanged(provider, inbox, tmp_path, capsys):
    assert main(_import(str(inbox))) == 0
    capsys.readouterr()
    before = (Trajectory.objects.count(), ReceivedMessage.objects.count(), Stop.objects.count())
    assert main(_import(str(inbox), "--retour-dir", str(tmp_path / "again"))) == 0
    document, _ = _json(capsys)
    assert (document["imported"], document["unchanged"], document["rejected"]) == (0, 2, 3)
    assert (Trajectory.objects.count(), ReceivedMessage.objects.count(), Stop.objects.count()) == before
    # the retour of an unchanged message is the one sent the first time
    first = ReceivedMessage.objects.get(kind="JW305").retour.encode()
    assert (tmp_path / "again" / "retour_1_start.xml").read_bytes() == first


def test_import_text_output(provider, inbox, capsys):
    assert main(["ijw", "import", str(inbox)]) == 0
    out, err = capsys.readouterr()
    assert err == f"note: XSD check skipped (no --xsd-dir and no ${XSD_ENV})\n"
    assert f"{inbox / '4_unstarted.xml'}: rejected (9069)" in out
    assert f"{inbox / '5_broken.xml'}: rejected (no retour)" in out
    assert out.rstrip().endswith("2 imported, 0 unchanged, 3 rejected")


@pytest.mark.django_db
def test_import_without_messages_exits_2(tmp_path, capsys):
    assert main(_import(str(tmp_path))) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "no .xml files" in err
    assert not ImportBatch.objects.exists()


@pytest.mark.django_db
def test_import_a_missing_path_exits_2(tmp_path, capsys):
    assert main(_import(str(tmp_path / "nope"))) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "no such file or directory" in err
    assert not ImportBatch.objects.exists()
