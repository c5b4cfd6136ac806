"""The intake screens with Django's test client: access per role, refusals in Dutch."""

from __future__ import annotations

import datetime as dt

import pytest

from basishulp.toeleiding.domain.workflow import State
from basishulp.toeleiding.models import HelpRequest
from basishulp.toeleiding.services import receive, transition
from basishulp.trajecten.models import Area, Municipality
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake():
    return ProfileFactory(user__username="intake1").user


@pytest.fixture
def request_hrl3() -> HelpRequest:
    return receive(
        received_on=dt.date(2023, 4, 3), referrer_type="02", municipality=Municipality.objects.get(code="GM0917"),
        area=Area.objects.get(code="HRL-3"), client_pseudonym="C-77", question="Ruzie thuis",
    )  # fmt: skip


def test_roles(client, intake, request_hrl3) -> None:
    url = f"/hulpvragen/{request_hrl3.reference}/"
    for username, trait, inbox_status, detail_status in (
        ("ctrl", {"controller": True}, 200, 200),
        ("gem", {"gemeente": True}, 403, 403),
        ("verw", {"verwijzer": True}, 403, 403),
    ):
        user = ProfileFactory(user__username=username, **trait).user
        client.force_login(user)
        assert client.get("/hulpvragen/").status_code == inbox_status, username
        assert client.get(url).status_code == detail_status, username
    # An area manager sees the requests of their own areas only.
    manager = ProfileFactory(user__username="gm", gebiedsmanager=True, areas=[Area.objects.get(code="HRL-1")]).user
    client.force_login(manager)
    assert client.get(url).status_code == 404
    manager.profile.areas.set([Area.objects.get(code="HRL-3")])
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "step:clarifying", "on": "2023-04-04"}).status_code == 403


def test_intake_takes_steps_and_sees_refusals_in_dutch(client, intake, request_hrl3) -> None:
    client.cookies["django_language"] = "nl"
    client.force_login(intake)
    url = f"/hulpvragen/{request_hrl3.reference}/"
    response = client.post(url, {"action": "step:clarifying", "on": "2023-04-04"})
    assert response.status_code == 302
    html = client.post(url, {"action": "step:triaged", "on": "2023-04-05", "triage": "complex"}).content.decode()
    assert "Voeg eerst het analyseverslag van de vraagverheldering toe." in html
    assert "Leg vast wie bij de gemeente de regie heeft (complexe hulpvraag)." in html
    request_hrl3.refresh_from_db()
    assert request_hrl3.state == State.CLARIFYING
    inbox = client.get("/hulpvragen/?q=C-77").content.decode()
    assert request_hrl3.reference in inbox
    transition(request_hrl3, State.WITHDRAWN, on=dt.date(2023, 4, 6), withdraw_reason="ingetrokken")
    assert request_hrl3.reference not in client.get("/hulpvragen/").content.decode()  # open only by default
    assert request_hrl3.reference in client.get("/hulpvragen/?state=all").content.decode()


def test_inbox_shows_the_shares_within_norm(client, intake) -> None:
    from django.utils import timezone

    client.cookies["django_language"] = "nl"
    today = timezone.localdate()
    heerlen = Municipality.objects.get(code="GM0917")
    fast = receive(received_on=today - dt.timedelta(days=30), referrer_type="03", municipality=heerlen,
                   client_pseudonym="C-1", question="q")  # fmt: skip
    slow = receive(received_on=today - dt.timedelta(days=30), referrer_type="03", municipality=heerlen,
                   client_pseudonym="C-2", question="q")  # fmt: skip
    from basishulp.toeleiding.services import record_first_contact

    record_first_contact(fast, today - dt.timedelta(days=29))
    record_first_contact(slow, today - dt.timedelta(days=1))
    client.force_login(intake)
    from tests.dashboard.htmltables import table_dict

    rows = table_dict(client.get("/hulpvragen/").content.decode(), "norm-summary")
    # First contact: one of two within the norm (5 working days). The chain: the first
    # request's assessment has been open for 29 days (overdue), the second was late.
    assert rows["HLV"][0] == "50,0%"
    assert rows["Heerlen"][0] == "50,0%"
    assert rows["HLV"][-2:] == ["0,0%", "2"]


