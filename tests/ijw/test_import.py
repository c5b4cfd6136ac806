"""Importing JW305/JW307 into trajectories (issue #6): the mapping, all-or-nothing per
message, idempotence, the cross-message rules, the retour messages."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from lxml import etree

from basishulp.ijw.models import Delivery, ReceivedMessage, Stop
from basishulp.ijw.services import import_messages, read_files
from basishulp.trajecten.models import CareUnit, Client, ImportBatch, Municipality, Trajectory
from basishulp.trajecten.selectors import trajectory_records

from . import build
from .conftest import EXAMPLES

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 1, 15)


@pytest.fixture
def provider(db):
    Municipality.objects.get_or_create(code="GM0917", defaults={"name": "Heerlen"})
    return CareUnit.objects.create(code="TESTZORG", name="Testzorg", kind=CareUnit.Kind.PROVIDER, agb_code=build.AGB)


def _import(tmp_path, *messages, schemas=None):
    for m in messages:
        build.write(tmp_path, m)
    outcomes = import_messages(read_files([tmp_path], schemas, TODAY), today=TODAY)
    for m in messages:
        (tmp_path / f"{m.kind}_{m.identificatie}.xml").unlink()
    return outcomes


def _state():
    return (
        list(Trajectory.objects.values_list("trajectory_id", "start_date", "end_date", "end_reason", "withdrawn_at")),
        list(Delivery.objects.values_list("pk", "withdrawn")),
        list(Stop.objects.values_list("pk", "withdrawn")),
        ReceivedMessage.objects.count(),
        Client.objects.count(),
    )


def test_a_start_becomes_a_trajectory(tmp_path, provider):
    (outcome,) = _import(tmp_path, build.start())
    assert outcome.status == "imported" and outcome.retour_codes == ["0200"]
    t = Trajectory.objects.get()
    assert (t.municipality.code, t.care_unit, t.quadrant, t.start_date, t.end_date) == (
        "GM0917",
        provider,
        "K3",
        dt.date(2025, 3, 3),
        None,
    )
    assert t.trajectory_id.startswith("IJW-") and build.BSN_A not in t.trajectory_id
    assert t.client.pseudonym != build.BSN_A and t.client.bsn_encrypted and build.BSN_A not in t.client.bsn_encrypted
    assert [r.trajectory_id for r in trajectory_records()] == [t.trajectory_id]
    assert t.history.get().action == "created"


def test_category_31_or_an_area_team_is_k2(tmp_path, provider):
    _import(tmp_path, build.start(build.start_product(categorie="31")))
    assert Trajectory.objects.get().quadrant == "K2"


def test_the_same_file_again_changes_nothing(tmp_path, provider):
    build.write(tmp_path, build.start())
    first = import_messages(read_files([tmp_path], None, TODAY), today=TODAY)
    before = _state()
    again = import_messages(read_files([tmp_path], None, TODAY), today=TODAY)
    assert [o.status for o in first] == ["imported"] and [o.status for o in again] == ["unchanged"]
    assert _state() == before


def test_other_content_under_a_known_identity_is_refused(tmp_path, provider):
    _import(tmp_path, build.start())
    before = _state()
    (outcome,) = _import(tmp_path, build.start(build.start_product(begin="2025-03-04")))
    assert outcome.status == "rejected" and outcome.retour_codes == ["9056"]
    assert [e.rule for e in outcome.errors] == ["TR056"]
    assert _state() == before


def test_a_stop_ends_the_trajectory(tmp_path, provider):
    _import(tmp_path, build.start())
    (outcome,) = _import(tmp_path, build.stop())
    assert outcome.status == "imported"
    t = Trajectory.objects.get()
    assert (t.end_date, t.end_reason) == (dt.date(2025, 9, 12), "31")


def test_a_start_and_its_stop_in_one_directory_import_in_order(tmp_path, provider):
    build.write(tmp_path, build.stop(), name="a_stop.xml")  # the stop's name sorts first
    build.write(tmp_path, build.start(), name="b_start.xml")
    outcomes = import_messages(read_files([tmp_path], None, TODAY), today=TODAY)
    assert [o.status for o in outcomes] == ["imported", "imported"]
    assert Trajectory.objects.get().end_reason == "31"


def _rejected(tmp_path, message, code, rule):
    before = _state()
    (outcome,) = _import(tmp_path, message)
    assert outcome.status == "rejected", outcome.as_json()
    assert code in outcome.retour_codes and rule in [e.rule for e in outcome.errors]
    assert _state() == before  # nothing of the message is stored
    assert ImportBatch.objects.filter(status=ImportBatch.Status.FAILED).exists()
    return outcome


def test_a_stop_without_a_start_is_refused(tmp_path, provider):
    _rejected(tmp_path, build.stop(), "9069", "TR382")


def test_a_start_twice_is_refused(tmp_path, provider):
    _import(tmp_path, build.start())
    _rejected(tmp_path, build.start(ident="ST-0002"), "9074", "TR074")


def test_a_new_start_while_the_product_is_not_stopped_is_refused(tmp_path, provider):
    _import(tmp_path, build.start())
    _rejected(tmp_path, build.start(build.start_product(begin="2025-03-05"), ident="ST-0002"), "9326", "TR326")


def test_a_new_start_after_a_stop_is_allowed(tmp_path, provider):
    _import(tmp_path, build.start())
    _import(tmp_path, build.stop(build.stop_product(reason="20")))
    (outcome,) = _import(
        tmp_path, build.start(build.start_product(begin="2025-09-15"), ident="ST-0002", day="2025-09-20")
    )
    assert outcome.status == "imported" and Trajectory.objects.count() == 2


def test_one_bad_product_refuses_the_whole_message(tmp_path, provider):
    _import(tmp_path, build.start())
    message = build.start(
        build.start_product(1, begin="2025-02-01", categorie="54"), build.start_product(2), ident="ST-0002"
    )
    outcome = _rejected(tmp_path, message, "9074", "TR074")
    retour = etree.fromstring(outcome.retour)
    codes = [c.text for c in retour.iter("{*}RetourCode")]
    assert codes.count("9074") == 1 and "0200" in codes  # product 1 has no remark, product 2 is refused


def test_withdrawing_a_start(tmp_path, provider):
    _import(tmp_path, build.start())
    (outcome,) = _import(tmp_path, build.start(build.start_product(status="3"), ident="ST-0002"))
    assert outcome.status == "imported"
    t = Trajectory.objects.get()
    assert t.withdrawn_at is not None and trajectory_records() == []
    assert [h.action for h in t.history.order_by("id")] == ["created", "withdrawn"]
    # re-sent after the withdrawal (IV008): the same trajectory counts again
    (outcome,) = _import(tmp_path, build.start(ident="ST-0003"))
    assert outcome.status == "imported" and len(trajectory_records()) == 1


def test_withdrawing_what_was_never_delivered_is_refused(tmp_path, provider):
    _rejected(tmp_path, build.start(build.start_product(status="3")), "9063", "TR063")


def test_withdrawing_a_start_with_a_stop_is_refused(tmp_path, provider):
    _import(tmp_path, build.start())
    _import(tmp_path, build.stop())
    _rejected(tmp_path, build.start(build.start_product(status="3"), ident="ST-0002"), "9071", "TR071")


def test_a_temporary_stop_then_a_definitive_one(tmp_path, provider):
    _import(tmp_path, build.start())
    _import(tmp_path, build.stop(build.stop_product(reason="20", end="2025-06-01")))
    t = Trajectory.objects.get()
    assert (t.end_date, t.end_reason) == (dt.date(2025, 6, 1), "20")
    _import(tmp_path, build.stop(build.stop_product(reason="31", end="2025-06-01"), ident="SP-0002"))
    t.refresh_from_db()
    assert (t.end_date, t.end_reason) == (dt.date(2025, 6, 1), "31")


def test_two_temporary_stops_are_refused(tmp_path, provider):
    _import(tmp_path, build.start())
    _import(tmp_path, build.stop(build.stop_product(reason="20", end="2025-06-01")))
    _rejected(tmp_path, build.stop(build.stop_product(reason="20", end="2025-07-01"), ident="SP-0002"), "9413", "TR413")


def test_a_definitive_stop_before_the_temporary_one_is_refused(tmp_path, provider):
    _import(tmp_path, build.start())
    _import(tmp_path, build.stop(build.stop_product(reason="20", end="2025-06-01")))
    _rejected(tmp_path, build.stop(build.stop_product(reason="31", end="2025-05-01"), ident="SP-0002"), "9414", "TR414")


def test_a_stop_after_a_definitive_stop_is_refused(tmp_path, provider):
    _import(tmp_path, build.start())
    _import(tmp_path, build.stop())
    _rejected(tmp_path, build.stop(build.stop_product(reason="34", end="2025-09-13"), ident="SP-0002"), "9415", "TR415")


def test_the_same_stop_twice_is_refused(tmp_path, provider):
    _import(tmp_path, build.start())
    _import(tmp_path, build.stop())
    _rejected(tmp_path, build.stop(ident="SP-0002"), "9074", "TR074")


def test_withdrawing_a_stop_reopens_the_trajectory(tmp_path, provider):
    _import(tmp_path, build.start())
    _import(tmp_path, build.stop(build.stop_product(reason="20", end="2025-06-01")))
    _import(tmp_path, build.stop(build.stop_product(reason="31", end="2025-07-01"), ident="SP-0002"))
    _import(tmp_path, build.stop(build.stop_product(reason="31", end="2025-07-01", status="3"), ident="SP-0003"))
    t = Trajectory.objects.get()
    assert (t.end_date, t.end_reason) == (dt.date(2025, 6, 1), "20")  # back to the temporary stop
    _import(tmp_path, build.stop(build.stop_product(reason="20", end="2025-06-01", status="3"), ident="SP-0004"))
    t.refresh_from_db()
    assert (t.end_date, t.end_reason) == (None, "")


def test_withdrawing_a_stop_that_was_never_sent_is_refused(tmp_path, provider):
    _import(tmp_path, build.start())
    _rejected(tmp_path, build.stop(build.stop_product(status="3")), "9063", "TR063")


def test_an_invalid_message_gets_0001_and_changes_nothing(tmp_path, provider):
    before = _state()
    (outcome,) = _import(tmp_path, build.start(build.start_product(begin="2025-04-01")))  # after the Dagtekening
    assert outcome.status == "rejected" and outcome.retour_codes == ["0001"]
    assert [e.rule for e in outcome.report.errors] == ["TR134"]
    retour = etree.fromstring(outcome.retour)
    assert [c.text for c in retour.iter("{*}RetourCode")] == ["0001"] and retour.find("{*}Client") is None
    assert _state() == before


def test_an_unknown_sender_and_municipality_are_created_with_a_warning(tmp_path, db):
    message = dataclasses.replace(build.start(agb="11112222"), ontvanger="0363")
    (outcome,) = _import(tmp_path, message)
    assert outcome.status == "imported"
    assert {w.rule for w in outcome.warnings} == {"AGB", "GEMEENTE"}
    t = Trajectory.objects.get()
    assert (t.care_unit.code, t.care_unit.kind, t.municipality.code) == ("AGB-11112222", "onbekend", "GM0363")


def test_the_standards_examples_import(tmp_path, db, xsd_dir):
    from basishulp.ijw.domain.xsd import Schemas

    outcomes = import_messages(read_files([EXAMPLES], Schemas(xsd_dir), TODAY.replace(year=2026, month=11)))
    assert [o.status for o in outcomes] == ["imported", "imported"], [o.as_json() for o in outcomes]
    assert all(o.report.xsd_checked for o in outcomes)
    ends = sorted(Trajectory.objects.values_list("start_date", "end_date", "end_reason"))
    assert ends == [
        (dt.date(2026, 4, 3), dt.date(2026, 7, 17), "31"),
        (dt.date(2026, 4, 15), dt.date(2026, 7, 17), "31"),
    ]
    schemas = Schemas(xsd_dir)
    for o in outcomes:
        kind = "JW306" if o.report.message.kind == "JW305" else "JW308"
        assert schemas.schema(kind).validate(etree.fromstring(o.retour)), o.retour.decode()


def test_every_imported_message_is_in_the_access_log(tmp_path, provider):
    from basishulp.audit.models import AccessLogEntry

    _import(tmp_path, build.start())
    _rejected(tmp_path, build.stop(build.stop_product(end="2025-02-01", begin="2025-01-01")), "9069", "TR382")
    (entry,) = AccessLogEntry.objects.all()
    client = Trajectory.objects.get().client
    assert (entry.event, entry.client, entry.origin) == ("change", client.pseudonym, "command line")
    assert entry.subject == f"iJw JW305 ST-0001 from {build.AGB} imported" and build.BSN_A not in entry.subject
