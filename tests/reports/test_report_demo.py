"""The 2023-H1 report on the demo data, in every format, for HLV and each municipality,
made by one command (``basishulp report --all``) as CI runs it. The files are opened the
way their readers open them: the PDF rendered to PNG pages and read as text with
Debian's poppler-utils, the workbook with openpyxl, the HTML parsed. Their numbers are
compared with the engines (KPI engine, finance models) and with the published source
figures (seeds 000 and 001), not with the report builder's own output."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook

from basishulp.cli import main
from basishulp.kpi.domain.indicators import TOTAL
from basishulp.kpi.domain.periods import parse_period
from basishulp.kpi.services import compute_kpis
from basishulp.reports.models import ReportRun
from basishulp.trajecten.selectors import all_trajectory_records

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed"),
]

SCOPES = {"HLV": "HLV", "Heerlen": "GM0917", "Landgraaf": "GM0882", "Voerendaal": "GM0986"}


@pytest.fixture(scope="module")
def made(demo, tmp_path_factory, django_db_blocker):
    """All twelve files, made once for the module by the command line."""
    out = tmp_path_factory.mktemp("reports")
    stdout = io.StringIO()
    with django_db_blocker.unblock():
        import contextlib

        with contextlib.redirect_stdout(stdout):
            code = main(
                ["report", "--period", "2023-H1", "--all", "--format", "html,pdf,xlsx", "--out", str(out), "--json"]
            )
    assert code == 0
    return out, json.loads(stdout.getvalue())


def _file(made, scope: str, fmt: str) -> Path:
    out, _doc = made
    return out / f"rapportage-2023-H1-{scope}.{fmt}"


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout


def _workbook(made, scope: str):
    return load_workbook(_file(made, scope, "xlsx"), data_only=True)


def _table(book, table_id: str) -> list[list]:
    """The rows (header first) of a table, through the workbook's named range t_<id>."""
    name = "t_" + re.sub(r"\W", "_", table_id)
    ((sheet, area),) = list(book.defined_names[name].destinations)
    return [[c.value for c in row] for row in book[sheet][area.replace("$", "")]]


def _engine_flows(period: str) -> dict[str, object]:
    records = all_trajectory_records()
    as_of = max(max(r.start_date, r.end_date or r.start_date) for r in records)
    return {
        row.group: row
        for row in compute_kpis(records, parse_period(period), as_of=as_of, dimension="municipality").flows
    }


# ---------------------------------------------------------------------- the command


