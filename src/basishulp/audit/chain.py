"""The hash chain of the access log: pure functions, no Django.

Each entry's hash is SHA-256 over the previous entry's hash and the entry's own fields
in a canonical form (sorted JSON keys, UTC timestamps in ISO 8601). Changing, removing
or inserting an entry breaks the chain from that entry on; :func:`first_broken` finds
the first entry whose stored hash is not what its content and predecessor give.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

__all__ = ["FIELDS", "GENESIS", "entry_hash", "first_broken"]

#: The fields an entry's hash covers, in the order of the log's columns.
FIELDS = ("occurred_at", "username", "role", "event", "client", "subject", "purpose", "origin", "outcome")
GENESIS = "0" * 64


def _text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return str(value)


def entry_hash(previous: str, fields: Mapping[str, Any]) -> str:
    payload = json.dumps({k: _text(fields[k]) for k in FIELDS}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256((previous + payload).encode("utf-8")).hexdigest()


def first_broken(entries: Iterable[Mapping[str, Any]]) -> tuple[int, str] | None:
    """``(position, reason)`` of the first entry that breaks the chain (positions count
    from 0 in the order given), or ``None`` when the whole chain holds."""
    previous = GENESIS
    for position, entry in enumerate(entries):
        if entry["previous_hash"] != previous:
            return position, "its link to the previous entry does not match (an entry was removed or inserted)"
        if entry_hash(previous, entry) != entry["hash"]:
            return position, "its content does not match its hash (the entry was changed)"
        previous = entry["hash"]
    return None
