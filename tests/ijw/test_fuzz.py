"""Fuzzing iJw start/stop files (issue #6): valid messages from ``build.py``, written to
XML and then broken at the XML level (elements deleted, duplicated, moved, reordered,
renamed; random text in fields) and at the byte level (truncated, invalid UTF-8, a wrong
encoding declaration, too large), plus DOCTYPE attacks. Whatever comes in:

- :func:`validate_bytes` never raises, with and without the XSDs, and its verdict is
  consistent (rules known, retour codes as ijw.md §5 says);
- what the rules accept without the XSDs, the XSDs accept too (the reader and the rules
  repeat the schema, so a message is judged the same without the schema files);
- an import takes the whole message or nothing of it;
- no byte of a file named in an entity reaches any output.

Bounded for CI: the whole file runs in a few seconds (see ``max_examples``).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
import json

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from django.db import transaction

from basishulp.cli import main
from basishulp.ijw.domain import reader
from basishulp.ijw.domain.codes import BASIS_NS, namespace
from basishulp.ijw.domain.messages import Message
from basishulp.ijw.domain.rules import RULES
from basishulp.ijw.domain.validate import FileReport, validate_bytes
from basishulp.ijw.domain.writer import write_message
from basishulp.ijw.domain.xsd import Schemas
from basishulp.ijw.models import Delivery, ReceivedMessage, Stop
from basishulp.ijw.services import import_messages, read_files
from basishulp.trajecten import bsn as bsn_tools
from basishulp.trajecten.models import (
    CareUnit,
    Client,
    ImportBatch,
    Municipality,
    Trajectory,
    TrajectoryHistory,
)

from . import build
from .conftest import XSD_DIR

TODAY = dt.date(2026, 1, 15)
SCHEMAS = Schemas(XSD_DIR) if (XSD_DIR / "JW305.xsd").exists() else None
needs_xsd = pytest.mark.skipif(SCHEMAS is None, reason=f"the iJw 3.2 schemas are not at {XSD_DIR}")

KNOWN_RULES = set(RULES) | {"STRUCT", "XML", "XSD"}
#: rules that repeat an XSD restriction: when the XSD accepts a message they must not fire.
#: (RS032 is stricter than xs:date on purpose: no negative or five-digit years.)
XSD_LIKE = {
    "STRUCT",
    "RS047",
    "CS025",
    "CS015",
    "RS036",
    "RS035",
    "RS017",
    "RS048",
    "RS015",
    "COD170",
    "COD046",
    "NAME",
    "NUMBER",
    "JZ020",
    "JZ588",
}
FUZZ = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
}

# --- the messages that get broken -------------------------------------------------------------

A = build.start_product  # the base start: category 45 from 2025-03-03
MESSAGES: dict[str, Message] = {
    "start two new products": build.start(
        A(1, begin="2025-02-01", categorie="54"), A(2, begin="2025-03-01", categorie="31"), ident="ST-0002"
    ),
    "start, the second product not stopped (9326)": build.start(
        A(1, begin="2025-02-01", categorie="54"), A(2, begin="2025-03-05"), ident="ST-0003"
    ),
    "withdraw the base start": build.start(A(1, status="3"), ident="ST-0004"),
    "stop the base start": build.stop(),
    "stop temporarily, then definitively": build.stop(
        build.stop_product(1, reason="20", end="2025-06-01"),
        build.stop_product(2, reason="31", end="2025-06-01"),
        ident="SP-0002",
    ),
    "stop the base and something never started (9069)": build.stop(
        build.stop_product(1), build.stop_product(2, categorie="54", begin="2025-01-01"), ident="SP-0003"
    ),
    "start with every optional element": dataclasses.replace(
        build.start(
            dataclasses.replace(
                A(1, begin="2025-02-01", categorie="55"),
                code="55A11",
                toewijzing_nummer="300201",
                toewijzing_ingangsdatum="2025-01-01",
            ),
            ident="ST-0005",
        ),
        voorvoegsel="de",
        voornamen="Sara Jet",
    ),
}
BASE = build.start(ident="BASE-0001")

# --- strategies -------------------------------------------------------------------------------

#: characters lxml can put in a document (XML 1.0 Char, no surrogates or noncharacters)
XML_CHAR = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn")) | st.sampled_from("\t\n")
PLAUSIBLE = [
    *("", " ", "0", "1", "2", "3", "9", "02", "20", "31", "39", "40", "45", "54", "55A11", "ABCDEF"),
    *("2025-03-03", "2025-02-01", "2025-06-01", "2025-09-12", "2025-02-30", "2026-01-16", "2025-3-3"),
    *("999990019", "999900006", "999990018", "87654321", "0917", "438", "440", "1.0.0", "-1", "A" * 13),
]
TEXT = st.one_of(st.sampled_from(PLAUSIBLE), st.text(XML_CHAR, max_size=20))
LOCAL_NAMES = [
    *("Header", "Client", "BerichtCode", "Afzender", "Identificatie", "Dagtekening", "Bsn", "Geboortedatum"),
    *("Datum", "Naam", "Achternaam", "StartProducten", "StartProduct", "StopProducten", "StopProduct"),
    *("ToewijzingNummer", "Product", "Categorie", "Code", "Begindatum", "RedenBeeindiging", "Einddatum"),
    *("StatusAanlevering", "Opmerking"),
]
NAMESPACES = [namespace("JW305"), namespace("JW307"), BASIS_NS, namespace("JW306"), "urn:example", None]


#: values that fit an element, so that a mutated message often still imports
FIELD_VALUES = {
    "Identificatie": ["ST-0099", "SP-0099", "BASE-0001"],
    "Dagtekening": ["2025-03-03", "2025-09-19", "2025-12-31"],
    "Bsn": [build.BSN_A, build.BSN_B],
    "Geslacht": ["0", "1", "2"],
    "ToewijzingNummer": ["1", "300201"],
    "Categorie": ["31", "45", "54", "55"],
    "Code": ["55A11", "X"],
    "Begindatum": ["2025-01-01", "2025-02-01", "2025-03-03", "2025-03-05"],
    "RedenBeeindiging": ["02", "20", "31", "35"],
    "Einddatum": ["2025-03-03", "2025-06-01", "2025-09-12", "2025-09-19"],
    "StatusAanlevering": ["1", "3"],
}
OPERATIONS = [
    *("text", "text", "text", "text"),
    *("delete", "duplicate", "move", "swap", "rename", "extra", "attribute", "tail"),
]
ATTRIBUTES = ["id", "{http://www.w3.org/2001/XMLSchema-instance}nil", "{urn:example}note", f"{{{BASIS_NS}}}Code"]


def _pick(data: st.DataObject, elements: list[etree._Element]) -> etree._Element:
    return elements[data.draw(st.integers(0, len(elements) - 1))]


def mutate_tree(data: st.DataObject, root: etree._Element, text: st.SearchStrategy[str]) -> None:
    """One random change to the element tree below ``root``."""
    below = [e for e in root.iter() if e is not root and isinstance(e.tag, str)]
    if not below:
        return
    operation = data.draw(st.sampled_from(OPERATIONS))
    element = _pick(data, below)
    parent = element.getparent()
    if operation == "text":
        name = etree.QName(element).localname
        if name in FIELD_VALUES and data.draw(st.booleans()):  # another value that fits
            element.text = data.draw(st.sampled_from(FIELD_VALUES[name]))
        elif len(element) == 0 or data.draw(st.booleans()):
            element.text = data.draw(text)
    elif operation == "delete":
        parent.remove(element)
    elif operation == "duplicate":
        element.addnext(copy.deepcopy(element))
    elif operation == "move":  # anywhere in the tree, also below a leaf
        parent.remove(element)
        targets = [e for e in root.iter() if isinstance(e.tag, str)]
        target = _pick(data, targets)
        target.insert(data.draw(st.integers(0, len(target))), element)
    elif operation == "swap":  # reorder two siblings
        siblings = list(parent)
        other = _pick(data, siblings)
        if other is not element:
            marker = etree.Element("marker")
            element.addprevious(marker)
            other.addprevious(element)
            marker.addprevious(other)
            parent.remove(marker)
    elif operation == "rename":
        ns = data.draw(st.sampled_from(NAMESPACES))
        name = data.draw(st.sampled_from(LOCAL_NAMES))
        element.tag = f"{{{ns}}}{name}" if ns else name
    elif operation == "attribute":
        element.set(data.draw(st.sampled_from(ATTRIBUTES)), data.draw(text))
    elif operation == "tail":  # text between elements
        element.tail = data.draw(text)
    else:  # an element that does not belong
        ns = data.draw(st.sampled_from(NAMESPACES))
        name = data.draw(st.sampled_from(LOCAL_NAMES))
        child = etree.SubElement(element, f"{{{ns}}}{name}" if ns else name)
        child.text = data.draw(text)


INVALID_UTF8 = [b"\xff", b"\xfe\xff", b"\xc3\x28", b"\x80", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\xc0\xaf"]
ENCODINGS = ["ISO-8859-1", "UTF-16", "UTF-16LE", "UTF-32", "US-ASCII", "windows-1252", "Shift_JIS", "no-such"]


def mutate_bytes(data: st.DataObject, raw: bytes) -> bytes:
    """One random change to the bytes of a document."""
    operation = data.draw(st.sampled_from(["truncate", "utf8", "encoding", "flip", "bom", "huge"]))
    at = data.draw(st.integers(0, len(raw)))
    if operation == "truncate":
        return raw[:at]
    if operation == "utf8":
        return raw[:at] + data.draw(st.sampled_from(INVALID_UTF8)) + raw[at:]
    if operation == "encoding":
        declared = data.draw(st.sampled_from(ENCODINGS)).encode()
        return raw.replace(b"encoding='UTF-8'", b"encoding='" + declared + b"'", 1)
    if operation == "flip":
        if not raw:
            return raw
        at = min(at, len(raw) - 1)
        return raw[:at] + bytes([data.draw(st.integers(0, 255))]) + raw[at + 1 :]
    if operation == "bom":
        return data.draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])) + raw
    # one byte above the limit, padded where it is still well-formed
    return raw + b"<!--" + b"x" * (reader.MAX_BYTES - len(raw) - 6) + b"-->"


def mutate_mildly(data: st.DataObject, root: etree._Element) -> None:
    """Another fitting value in a field, or one product less: the message often stays valid."""
    products = [e for e in root.iter("{*}StartProduct", "{*}StopProduct")]
    if len(products) > 1 and data.draw(st.integers(0, 4)) == 0:
        products[0].getparent().remove(_pick(data, products))
        return
    element = _pick(data, [e for e in root.iter() if etree.QName(e).localname in FIELD_VALUES])
    element.text = data.draw(st.sampled_from(FIELD_VALUES[etree.QName(element).localname]))


def mutated(
    data: st.DataObject, message: Message, text: st.SearchStrategy[str] = TEXT, raw: bool = True, mild: bool = False
) -> bytes:
    root = etree.fromstring(write_message(message))
    for _ in range(data.draw(st.sampled_from([0, 1, 1, 1, 2, 3]))):
        if mild:
            mutate_mildly(data, root)
        else:
            mutate_tree(data, root, text)
    document = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    if raw and not mild and data.draw(st.integers(0, 4)) == 0:
        document = mutate_bytes(data, document)
    return document


def assert_consistent(report: FileReport) -> None:
    """The verdict hangs together, whatever the input was."""
    document = report.as_json()
    json.dumps(document)
    assert {e.rule for e in report.errors} <= KNOWN_RULES, report.errors
    assert {w.rule for w in report.warnings} <= {"TR019", "IV096"}
    assert all(i.path.startswith("/") and i.text for i in report.errors + report.warnings)
    assert all(not e.warning for e in report.errors) and all(w.warning for w in report.warnings)
    assert report.valid == (report.message is not None and not report.errors)
    rules = {e.rule for e in report.errors}
    if report.valid:
        assert report.retour_codes == ["0200"]
    elif report.message is None or rules & {"XML", "XSD", "STRUCT"}:
        assert report.retour_codes == []
    else:
        assert report.retour_codes == ["0001"]
    if "XML" in rules:
        assert report.message is None and [e.rule for e in report.errors] == ["XML"]


# --- validation never crashes ------------------------------------------------------------------


@settings(max_examples=300, **FUZZ)
@given(data=st.data(), name=st.sampled_from(sorted(MESSAGES)))
def test_validate_never_crashes(data, name):
    document = mutated(data, MESSAGES[name])
    plain = validate_bytes(document, "fuzz.xml", None, TODAY)
    assert_consistent(plain)
    if SCHEMAS is not None:
        checked = validate_bytes(document, "fuzz.xml", SCHEMAS, TODAY)
        assert_consistent(checked)
        # the XSD adds findings; it changes none of the others
        assert [e for e in checked.errors if e.rule != "XSD"] == plain.errors
        assert checked.warnings == plain.warnings and checked.message == plain.message
        assert checked.xsd_checked == (plain.message is not None)


@settings(max_examples=150, **FUZZ)
@given(
    name=st.sampled_from(sorted(MESSAGES)),
    field=st.sampled_from([f.name for f in dataclasses.fields(Message) if f.name not in ("kind", "products")]),
    product_field=st.sampled_from(["begindatum", "status", "categorie", "code", "toewijzing_nummer", "einddatum"]),
    values=st.tuples(TEXT, TEXT),
)
def test_validate_never_crashes_on_random_values(name, field, product_field, values):
    """At the dataclass level: any text in any field of the Header, Client or a product."""
    message = MESSAGES[name]
    product = dataclasses.replace(message.products[-1], **{product_field: values[1]})
    message = dataclasses.replace(message, products=(*message.products[:-1], product), **{field: values[0]})
    document = write_message(message)
    for schemas in {None, SCHEMAS}:
        report = validate_bytes(document, "fuzz.xml", schemas, TODAY)
        assert_consistent(report)
        assert report.message is not None  # every element is where it belongs


@needs_xsd
@settings(max_examples=300, **FUZZ)
@given(data=st.data(), name=st.sampled_from(sorted(MESSAGES)))
def test_what_the_rules_accept_the_xsd_accepts(data, name):
    """Elements deleted, moved, renamed, values replaced by other text (white space
    included: the reader keeps it, like the XSD's string types): if the reader and the
    rules find nothing, neither does the XSD; and if the XSD finds nothing, no rule that
    repeats the XSD fires."""
    document = mutated(data, MESSAGES[name], TEXT, raw=False)
    plain = validate_bytes(document, "fuzz.xml", None, TODAY)
    checked = validate_bytes(document, "fuzz.xml", SCHEMAS, TODAY)
    xsd = [e for e in checked.errors if e.rule == "XSD"]
    if plain.valid:
        assert xsd == [], xsd
    if checked.message is not None and not xsd:
        assert not {e.rule for e in plain.errors} & XSD_LIKE, plain.errors


# --- hostile documents -----------------------------------------------------------------------

SECRET = "ijw-fuzz-secret-7f3a9c"


def _passwd_line() -> str | None:
    try:
        with open("/etc/passwd", encoding="utf-8", errors="replace") as handle:
            return handle.readline().strip() or None
    except OSError:
        return None


def _attacks(secret_uri: str) -> dict[str, bytes]:
    start = write_message(build.start()).decode()
    body = start.split("?>", 1)[1]
    with_entity = body.replace("<ijw:Achternaam>Bakker<", "<ijw:Achternaam>&x;<", 1)
    assert "&x;" in with_entity
    laughs = "".join(f'<!ENTITY l{i} "{"".join(f"&l{i - 1};" for _ in range(10))}">' for i in range(1, 10))
    return {
        "billion laughs": (
            f'<?xml version="1.0"?><!DOCTYPE jw305:Bericht [<!ENTITY l0 "lol">{laughs}<!ENTITY x "&l9;">]>'
            + with_entity
        ).encode(),
        "external entity /etc/passwd": (
            '<?xml version="1.0"?><!DOCTYPE jw305:Bericht [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + with_entity
        ).encode(),
        "external entity, secret file": (
            f'<?xml version="1.0"?><!DOCTYPE jw305:Bericht [<!ENTITY x SYSTEM "{secret_uri}">]>' + with_entity
        ).encode(),
        "parameter entity": (
            f'<?xml version="1.0"?><!DOCTYPE jw305:Bericht [<!ENTITY % p SYSTEM "{secret_uri}"> %p;]>' + body
        ).encode(),
        "external DTD": (f'<?xml version="1.0"?><!DOCTYPE jw305:Bericht SYSTEM "{secret_uri}">' + body).encode(),
        "network entity": (
            '<?xml version="1.0"?><!DOCTYPE jw305:Bericht [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>' + with_entity
        ).encode(),
        "entity without a DOCTYPE": with_entity.encode(),
        "XInclude": body.replace(
            "<jw305:Geslacht>",
            f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret_uri}" parse="text"/>'
            "<jw305:Geslacht>",
            1,
        ).encode(),
    }


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(f"{SECRET}\n")
    return path


def _leaks(output: str) -> list[str]:
    found = [SECRET] if SECRET in output else []
    passwd = _passwd_line()
    if passwd and passwd in output:
        found.append(passwd)
    return found


@pytest.mark.parametrize("attack", list(_attacks("file:///x")), ids=list(_attacks("file:///x")))
def test_hostile_documents_are_refused_without_reading_files(attack, secret_file, tmp_path, capsys):
    document = _attacks(secret_file.as_uri())[attack]
    for schemas in {None, SCHEMAS}:
        report = validate_bytes(document, "hostile.xml", schemas, TODAY)
        assert_consistent(report)
        assert not report.valid
        assert not _leaks(json.dumps(report.as_json()) + repr(report.message)), attack
    path = tmp_path / "hostile.xml"
    path.write_bytes(document)
    assert main(["ijw", "validate", str(path), "--json"]) == 0
    out, err = capsys.readouterr()
    assert not _leaks(out + err)
    assert json.loads(out)["messages"][0]["valid"] is False


@pytest.mark.django_db
def test_an_external_entity_never_reaches_the_database(secret_file, tmp_path):
    for name in ("external entity /etc/passwd", "external entity, secret file", "external DTD"):
        (tmp_path / f"{hashlib.sha256(name.encode()).hexdigest()[:8]}.xml").write_bytes(
            _attacks(secret_file.as_uri())[name]
        )
    outcomes = import_messages(read_files([tmp_path], SCHEMAS, TODAY), today=TODAY)
    assert [o.status for o in outcomes] == ["rejected"] * 3
    assert all(o.retour is None for o in outcomes)
    stored = json.dumps([o.as_json() for o in outcomes]) + json.dumps(
        list(ImportBatch.objects.values_list("errors", flat=True))
    )
    assert not _leaks(stored)
    assert not Trajectory.objects.exists() and not Client.objects.exists()


def test_a_file_above_max_bytes_is_not_parsed():
    start = write_message(build.start())
    huge = start.replace(b"<jw305:Bsn>", b"<jw305:Bsn>" + b"9" * reader.MAX_BYTES, 1)
    for schemas in {None, SCHEMAS}:
        report = validate_bytes(huge, "huge.xml", schemas, TODAY)
        assert [(e.rule, e.path) for e in report.errors] == [("XML", "/")]
        assert "larger than" in report.errors[0].text and not report.xsd_checked


# --- all or nothing on import ------------------------------------------------------------------


def _snapshot() -> tuple[list, ...]:
    """Everything an import may change, except the failed ImportBatch rows it adds."""
    return (
        list(Trajectory.objects.order_by("pk").values()),
        list(TrajectoryHistory.objects.order_by("pk").values()),
        list(Delivery.objects.order_by("pk").values()),
        list(Stop.objects.order_by("pk").values()),
        list(ReceivedMessage.objects.order_by("pk").values()),
        list(Client.objects.order_by("pk").values()),
        list(CareUnit.objects.order_by("pk").values()),
        list(Municipality.objects.order_by("pk").values()),
        list(ImportBatch.objects.exclude(status=ImportBatch.Status.FAILED).order_by("pk").values()),
    )


def _assert_fully_imported(message: Message, document: bytes) -> None:
    """Every product of ``message`` took effect."""
    received = ReceivedMessage.objects.get(
        kind=message.kind, afzender=message.afzender, identificatie=message.identificatie
    )
    assert received.sha256 == hashlib.sha256(document).hexdigest() and received.retour
    client = Client.objects.get(bsn_digest=bsn_tools.digest(message.bsn))
    for p in message.products:
        delivery = Delivery.objects.select_related("trajectory").get(
            afzender=message.afzender,
            ontvanger=message.ontvanger,
            client=client,
            categorie=p.categorie or "",
            code=p.code or "",
            begindatum=p.begin,
        )
        trajectory = delivery.trajectory
        if message.is_start:
            assert delivery.withdrawn == (p.status == "3")
            assert (trajectory.withdrawn_at is not None) == (p.status == "3")
            assert trajectory.start_date == p.begin
            if p.status == "1":
                assert delivery.start_message == received
            continue
        current = delivery.stops.filter(reden=p.reden, einddatum=p.end, withdrawn=False)
        if p.status == "1":
            assert current.filter(message=received).count() == 1
        else:
            assert not current.exists() and delivery.stops.filter(reden=p.reden, einddatum=p.end).exists()
        latest = delivery.stops.filter(withdrawn=False).order_by("-einddatum", "-id").first()
        assert trajectory.end_date == (latest.einddatum if latest else None)
        assert trajectory.end_reason == (latest.reden if latest else "")


@pytest.fixture
def provider(db):
    Municipality.objects.get_or_create(code="GM0917", defaults={"name": "Heerlen"})
    CareUnit.objects.create(code="TESTZORG", name="Testzorg", kind=CareUnit.Kind.PROVIDER, agb_code=build.AGB)


@settings(max_examples=120, **FUZZ)
@given(data=st.data(), name=st.sampled_from(sorted(MESSAGES)), with_xsd=st.booleans(), mild=st.booleans())
def test_import_is_all_or_nothing(provider, tmp_path, data, name, with_xsd, mild):
    path = tmp_path / "fuzz.xml"
    document = mutated(data, MESSAGES[name], mild=mild)
    with transaction.atomic():  # every example starts from the same database
        path.write_bytes(write_message(BASE))
        (base,) = import_messages(read_files([path], None, TODAY), today=TODAY)
        assert base.status == "imported"
        before = _snapshot()
        failed = ImportBatch.objects.filter(status=ImportBatch.Status.FAILED).count()
        path.write_bytes(document)
        (outcome,) = import_messages(read_files([path], SCHEMAS if with_xsd else None, TODAY), today=TODAY)
        event(outcome.status)
        if outcome.status == "imported":
            _assert_fully_imported(outcome.report.message, document)
            assert ImportBatch.objects.filter(status=ImportBatch.Status.FAILED).count() == failed
        else:
            assert _snapshot() == before, outcome.as_json()
            assert ImportBatch.objects.filter(status=ImportBatch.Status.FAILED).count() == failed + (
                outcome.status == "rejected"
            )
            assert outcome.trajectories == []
        transaction.set_rollback(True)


EXPECTED = {
    "start two new products": "imported",
    "start, the second product not stopped (9326)": "rejected",
    "withdraw the base start": "imported",
    "stop the base start": "imported",
    "stop temporarily, then definitively": "imported",
    "stop the base and something never started (9069)": "rejected",
    "start with every optional element": "imported",
}


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_the_messages_before_fuzzing(provider, tmp_path, name):
    """The unbroken messages: some import, some are refused after a product took effect."""
    path = tmp_path / "message.xml"
    path.write_bytes(write_message(BASE))
    import_messages(read_files([path], None, TODAY), today=TODAY)
    before = _snapshot()
    document = write_message(MESSAGES[name])
    path.write_bytes(document)
    (outcome,) = import_messages(read_files([path], SCHEMAS, TODAY), today=TODAY)
    assert outcome.status == EXPECTED[name], outcome.as_json()
    if outcome.status == "imported":
        _assert_fully_imported(MESSAGES[name], document)
    else:
        assert _snapshot() == before
