"""The access log: one entry per access to a request (denied ones too), append-only in
the application and in the database, a verifiable chain, read only by the privacy
officer, and reading it is logged."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from django.db import DatabaseError, connection, transaction

from basishulp.accounts.models import Role
from basishulp.audit import triggers
from basishulp.audit.models import AccessLogEntry, AppendOnlyError
from basishulp.audit.services import log_access, verify_log
from basishulp.cli import main
from basishulp.toeleiding.services import receive
from basishulp.trajecten.models import Area, Municipality
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_hrl3():
    heerlen = Municipality.objects.get(code="GM0917")
    return receive(received_on=dt.date(2023, 5, 1), referrer_type="02", municipality=heerlen,
                   area=Area.objects.get(code="HRL-3"), client_pseudonym="C-LOG-1", question="q")  # fmt: skip


def _entries():
    return list(AccessLogEntry.objects.order_by("id").values_list("username", "event", "client", "outcome"))


def test_every_access_writes_one_entry_denied_ones_too(client, request_hrl3) -> None:
    intake = ProfileFactory(role=Role.INTAKE, user__username="in1").user
    heerlen = ProfileFactory(role=Role.MUNICIPALITY, user__username="gem1",
                             municipality=Municipality.objects.get(code="GM0917")).user  # fmt: skip
    elsewhere = ProfileFactory(
        role=Role.AREA_MANAGER, user__username="gm1", areas=[Area.objects.get(code="LGF-1")]
    ).user
    url = f"/hulpvragen/{request_hrl3.reference}/"
    client.force_login(intake)
    assert client.get(url).status_code == 200
    client.post("/hulpvragen/", {"q": "C-LOG-1", "state": "all"})
    client.get("/hulpvragen/?q=C-LOG-1&state=all")
    client.force_login(heerlen)
    assert client.get(url).status_code == 403  # the access table
    client.force_login(elsewhere)
    assert client.get(url).status_code == 404  # out of their areas
    assert _entries() == [
        ("in1", "view", "C-LOG-1", "ok"),
        ("in1", "search", "C-LOG-1", "ok"),
        ("gem1", "view", "", "denied"),
        ("gm1", "view", "C-LOG-1", "denied"),
    ]
    entry = AccessLogEntry.objects.get(username="in1", event="view")
    assert (entry.role, entry.purpose, entry.subject) == (
        "intake",
        "toeleiding naar zorg",
        f"help request {request_hrl3.reference}",
    )
    assert entry.origin == f"127.0.0.1 GET {url}" and entry.occurred_at.tzinfo is not None
    assert request_hrl3.reference in AccessLogEntry.objects.get(username="gem1").subject
    assert verify_log() == {"entries": 4, "valid": True, "first_broken": None}


def test_the_log_is_append_only_in_the_application_and_the_database(request_hrl3) -> None:
    triggers.install(connection)  # a transactional test before may have dropped them for its flush
    entry = log_access(None, "view", client="C-LOG-1", subject="x", user=ProfileFactory(role=Role.INTAKE).user)
    entry.subject = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=entry.pk).update(subject="changed")
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.all().delete()
    for sql in ("UPDATE audit_accesslogentry SET subject = 'changed'", "DELETE FROM audit_accesslogentry"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("TRUNCATE audit_accesslogentry")
    assert AccessLogEntry.objects.get().subject == "x"


def test_verify_reports_the_first_broken_entry_and_a_cut_tail(tmp_path, capsys) -> None:
    user = ProfileFactory(role=Role.INTAKE).user
    ids = [log_access(None, "view", client=f"C-{i}", subject=f"s{i}", user=user).id for i in range(6)]
    checkpoint = tmp_path / "checkpoint.json"
    assert main(["audit", "verify", "--json", "--checkpoint", str(checkpoint)]) == 0
    assert json.loads(capsys.readouterr().out)["checkpoint"]["matches"] is True
    triggers.remove(connection)  # what an intruder with database rights could do
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_accesslogentry SET client = 'C-X' WHERE id = %s", [ids[3]])
    assert main(["audit", "verify", "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    reason = "its content does not match its hash (the entry was changed)"
    assert result["first_broken"] == {"id": ids[3], "position": 3, "reason": reason}
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_accesslogentry SET client = 'C-3' WHERE id = %s", [ids[3]])
        cursor.execute("DELETE FROM audit_accesslogentry WHERE id >= %s", [ids[4]])  # cut the tail
    assert main(["audit", "verify", "--checkpoint", str(checkpoint)]) == 1
    out = capsys.readouterr().out
    assert f"entry {ids[5]} of the checkpoint is gone (cut tail)" in out
    triggers.install(connection)


def test_only_the_privacy_officer_reads_the_log_and_reading_is_logged(client_nl, request_hrl3) -> None:
    intake = ProfileFactory(role=Role.INTAKE, user__username="in2").user
    client_nl.force_login(intake)
    client_nl.get(f"/hulpvragen/{request_hrl3.reference}/")
    assert client_nl.get("/toegangslog/").status_code == 403
    officer = ProfileFactory(role=Role.PRIVACY_OFFICER, user__username="fg").user
    client_nl.force_login(officer)
    assert client_nl.get("/").status_code == 302  # the officer starts in the access log
    html = client_nl.get("/toegangslog/").content.decode()
    assert "De hashketen van alle" in html and "in2" in html
    report = client_nl.get("/toegangslog/client/C-LOG-1/").content.decode()
    assert "in2" in report and "Wie heeft deze cliënt ingezien" in report
    assert client_nl.get(f"/hulpvragen/{request_hrl3.reference}/").status_code == 403  # no other client content
    reads = AccessLogEntry.objects.filter(username="fg", event="log_read")
    assert reads.count() == 2 and reads.filter(client="C-LOG-1").exists()
