"""Reading JW305/JW307 files: the standard's examples, structure (``STRUCT``) without the
XSDs, the root and its namespace, and what the safe parser accepts (issue #6)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from lxml import etree

from basishulp.ijw.domain.codes import BASIS_NS, namespace
from basishulp.ijw.domain.messages import Message
from basishulp.ijw.domain.reader import MessageReadError, parse_xml, read_message
from basishulp.ijw.domain.validate import validate_bytes
from basishulp.ijw.domain.writer import write_message
from basishulp.ijw.domain.xsd import Schemas

from . import build
from .conftest import EXAMPLES

#: after the Dagtekening of the examples (2026-04-15 and 2026-07-20), for TR135
TODAY = dt.date(2026, 11, 15)
STOP_PATH = "/Bericht/Client/StopProducten/StopProduct[1]"


def _examples() -> list[str]:
    return sorted(p.name for p in EXAMPLES.glob("*.xml")) if EXAMPLES.is_dir() else []


@pytest.fixture
def examples(xsd_dir):
    names = _examples()
    if not names:
        pytest.skip(f"no example messages in {EXAMPLES}")
    return {name: (EXAMPLES / name).read_bytes() for name in names}


def test_the_standards_examples_read_without_findings(examples):
    assert set(examples) == {"sample_JW305.xml", "sample_JW307.xml"}
    for name, data in examples.items():
        result = read_message(parse_xml(data))
        assert result.issues == (), (name, result.issues)
        assert result.message is not None and result.message.kind == name[7:12]


def test_the_standards_examples_are_valid(examples, xsd_dir):
    for name, data in examples.items():
        for schemas in (None, Schemas(xsd_dir)):
            report = validate_bytes(data, name, schemas, TODAY)
            assert report.valid and report.errors == [], (name, report.as_json())
            assert report.xsd_checked == (schemas is not None)
            # the examples use the output variant: a ToewijzingNummer per product (TR019 warns)
            assert {w.rule for w in report.warnings} == {"TR019"}


def test_the_example_start_is_read_field_by_field(examples):
    message = read_message(parse_xml(examples["sample_JW305.xml"])).message
    assert (message.bericht_code, message.versie, message.subversie) == ("438", "3", "2")
    assert (message.afzender, message.ontvanger, message.identificatie, message.dagtekening) == (
        "65656055",
        "0363",
        "123456789012",
        "2026-04-15",
    )
    assert (message.bsn, message.geboortedatum, message.datum_gebruik, message.geslacht) == (
        "999900006",
        "2010-02-14",
        None,
        "1",
    )
    assert (message.achternaam, message.voorvoegsel, message.voornamen, message.voorletters) == (
        "Wit",
        "de",
        "Tom",
        "T",
    )
    first, second = message.products
    assert (first.index, first.toewijzing_nummer, first.categorie, first.code) == (1, "300201", "55", "55A11")
    assert (first.toewijzing_ingangsdatum, first.begindatum, first.status) == ("2026-04-01", "2026-04-03", "1")
    assert (first.reden, first.einddatum) == (None, None)
    assert second.path == "/Bericht/Client/StartProducten/StartProduct[2]"


def test_the_example_stop_has_reason_and_end(examples):
    message = read_message(parse_xml(examples["sample_JW307.xml"])).message
    assert message.kind == "JW307" and not message.is_start
    assert [(p.reden, p.einddatum) for p in message.products] == [("31", "2026-07-17"), ("31", "2026-07-17")]


@pytest.mark.parametrize("make", [build.start, build.stop], ids=["JW305", "JW307"])
def test_what_is_written_is_read_back(make):
    message = make()
    result = read_message(parse_xml(write_message(message)))
    assert result.issues == () and result.message == message


# --- structure --------------------------------------------------------------------------


def _tree(message: Message) -> etree._Element:
    return parse_xml(write_message(message))


def _struct(root: etree._Element) -> list[tuple[str, str]]:
    result = read_message(root)
    assert all(i.rule == "STRUCT" for i in result.issues)
    return [(i.path, i.text) for i in result.issues]


def test_einddatum_before_redenbeeindiging_is_out_of_place():
    """The classic mistake of ijw.md §4: Einddatum comes after RedenBeeindiging."""
    root = _tree(build.stop())
    product = root.find(".//{*}StopProduct")
    product.find("{*}RedenBeeindiging").addprevious(product.find("{*}Einddatum"))
    issues = _struct(root)
    assert [path for path, _ in issues] == [f"{STOP_PATH}/RedenBeeindiging", f"{STOP_PATH}/StatusAanlevering"]
    assert "RedenBeeindiging is out of place (the schema's order is ToewijzingNummer, Product," in issues[0][1]
    assert not any("missing" in text for _, text in issues)  # present, only in the wrong place


def test_elements_out_of_order_in_the_header():
    root = _tree(build.start())
    header = root.find("{*}Header")
    header.find("{*}BerichtCode").addprevious(header.find("{*}Ontvanger"))
    assert [path for path, _ in _struct(root)] == [
        "/Bericht/Header/BerichtCode",
        "/Bericht/Header/BerichtVersie",
        "/Bericht/Header/BerichtSubversie",
        "/Bericht/Header/Afzender",
        "/Bericht/Header/BerichtIdentificatie",
        "/Bericht/Header/XsdVersie",
    ]


def test_the_second_product_gets_its_index_in_the_path():
    root = _tree(build.start(build.start_product(1), build.start_product(2, begin="2025-03-04")))
    second = root.findall(".//{*}StartProduct")[1]
    second.remove(second.find("{*}StatusAanlevering"))
    assert _struct(root) == [
        (
            "/Bericht/Client/StartProducten/StartProduct[2]/StatusAanlevering",
            "the required element StatusAanlevering is missing",
        )
    ]


def test_an_element_in_the_wrong_namespace():
    root = _tree(build.start())
    identificatie = root.find(f".//{{{BASIS_NS}}}Identificatie")
    identificatie.tag = f"{{{namespace('JW305')}}}Identificatie"
    assert _struct(root) == [
        (
            "/Bericht/Header/BerichtIdentificatie/Identificatie",
            f"Identificatie is in namespace {namespace('JW305')}; it belongs in {BASIS_NS}",
        )
    ]


def test_an_element_without_a_namespace():
    root = _tree(build.start())
    root.find("{*}Client").find("{*}Geslacht").tag = "Geslacht"
    assert _struct(root) == [
        ("/Bericht/Client/Geslacht", f"Geslacht is in namespace (none); it belongs in {namespace('JW305')}")
    ]


def test_an_unknown_element_names_its_namespace():
    root = _tree(build.start())
    etree.SubElement(root.find("{*}Client"), "{urn:example:extra}Adres")
    etree.SubElement(root.find("{*}Client"), f"{{{namespace('JW305')}}}Telefoon")
    assert _struct(root) == [
        ("/Bericht/Client/Adres", "unexpected element Adres in namespace urn:example:extra"),
        ("/Bericht/Client/Telefoon", "unexpected element Telefoon"),
    ]


def test_a_start_product_in_a_stop():
    """JW305 and JW307 differ only in the products: a start's product in a stop is wrong."""
    root = _tree(build.stop())
    products = root.find(".//{*}StopProducten")
    products.tag = f"{{{namespace('JW307')}}}StartProducten"
    issues = _struct(root)
    assert ("/Bericht/Client/StopProducten", "the required element StopProducten is missing") in issues
    assert ("/Bericht/Client/StartProducten", "unexpected element StartProducten") in issues
    assert read_message(root).message.products == ()


