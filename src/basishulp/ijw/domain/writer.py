"""Write iJw 3.2 start (JW305) and stop (JW307) messages and their retour messages
(JW306, JW308) as XML. Source: ``../shared/spec/ijw.md`` §2–§5, checked against the
JW305–JW308 XSDs and ``basisschema.xsd``.

Pure functions: a :class:`~.messages.Message` in, UTF-8 bytes with an XML declaration
out (no DOCTYPE). The elements are built with :mod:`lxml.etree` in the order of the
``xs:sequence`` of each type. Message-level elements are in the message namespace
(prefix ``jw305``, ``jw306``, …); the children of the composite types (``CDT_*``:
``Identificatie``, ``Datum``, ``Categorie``, ``Achternaam`` …) are in the basisschema
namespace (prefix ``ijw``).

Every field is written as the raw text it holds, without checking it: the XSD and the
rules do that, and tests need to write wrong values on purpose. An optional element
is left out when its field is ``None``; a required element whose field is ``None``
raises :class:`ValueError`, except BerichtCode, BerichtVersie and BerichtSubversie,
which the XSD fixes for each kind and which default to ``438``/``440``, ``3`` and ``2``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from lxml import etree

from basishulp.ijw.domain.codes import BASIS_NS, BERICHT_CODES, KINDS, RETOUR_KIND, namespace
from basishulp.ijw.domain.messages import Message, Product

__all__ = ["DEFAULT_RETOUR_CODE", "XSD_VERSION", "write_message", "write_retour"]

#: The XSD version this project states for the schemas it writes with, as both
#: ``BasisschemaXsdVersie`` and ``BerichtXsdVersie`` of ``XsdVersieRetour``. Unverified
#: (ijw.md §11): the schema copy we test with says ``0.1.0`` in its appinfo and its
#: examples use ``1.0.0``; check the production value with iStandaarden before going live.
XSD_VERSION = "1.0.0"

#: WJ001 "Geen opmerking over deze berichtklasse": the code of a class without findings.
DEFAULT_RETOUR_CODE = "0200"

#: BerichtVersie and BerichtSubversie of iJw 3.2 (fixed by the XSD patterns; CS025, CS015).
_VERSIE = "3"
_SUBVERSIE = "2"


class _Builder:
    """Creates elements in one message namespace plus the basisschema namespace."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.ns = namespace(kind)
        self.nsmap = {kind.lower(): self.ns, "ijw": BASIS_NS}

    def root(self) -> etree._Element:
        return etree.Element(f"{{{self.ns}}}Bericht", nsmap=self.nsmap)

    def sub(self, parent: etree._Element, name: str, text: str | None = None) -> etree._Element:
        """A child in the message namespace, with ``text`` if given."""
        return self._sub(parent, self.ns, name, text)

    def basis(self, parent: etree._Element, name: str, text: str | None = None) -> etree._Element:
        """A child in the basisschema namespace, with ``text`` if given."""
        return self._sub(parent, BASIS_NS, name, text)

    @staticmethod
    def _sub(parent: etree._Element, ns: str, name: str, text: str | None) -> etree._Element:
        element = etree.SubElement(parent, f"{{{ns}}}{name}")
        if text is not None:
            element.text = text
        return element


def _required(message: Message, value: str | None, path: str) -> str:
    if value is None:
        raise ValueError(f"{message.kind}: the required element {path} has no value")
    return value


def _check_kind(message: Message) -> None:
    if message.kind not in KINDS:
        raise ValueError(f"cannot write a message of kind {message.kind!r}; expected one of {', '.join(KINDS)}")
    if not message.products:
        raise ValueError(f"{message.kind}: {message.products_element} needs at least one {message.product_element}")


def _header_of_heenbericht(b: _Builder, header: etree._Element, message: Message) -> None:
    """BerichtVersie … XsdVersie: the part of the Header that the retour copies (IV028)."""
    b.sub(header, "BerichtVersie", message.versie if message.versie is not None else _VERSIE)
    b.sub(header, "BerichtSubversie", message.subversie if message.subversie is not None else _SUBVERSIE)
    b.sub(header, "Afzender", _required(message, message.afzender, "Header/Afzender"))
    b.sub(header, "Ontvanger", _required(message, message.ontvanger, "Header/Ontvanger"))
    identificatie = b.sub(header, "BerichtIdentificatie")
    b.basis(
        identificatie, "Identificatie", _required(message, message.identificatie, "BerichtIdentificatie/Identificatie")
    )
    b.basis(identificatie, "Dagtekening", _required(message, message.dagtekening, "BerichtIdentificatie/Dagtekening"))
    versie = b.sub(header, "XsdVersie")
    b.basis(
        versie,
        "BasisschemaXsdVersie",
        _required(message, message.basisschema_xsd_versie, "XsdVersie/BasisschemaXsdVersie"),
    )
    b.basis(versie, "BerichtXsdVersie", _required(message, message.bericht_xsd_versie, "XsdVersie/BerichtXsdVersie"))


def _client_person(b: _Builder, client: etree._Element, message: Message) -> None:
    """Bsn, Geboortedatum, Geslacht, Naam (CDT_VerkorteNaam), in XSD order."""
    b.sub(client, "Bsn", _required(message, message.bsn, "Client/Bsn"))
    geboortedatum = b.sub(client, "Geboortedatum")
    b.basis(geboortedatum, "Datum", _required(message, message.geboortedatum, "Client/Geboortedatum/Datum"))
    if message.datum_gebruik is not None:
        b.basis(geboortedatum, "DatumGebruik", message.datum_gebruik)
    b.sub(client, "Geslacht", _required(message, message.geslacht, "Client/Geslacht"))
    naam = b.sub(client, "Naam")
    geslachtsnaam = b.basis(naam, "Geslachtsnaam")
    b.basis(geslachtsnaam, "Achternaam", _required(message, message.achternaam, "Naam/Geslachtsnaam/Achternaam"))
    if message.voorvoegsel is not None:
        b.basis(geslachtsnaam, "Voorvoegsel", message.voorvoegsel)
    if message.voornamen is not None:
        b.basis(naam, "Voornamen", message.voornamen)
    if message.voorletters is not None:
        b.basis(naam, "Voorletters", message.voorletters)


