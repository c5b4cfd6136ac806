"""iJw 3.2 code lists and constants for start (JW305) and stop (JW307) messages and
their retour messages (JW306, JW308). Source: ``../shared/spec/ijw.md`` §2, §5, §6, §8.

COD327 (verwijzer) has no element in JW305/JW307 (it is only in JW315/JW316), so the
start/stop rules do not use it; it lives in :mod:`basishulp.trajecten.domain.reference`.
"""

from __future__ import annotations

from basishulp.trajecten.domain.reference import END_REASONS

__all__ = [
    "BASIS_NS",
    "BERICHT_CODES",
    "COD046_GENDER",
    "COD170_DATE_USE",
    "COD467_STATUS",
    "JZ020_CATEGORIES",
    "JZ588_REASONS",
    "KINDS",
    "RETOUR_CODES",
    "RETOUR_KIND",
    "STATUS_ALLOWED",
    "namespace",
]

#: Message kinds this project reads and writes, with their BerichtCode.
BERICHT_CODES: dict[str, str] = {"JW305": "438", "JW306": "439", "JW307": "440", "JW308": "441"}
#: The incoming kinds (start, stop) and the retour kind each gets.
KINDS: tuple[str, ...] = ("JW305", "JW307")
RETOUR_KIND: dict[str, str] = {"JW305": "JW306", "JW307": "JW308"}

BASIS_NS = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"


def namespace(kind: str) -> str:
    """The message namespace of ``kind`` (``JW305`` → ``…/ijw/3_2/jw305/schema``)."""
    return f"http://www.istandaarden.nl/ijw/3_2/{kind.lower()}/schema"


#: JZ588 Reden beëindiging (the same list the trajectories use).
JZ588_REASONS: dict[str, str] = dict(END_REASONS)

#: COD046 Geslacht.
COD046_GENDER: dict[str, str] = {"0": "Onbekend", "1": "Mannelijk", "2": "Vrouwelijk"}

#: COD467 Status aanlevering; only 1 and 3 are allowed in JW305/JW307 (CS058).
COD467_STATUS: dict[str, str] = {
    "1": "Eerste aanlevering",
    "2": "Gewijzigde aanlevering",
    "3": "Verwijderen aanlevering",
    "9": "Niet van toepassing",
}
STATUS_ALLOWED: frozenset[str] = frozenset({"1", "3"})

#: COD170 Datum gebruik (Geboortedatum).
COD170_DATE_USE: dict[str, str] = {
    "1": "dag onbekend; alleen maand en jaar gebruiken",
    "2": "dag en maand onbekend; alleen jaar gebruiken",
    "3": "dag, maand en jaar onbekend; onbekende datum",
}

#: JZ020 Productcategorie.
JZ020_CATEGORIES: dict[str, str] = {
    "31": "Zonder verblijf: uitgevoerd door wijk- of buurtteam",
    "32": "Zonder verblijf: ambulante jeugdhulp op locatie van de aanbieder",
    "33": "Zonder verblijf: daghulp op locatie van de aanbieder",
    "34": "Zonder verblijf: jeugdhulp in het netwerk van de jeugdige",
    "35": "Met verblijf: pleegzorg",
    "36": "Met verblijf: gezinsgericht",
    "37": "Met verblijf: gesloten plaatsing",
    "38": "Met verblijf: overig residentieel",
    "40": "Persoonlijke verzorging",
    "41": "Dagbehandeling",
    "42": "Vervoerdiensten",
    "43": "Jeugdhulp verblijf (incl. behandeling)",
    "44": "Jeugdhulp verblijf (excl. behandeling)",
    "45": "Jeugdhulp ambulant",
    "46": "Jeugdhulp crisis",
    "47": "Jeugdreclassering",
    "48": "Jeugdbescherming",
    "49": "Activiteiten in het preventief justitieel kader",
    "50": "Maatwerkarrangementen jeugd",
    "51": "Generalistische basis-ggz",
    "52": "Specialistische ggz",
    "53": "Kindergeneeskunde",
    "54": "Jeugd-ggz",
    "55": "Landelijk ingekochte zorg",
}

#: The retour codes this project gives (ijw.md §5, §6.2). The texts of 0001, 0200, 0233,
#: 9069, 9074 and 9326 are those of WJ001; the others summarise the rule (TR056, TR063,
#: TR071, TR413-TR415) and should be replaced by the WJ001 wording when it is at hand.
RETOUR_CODES: dict[str, str] = {
    "0001": "Bericht is afgekeurd om technische redenen.",
    "0200": "Geen opmerking over deze berichtklasse.",
    "0233": "Berichtklasse is niet beoordeeld.",
    "9056": "Identificatie van het bericht is niet uniek.",
    "9063": "Er is geen eerdere aanlevering met dezelfde sleutel om te verwijderen.",
    "9069": "Er is geen actueel startbericht met dezelfde sleutel.",
    "9071": "Een start met een stop kan niet verwijderd worden.",
    "9074": "Er is al een eerder bericht ontvangen met dezelfde sleutel.",
    "9326": "De actuele levering is nog niet gestopt met een Stopbericht.",
    "9413": "Na een tijdelijke beëindiging moet een definitieve beëindiging volgen.",
    "9414": "Einddatum ligt voor de einddatum van de actuele stop.",
    "9415": "Er is al een definitieve stop voor deze levering.",
}
