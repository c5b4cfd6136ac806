"""The demo registers against the source documents (seed 001 §9, ch. 4-6, Bijlage 2;
seed 003 §6.12; seed 000). Expected values are the sources' own figures and words."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from basishulp.finance.models import Claim
from basishulp.registers.models import (
    Assignment,
    AssignmentStatus,
    BudgetAdjustment,
    PeriodText,
    ProgrammeLine,
    Project,
    ProjectSaving,
    ProjectTarget,
    Risk,
    RiskSituation,
    WorkforceFte,
)
from basishulp.registers.source_data import load_demo_registers

pytestmark = pytest.mark.django_db

#: Bullets under "Beheersmaatregelen" per risk in seed 001 §9 ("- " lines; risk 3 has
#: four measures, one of them with three "o" sub-items).
MEASURES = {1: 6, 2: 10, 3: 7, 4: 8, 5: 6, 6: 3, 7: 8, 8: 3, 9: 4, 10: 4, 11: 3}
#: A word of each risk's title in seed 001 §9 (domain.md §5.1 names them in English).
TITLE_WORDS = {
    1: "pandemie",
    2: "Schaarste op de arbeidsmarkt",
    3: "Beperkte medewerking",
    4: "toename van de vraag",
    5: "netto uitstroom",
    6: "aanpalende voorzieningen",
    7: "COVID 19",
    8: "Nieuwe initiatieven door derden",
    9: "Grote verandering",
    10: "preventie",
    11: "coöperatie",
}


def _rows() -> dict[str, int]:
    models = (Risk, RiskSituation, ProgrammeLine, Assignment, AssignmentStatus, Project, ProjectSaving,
              ProjectTarget, WorkforceFte, PeriodText, BudgetAdjustment)  # fmt: skip
    return {m.__name__: m.objects.count() for m in models} | {"links": Risk.claims.through.objects.count()}


def test_the_load_is_idempotent(registers) -> None:
    before = _rows()
    assert load_demo_registers() == registers
    assert _rows() == before
    assert before["Risk"] == 11 and before["RiskSituation"] == 11
    assert before["ProgrammeLine"] == 4
    assert before["WorkforceFte"] == 3 * 7
    assert before["ProjectSaving"] == 8 * 3


def test_eleven_risks_with_description_measures_and_situation(registers) -> None:
    risks = list(Risk.objects.order_by("number"))
    assert [r.number for r in risks] == list(range(1, 12))
    for risk in risks:
        assert TITLE_WORDS[risk.number] in risk.title, risk.number
        assert len(risk.description) > 100, risk.number
        assert len(risk.measures()) == MEASURES[risk.number], risk.number
        situation = risk.situations.get(period="2023-H1")
        assert len(situation.text) > 50, risk.number


def test_words_broken_across_lines_are_joined(registers) -> None:
    two = Risk.objects.get(number=2)
    assert "niet passen bij de geformuleerde opdracht" in two.description  # "geformu-/leerde" in the source
    assert "gekwalificeerde professionals" in two.title  # "gekwalifi-/ceerde"
    assert "moederorganisaties" in two.control_measures  # "moeder-/organisaties"
    assert "– binnen kaders –" in two.control_measures  # a dash of the source, kept
    one = Risk.objects.get(number=1)
    assert one.description.startswith(
        "Een nieuwe pandemie, anders dan COVID 19, kan een enorme impact hebben op jeugdigen"
    )
    assert "jeugd- en jongerenwerk" in one.control_measures  # a hyphen inside a line stays
    for risk in Risk.objects.all():
        for text in (risk.title, risk.description, risk.control_measures, risk.situations.get().text):
            assert "-\n" not in text and "  " not in text, risk.number
    three = Risk.objects.get(number=3).measures()
    assert three[3].startswith("– In alle gemeenten is het nieuwe proces van toeleiding geïmplementeerd.")


def test_situation_paragraphs_are_kept(registers) -> None:
    text = RiskSituation.objects.get(risk__number=2, period="2023-H1").text
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("De krapte op de arbeidsmarkt is een fors probleem voor JENS.")
    assert paragraphs[2].endswith("passendheid van de tarieven die JENS hanteert.")
    assert "Xonar heeft aangegeven graag uit de coöperatie JENS te willen stappen." in (
        RiskSituation.objects.get(risk__number=11).text
    )


def test_the_meerkosten_claim_references_the_risks_of_the_letter(registers) -> None:
    """Seed 000: the volume effect against 'autonome toename van de vraag' (4) and 'het
    uitblijven van een netto uitstroom' (5); the price effect against 'afbakening
    aanpalende voorzieningen' (6) and 'schaarste op de arbeidsmarkt' (2)."""
    claim = Claim.objects.get(year=2023)
    assert claim.amount == D(5328262)
    assert sorted(claim.risks.values_list("number", flat=True)) == [2, 4, 5, 6]
    assert list(Risk.objects.get(number=4).claims.all()) == [claim]
    assert not Risk.objects.get(number=1).claims.exists()


def test_without_the_finance_figures_the_links_are_left_out(db) -> None:
    counts = load_demo_registers()
    assert counts["claim links"] == 0
    assert Risk.objects.count() == 11


def test_assignments_follow_the_half_year_report(registers) -> None:
    lines = dict(ProgrammeLine.objects.values_list("number", "title"))
    assert lines == {1: "Met plezier naar school", 2: "Lekker in je vel", 3: "Dichtbij in de buurt",
                     4: "Passende hulp voor jou"}  # fmt: skip
    shift = Assignment.objects.get(title="Verschuiving specialistische zorg naar gebieden")
    assert shift.line.number == 4 and shift.target_date.isoformat() == "2023-09-30"
    klankbord = Assignment.objects.get(title="Klankbordgroep")
    assert klankbord.line is None and klankbord.target_date.isoformat() == "2023-07-01"
    assert "drie ouders en vijf jeugdigen" in klankbord.goal
    leeratelier = Assignment.objects.get(title="Ontwikkeling leeratelier")
    assert leeratelier.target_date is None  # "Vanaf schooljaar 2023-2024": no day given
    status = AssignmentStatus.objects.get(assignment=shift, period="2023-H1")
    assert "BEER-training" in status.text
    assert AssignmentStatus.objects.filter(period="2023-H1").count() == Assignment.objects.count()


def test_budget_adjustment_covers_landgraafs_share(registers) -> None:
    """Seed 000: € 1.145.600 by council decision of 14-12-2023 and € 239.748 absorbed
    make Landgraaf's share 1,385,348 = 26% of 5,328,262 (rounded)."""
    adjustment = BudgetAdjustment.objects.get(municipality__code="GM0882", year=2023)
    assert adjustment.amount == D(1145600) and adjustment.absorbed == D(239748)
    assert adjustment.decided_on.isoformat() == "2023-12-14"
    assert adjustment.covered == D(1385348)
    assert (D(5328262) * D("0.26")).quantize(D(1)) == adjustment.covered
