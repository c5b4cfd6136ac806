"""Help requests through the services: history, refusals, nothing stored on error."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import translation

from basishulp.toeleiding.domain.norms import Status, Step, measure
from basishulp.toeleiding.domain.workflow import State, TransitionError
from basishulp.toeleiding.models import HelpRequest, HelpRequestEvent
from basishulp.toeleiding.services import (
    RequestError,
    change_facts,
    norm_events,
    receive,
    record_first_contact,
    transition,
)
from basishulp.trajecten import bsn
from basishulp.trajecten.models import Area, Client, Municipality

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):  # the messages are checked in English here, in Dutch in the views' tests
        yield


@pytest.fixture
def heerlen() -> Municipality:
    return Municipality.objects.get(code="GM0917")


def _new(heerlen: Municipality, **kwargs) -> HelpRequest:
    values = {
        "received_on": D(2023, 4, 3), "referrer_type": "02", "municipality": heerlen,
        "client_pseudonym": "C-1001", "question": "Slaapproblemen en ruzies thuis",
        "area": Area.objects.get(code="HRL-3"), "referrer_organisation": "Huisartsenpraktijk Zuid",
    }  # fmt: skip
    return receive(**{**values, **kwargs})


def test_a_complex_request_from_arrival_to_closed(heerlen: Municipality) -> None:
    r = _new(heerlen)
    assert (r.reference, r.state) == ("HV-2023-00001", State.RECEIVED)
    record_first_contact(r, D(2023, 4, 12))
    transition(r, State.CLARIFYING, on=D(2023, 4, 12))
    transition(r, State.TRIAGED, on=D(2023, 4, 26), analysis_report="Verslag: meervoudige problematiek",
               triage="complex", municipal_lead="regisseur gemeente Heerlen")  # fmt: skip
    transition(
        r, State.MATCHED, on=D(2023, 5, 12), match_targets=["area_team", "provider"], matched_provider="Mondriaan"
    )
    transition(r, State.WAITING, on=D(2023, 5, 12), wait_reason="bridging_care", care_type="pmt_pmk")
    change_facts(r, on=D(2023, 5, 20), family_plan="Gezinsplan met doelen; RTO 1 september", contact_person="J. Jansen")
    transition(r, State.STARTED, on=D(2023, 6, 1), care_unit="MONDRIAAN")
    transition(r, State.FEEDBACK_SENT, on=D(2023, 6, 2), feedback="Zorg is gestart bij Mondriaan.")
    r = transition(r, State.CLOSED, on=D(2023, 6, 30))
    assert r.state == State.CLOSED
    # Starting care created the trajectory, through the import (with its history).
    from basishulp.trajecten.models import Trajectory

    trajectory = Trajectory.objects.get(trajectory_id="HV-2023-00001-1")
    assert (trajectory.client.pseudonym, trajectory.care_unit.code, trajectory.quadrant) == (
        "C-1001",
        "MONDRIAAN",
        "K3",
    )
    assert (trajectory.start_date, trajectory.area.code, trajectory.referrer_type) == (D(2023, 6, 1), "HRL-3", "02")
    assert trajectory.history.count() == 1
    assert r.trajectory_id == "HV-2023-00001-1"
    kinds = list(r.events.values_list("kind", "to_state"))
    assert kinds == [
        ("received", "received"), ("first_contact", ""), ("transition", "clarifying"), ("transition", "triaged"),
        ("transition", "matched"), ("transition", "waiting"), ("facts", ""), ("transition", "started"),
        ("transition", "feedback_sent"), ("transition", "closed"),
    ]  # fmt: skip
    triaged = r.events.get(to_state="triaged")
    assert triaged.changes["triage"] == ["", "complex"]
    events = norm_events(r)
    assert events == {
        "received": D(2023, 4, 3), "first_contact": D(2023, 4, 12), "assessed": D(2023, 4, 26),
        "matched": D(2023, 5, 12), "started": D(2023, 6, 1), "feedback": D(2023, 6, 2),
    }  # fmt: skip
    statuses = [(x.step, x.status) for x in measure(events, D(2023, 6, 30))]
    assert statuses == [(Step.FIRST_CONTACT, Status.MET), (Step.ASSESSMENT, Status.MET),
                        (Step.MATCH, Status.LATE), (Step.FEEDBACK, Status.MET)]  # fmt: skip


def test_a_refused_transition_stores_nothing(heerlen: Municipality) -> None:
    r = _new(heerlen)
    transition(r, State.CLARIFYING, on=D(2023, 4, 4))
    with pytest.raises(TransitionError) as info:
        transition(r, State.TRIAGED, on=D(2023, 4, 5), triage="meervoudig")
    assert [p.message() for p in info.value.problems] == ["add the analyseverslag of the vraagverheldering first"]
    r.refresh_from_db()
    assert (r.state, r.triage) == (State.CLARIFYING, "")
    assert r.events.count() == 2
    with pytest.raises(TransitionError, match="cannot become started"):
        transition(r, State.STARTED)
    with pytest.raises(RequestError, match="invalid triage 'heel complex'"):
        transition(r, State.TRIAGED, triage="heel complex", analysis_report="x")
    with pytest.raises(RequestError, match="before the last step"):
        transition(r, State.TRIAGED, on=D(2023, 4, 1), triage="enkelvoudig", analysis_report="x")


def test_receive_refuses_bad_input(heerlen: Municipality) -> None:
    with pytest.raises(RequestError) as info:
        _new(heerlen, client_pseudonym="999993847", referrer_type="07", question=" ",
             area=Area.objects.get(code="LGF-1"), received_on=D(2999, 1, 1))  # fmt: skip
    assert info.value.messages == [
        "the client id looks like a BSN (passes the 11-proef); enter it in the BSN field",
        "unknown referrer type '07' (COD327: 01, 02, 03, 04, 05, 06, 08)",
        "the question is required",
        "area LGF-1 is not in Heerlen",
        "the received date is in the future",
    ]
    assert not HelpRequest.objects.exists()


def test_references_count_per_year_and_history_is_kept(heerlen: Municipality) -> None:
    a = _new(heerlen)
    b = _new(heerlen, client_pseudonym="C-1002")
    c = _new(heerlen, client_pseudonym="C-1003", received_on=D(2022, 12, 30))
    assert [a.reference, b.reference, c.reference] == ["HV-2023-00001", "HV-2023-00002", "HV-2022-00001"]
    transition(a, State.WITHDRAWN, on=D(2023, 4, 4), withdraw_reason="ouders zien af van hulp")
    with pytest.raises(RequestError, match="it can no longer be changed"):
        change_facts(a, contact_person="x")
    assert HelpRequestEvent.objects.filter(request=a).count() == 2


def test_a_bsn_is_stored_encrypted_and_finds_the_client_again(heerlen: Municipality) -> None:
    first = _new(heerlen, client_pseudonym="", bsn="999 993 847")
    client = first.client
    assert client.pseudonym.startswith("C-") and "999993847" not in client.pseudonym
    with connection.cursor() as cursor:
        cursor.execute("SELECT bsn_encrypted, bsn_digest FROM trajecten_client WHERE id = %s", [client.pk])
        stored = " ".join(cursor.fetchone())
    assert "999993847" not in stored
    assert bsn.decrypt(client.bsn_encrypted) == "999993847"
    assert client.masked_bsn() == "******847"
    # the history says a BSN was recorded, never which
    assert first.events.get().changes == {"bsn": "recorded"}
    # a second request with the same BSN (typed differently) is for the same client
    second = _new(heerlen, client_pseudonym="", bsn="999.993.847")
    assert second.client == client
    assert Client.objects.count() == 1
    assert second.events.get().changes == {}


def test_a_bsn_is_validated_and_must_fit_the_pseudonym(heerlen: Municipality) -> None:
    for value, message in [
        ("000000000", "BSN: 000000000 is not a BSN"),
        ("123456789", "BSN: this number does not pass the 11-proef, so it is not a BSN"),
        ("12345", "BSN: a BSN has 9 digits, this one has 5"),
        ("12345678a", "BSN: a BSN has digits only"),
    ]:
        with pytest.raises(RequestError) as info:
            _new(heerlen, bsn=value)
        assert info.value.messages == [message]
    with pytest.raises(RequestError, match="pseudonym or BSN is required"):
        _new(heerlen, client_pseudonym=" ")
    _new(heerlen, client_pseudonym="C-1001", bsn="999993847")
    with pytest.raises(RequestError, match="belongs to another client"):
        _new(heerlen, client_pseudonym="C-2002", bsn="999993847")
    with pytest.raises(RequestError, match="already has another BSN"):
        _new(heerlen, client_pseudonym="C-1001", bsn="999992077")
    assert HelpRequest.objects.count() == 1


def test_bsn_keys_rotate_and_a_wrong_key_is_a_clear_error(settings) -> None:
    from cryptography.fernet import Fernet

    token = bsn.encrypt("999993847")
    new_key = Fernet.generate_key().decode()
    settings.BSN_KEYS = [new_key, *settings.BSN_KEYS]
    rotated = bsn.rotate(token)
    settings.BSN_KEYS = [new_key]
    assert bsn.decrypt(rotated) == "999993847"
    with pytest.raises(bsn.BSNError, match="cannot be decrypted"):
        bsn.decrypt(token)
    settings.BSN_KEYS = []
    with pytest.raises(ImproperlyConfigured, match="BASISHULP_BSN_KEYS is not set"):
        bsn.encrypt("999993847")


def test_the_bsn_rotate_command_re_encrypts_all_or_nothing(heerlen: Municipality, settings, capsys) -> None:
    from cryptography.fernet import Fernet

    from basishulp.cli import main

    first = _new(heerlen, client_pseudonym="", bsn="999993847").client
    second = _new(heerlen, client_pseudonym="", bsn="999992077").client
    old_keys = list(settings.BSN_KEYS)
    settings.BSN_KEYS = [Fernet.generate_key().decode(), *old_keys]
    assert main(["bsn", "rotate", "--json"]) == 0
    assert capsys.readouterr().out.strip() == '{"rotated": 2}'
    settings.BSN_KEYS = settings.BSN_KEYS[:1]  # the old key is gone: both still decrypt
    for client, number in ((first, "999993847"), (second, "999992077")):
        client.refresh_from_db()
        assert bsn.decrypt(client.bsn_encrypted) == number
    # a token that no configured key opens: refused, nothing changed
    before = Client.objects.get(pk=second.pk).bsn_encrypted
    Client.objects.filter(pk=first.pk).update(
        bsn_encrypted=Fernet(Fernet.generate_key()).encrypt(b"999993847").decode()
    )
    assert main(["bsn", "rotate"]) == 2
    assert "cannot be decrypted" in capsys.readouterr().err
    assert Client.objects.get(pk=second.pk).bsn_encrypted == before