def test_one_command_makes_every_format_for_hlv_and_each_municipality(made) -> None:
    _out, document = made
    files = {(f["scope"], f["format"]): f for f in document["files"]}
    assert set(files) == {(code, fmt) for code in SCOPES.values() for fmt in ("html", "pdf", "xlsx")}
    for name in SCOPES:
        assert _file(made, name, "pdf").read_bytes()[:5] == b"%PDF-"
        assert _file(made, name, "xlsx").read_bytes()[:2] == b"PK"
        assert _file(made, name, "html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    # every file is a logged run of the command line, with its checksum
    runs = ReportRun.objects.filter(source="cli", status=ReportRun.Status.DONE)
    assert runs.count() == 12
    for f in document["files"]:
        run = runs.get(pk=f["run"])
        assert run.size == f["bytes"] == Path(f["path"]).stat().st_size


def test_asking_again_on_the_same_data_gives_the_same_runs(made, tmp_path, capsys) -> None:
    _out, document = made
    before = ReportRun.objects.count()
    code = main(["report", "--period", "2023-H1", "--municipality", "Landgraaf", "--format", "pdf,xlsx",
                 "--out", str(tmp_path), "--json"])  # fmt: skip
    assert code == 0
    again = json.loads(capsys.readouterr().out)["files"]
    first = {(f["scope"], f["format"]): f for f in document["files"]}
    assert [f["run"] for f in again] == [first[("GM0882", "pdf")]["run"], first[("GM0882", "xlsx")]["run"]]
    assert [f["sha256"] for f in again] == [first[("GM0882", "pdf")]["sha256"], first[("GM0882", "xlsx")]["sha256"]]
    assert ReportRun.objects.count() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2023-Q2"], "not a report period"),
        (["--period", "2023-H1", "--municipality", "Maastricht"], "not a municipality of HLV"),
        (["--period", "2023-H1", "--format", "docx"], "--format"),
        (["--period", "2030-H1"], "before the period starts"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(demo, tmp_path, capsys, args, message) -> None:
    code = main(["report", *args, "--language", "en", "--out", str(tmp_path / "r.pdf")])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and err.count("\n") == 1
    assert not (tmp_path / "r.pdf").exists()


# ----------------------------------------------------------------------------- PDF


def test_the_pdf_renders_and_reads_as_a_dutch_municipal_document(made, tmp_path) -> None:
    pdf = _file(made, "HLV", "pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 10 <= pages <= 60
    assert "A4" in info or "595.28 x 841.89" in info
    # rendered to PNG: every page is a real page with ink on it
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "p")], check=True)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == pages
    from PIL import Image, ImageStat

    for png in pngs:
        with Image.open(png) as image:
            assert image.size[0] < image.size[1]  # portrait
            assert ImageStat.Stat(image.convert("L")).stddev[0] > 5, f"{png.name} is blank"
    text = _pdf_text(pdf)
    assert "Halfjaarrapportage Basishulp Jeugd" in text
    assert "Inhoud" in text and f"Pagina 2 van {pages}" in text and f"Pagina {pages} van {pages}" in text
    # Dutch number formats; the Landgraaf share of the 2023 meerkosten as in the council letter (seed 000)
    assert "€ 1.385.348" in text and "€ 5.328.262" in text
    assert re.search(r"\d+,\d%", text)
    # the chapters of seed 001
    for heading in ("Cliënten jeugdhulp", "Risico’s", "Financiële gegevens", "Prognose", "Formatie"):
        assert heading.lower() in text.lower(), heading


def test_the_chart_pages_hold_vector_graphics(made) -> None:
    """Charts are drawn as vectors: the PDF holds no raster image at all."""
    listing = subprocess.run(["pdfimages", "-list", str(_file(made, "HLV", "pdf"))], capture_output=True, text=True)
    if listing.returncode != 0:
        pytest.skip("pdfimages not available")
    assert len(listing.stdout.strip().splitlines()) == 2  # the header lines only


# ---------------------------------------------------------------------------- Excel


def test_the_workbook_has_a_sheet_per_table_with_frozen_headers_and_formats(made) -> None:
    book = _workbook(made, "HLV")
    cover = book.worksheets[0]
    listed = [cover.cell(row=r, column=1).value for r in range(7, cover.max_row + 1)]
    assert listed == book.sheetnames[1:]
    assert all(len(name) <= 31 for name in book.sheetnames)
    for ws in book.worksheets[1:]:
        assert ws.freeze_panes == "B5", ws.title
    statement = book[next(iter(book.defined_names["t_statement"].destinations))[0]]
    euro_cells = [
        c for row in statement.iter_rows(min_row=5, min_col=2) for c in row if isinstance(c.value, (int, float))
    ]
    assert euro_cells and all(c.number_format == "#,##0,;-#,##0," for c in euro_cells)
    key = book[next(iter(book.defined_names["t_key_money"].destinations))[0]]
    assert "€" in key.cell(row=5, column=2).number_format
    # values, not formulas
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert not (isinstance(c.value, str) and c.value.startswith("=")), (ws.title, c.coordinate)


