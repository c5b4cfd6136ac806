"""Writing the access log: one entry per access to a client record or help request."""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from basishulp.accounts.access import effective_role

from .chain import GENESIS, entry_hash
from .models import AccessLogEntry

__all__ = ["PURPOSES", "check_checkpoint", "log_access", "verify_log"]

#: The purpose an access serves, by role (NEN 7513: why the record was used).
PURPOSES: dict[str, str] = {
    "intake": "toeleiding naar zorg",
    "zorgprofessional": "zorgverlening",
    "gebiedsmanager": "sturing gebied",
    "controller": "control en bedrijfsvoering",
    "verwijzer": "verwijzing",
    "privacy_officer": "toezicht gegevensbescherming",
    "beheerder": "functioneel beheer",
    "gemeente": "—",
}
_LOCK = 7513  # PostgreSQL advisory lock: one writer extends the chain at a time


def _origin(request: HttpRequest | None) -> str:
    if request is None:
        return "command line"
    ip = request.META.get("REMOTE_ADDR", "")
    return f"{ip} {request.method} {request.path}"[:200]  # the path only: never a query string


def log_access(
    request: HttpRequest | None,
    event: str,
    *,
    client: str = "",
    subject: str = "",
    outcome: str = AccessLogEntry.Outcome.OK,
    user: Any = None,
) -> AccessLogEntry:
    """Append one entry, chained to the last one."""
    user = user if user is not None else getattr(request, "user", None)
    role = effective_role(user) or ""
    fields = {
        "occurred_at": timezone.now(),
        "username": getattr(user, "username", "") or "anonymous",
        "role": role,
        "event": event,
        "client": client,
        "subject": subject[:200],
        "purpose": PURPOSES.get(role, ""),
        "origin": _origin(request),
        "outcome": outcome,
    }
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK])
        previous = AccessLogEntry.objects.order_by("-id").values_list("hash", flat=True).first() or GENESIS
        return AccessLogEntry.objects.create(
            user_id_value=getattr(user, "pk", None), previous_hash=previous, hash=entry_hash(previous, fields), **fields
        )


def verify_log() -> dict[str, Any]:
    """Check the whole chain: ``{"entries": N, "valid": bool, "first_broken": {...} | None}``."""
    from .chain import FIELDS, first_broken

    rows = list(AccessLogEntry.objects.order_by("id").values("id", "previous_hash", "hash", *FIELDS))
    broken = first_broken(rows)
    result: dict[str, Any] = {"entries": len(rows), "valid": broken is None, "first_broken": None}
    if broken is not None:
        position, reason = broken
        result["first_broken"] = {"id": rows[position]["id"], "position": position, "reason": reason}
    return result


def check_checkpoint(path: str) -> dict[str, Any]:
    """Compare the log with a checkpoint file written by an earlier verification (kept
    on another system): the entry it names must still be there with the same hash, so
    a cut tail or a rewritten log is found too. Then write the new checkpoint."""
    import json
    from pathlib import Path

    file = Path(path)
    result: dict[str, Any] = {"checkpoint": str(file), "matches": True, "reason": ""}
    if file.exists():
        saved = json.loads(file.read_text(encoding="utf-8"))
        stored = AccessLogEntry.objects.filter(id=saved["last_id"]).values_list("hash", flat=True).first()
        if stored is None:
            result |= {"matches": False, "reason": f"entry {saved['last_id']} of the checkpoint is gone (cut tail)"}
        elif stored != saved["last_hash"]:
            result |= {"matches": False, "reason": f"entry {saved['last_id']} no longer has the checkpoint's hash"}
    last = AccessLogEntry.objects.order_by("-id").values("id", "hash").first()
    if result["matches"] and last is not None:
        file.write_text(json.dumps({"last_id": last["id"], "last_hash": last["hash"]}), encoding="utf-8")
    return result
