"""The reconciliation and benchmark tables: the published checks of seed 001, the
recomputed figures of a hand-built data set, CBS per 1,000 young people."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from django.utils import translation

from basishulp.comparisons.models import CbsFigure, PublishedFigure
from basishulp.comparisons.report import benchmark_chart, benchmark_table, reconciliation_tables
from basishulp.comparisons.source_data import SOURCE_FLOWS, load_demo_benchmark, load_demo_published
from basishulp.demo.calibration import PUBLISHED_HLV, PUBLISHED_MUNICIPAL_2023H1

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def _rows(table):
    return [dict(zip([c.label for c in table.columns], row, strict=True)) for row in table.rows]


# ------------------------------------------------------------- demo published figures


def test_demo_published_figures_are_kept_as_printed():
    count = load_demo_published()
    assert count == load_demo_published() == PublishedFigure.objects.count() == 5 * 6 + 3 * 6 + 4
    flows = {(f.period, f.scope, f.measure): int(f.value) for f in PublishedFigure.objects.filter(source=SOURCE_FLOWS)}
    assert flows[("2019", "HLV", "inflow")] == 1530
    assert flows[("2019", "HLV", "subtotal")] == 3849  # 2,306 + 1,530 = 3,836: kept as printed
    assert flows[("2022", "HLV", "end")] == 2482
    assert flows[("2023-H1", "GM0882", "begin")] == 622
    for period, row in PUBLISHED_HLV.items():
        assert [flows[(period, "HLV", m)] for m in row._fields] == list(row)
    for name, row in PUBLISHED_MUNICIPAL_2023H1.items():
        code = {"Heerlen": "GM0917", "Landgraaf": "GM0882", "Voerendaal": "GM0986"}[name]
        assert [flows[("2023-H1", code, m)] for m in row._fields] == list(row)
    causes = {(f.period, f.scope, f.measure): f.cause for f in PublishedFigure.objects.exclude(cause="")}
    assert "verbeterde datakwaliteit" in causes[("2023-H1", "GM0917", "begin")]
    assert "2.306 + 1.530 = 3.836" in causes[("2019", "HLV", "subtotal")]


def test_the_checks_of_the_demo_figures_show_every_break_of_the_source():
    load_demo_published()
    _reconciliation, checks = reconciliation_tables("2023-H1", "HLV", records=[])
    rows = _rows(checks)
    row_2019 = next(r for r in rows if r["Periode"] == "2019" and r["Berekening"].startswith("2.306"))
    assert row_2019["Berekening"] == "2.306 + 1.530 = 3.836"
    assert row_2019["Gepubliceerd"] == 3849
    assert row_2019["Verschil"] == 13
    assert row_2019["Resultaat"] == "klopt niet"
    failed = [
        (r["Periode"], r["Gemeente"], r["Berekening"], r["Verschil"]) for r in rows if r["Resultaat"] == "klopt niet"
    ]
    assert failed == [
        ("2019", "HLV", "2.306 + 1.530 = 3.836", 13),
        ("2021", "HLV", "2.181 + 1.801 = 3.982", 9),
        ("2021", "HLV", "eind van 2020: 2.187", -6),
        ("2022", "HLV", "3.879 − 1.379 = 2.500", -18),
        ("2022", "HLV", "eind van 2021: 2.559", 6),
        ("2023-H1", "HLV", "1.659 + 660 + 151 = 2.470", -36),
    ]
    passed = [r for r in rows if r["Resultaat"] == "klopt"]
    assert any(r["Berekening"] == "1.699 + 622 + 161 = 2.482" for r in passed)  # begin: municipalities add up
    assert any(r["Berekening"] == "eind van 2022: 2.482" for r in passed)


def test_the_report_period_selects_that_period_and_the_earlier_ones():
    load_demo_published()
    table, _checks = reconciliation_tables("2021", "HLV", records=[])
    assert {r["Periode"] for r in _rows(table)} == {"2019", "2020", "2021"}
    assert all(r["Herberekend"] is None and r["Verschil"] is None for r in _rows(table))
    assert "geen trajecten" in table.note
    assert (table.id, table.sheet) == ("reconciliation", "Aansluiting gepubliceerd")
    assert (_checks.id, _checks.sheet) == ("reconciliation_checks", "Controle gepubliceerd")


# ----------------------------------------------------- recomputed from hand-built records


def _publish(period, scope, measure, value, source="Rapport"):
    PublishedFigure.objects.create(source=source, period=period, scope=scope, measure=measure, value=Decimal(value))


def test_recomputed_values_of_a_hand_built_data_set(tiny_records):
    # expected values worked out by hand in conftest.TINY
    _publish("2023-H1", "HLV", "begin", 1)
    _publish("2023-H1", "HLV", "inflow", 3)
    _publish("2023-H1", "HLV", "outflow", 5)
    _publish("2023-H1", "HLV", "monthly_average", 2)
    _publish("2023-H1", "GM0917", "end", 3)
    _publish("2023-H1", "GM0882", "subtotal", 1)
    _publish("2022", "HLV", "end", 1)
    _publish("2023", "HLV", "end", 9)  # ends after the report period: not shown
    table, checks = reconciliation_tables("2023-H1", "HLV", tiny_records)
    rows = [(r["Periode"], r["Gemeente"], r["Gepubliceerd"], r["Herberekend"], r["Verschil"]) for r in _rows(table)]
    assert rows == [
        ("2022", "HLV", 1, 1, 0),
        ("2023-H1", "HLV", 1, 1, 0),
        ("2023-H1", "HLV", 3, 3, 0),
        ("2023-H1", "HLV", 5, 2, 3),
        ("2023-H1", "HLV", 2, Decimal("1.5"), Decimal("0.5")),
        ("2023-H1", "Heerlen", 3, 2, 1),
        ("2023-H1", "Landgraaf", 1, 1, 0),
    ]
    assert [r["Maat"] for r in _rows(table)][:2] == ["Aantal in zorg per ultimo", "Cliënten bij aanvang"]
    assert "31-12-2023" in table.note
    checked = [(r["Controle"], r["Resultaat"]) for r in _rows(checks)]
    assert checked == [("Aanvang = eind van de vorige periode", "klopt")]


def test_a_municipality_version_shows_that_municipality_and_hlv(tiny_records):
    for code in ("HLV", "GM0917", "GM0882", "GM0986"):
        _publish("2023-H1", code, "begin", 1)
    table, checks = reconciliation_tables("2023-H1", "GM0917", tiny_records)
    assert [r["Gemeente"] for r in _rows(table)] == ["HLV", "Heerlen"]
    assert _rows(checks) == []  # no sum over the other municipalities


# ------------------------------------------------------------------------- benchmark

SAMPLE_2023 = {  # the sample file's 2023 rows: (youth with youth care, young people 0-17)
    "Heerlen": (2650, 14850),
    "Landgraaf": (1110, 6350),
    "Voerendaal": (290, 2050),
    "Zuid-Limburg (CR)": (16100, 96500),
    "Nederland": (450000, 3410000),
}


def _per_1000(count, population):
    return (Decimal(count) * 1000 / Decimal(population)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def test_benchmark_per_1000_young_people_from_the_sample(tiny_records):
    load_demo_benchmark()
    table = benchmark_table(2023, "HLV", tiny_records)
    assert (table.id, table.sheet) == ("benchmark", "Benchmark CBS")
    rows = {r["Regio"]: r for r in _rows(table)}
    assert list(rows) == ["HLV", "Heerlen", "Landgraaf", "Voerendaal", "Zuid-Limburg (CR)", "Nederland"]
    per_1000 = "Per 1.000 jongeren (CBS)"
    assert rows["Heerlen"][per_1000] == Decimal("178.5")  # 2,650 / 14,850 x 1,000 = 178.45
    for name, (youth, young) in SAMPLE_2023.items():
        assert rows[name]["Jongeren met jeugdhulp (CBS)"] == youth
        assert rows[name][per_1000] == _per_1000(youth, young), name
    hlv_youth = 2650 + 1110 + 290
    hlv_young = 14850 + 6350 + 2050
    assert rows["HLV"]["Jongeren met jeugdhulp (CBS)"] == hlv_youth
    assert rows["HLV"][per_1000] == _per_1000(hlv_youth, hlv_young) == Decimal("174.2")
    # the system's own figure: unique clients of 2023 (begin 1 + inflow 3, see conftest.TINY)
    assert rows["HLV"]["Basishulp-cliënten in het jaar"] == 4
    assert rows["HLV"]["Basishulp-cliënten per 1.000 jongeren"] == _per_1000(4, hlv_young)
    assert rows["Heerlen"]["Basishulp-cliënten in het jaar"] == 3  # c1, c2, c5
    assert rows["Nederland"]["Basishulp-cliënten in het jaar"] is None
    assert "Voorbeeldbestand" in table.note and "jeugdhulp in natura" in table.note


def test_a_year_without_cbs_figures_uses_the_latest_earlier_year():
    load_demo_benchmark()
    table = benchmark_table(2024, "HLV", records=[])
    assert "2023" in table.title
    assert "CBS heeft geen cijfers over 2024: de tabel toont 2023." in table.note
    assert _rows(table)[1]["Jongeren met jeugdhulp (CBS)"] == 2650


def test_a_municipality_version_of_the_benchmark(tiny_records):
    load_demo_benchmark()
    table = benchmark_table(2022, "GM0882", tiny_records)
    assert [r["Regio"] for r in _rows(table)] == ["Landgraaf", "HLV", "Zuid-Limburg (CR)", "Nederland"]
    landgraaf = _rows(table)[0]
    assert landgraaf["Per 1.000 jongeren (CBS)"] == _per_1000(1060, 6380)
    # the system's counts under disclosure control: a multiple of 5 of at least 10, or suppressed
    assert landgraaf["Basishulp-cliënten in het jaar"] is None or landgraaf["Basishulp-cliënten in het jaar"] % 5 == 0


def test_missing_cbs_values_leave_hlv_empty():
    for code, name in (("GM0917", "Heerlen"), ("GM0882", "Landgraaf"), ("GM0986", "Voerendaal")):
        CbsFigure.objects.create(region_code=code, region_name=name, year=2022, youth_with_care=10, young_people=100)
    CbsFigure.objects.filter(region_code="GM0986").update(young_people=None)
    rows = _rows(benchmark_table(2022, "HLV", records=[]))
    assert rows[0]["Regio"] == "HLV"
    assert rows[0]["Jongeren met jeugdhulp (CBS)"] == 30
    assert rows[0]["Per 1.000 jongeren (CBS)"] is None


def test_no_cbs_figures_at_all():
    table = benchmark_table(2023, "HLV", records=[])
    assert table.rows == [] and "StatLine" in table.empty
    assert benchmark_chart(2023, "HLV", records=[]) is None


def test_the_chart_has_a_bar_per_region():
    load_demo_benchmark()
    chart = benchmark_chart(2023, "HLV", records=[])
    assert chart is not None and chart.id == "benchmark_chart"
    assert chart.svg.startswith("<svg") and chart.svg.count('class="bar"') == 6
    assert "Heerlen: 178,5" in chart.desc