def test_the_flows_in_the_workbook_are_the_kpi_engine_s(made) -> None:
    book = _workbook(made, "HLV")
    rows = _table(book, "flows_municipalities")
    header, body = rows[0], rows[1:]
    engine = _engine_flows("2023-H1")
    columns = {name: i for i, name in enumerate(header)}
    for group in ("Heerlen", "Landgraaf", "Voerendaal"):
        values = [r[columns[group]] for r in body]
        row = engine[group]
        assert values[:5] == [row.begin, row.inflow, row.begin + row.inflow, row.outflow, row.end]
        assert values[5] == int(Decimal(str(row.monthly_average)).quantize(Decimal(1), rounding="ROUND_HALF_UP"))
    total = engine[TOTAL]
    assert [r[columns["HLV"]] for r in body][:5] == [
        total.begin,
        total.inflow,
        total.subtotal,
        total.outflow,
        total.end,
    ]
    # the years table: 2019 to 2022 and the half-year, begin + inflow = subtotal everywhere
    years = _table(book, "flows_years")
    for col in range(1, len(years[0])):
        begin, inflow, subtotal, outflow, end = (years[r][col] for r in range(1, 6))
        assert begin + inflow == subtotal and subtotal - outflow == end


def test_the_money_in_the_workbook_is_the_finance_engine_s(made) -> None:
    from basishulp.finance.models import Statement

    book = _workbook(made, "HLV")
    statement = _table(book, "statement")
    realised = Statement.objects.get(municipality=None, year=2023, half=1, kind="realisatie")
    col = statement[0].index("Realisatie 2023-H1")
    by_label = {r[0]: r[col] for r in statement[1:]}
    assert Decimal(str(by_label["Inkomsten"])) == realised.income
    assert Decimal(str(by_label["Subtotaal zorgkosten"])) == 17_216_000  # seed 001 §10
    assert Decimal(str(by_label["Resultaat"])) == -127_000  # seed 001 §10
    meerkosten = {r[0].split(":")[0].split(" (")[0]: r[1] for r in _table(book, "meerkosten")[1:]}
    volume = next(v for k, v in meerkosten.items() if k.startswith("Volume"))
    price = next(v for k, v in meerkosten.items() if k.startswith("Prijs"))
    assert volume + price == meerkosten["Meerkosten"]
    assert meerkosten["Meerkosten"] == 19_037_000 - 33_577_000 / 2  # costs H1 (seed 001 §10) − half the 2023 budget
    claims = _table(book, "claims")
    landgraaf = next(r for r in claims if r[2] == "Landgraaf")
    assert landgraaf[4] == 1_385_348 and abs(landgraaf[3] - 0.26) < 1e-9  # seed 000
    # the cost per client-month as published (seed 001 §8: € 1.303 with 2,434 clients; the engine's average here)
    norm = _table(book, "client_norm")
    assert norm[2][1] == 1332 and norm[1][1] == 2101  # 33,577,000 / (12 × 1,332)


def test_the_workforce_and_risks_are_the_registers(made) -> None:
    book = _workbook(made, "HLV")
    fte = _table(book, "fte")
    header = fte[0]
    total = next(r for r in fte if r[0] == "Totaal")
    assert total[header.index(next(h for h in header if "2023" in str(h)))] == pytest.approx(
        169.4
    )  # seed 001 Bijlage 2
    risks = _table(book, "risk_overview")
    assert len(risks) - 1 == 11


def test_the_reconciliation_shows_the_published_rows_that_do_not_add_up(made) -> None:
    book = _workbook(made, "HLV")
    checks = _table(book, "reconciliation_checks")
    text = "\n".join(" ".join(str(c) for c in row if c is not None) for row in checks)
    assert "2306" in text.replace(".", "") or "2306" in text
    assert "3849" in text.replace(".", "")
    assert "3836" in text.replace(".", "")


# -------------------------------------------------------------- municipality version


