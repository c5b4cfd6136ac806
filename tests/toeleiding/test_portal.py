"""The referrer portal: a referrer submits, follows their own requests and reads the
feedback; a mail says there is feedback, without client data."""

from __future__ import annotations

import datetime as dt

import pytest

from django.core import mail

from basishulp.accounts.models import Role
from basishulp.toeleiding.domain.workflow import State
from basishulp.toeleiding.models import HelpRequest
from basishulp.toeleiding.services import receive, transition
from basishulp.trajecten.models import Area, Municipality
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gp():
    profile = ProfileFactory(role=Role.REFERRER, organisation="Huisartsenpraktijk Zuid", referrer_type="02",
                             user__email="praktijk@example.org")  # fmt: skip
    return profile.user


def _form(**kwargs) -> dict:
    return {"bsn": "999993847", "municipality": Municipality.objects.get(code="GM0917").pk,
            "question": "Slaapt slecht, ruzie thuis.", "urgency": "normal", **kwargs}  # fmt: skip


def test_a_referrer_submits_and_follows_their_request(client, gp, settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.cookies["django_language"] = "nl"
    client.force_login(gp)
    html = client.post("/verwijzer/nieuw/", _form(bsn="000000000")).content.decode()
    assert "000000000 is geen BSN" in html and not HelpRequest.objects.exists()
    response = client.post("/verwijzer/nieuw/", _form())
    assert response.status_code == 302
    created = HelpRequest.objects.get()
    assert (created.referrer_type, created.referrer_organisation, created.submitted_by) == (
        "02", "Huisartsenpraktijk Zuid", gp,
    )  # fmt: skip
    assert "999993847" not in created.client.pseudonym and created.client.has_bsn
    detail = client.get(response["Location"]).content.decode()
    assert "ontvangen" in detail and "Er is nog geen terugkoppeling" in detail and "******847" in detail

    # intake takes it further; the referrer sees a coarse status, never the triage or the plan
    transition(created, State.CLARIFYING)
    transition(created, State.TRIAGED, triage="meervoudig", analysis_report="Zorgen thuis en op school")
    detail = client.get(response["Location"]).content.decode()
    assert "in behandeling" in detail
    assert "meervoudig" not in detail and "Zorgen thuis en op school" not in detail
    transition(created, State.MATCHED, match_targets=["area_team"], care_type="begeleiding")
    transition(created, State.STARTED, care_unit="GT-HRL-3", family_plan="Plan met doelen", contact_person="J. Jansen")
    with django_capture_on_commit():
        transition(created, State.FEEDBACK_SENT, feedback="De zorg is gestart in het gebiedsteam.")
    detail = client.get(response["Location"]).content.decode()
    assert "De zorg is gestart in het gebiedsteam." in detail and "terugkoppeling gegeven" in detail
    assert "Plan met doelen" not in detail and "J. Jansen" not in detail and "GT-HRL-3" not in detail

    # the mail says that there is feedback, and nothing about the child
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["praktijk@example.org"] and created.reference in message.subject
    body = message.subject + message.body
    for secret in ("999993847", "847", "Slaapt slecht", "De zorg is gestart", created.client.pseudonym, "Jansen"):
        assert secret not in body


def django_capture_on_commit():
    """Run on_commit callbacks inside the test transaction."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_a_referrer_sees_only_their_own_requests(client, gp) -> None:
    other = ProfileFactory(role=Role.REFERRER, referrer_type="03").user
    heerlen, hrl3 = Municipality.objects.get(code="GM0917"), Area.objects.get(code="HRL-3")
    mine = receive(received_on=dt.date(2023, 5, 1), referrer_type="02", municipality=heerlen, area=hrl3,
                   client_pseudonym="A", question="q", submitted_by=gp)  # fmt: skip
    theirs = receive(received_on=dt.date(2023, 5, 1), referrer_type="03", municipality=heerlen, area=hrl3,
                     client_pseudonym="B", question="q", submitted_by=other)  # fmt: skip
    not_via_portal = receive(received_on=dt.date(2023, 5, 1), referrer_type="02", municipality=heerlen,
                             client_pseudonym="C", question="q")  # fmt: skip
    client.force_login(gp)
    html = client.get("/verwijzer/").content.decode()
    assert mine.reference in html and theirs.reference not in html and not_via_portal.reference not in html
    assert client.get(f"/verwijzer/{theirs.reference}/").status_code == 404
    assert client.get(f"/verwijzer/{not_via_portal.reference}/").status_code == 404
    assert client.get(f"/hulpvragen/{mine.reference}/").status_code == 403  # the intake screens are not theirs


def test_a_referrer_account_without_a_referrer_type_cannot_submit(client) -> None:
    client.cookies["django_language"] = "nl"
    client.force_login(ProfileFactory(role=Role.REFERRER).user)
    html = client.post("/verwijzer/nieuw/", _form()).content.decode()
    assert "heeft nog geen soort verwijzer" in html and not HelpRequest.objects.exists()
