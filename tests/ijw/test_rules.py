"""Every within-message rule of ``basishulp.ijw.domain.rules.RULES`` (plus ``STRUCT`` from
the reader and ``XML`` from the safe parser) has a case where it fires, at the right
path, and a closely related valid message where it does not (issue #6)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import NamedTuple
from zoneinfo import ZoneInfo

import pytest
from lxml import etree

from basishulp.ijw.domain import reader
from basishulp.ijw.domain.messages import Message, Product
from basishulp.ijw.domain.rules import RULES, check_message
from basishulp.ijw.domain.validate import validate_bytes
from basishulp.ijw.domain.writer import write_message
from basishulp.ijw.domain.xsd import Schemas

from . import build

#: "today" for TR135: the messages of build.py are dated 2025
TODAY = dt.date(2026, 1, 15)
START_PATH = "/Bericht/Client/StartProducten/StartProduct[1]"
STOP_PATH = "/Bericht/Client/StopProducten/StopProduct[1]"
HEADER = "/Bericht/Header"
CLIENT = "/Bericht/Client"


def start(**changes: object) -> Message:
    """The valid start of build.py with header or client fields changed."""
    return dataclasses.replace(build.start(), **changes)


def stop(**changes: object) -> Message:
    return dataclasses.replace(build.stop(), **changes)


def start_product(**changes: object) -> Message:
    """The valid start with its one StartProduct changed."""
    return build.start(dataclasses.replace(build.start_product(), **changes))


def stop_product(**changes: object) -> Message:
    return build.stop(dataclasses.replace(build.stop_product(), **changes))


def born(datum: str, use: str | None = None, **changes: object) -> Message:
    return start(geboortedatum=datum, datum_gebruik=use, **changes)


class Case(NamedTuple):
    """``bad`` fires ``rule`` at ``path``; ``good`` differs only in the value that matters
    and is valid (no errors at all)."""

    rule: str
    bad: Message
    path: str
    good: Message


CASES: dict[str, Case] = {
    # --- Header
    "RS047 start with the stop's code": Case("RS047", start(bericht_code="440"), f"{HEADER}/BerichtCode", start()),
    "RS047 stop with the start's code": Case("RS047", stop(bericht_code="438"), f"{HEADER}/BerichtCode", stop()),
    "CS025 BerichtVersie 2": Case("CS025", start(versie="2"), f"{HEADER}/BerichtVersie", start(versie="3")),
    "CS015 BerichtSubversie 1": Case("CS015", stop(subversie="1"), f"{HEADER}/BerichtSubversie", stop(subversie="2")),
    "RS036 AGB of 7 digits": Case("RS036", start(afzender="8765432"), f"{HEADER}/Afzender", start(afzender="08765432")),
    "RS036 AGB with a letter": Case(
        "RS036", start(afzender="8765432A"), f"{HEADER}/Afzender", start(afzender="87654320")
    ),
    "RS035 gemeentecode of 3 digits": Case(
        "RS035", start(ontvanger="917"), f"{HEADER}/Ontvanger", start(ontvanger="0917")
    ),
    "RS017 Identificatie of 13 characters": Case(
        "RS017",
        start(identificatie="A" * 13),
        f"{HEADER}/BerichtIdentificatie/Identificatie",
        start(identificatie="A" * 12),
    ),
    "RS017 blank Identificatie": Case(
        "RS017", start(identificatie="   "), f"{HEADER}/BerichtIdentificatie/Identificatie", start(identificatie="1")
    ),
    "RS048 BasisschemaXsdVersie n.n": Case(
        "RS048",
        start(basisschema_xsd_versie="1.0"),
        f"{HEADER}/XsdVersie/BasisschemaXsdVersie",
        start(basisschema_xsd_versie="10.0.0"),
    ),
    "RS048 BerichtXsdVersie with a leading zero": Case(
        "RS048",
        stop(bericht_xsd_versie="01.0.0"),
        f"{HEADER}/XsdVersie/BerichtXsdVersie",
        stop(bericht_xsd_versie="0.1.0"),
    ),
    "RS032 Dagtekening d-m-y": Case(
        "RS032",
        start(dagtekening="07-03-2025"),
        f"{HEADER}/BerichtIdentificatie/Dagtekening",
        start(dagtekening="2025-03-07"),
    ),
    "RS032 Dagtekening with a time zone": Case(
        "RS032",
        start(dagtekening="2025-03-07Z"),
        f"{HEADER}/BerichtIdentificatie/Dagtekening",
        start(dagtekening="2025-03-08"),
    ),
    "TR135 Dagtekening tomorrow": Case(
        "TR135",
        start(dagtekening="2026-01-16"),
        f"{HEADER}/BerichtIdentificatie/Dagtekening",
        start(dagtekening="2026-01-15"),
    ),
    # --- Client
    "RS015 Bsn of 8 digits": Case("RS015", start(bsn="99999001"), f"{CLIENT}/Bsn", start(bsn=build.BSN_B)),
    "RS015 Bsn with a letter": Case("RS015", start(bsn="99999001X"), f"{CLIENT}/Bsn", start(bsn="999990019")),
    "CS002 Bsn fails the 11-proef": Case("CS002", start(bsn="999990018"), f"{CLIENT}/Bsn", start(bsn="999990019")),
    "CS002 Bsn of zeros": Case("CS002", stop(bsn="000000000"), f"{CLIENT}/Bsn", stop(bsn=build.BSN_B)),
    "RS032 Geboortedatum 30 February": Case(
        "RS032", born("2013-02-30"), f"{CLIENT}/Geboortedatum/Datum", born("2013-02-28")
    ),
    "COD170 DatumGebruik 4": Case(
        "COD170", born("2013-09-01", "4"), f"{CLIENT}/Geboortedatum/DatumGebruik", born("2013-09-01", "1")
    ),
    "CS139 DatumGebruik 1 needs day 01": Case(
        "CS139", born("2013-09-15", "1"), f"{CLIENT}/Geboortedatum", born("2013-09-01", "1")
    ),
    "CS139 DatumGebruik 2 needs 1 January": Case(
        "CS139", born("2013-09-01", "2"), f"{CLIENT}/Geboortedatum", born("2013-01-01", "2")
    ),
    "CS139 DatumGebruik 3 needs 1900-01-01": Case(
        "CS139", born("2013-01-01", "3"), f"{CLIENT}/Geboortedatum", born("1900-01-01", "3")
    ),
    "TR002 one day more than 120 years": Case(
        "TR002", born("1905-03-06"), f"{CLIENT}/Geboortedatum/Datum", born("1905-03-07")
    ),
    "TR002 1900-01-01 without DatumGebruik 3": Case(
        "TR002", born("1900-01-01", "2"), f"{CLIENT}/Geboortedatum/Datum", born("1900-01-01", "3")
    ),
    "TR002 on 29 February": Case(  # 120 years before 2020-02-29 is 1900-02-28 (1900 is no leap year)
        "TR002",
        born("1900-02-27", dagtekening="2020-02-29", products=(build.start_product(begin="2020-02-01"),)),
        f"{CLIENT}/Geboortedatum/Datum",
        born("1900-02-28", dagtekening="2020-02-29", products=(build.start_product(begin="2020-02-01"),)),
    ),
    "TR134 Geboortedatum after the Dagtekening": Case(
        "TR134", born("2025-03-08"), f"{CLIENT}/Geboortedatum/Datum", born("2025-03-07")
    ),
    "COD046 Geslacht 3": Case("COD046", start(geslacht="3"), f"{CLIENT}/Geslacht", start(geslacht="0")),
    "NAME Achternaam of 201 characters": Case(
        "NAME", start(achternaam="a" * 201), f"{CLIENT}/Naam/Geslachtsnaam/Achternaam", start(achternaam="a" * 200)
    ),
    "NAME blank Achternaam": Case(
        "NAME", start(achternaam=" "), f"{CLIENT}/Naam/Geslachtsnaam/Achternaam", start(achternaam="a")
    ),
    "NAME Voorvoegsel of 11 characters": Case(
        "NAME",
        start(voorvoegsel="van der den"),
        f"{CLIENT}/Naam/Geslachtsnaam/Voorvoegsel",
        start(voorvoegsel="van den"),
    ),
    "NAME blank Voornamen": Case("NAME", start(voornamen=" "), f"{CLIENT}/Naam/Voornamen", start(voornamen="Sara")),
    "NAME Voornamen of 201 characters": Case(
        "NAME", start(voornamen="a" * 201), f"{CLIENT}/Naam/Voornamen", start(voornamen="a" * 200)
    ),
    "NAME Voorletters with dots": Case(
        "NAME", start(voorletters="S.J."), f"{CLIENT}/Naam/Voorletters", start(voorletters="SJ")
    ),
    "NAME seven Voorletters": Case(
        "NAME", start(voorletters="ABCDEFG"), f"{CLIENT}/Naam/Voorletters", start(voorletters="ÀBČDÉF")
    ),
    "NAME Voorletters outside the XSD's letters": Case(
        "NAME", start(voorletters="中"), f"{CLIENT}/Naam/Voorletters", start(voorletters="Ø")
    ),
    # --- StartProduct / StopProduct
    "NUMBER ToewijzingNummer not a number": Case(
        "NUMBER", start_product(toewijzing_nummer="A1"), f"{START_PATH}/ToewijzingNummer", start_product()
    ),
    "NUMBER ToewijzingNummer of 10 digits": Case(
        "NUMBER",
        start_product(toewijzing_nummer="1000000000"),
        f"{START_PATH}/ToewijzingNummer",
        start_product(toewijzing_nummer="999999999"),
    ),
    "NUMBER negative ToewijzingNummer": Case(
        "NUMBER",
        stop_product(toewijzing_nummer="-1"),
        f"{STOP_PATH}/ToewijzingNummer",
        stop_product(toewijzing_nummer="0"),
    ),
    "JZ020 Categorie 30": Case(
        "JZ020", start_product(categorie="30"), f"{START_PATH}/Product/Categorie", start_product(categorie="31")
    ),
    "JZ020 Code of 6 characters": Case(
        "JZ020",
        stop_product(categorie="55", code="55A111"),
        f"{STOP_PATH}/Product/Code",
        stop_product(categorie="55", code="55A11"),
    ),
    "RS032 Begindatum without leading zeros": Case(
        "RS032",
        start_product(begindatum="2025-3-3"),
        f"{START_PATH}/Begindatum",
        start_product(begindatum="2025-03-03"),
    ),
    "RS032 ToewijzingIngangsdatum 31 April": Case(
        "RS032",
        start_product(toewijzing_ingangsdatum="2025-04-31"),
        f"{START_PATH}/ToewijzingIngangsdatum",
        start_product(toewijzing_ingangsdatum="2025-04-30"),
    ),
    "RS032 Einddatum 29 February of a common year": Case(
        "RS032", stop_product(einddatum="2025-02-29"), f"{STOP_PATH}/Einddatum", stop_product(einddatum="2025-03-31")
    ),
    "CS058 StatusAanlevering 2 (start)": Case(
        "CS058", start_product(status="2"), f"{START_PATH}/StatusAanlevering", start_product(status="3")
    ),
    "CS058 StatusAanlevering 9 (stop)": Case(
        "CS058", stop_product(status="9"), f"{STOP_PATH}/StatusAanlevering", stop_product(status="3")
    ),
    "JZ588 RedenBeeindiging 01": Case(
        "JZ588", stop_product(reden="01"), f"{STOP_PATH}/RedenBeeindiging", stop_product(reden="02")
    ),
    "JZ588 RedenBeeindiging 40": Case(
        "JZ588", stop_product(reden="40"), f"{STOP_PATH}/RedenBeeindiging", stop_product(reden="39")
    ),
    "TR134 Begindatum after the Dagtekening": Case(
        "TR134",
        start_product(begindatum="2025-03-08"),
        f"{START_PATH}/Begindatum",
        start_product(begindatum="2025-03-07"),
    ),
    "TR134 Einddatum after the Dagtekening": Case(
        "TR134", stop_product(einddatum="2025-09-20"), f"{STOP_PATH}/Einddatum", stop_product(einddatum="2025-09-19")
    ),
    "TR018 Einddatum before Begindatum": Case(
        "TR018", stop_product(einddatum="2025-03-02"), f"{STOP_PATH}/Einddatum", stop_product(einddatum="2025-03-03")
    ),
    "TR101 the same StartProduct twice": Case(
        "TR101",
        build.start(build.start_product(1), build.start_product(2)),
        "/Bericht/Client/StartProducten/StartProduct[2]",
        build.start(build.start_product(1), build.start_product(2, begin="2025-03-04")),
    ),
    "TR101 the same StartProduct with another status": Case(
        "TR101",
        build.start(build.start_product(1, status="3"), build.start_product(2)),
        "/Bericht/Client/StartProducten/StartProduct[2]",
        build.start(build.start_product(1, status="3"), build.start_product(2, categorie="54")),
    ),
    "TR101 the same StopProduct twice": Case(
        "TR101",
        build.stop(build.stop_product(1), build.stop_product(2, categorie="54"), build.stop_product(3)),
        "/Bericht/Client/StopProducten/StopProduct[3]",
        # a definitive stop may repeat the Einddatum of a temporary one (3.2 key includes the reason)
        build.stop(build.stop_product(1), build.stop_product(2, categorie="54"), build.stop_product(3, reason="20")),
    ),
}


def _report(message: Message):
    return validate_bytes(write_message(message), "message.xml", None, TODAY)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_rule_fires_at_its_path(case):
    report = _report(case.bad)
    found = [(e.rule, e.path) for e in report.errors]
    assert (case.rule, case.path) in found, found
    assert not report.valid and report.retour_codes == ["0001"]
    issue = next(e for e in report.errors if (e.rule, e.path) == (case.rule, case.path))
    assert issue.text and not issue.warning


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_related_valid_message_passes(case):
    report = _report(case.good)
    assert report.errors == [] and report.valid and report.retour_codes == ["0200"]


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_related_valid_message_is_xsd_valid(case, xsd_dir):
    report = validate_bytes(write_message(case.good), "message.xml", Schemas(xsd_dir), TODAY)
    assert report.xsd_checked and report.errors == []


def test_every_rule_has_cases():
    assert {case.rule for case in CASES.values()} == set(RULES)


def test_check_message_on_the_dataclass_directly():
    """The rules need no XML: the same verdicts from the Message as read back."""
    case = CASES["TR018 Einddatum before Begindatum"]
    assert [(i.rule, i.path) for i in check_message(case.bad, TODAY)] == [(case.rule, case.path)]
    assert check_message(case.good, TODAY) == []


def test_tr135_defaults_to_today_in_amsterdam():
    far = (dt.datetime.now(tz=ZoneInfo("Europe/Amsterdam")).date() + dt.timedelta(days=2)).isoformat()
    assert "TR135" in [i.rule for i in check_message(start(dagtekening=far))]
    assert "TR135" not in [i.rule for i in check_message(start())]


# --- warnings: reported, never a rejection -------------------------------------------------


def _warnings(message: Message) -> tuple[list[tuple[str, str]], object]:
    report = _report(message)
    return [(w.rule, w.path) for w in report.warnings], report


def test_tr019_toewijzingnummer_is_a_warning():
    warnings, report = _warnings(start_product(toewijzing_nummer="300201"))
    assert warnings == [("TR019", f"{START_PATH}/ToewijzingNummer")]
    assert report.valid and report.errors == [] and report.retour_codes == ["0200"]
    assert all(w.warning for w in report.warnings)
    assert _warnings(start_product())[0] == []  # without a ToewijzingNummer: nothing


def test_iv096_no_product_is_a_warning():
    warnings, report = _warnings(stop_product(categorie=None))
    assert warnings == [("IV096", STOP_PATH)]
    assert report.valid and report.errors == []
    assert _warnings(stop_product())[0] == []


def test_warnings_do_not_hide_errors():
    report = _report(start_product(toewijzing_nummer="300201", status="2"))
    assert [w.rule for w in report.warnings] == ["TR019"]
    assert [e.rule for e in report.errors] == ["CS058"] and not report.valid


def test_the_json_of_an_issue_has_no_warning_flag():
    report = _report(start_product(status="2"))
    assert report.errors[0].as_json() == {
        "rule": "CS058",
        "path": f"{START_PATH}/StatusAanlevering",
        "text": "StatusAanlevering '2' is not allowed here: only 1 or 3",
    }


# --- STRUCT (reader) and XML (safe parser) --------------------------------------------------


def _tree(message: Message) -> etree._Element:
    return etree.fromstring(write_message(message))


def _bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _remove(name: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        node = root.find(f".//{{*}}{name}")
        node.getparent().remove(node)

    return change


def _swap(first: str, second: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        a, b = root.find(f".//{{*}}{first}"), root.find(f".//{{*}}{second}")
        a.addprevious(b)

    return change


def _duplicate(name: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        node = root.find(f".//{{*}}{name}")
        node.addnext(etree.fromstring(etree.tostring(node)))

    return change


def _unknown(root: etree._Element) -> None:
    root.find(".//{*}Client").append(etree.Element("{urn:example}Opmerking"))


def _nested(root: etree._Element) -> None:
    etree.SubElement(root.find(".//{*}Geslacht"), root.find(".//{*}Geslacht").tag)


def _empty_products(root: etree._Element) -> None:
    products = root.find(".//{*}StopProducten")
    for product in list(products):
        products.remove(product)


STRUCT_CASES: dict[str, tuple[Message, Callable[[etree._Element], None], str, str]] = {
    "missing Begindatum": (build.start(), _remove("Begindatum"), f"{START_PATH}/Begindatum", "is missing"),
    "missing Header": (build.start(), _remove("Header"), "/Bericht/Header", "is missing"),
    "Einddatum before RedenBeeindiging": (
        build.stop(),
        _swap("RedenBeeindiging", "Einddatum"),
        f"{STOP_PATH}/RedenBeeindiging",
        "out of place",
    ),
    "Bsn twice": (build.start(), _duplicate("Bsn"), "/Bericht/Client/Bsn", "only once"),
    "unknown element": (build.start(), _unknown, "/Bericht/Client/Opmerking", "unexpected element Opmerking"),
    "a value with elements": (build.start(), _nested, "/Bericht/Client/Geslacht", "holds a value"),
    "no StopProduct": (build.stop(), _empty_products, "/Bericht/Client/StopProducten/StopProduct", "is missing"),
}


@pytest.mark.parametrize(("message", "change", "path", "text"), STRUCT_CASES.values(), ids=STRUCT_CASES.keys())
def test_struct_fires_at_its_path(message, change, path, text):
    root = _tree(message)
    change(root)
    report = validate_bytes(_bytes(root), "message.xml", None, TODAY)
    found = [(e.rule, e.path) for e in report.errors]
    assert ("STRUCT", path) in found, found
    assert any(text in e.text for e in report.errors if (e.rule, e.path) == ("STRUCT", path))
    assert not report.valid and report.retour_codes == []  # no retour after a structural failure (§5)
    # the valid message it came from
    assert validate_bytes(_bytes(_tree(message)), "message.xml", None, TODAY).valid


XML_CASES: dict[str, tuple[bytes, str]] = {
    "not well-formed": (write_message(build.start())[:-40], "not well-formed"),
    "not XML at all": (b"Bsn;Begindatum\n999990019;2025-03-03\n", "not well-formed"),
    "empty file": (b"", "not well-formed"),
    "a DOCTYPE": (
        write_message(build.start()).replace(b"?>\n", b"?>\n<!DOCTYPE Bericht>\n", 1),
        "DOCTYPE",
    ),
    "too large": (
        write_message(build.start()) + b"<!--" + b"x" * reader.MAX_BYTES + b"-->",
        f"larger than {reader.MAX_BYTES:,} bytes",
    ),
    "invalid UTF-8": (write_message(start(achternaam="Bakkér")).replace("é".encode(), b"\xe9"), "not well-formed"),
}


@pytest.mark.parametrize(("data", "text"), XML_CASES.values(), ids=XML_CASES.keys())
def test_xml_fires_at_the_root(data, text):
    report = validate_bytes(data, "message.xml", None, TODAY)
    assert [(e.rule, e.path) for e in report.errors] == [("XML", "/")]
    assert text in report.errors[0].text
    assert report.message is None and not report.valid and report.retour_codes == []


def test_xml_passes_a_message_of_max_bytes():
    data = write_message(build.start())
    padded = data + b"\n" * (reader.MAX_BYTES - len(data))
    assert len(padded) == reader.MAX_BYTES
    assert validate_bytes(padded, "message.xml", None, TODAY).valid


def test_product_paths_count_from_one_in_message_order():
    message = build.stop(build.stop_product(1), build.stop_product(2, end="2025-09-20"))
    report = _report(message)
    assert [(e.rule, e.path) for e in report.errors] == [
        ("TR134", "/Bericht/Client/StopProducten/StopProduct[2]/Einddatum")
    ]


def test_a_product_code_without_categorie_is_not_a_product():
    """Product needs Categorie; the writer drops a lone Code, so it is IV096, not JZ020."""
    message = build.start(Product(index=1, begindatum="2025-03-03", status="1", code="X", path=START_PATH))
    report = _report(message)
    assert report.valid and [w.rule for w in report.warnings] == ["IV096"]
