"""The HLV money figures published in the sources, 2019–2023, as demo data.

Every amount here is printed in a seed document (the source is stored with it); no
figure is derived. Where a source gives only the HLV total, it is stored as an HLV
row (no municipality): e.g. the 2023 budget, of which only Landgraaf's part is
published. :func:`load_source_figures` is idempotent.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from basishulp.trajecten.models import CareUnit, Municipality

from .models import (
    BudgetLine,
    Claim,
    ClientNorm,
    CounterfactualYear,
    DistributionKey,
    IndexSeries,
    IndexValue,
    LumpSumCorrection,
    MemberRevenue,
    SmallProviderShare,
    Statement,
    YearResult,
)

__all__ = ["load_source_figures"]

HEERLEN, LANDGRAAF, VOERENDAAL = "GM0917", "GM0882", "GM0986"
S003 = "seed 003 (onderzoek lumpsumbekostiging, 2021)"
S002 = "seed 002 (memo Heerlen, mei 2021)"
S001 = "seed 001 (halfjaarrapportage 2023) §10"
S000 = "seed 000 (raadsinformatiebrief Landgraaf, jaarverslag 2023)"

LUMP_SUMS = {  # seed 003 §2
    HEERLEN: (19681461, 19681461, 18610295, 17539128),
    LANDGRAAF: (7449000, 7449000, 6849000, 6249000),
    VOERENDAAL: (1449000, 1449000, 1349000, 1199000),
}
YEARS = (2019, 2020, 2021, 2022)

# (municipality or None for HLV, year, kind, amount, source)
BUDGET_LINES: list[tuple[str | None, int, str, int, str]] = [
    *(
        (m, y, BudgetLine.Kind.LUMP_SUM, a, S003 + " §2")
        for m, row in LUMP_SUMS.items()
        for y, a in zip(YEARS, row, strict=True)
    ),
    (None, 2023, BudgetLine.Kind.LUMP_SUM, 33577000, S000),
    (LANDGRAAF, 2023, BudgetLine.Kind.LUMP_SUM, 8536983, S000),
    (HEERLEN, 2019, BudgetLine.Kind.RAISE, 1380000, S002),
    (HEERLEN, 2020, BudgetLine.Kind.RAISE, 1380000, S002),
    (HEERLEN, 2021, BudgetLine.Kind.RAISE, 2418527, S002),
    (HEERLEN, 2022, BudgetLine.Kind.RAISE, 2418527, S002),
    (HEERLEN, 2020, BudgetLine.Kind.EXTRA_TASK, 407988, S002 + " (aanvullende taak ambulantisering)"),
    (HEERLEN, 2021, BudgetLine.Kind.EXTRA_TASK, 407988, S002 + " (aanvullende taak ambulantisering)"),
    (HEERLEN, 2022, BudgetLine.Kind.EXTRA_TASK, 407988, S002 + " (aanvullende taak ambulantisering)"),
    (None, 2019, BudgetLine.Kind.EXTRA_CONTRIBUTION, 2000000, S003 + " §6.10"),
    (None, 2020, BudgetLine.Kind.EXTRA_CONTRIBUTION, 2000000, S003 + " §6.10"),
]  # fmt: skip

COMPOSITE = {2018: "2.819", 2019: "3.327", 2020: "3.149", 2021: "3.089", 2022: "3.089"}  # seed 003 §6.4
MAASTRICHT = {2019: "0.99385", 2020: "1.01671", 2021: "1.0472", 2022: "1.0786"}  # seed 003 §6.4

SHARES_2019 = {"XONAR": "43.9", "MONDRIAAN": "19.6", "KORAAL": "10.4", "RADAR": "11.2"}
SHARES_2019 |= {"ALCANDER": "9.4", "MEANDER": "3.6", "WELSUN": "1.9"}
SHARES_2020 = {"XONAR": "43.3", "MONDRIAAN": "17.2", "KORAAL": "13.4", "RADAR": "11.1"}
SHARES_2020 |= {"ALCANDER": "10.5", "MEANDER": "3.0", "WELSUN": "1.5"}
RESULTS = {2019: (-3263000, False), 2020: (-1117000, False), 2021: (-4260000, True), 2022: (-4630000, True)}

STATEMENT_FIELDS = (
    "income", "voorliggend_veld", "gebiedsteams", "specialistische_zorg", "pgb",
    "overige_initiatieven", "overhead", "organisatiekosten", "meerkosten_bijdrage",
)  # fmt: skip
STATEMENTS = {  # seed 001 §10, x EUR 1,000
    (2022, 0, Statement.Kind.REALISATION): (31315, 603, 13486, 17829, 512, 718, 1528, 927, 4221),
    (2023, 0, Statement.Kind.BUDGET): (33982, 630, 15440, 17636, 438, 896, 1537, 935, 3540),
    (2022, 1, Statement.Kind.REALISATION): (15033, 337, 6634, 8601, 250, 387, 805, 466, 1300),
    (2023, 1, Statement.Kind.REALISATION): (16968, 337, 7739, 9140, 198, 429, 722, 472, 1942),
}

# seed 003 §6.10: clients, K1 clients, Maastricht factor (4 decimals), published real
# costs and effect. The base price 32,561,740 / 3,833 is carried as 8,495.11.
COUNTERFACTUAL = {
    2019: (3849, 175, "0.994", 30579461, 3030325),
    2020: (3845, 225, "1.0167", 30579461, 4087211),
    2021: (3750, 275, "1.0472", 31068295, 4126818),
    2022: (3725, 295, "1.0786", 29617128, 6541673),
}


@transaction.atomic
def load_source_figures() -> dict[str, int]:
    """Store (or update) the published figures; returns the number of rows per model."""
    municipalities = {m.code: m for m in Municipality.objects.all()}
    counts: dict[str, int] = {}

    for code, year, kind, amount, source in BUDGET_LINES:
        BudgetLine.objects.update_or_create(
            municipality=municipalities[code] if code else None,
            year=year,
            kind=kind,
            defaults={"amount": Decimal(amount), "source": source},
        )
    counts["budget lines"] = len(BUDGET_LINES)

    composite, _ = IndexSeries.objects.update_or_create(
        name="OVA/PPC (90/10)",
        defaults={"kind": IndexSeries.Kind.PERCENT, "description": "Samengestelde index, " + S003 + " §6.4"},
    )
    maastricht, _ = IndexSeries.objects.update_or_create(
        name="Maastricht",
        defaults={
            "kind": IndexSeries.Kind.FACTOR,
            "description": "Cumulatieve tariefindexatie regio Maastricht, " + S003 + " §6.4",
        },
    )
    for series, values in ((composite, COMPOSITE), (maastricht, MAASTRICHT)):
        for year, value in values.items():
            IndexValue.objects.update_or_create(
                series=series, year=year, definitive=True, defaults={"value": Decimal(value), "source": S003}
            )
    counts["index values"] = len(COMPOSITE) + len(MAASTRICHT)

    units = {u.code: u for u in CareUnit.objects.filter(code__in=SHARES_2019)}
    for year, shares in ((2019, SHARES_2019), (2020, SHARES_2020)):
        for code, share in shares.items():
            MemberRevenue.objects.update_or_create(
                care_unit=units[code],
                year=year,
                defaults={"revenue_share": Decimal(share), "source": S003 + " §6.9"},
            )
    counts["member revenues"] = len(SHARES_2019) + len(SHARES_2020)

    for year, (amount, forecast) in RESULTS.items():
        YearResult.objects.update_or_create(
            year=year, defaults={"amount": Decimal(amount), "forecast": forecast, "source": S003 + " §6.9"}
        )
    counts["year results"] = len(RESULTS)

    for (year, half, kind), values in STATEMENTS.items():
        amounts = {f: Decimal(v) * 1000 for f, v in zip(STATEMENT_FIELDS, values, strict=True)}
        Statement.objects.update_or_create(
            municipality=None, year=year, half=half, kind=kind, defaults={**amounts, "source": S001}
        )
    counts["statements"] = len(STATEMENTS)

    DistributionKey.objects.update_or_create(
        municipality=municipalities[LANDGRAAF], year=2023, defaults={"percent": Decimal(26), "source": S000}
    )
    counts["distribution keys"] = 1

    Claim.objects.update_or_create(
        year=2023,
        title="Meerkosten 2023",
        defaults={
            "amount": Decimal(5328262),
            "status": Claim.Status.SUBMITTED,
            "explanation": "Gerealiseerde meerkosten door prijs- en volume-effecten; JENS vraagt HLV om een "
            "tegemoetkoming van dit bedrag.",
            "source": S000,
        },
    )
    counts["claims"] = 1

    ClientNorm.objects.update_or_create(
        year=2023, defaults={"price": Decimal(1332), "source": "seed 001 §8 / seed 000 (norm 2.100 cliënten)"}
    )
    counts["client norms"] = 1

    for year, (clients, k1, factor, real, effect) in COUNTERFACTUAL.items():
        CounterfactualYear.objects.update_or_create(
            year=year,
            defaults={
                "clients": clients,
                "k1_clients": k1,
                "factor": Decimal(factor),
                "base_price": Decimal("8495.11"),
                "published_real_costs": Decimal(real),
                "published_effect": Decimal(effect),
                "source": S003 + " §6.10",
            },
        )
    counts["counterfactual years"] = len(COUNTERFACTUAL)

    for year, pct in {2019: "0", 2020: "0", 2021: "6", 2022: "12.5"}.items():
        LumpSumCorrection.objects.update_or_create(
            name="Scenario B",
            year=year,
            defaults={"raise_amount": Decimal(3557100), "taakstelling_percent": Decimal(pct), "source": S003 + " §6.3"},
        )
    counts["lump-sum corrections"] = 4

    SmallProviderShare.objects.update_or_create(
        year=2023, half=1, defaults={"reported_percent": Decimal("7.8"), "source": "seed 001 §10"}
    )
    counts["small-provider shares"] = 1
    return counts