def test_text_around_elements_is_not_a_value():
    root = _tree(build.start())
    bsn = root.find(".//{*}Bsn")
    etree.SubElement(bsn, f"{{{namespace('JW305')}}}Nummer").text = "999990019"
    assert _struct(root) == [("/Bericht/Client/Bsn", "Bsn holds a value, not elements")]


def test_text_between_elements_is_refused():
    """The XSD allows no text in an element that holds elements; white space is fine."""
    root = _tree(build.start())
    root.find("{*}Header").text = "\n  438\n  "
    root.find(".//{*}StartProduct").find("{*}Begindatum").tail = "x"
    assert _struct(root) == [
        ("/Bericht/Header", "Header holds elements, not text"),
        ("/Bericht/Client/StartProducten/StartProduct[1]", "StartProduct holds elements, not text"),
    ]


def test_attributes_are_refused_except_schema_locations():
    xsi = "http://www.w3.org/2001/XMLSchema-instance"
    root = _tree(build.start())
    root.set(f"{{{xsi}}}schemaLocation", f"{namespace('JW305')} JW305.xsd")
    root.find(".//{*}Bsn").set("type", "bsn")
    root.find(".//{*}Naam").set(f"{{{xsi}}}nil", "true")
    assert _struct(root) == [
        ("/Bericht/Client/Bsn", "unexpected attribute type"),
        ("/Bericht/Client/Naam", "unexpected attribute nil"),
    ]


