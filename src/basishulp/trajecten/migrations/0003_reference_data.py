"""Load the HLV reference data: municipalities, areas, area teams, contracts, providers.

A frozen copy of ``basishulp/trajecten/reference_data.py`` as it was when this
migration was written (migrations must not import application code that can change).
The areas are an assumption (see that module's docstring). Idempotent: existing rows
with the same code are updated. Reversing removes the provider roles and contracts and
those reference rows that no trajectory uses.
"""

from datetime import date

from django.db import migrations

MUNICIPALITIES = (
    ("GM0917", "Heerlen"),
    ("GM0882", "Landgraaf"),
    ("GM0986", "Voerendaal"),
)

# (code, name, municipality code)
AREAS = (
    ("HRL-1", "Heerlen gebied 1", "GM0917"),
    ("HRL-2", "Heerlen gebied 2", "GM0917"),
    ("HRL-3", "Heerlen gebied 3 (Heerlen-Zuid)", "GM0917"),
    ("HRL-4", "Heerlen gebied 4 (Heerlen-Zuid)", "GM0917"),
    ("HRL-5", "Heerlen gebied 5", "GM0917"),
    ("LGF-1", "Landgraaf gebied 1", "GM0882"),
    ("LGF-2", "Landgraaf gebied 2", "GM0882"),
    ("VRD-1", "Voerendaal gebied 1", "GM0986"),
)

