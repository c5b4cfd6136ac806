"""iJw start and stop messages as plain values (no XML, no Django).

Every field keeps the text as it stood in the message (``None`` when the element was
absent), so the rules in :mod:`.rules` can name exactly what was wrong; the typed
values (dates) come from the helpers here. ``path`` is an XPath-like location such as
``/Bericht/Client/StartProducten/StartProduct[2]/Begindatum`` for error reports.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

__all__ = ["Issue", "Message", "Product", "parse_date"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` (no time zone, RS032) as a date, else ``None``."""
    if text is None or not _DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding about a message: the rule (``TR134``, ``CS002``, ``XSD``, …), where
    (``path``), and a sentence for the user. ``warning`` findings do not reject it."""

    rule: str
    path: str
    text: str
    warning: bool = False

    def as_json(self) -> dict[str, str]:
        return {"rule": self.rule, "path": self.path, "text": self.text}


@dataclass(frozen=True, slots=True)
class Product:
    """A StartProduct (JW305) or StopProduct (JW307); ``reden`` and ``einddatum`` are
    for stops only. ``index`` counts from 1 in message order."""

    index: int
    begindatum: str | None
    status: str | None
    categorie: str | None = None
    code: str | None = None
    toewijzing_nummer: str | None = None
    toewijzing_ingangsdatum: str | None = None
    reden: str | None = None
    einddatum: str | None = None
    path: str = ""

    @property
    def begin(self) -> dt.date | None:
        return parse_date(self.begindatum)

    @property
    def end(self) -> dt.date | None:
        return parse_date(self.einddatum)


@dataclass(frozen=True, slots=True)
class Message:
    """A JW305 (start) or JW307 (stop) message: one Header, one Client, its products."""

    kind: str  # "JW305" | "JW307"
    bericht_code: str | None = None
    versie: str | None = None
    subversie: str | None = None
    afzender: str | None = None
    ontvanger: str | None = None
    identificatie: str | None = None
    dagtekening: str | None = None
    basisschema_xsd_versie: str | None = None
    bericht_xsd_versie: str | None = None
    bsn: str | None = None
    geboortedatum: str | None = None
    datum_gebruik: str | None = None
    geslacht: str | None = None
    achternaam: str | None = None
    voorvoegsel: str | None = None
    voornamen: str | None = None
    voorletters: str | None = None
    products: tuple[Product, ...] = field(default_factory=tuple)

    @property
    def is_start(self) -> bool:
        return self.kind == "JW305"

    @property
    def date(self) -> dt.date | None:
        """The Dagtekening."""
        return parse_date(self.dagtekening)

    @property
    def products_element(self) -> str:
        return "StartProducten" if self.is_start else "StopProducten"

    @property
    def product_element(self) -> str:
        return "StartProduct" if self.is_start else "StopProduct"
