"""The iJw XML writer: JW305/JW307 and their retours JW306/JW308, validated against the
iJw 3.2 XSDs outside the repository (the ``xsd_dir`` fixture skips when they are absent).

The messages here are made up; the BSNs are 11-proef-valid test numbers (999xxxxxx).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from basishulp.ijw.domain.codes import BASIS_NS, namespace
from basishulp.ijw.domain.messages import Message, Product
from basishulp.ijw.domain.writer import XSD_VERSION, write_message, write_retour

RETOUR_DATE = dt.date(2026, 7, 22)


@cache
def _schema(path: str) -> etree.XMLSchema:
    # Parse from the path so that schemaLocation="basisschema.xsd" resolves next to it.
    return etree.XMLSchema(etree.parse(path))


def schema(xsd_dir: Path, kind: str) -> etree.XMLSchema:
    return _schema(str(xsd_dir / f"{kind}.xsd"))


def errors(xsd_dir: Path, kind: str, data: bytes) -> list[str]:
    """The XSD errors of ``data`` against ``kind`` (empty when valid)."""
    validator = schema(xsd_dir, kind)
    if validator.validate(etree.fromstring(data)):
        return []
    return [error.message for error in validator.error_log]


def start_message(**changes: object) -> Message:
    """A JW305 with every optional element filled and two products."""
    message = Message(
        kind="JW305",
        bericht_code="438",
        versie="3",
        subversie="2",
        afzender="12345678",
        ontvanger="0014",
        identificatie="ST-2026-0001",
        dagtekening="2026-07-20",
        basisschema_xsd_versie="1.0.0",
        bericht_xsd_versie="1.0.0",
        bsn="999990019",
        geboortedatum="2011-06-01",
        datum_gebruik="1",
        geslacht="2",
        achternaam="Vries",
        voorvoegsel="de",
        voornamen="Anna Maria",
        voorletters="AM",
        products=(
            Product(
                index=1,
                begindatum="2026-07-01",
                status="1",
                categorie="45",
                code="45A48",
                toewijzing_nummer="1200",
                toewijzing_ingangsdatum="2026-06-15",
            ),
            Product(index=2, begindatum="2026-07-06", status="1", categorie="54"),
        ),
    )
    return dataclasses.replace(message, **changes)


def stop_message(**changes: object) -> Message:
    """A JW307 for two products, the first with every optional element."""
    message = Message(
        kind="JW307",
        bericht_code="440",
        versie="3",
        subversie="2",
        afzender="87654321",
        ontvanger="0363",
        identificatie="SP-7",
        dagtekening="2026-07-21",
        basisschema_xsd_versie="1.0.0",
        bericht_xsd_versie="1.0.0",
        bsn="999900006",
        geboortedatum="2009-01-01",
        datum_gebruik="2",
        geslacht="1",
        achternaam="Çelik",
        voorvoegsel=None,
        voornamen="Emre",
        voorletters="E",
        products=(
            Product(
                index=1,
                begindatum="2026-03-02",
                status="1",
                categorie="45",
                code="45A48",
                toewijzing_nummer="300201",
                toewijzing_ingangsdatum="2026-03-01",
                reden="31",
                einddatum="2026-07-17",
            ),
            Product(index=2, begindatum="2026-04-15", status="3", categorie="54", reden="20", einddatum="2026-07-01"),
        ),
    )
    return dataclasses.replace(message, **changes)


def minimal(message: Message) -> Message:
    """``message`` without any optional element (and without Product)."""
    products = tuple(
        dataclasses.replace(p, categorie=None, code=None, toewijzing_nummer=None, toewijzing_ingangsdatum=None)
        for p in message.products
    )
    return dataclasses.replace(
        message, datum_gebruik=None, voorvoegsel=None, voornamen=None, voorletters=None, products=products
    )


def ns(kind: str) -> dict[str, str]:
    """XPath prefixes: ``m`` for the message namespace of ``kind``, ``ijw`` for basisschema."""
    return {"m": namespace(kind), "ijw": BASIS_NS}


def texts(data: bytes, kind: str, path: str) -> list[str | None]:
    return [e.text for e in etree.fromstring(data).xpath(path, namespaces=ns(kind))]


def local_names(element: etree._Element) -> list[str]:
    return [etree.QName(child).localname for child in element]


# --- JW305 / JW307 -------------------------------------------------------------------


@pytest.mark.parametrize("build", [start_message, stop_message], ids=["JW305", "JW307"])
@pytest.mark.parametrize("reduce", [lambda m: m, minimal], ids=["full", "minimal"])
def test_message_is_valid(xsd_dir, build, reduce):
    message = reduce(build())
    data = write_message(message)
    assert errors(xsd_dir, message.kind, data) == []


def test_minimal_message_omits_optional_elements():
    data = write_message(minimal(start_message()))
    root = etree.fromstring(data)
    m = ns("JW305")
    optional = "//ijw:DatumGebruik | //ijw:Voorvoegsel | //ijw:Voornamen | //ijw:Voorletters"
    assert root.xpath(optional, namespaces=m) == []
    for product in root.xpath("//m:StartProduct", namespaces=m):
        assert local_names(product) == ["Begindatum", "StatusAanlevering"]


def test_product_code_only_with_a_categorie():
    """Product needs its Categorie, so a code without categorie is not written; a
    categorie without code gives Product/Categorie alone."""
    products = (
        Product(index=1, begindatum="2026-07-01", status="1", categorie=None, code="45A48"),
        Product(index=2, begindatum="2026-07-02", status="1", categorie="45", code=None),
    )
    data = write_message(start_message(products=products))
    root = etree.fromstring(data)
    m = ns("JW305")
    first, second = root.xpath("//m:StartProduct", namespaces=m)
    assert local_names(first) == ["Begindatum", "StatusAanlevering"]
    assert local_names(second) == ["Product", "Begindatum", "StatusAanlevering"]
    assert local_names(second[0]) == ["Categorie"]


@pytest.mark.parametrize(
    ("build", "changes"),
    [
        (start_message, {"geslacht": "9"}),
        (start_message, {"dagtekening": "2026-07-20Z"}),
        (start_message, {"bericht_code": "440"}),
        (start_message, {"bsn": "99999001"}),
        (start_message, {"voorletters": "A.M."}),
        (stop_message, {"products": (dataclasses.replace(stop_message().products[0], reden="01"),)}),
        (stop_message, {"products": (dataclasses.replace(stop_message().products[0], einddatum="17-07-2026"),)}),
    ],
    ids=["geslacht-9", "date-zone", "code-of-stop", "bsn-8-digits", "voorletters-dots", "reden-01", "einddatum-nl"],
)
def test_xsd_rejects_a_broken_value(xsd_dir, build, changes):
    message = build(**changes)
    assert errors(xsd_dir, message.kind, write_message(message)) != []


def test_stop_product_element_order():
    data = write_message(stop_message())
    product = etree.fromstring(data).xpath("//m:StopProduct", namespaces=ns("JW307"))[0]
    assert local_names(product) == [
        "ToewijzingNummer",
        "Product",
        "ToewijzingIngangsdatum",
        "Begindatum",
        "RedenBeeindiging",
        "Einddatum",
        "StatusAanlevering",
    ]


def test_start_ignores_stop_fields():
    product = dataclasses.replace(start_message().products[0], reden="31", einddatum="2026-07-17")
    data = write_message(start_message(products=(product,)))
    assert b"RedenBeeindiging" not in data
    assert b"Einddatum" not in data


MESSAGE_PATHS = {
    "bericht_code": "/m:Bericht/m:Header/m:BerichtCode",
    "versie": "/m:Bericht/m:Header/m:BerichtVersie",
    "subversie": "/m:Bericht/m:Header/m:BerichtSubversie",
    "afzender": "/m:Bericht/m:Header/m:Afzender",
    "ontvanger": "/m:Bericht/m:Header/m:Ontvanger",
    "identificatie": "/m:Bericht/m:Header/m:BerichtIdentificatie/ijw:Identificatie",
    "dagtekening": "/m:Bericht/m:Header/m:BerichtIdentificatie/ijw:Dagtekening",
    "basisschema_xsd_versie": "/m:Bericht/m:Header/m:XsdVersie/ijw:BasisschemaXsdVersie",
    "bericht_xsd_versie": "/m:Bericht/m:Header/m:XsdVersie/ijw:BerichtXsdVersie",
    "bsn": "/m:Bericht/m:Client/m:Bsn",
    "geboortedatum": "/m:Bericht/m:Client/m:Geboortedatum/ijw:Datum",
    "datum_gebruik": "/m:Bericht/m:Client/m:Geboortedatum/ijw:DatumGebruik",
    "geslacht": "/m:Bericht/m:Client/m:Geslacht",
    "achternaam": "/m:Bericht/m:Client/m:Naam/ijw:Geslachtsnaam/ijw:Achternaam",
    "voorvoegsel": "/m:Bericht/m:Client/m:Naam/ijw:Geslachtsnaam/ijw:Voorvoegsel",
    "voornamen": "/m:Bericht/m:Client/m:Naam/ijw:Voornamen",
    "voorletters": "/m:Bericht/m:Client/m:Naam/ijw:Voorletters",
}
PRODUCT_PATHS = {
    "toewijzing_nummer": "m:ToewijzingNummer",
    "categorie": "m:Product/ijw:Categorie",
    "code": "m:Product/ijw:Code",
    "toewijzing_ingangsdatum": "m:ToewijzingIngangsdatum",
    "begindatum": "m:Begindatum",
    "reden": "m:RedenBeeindiging",
    "einddatum": "m:Einddatum",
    "status": "m:StatusAanlevering",
}


def assert_round_trip(data: bytes, message: Message, kind: str) -> None:
    """Every field of ``message`` is the text of its element (absent when ``None``), and
    the document has no other leaf elements than those."""
    root = etree.fromstring(data)
    m = ns(kind)
    leaves = 0
    for name, path in MESSAGE_PATHS.items():
        expected = getattr(message, name)
        assert [e.text for e in root.xpath(path, namespaces=m)] == ([] if expected is None else [expected]), name
        leaves += expected is not None
    elements = root.xpath(f"/m:Bericht/m:Client/m:{message.products_element}/m:{message.product_element}", namespaces=m)
    assert len(elements) == len(message.products)
    for product, element in zip(message.products, elements, strict=True):
        for name, path in PRODUCT_PATHS.items():
            expected = getattr(product, name)
            if name in {"reden", "einddatum"} and message.is_start:
                expected = None
            found = [e.text for e in element.xpath(path, namespaces=m)]
            assert found == ([] if expected is None else [expected]), f"{product.index}.{name}"
            leaves += expected is not None
    retour_leaves = root.xpath("//m:RetourCode | //m:IdentificatieRetour | //m:DagtekeningRetour", namespaces=m)
    retour_leaves += root.xpath("//m:XsdVersieRetour/*", namespaces=m)
    assert len([e for e in root.iter() if len(e) == 0]) == leaves + len(retour_leaves)


@pytest.mark.parametrize("build", [start_message, stop_message], ids=["JW305", "JW307"])
@pytest.mark.parametrize("reduce", [lambda m: m, minimal], ids=["full", "minimal"])
def test_round_trip_of_texts(build, reduce):
    message = reduce(build())
    assert_round_trip(write_message(message), message, message.kind)


def test_texts_are_written_as_given():
    """Raw text, not normalised: spaces and odd values stay (the XSD or the rules judge them)."""
    message = start_message(achternaam=" Jansen-Ødegård & Zn <x> ", geslacht="9")
    assert_round_trip(write_message(message), message, "JW305")


@pytest.mark.parametrize("build", [start_message, stop_message], ids=["JW305", "JW307"])
def test_utf8_declaration_prefixes_and_no_doctype(build):
    message = build()
    data = write_message(message)
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert b"<!DOCTYPE" not in data.upper()
    data.decode("utf-8")
    if message.achternaam == "Çelik":
        assert "Çelik".encode() in data
    root = etree.fromstring(data)
    tree = root.getroottree()
    assert tree.docinfo.encoding == "UTF-8"
    assert tree.docinfo.doctype == ""
    assert root.prefix == message.kind.lower()
    assert root.nsmap == {message.kind.lower(): namespace(message.kind), "ijw": BASIS_NS}
    assert etree.QName(root.find(f".//{{{BASIS_NS}}}Achternaam")).namespace == BASIS_NS


def test_fixed_header_values_default_from_kind(xsd_dir):
    message = stop_message(bericht_code=None, versie=None, subversie=None)
    data = write_message(message)
    assert texts(data, "JW307", "/m:Bericht/m:Header/*[position() <= 3]") == ["440", "3", "2"]
    assert errors(xsd_dir, "JW307", data) == []


@pytest.mark.parametrize(
    ("message", "text"),
    [
        (start_message(bsn=None), "Client/Bsn"),
        (start_message(identificatie=None), "Identificatie"),
        (stop_message(products=(dataclasses.replace(stop_message().products[0], einddatum=None),)), "Einddatum"),
        (start_message(products=(dataclasses.replace(start_message().products[0], status=None),)), "Status"),
        (start_message(products=()), "at least one StartProduct"),
        (start_message(kind="JW306"), "kind 'JW306'"),
    ],
    ids=["bsn", "identificatie", "einddatum", "status", "no-products", "kind"],
)
def test_missing_required_values_raise(message, text):
    with pytest.raises(ValueError, match=text):
        write_message(message)


# --- JW306 / JW308 -------------------------------------------------------------------


HEADER_COPY = [
    "BerichtVersie",
    "BerichtSubversie",
    "Afzender",
    "Ontvanger",
    "BerichtIdentificatie",
    "XsdVersie",
]


def header_texts(data: bytes, names: list[str]) -> list[list[str]]:
    """The texts of each named Header child (its own text, or its children's)."""
    header = etree.fromstring(data)[0]
    out = []
    for name in names:
        (element,) = [e for e in header if etree.QName(e).localname == name]
        out.append([element.text] if len(element) == 0 else [child.text for child in element])
    return out


@pytest.mark.parametrize(("build", "kind"), [(start_message, "JW306"), (stop_message, "JW308")])
def test_header_only_retour_with_0001(xsd_dir, build, kind):
    message = build()
    data = write_retour(message, identificatie_retour="R-1", dagtekening_retour=RETOUR_DATE, header_codes=["0001"])
    assert errors(xsd_dir, kind, data) == []
    root = etree.fromstring(data)
    assert root.prefix == kind.lower()
    assert local_names(root) == ["Header"]
    assert local_names(root[0]) == [
        "BerichtCode",
        *HEADER_COPY,
        "IdentificatieRetour",
        "DagtekeningRetour",
        "XsdVersieRetour",
        "RetourCodes",
    ]
    assert header_texts(data, HEADER_COPY) == header_texts(write_message(message), HEADER_COPY)
    assert texts(data, kind, "/m:Bericht/m:Header/m:BerichtCode") == [{"JW306": "439", "JW308": "441"}[kind]]
    assert texts(data, kind, "//m:IdentificatieRetour | //m:DagtekeningRetour") == ["R-1", "2026-07-22"]
    assert texts(data, kind, "//m:XsdVersieRetour/*") == [XSD_VERSION, XSD_VERSION]
    assert texts(data, kind, "//m:RetourCode") == ["0001"]


def test_header_only_retour_without_codes(xsd_dir):
    data = write_retour(start_message(), identificatie_retour="R-2", dagtekening_retour=RETOUR_DATE)
    assert errors(xsd_dir, "JW306", data) == []
    assert b"RetourCodes" not in data
    assert b"XsltVersie" not in data


@pytest.mark.parametrize(("build", "kind"), [(start_message, "JW306"), (stop_message, "JW308")])
@pytest.mark.parametrize("reduce", [lambda m: m, minimal], ids=["full", "minimal"])
def test_full_retour_defaults_to_0200(xsd_dir, build, kind, reduce):
    message = reduce(build())
    data = write_retour(message, identificatie_retour="R-3", dagtekening_retour=RETOUR_DATE, client_codes=[])
    assert errors(xsd_dir, kind, data) == []
    root = etree.fromstring(data)
    m = ns(kind)
    client = root.find("m:Client", namespaces=m)
    assert local_names(client) == ["Bsn", "Geboortedatum", "Geslacht", "Naam", message.products_element, "RetourCodes"]
    assert texts(data, kind, "/m:Bericht/m:Client/m:RetourCodes/m:RetourCode") == ["0200"]
    products = client.xpath(f"m:{message.products_element}/m:{message.product_element}", namespaces=m)
    assert len(products) == len(message.products)
    for product in products:
        assert local_names(product)[-2:] == ["StatusAanlevering", "RetourCodes"]
        assert [e.text for e in product.xpath("m:RetourCodes/m:RetourCode", namespaces=m)] == ["0200"]
    assert root.xpath("m:Header/m:RetourCodes", namespaces=m) == []
    # The same texts as the heenbericht, except the BerichtCode of the retour.
    assert_round_trip(data, dataclasses.replace(message, bericht_code={"JW306": "439", "JW308": "441"}[kind]), kind)


def test_retour_with_a_product_code(xsd_dir):
    message = stop_message()
    data = write_retour(
        message,
        identificatie_retour="R-4",
        dagtekening_retour=RETOUR_DATE,
        client_codes=["0200"],
        product_codes={2: ["9069"]},
    )
    assert errors(xsd_dir, "JW308", data) == []
    m = ns("JW308")
    first, second = etree.fromstring(data).xpath("//m:StopProduct", namespaces=m)
    assert [e.text for e in first.xpath("m:RetourCodes/m:RetourCode", namespaces=m)] == ["0200"]
    assert [e.text for e in second.xpath("m:RetourCodes/m:RetourCode", namespaces=m)] == ["9069"]


def test_retour_with_several_codes_and_header_codes(xsd_dir):
    data = write_retour(
        start_message(),
        identificatie_retour="R-5",
        dagtekening_retour=RETOUR_DATE,
        header_codes=["0200"],
        client_codes=["0233"],
        product_codes={1: ["9074", "9326"], 2: []},
    )
    assert errors(xsd_dir, "JW306", data) == []
    m = ns("JW306")
    first, second = etree.fromstring(data).xpath("//m:StartProduct", namespaces=m)
    assert [e.text for e in first.xpath("m:RetourCodes/m:RetourCode", namespaces=m)] == ["9074", "9326"]
    assert [e.text for e in second.xpath("m:RetourCodes/m:RetourCode", namespaces=m)] == ["0200"]
    assert texts(data, "JW306", "/m:Bericht/m:Client/m:RetourCodes/m:RetourCode") == ["0233"]
    assert texts(data, "JW306", "/m:Bericht/m:Header/m:RetourCodes/m:RetourCode") == ["0200"]


def test_xsd_rejects_an_unknown_retour_code(xsd_dir):
    codes = {1: ["1234"]}
    data = write_retour(
        stop_message(), identificatie_retour="R-6", dagtekening_retour=RETOUR_DATE, client_codes=[], product_codes=codes
    )
    assert errors(xsd_dir, "JW308", data) != []


def test_retour_output_is_utf8_without_doctype():
    data = write_retour(stop_message(), identificatie_retour="R-7", dagtekening_retour=RETOUR_DATE, client_codes=[])
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert b"<!DOCTYPE" not in data.upper()
    assert "Çelik".encode() in data


def test_retour_refuses_unknown_products_and_datetimes():
    with pytest.raises(ValueError, match=r"\[3\]"):
        codes = {3: ["9069"]}
        write_retour(
            start_message(),
            identificatie_retour="R",
            dagtekening_retour=RETOUR_DATE,
            client_codes=[],
            product_codes=codes,
        )
    with pytest.raises(TypeError):
        write_retour(start_message(), identificatie_retour="R", dagtekening_retour=dt.datetime(2026, 7, 22, 12, 0))  # noqa: DTZ001
