"""XSD validation of iJw messages against the schema files in a directory.

The schemas are not part of this repository (their licence is not stated; see
``docs/ijw.md``): they are loaded from a directory the user names
(``BASISHULP_IJW_XSD_DIR`` or ``--xsd-dir``). Without that directory every other check
still runs and the report says the XSD check was skipped.

The copies published in the i-Sociaal-Lab repository start with a Markdown line
(``## JW305.xsd``) and name the basis schema ``Basisschema.xsd`` while importing
``basisschema.xsd``: both are handled here, in memory, so the directory can hold the
files as downloaded.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from lxml import etree

from .messages import Issue

__all__ = ["SchemaError", "Schemas", "load_schemas"]

_LOCK = threading.Lock()
_CACHE: dict[tuple[str, str], Any] = {}


class SchemaError(Exception):
    """The schema directory or one of its files cannot be used."""


def _schema_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    start = data.find(b"<")
    return data[start:] if start > 0 else data  # drop a stray first line before the XML


class _Resolver(etree.Resolver):  # type: ignore[misc]
    """Resolves the imports between the schema files inside the directory only, case
    insensitively; anything else (network, other paths) is refused."""

    def __init__(self, directory: Path) -> None:
        super().__init__()
        self.files = {p.name.lower(): p for p in directory.iterdir() if p.suffix.lower() == ".xsd"}

    def resolve(self, url: str, pubid: Any, context: Any) -> Any:
        name = url.replace("\\", "/").rsplit("/", 1)[-1].lower()
        path = self.files.get(name)
        if path is None:
            raise SchemaError(f"the schema imports {url!r}, which is not in the schema directory")
        return self.resolve_string(_schema_bytes(path), context, base_url=path.as_uri())


class Schemas:
    """The XSDs of one directory; ``validate(kind, root)`` checks a parsed message."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        if not self.directory.is_dir():
            raise SchemaError(f"the iJw schema directory {self.directory} does not exist")

    def schema(self, kind: str) -> Any:
        key = (str(self.directory.resolve()), kind)
        with _LOCK:
            if key not in _CACHE:
                _CACHE[key] = self._load(kind)
            return _CACHE[key]

    def _load(self, kind: str) -> Any:
        resolver = _Resolver(self.directory)
        path = resolver.files.get(f"{kind.lower()}.xsd")
        if path is None:
            raise SchemaError(f"{kind}.xsd is not in the iJw schema directory {self.directory}")
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        parser.resolvers.add(resolver)
        try:
            document = etree.fromstring(_schema_bytes(path), parser, base_url=path.as_uri())
            return etree.XMLSchema(etree.ElementTree(document))
        except (etree.XMLSyntaxError, etree.XMLSchemaParseError) as exc:
            raise SchemaError(f"{path.name} in {self.directory} is not a usable schema: {exc}") from None

    def validate(self, kind: str, root: Any) -> list[Issue]:
        """XSD findings for the message ``root`` of ``kind`` (rule ``XSD``; the path is the
        element's path in the document)."""
        schema = self.schema(kind)
        if schema.validate(root):
            return []
        issues = []
        for error in schema.error_log:
            path = error.path or ""
            issues.append(Issue("XSD", _short_path(path), f"line {error.line}: {error.message}"))
        return issues


def _short_path(path: str) -> str:
    """``/jw305:Bericht/jw305:Client/...`` without the prefixes, like the other rules."""
    return "/".join(part.split(":", 1)[-1] for part in path.split("/"))


def load_schemas(directory: str | Path) -> Schemas:
    """The schemas of ``directory``, with JW305-JW308 loaded now, so an unusable directory
    is reported (:class:`SchemaError`) before any message is read."""
    from .codes import KINDS, RETOUR_KIND

    schemas = Schemas(directory)
    for kind in (*KINDS, *RETOUR_KIND.values()):
        schemas.schema(kind)
    return schemas
