"""Importing iJw start (JW305) and stop (JW307) messages into trajectories.

Rules of :func:`import_messages`:

- Every file is first judged on its own (:mod:`.domain.validate`: XML, XSD when the
  schemas are at hand, structure, code lists, within-message rules).
- Files are then taken in the order of their Dagtekening, then of the date they are
  about (a start's Begindatum, a stop's Einddatum), starts before stops, then by file
  name: so a directory with starts and stops of one day imports in one go.
- **All-or-nothing per message** (one message per file): the cross-message rules below
  run against the database and the products before it in the same message; if any
  product fails, nothing of the message is stored (OP286: the message counts as not
  sent) and the retour names the failing product; else every product takes effect in
  one transaction.
- **Idempotent on message identity** (kind, sender, Identificatie): the same file again
  changes nothing and is reported as ``unchanged``; other content under a known
  identity is refused (TR056, 9056).
- Cross-message rules (ijw.md §6.2, taakgericht: key = sender, receiver, client,
  product, begin date): TR074 (9074) a start whose key is already current; TR326
  (9326) a start while the same product for the client is not stopped; TR063 (9063) a
  withdrawal of something never delivered; TR071 (9071) withdrawing a start that has a
  stop; TR382 (9069) a stop without a current start; TR413 (9413) a second temporary
  stop; TR414 (9414) an end date before the current stop's; TR415 (9415) a stop after a
  definitive stop.
- Unknown senders and municipalities do not fail the import (like the trajectories
  file): a care unit ``AGB-<code>`` of kind "unknown" and a municipality ``GMnnnn`` are
  created and reported as warnings.
- Each accepted or refused file gets an :class:`~basishulp.trajecten.models.ImportBatch`
  (status done or failed) and a retour message (JW306/JW308).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from basishulp.audit.models import AccessLogEntry
from basishulp.audit.services import log_access
from basishulp.trajecten import bsn as bsn_tools
from basishulp.trajecten.models import CareUnit, Client, ImportBatch, Municipality, Trajectory, TrajectoryHistory

from .domain.mapping import municipality_code, quadrant_for, trajectory_id_for
from .domain.messages import Issue, Message, Product
from .domain.validate import FileReport, message_files, validate_file
from .domain.writer import write_retour
from .domain.xsd import Schemas
from .models import Delivery, ReceivedMessage, Stop

__all__ = ["MessageOutcome", "import_messages", "read_files"]

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]


@dataclass
class MessageOutcome:
    """What happened to one file: ``imported``, ``unchanged`` or ``rejected``."""

    report: FileReport
    status: str = "rejected"
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    retour: bytes | None = None
    retour_codes: list[str] = field(default_factory=list)
    trajectories: list[str] = field(default_factory=list)
    #: the client's pseudonym, when the message was imported (for the access log)
    client: str = ""

    def as_json(self) -> dict[str, Any]:
        data = self.report.as_json()
        data.update(
            status=self.status,
            valid=self.status != "rejected",
            errors=[e.as_json() for e in self.report.errors + self.errors],
            warnings=[w.as_json() for w in self.report.warnings + self.warnings],
            retour_codes=self.retour_codes,
            trajectories=self.trajectories,
        )
        return data


class _Refused(Exception):
    def __init__(self, issues: list[Issue], header_codes: list[str], product_codes: dict[int, list[str]]) -> None:
        super().__init__("refused")
        self.issues, self.header_codes, self.product_codes = issues, header_codes, product_codes


def read_files(paths: Iterable[str | Path], schemas: Schemas | None, today: dt.date | None = None) -> list[FileReport]:
    """Every message file under ``paths`` judged on its own (raises ``FileNotFoundError``
    or ``OSError`` when a path cannot be read at all)."""
    return [validate_file(path, schemas, today) for path in message_files(paths)]


def _order(report: FileReport) -> tuple[Any, ...]:
    """Dagtekening, then the date the message is about (a start's Begindatum, a stop's
    Einddatum; the earliest of its products), then starts before stops, then file name:
    so a stop comes before the next start of the same product sent on the same day."""
    m = report.message
    assert m is not None
    dates = [d for p in m.products if (d := p.begin if m.is_start else p.end) is not None]
    return (m.date or dt.date.min, min(dates, default=dt.date.min), m.kind, report.file)


def import_messages(
    reports: Sequence[FileReport],
    *,
    acting_user: Any = None,
    request: Any = None,
    today: dt.date | None = None,
    progress: ProgressCallback | None = None,
) -> list[MessageOutcome]:
    """Import the files judged in ``reports`` (see the module docstring); one outcome per
    file, in the order they were taken. Every imported message changes a client's record
    and is written to the access log (event "changed", with ``request`` for its origin;
    without one the origin is the command line)."""
    user = acting_user if getattr(acting_user, "pk", None) is not None else None
    day = today or timezone.localdate()
    valid = sorted((r for r in reports if r.valid), key=_order)
    outcomes = [MessageOutcome(r) for r in reports if not r.valid]
    for outcome in outcomes:
        outcome.retour_codes = outcome.report.retour_codes
        if outcome.retour_codes == ["0001"] and outcome.report.message is not None:
            outcome.retour = _retour(outcome.report, day, header_codes=["0001"])
        _failed_batch(outcome.report.file, user, outcome.report.errors)
    for done, report in enumerate(valid, start=1):
        outcome = _import_one(report, user, day)
        if outcome.status == "imported":
            m = report.message
            assert m is not None
            log_access(
                request,
                AccessLogEntry.Event.CHANGE,
                client=outcome.client,
                subject=f"iJw {m.kind} {m.identificatie} from {m.afzender} imported",
                user=user,
            )
        outcomes.append(outcome)
        if progress is not None:
            progress(done, len(valid))
    return outcomes


def _retour(
    report: FileReport,
    day: dt.date,
    header_codes: Sequence[str] = (),
    product_codes: dict[int, list[str]] | None = None,
    with_client: bool = False,
) -> bytes:
    assert report.message is not None
    ident = "R" + hashlib.sha256(report.data).hexdigest()[:11].upper()
    return write_retour(
        report.message,
        identificatie_retour=ident,
        dagtekening_retour=day,
        header_codes=list(header_codes),
        client_codes=["0200"] if with_client else None,
        product_codes=product_codes,
    )


def _failed_batch(filename: str, user: Any, issues: Sequence[Issue]) -> None:
    ImportBatch.objects.create(
        filename=filename[-255:],
        imported_by=user,
        status=ImportBatch.Status.FAILED,
        finished_at=timezone.now(),
        errors=[f"{filename}: {i.path}: {i.rule}: {i.text}" for i in issues][:1000],
    )


def _import_one(report: FileReport, user: Any, day: dt.date) -> MessageOutcome:
    message = report.message
    assert message is not None
    outcome = MessageOutcome(report)
    digest = hashlib.sha256(report.data).hexdigest()
    known = ReceivedMessage.objects.filter(
        kind=message.kind, afzender=message.afzender, identificatie=message.identificatie
    ).first()
    if known is not None and known.sha256 == digest:
        outcome.status, outcome.retour_codes = "unchanged", ["0200"]
        outcome.retour = known.retour.encode() or None
        return outcome
    try:
        with transaction.atomic():
            if known is not None:
                raise _Refused(
                    [
                        Issue(
                            "TR056",
                            "/Bericht/Header/BerichtIdentificatie/Identificatie",
                            f"a different {message.kind} with Identificatie {message.identificatie!r} from "
                            f"{message.afzender} was imported before ({known.filename})",
                        )
                    ],
                    ["9056"],
                    {},
                )
            _apply(message, report, digest, user, day, outcome)
    except _Refused as refused:
        outcome.status = "rejected"
        outcome.errors = refused.issues
        outcome.warnings = []
        outcome.trajectories = []
        if refused.header_codes:
            outcome.retour_codes = refused.header_codes
            outcome.retour = _retour(report, day, header_codes=refused.header_codes)
        else:
            codes = {p.index: refused.product_codes.get(p.index, ["0200"]) for p in message.products}
            outcome.retour_codes = sorted({c for cs in codes.values() for c in cs})
            outcome.retour = _retour(report, day, product_codes=codes, with_client=True)
        _failed_batch(report.file, user, refused.issues)
        return outcome
    return outcome


# --- applying one message -------------------------------------------------------------------


def _client(bsn: str) -> Client | None:
    return Client.objects.filter(bsn_digest=bsn_tools.digest(bsn)).first()


def _client_for(bsn: str) -> Client:
    client = _client(bsn)
    if client is not None:
        return client
    client, _created = Client.objects.get_or_create(pseudonym=bsn_tools.pseudonym_for(bsn))
    if not client.bsn_encrypted:
        client.bsn_encrypted = bsn_tools.encrypt(bsn)
        client.bsn_digest = bsn_tools.digest(bsn)
        client.save(update_fields=["bsn_encrypted", "bsn_digest"])
    return client


def _care_unit(agb: str, warnings: list[Issue]) -> CareUnit:
    unit = CareUnit.objects.filter(agb_code=agb).first()
    if unit is not None:
        return unit
    unit, created = CareUnit.objects.get_or_create(
        code=f"AGB-{agb}", defaults={"name": f"AGB {agb}", "kind": CareUnit.Kind.UNKNOWN, "agb_code": agb}
    )
    if created:
        warnings.append(
            Issue(
                "AGB",
                "/Bericht/Header/Afzender",
                f"no care unit has AGB code {agb}: created care unit {unit.code} of kind 'unknown'; "
                "set the AGB code on the right care unit in the admin",
                warning=True,
            )
        )
    return unit


def _municipality(ontvanger: str, warnings: list[Issue]) -> Municipality:
    code = municipality_code(ontvanger)
    municipality, created = Municipality.objects.get_or_create(code=code, defaults={"name": code})
    if created:
        warnings.append(
            Issue("GEMEENTE", "/Bericht/Header/Ontvanger", f"unknown municipality {code}: created", warning=True)
        )
    return municipality


def _history(trajectory: Trajectory, action: str, batch: ImportBatch) -> None:
    TrajectoryHistory.objects.create(
        trajectory=trajectory,
        batch=batch,
        action=action,
        data={
            "trajectory_id": trajectory.trajectory_id,
            "client": trajectory.client.pseudonym,
            "municipality": trajectory.municipality.code,
            "care_unit": trajectory.care_unit.code,
            "quadrant": trajectory.quadrant,
            "start_date": trajectory.start_date.isoformat(),
            "end_date": trajectory.end_date.isoformat() if trajectory.end_date else None,
            "end_reason": trajectory.end_reason,
            "withdrawn": trajectory.withdrawn_at is not None,
        },
    )


def _key(message: Message, client: Client | None, p: Product) -> dict[str, Any]:
    return {
        "afzender": message.afzender,
        "ontvanger": message.ontvanger,
        "client": client,
        "categorie": p.categorie or "",
        "code": p.code or "",
        "begindatum": p.begin,
    }


def _check(message: Message, client: Client | None, p: Product) -> tuple[str, str] | None:
    """The cross-message rule ``p`` breaks, as (retour code, text), or ``None``."""
    key = _key(message, client, p)
    delivery = Delivery.objects.filter(**key).first() if client is not None else None
    current = delivery if delivery is not None and not delivery.withdrawn else None
    what = f"{message.product_element} {p.index}"
    if message.is_start and p.status == "1":
        if current is not None:
            return "9074", f"{what}: this delivery (product and begin date) was started before"
        if client is not None:
            others = Delivery.objects.filter(
                afzender=message.afzender,
                ontvanger=message.ontvanger,
                client=client,
                categorie=key["categorie"],
                code=key["code"],
                withdrawn=False,
            ).exclude(begindatum=p.begin)
            for other in others:
                if not other.stops.filter(withdrawn=False).exists():
                    return "9326", f"{what}: the delivery begun {other.begindatum} has not been stopped"
        return None
    if message.is_start:  # status 3
        if current is None:
            return "9063", f"{what}: there is no start with this product and begin date to withdraw"
        if current.stops.filter(withdrawn=False).exists():
            return "9071", f"{what}: this start has a stop; withdraw the stop first"
        return None
    if current is None:
        return "9069", f"{what}: there is no current start with this product and begin date"
    stops = list(current.stops.filter(withdrawn=False).order_by("einddatum", "id"))
    if p.status == "3":
        if not any(s.reden == p.reden and s.einddatum == p.end for s in stops):
            return "9063", f"{what}: there is no stop with this reason and end date to withdraw"
        return None
    if any(s.reden == p.reden and s.einddatum == p.end for s in stops):
        return "9074", f"{what}: this stop was received before"
    if any(s.reden != "20" for s in stops):
        return "9415", f"{what}: this delivery was stopped definitively before"
    if stops and p.reden == "20":
        return "9413", f"{what}: after a temporary stop (20) only a definitive stop may follow"
    if stops and p.end is not None and p.end < stops[-1].einddatum:
        return "9414", f"{what}: the end date is before the end date {stops[-1].einddatum} of the current stop"
    return None


def _apply(message: Message, report: FileReport, digest: str, user: Any, day: dt.date, outcome: MessageOutcome) -> None:
    assert message.bsn is not None and message.afzender is not None and message.ontvanger is not None
    # every product is checked against the database as it stands after the products before it
    warnings: list[Issue] = []
    batch = ImportBatch.objects.create(
        filename=report.file[-255:], imported_by=user, status=ImportBatch.Status.DONE, rows=len(message.products)
    )
    client = _client_for(message.bsn)
    received = ReceivedMessage.objects.create(
        kind=message.kind,
        afzender=message.afzender,
        ontvanger=message.ontvanger,
        identificatie=message.identificatie or "",
        dagtekening=message.date,
        sha256=digest,
        filename=report.file[-255:],
        client=client,
        batch=batch,
    )
    unit = _care_unit(message.afzender, warnings)
    municipality = _municipality(message.ontvanger, warnings)
    failures: list[Issue] = []
    codes: dict[int, list[str]] = {}
    for p in message.products:
        broken = _check(message, client, p)
        if broken is not None:
            codes[p.index] = [broken[0]]
            failures.append(Issue(f"TR{_RULE_OF[broken[0]]}", p.path, broken[1]))
            continue
        trajectory = _effect(message, p, client, unit, municipality, received, batch)
        outcome.trajectories.append(trajectory.trajectory_id)
    if failures:
        raise _Refused(failures, [], codes)
    outcome.status, outcome.warnings, outcome.client = "imported", warnings, client.pseudonym
    outcome.retour_codes = ["0200"]
    retour = _retour(report, day, product_codes={p.index: ["0200"] for p in message.products}, with_client=True)
    outcome.retour = retour
    received.retour = retour.decode()
    received.save(update_fields=["retour"])
    batch.created = sum(1 for p in message.products if message.is_start and p.status == "1")
    batch.updated = len(message.products) - batch.created
    batch.warnings = [f"{report.file}: {w.path}: {w.text}" for w in warnings]
    batch.finished_at = timezone.now()
    batch.save(update_fields=["created", "updated", "warnings", "finished_at"])
    logger.info(
        "iJw %s %s from %s imported (%d products)",
        message.kind,
        message.identificatie,
        message.afzender,
        len(message.products),
    )


_RULE_OF = {
    "9074": "074",
    "9326": "326",
    "9063": "063",
    "9071": "071",
    "9069": "382",
    "9413": "413",
    "9414": "414",
    "9415": "415",
}


def _effect(
    message: Message,
    p: Product,
    client: Client,
    unit: CareUnit,
    municipality: Municipality,
    received: ReceivedMessage,
    batch: ImportBatch,
) -> Trajectory:
    key = _key(message, client, p)
    begin = p.begin
    assert begin is not None
    if message.is_start and p.status == "1":
        delivery = Delivery.objects.filter(**key).select_related("trajectory").first()
        if delivery is not None:  # re-sent after a withdrawal (IV008)
            delivery.withdrawn = False
            delivery.start_message = received
            delivery.save(update_fields=["withdrawn", "start_message"])
            trajectory = delivery.trajectory
            trajectory.withdrawn_at = None
            trajectory.end_date, trajectory.end_reason = None, ""
            trajectory.save(update_fields=["withdrawn_at", "end_date", "end_reason", "updated_at"])
            _history(trajectory, TrajectoryHistory.Action.UPDATED, batch)
            return trajectory
        trajectory = Trajectory.objects.create(
            trajectory_id=trajectory_id_for(
                message.afzender or "", message.ontvanger or "", client.pseudonym, key["categorie"], key["code"], begin
            ),
            client=client,
            municipality=municipality,
            area=unit.area,
            care_unit=unit,
            quadrant=quadrant_for(p.categorie, unit.kind == CareUnit.Kind.AREA_TEAM),
            start_date=begin,
        )
        Delivery.objects.create(**key, trajectory=trajectory, start_message=received)
        _history(trajectory, TrajectoryHistory.Action.CREATED, batch)
        return trajectory
    delivery = Delivery.objects.select_related("trajectory").get(**key)
    trajectory = delivery.trajectory
    if message.is_start:  # withdraw the start
        delivery.withdrawn = True
        delivery.save(update_fields=["withdrawn"])
        trajectory.withdrawn_at = timezone.now()
        trajectory.save(update_fields=["withdrawn_at", "updated_at"])
        _history(trajectory, TrajectoryHistory.Action.WITHDRAWN, batch)
        return trajectory
    if p.status == "1":
        assert p.reden is not None and p.end is not None
        Stop.objects.create(delivery=delivery, reden=p.reden, einddatum=p.end, message=received)
    else:
        stop = delivery.stops.filter(withdrawn=False, reden=p.reden, einddatum=p.end).first()
        assert stop is not None
        stop.withdrawn = True
        stop.save(update_fields=["withdrawn"])
    latest = delivery.stops.filter(withdrawn=False).order_by("-einddatum", "-id").first()
    trajectory.end_date = latest.einddatum if latest else None
    trajectory.end_reason = latest.reden if latest else ""
    trajectory.save(update_fields=["end_date", "end_reason", "updated_at"])
    _history(trajectory, TrajectoryHistory.Action.UPDATED, batch)
    return trajectory
