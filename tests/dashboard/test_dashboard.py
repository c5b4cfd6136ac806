"""The dashboard page: access, figures for a hand-made data set, periods, chart, language.

Expected figures are worked out by hand from ``SMALL_DATA_SET`` (conftest.py), with the
30-day rule and reporting date 2023-12-31. Journeys:

- J1 c1 Heerlen 2022-09-01 .. closed 2023-03-31 (212 days, reason 31)
- J2 c2 Heerlen from 2023-02-01, open
- J3a c3 Heerlen 2022-05-01 .. closed 2022-12-15; J3b c3 Heerlen 2023-04-01 .. 2023-05-31
  (61 days, reason 31; a return 107 days after the previous close)
- J4 c4 Landgraaf from 2022-11-01, open (its Heerlen trajectory from 2023-02-05 starts
  16 days after the Landgraaf one ended, so it continues the same Landgraaf journey)
- J5 c5 Voerendaal 2023-03-01 .. 2023-03-10 (10 days, reason 34)
- J6 c6 Heerlen from 2023-11-01 (ended 2023-12-31, not yet closed on the reporting date)

2023-H1, HLV: begin J1+J4 = 2; inflow J2+J3b+J5 = 3; subtotal 5; outflow J1+J3b+J5 = 3;
end J2+J4 = 2; in care per month Jan..Jun 2,3,4,3,3,2 -> 17/6 = 2.8.
2022-H1, HLV: begin 0, inflow 1 (J3a), subtotal 1, outflow 0, end 1, May+Jun 1 -> 2/6 = 0.3.
"""

from __future__ import annotations

import re

import pytest

from django.urls import reverse

from .conftest import HEERLEN, LANDGRAAF
from .htmltables import table_dict, table_rows

pytestmark = pytest.mark.django_db

DASHBOARD = "/"


def _get(client, user, params: str = ""):
    client.force_login(user)
    return client.get(DASHBOARD + params)


