"""Toeleiding, waiting-list and quality figures from the records (toeleiding/kpis.py),
and their section on the dashboard: aggregates only, also for a municipality.

Every expected value is worked out by hand from the requests made in the fixture."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest

from django.utils import translation

from basishulp.toeleiding.domain.workflow import State
from basishulp.toeleiding.kpis import intake_kpis, quality_kpis
from basishulp.toeleiding.models import (
    Complaint,
    MeldcodeCase,
    SatisfactionMeasurement,
    ThemeMeeting,
    VeiligThuisReport,
)
from basishulp.toeleiding.services import receive, transition
from basishulp.trajecten.models import Area, Municipality
from tests.dashboard.htmltables import table_dict

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _request(pseudonym: str, code: str, area: str, received: dt.date, **kwargs) -> object:
    return receive(
        received_on=received, referrer_type=kwargs.pop("referrer", "06"),
        municipality=Municipality.objects.get(code=code), area=Area.objects.get(code=area),
        client_pseudonym=pseudonym, question="vraag",
    )  # fmt: skip


def _to_waiting(r, on: dt.date, care_type: str, reason: str = "waiting_list", triage: str = "enkelvoudig") -> None:
    transition(r, State.CLARIFYING, on=on)
    extra = {"municipal_lead": "regisseur"} if triage == "complex" else {}
    transition(r, State.TRIAGED, on=on, triage=triage, analysis_report="kort", **extra)
    transition(r, State.MATCHED, on=on, match_targets=["provider"], matched_provider="MONDRIAAN", care_type=care_type)
    transition(r, State.WAITING, on=on + dt.timedelta(days=1), wait_reason=reason, care_type=care_type)


@pytest.fixture
def requests_2023():
    """Heerlen (HRL-3): A waits for GGZ from 2 Mar and starts 10 Apr (matched 1 Mar: 40 days);
    B waits for GGZ from 16 May (still waiting at 30 Jun); C waits for PMT/PMK with
    bridging care from 2 Jun; D is dispatched to the area team and withdrawn.
    Landgraaf (LGF-1): E, meervoudig, waits for GGZ from 11 Jan (before the quarter end).
    F (Heerlen) was received a year earlier, in H1 2022."""
    a = _request("A", "GM0917", "HRL-3", D(2023, 2, 27), referrer="02")
    _to_waiting(a, D(2023, 3, 1), "ggz")
    transition(a, State.STARTED, on=D(2023, 4, 10), care_unit="MONDRIAAN")
    b = _request("B", "GM0917", "HRL-3", D(2023, 5, 10))
    _to_waiting(b, D(2023, 5, 15), "ggz")
    c = _request("C", "GM0917", "HRL-3", D(2023, 6, 1))
    _to_waiting(c, D(2023, 6, 1), "pmt_pmk", reason="bridging_care")
    d = _request("D", "GM0917", "HRL-3", D(2023, 6, 5))
    transition(d, State.WITHDRAWN, on=D(2023, 6, 6), withdraw_reason="elders hulp")
    e = _request("E", "GM0882", "LGF-1", D(2023, 1, 5))
    _to_waiting(e, D(2023, 1, 10), "ggz", triage="meervoudig")
    _request("F", "GM0917", "HRL-3", D(2022, 3, 1))


def test_intake_figures_for_hlv(requests_2023) -> None:
    k = intake_kpis(D(2023, 1, 1), D(2023, 6, 30), D(2023, 12, 31))
    assert (k.requests, k.requests_previous, k.withdrawn) == (5, 1, 1)
    # no first contact was recorded for any of them: overdue, so no month met every norm
    zero = Decimal("0.000")
    assert [m.chain for m in k.per_month] == [zero, zero, None, None, zero, zero]
    assert [(m.label, m.requests, m.waiting) for m in k.per_month] == [
        ("2023-01", 1, 1),  # E waits from 11 Jan
        ("2023-02", 1, 1),
        ("2023-03", 0, 2),  # A waits from 2 Mar
        ("2023-04", 0, 1),  # A started on 10 Apr
        ("2023-05", 1, 2),  # B
        ("2023-06", 2, 3),  # C
    ]
    assert [(r.label, r.count, r.share) for r in k.referrers] == [
        ("Zelfverwijzer/geen verwijzer", 4, Decimal("0.800")),
        ("Huisarts", 1, Decimal("0.200")),
    ]
    assert [(r.label, r.count) for r in k.triage] == [("enkelvoudig", 3), ("meervoudig", 1), ("complex", 0)]
    # waiting at 30 June (B, C, E) against the quarter end 31 March (A, E)
    assert (k.waiting_end, k.waiting_quarter_end, k.quarter_end) == (3, 2, D(2023, 3, 31))
    assert k.bridging == Decimal("0.333")
    assert {r.label: (r.before, r.now, r.growth) for r in k.waiting_by_care_type} == {
        "GGZ treatment": (2, 2, 0),
        "PMT/PMK (psychomotor therapy)": (0, 1, 1),
    }
    assert {r.label: (r.before, r.now) for r in k.waiting_by_area} == {
        "Heerlen gebied 3 (Heerlen-Zuid)": (1, 2),
        "Landgraaf gebied 1": (1, 1),
    }
    assert (k.waiting_started, k.waiting_median_days) == (1, 40)  # A: matched 1 March, started 10 April
    assert (k.coverage.families, k.coverage.family_plan) == (1, Decimal("0"))  # E has no plan yet
    assert [n.label for n in k.norms] == ["HLV", "Heerlen", "Landgraaf"]


def test_intake_figures_for_one_municipality(requests_2023) -> None:
    k = intake_kpis(D(2023, 1, 1), D(2023, 6, 30), D(2023, 12, 31), "GM0882")
    assert (k.requests, k.requests_previous, k.waiting_end, k.waiting_quarter_end) == (1, 0, 1, 1)
    assert [n.label for n in k.norms] == ["Landgraaf", "Landgraaf gebied 1"]
    empty = intake_kpis(D(2023, 1, 1), D(2023, 6, 30), D(2023, 12, 31), "GM0986")
    assert empty.empty


def test_quality_figures(requests_2023) -> None:
    Complaint.objects.create(category="privacy", received_on=D(2023, 2, 1), picked_up_on=D(2023, 2, 10))
    Complaint.objects.create(category="privacy", received_on=D(2022, 2, 1), picked_up_on=D(2022, 2, 2))
    VeiligThuisReport.objects.create(received_on=D(2023, 3, 1), followed_up_on=D(2023, 3, 2))
    VeiligThuisReport.objects.create(received_on=D(2023, 4, 1))
    MeldcodeCase.objects.create(identified_on=D(2023, 2, 1), investigated_on=D(2023, 2, 20))
    ThemeMeeting.objects.create(held_on=D(2023, 5, 1), subject="HG", invited=10, attended=9)
    SatisfactionMeasurement.objects.create(group="clients", measured_on=D(2023, 5, 1), score=4, scale_max=5,
                                           respondents=10)  # fmt: skip
    q = quality_kpis(D(2023, 1, 1), D(2023, 6, 30), D(2023, 12, 31))
    assert (q.complaints_total, q.complaints_total_before, q.escalated) == (1, 1, 0)
    assert q.picked_up == Decimal("0")  # 1 Feb to 10 Feb 2023 is 7 working days
    table = {i.key: i for _label, i in q.safety}
    assert list(table) == [
        "theme_meetings", "theme_attendance", "meldcode_investigated",
        "veilig_thuis_followed_up", "veilig_thuis_investigated",
    ]  # fmt: skip
    assert (table["theme_meetings"].value, table["theme_meetings"].met) == (Decimal(1), False)  # norm 2 for H1
    assert (table["theme_attendance"].value, table["theme_attendance"].met) == (Decimal("0.900"), True)
    assert (table["veilig_thuis_followed_up"].value, table["veilig_thuis_followed_up"].met) == (Decimal("0.500"), False)
    assert table["veilig_thuis_investigated"].value == Decimal("0")
    assert table["meldcode_investigated"].met is True
    satisfaction = {r.group.value: r for _label, r in q.satisfaction}
    assert satisfaction["clients"].score == Decimal("8.0")  # 4 on a scale of 5
    assert satisfaction["staff"].score is None


def test_the_dashboard_shows_the_section_in_dutch_and_to_a_municipality_only_aggregates(
    client_nl, controller, heerlen_user, small_data, requests_2023
) -> None:
    client_nl.force_login(controller)
    html = client_nl.get("/?period=2023-H1").content.decode()
    assert "Hulpvragen en wachtlijsten" in html
    assert table_dict(html, "waiting-by-care-type")["GGZ-behandeling"] == ["2", "2", "0"]
    assert "Kwaliteit en veiligheid" in html
    client_nl.force_login(heerlen_user)
    html = client_nl.get("/?period=2023-H1").content.decode()
    assert table_dict(html, "m-waiting")["GGZ-behandeling"] == ["<8"]  # Heerlen only, protected
    assert "Landgraaf gebied 1" not in html
    for reference_or_client in ("HV-2023-", ">A<", ">B<"):
        assert reference_or_client not in html


def test_controllers_keep_the_registers_in_the_admin(client) -> None:
    from basishulp.accounts.models import Profile
    from basishulp.accounts.services import ensure_demo_users
    from basishulp.toeleiding.access import GROUP

    ensure_demo_users()
    assert client.login(username="controller", password="demo-controller")
    for model in ("complaint", "veiligthuisreport", "meldcodecase", "thememeeting", "satisfactionmeasurement"):
        assert client.get(f"/admin/toeleiding/{model}/add/").status_code == 200, model
    assert client.get("/admin/toeleiding/helprequest/add/").status_code == 403  # requests: intake screens only
    response = client.post(
        "/admin/toeleiding/thememeeting/add/",
        {"held_on": "2023-10-05", "subject": "Huiselijk geweld", "invited": "10", "attended": "12"},
    )
    assert response.status_code == 200 and not ThemeMeeting.objects.exists()  # refused: more attended than invited
    client.logout()
    assert client.login(username="intake", password="demo-intake")
    assert client.get("/admin/toeleiding/thememeeting/add/").status_code == 302  # not staff
    profile = Profile.objects.get(user__username="controller")
    profile.role = "verwijzer"
    profile.save()
    profile.user.refresh_from_db()
    assert not profile.user.is_staff and not profile.user.groups.filter(name=GROUP).exists()
