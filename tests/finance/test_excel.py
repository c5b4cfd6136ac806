"""Excel export and import of the yearly figures: round trip, errors, all-or-nothing."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from basishulp.cli import main
from basishulp.finance.excel import ExcelImportError, export_workbook, import_workbook
from basishulp.finance.models import BudgetLine, IndexValue, Statement
from basishulp.finance.source_data import load_source_figures

pytestmark = pytest.mark.django_db


def _budget_book(path: Path, rows: list[list[object]], header: list[str] | None = None) -> Path:
    book = Workbook()
    ws = book.active
    ws.title = "Budgetregels"
    ws.append(header or ["jaar", "gemeente", "soort", "bedrag", "bron"])
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def test_round_trip_changes_nothing(tmp_path: Path) -> None:
    load_source_figures()
    path = tmp_path / "cijfers.xlsx"
    counts = export_workbook(path)
    assert counts == {"Budgetregels": 23, "Indexwaarden": 9, "Staten": 4}
    ws = load_workbook(path)["Budgetregels"]
    assert [c.value for c in ws[1]] == ["jaar", "gemeente", "soort", "bedrag", "bron", "toelichting"]
    assert [c.value for c in ws[2]][:4] == [2019, "Heerlen", "lumpsum", 19681461]
    result = import_workbook(path)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 36)


def test_import_creates_and_updates(tmp_path: Path) -> None:
    load_source_figures()
    path = _budget_book(
        tmp_path / "b.xlsx",
        [
            [2023, "Heerlen", "lumpsum", 23000000, "begroting 2023"],  # new
            [2022, "GM0882", "lumpsum", "6,249,001", "correctie"],  # update (thousands separators)
            [2019, "HLV", "extra_bijdrage", 2000000, "seed 003 (onderzoek lumpsumbekostiging, 2021) §6.10"],
        ],
    )
    result = import_workbook(path)
    assert (result.created, result.updated, result.unchanged) == (1, 1, 1)
    assert BudgetLine.objects.get(municipality__code="GM0882", year=2022, kind="lumpsum").amount == D("6249001")
    assert BudgetLine.objects.get(municipality__code="GM0917", year=2023).source == "begroting 2023"


def test_every_problem_is_reported_and_nothing_is_saved(tmp_path: Path) -> None:
    load_source_figures()
    before = list(BudgetLine.objects.values_list("id", "amount"))
    path = _budget_book(
        tmp_path / "fout.xlsx",
        [
            [2023, "Heerlen", "lumpsum", 1, ""],  # fine, but the file has errors: not saved
            [2023, "Maastricht", "lumpsum", 1, ""],
            ["twintig", "Heerlen", "verhoging", 1, ""],
            [2023, "Landgraaf", "subsidie", "1,5", ""],
            [2024, "Voerendaal", "lumpsum", "12.345", ""],
            [2023, "Heerlen", "lumpsum", 2, ""],  # the same key as row 2
        ],
    )
    with pytest.raises(ExcelImportError) as info:
        import_workbook(path, filename="fout.xlsx")
    messages = [str(e) for e in info.value.errors]
    assert messages == [
        "fout.xlsx, sheet 'Budgetregels', row 3, column 'gemeente': unknown municipality 'Maastricht': "
        "use a name, a CBS code GMnnnn or HLV",
        "fout.xlsx, sheet 'Budgetregels', row 4, column 'jaar': 'twintig' is not a whole number",
        "fout.xlsx, sheet 'Budgetregels', row 5, column 'soort': unknown value 'subsidie': "
        "use one of lumpsum, verhoging, aanvullende_taak, extra_bijdrage",
        "fout.xlsx, sheet 'Budgetregels', row 5, column 'bedrag': '1,5' is not a number "
        "(use digits with a decimal point)",
        "fout.xlsx, sheet 'Budgetregels', row 6, column 'bedrag': 12.345 has more than 2 decimals "
        "(the decimal separator is a point)",
        "fout.xlsx, sheet 'Budgetregels', row 7: the same figure as row 2 (same key)",
    ]
    assert list(BudgetLine.objects.values_list("id", "amount")) == before
    assert not BudgetLine.objects.filter(year=2024).exists()


def test_missing_column_and_wrong_file(tmp_path: Path) -> None:
    path = _budget_book(tmp_path / "kolom.xlsx", [[2023, "Heerlen", "lumpsum"]], ["jaar", "gemeente", "soort"])
    with pytest.raises(ExcelImportError, match="row 1, column 'bedrag': column is missing"):
        import_workbook(path)
    text = tmp_path / "tekst.xlsx"
    text.write_text("jaar;bedrag\n")
    with pytest.raises(ExcelImportError, match="not an Excel workbook"):
        import_workbook(text)
    other = Workbook()
    other.active.title = "Blad1"
    other.save(tmp_path / "blad.xlsx")
    with pytest.raises(ExcelImportError, match="no known sheet; expected one of: Budgetregels, Indexwaarden, Staten"):
        import_workbook(tmp_path / "blad.xlsx")


def test_statements_and_index_values_import(tmp_path: Path) -> None:
    load_source_figures()
    path = tmp_path / "alles.xlsx"
    export_workbook(path)
    book = load_workbook(path)
    staten = book["Staten"]
    header = [c.value for c in staten[1]]
    staten.append([2023, 0, "realisatie", "HLV", *[1000] * 9, "jaarrekening"])
    book["Indexwaarden"].append(["OVA/PPC (90/10)", 2023, 9.1, "nee", "2023-03-01", None, None, "CEP"])
    book.save(path)
    result = import_workbook(path)
    assert result.created == 2
    assert header[:4] == ["jaar", "halfjaar", "soort", "gemeente"]
    assert Statement.objects.get(year=2023, half=0, kind="realisatie").income == 1000
    value = IndexValue.objects.get(series__name="OVA/PPC (90/10)", year=2023)
    assert (value.value, value.definitive, str(value.published)) == (D("9.1"), False, "2023-03-01")


def test_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    load_source_figures()
    path = tmp_path / "cijfers.xlsx"
    assert main(["finance", "export", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sheets"]["Budgetregels"] == 23
    assert main(["finance", "import", str(path)]) == 0
    assert "0 nieuw, 0 gewijzigd, 36 ongewijzigd" in capsys.readouterr().out
    bad = _budget_book(tmp_path / "fout.xlsx", [[2023, "Nergens", "lumpsum", 1, ""]])
    assert main(["finance", "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "row 2, column 'gemeente'" in err


def test_imports_are_logged_with_the_values_before_and_after(tmp_path: Path) -> None:
    from basishulp.finance.models import FigureChange
    from tests.factories import ProfileFactory

    load_source_figures()
    user = ProfileFactory(controller=True, user__username="ctrl").user
    path = _budget_book(
        tmp_path / "b.xlsx",
        [[2022, "Landgraaf", "lumpsum", 6249001, "correctie"], [2023, "Heerlen", "lumpsum", 23000000, "begroting"]],
    )
    import_workbook(path, user=user)
    changes = {c.action: c for c in FigureChange.objects.all()}
    assert changes["updated"].changes == {
        "amount": ["6249000.00", "6249001"],
        "source": ["seed 003 (onderzoek lumpsumbekostiging, 2021) §2", "correctie"],
    }
    assert changes["updated"].user == user
    assert changes["updated"].via == "excel"
    assert changes["updated"].source_file == "b.xlsx"
    assert changes["created"].changes["amount"] == [None, "23000000"]
    import_workbook(path, user=user)  # unchanged: nothing more logged
    assert FigureChange.objects.count() == 2


def test_index_values_from_their_components(tmp_path: Path) -> None:
    from django.core.exceptions import ValidationError

    from basishulp.finance.models import IndexSeries

    load_source_figures()
    series = IndexSeries.objects.get(name="OVA/PPC (90/10)")
    value = IndexValue(series=series, year=2023, ova=D("3.0"), ppc=D("5.0"))
    value.full_clean()
    assert value.value == D("3.2")  # 0.9 x 3.0 + 0.1 x 5.0
    wrong = IndexValue(series=series, year=2024, value=D("3.5"), ova=D("3.0"), ppc=D("5.0"))
    with pytest.raises(ValidationError):
        wrong.full_clean()
    with pytest.raises(ValidationError):
        IndexValue(series=series, year=2024).full_clean()
    path = tmp_path / "index.xlsx"
    book = Workbook()
    ws = book.active
    ws.title = "Indexwaarden"
    ws.append(["reeks", "jaar", "waarde", "definitief", "OVA", "PPC"])
    ws.append(["OVA/PPC (90/10)", 2023, None, "nee", 3.0, 5.0])
    ws.append(["OVA/PPC (90/10)", 2024, None, "nee", None, None])
    book.save(path)
    with pytest.raises(ExcelImportError, match="row 3, column 'waarde'"):
        import_workbook(path)
    ws.delete_rows(3)
    book.save(path)
    import_workbook(path)
    assert IndexValue.objects.get(series=series, year=2023).value == D("3.2")