# (code, name, kind, area code or "")
CARE_UNITS = (
    ("GT-HRL-1", "Gebiedsteam Heerlen gebied 1", "gebiedsteam", "HRL-1"),
    ("GT-HRL-2", "Gebiedsteam Heerlen gebied 2", "gebiedsteam", "HRL-2"),
    ("GT-HRL-3", "Gebiedsteam Heerlen gebied 3 (Heerlen-Zuid)", "gebiedsteam", "HRL-3"),
    ("GT-HRL-4", "Gebiedsteam Heerlen gebied 4 (Heerlen-Zuid)", "gebiedsteam", "HRL-4"),
    ("GT-HRL-5", "Gebiedsteam Heerlen gebied 5", "gebiedsteam", "HRL-5"),
    ("GT-LGF-1", "Gebiedsteam Landgraaf gebied 1", "gebiedsteam", "LGF-1"),
    ("GT-LGF-2", "Gebiedsteam Landgraaf gebied 2", "gebiedsteam", "LGF-2"),
    ("GT-VRD-1", "Gebiedsteam Voerendaal gebied 1", "gebiedsteam", "VRD-1"),
    ("ALCANDER", "Alcander", "aanbieder", ""),
    ("KORAAL", "Koraal Groep", "aanbieder", ""),
    ("KRACHT-IN-ZORG", "Kracht in Zorg", "aanbieder", ""),
    ("LIONARONS-GGZ", "Lionarons GGZ", "aanbieder", ""),
    ("MONDRIAAN", "Mondriaan", "aanbieder", ""),
    ("RADAR", "Radar", "aanbieder", ""),
    ("XONAR", "Xonar", "aanbieder", ""),
    ("WELSUN", "Welsun", "aanbieder", ""),
    ("MEANDER", "Meander", "aanbieder", ""),
    ("MOVENTIS-GGZ", "Moventis GGZ", "aanbieder", ""),
    ("SCOOR", "Scoor", "aanbieder", ""),
    ("TOBAS-JEUGDHULP", "Tobas Jeugdhulp", "aanbieder", ""),
    ("ANACARE", "AnaCare", "aanbieder", ""),
    ("YVOOR", "Yvoor", "aanbieder", ""),
    ("VIA-JEUGD", "Via Jeugd", "aanbieder", ""),
    ("ADELANTE", "Adelante", "aanbieder", ""),
    ("AXNAGA", "aXnaga", "aanbieder", ""),
    ("BEGELEIDING-MET-DE-4-POTEN", "Begeleiding met de 4 Poten", "aanbieder", ""),
    ("BURO-ONE", "Buro One", "aanbieder", ""),
    ("BURO-TOO", "Buro TOO", "aanbieder", ""),
    ("CARE-4-KIDZ", "Care 4 Kidz", "aanbieder", ""),
    ("COLUMBUS-ONTDEK-JEZELF", "Columbus Ontdek Jezelf", "aanbieder", ""),
    ("HG-ONDERWIJS", "H&G Onderwijs", "aanbieder", ""),
    ("IEQUEST", "iEquest", "aanbieder", ""),
    ("INTENSOPLUS", "Intensoplus", "aanbieder", ""),
    ("MEE-ZUID-LIMBURG", "MEE Zuid-Limburg", "aanbieder", ""),
    ("MUTSAERSSTICHTING", "Mutsaersstichting", "aanbieder", ""),
    ("N-JOY-4-KIDZ", "N-Joy 4 Kidz", "aanbieder", ""),
    ("RID", "RID", "aanbieder", ""),
    ("HUMANITAS", "Humanitas", "aanbieder", ""),
    ("ROBERTSHUIS", "Robertshuis", "aanbieder", ""),
    ("TAKE-YOUR-TIME-OUT", "Take your Time Out", "aanbieder", ""),
    ("UIT-DE-STEIGERS", "Uit de Steigers", "aanbieder", ""),
    ("ZORGEN-EN-ZO", "Zorgen en Zo", "aanbieder", ""),
    ("GEBOORTEZORG-LIMBURG", "Geboortezorg Limburg", "aanbieder", ""),
    ("AHMW", "AHMW", "aanbieder", ""),
    ("BOXCHAINGE", "BoxChainge", "aanbieder", ""),
    ("COOPERATIE-LIMBURGSE-ZORGBOEREN", "Coöperatie Limburgse Zorgboeren", "aanbieder", ""),
    ("DE-DAMES-HOND", "De Dames Hond", "aanbieder", ""),
    ("GROENEN-GEZONDHEIDSPSYCHOLOGIE", "Groenen Gezondheidspsychologie", "aanbieder", ""),
    ("JEUGDTRAUMA-HERSTEL-LIMBURG", "Jeugdtrauma Herstel Limburg", "aanbieder", ""),
    ("JOKIJO", "JoKiJo", "aanbieder", ""),
    ("KINSO", "Kinso", "aanbieder", ""),
    ("MTSR", "MTSR", "aanbieder", ""),
    ("PRAKTIJK-BERKERS", "Praktijk Berkers", "aanbieder", ""),
    ("PR-VOOR-PSYCH-BEHANDELING-PARKSTAD", "Pr. voor Psych. Behandeling Parkstad", "aanbieder", ""),
    ("PSYCHOLOGENPRAKTIJK-KERKRADE", "Psychologenpraktijk Kerkrade", "aanbieder", ""),
    ("PSY-CARE", "Psy-Care", "aanbieder", ""),
    ("PSYCHOLOGENPRAKTIJK-VAARTJES", "Psychologenpraktijk Vaartjes", "aanbieder", ""),
    ("PUREZA", "Pureza", "aanbieder", ""),
    ("PUUR-JONG", "Puur Jong", "aanbieder", ""),
    ("SENZAI", "Senzai", "aanbieder", ""),
    ("SPELEND-ONTWIKKELEN", "Spelend Ontwikkelen", "aanbieder", ""),
    ("SPELTHERAPIE-HET-WEVERTJE", "Speltherapie het Wevertje", "aanbieder", ""),
    ("SUCCESSFUL-MINDSET", "Successful Mindset", "aanbieder", ""),
    ("T-PRUNELLEKE", "’t Prunelleke", "aanbieder", ""),
    ("THERAPOOT", "Therapoot", "aanbieder", ""),
    ("TRACT-PSYCHOLOGISCHE-ZORG", "Tract Psychologische Zorg", "aanbieder", ""),
    ("TWOWAY", "Twoway", "aanbieder", ""),
    ("WILCO", "Wilco", "aanbieder", ""),
    ("ZIEZO-JEUGDHULP", "ZieZo jeugdhulp", "aanbieder", ""),
    ("ZORGGROEP-VIZIE", "Zorggroep Vizie", "aanbieder", ""),
)

# (number, name, start, end)
CONTRACTS = (
    (1, "Contract 1 (2019-2022)", "2019-01-01", "2022-12-31"),
    (2, "Contract 2 (2023-2027)", "2023-01-01", "2027-12-31"),
)