def test_inbox_shows_the_waiting_list(client, intake) -> None:
    from django.utils import timezone

    from basishulp.toeleiding.domain.waiting import quarter_end_before
    from tests.dashboard.htmltables import table_dict

    client.cookies["django_language"] = "nl"
    today = timezone.localdate()
    heerlen = Municipality.objects.get(code="GM0917")
    area = Area.objects.get(code="HRL-3")
    before_quarter = quarter_end_before(today) - dt.timedelta(days=5)
    for i, (received, reason) in enumerate([(before_quarter, "bridging_care"), (today, "waiting_list")]):
        r = receive(received_on=received, referrer_type="02", municipality=heerlen, area=area,
                    client_pseudonym=f"W-{i}", question="q")  # fmt: skip
        transition(r, State.CLARIFYING, on=received)
        transition(r, State.TRIAGED, on=received, triage="enkelvoudig", analysis_report="kort")
        transition(r, State.MATCHED, on=received, match_targets=["provider"], matched_provider="Mondriaan")
        transition(r, State.WAITING, on=received, wait_reason=reason, care_type="ggz")
    client.force_login(intake)
    html = client.get("/hulpvragen/").content.decode()
    assert "2 cliënten wachten vandaag; 50,0% van hen met overbruggingszorg." in html
    assert table_dict(html, "waiting-by-area")[area.name] == ["1", "2", "+1"]
    assert table_dict(html, "waiting-by-provider")["Mondriaan"] == ["1", "2", "+1"]


def test_quality_page_shows_the_published_complaints(client, intake) -> None:
    from basishulp.toeleiding.source_data import load_published_complaints
    from tests.dashboard.htmltables import table_dict

    client.cookies["django_language"] = "nl"
    assert load_published_complaints() == 26
    assert load_published_complaints() == 0  # once
    client.force_login(intake)
    html = client.get("/hulpvragen/kwaliteit/?period=2023-H1").content.decode()
    rows = table_dict(html, "complaints-table")
    # Seed 001 §8: H1 2023 against H1 2022.
    assert [v for v in rows.values()] == [["7", "1"], ["7", "3"], ["2", "2"], ["2", "2"], ["18", "8"]]
    assert "2 doorgezet naar de klachtencommissie." in html
    assert "Binnen 5 werkdagen opgepakt: 100,0%." in html
    assert client.get("/hulpvragen/kwaliteit/?period=nonsense").status_code == 200


def test_coverage_of_family_plans(client, intake) -> None:
    from django.utils import timezone

    from tests.dashboard.htmltables import table_dict

    client.cookies["django_language"] = "nl"
    heerlen = Municipality.objects.get(code="GM0917")
    today = timezone.localdate()
    for i, plan in enumerate(["plan", "", "plan", "plan"]):
        r = receive(
            received_on=today, referrer_type="02", municipality=heerlen, client_pseudonym=f"F-{i}", question="q"
        )
        transition(r, State.CLARIFYING, on=today)
        transition(r, State.TRIAGED, on=today, triage="meervoudig", analysis_report="x")
        if plan:
            from basishulp.toeleiding.services import change_facts

            change_facts(r, on=today, family_plan=plan, contact_person="J.")
    client.force_login(intake)
    half = f"{today.year}-H{1 if today.month <= 6 else 2}"
    rows = table_dict(client.get(f"/hulpvragen/kwaliteit/?period={half}").content.decode(), "coverage-table")
    assert rows["gezinsplan"] == ["75,0%", "85%", "niet gehaald"]


