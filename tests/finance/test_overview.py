"""The finance models, the published figures as demo data, and the lump-sum overview."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest

from django.db import IntegrityError, transaction
from django.utils import translation

from basishulp.cli import main
from basishulp.finance.domain.members import share_result
from basishulp.finance.domain.statement import Statement as StatementColumn
from basishulp.finance.models import BudgetLine, Claim, MemberRevenue, Statement, YearResult
from basishulp.finance.selectors import lump_sum_overview
from basishulp.finance.source_data import STATEMENT_FIELDS, load_source_figures
from basishulp.trajecten.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures() -> dict[str, int]:
    return load_source_figures()


def test_loading_twice_changes_nothing(figures: dict[str, int]) -> None:
    before = BudgetLine.objects.count(), Statement.objects.count(), MemberRevenue.objects.count()
    assert load_source_figures() == figures
    assert (BudgetLine.objects.count(), Statement.objects.count(), MemberRevenue.objects.count()) == before


def test_overview_lump_sums_and_taakstelling(figures: dict[str, int]) -> None:
    years = {y.year: y for y in lump_sum_overview()}
    assert [int(years[y].total) for y in (2019, 2020, 2021, 2022)] == [28579461, 28579461, 26808295, 24987128]
    assert years[2019].municipalities["Heerlen"] == 19681461
    assert years[2019].taakstelling is None
    assert [years[y].taakstelling for y in (2020, 2021, 2022)] == [0, 1771166, 3592333]
    # 2023: only the HLV budget and Landgraaf's part are published.
    assert years[2023].total == 33577000
    assert years[2023].municipalities["Landgraaf"] == D(8536983)
    assert years[2023].municipalities["Heerlen"] is None
    assert years[2023].taakstelling is None  # contract 2
    assert any("Heerlen" in note for note in years[2023].notes)


def test_overview_shows_an_hlv_figure_that_contradicts_the_municipalities(figures: dict[str, int]) -> None:
    BudgetLine.objects.create(municipality=None, year=2019, kind="lumpsum", amount=D(28579000))
    note = next(y for y in lump_sum_overview() if y.year == 2019).notes
    assert note == ["lumpsum HLV 28.579.000 wijkt af van de som van de gemeenten 28.579.461"]
    with translation.override("en"):
        note = next(y for y in lump_sum_overview() if y.year == 2019).notes
    assert note == ["HLV lump sum 28.579.000 differs from the sum of the municipalities 28.579.461"]


def test_municipality_users_see_their_own_lines_and_hlv(figures: dict[str, int]) -> None:
    year = next(y for y in lump_sum_overview(["GM0882"]) if y.year == 2020)
    assert list(year.municipalities) == ["Landgraaf"]
    assert year.total == 28579461  # HLV totals are for everyone
    assert {o.group for o in year.other} == {"HLV"}  # Heerlen's raise is not shown


def test_statements_from_the_database_reproduce_seed_001(figures: dict[str, int]) -> None:
    row = Statement.objects.get(municipality=None, year=2023, half=1, kind="realisatie")
    column = StatementColumn(*(getattr(row, f) for f in STATEMENT_FIELDS))
    assert column.result == -127000
    assert column.zorgkosten == 17216000


def test_result_sharing_from_the_database(figures: dict[str, int]) -> None:
    loss = YearResult.objects.get(year=2019).amount
    shares = {
        r.care_unit.code: r.revenue_share for r in MemberRevenue.objects.filter(year=2019).select_related("care_unit")
    }
    split = share_result(loss, shares, unit=1000)
    assert sum(s.amount for s in split) == -3263000
    assert {s.name: s.amount for s in split}["XONAR"] == -1432000


def test_uniqueness_per_municipality_and_for_hlv(figures: dict[str, int]) -> None:
    heerlen = Municipality.objects.get(code="GM0917")
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLine.objects.create(municipality=heerlen, year=2019, kind="lumpsum", amount=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLine.objects.create(municipality=None, year=2019, kind="extra_bijdrage", amount=1)


def test_a_claim_whose_effects_do_not_add_up_is_refused() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(year=2023, title="x", amount=100, volume_effect=60, price_effect=39)
    Claim.objects.create(year=2023, title="y", amount=100, volume_effect=60, price_effect=40)


def test_member_revenue_needs_an_amount_or_a_share(figures: dict[str, int]) -> None:
    unit = MemberRevenue.objects.first().care_unit  # type: ignore[union-attr]
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberRevenue.objects.create(care_unit=unit, year=2030)


def test_overview_command(figures: dict[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["finance", "overview", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    first = doc["years"][0]
    assert first["year"] == 2019
    assert first["lump_sum"] == {"total": 28579461, "Heerlen": 19681461, "Landgraaf": 7449000, "Voerendaal": 1449000}
    assert {"group": "HLV", "kind": "extra_bijdrage", "amount": 2000000} in first["other"]
    assert main(["finance", "overview"]) == 0
    table = capsys.readouterr().out
    assert "28.579.461" in table
    assert "1.771.166" in table


def test_overview_command_on_an_empty_database(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["finance", "overview"]) == 0
    assert "Nog geen budgetregels" in capsys.readouterr().out


def test_statement_command(figures: dict[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["finance", "statement", "--year", "2023", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    results = {(s["kind"], s["half"]): s["result"] for s in doc["statements"]}
    assert results == {("begroting", 0): 10000, ("realisatie", 1): -127000}  # seed 001 §10
    assert main(["finance", "statement", "--year", "1999"]) == 0
    assert "Geen staten" in capsys.readouterr().out


def test_counterfactual_command(figures: dict[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["finance", "counterfactual", "--json"]) == 0
    years = {y["year"]: y for y in json.loads(capsys.readouterr().out)["years"]}
    assert years[2019]["total_without"] == 33609786  # seed 003 §6.10
    assert years[2019]["published_effect"] == 3030325
    assert years[2019]["effect"] == -232675  # counting the 2019 deficit (source-figures.md §10)
    assert years[2022]["difference"] == 0
    assert main(["finance", "counterfactual"]) == 0
    assert "33.609.786" in capsys.readouterr().out
