"""Writing JW305/JW307 messages for the trajectories of a period (``basishulp ijw export``).

For every trajectory of the municipality that runs in the period (not withdrawn, begun
by the export day): a JW305 start, and a JW307 stop when it ended by the end of the
period (and by the export day: TR134). One message per trajectory. The sender is the
care unit's AGB code; a trajectory whose care unit has no AGB code, or whose client has
no BSN recorded, cannot be written and is listed as skipped with the reason.

What the messages carry that the system does not keep (it keeps no names, birth dates
or sex of clients, by design): Geboortedatum ``1900-01-01`` with DatumGebruik 3 (date
unknown, CS139), Geslacht 0 (onbekend), Achternaam ``Onbekend``. The municipality
identifies the client by the BSN. See docs/ijw.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils import timezone

from basishulp.kpi.domain.periods import Period
from basishulp.trajecten import bsn as bsn_tools
from basishulp.trajecten.models import Trajectory

from .domain.codes import JZ588_REASONS
from .domain.mapping import category_for, gemeentecode
from .domain.messages import Message, Product
from .domain.writer import XSD_VERSION, write_message

__all__ = ["ExportResult", "export_period", "messages_for_period"]

UNKNOWN_NAME = "Onbekend"


@dataclass
class ExportResult:
    files: list[Path] = field(default_factory=list)
    starts: int = 0
    stops: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "files": [str(f) for f in self.files],
            "starts": self.starts,
            "stops": self.stops,
            "skipped": self.skipped,
        }


def _identificatie(kind: str, trajectory_id: str, day: dt.date) -> str:
    """12 characters, the same for the same trajectory, kind and day (so an export can be
    repeated and re-imported without effect)."""
    return ("S" if kind == "JW305" else "E") + hashlib.sha256(
        f"{kind}|{trajectory_id}|{day.isoformat()}".encode()
    ).hexdigest()[:11].upper()


def messages_for_period(
    period: Period, municipality: str, day: dt.date | None = None
) -> tuple[list[tuple[str, Message]], list[dict[str, str]]]:
    """The messages to write as (trajectory id, message), and the skipped trajectories."""
    today = day or timezone.localdate()
    gemeente = gemeentecode(municipality)
    if gemeente is None:
        raise ValueError(f"{municipality!r} is not a municipality code GMnnnn")
    upto = min(period.end, today)
    queryset = (
        Trajectory.objects.filter(withdrawn_at__isnull=True, municipality__code=municipality, start_date__lte=upto)
        .exclude(end_date__lt=period.start)
        .select_related("client", "care_unit")
        .order_by("start_date", "trajectory_id")
    )
    out: list[tuple[str, Message]] = []
    skipped: list[dict[str, str]] = []
    for t in queryset:
        agb = t.care_unit.agb_code
        if not agb:
            skipped.append(
                {"trajectory_id": t.trajectory_id, "reason": f"care unit {t.care_unit.code} has no AGB code"}
            )
            continue
        if not t.client.bsn_encrypted:
            skipped.append({"trajectory_id": t.trajectory_id, "reason": "no BSN is recorded for the client"})
            continue
        delivery = getattr(t, "ijw_delivery", None)
        categorie = delivery.categorie if delivery is not None and delivery.categorie else category_for(t.quadrant)
        code = delivery.code if delivery is not None and delivery.code else None
        common: dict[str, Any] = {
            "versie": "3",
            "subversie": "2",
            "afzender": agb,
            "ontvanger": gemeente,
            "dagtekening": today.isoformat(),
            "basisschema_xsd_versie": XSD_VERSION,
            "bericht_xsd_versie": XSD_VERSION,
            "bsn": bsn_tools.decrypt(t.client.bsn_encrypted),
            "geboortedatum": "1900-01-01",
            "datum_gebruik": "3",
            "geslacht": "0",
            "achternaam": UNKNOWN_NAME,
        }
        product = {"categorie": categorie, "code": code, "begindatum": t.start_date.isoformat(), "status": "1"}
        out.append(
            (
                t.trajectory_id,
                Message(
                    kind="JW305",
                    bericht_code="438",
                    identificatie=_identificatie("JW305", t.trajectory_id, today),
                    products=(Product(index=1, **product),),
                    **common,
                ),
            )
        )
        if t.end_date is not None and t.end_date <= upto and t.end_reason not in JZ588_REASONS:
            skipped.append(
                {"trajectory_id": t.trajectory_id, "reason": "ended without a JZ588 reason: only the start is written"}
            )
        elif t.end_date is not None and t.end_date <= upto:
            out.append(
                (
                    t.trajectory_id,
                    Message(
                        kind="JW307",
                        bericht_code="440",
                        identificatie=_identificatie("JW307", t.trajectory_id, today),
                        products=(Product(index=1, reden=t.end_reason, einddatum=t.end_date.isoformat(), **product),),
                        **common,
                    ),
                )
            )
    return out, skipped


def export_period(period: Period, municipality: str, out_dir: str | Path, day: dt.date | None = None) -> ExportResult:
    """Write the messages of :func:`messages_for_period` into ``out_dir`` (created if
    needed), one file per message: ``<kind>_<AGB>_<Identificatie>.xml``."""
    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    messages, skipped = messages_for_period(period, municipality, day)
    result = ExportResult(skipped=skipped)
    for _tid, message in messages:
        path = directory / f"{message.kind}_{message.afzender}_{message.identificatie}.xml"
        path.write_bytes(write_message(message))
        result.files.append(path)
        if message.is_start:
            result.starts += 1
        else:
            result.stops += 1
    return result