# (care unit code, contract number, role, valid from, valid to)
PROVIDER_ROLES = (
    ("XONAR", 1, "lid", "2019-01-01", None),
    ("MONDRIAAN", 1, "lid", "2019-01-01", None),
    ("RADAR", 1, "lid", "2019-01-01", None),
    ("KORAAL", 1, "lid", "2019-01-01", None),
    ("ALCANDER", 1, "lid", "2019-01-01", None),
    ("WELSUN", 1, "lid", "2019-01-01", None),
    ("MEANDER", 1, "lid", "2019-01-01", None),
    ("ALCANDER", 2, "lid", "2023-01-01", None),
    ("KORAAL", 2, "lid", "2023-01-01", None),
    ("KRACHT-IN-ZORG", 2, "lid", "2023-01-01", None),
    ("LIONARONS-GGZ", 2, "lid", "2023-01-01", None),
    ("MONDRIAAN", 2, "lid", "2023-01-01", None),
    ("RADAR", 2, "lid", "2023-01-01", None),
    ("XONAR", 2, "lid", "2023-01-01", "2023-12-31"),
    ("MOVENTIS-GGZ", 2, "onderaannemer", "2023-01-01", None),
    ("SCOOR", 2, "onderaannemer", "2023-01-01", None),
    ("TOBAS-JEUGDHULP", 2, "onderaannemer", "2023-01-01", None),
    ("ANACARE", 2, "onderaannemer", "2023-01-01", None),
    ("YVOOR", 2, "onderaannemer", "2023-01-01", None),
    ("VIA-JEUGD", 2, "onderaannemer", "2023-01-01", None),
    ("ADELANTE", 2, "leverancier", "2023-01-01", None),
    ("AXNAGA", 2, "leverancier", "2023-01-01", None),
    ("BEGELEIDING-MET-DE-4-POTEN", 2, "leverancier", "2023-01-01", None),
    ("BURO-ONE", 2, "leverancier", "2023-01-01", None),
    ("BURO-TOO", 2, "leverancier", "2023-01-01", None),
    ("CARE-4-KIDZ", 2, "leverancier", "2023-01-01", None),
    ("COLUMBUS-ONTDEK-JEZELF", 2, "leverancier", "2023-01-01", None),
    ("HG-ONDERWIJS", 2, "leverancier", "2023-01-01", None),
    ("IEQUEST", 2, "leverancier", "2023-01-01", None),
    ("INTENSOPLUS", 2, "leverancier", "2023-01-01", None),
    ("MEE-ZUID-LIMBURG", 2, "leverancier", "2023-01-01", None),
    ("MUTSAERSSTICHTING", 2, "leverancier", "2023-01-01", None),
    ("N-JOY-4-KIDZ", 2, "leverancier", "2023-01-01", None),
    ("RID", 2, "leverancier", "2023-01-01", None),
    ("HUMANITAS", 2, "leverancier", "2023-01-01", None),
    ("ROBERTSHUIS", 2, "leverancier", "2023-01-01", None),
    ("TAKE-YOUR-TIME-OUT", 2, "leverancier", "2023-01-01", None),
    ("UIT-DE-STEIGERS", 2, "leverancier", "2023-01-01", None),
    ("ZORGEN-EN-ZO", 2, "leverancier", "2023-01-01", None),
    ("GEBOORTEZORG-LIMBURG", 2, "leverancier", "2023-01-01", None),
    ("AHMW", 2, "kleine_aanbieder", "2023-01-01", None),
    ("BOXCHAINGE", 2, "kleine_aanbieder", "2023-01-01", None),
    ("COOPERATIE-LIMBURGSE-ZORGBOEREN", 2, "kleine_aanbieder", "2023-01-01", None),
    ("DE-DAMES-HOND", 2, "kleine_aanbieder", "2023-01-01", None),
    ("GROENEN-GEZONDHEIDSPSYCHOLOGIE", 2, "kleine_aanbieder", "2023-01-01", None),
    ("JEUGDTRAUMA-HERSTEL-LIMBURG", 2, "kleine_aanbieder", "2023-01-01", None),
    ("JOKIJO", 2, "kleine_aanbieder", "2023-01-01", None),
    ("KINSO", 2, "kleine_aanbieder", "2023-01-01", None),
    ("MTSR", 2, "kleine_aanbieder", "2023-01-01", None),
    ("PRAKTIJK-BERKERS", 2, "kleine_aanbieder", "2023-01-01", None),
    ("PR-VOOR-PSYCH-BEHANDELING-PARKSTAD", 2, "kleine_aanbieder", "2023-01-01", None),
    ("PSYCHOLOGENPRAKTIJK-KERKRADE", 2, "kleine_aanbieder", "2023-01-01", None),
    ("PSY-CARE", 2, "kleine_aanbieder", "2023-01-01", None),
    ("PSYCHOLOGENPRAKTIJK-VAARTJES", 2, "kleine_aanbieder", "2023-01-01", None),
    ("PUREZA", 2, "kleine_aanbieder", "2023-01-01", None),
    ("PUUR-JONG", 2, "kleine_aanbieder", "2023-01-01", None),
    ("SENZAI", 2, "kleine_aanbieder", "2023-01-01", None),
    ("SPELEND-ONTWIKKELEN", 2, "kleine_aanbieder", "2023-01-01", None),
    ("SPELTHERAPIE-HET-WEVERTJE", 2, "kleine_aanbieder", "2023-01-01", None),
    ("SUCCESSFUL-MINDSET", 2, "kleine_aanbieder", "2023-01-01", None),
    ("T-PRUNELLEKE", 2, "kleine_aanbieder", "2023-01-01", None),
    ("THERAPOOT", 2, "kleine_aanbieder", "2023-01-01", None),
    ("TRACT-PSYCHOLOGISCHE-ZORG", 2, "kleine_aanbieder", "2023-01-01", None),
    ("TWOWAY", 2, "kleine_aanbieder", "2023-01-01", None),
    ("WILCO", 2, "kleine_aanbieder", "2023-01-01", None),
    ("ZIEZO-JEUGDHULP", 2, "kleine_aanbieder", "2023-01-01", None),
    ("ZORGGROEP-VIZIE", 2, "kleine_aanbieder", "2023-01-01", None),
)


