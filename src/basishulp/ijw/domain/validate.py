"""Judging message files on their own: XML, XSD (when the schemas are at hand), structure,
code lists and the within-message rules. Used by ``basishulp ijw validate`` and as the
first step of the import. No database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .messages import Issue, Message
from .reader import MAX_BYTES, MessageReadError, parse_xml, read_message
from .rules import check_message
from .xsd import Schemas

__all__ = ["FileReport", "message_files", "validate_bytes", "validate_file"]


@dataclass
class FileReport:
    """The verdict on one message file. ``retour_codes``: 0200 when valid, 0001 when a
    within-message rule failed (the retour then holds only the Header), none when the
    XML or the XSD failed (the standard sends no retour then, ijw.md §5)."""

    file: str
    message: Message | None = None
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    xsd_checked: bool = False
    data: bytes = b""

    @property
    def valid(self) -> bool:
        return self.message is not None and not self.errors

    @property
    def message_id(self) -> str | None:
        return self.message.identificatie if self.message is not None else None

    @property
    def retour_codes(self) -> list[str]:
        if self.valid:
            return ["0200"]
        if self.message is None or any(e.rule in ("XML", "XSD", "STRUCT") for e in self.errors):
            return []
        return ["0001"]

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "message_id": self.message_id,
            "kind": self.message.kind if self.message is not None else None,
            "valid": self.valid,
            "xsd": "checked" if self.xsd_checked else "skipped",
            "errors": [e.as_json() for e in self.errors],
            "warnings": [w.as_json() for w in self.warnings],
            "retour_codes": self.retour_codes,
        }


def validate_bytes(data: bytes, file: str, schemas: Schemas | None, today: dt.date | None = None) -> FileReport:
    """The verdict on the message in ``data`` (``file`` names it in the report)."""
    report = FileReport(file=file, data=data)
    try:
        root = parse_xml(data)
    except MessageReadError as exc:
        report.errors.append(Issue("XML", "/", str(exc)))
        return report
    result = read_message(root)
    report.message = result.message
    report.errors.extend(result.issues)
    if result.message is None:
        return report
    if schemas is not None:
        report.errors.extend(schemas.validate(result.message.kind, root))
        report.xsd_checked = True
    for issue in check_message(result.message, today):
        (report.warnings if issue.warning else report.errors).append(issue)
    return report


def validate_file(path: Path, schemas: Schemas | None, today: dt.date | None = None) -> FileReport:
    """:func:`validate_bytes` on the file at ``path``, reading at most ``MAX_BYTES + 1``
    bytes (a huge file is refused without being read whole). ``OSError`` when the file
    cannot be read at all."""
    with path.open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    return validate_bytes(data, str(path), schemas, today)


def message_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files to read: each file given, and the ``*.xml`` files of each directory
    given (sorted by name, not recursive). Raises :class:`FileNotFoundError` for a
    path that does not exist."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".xml")
        elif path.exists():
            yield path
        else:
            raise FileNotFoundError(f"{path}: no such file or directory")
