"""Reference data that the file formats depend on (pure, no Django).

The three HLV municipalities with their CBS codes, and the iJw code lists used in
``trajectories.csv`` (``../shared/spec/ijw.md`` §8): JZ588 reason of ending and
COD327 referrer type.
"""

from __future__ import annotations

import re

__all__ = [
    "END_REASONS",
    "END_REASON_PER_PLAN",
    "HLV_CODES",
    "MUNICIPALITIES",
    "QUADRANTS",
    "REFERRER_TYPES",
    "municipality_code",
    "municipality_name",
]

#: CBS code -> name, in report order.
MUNICIPALITIES: dict[str, str] = {
    "GM0917": "Heerlen",
    "GM0882": "Landgraaf",
    "GM0986": "Voerendaal",
}
HLV_CODES: tuple[str, ...] = tuple(MUNICIPALITIES)
_BY_NAME = {name.casefold(): code for code, name in MUNICIPALITIES.items()}
_GM = re.compile(r"^GM\d{4}$")

#: JZ588 Reden beeindiging (iJw 3.2).
END_REASONS: dict[str, str] = {
    "02": "Overlijden",
    "20": "Levering is tijdelijk beeindigd",
    "31": "Levering is volgens plan beeindigd",
    "32": "Voortijdig afgesloten: eenzijdig door de client",
    "33": "Voortijdig afgesloten: eenzijdig door de aanbieder",
    "34": "Voortijdig afgesloten: in overeenstemming",
    "35": "Voortijdig afgesloten: wegens externe omstandigheden",
    "36": "Geinitieerd door de gemeente",
    "37": "In verband met wijzigingsverzoek",
    "38": "Overstap naar andere aanbieder",
    "39": "Uitstroom naar ander domein",
}
END_REASON_PER_PLAN = "31"

#: COD327 Code verwijzer (there is no 07).
REFERRER_TYPES: dict[str, str] = {
    "01": "Gemeente",
    "02": "Huisarts",
    "03": "Jeugdarts",
    "04": "Gecertificeerde instelling",
    "05": "Medisch specialist",
    "06": "Zelfverwijzer/geen verwijzer",
    "08": "Rechter, Officier van Justitie, functionaris JJI",
}

QUADRANTS: tuple[str, ...] = ("K1", "K2", "K3")


def municipality_code(value: str) -> str | None:
    """``GMnnnn`` for a CBS code or a known municipality name, else ``None``."""
    text = value.strip()
    if _GM.match(text):
        return text
    return _BY_NAME.get(text.casefold())


def municipality_name(code: str) -> str:
    """The known name of a municipality code, or the code itself."""
    return MUNICIPALITIES.get(code, code)