def test_the_municipality_version_publishes_protected_counts_only(made) -> None:
    book = _workbook(made, "Landgraaf")
    assert [n for n in book.defined_names if n.startswith("t_m_")]
    flows = _table(book, "m_m-flows")
    for row in flows[1:]:
        for value in row[1:3]:
            assert value == "<8" or (isinstance(value, int) and value >= 10 and value % 5 == 0), (row, value)
    # the letter: Landgraaf's budget (seed 000), its share of the meerkosten and its budget adjustment
    letter = {r[0]: r[1] for r in _table(book, "municipal_letter")[1:]}
    values = set(letter.values())
    assert 8_536_983 in values and 1_385_348 in values and 1_145_600 in values
    # no reconciliation with exact counts, no other municipality's flows
    assert "t_reconciliation" not in book.defined_names and "t_flows_municipalities" not in book.defined_names


def test_the_municipality_pdf_says_it_is_protected(made) -> None:
    text = _pdf_text(_file(made, "Landgraaf", "pdf"))
    assert "Landgraaf" in text and "raadsinformatiebrief" in text.lower()
    assert "<8" in text or "< 8" in text
    assert "€ 1.385.348" in text and "€ 8.536.983" in text


# ---------------------------------------------------------------------------- HTML


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure" and attrs.get("data-table"):
            self._table = attrs["data-table"]
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._table and self._cell is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "figure":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def test_the_html_page_shows_the_engine_s_flows_in_dutch_formats(made) -> None:
    html = _file(made, "HLV", "html").read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    parser = _Cells()
    parser.feed(html)
    table = parser.tables["flows_municipalities"]
    header = table[0]
    engine = _engine_flows("2023-H1")
    landgraaf = [row[header.index("Landgraaf")] for row in table[1:]]
    row = engine["Landgraaf"]
    dutch = [f"{n:,}".replace(",", ".") for n in (row.begin, row.inflow, row.subtotal, row.outflow, row.end)]
    assert landgraaf[:5] == [dutch[0], f"+{dutch[1]}", dutch[2], f"-{dutch[3]}", dutch[4]]


def test_the_report_is_made_in_english_too(demo, tmp_path) -> None:
    target = tmp_path / "report.html"
    assert main(["report", "--period", "2023-H1", "--format", "html", "--language", "en", "--out", str(target)]) == 0
    html = target.read_text(encoding="utf-8")
    assert 'lang="en"' in html and "Half-year report Basishulp Jeugd" in html and "Contents" in html


def test_a_report_of_a_year_is_the_annual_report(demo, tmp_path) -> None:
    target = tmp_path / "jaar.xlsx"
    assert main(["report", "--period", "2022", "--format", "xlsx", "--out", str(target)]) == 0
    book = load_workbook(target)
    assert book.worksheets[0]["A1"].value == "Jaarrapportage Basishulp Jeugd 2022"
    statement = _table(book, "statement")
    assert statement[0][1:] == ["Realisatie 2022"]  # the demo holds no budget 2022 nor realisation 2021


def test_a_saved_scenario_is_an_appendix_to_the_forecast(demo, tmp_path, settings) -> None:
    from basishulp.forecast.scenarios import save_scenario

    settings.BASISHULP_REPORT_PATHS = 100
    save_scenario(
        'name = "Lockdown rebound"\ndescription = "55 extra journeys a month, as after 2020."\ncutoff = 2023-06-30\n'
        '\n[[changes]]\nkind = "inflow_shock"\nextra_per_month = 55\nfrom = "2023-09"\nmonths = 4\n',
        None,
    )
    target = tmp_path / "scenario.xlsx"
    assert main(["report", "--period", "2023-H1", "--format", "xlsx", "--scenario", "Lockdown rebound",
                 "--out", str(target)]) == 0  # fmt: skip
    rows = _table(load_workbook(target), "scenario_1")[1:]
    costs = [r for r in rows if r[1] == "Verwachte lasten"]
    assert costs and all(r[4] == r[3] - r[2] for r in costs)
    assert sum(r[4] for r in costs) > 0  # 220 extra journeys cost money
    assert main(["report", "--period", "2023-H1", "--scenario", "Nope", "--out", str(tmp_path / "x.pdf")]) == 2