def test_optional_elements_may_be_left_out():
    message = dataclasses.replace(build.start(build.start_product(categorie=None)), datum_gebruik=None)
    result = read_message(_tree(message))
    assert result.issues == ()
    assert (result.message.datum_gebruik, result.message.voorvoegsel, result.message.voornamen) == (None, None, None)
    assert result.message.products[0].categorie is None


# --- the root -----------------------------------------------------------------------------


def test_a_wrong_root_is_named():
    root = etree.fromstring(b"<Trajecten><Traject/></Trajecten>")
    result = read_message(root)
    assert result.message is None
    (issue,) = result.issues
    assert (issue.rule, issue.path) == ("STRUCT", "/Trajecten")
    assert issue.text == (
        "not a JW305 or JW307 message: the root is Trajecten in namespace (none); "
        f"expected Bericht in {namespace('JW305')} or {namespace('JW307')}"
    )


def test_a_bericht_in_the_wrong_namespace():
    """An iJw 3.1 start is not a 3.2 start."""
    data = write_message(build.start()).replace(b"/ijw/3_2/jw305/", b"/ijw/3_1/jw305/")
    report = validate_bytes(data, "start.xml", None, TODAY)
    assert report.message is None and not report.valid and report.retour_codes == []
    (issue,) = report.errors
    assert (issue.rule, issue.path) == ("STRUCT", "/Bericht")
    assert "in namespace http://www.istandaarden.nl/ijw/3_1/jw305/schema; expected Bericht in" in issue.text


def test_a_retour_message_is_not_a_start_or_stop():
    from basishulp.ijw.domain.writer import write_retour

    data = write_retour(build.start(), identificatie_retour="R1", dagtekening_retour=dt.date(2025, 3, 8))
    report = validate_bytes(data, "retour.xml", None, TODAY)
    assert report.message is None
    assert [e.rule for e in report.errors] == ["STRUCT"] and namespace("JW306") in report.errors[0].text


def test_a_stop_in_the_start_namespace_is_judged_as_a_start(xsd_dir):
    data = write_message(build.stop()).replace(b"jw307/schema", b"jw305/schema")
    report = validate_bytes(data, "stop.xml", Schemas(xsd_dir), TODAY)
    # a "JW305" with StopProducten: the structure says so as the XSD does
    assert report.message.kind == "JW305" and report.message.products == ()
    assert {e.rule for e in report.errors} == {"STRUCT", "XSD", "RS047"}
    assert ("STRUCT", "/Bericht/Client/StartProducten") in [(e.rule, e.path) for e in report.errors]
    assert report.retour_codes == []


# --- the safe parser ----------------------------------------------------------------------


def test_comments_and_processing_instructions_are_dropped():
    data = write_message(build.start()).replace(b"<jw305:Bsn>", b"<!-- a comment --><?pi something?><jw305:Bsn>")
    result = read_message(parse_xml(data))
    assert result.issues == () and result.message.bsn == build.BSN_A


@pytest.mark.parametrize("encoding", ["UTF-16", "ISO-8859-1", "windows-1252"])
def test_other_declared_encodings_are_read(encoding):
    message = dataclasses.replace(build.start(), achternaam="Çelik-Müller")
    root = etree.fromstring(write_message(message))
    data = etree.tostring(root, xml_declaration=True, encoding=encoding)
    result = read_message(parse_xml(data))
    assert result.issues == () and result.message.achternaam == "Çelik-Müller"


def test_a_byte_order_mark_is_fine():
    assert read_message(parse_xml(b"\xef\xbb\xbf" + write_message(build.start()))).issues == ()


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"<a>", "not well-formed XML (line 1: "),
        (b'<?xml version="1.0" encoding="no-such-encoding"?><a/>', "no-such-encoding"),
        (b"<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>", "DOCTYPE"),
        (b'<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>', "DOCTYPE"),
    ],
)
def test_unreadable_documents_raise_one_error(data, text):
    with pytest.raises(MessageReadError, match=text.replace("(", r"\(")):
        parse_xml(data)


def test_deep_nesting_is_refused_not_recursed():
    data = b"<a>" * 100_000 + b"</a>" * 100_000
    with pytest.raises(MessageReadError):
        parse_xml(data)
