"""The finance dashboard: access per role, the published figures on the page."""

from __future__ import annotations

import pytest

from basishulp.finance.source_data import load_source_figures
from tests.dashboard.htmltables import table_dict, table_rows

pytestmark = pytest.mark.django_db

URL = "/financien/"


@pytest.fixture
def figures() -> None:
    load_source_figures()


def test_anonymous_users_are_sent_to_the_login(client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_referrers_have_no_finance_page(client, referrer) -> None:
    client.force_login(referrer)
    assert client.get(URL).status_code == 403


def test_controller_sees_the_published_figures(client_nl, controller, figures) -> None:
    client_nl.force_login(controller)
    response = client_nl.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    lump = table_dict(html, "lumpsum-table")
    assert lump["2019"] == ["19.681.461", "7.449.000", "1.449.000", "28.579.461", "–"]
    assert lump["2022"][-2:] == ["24.987.128", "3.592.333"]
    assert lump["2023"] == ["–", "8.536.983", "–", "33.577.000", "–"]
    index = table_rows(html, "index-table")
    columns = {header: [row[i] for row in index[1:]] for i, header in enumerate(index[0])}
    # Seed 003 §6.4, table A (2019..2022):
    assert columns["OVA/PPC (90/10) vanaf 2019"] == ["29.530.300", "30.460.209", "29.455.091", "28.302.177"]
    assert columns["OVA/PPC (90/10) vanaf 2020"] == ["28.579.461", "29.479.428", "28.506.674", "27.390.882"]
    assert columns["Maastricht"] == ["28.403.697", "29.057.024", "28.073.647", "26.951.116"]
    statement = table_dict(html, "statement-table")
    # Seed 001 §10, in its column order: realisation 2022, budget 2023, H1 2022, H1 2023.
    assert table_rows(html, "statement-table")[0][1:] == [
        "Realisatie 2022",
        "Begroting 2023",
        "Realisatie 2022-H1",
        "Realisatie 2023-H1",
    ]
    assert statement["resultaat"] == ["-67.000", "10.000", "-1.147.000", "-127.000"]
    assert statement["subtotaal zorgkosten"] == ["31.918.000", "33.706.000", "15.572.000", "17.216.000"]
    # 33,577,000 / (12 x 1,332) = 2,100.66: "ca. 2.100" in seed 000.
    assert statement["cliëntnorm (cliënten per maand binnen het budget)"][1] == "2.101"
    sharing = table_dict(html, "sharing-table")
    assert sharing["Xonar"][0] == "-1.432.000"
    assert sharing["resultaat"] == ["-3.263.000", "-1.117.000", "-4.260.000", "-4.630.000"]
    assert "1.385.348" in html  # Landgraaf's 26% of the 2023 meerkosten
    assert 'id="chart-lumpsum-title"' in html


def test_municipality_users_see_their_own_municipality_and_hlv(client_nl, heerlen_user, figures) -> None:
    client_nl.force_login(heerlen_user)
    html = client_nl.get(URL).content.decode()
    lump = table_rows(html, "lumpsum-table")
    assert lump[0] == ["jaar", "Heerlen", "HLV", "taakstelling"]
    assert "Landgraaf" not in " ".join(" ".join(r) for r in lump)
    assert "1.385.348" not in html  # Landgraaf's share of the claim


def test_empty_state(client_nl, controller) -> None:
    client_nl.force_login(controller)
    html = client_nl.get(URL).content.decode()
    assert "basishulp demo" in html


def test_counterfactual_shows_the_system_figures_and_the_published_ones(client_nl, controller, figures) -> None:
    client_nl.force_login(controller)
    html = client_nl.get(URL).content.decode()
    rows = table_dict(html, "counterfactual-table")
    # seed 003 §6.10, printed cells
    assert rows["totale lasten zonder JENS"] == ["33.609.786", "34.666.672", "35.195.113", "36.158.801"]
    assert rows["gepubliceerd effect"] == ["3.030.325", "4.087.211", "4.126.818", "6.541.673"]
    # With the 2019/2020 deficits counted (seed 003 §6.4 totals 33,842,461 and
    # 31,696,461) the effect is -232,675 and +2,970,211 (source-figures.md §10).
    assert rows["effect van JENS"][:2] == ["-232.675", "2.970.211"]
    assert rows["effect van JENS"][2:] == ["4.126.818", "6.541.673"]
    assert rows["verschil"] == ["-3.263.000", "-1.117.000", "0", "0"]


def test_controllers_download_and_upload_the_workbook(client_nl, controller, figures) -> None:
    import io

    from openpyxl import load_workbook

    client_nl.force_login(controller)
    response = client_nl.get(URL + "export.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="basishulp-financien.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Budgetregels", "Indexwaarden", "Staten"]
    book["Budgetregels"]["D2"] = 19681462  # Heerlen 2019 lump sum, one euro more
    book["Budgetregels"]["B3"] = "Nergens"
    data = io.BytesIO()
    book.save(data)
    data.name = "cijfers.xlsx"
    data.seek(0)
    html = client_nl.post(URL + "import/", {"file": data}).content.decode()
    assert "cijfers.xlsx is niet geïmporteerd: 1 fout" in html
    assert "unknown municipality" in html
    book["Budgetregels"]["B3"] = "Landgraaf"
    data = io.BytesIO()
    book.save(data)
    data.name = "cijfers.xlsx"
    data.seek(0)
    html = client_nl.post(URL + "import/", {"file": data}).content.decode()
    assert 'id="count-updated">1<' in html


def test_municipality_users_cannot_export_or_import(client, heerlen_user, figures) -> None:
    client.force_login(heerlen_user)
    assert client.get(URL + "export.xlsx").status_code == 403
    assert client.get(URL + "import/").status_code == 403


def test_admin_changes_are_logged_and_shown(client_nl, figures) -> None:
    from django.contrib.auth import get_user_model

    from basishulp.finance.models import BudgetLine, FigureChange

    admin_user = get_user_model().objects.create_superuser("beheer", "b@example.org", "pw")
    client_nl.force_login(admin_user)
    line = BudgetLine.objects.get(municipality__code="GM0986", year=2019, kind="lumpsum")
    url = f"/admin/finance/budgetline/{line.pk}/change/"
    form = {
        "municipality": line.municipality_id, "year": 2019, "kind": "lumpsum", "amount": "1449500.00",
        "source": line.source, "note": "gecorrigeerd",
    }  # fmt: skip
    assert client_nl.post(url, form).status_code == 302
    change = FigureChange.objects.get()
    assert change.via == "form"
    assert change.changes == {"amount": ["1449000.00", "1449500.00"], "note": ["", "gecorrigeerd"]}
    html = client_nl.get(URL).content.decode()
    assert "1449000.00 → 1449500.00" in html
    client_nl.post(f"/admin/finance/budgetline/{line.pk}/delete/", {"post": "yes"})
    assert FigureChange.objects.filter(action="deleted").count() == 1


def test_scenario_b_and_the_recalculation(client_nl, controller, figures) -> None:
    from decimal import Decimal

    from basishulp.finance.models import IndexSeries, IndexValue

    client_nl.force_login(controller)
    html = client_nl.get(URL).content.decode()
    b = table_rows(html, "index-table-1")
    columns = {header: [row[i] for row in b[1:]] for i, header in enumerate(b[0])}
    # Seed 003 §6.4, table B.
    assert columns["lumpsum"] == ["32.136.561", "32.136.561", "30.151.969", "28.099.590"]
    assert columns["OVA/PPC (90/10) vanaf 2019"] == ["33.205.744", "34.251.393", "33.128.887", "31.827.570"]
    assert columns["Maastricht"] == ["31.938.921", "32.673.563", "31.575.142", "30.308.218"]
    assert "Nacalculatie" not in html  # only definitive values so far
    # A provisional 2022 value that the definitive 3.089 replaced: show the difference.
    series = IndexSeries.objects.get(name="OVA/PPC (90/10)")
    IndexValue.objects.create(series=series, year=2022, value=Decimal("2.5"), definitive=False)
    html = client_nl.get(URL).content.decode()
    assert "Nacalculatie: OVA/PPC (90/10)" in html


def test_contract_rules(client_nl, controller, figures) -> None:
    from decimal import Decimal

    from django.core.exceptions import ValidationError

    from basishulp.finance.models import ExitFee, MemberRevenue, SmallProviderShare
    from basishulp.trajecten.models import CareUnit

    client_nl.force_login(controller)
    html = client_nl.get(URL).content.decode()
    assert table_dict(html, "small-provider-table")["2023-H1"] == ["7,8% (gerapporteerd)", "gehaald"]
    SmallProviderShare.objects.create(year=2022, spent=Decimal(900000))  # of 24,987,128: 3.6%
    assert table_dict(client_nl.get(URL).content.decode(), "small-provider-table")["2022"] == ["3,6%", "niet gehaald"]

    xonar = CareUnit.objects.get(code="XONAR")
    fee = ExitFee(care_unit=xonar, year=2024, amount=Decimal(100))
    with pytest.raises(ValidationError, match="omzet van het lid in 2023 in"):
        fee.full_clean()
    MemberRevenue.objects.create(care_unit=xonar, year=2023, revenue=Decimal(90))
    with pytest.raises(ValidationError, match="mag niet hoger zijn"):
        fee.full_clean()
    fee.amount = Decimal(90)
    fee.full_clean()
    fee.save()
    rows = table_dict(client_nl.get(URL).content.decode(), "exit-fee-table")
    assert rows["Xonar"] == ["2024", "90", "90", "binnen de grens"]


def test_controllers_edit_the_figures_in_the_admin_and_nothing_else(client, figures) -> None:
    from basishulp.accounts.services import ensure_demo_users
    from basishulp.finance.access import GROUP

    ensure_demo_users()
    assert client.login(username="controller", password="demo-controller")
    assert client.get("/admin/finance/budgetline/").status_code == 200
    assert client.get("/admin/finance/figurechange/").status_code == 200  # history: view only
    assert client.get("/admin/finance/figurechange/add/").status_code == 403
    assert client.get("/admin/trajecten/trajectory/").status_code == 403
    assert client.get("/admin/auth/user/").status_code == 403
    assert "/admin/finance/" in client.get(URL).content.decode()
    # A role change takes the rights away.
    from basishulp.accounts.models import Profile

    profile = Profile.objects.get(user__username="controller")
    profile.role = "verwijzer"
    profile.save()
    profile.user.refresh_from_db()
    assert not profile.user.is_staff
    assert not profile.user.groups.filter(name=GROUP).exists()
    client.logout()
    assert client.login(username="heerlen", password="demo-heerlen")
    assert client.get("/admin/finance/budgetline/").status_code == 302  # not staff: to the admin login


def test_municipal_statements_for_who_may_see_them(client_nl, controller, heerlen_user, figures) -> None:
    from decimal import Decimal

    from basishulp.finance.models import Statement
    from basishulp.trajecten.models import Municipality

    values = dict.fromkeys(
        ["voorliggend_veld", "gebiedsteams", "specialistische_zorg", "pgb", "overige_initiatieven", "overhead",
         "organisatiekosten", "meerkosten_bijdrage"], Decimal(0),
    )  # fmt: skip
    Statement.objects.create(
        municipality=Municipality.objects.get(code="GM0882"), year=2022, kind="realisatie",
        income=Decimal(8000000), **{**values, "gebiedsteams": Decimal(8100000)},
    )  # fmt: skip
    client_nl.force_login(controller)
    rows = table_rows(client_nl.get(URL).content.decode(), "statement-table")
    assert rows[0][-1] == "Realisatie 2022 Landgraaf"
    assert table_dict(client_nl.get(URL).content.decode(), "statement-table")["resultaat"][-1] == "-100.000"
    client_nl.force_login(heerlen_user)
    rows = table_rows(client_nl.get(URL).content.decode(), "statement-table")
    assert "Realisatie 2022 Landgraaf" not in rows[0]