def test_inbox_title_is_just_the_page_name(client, intake) -> None:
    import re

    from django.utils import timezone

    client.cookies["django_language"] = "nl"
    today = timezone.localdate()
    r = receive(received_on=today, referrer_type="02", municipality=Municipality.objects.get(code="GM0917"),
                client_pseudonym="T-1", question="q")  # fmt: skip
    transition(r, State.DISPATCHED, on=today, dispatch_target="area_team")
    transition(
        r, State.WAITING, on=today, wait_reason="waiting_list", care_type="ggz"
    )  # the waiting list section is shown
    client.force_login(intake)
    html = client.get("/hulpvragen/").content.decode()
    assert html.count('id="waiting-heading"') == 1
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title is not None and "<section" not in title.group(1) and "Hulpvragen" in title.group(1)


def test_new_request_with_a_bsn_in_dutch_and_never_in_the_list(client, intake) -> None:
    client.cookies["django_language"] = "nl"
    client.force_login(intake)
    form = {
        "received_on": "2023-05-01", "referrer_type": "02", "municipality": Municipality.objects.get(code="GM0917").pk,
        "client_pseudonym": "", "question": "Zorgen om slapen", "urgency": "normal",
    }  # fmt: skip
    html = client.post("/hulpvragen/nieuw/", {**form, "bsn": "123456789"}).content.decode()
    assert "BSN: dit nummer voldoet niet aan de 11-proef, dus het is geen BSN" in html
    assert 'value="123456789"' in html  # what was typed is kept for correction
    html = client.post("/hulpvragen/nieuw/", {**form, "bsn": ""}).content.decode()
    assert "Het pseudoniem of het BSN van de cliënt is verplicht" in html
    response = client.post("/hulpvragen/nieuw/", {**form, "bsn": "999993847"})
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "******847" in detail and "999993847" not in detail
    reference = response["Location"].rstrip("/").rsplit("/", 1)[1]
    for url in ("/hulpvragen/", "/hulpvragen/?state=all"):
        html = client.get(url).content.decode()
        assert reference in html and "999993847" not in html and "******847" not in html
    # a BSN searched for is replaced by the client's pseudonym: never in a URL, a log or the page
    for method, typed in (("post", "999993847"), ("post", "999.993.847"), ("get", "999993847")):
        response = getattr(client, method)("/hulpvragen/", {"q": typed, "state": "all"})
        assert response.status_code == 302 and "99999" not in response["Location"], (method, typed)
        html = client.get(response["Location"]).content.decode()
        assert reference in html and "999993847" not in html and "999.993.847" not in html, (method, typed)
    response = client.post("/hulpvragen/", {"q": "999992077", "state": "all"}, follow=True)
    html = response.content.decode()
    assert "Er is geen cliënt met dit BSN bekend." in html and reference not in html and "999992077" not in html


def test_inbox_is_paged_with_the_most_urgent_first(client, intake) -> None:
    from django.utils import timezone

    from basishulp.toeleiding.selectors import PER_PAGE

    client.cookies["django_language"] = "nl"
    today = timezone.localdate()
    heerlen = Municipality.objects.get(code="GM0917")
    for i in range(PER_PAGE + 5):  # received from today back: the oldest is the most overdue
        receive(received_on=today - dt.timedelta(days=i), referrer_type="02", municipality=heerlen,
                client_pseudonym=f"P-{i}", question="q")  # fmt: skip
    client.force_login(intake)
    html = client.get("/hulpvragen/").content.decode()
    assert f"1–{PER_PAGE} van {PER_PAGE + 5} hulpvragen" in html
    references = [r.split('"')[0] for r in html.split('data-reference="')[1:]]
    oldest = HelpRequest.objects.order_by("received_on", "id").first().reference
    assert len(references) == PER_PAGE and references[0] == oldest  # overdue the longest: first
    second = client.get("/hulpvragen/?state=open&page=2").content.decode()
    assert f"{PER_PAGE + 1}–{PER_PAGE + 5} van {PER_PAGE + 5} hulpvragen" in second
    assert "pagina 2 van 2" in second
    assert client.get("/hulpvragen/?state=all&page=99").status_code == 200  # past the end: the last page
