"""Reading an iJw start or stop message from bytes: safely, then structurally.

- **Safe parsing** (:func:`parse_xml`): at most :data:`MAX_BYTES` per file; no DTD, no
  entity expansion, no network access (lxml ``resolve_entities=False``,
  ``no_network=True``, ``load_dtd=False``); a document with a DOCTYPE is refused, so
  "billion laughs" and external entities never get a chance. Comments and processing
  instructions are dropped.
- **Structure** (:func:`read_message`): the element tree of JW305/JW307 (ijw.md §3-§4) is
  checked here, without the XSDs, so a message is judged the same with or without the
  schema files: required elements present, no unknown elements, elements in XSD order
  and namespace, at most the allowed number, no text between elements, no attributes
  (but ``xsi:schemaLocation``). Findings have rule ``STRUCT``. The values are then read
  into a :class:`~.messages.Message` as text (trimmed), for the rules in :mod:`.rules`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from .codes import BASIS_NS, KINDS, namespace
from .messages import Issue, Message, Product

__all__ = ["MAX_BYTES", "MessageReadError", "ReadResult", "parse_xml", "read_message"]

#: The largest message file read (one client per message: real ones are a few kB).
MAX_BYTES = 1_000_000


class MessageReadError(Exception):
    """The bytes are not a readable XML document (too big, not well-formed, a DTD)."""


@dataclass(frozen=True)
class _El:
    """An expected child: local name, in the basisschema namespace or the message's,
    how often (min, max; max 0 = unbounded), and its own children (``None``: a leaf)."""

    name: str
    basis: bool = False
    min: int = 1
    max: int = 1
    children: tuple[_El, ...] | None = None


_B = True  # children of composite types are in the basisschema namespace
_HEADER = (
    _El("BerichtCode"),
    _El("BerichtVersie"),
    _El("BerichtSubversie"),
    _El("Afzender"),
    _El("Ontvanger"),
    _El("BerichtIdentificatie", children=(_El("Identificatie", _B), _El("Dagtekening", _B))),
    _El("XsdVersie", children=(_El("BasisschemaXsdVersie", _B), _El("BerichtXsdVersie", _B))),
)
_PERSON = (
    _El("Bsn"),
    _El("Geboortedatum", children=(_El("Datum", _B), _El("DatumGebruik", _B, 0))),
    _El("Geslacht"),
    _El(
        "Naam",
        children=(
            _El("Geslachtsnaam", _B, children=(_El("Achternaam", _B), _El("Voorvoegsel", _B, 0))),
            _El("Voornamen", _B, 0),
            _El("Voorletters", _B, 0),
        ),
    ),
)
_PRODUCT_HEAD = (
    _El("ToewijzingNummer", min=0),
    _El("Product", min=0, children=(_El("Categorie", _B), _El("Code", _B, 0))),
    _El("ToewijzingIngangsdatum", min=0),
    _El("Begindatum"),
)
_START = _El("StartProduct", max=0, children=(*_PRODUCT_HEAD, _El("StatusAanlevering")))
_STOP = _El(
    "StopProduct",
    max=0,
    children=(*_PRODUCT_HEAD, _El("RedenBeeindiging"), _El("Einddatum"), _El("StatusAanlevering")),
)
STRUCTURE: dict[str, tuple[_El, ...]] = {
    "JW305": (
        _El("Header", children=_HEADER),
        _El("Client", children=(*_PERSON, _El("StartProducten", children=(_START,)))),
    ),
    "JW307": (
        _El("Header", children=_HEADER),
        _El("Client", children=(*_PERSON, _El("StopProducten", children=(_STOP,)))),
    ),
}


def parse_xml(data: bytes) -> Any:
    """The root element of ``data``, parsed safely (see the module docstring)."""
    if len(data) > MAX_BYTES:
        raise MessageReadError(f"the file is larger than {MAX_BYTES:,} bytes; an iJw message is a few kB")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = f"line {exc.lineno}: " if getattr(exc, "lineno", None) else ""
        raise MessageReadError(f"not well-formed XML ({line}{exc.msg})") from None
    except ValueError as exc:  # e.g. a declared encoding lxml cannot use
        raise MessageReadError(f"not readable as XML ({exc})") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise MessageReadError("the file has a DOCTYPE; iJw messages have none and DTDs are not read")
    return root


def _kind_of(root: Any) -> str | None:
    for kind in KINDS:
        if root.tag == f"{{{namespace(kind)}}}Bericht":
            return kind
    return None


@dataclass(frozen=True)
class ReadResult:
    """What :func:`read_message` found: the message (``None`` when it is not a
    JW305/JW307 at all) and the structural findings."""

    message: Message | None
    issues: tuple[Issue, ...]


def _elements(parent: Any) -> list[Any]:
    return [c for c in parent if isinstance(c.tag, str)]


_XML_SPACE = " \t\r\n"
#: the only attributes the XSD allows on the elements of a message (schema location hints)
_XSI_ALLOWED = {
    "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation",
    "{http://www.w3.org/2001/XMLSchema-instance}noNamespaceSchemaLocation",
}


def _attributes(element: Any, path: str, issues: list[Issue]) -> None:
    for name in element.attrib:
        if name not in _XSI_ALLOWED:
            issues.append(Issue("STRUCT", path, f"unexpected attribute {etree.QName(name).localname}"))


def _check(parent: Any, spec: tuple[_El, ...], path: str, ns: str, issues: list[Issue]) -> None:
    children = _elements(parent)
    _attributes(parent, path, issues)
    if (parent.text or "").strip(_XML_SPACE) or any((c.tail or "").strip(_XML_SPACE) for c in parent):
        name = path.rsplit("/", 1)[-1].split("[", 1)[0]
        issues.append(Issue("STRUCT", path, f"{name} holds elements, not text"))
    i = 0
    for expected in spec:
        tag = f"{{{BASIS_NS if expected.basis else ns}}}{expected.name}"
        count = 0
        # the element's place is taken by its name; the namespace is checked on the way
        while i < len(children) and etree.QName(children[i]).localname == expected.name:
            count += 1
            child_path = f"{path}/{expected.name}" + (f"[{count}]" if expected.max != 1 else "")
            if children[i].tag != tag:
                found = etree.QName(children[i]).namespace or "(none)"
                issues.append(
                    Issue(
                        "STRUCT",
                        child_path,
                        f"{expected.name} is in namespace {found}; it belongs in {etree.QName(tag).namespace}",
                    )
                )
            elif expected.max and count > expected.max:
                issues.append(Issue("STRUCT", child_path, f"{expected.name} may occur only once here"))
            elif expected.children is None:
                if _elements(children[i]):
                    issues.append(Issue("STRUCT", child_path, f"{expected.name} holds a value, not elements"))
                _attributes(children[i], child_path, issues)
            else:
                _check(children[i], expected.children, child_path, ns, issues)
            i += 1
        # an element further on is out of place (reported below), not missing
        if count < expected.min and not any(etree.QName(c).localname == expected.name for c in children[i:]):
            issues.append(
                Issue("STRUCT", f"{path}/{expected.name}", f"the required element {expected.name} is missing")
            )
    names = {e.name for e in spec}
    for extra in children[i:]:
        name, found_ns = etree.QName(extra).localname, etree.QName(extra).namespace
        if name in names:
            text = f"{name} is out of place (the schema's order is {', '.join(e.name for e in spec)})"
        else:
            text = f"unexpected element {name}" + (
                f" in namespace {found_ns or '(none)'}" if found_ns not in (ns, BASIS_NS) else ""
            )
        issues.append(Issue("STRUCT", f"{path}/{name}", text))


def _text(parent: Any, *names: str, ns: str) -> str | None:
    """The text of the first element at ``names`` below ``parent`` (``"ijw:X"`` in the
    basisschema namespace), as it stands: not stripped, because the XSD types do not
    collapse white space either (`` 999990019`` is not a Bsn); ``""`` for an empty
    element, ``None`` if absent."""
    node = parent
    for name in names:
        if node is None:
            return None
        tag = f"{{{BASIS_NS}}}{name[4:]}" if name.startswith("ijw:") else f"{{{ns}}}{name}"
        node = node.find(tag)
    if node is None:
        return None
    return "".join(node.itertext())


def _products(client: Any, kind: str, ns: str) -> Iterator[Product]:
    outer, inner = ("StartProducten", "StartProduct") if kind == "JW305" else ("StopProducten", "StopProduct")
    container = client.find(f"{{{ns}}}{outer}") if client is not None else None
    if container is None:
        return
    for index, node in enumerate(container.findall(f"{{{ns}}}{inner}"), start=1):
        yield Product(
            index=index,
            begindatum=_text(node, "Begindatum", ns=ns),
            status=_text(node, "StatusAanlevering", ns=ns),
            categorie=_text(node, "Product", "ijw:Categorie", ns=ns),
            code=_text(node, "Product", "ijw:Code", ns=ns),
            toewijzing_nummer=_text(node, "ToewijzingNummer", ns=ns),
            toewijzing_ingangsdatum=_text(node, "ToewijzingIngangsdatum", ns=ns),
            reden=_text(node, "RedenBeeindiging", ns=ns) if kind == "JW307" else None,
            einddatum=_text(node, "Einddatum", ns=ns) if kind == "JW307" else None,
            path=f"/Bericht/Client/{outer}/{inner}[{index}]",
        )


def read_message(root: Any) -> ReadResult:
    """The message in ``root`` (from :func:`parse_xml`) and its structural findings."""
    kind = _kind_of(root)
    if kind is None:
        found = etree.QName(root)
        return ReadResult(
            None,
            (
                Issue(
                    "STRUCT",
                    f"/{found.localname}",
                    f"not a JW305 or JW307 message: the root is {found.localname} in namespace "
                    f"{found.namespace or '(none)'}; expected Bericht in {namespace('JW305')} or {namespace('JW307')}",
                ),
            ),
        )
    ns = namespace(kind)
    issues: list[Issue] = []
    _check(root, STRUCTURE[kind], "/Bericht", ns, issues)
    header = root.find(f"{{{ns}}}Header")
    client = root.find(f"{{{ns}}}Client")

    def h(*names: str) -> str | None:
        return _text(header, *names, ns=ns) if header is not None else None

    def c(*names: str) -> str | None:
        return _text(client, *names, ns=ns) if client is not None else None

    message = Message(
        kind=kind,
        bericht_code=h("BerichtCode"),
        versie=h("BerichtVersie"),
        subversie=h("BerichtSubversie"),
        afzender=h("Afzender"),
        ontvanger=h("Ontvanger"),
        identificatie=h("BerichtIdentificatie", "ijw:Identificatie"),
        dagtekening=h("BerichtIdentificatie", "ijw:Dagtekening"),
        basisschema_xsd_versie=h("XsdVersie", "ijw:BasisschemaXsdVersie"),
        bericht_xsd_versie=h("XsdVersie", "ijw:BerichtXsdVersie"),
        bsn=c("Bsn"),
        geboortedatum=c("Geboortedatum", "ijw:Datum"),
        datum_gebruik=c("Geboortedatum", "ijw:DatumGebruik"),
        geslacht=c("Geslacht"),
        achternaam=c("Naam", "ijw:Geslachtsnaam", "ijw:Achternaam"),
        voorvoegsel=c("Naam", "ijw:Geslachtsnaam", "ijw:Voorvoegsel"),
        voornamen=c("Naam", "ijw:Voornamen"),
        voorletters=c("Naam", "ijw:Voorletters"),
        products=tuple(_products(client, kind, ns)),
    )
    return ReadResult(message, tuple(issues))