def _date(value):
    return None if value is None else date.fromisoformat(value)


def load_reference_data(apps, schema_editor):
    Municipality = apps.get_model("trajecten", "Municipality")
    Area = apps.get_model("trajecten", "Area")
    CareUnit = apps.get_model("trajecten", "CareUnit")
    Contract = apps.get_model("trajecten", "Contract")
    ProviderRole = apps.get_model("trajecten", "ProviderRole")

    municipalities = {}
    for code, name in MUNICIPALITIES:
        municipalities[code], _ = Municipality.objects.update_or_create(code=code, defaults={"name": name})
    areas = {}
    for code, name, municipality in AREAS:
        areas[code], _ = Area.objects.update_or_create(
            code=code, defaults={"name": name, "municipality": municipalities[municipality]}
        )
    units = {}
    for code, name, kind, area in CARE_UNITS:
        units[code], _ = CareUnit.objects.update_or_create(
            code=code, defaults={"name": name, "kind": kind, "area": areas[area] if area else None}
        )
    contracts = {}
    for number, name, start, end in CONTRACTS:
        contracts[number], _ = Contract.objects.update_or_create(
            number=number, defaults={"name": name, "start_date": _date(start), "end_date": _date(end)}
        )
    for unit, contract, role, valid_from, valid_to in PROVIDER_ROLES:
        ProviderRole.objects.update_or_create(
            care_unit=units[unit],
            contract=contracts[contract],
            defaults={"role": role, "valid_from": _date(valid_from), "valid_to": _date(valid_to)},
        )


def unload_reference_data(apps, schema_editor):
    Municipality = apps.get_model("trajecten", "Municipality")
    Area = apps.get_model("trajecten", "Area")
    CareUnit = apps.get_model("trajecten", "CareUnit")
    Contract = apps.get_model("trajecten", "Contract")
    ProviderRole = apps.get_model("trajecten", "ProviderRole")

    numbers = [number for number, *_ in CONTRACTS]
    ProviderRole.objects.filter(contract__number__in=numbers).delete()
    Contract.objects.filter(number__in=numbers).delete()
    CareUnit.objects.filter(code__in=[c[0] for c in CARE_UNITS], trajectories__isnull=True).delete()
    Area.objects.filter(
        code__in=[a[0] for a in AREAS], trajectories__isnull=True, care_units__isnull=True
    ).delete()
    Municipality.objects.filter(
        code__in=[m[0] for m in MUNICIPALITIES], trajectories__isnull=True, areas__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("trajecten", "0002_importbatch_warnings"),
    ]

    operations = [
        migrations.RunPython(load_reference_data, unload_reference_data),
    ]
