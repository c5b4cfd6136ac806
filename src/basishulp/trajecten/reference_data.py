"""Reference data of the HLV arrangement: municipalities, areas, area teams, contracts, providers.

Plain constants, importable without a database (the demo generator uses ``AREAS`` and
``CARE_UNITS``). The data migration ``0002_reference_data`` loads a *frozen copy* of
this data; when this module changes, add a new data migration rather than editing the
old one.

Sources and assumptions:

- Municipalities and CBS codes: ``domain.md`` §1, ``data-formats.md`` §1.
- **Areas are an assumption.** The sources say only that Heerlen has several areas
  and that Heerlen-Zuid is gebied 3 and 4 together (``domain.md`` §1); no area map is
  given. We model Heerlen with five areas ``HRL-1`` .. ``HRL-5``, Landgraaf with two
  (``LGF-1``, ``LGF-2``) and Voerendaal with one (``VRD-1``). Replace with the real
  map when JENS supplies it.
- One area team ("gebiedsteam", K2) per area, code ``GT-`` + area code.
- Contracts: contract 1 2019-01-01 .. 2022-12-31, contract 2 2023-01-01 .. 2027-12-31
  (the three optional 2-year extensions are not modelled here).
- Providers: seed 001 (JENS half-year report 2023), Bijlage 3 "overzicht
  zorgaanbieders", for contract 2 (members, strategic subcontractors, contracted
  suppliers, small providers). Contract 1 members: ``domain.md`` §1 (Welsun and
  Meander exist only in contract 1). Xonar left the cooperative in 2023: its contract-2
  membership ends 2023-12-31. Roles of non-members in contract 1 are not in the sources
  and are not recorded.
- Provider codes are upper-case slugs of the name (``Kracht in Zorg`` ->
  ``KRACHT-IN-ZORG``), except ``Koraal Groep`` -> ``KORAAL``.
- ``valid_to`` ``None`` means "until the end of the contract".
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from .domain import reference

__all__ = [
    "AREAS",
    "AREA_TEAMS",
    "CARE_UNITS",
    "CONTRACTS",
    "MUNICIPALITIES",
    "PROVIDERS",
    "PROVIDER_ROLES",
    "AreaSpec",
    "CareUnitSpec",
    "ContractSpec",
    "MunicipalitySpec",
    "ProviderRoleSpec",
]

# Values of the model choices, repeated here so this module needs no Django models.
KIND_AREA_TEAM = "gebiedsteam"
KIND_PROVIDER = "aanbieder"
ROLE_MEMBER = "lid"
ROLE_SUBCONTRACTOR = "onderaannemer"
ROLE_SUPPLIER = "leverancier"
ROLE_SMALL = "kleine_aanbieder"


class MunicipalitySpec(NamedTuple):
    code: str
    name: str


class AreaSpec(NamedTuple):
    code: str
    name: str
    municipality: str  # CBS code


class CareUnitSpec(NamedTuple):
    code: str
    name: str
    kind: str  # "gebiedsteam" or "aanbieder"
    area: str = ""  # area code for an area team, "" for a provider


class ContractSpec(NamedTuple):
    number: int
    name: str
    start_date: date
    end_date: date


class ProviderRoleSpec(NamedTuple):
    care_unit: str  # care unit code
    contract: int  # contract number
    role: str
    valid_from: date
    valid_to: date | None = None


MUNICIPALITIES: tuple[MunicipalitySpec, ...] = tuple(
    MunicipalitySpec(code, name) for code, name in reference.MUNICIPALITIES.items()
)

AREAS: tuple[AreaSpec, ...] = (
    AreaSpec("HRL-1", "Heerlen gebied 1", "GM0917"),
    AreaSpec("HRL-2", "Heerlen gebied 2", "GM0917"),
    AreaSpec("HRL-3", "Heerlen gebied 3 (Heerlen-Zuid)", "GM0917"),
    AreaSpec("HRL-4", "Heerlen gebied 4 (Heerlen-Zuid)", "GM0917"),
    AreaSpec("HRL-5", "Heerlen gebied 5", "GM0917"),
    AreaSpec("LGF-1", "Landgraaf gebied 1", "GM0882"),
    AreaSpec("LGF-2", "Landgraaf gebied 2", "GM0882"),
    AreaSpec("VRD-1", "Voerendaal gebied 1", "GM0986"),
)

AREA_TEAMS: tuple[CareUnitSpec, ...] = tuple(
    CareUnitSpec(f"GT-{a.code}", f"Gebiedsteam {a.name}", KIND_AREA_TEAM, a.code) for a in AREAS
)

CONTRACTS: tuple[ContractSpec, ...] = (
    ContractSpec(1, "Contract 1 (2019-2022)", date(2019, 1, 1), date(2022, 12, 31)),
    ContractSpec(2, "Contract 2 (2023-2027)", date(2023, 1, 1), date(2027, 12, 31)),
)

#: Contract 2, Bijlage 3 "Leden coöperatie".
MEMBERS_CONTRACT_2: tuple[tuple[str, str], ...] = (
    ("ALCANDER", "Alcander"),
    ("KORAAL", "Koraal Groep"),
    ("KRACHT-IN-ZORG", "Kracht in Zorg"),
    ("LIONARONS-GGZ", "Lionarons GGZ"),
    ("MONDRIAAN", "Mondriaan"),
    ("RADAR", "Radar"),
    ("XONAR", "Xonar"),
)
#: Members of contract 1 that are not in contract 2.
FORMER_MEMBERS: tuple[tuple[str, str], ...] = (
    ("WELSUN", "Welsun"),
    ("MEANDER", "Meander"),
)
#: Contract 1 members (domain.md §1), by code.
MEMBERS_CONTRACT_1: tuple[str, ...] = ("XONAR", "MONDRIAAN", "RADAR", "KORAAL", "ALCANDER", "WELSUN", "MEANDER")
#: Bijlage 3 "Onderaannemers" (strategic subcontractors).
SUBCONTRACTORS: tuple[tuple[str, str], ...] = (
    ("MOVENTIS-GGZ", "Moventis GGZ"),
    ("SCOOR", "Scoor"),
    ("TOBAS-JEUGDHULP", "Tobas Jeugdhulp"),
    ("ANACARE", "AnaCare"),
    ("YVOOR", "Yvoor"),
    ("VIA-JEUGD", "Via Jeugd"),
)
#: Bijlage 3 "Gecontracteerde leveranciers".
SUPPLIERS: tuple[tuple[str, str], ...] = (
    ("ADELANTE", "Adelante"),
    ("AXNAGA", "aXnaga"),
    ("BEGELEIDING-MET-DE-4-POTEN", "Begeleiding met de 4 Poten"),
    ("BURO-ONE", "Buro One"),
    ("BURO-TOO", "Buro TOO"),
    ("CARE-4-KIDZ", "Care 4 Kidz"),
    ("COLUMBUS-ONTDEK-JEZELF", "Columbus Ontdek Jezelf"),
    ("HG-ONDERWIJS", "H&G Onderwijs"),
    ("IEQUEST", "iEquest"),
    ("INTENSOPLUS", "Intensoplus"),
    ("MEE-ZUID-LIMBURG", "MEE Zuid-Limburg"),
    ("MUTSAERSSTICHTING", "Mutsaersstichting"),
    ("N-JOY-4-KIDZ", "N-Joy 4 Kidz"),
    ("RID", "RID"),
    ("HUMANITAS", "Humanitas"),
    ("ROBERTSHUIS", "Robertshuis"),
    ("TAKE-YOUR-TIME-OUT", "Take your Time Out"),
    ("UIT-DE-STEIGERS", "Uit de Steigers"),
    ("ZORGEN-EN-ZO", "Zorgen en Zo"),
    ("GEBOORTEZORG-LIMBURG", "Geboortezorg Limburg"),
)
#: Bijlage 3 "Kleine aanbieders".
SMALL_PROVIDERS: tuple[tuple[str, str], ...] = (
    ("AHMW", "AHMW"),
    ("BOXCHAINGE", "BoxChainge"),
    ("COOPERATIE-LIMBURGSE-ZORGBOEREN", "Coöperatie Limburgse Zorgboeren"),
    ("DE-DAMES-HOND", "De Dames Hond"),
    ("GROENEN-GEZONDHEIDSPSYCHOLOGIE", "Groenen Gezondheidspsychologie"),
    ("JEUGDTRAUMA-HERSTEL-LIMBURG", "Jeugdtrauma Herstel Limburg"),
    ("JOKIJO", "JoKiJo"),
    ("KINSO", "Kinso"),
    ("MTSR", "MTSR"),
    ("PRAKTIJK-BERKERS", "Praktijk Berkers"),
    ("PR-VOOR-PSYCH-BEHANDELING-PARKSTAD", "Pr. voor Psych. Behandeling Parkstad"),
    ("PSYCHOLOGENPRAKTIJK-KERKRADE", "Psychologenpraktijk Kerkrade"),
    ("PSY-CARE", "Psy-Care"),
    ("PSYCHOLOGENPRAKTIJK-VAARTJES", "Psychologenpraktijk Vaartjes"),
    ("PUREZA", "Pureza"),
    ("PUUR-JONG", "Puur Jong"),
    ("SENZAI", "Senzai"),
    ("SPELEND-ONTWIKKELEN", "Spelend Ontwikkelen"),
    ("SPELTHERAPIE-HET-WEVERTJE", "Speltherapie het Wevertje"),
    ("SUCCESSFUL-MINDSET", "Successful Mindset"),
    ("T-PRUNELLEKE", "’t Prunelleke"),
    ("THERAPOOT", "Therapoot"),
    ("TRACT-PSYCHOLOGISCHE-ZORG", "Tract Psychologische Zorg"),
    ("TWOWAY", "Twoway"),
    ("WILCO", "Wilco"),
    ("ZIEZO-JEUGDHULP", "ZieZo jeugdhulp"),
    ("ZORGGROEP-VIZIE", "Zorggroep Vizie"),
)

PROVIDERS: tuple[CareUnitSpec, ...] = tuple(
    CareUnitSpec(code, name, KIND_PROVIDER)
    for code, name in (*MEMBERS_CONTRACT_2, *FORMER_MEMBERS, *SUBCONTRACTORS, *SUPPLIERS, *SMALL_PROVIDERS)
)

#: Every care unit: the area teams first, then the providers.
CARE_UNITS: tuple[CareUnitSpec, ...] = (*AREA_TEAMS, *PROVIDERS)

_C1_START, _C2_START = CONTRACTS[0].start_date, CONTRACTS[1].start_date
XONAR_LEFT = date(2023, 12, 31)

PROVIDER_ROLES: tuple[ProviderRoleSpec, ...] = (
    *(ProviderRoleSpec(code, 1, ROLE_MEMBER, _C1_START) for code in MEMBERS_CONTRACT_1),
    *(
        ProviderRoleSpec(code, 2, ROLE_MEMBER, _C2_START, XONAR_LEFT if code == "XONAR" else None)
        for code, _ in MEMBERS_CONTRACT_2
    ),
    *(ProviderRoleSpec(code, 2, ROLE_SUBCONTRACTOR, _C2_START) for code, _ in SUBCONTRACTORS),
    *(ProviderRoleSpec(code, 2, ROLE_SUPPLIER, _C2_START) for code, _ in SUPPLIERS),
    *(ProviderRoleSpec(code, 2, ROLE_SMALL, _C2_START) for code, _ in SMALL_PROVIDERS),
)
