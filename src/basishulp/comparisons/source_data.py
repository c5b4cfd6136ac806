"""Demo data of the comparisons: the published client flows of seed 001 §8 and the
sample CBS file.

The published figures are kept **as printed**, also where they do not add up; the
cause of each such break (source-figures.md §13, docs/demo-data.md) is stored with
the figures it involves: the footnote of the source where it gives one, otherwise the
arithmetic. The flow values themselves come from
:data:`basishulp.demo.calibration.PUBLISHED_HLV` and
:data:`~basishulp.demo.calibration.PUBLISHED_MUNICIPAL_2023H1`, the one copy of the
seed's table in the code. Both loaders are idempotent.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.db import transaction

from basishulp.demo.calibration import PUBLISHED_HLV, PUBLISHED_MUNICIPAL_2023H1
from basishulp.trajecten.domain.reference import municipality_code

from .models import PublishedFigure
from .services import ImportResult, import_cbs

__all__ = ["SAMPLE_CBS_FILE", "SAMPLE_LABEL", "SOURCE_FLOWS", "SOURCE_MONTHLY", "load_demo_benchmark",
           "load_demo_published"]  # fmt: skip

SOURCE_FLOWS = "Halfjaarrapportage 2023-H1, §8"
SOURCE_MONTHLY = "Halfjaarrapportage 2023-H1, §8 (gemiddelden per maand)"
SAMPLE_CBS_FILE = Path(__file__).parent / "sample" / "cbs_jeugdhulp_sample.csv"
SAMPLE_LABEL = "Voorbeeldbestand cbs_jeugdhulp_sample.csv: illustratieve cijfers, geen echte CBS-cijfers"

FOOTNOTE_MUNICIPAL = (
    "Voetnoot bij de bron: de verdeling van de aantallen per gemeente wijkt af van de aannames bij voorgaande "
    "rapportages. Dit komt door de verbeterde datakwaliteit, waarbij aannames zijn herijkt op basis van de "
    "beschikbare data."
)
SUM_2019 = (
    "Telt in de bron niet op: 2.306 + 1.530 = 3.836, afgedrukt is 3.849 (+13); seed 003 noemt ook 3.849 cliënten."
)
BEGIN_2021 = "Sluit niet aan op de eindstand 2020 (2.187): 6 minder."
SUM_2021 = "Telt in de bron niet op: 2.181 + 1.801 = 3.982, afgedrukt is 3.991 (+9)."
BEGIN_2022 = "Sluit niet aan op de eindstand 2021 (2.559): 6 meer."
END_2022 = "Telt in de bron niet op: 3.879 − 1.379 = 2.500, afgedrukt is 2.482 (−18); 2.482 is ook het begin van 2023."
AVERAGE_2023 = (
    "De gemiddelden per gemeente tellen op tot 1.659 + 660 + 151 = 2.470, het HLV-gemiddelde is 2.434 (−36); "
    "de bron geeft geen verklaring. Een cliënt telt per maand één keer, in één gemeente."
)

#: (period, scope, measure) -> the known cause of a difference
CAUSES: dict[tuple[str, str, str], str] = {
    ("2019", "HLV", "inflow"): SUM_2019,
    ("2019", "HLV", "subtotal"): SUM_2019,
    ("2021", "HLV", "begin"): BEGIN_2021 + " " + SUM_2021,
    ("2021", "HLV", "inflow"): SUM_2021,
    ("2021", "HLV", "subtotal"): SUM_2021,
    ("2022", "HLV", "begin"): BEGIN_2022,
    ("2022", "HLV", "inflow"): END_2022,
    ("2022", "HLV", "subtotal"): END_2022,
    ("2022", "HLV", "outflow"): END_2022,
    ("2022", "HLV", "end"): END_2022,
    ("2023-H1", "HLV", "monthly_average"): AVERAGE_2023,
    **{("2023-H1", code, "begin"): FOOTNOTE_MUNICIPAL for code in ("GM0917", "GM0882", "GM0986")},
    **{("2023-H1", code, "monthly_average"): AVERAGE_2023 for code in ("GM0917", "GM0882", "GM0986")},
}

#: Seed 001 §8, table "Gemiddelden per maand" (period, measure, value, cause).
MONTHLY_TABLE: tuple[tuple[str, str, int, str], ...] = (
    ("2022", "monthly_average", 2572, ""),
    (
        "2023-H1",
        "monthly_average",
        2458,
        "Afgedrukt is het aantal in zorg per 30 juni (2.458), niet het maandgemiddelde: de tabel met de "
        "cliëntenstroom geeft 2.434.",
    ),
    ("2022", "cost_per_client_month", 1153, ""),
    (
        "2023-H1",
        "cost_per_client_month",
        1303,
        "Totale lasten vóór de bijdrage meerkosten / (2.434 cliënten × 6 maanden), naar beneden afgerond "
        "(source-figures.md §14); het herberekende gemiddelde is de som van de gemeenten.",
    ),
)


def _rows() -> list[tuple[str, str, str, str, int, str]]:
    """(source, period, scope, measure, value, cause) of every demo figure."""
    rows = []
    for period, figures in PUBLISHED_HLV.items():
        for measure, value in figures._asdict().items():
            rows.append((SOURCE_FLOWS, period, "HLV", measure, value, CAUSES.get((period, "HLV", measure), "")))
    for name, figures in PUBLISHED_MUNICIPAL_2023H1.items():
        code = municipality_code(name) or name
        for measure, value in figures._asdict().items():
            rows.append((SOURCE_FLOWS, "2023-H1", code, measure, value, CAUSES.get(("2023-H1", code, measure), "")))
    for period, measure, value, cause in MONTHLY_TABLE:
        rows.append((SOURCE_MONTHLY, period, "HLV", measure, value, cause))
    return rows


@transaction.atomic
def load_demo_published() -> int:
    """Store (or update) the published figures of seed 001 §8; returns how many."""
    rows = _rows()
    for source, period, scope, measure, value, cause in rows:
        PublishedFigure.objects.update_or_create(
            source=source,
            period=period,
            scope=scope,
            measure=measure,
            defaults={"value": Decimal(value), "cause": cause},
        )
    return len(rows)


def load_demo_benchmark() -> ImportResult:
    """Import the sample CBS file, labelled as sample data (illustrative figures)."""
    return import_cbs(SAMPLE_CBS_FILE, filename=SAMPLE_CBS_FILE.name, label=SAMPLE_LABEL)
