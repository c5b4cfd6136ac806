"""The report blocks of the registers (registers/report.py) against the source figures."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from django.utils import translation

from basishulp.kpi.domain.periods import parse_period
from basishulp.registers.models import PeriodText, RiskSituation
from basishulp.registers.report import (
    budget_adjustment,
    period_texts,
    portfolio_section,
    risk_section,
    text_blocks,
    workforce_chart,
    workforce_table,
)
from basishulp.trajecten.models import Municipality

pytestmark = pytest.mark.django_db

H1 = parse_period("2023-H1")
#: seed 001 Bijlage 2, as printed (Heerlen, Landgraaf, Voerendaal, Totaal)
FTE = {
    "jun 2020": ("109.3", "33.5", "8.5", "151.3"),
    "dec 2020": ("114.8", "34.8", "8.3", "157.9"),
    "jun 2021": ("112.4", "36.6", "9.0", "158.1"),
    "dec 2021": ("118.8", "37.2", "9.6", "165.6"),
    "jun 2022": ("113.3", "33.8", "8.5", "155.6"),
    "dec 2022": ("120.9", "37.8", "8.6", "167.3"),
    "jun 2023": ("121.9", "38.4", "9.1", "169.4"),
}
#: seed 003 §6.12, x € 1.000: 2019, 2020, 2021, cumulatief
SAVINGS = {
    "Huisartsen re-routing": (0, 240, 1240, 1480),
    "Peuterspeelzaal plus": (0, 0, 400, 400),
    "Kinderdagverblijf Extra": (200, 460, 760, 1420),
    "Startklassen": (375, 450, 630, 1455),
    "Kantelklassen": (0, 280, 400, 680),
    "MBO teams (pilot)": (0, 0, 100, 100),
    "Instroom Wet langdurige zorg": (0, 0, 350, 350),
    "Rootz": (200, 500, 500, 1200),
}
SAVINGS_TOTAL = (775, 1930, 4380, 7085)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _by_label(table) -> dict:
    return {row[0]: row[1:] for row in table.rows}


def test_fte_table_totals_are_computed_from_the_parts(registers) -> None:
    table = workforce_table(H1)
    assert (table.id, table.total_rows) == ("fte", 1) and 0 < len(table.sheet) <= 31
    assert [c.label for c in table.columns[1:]] == list(FTE)
    assert all(c.kind == "decimal1" for c in table.columns[1:])
    rows = _by_label(table)
    assert list(rows) == ["Heerlen", "Landgraaf", "Voerendaal", "Total"]
    for i, (label, printed) in enumerate(FTE.items()):
        parts = [rows[name][i] for name in ("Heerlen", "Landgraaf", "Voerendaal")]
        assert parts == [D(p) for p in printed[:3]], label
        if label == "jun 2021":  # printed 158.1, the parts add up to 158.0 (source-figures.md §19)
            assert rows["Total"][i] == D("158.0") != D(printed[3])
        else:
            assert rows["Total"][i] == D(printed[3]), label
    assert rows["Total"][-1] == D("169.4")


def test_fte_growth_note(registers) -> None:
    # 169.4 - 167.3 = +2.1 FTE; 169.4 / 155.6 - 1 = 8.869% -> 8.9% half up (the report
    # prints 8,8%: it truncates, source-figures.md §19)
    note = workforce_table(H1).note
    assert "169.4 FTE" in note and "+2.1 FTE against 2022-12-31" in note
    assert "+8.9% against 2022-06-30" in note and "rounded half away from zero" in note
    with translation.override("nl"):
        dutch = workforce_table(H1).note
    assert "169,4" in dutch and "+2,1" in dutch and "+8,9%" in dutch and "31-12-2022" in dutch


def test_fte_of_one_municipality_and_an_earlier_period(registers) -> None:
    table = workforce_table(H1, "GM0882")
    assert table.total_rows == 0 and [r[0] for r in table.rows] == ["Landgraaf"]
    assert table.rows[0][-1] == D("38.4")
    assert "+0.6 FTE against 2022-12-31" in table.note  # 38.4 - 37.8
    earlier = workforce_table(parse_period("2022"))
    assert [c.label for c in earlier.columns[1:]][-1] == "dec 2022"
    assert _by_label(earlier)["Total"][-1] == D("167.3")
    with pytest.raises(ValueError):
        workforce_table(H1, "GM0000")


def test_fte_without_data(db) -> None:
    table = workforce_table(H1)
    assert table.rows == [] and table.empty
    assert workforce_chart(H1) is None


def test_fte_chart_is_an_svg(registers) -> None:
    chart = workforce_chart(H1)
    assert chart.svg.startswith("<svg") and 'role="img"' in chart.svg
    assert "from 151.3 to 169.4 FTE" in chart.desc
    assert chart.svg.count('class="point point-total"') == 7
    assert "<script" not in chart.svg


def test_savings_table_totals_and_cumulative(registers) -> None:
    section = portfolio_section(H1)
    assert section.id == "portfolio"
    table = next(t for t in section.tables() if t.id == "portfolio_savings")
    assert [c.label for c in table.columns] == ["Project", "2019", "2020", "2021", "Cumulative"]
    assert {c.kind for c in table.columns[1:]} == {"euro"} and table.total_rows == 1
    rows = _by_label(table)
    for name, figures in SAVINGS.items():
        assert rows[name] == [D(v) * 1000 for v in figures], name
    assert rows["Total"] == [D(v) * 1000 for v in SAVINGS_TOTAL]
    assert table.rows[-1][0] == "Total"


def test_targets_planned_and_realised(registers) -> None:
    table = next(t for t in portfolio_section(H1).tables() if t.id == "portfolio_targets")
    rows = {row[2]: row for row in table.rows}
    assert rows["aanmeldingen"][3:5] == [97, 114]
    assert rows["afgeronde trajecten"][3:5] == [28, 25]
    assert rows["aanmeldingen"][5] == D(114) / D(97)
    assert table.rows and next(t for t in portfolio_section(parse_period("2023")).tables()
                               if t.id == "portfolio_targets").rows  # fmt: skip
    assert not next(t for t in portfolio_section(parse_period("2022")).tables() if t.id == "portfolio_targets").rows


def test_assignments_table(registers) -> None:
    table = next(t for t in portfolio_section(H1).tables() if t.id == "portfolio_assignments")
    assert len(table.rows) >= 20
    assert table.rows[0][0] == "1 Met plezier naar school"
    assert table.rows[-1][0] == "Other development goals"
    klankbord = next(r for r in table.rows if r[2] == "Klankbordgroep")
    assert klankbord[5] == "at risk"
    later = next(t for t in portfolio_section(parse_period("2023-H2")).tables() if t.id == "portfolio_assignments")
    assert next(r for r in later.rows if r[2] == "Klankbordgroep")[5] == "at risk (as of 2023-H1)"


def test_risk_section_for_the_period_and_later(registers) -> None:
    section = risk_section(H1)
    assert (section.id, section.title) == ("risks", "Risks")
    overview = section.tables()[0]
    assert overview.id == "risk_overview" and 0 < len(overview.sheet) <= 31
    assert [r[0] for r in overview.rows] == list(range(1, 12))
    assert {r[2] for r in overview.rows} == {"yes"}
    assert overview.rows[3][3] == "2023 Meerkosten 2023" and overview.rows[0][3] is None
    headings = [b.text for b in section.blocks if getattr(b, "style", "") == "h3"]
    assert headings[3].startswith("Risk 4 — (Autonome) toename van de vraag")
    texts = [b.text for b in section.blocks if hasattr(b, "style")]
    assert "2023 — Meerkosten 2023 — €5,328,262 — submitted" in texts
    assert "Current situation (2023-H1):" in texts

    later = risk_section(parse_period("2023-H2"))
    assert {r[2] for r in later.tables()[0].rows} == {"no"}
    assert "Current situation as recorded for 2023-H1 (nothing recorded for 2023-H2):" in [
        b.text for b in later.blocks if hasattr(b, "style")
    ]
    earlier = risk_section(parse_period("2022-H2"))
    warnings = [b.text for b in earlier.blocks if getattr(b, "style", "") == "warning"]
    assert len(warnings) == 11 and warnings[0] == "No current situation recorded for 2022-H2."


def test_an_exact_situation_wins_over_a_longer_earlier_one(registers) -> None:
    RiskSituation.objects.create(risk_id=RiskSituation.objects.get(risk__number=1).risk_id, period="2023-Q2", text="Q2")
    rows = {r[0]: r for r in risk_section(parse_period("2023-Q2")).tables()[0].rows}
    assert rows[1][2] == "yes" and rows[2][2] == "no"
    # for 2023 as a whole both 2023-H1 and 2023-Q2 end on 30 June: the shorter one is the latest word
    blocks = [b.text for b in risk_section(parse_period("2023")).blocks if hasattr(b, "style")]
    assert "Q2" in blocks


def test_period_texts_with_a_municipal_override(registers) -> None:
    hlv = period_texts(H1)
    assert set(hlv) == {"introduction", "communication", "hr"}
    assert hlv["introduction"].startswith("Intussen zijn we in de tweede opdracht voor JENS terechtgekomen.")
    PeriodText.objects.create(
        period="2023-H1", kind="introduction", municipality=Municipality.objects.get(code="GM0882"), text="Landgraaf"
    )
    assert period_texts(H1, "GM0882")["introduction"] == "Landgraaf"
    assert period_texts(H1, "GM0882")["hr"] == hlv["hr"]
    assert period_texts(H1, "GM0917")["introduction"] == hlv["introduction"]
    assert period_texts(parse_period("2022-H2")) == {}


def test_text_blocks() -> None:
    blocks = text_blocks("First line\nsame paragraph.\n\nList:\n- one\n– sub\n- two\nAfter.")
    assert [(b.style, b.text) for b in blocks] == [
        ("p", "First line same paragraph."),
        ("p", "List:"),
        ("li", "one"),
        ("li", "– sub"),
        ("li", "two"),
        ("p", "After."),
    ]


def test_budget_adjustment(registers) -> None:
    assert budget_adjustment("GM0882", 2023).amount == D(1145600)
    assert budget_adjustment("GM0882", 2022) is None
    assert budget_adjustment("GM0917", 2023) is None