def _product(b: _Builder, parent: etree._Element, message: Message, product: Product) -> etree._Element:
    """One StartProduct or StopProduct. ``Product`` is written only when ``categorie``
    is set (Categorie is required inside it), so a ``code`` without a categorie is lost;
    ``reden`` and ``einddatum`` are written for stops only."""
    where = f"{message.product_element}[{product.index}]"
    element = b.sub(parent, message.product_element)
    if product.toewijzing_nummer is not None:
        b.sub(element, "ToewijzingNummer", product.toewijzing_nummer)
    if product.categorie is not None:
        code = b.sub(element, "Product")
        b.basis(code, "Categorie", product.categorie)
        if product.code is not None:
            b.basis(code, "Code", product.code)
    if product.toewijzing_ingangsdatum is not None:
        b.sub(element, "ToewijzingIngangsdatum", product.toewijzing_ingangsdatum)
    b.sub(element, "Begindatum", _required(message, product.begindatum, f"{where}/Begindatum"))
    if not message.is_start:
        b.sub(element, "RedenBeeindiging", _required(message, product.reden, f"{where}/RedenBeeindiging"))
        b.sub(element, "Einddatum", _required(message, product.einddatum, f"{where}/Einddatum"))
    b.sub(element, "StatusAanlevering", _required(message, product.status, f"{where}/StatusAanlevering"))
    return element


def _retour_codes(b: _Builder, parent: etree._Element, codes: Sequence[str]) -> None:
    element = b.sub(parent, "RetourCodes")
    for code in codes:
        b.sub(element, "RetourCode", code)


def _serialize(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def write_message(message: Message) -> bytes:
    """``message`` as a JW305 (start) or JW307 (stop) document.

    Raises :class:`ValueError` for another kind, for a message without products, and
    when a required element has no value (see the module docstring).
    """
    _check_kind(message)
    b = _Builder(message.kind)
    root = b.root()
    header = b.sub(root, "Header")
    code = message.bericht_code if message.bericht_code is not None else BERICHT_CODES[message.kind]
    b.sub(header, "BerichtCode", code)
    _header_of_heenbericht(b, header, message)
    client = b.sub(root, "Client")
    _client_person(b, client, message)
    products = b.sub(client, message.products_element)
    for product in message.products:
        _product(b, products, message, product)
    return _serialize(root)


def write_retour(
    message: Message,
    *,
    identificatie_retour: str,
    dagtekening_retour: dt.date,
    header_codes: Sequence[str] = (),
    client_codes: Sequence[str] | None = None,
    product_codes: Mapping[int, Sequence[str]] | None = None,
) -> bytes:
    """The retour (JW306 for a JW305, JW308 for a JW307) on ``message``.

    The Header copies BerichtVersie … XsdVersie of the heenbericht unchanged (IV028),
    then IdentificatieRetour, DagtekeningRetour, XsdVersieRetour (:data:`XSD_VERSION`)
    and, when ``header_codes`` is not empty, RetourCodes. XsltVersie is never written:
    it is required only when the official XSLT checked the message, and we do not run it.

    With ``client_codes=None`` the retour is the Header only (no findings, a 0001
    rejection, or a finding in the Header). Otherwise it holds the Client with every
    product of ``message``, each followed by its RetourCodes (``product_codes[index]``,
    default ``0200``), and after the products the Client's RetourCodes (``client_codes``,
    ``0200`` when empty). Codes are written as given; the XSD checks them against
    ``LDT_RetourCode``. Raises :class:`ValueError` as :func:`write_message` does, and for
    a ``product_codes`` key that is not the index of a product of ``message``.
    """
    _check_kind(message)
    if isinstance(dagtekening_retour, dt.datetime):
        raise TypeError("dagtekening_retour must be a date, not a datetime (LDT_Datum has no time)")
    product_codes = product_codes or {}
    unknown = sorted(set(product_codes) - {product.index for product in message.products})
    if unknown:
        raise ValueError(f"product_codes names products {unknown} that {message.kind} does not have")

    kind = RETOUR_KIND[message.kind]
    b = _Builder(kind)
    root = b.root()
    header = b.sub(root, "Header")
    b.sub(header, "BerichtCode", BERICHT_CODES[kind])
    _header_of_heenbericht(b, header, message)
    b.sub(header, "IdentificatieRetour", identificatie_retour)
    b.sub(header, "DagtekeningRetour", dagtekening_retour.isoformat())
    versie = b.sub(header, "XsdVersieRetour")
    b.basis(versie, "BasisschemaXsdVersie", XSD_VERSION)
    b.basis(versie, "BerichtXsdVersie", XSD_VERSION)
    if header_codes:
        _retour_codes(b, header, header_codes)

    if client_codes is not None:
        client = b.sub(root, "Client")
        _client_person(b, client, message)
        products = b.sub(client, message.products_element)
        for product in message.products:
            element = _product(b, products, message, product)
            _retour_codes(b, element, product_codes.get(product.index) or [DEFAULT_RETOUR_CODE])
        _retour_codes(b, client, client_codes or [DEFAULT_RETOUR_CODE])
    return _serialize(root)