def test_login_required_redirects_to_login(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_shows_error_on_bad_password(client, controller):
    response = client.post(reverse("login"), {"username": "ctrl", "password": "wrong"})
    assert response.status_code == 200
    assert "Je gebruikersnaam en wachtwoord komen niet overeen" in response.content.decode()


def test_login_then_dashboard(client, controller, small_data):
    response = client.post(reverse("login"), {"username": "ctrl", "password": "test-password-123"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("dashboard:index")
    html = response.content.decode()
    assert "Basishulp Jeugd" in html
    assert 'action="/logout/"' in html and 'method="post"' in html


def test_hlv_flow_table_for_small_data_set(client, controller, small_data):
    html = _get(client, controller, "?scope=HLV&period=2023-H1").content.decode()
    rows = table_dict(html, "flow-table")
    # label: [2023-H1, 2022-H1, difference, difference %]
    assert rows["Cliënten bij aanvang"][:3] == ["2", "0", "+2"]
    assert rows["Instroom"][:3] == ["+3", "+1", "+2"]
    assert rows["Subtotaal"][:4] == ["5", "1", "+4", "+400,0%"]
    assert rows["Uitstroom"][:3] == ["-3", "0", "+3"]
    assert rows["Aantal in zorg per ultimo"][:4] == ["2", "1", "+1", "+100,0%"]
    assert rows["Gemiddeld aantal maandelijks in zorg"][:3] == ["2,8", "0,3", "+2,5"]


def test_hlv_per_municipality_table(client, controller, small_data):
    html = _get(client, controller, "?period=2023-H1").content.decode()
    header = table_rows(html, "municipality-table")[0]
    assert header[1:] == ["HLV", "Heerlen", "Landgraaf", "Voerendaal"]
    rows = table_dict(html, "municipality-table")
    assert rows["Cliënten bij aanvang"] == ["2", "1", "1", "0"]
    # c4's Heerlen trajectory continues the Landgraaf journey: no Heerlen inflow for it
    assert rows["Instroom"] == ["+3", "+2", "0", "+1"]
    assert rows["Subtotaal"] == ["5", "3", "1", "1"]
    assert rows["Uitstroom"] == ["-3", "-2", "0", "-1"]
    assert rows["Aantal in zorg per ultimo"] == ["2", "1", "1", "0"]
    # Heerlen 1,2,2,2,2,1 -> 10/6; Landgraaf 6/6; Voerendaal 1/6
    assert rows["Gemiddeld aantal maandelijks in zorg"] == ["2,8", "1,7", "1,0", "0,2"]


def test_hlv_journey_and_care_figures(client, controller, small_data):
    html = _get(client, controller, "?period=2023-H1").content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    # closed J1 212, J3b 61, J5 10 days: mean 283/3 = 94.3, nearest-rank median 61, p90 212
    assert "Afgesloten klantreizen 3" in text
    assert "Gemiddelde duur 94,3 dagen" in text
    assert "Mediane duur 61 dagen" in text
    assert "90e percentiel 212 dagen" in text
    assert "gehaald" in text  # 94.3 <= 315
    reasons = table_dict(html, "end-reasons")
    assert reasons["31"][1] == "66,7%"  # J1, J3b
    assert reasons["34"][1] == "33,3%"  # J5
    # clients in care in H1: c1..c5; c3 returns -> 1/5
    assert "Terugkerende cliënten 20,0%" in text
    assert "van 5 cliënten in zorg" in text
    assert "mediaan 107 dagen na de vorige klantreis" in text
    care = table_dict(html, "care-table")
    assert care["K2 gebiedsteams"] == ["2", "33,3%"]  # c1, c4
    assert care["K3 uitbestede zorg"] == ["4", "66,7%"]  # c2, c3, c4, c5
    providers = table_dict(html, "provider-table")
    assert providers == {"Mondriaan": ["2"], "Radar": ["2"]}


def test_municipality_scope_uses_journeys_of_all_trajectories(client, controller, small_data):
    html = _get(client, controller, f"?scope={HEERLEN}&period=2023-H1").content.decode()
    rows = table_dict(html, "flow-table")
    assert rows["Cliënten bij aanvang"][:2] == ["1", "0"]
    assert rows["Instroom"][:2] == ["+2", "+1"]  # J2 and J3b; 2022-H1: J3a
    assert rows["Uitstroom"][:2] == ["-2", "0"]
    assert rows["Aantal in zorg per ultimo"][:2] == ["1", "1"]
    assert table_rows(html, "municipality-table") == []
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Gemiddelde duur 136,5 dagen" in text  # (212 + 61) / 2
    assert "Terugkerende cliënten 33,3%" in text  # c3 of c1, c2, c3


def test_municipality_user_sees_own_municipality_by_default(client, heerlen_user, small_data):
    """Not the JENS dashboard: the protected figures (tests/dashboard/test_municipal.py)."""
    response = _get(client, heerlen_user, "?period=2023-H1")
    assert response.status_code == 200
    html = response.content.decode()
    assert table_dict(html, "m-flows")["Instroom"][0] == "<8"  # 2 clients of Heerlen
    assert 'id="flow-table"' not in html and table_rows(html, "municipality-table") == []
    options = re.findall(r'<option value="(GM\d{4}|HLV)"', html)
    assert options == ["HLV", HEERLEN]


def test_municipality_user_may_see_hlv_total_but_not_the_breakdown(client, heerlen_user, small_data):
    html = _get(client, heerlen_user, "?scope=HLV&period=2023-H1").content.decode()
    assert table_dict(html, "m-flows")["Instroom"][0] == "<8"  # 3 clients in HLV
    assert table_rows(html, "municipality-table") == []
    assert f'value="{LANDGRAAF}"' not in html


@pytest.mark.parametrize("scope", [LANDGRAAF, "GM0986", "Landgraaf", "GM9999", "x"])
def test_municipality_user_gets_403_for_another_scope(client, heerlen_user, small_data, scope):
    response = _get(client, heerlen_user, f"?scope={scope}")
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


def test_user_without_steering_role_gets_403(client, referrer, small_data):
    from tests.factories import ProfileFactory

    response = _get(client, referrer)  # a referrer is sent to the portal instead
    assert response.status_code == 302 and response["Location"] == reverse("portal:index")
    response = _get(client, ProfileFactory(role="privacy_officer").user)  # the officer: to the access log
    assert response.status_code == 302 and response["Location"] == reverse("audit:index")


def test_empty_state_links_to_import(client, controller):
    response = _get(client, controller)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nog geen gegevens" in html
    assert f'href="{reverse("trajecten:import")}"' in html
    assert 'id="flow-table"' not in html


def test_empty_state_for_municipality_user_has_no_import_link(client, heerlen_user):
    html = _get(client, heerlen_user).content.decode()
    assert "Nog geen gegevens" in html
    assert reverse("trajecten:import") not in html


def test_default_period_is_latest_complete_half_year(client, controller, small_data):
    html = _get(client, controller).content.decode()
    # reporting date 2023-12-31: 2023-H2 is complete
    assert '<option value="2023-H2" selected>' in html
    assert "2e halfjaar 2023" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ("?period=2023-H3", "“2023-H3” is geen periode"),
        ("?period=%3Cscript%3E", "“&lt;script&gt;” is geen periode"),
        ("?period=1850", "is geen periode"),
        ("?from=2023-02-30&to=2023-03-31", "JJJJ-MM-DD"),
        ("?from=2023-05-01", "zowel de begin- als de einddatum"),
        ("?from=2023-06-01&to=2023-01-01", "ligt vóór de begindatum"),
        ("?from=2001-01-01&to=2023-01-01", "hoogstens tien jaar"),
        ("?scope=%3Cb%3Ebad", "“&lt;b&gt;bad” is geen gemeente"),
    ],
)
def test_bad_parameters_give_a_friendly_message(client, controller, small_data, params, message):
    response = _get(client, controller, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'id="flow-table"' in html  # the default period is shown instead


def test_custom_period_from_to(client, controller, small_data):
    html = _get(client, controller, "?from=2023-01-01&to=2023-03-31").content.decode()
    rows = table_dict(html, "flow-table")
    # Q1 2023: begin J1, J4; inflow J2, J5; outflow J1 (closed 31 March), J5; end J2, J4
    assert rows["Cliënten bij aanvang"][0] == "2"
    assert rows["Instroom"][0] == "+2"
    assert rows["Uitstroom"][0] == "-2"
    assert rows["Aantal in zorg per ultimo"][0] == "2"
    assert 'value="2023-01-01"' in html and 'value="2023-03-31"' in html


def test_chart_has_a_point_per_month(client, controller, small_data):
    html = _get(client, controller, "?period=2023-H1").content.decode()
    svg = re.search(r"<svg[^>]*chart-lines.*?</svg>", html, re.S).group(0)
    # 12 months ending June 2023 (data start in May 2022, so no clipping)
    assert svg.count('class="point point-in_care"') == 12
    assert svg.count('class="point point-inflow"') == 12
    assert svg.count('class="point point-outflow"') == 12
    assert "<title" in svg and "<desc" in svg
    assert "januari 2023: In zorg 2" in svg  # J1 and J4
    assert "maart 2023: In zorg 4" in svg
    months = table_rows(html, "month-table")[1:]
    assert [m[0] for m in months][:2] == ["juli 2022", "augustus 2022"]
    assert months[-1] == ["juni 2023", "2", "0", "0", "0"]


def test_chart_window_is_clipped_to_the_first_month_with_data(client, controller, small_data):
    html = _get(client, controller, "?period=2022-H2").content.decode()
    svg = re.search(r"<svg[^>]*chart-lines.*?</svg>", html, re.S).group(0)
    assert svg.count('class="point point-in_care"') == 8  # May .. December 2022


def test_switching_language_to_english(client, controller, small_data):
    client.force_login(controller)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/?period=2023-H1"})
    assert response.status_code == 302
    html = client.get("/?period=2023-H1").content.decode()
    assert 'lang="en"' in html
    rows = table_dict(html, "flow-table")
    assert rows["Clients at the start"][0] == "2"
    assert rows["Average number in care per month"][0] == "2.8"
    assert "First half of 2023" in html
    assert "Log out" in html


def test_dutch_is_the_default_language(client, controller, small_data):
    html = _get(client, controller, "?period=2023-H1").content.decode()
    assert 'lang="nl"' in html
    assert "1e halfjaar 2023" in html
    assert "Uitloggen" in html


def test_import_link_only_for_users_who_may_import(client, controller, heerlen_user, small_data):
    import_url = reverse("trajecten:import")
    assert f'href="{import_url}"' in _get(client, controller).content.decode()
    client.logout()
    assert f'href="{import_url}"' not in _get(client, heerlen_user).content.decode()
