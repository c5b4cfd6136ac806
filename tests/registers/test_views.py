"""The registers pages: /registers/ and the four edit forms (GET shows the form, POST
saves through the services). Controllers edit; area managers and administrators read;
municipalities and the other roles are refused (the access table)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from django.urls import reverse

from basishulp.registers.models import AssignmentStatus, PeriodText, RiskSituation, WorkforceFte

pytestmark = pytest.mark.django_db

INDEX = reverse("registers:index")
EDIT_PAGES = ("registers:risk_situation", "registers:assignment_status", "registers:text", "registers:fte")


def test_the_page_for_a_controller(en, controller, registers) -> None:
    en.force_login(controller)
    response = en.get(INDEX, {"period": "2023-H1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Risk 4 — (Autonome) toename van de vraag naar Basishulp Jeugd" in html
    assert "De krapte op de arbeidsmarkt is een fors probleem voor JENS." in html
    assert "Verschuiving specialistische zorg naar gebieden" in html
    assert "169.4" in html and "Formatie" not in html  # the sheet name is for Excel only
    assert "Intussen zijn we in de tweede opdracht voor JENS terechtgekomen." in html
    assert "<svg" in html
    assert reverse("registers:risk_situation") + "?risk=4&amp;period=2023-H1" in html


def test_the_page_without_data_and_with_a_wrong_period(en, controller) -> None:
    en.force_login(controller)
    response = en.get(INDEX, {"period": "H1-2023"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "“H1-2023” is not a period" in html
    assert "No risks recorded yet" in html


def test_an_area_manager_reads_but_does_not_edit(en, area_manager, registers) -> None:
    en.force_login(area_manager)
    response = en.get(INDEX)
    assert response.status_code == 200
    assert reverse("registers:risk_situation") not in response.content.decode()
    for page in EDIT_PAGES:
        assert en.get(reverse(page)).status_code == 403, page
        assert en.post(reverse(page), {"period": "2023-H1"}).status_code == 403, page


def test_a_municipality_gets_403(en, municipality_user, registers) -> None:
    en.force_login(municipality_user)
    assert en.get(INDEX).status_code == 403
    for page in EDIT_PAGES:
        assert en.get(reverse(page)).status_code == 403, page
        response = en.post(reverse(page), {"risk": "4", "period": "2023-H1", "text": "x"})
        assert response.status_code == 403, page
    assert RiskSituation.objects.get(risk__number=4, period="2023-H1").text != "x"


def test_edit_a_risk_situation(en, controller, registers) -> None:
    en.force_login(controller)
    url = reverse("registers:risk_situation")
    form = en.get(url, {"risk": "4", "period": "2023-H1"}).content.decode()
    assert "Als gevolg van de COVID 19 pandemie zijn de cliëntaantallen" in form  # the current text to edit
    response = en.post(url, {"risk": "4", "period": "2023-h2", "text": "De groei zet door.\n\nTweede alinea."})
    assert response.status_code == 302
    assert response["Location"] == INDEX + "?period=2023-H2#risk-4"
    saved = RiskSituation.objects.get(risk__number=4, period="2023-H2")
    assert saved.text == "De groei zet door.\n\nTweede alinea." and saved.updated_by == controller
    page = en.get(response["Location"]).content.decode()
    assert "Saved: the current situation of risk 4 for 2023-H2." in page
    assert "<p>De groei zet door.</p><p>Tweede alinea.</p>" in page
    # saving again replaces the text of that period
    en.post(url, {"risk": "4", "period": "2023-H2", "text": "Nieuw."})
    assert RiskSituation.objects.filter(risk__number=4, period="2023-H2").get().text == "Nieuw."


def test_an_invalid_risk_situation_is_not_saved(en, controller, registers) -> None:
    en.force_login(controller)
    before = RiskSituation.objects.count()
    response = en.post(reverse("registers:risk_situation"), {"risk": "99", "period": "2023-H3", "text": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was saved: correct the fields marked below." in html
    assert "“2023-H3” is not a period: use 2023, 2023-H1, 2023-Q2 or 2023-05." in html
    assert "Select a valid choice." in html and "This field is required." in html
    assert RiskSituation.objects.count() == before


def test_edit_an_assignment_status(en, controller, registers) -> None:
    en.force_login(controller)
    url = reverse("registers:assignment_status")
    response = en.post(
        url, {"assignment": "OD-12", "period": "2023-H2", "status": "done", "text": "Jeugdraad gestart."}
    )
    assert response.status_code == 302
    status = AssignmentStatus.objects.get(assignment__code="OD-12", period="2023-H2")
    assert (status.status, status.text) == ("done", "Jeugdraad gestart.")
    assert "Jeugdraad gestart." in en.get(response["Location"]).content.decode()
    response = en.post(url, {"assignment": "OD-12", "period": "2023-H2", "status": "finished", "text": ""})
    assert response.status_code == 200 and "Select a valid choice." in response.content.decode()


def test_edit_a_text_for_a_municipality(en, controller, registers) -> None:
    en.force_login(controller)
    url = reverse("registers:text")
    data = {
        "period": "2023-H1",
        "kind": "introduction",
        "municipality": "GM0882",
        "title": "",
        "text": "Eigen inleiding.",
    }
    response = en.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == INDEX + "?period=2023-H1&municipality=GM0882#text-introduction"
    assert PeriodText.objects.get(kind="introduction", municipality__code="GM0882").text == "Eigen inleiding."
    landgraaf = en.get(response["Location"]).content.decode()
    assert "Eigen inleiding." in landgraaf and "The own text of Landgraaf." in landgraaf
    hlv = en.get(INDEX, {"period": "2023-H1"}).content.decode()
    assert "Eigen inleiding." not in hlv
    response = en.post(url, data | {"text": "  ", "kind": "preface"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_enter_fte(en, controller, registers) -> None:
    en.force_login(controller)
    url = reverse("registers:fte")
    form = en.get(url, {"date": "2023-06-30"}).content.decode()
    assert 'value="121.9"' in form  # the stored figure, in the interface's notation
    data = {"date": "2023-12-31", "fte_GM0917": "125,3", "fte_GM0882": "39.0", "fte_GM0986": ""}
    response = en.post(url, data)
    assert response.status_code == 302 and response["Location"] == INDEX + "?period=2023-H2#fte"
    stored = dict(WorkforceFte.objects.filter(date="2023-12-31").values_list("municipality__code", "fte"))
    assert stored == {"GM0917": D("125.3"), "GM0882": D("39.0")}
    page = en.get(response["Location"]).content.decode()
    assert "125.3" in page


def test_invalid_fte(en, controller, registers) -> None:
    en.force_login(controller)
    url = reverse("registers:fte")
    response = en.post(url, {"date": "2023-12-15", "fte_GM0917": "12,34", "fte_GM0882": "-1", "fte_GM0986": "1.2.3"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter the last day of a month" in html
    assert "at most one decimal" in html and "cannot be negative" in html
    assert "at most one decimal separator" in html
    response = en.post(url, {"date": "2023-12-31"})
    assert "Enter the FTE of at least one municipality." in response.content.decode()
    assert not WorkforceFte.objects.filter(date__gte="2023-12-01").exists()


def test_the_forms_open_empty(client, controller) -> None:
    client.force_login(controller)
    for page in EDIT_PAGES:
        response = client.get(reverse(page))
        assert response.status_code == 200, page
        assert 'name="csrfmiddlewaretoken"' in response.content.decode(), page
