"""Writes for trajectories: importing ``trajectories.csv`` (data-formats.md §1).

Rules of :func:`trajectories_import`:

- **Validation first, reusing the pure reader** (:mod:`.domain.csvfile`): every error
  is collected with file, line and column; any error means nothing is imported. Values
  longer than the database columns are errors too (they are a database limit, so they
  are checked here and not in the pure reader).
- **All-or-nothing**: the whole import runs in one transaction. A failed import leaves
  only an :class:`~.models.ImportBatch` with status ``failed`` and the errors, written
  after the rollback.
- **Idempotent on** ``trajectory_id``: a known id whose values changed is updated, an
  unchanged one is left untouched, a new one is created; counts of each are kept on
  the batch. Trajectories in the database that are absent from the file are kept.
- **History**: every created or updated trajectory gets a
  :class:`~.models.TrajectoryHistory` row (values after the change, as primitives) in
  the same transaction.
- **Unknown reference codes** do not fail the import; they are created and reported
  as warnings: a care unit with kind ``onbekend``, an area under the municipality of
  the first row that uses it, a ``GMnnnn`` municipality with its code as name.
- **Bulk**: reference tables are loaded into dicts once; rows are processed in chunks
  of ``CHUNK_SIZE`` with one query per chunk for clients and for existing
  trajectories, ``bulk_create`` for new rows and one ``executemany`` UPDATE per chunk
  for changed rows. ``progress(done,
  total)`` is called after each chunk.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from django.db import DatabaseError, connections, router, transaction
from django.utils import timezone

from .domain.csvfile import FieldError, TrajectoryFileError, parse_trajectories, read_trajectories, write_trajectories
from .domain.records import TrajectoryRecord
from .models import Area, CareUnit, Client, ImportBatch, Municipality, Trajectory, TrajectoryHistory

__all__ = ["CHUNK_SIZE", "ProgressCallback", "rotate_bsn_keys", "trajectories_import"]

logger = logging.getLogger(__name__)

CHUNK_SIZE = 1000
#: A failed batch stores at most this many errors (plus one line saying how many more).
MAX_STORED_ERRORS = 1000

ProgressCallback = Callable[[int, int], None]

# Values compared to decide "unchanged": the foreign keys as ids, then the plain fields.
_COMPARED_FIELDS = (
    "client_id",
    "municipality_id",
    "area_id",
    "care_unit_id",
    "quadrant",
    "start_date",
    "end_date",
    "end_reason",
    "referrer_type",
)
_UPDATED_FIELDS = [f.removesuffix("_id") for f in _COMPARED_FIELDS] + ["updated_at"]


def trajectories_import(
    *,
    records: Sequence[TrajectoryRecord] | None = None,
    path: str | Path | None = None,
    filename: str,
    acting_user: Any = None,
    progress: ProgressCallback | None = None,
) -> ImportBatch:
    """Import trajectories from a file (``path``) or from ``records``; all or nothing.

    ``filename`` names the source in the batch and in error messages (for an upload:
    the name the user gave the file, not the temporary path). Returns the batch with
    the counts (``created``, ``updated``, ``unchanged``) and ``warnings``. Raises
    :class:`~.domain.csvfile.TrajectoryFileError` listing every error; then nothing
    is stored except a failed batch.
    """
    if (records is None) == (path is None):
        raise TypeError("give exactly one of records= or path=")
    user = acting_user if getattr(acting_user, "pk", None) is not None else None
    try:
        if path is not None:
            valid, warnings = _read_file(path, filename)
        else:
            valid, warnings = _validate_records(records or (), filename), []
    except TrajectoryFileError as exc:
        _record_failure(filename, user, exc.errors)
        raise
    try:
        with transaction.atomic():
            return _store(valid, warnings, filename=filename, user=user, progress=progress)
    except DatabaseError as exc:
        _record_failure(filename, user, [FieldError(filename, None, None, f"database error: {exc}")])
        raise


# --- validation --------------------------------------------------------------------------


def _read_file(path: str | Path, filename: str) -> tuple[list[TrajectoryRecord], list[str]]:
    """Read and validate a file; errors and warnings name ``filename``, not ``path``."""
    source = str(path)
    try:
        parsed = read_trajectories(path)
    except TrajectoryFileError as exc:
        raise TrajectoryFileError([_rename(e, source, filename) for e in exc.errors]) from None
    warnings = [filename + w[len(source) :] if w.startswith(source) else w for w in parsed.warnings]
    _check_lengths(parsed.records, filename, lambda: Path(path).read_bytes().decode("utf-8-sig"))
    return parsed.records, warnings


def _validate_records(records: Iterable[TrajectoryRecord], filename: str) -> list[TrajectoryRecord]:
    """Validate records given in memory with the same rules as a file (BSN, codes, dates)."""
    buffer = io.StringIO()
    write_trajectories(records, buffer)
    text = buffer.getvalue()
    parsed = parse_trajectories(io.StringIO(text, newline=""), filename)
    _check_lengths(parsed.records, filename, lambda: text)
    return parsed.records


def _rename(error: FieldError, source: str, filename: str) -> FieldError:
    return dataclasses.replace(error, file=filename) if error.file == source else error


def _max_lengths() -> dict[str, int]:
    def size(model: Any, field: str) -> int:
        return int(model._meta.get_field(field).max_length)

    return {
        "trajectory_id": size(Trajectory, "trajectory_id"),
        "client_id": size(Client, "pseudonym"),
        "area": size(Area, "code"),
        "care_unit": size(CareUnit, "code"),
    }


def _check_lengths(records: Sequence[TrajectoryRecord], filename: str, text: Callable[[], str]) -> None:
    """Values that do not fit their database column are errors (with line and column)."""
    limits = _max_lengths()
    too_long = [
        (i, column, limit)
        for i, record in enumerate(records)
        for column, limit in limits.items()
        if len(getattr(record, column)) > limit
    ]
    if not too_long:
        return
    lines = _data_lines(text())
    raise TrajectoryFileError(
        [
            FieldError(filename, lines[i] if i < len(lines) else None, column, f"is longer than {limit} characters")
            for i, column, limit in too_long
        ]
    )


def _data_lines(text: str) -> list[int]:
    """The first physical line of every non-empty data row, as the pure reader counts them."""
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader, None)
    lines: list[int] = []
    line = 1
    for row in reader:
        start, line = line + 1, reader.line_num
        if row and any(cell.strip() for cell in row):
            lines.append(start)
    return lines


def _record_failure(filename: str, user: Any, errors: Sequence[FieldError]) -> None:
    """Store a failed batch with its errors, outside the rolled-back import."""
    stored: list[dict[str, Any]] = [dataclasses.asdict(e) for e in errors[:MAX_STORED_ERRORS]]
    if len(errors) > MAX_STORED_ERRORS:
        stored.append(
            {
                "file": filename,
                "line": None,
                "column": None,
                "message": f"... and {len(errors) - MAX_STORED_ERRORS} more errors",
            }
        )
    try:
        ImportBatch.objects.create(
            filename=filename[:255],
            imported_by=user,
            status=ImportBatch.Status.FAILED,
            errors=stored,
            finished_at=timezone.now(),
        )
    except DatabaseError:
        logger.warning("could not record the failed import of %s", filename, exc_info=True)


# --- storing ------------------------------------------------------------------------------


@dataclasses.dataclass
class _Refs:
    municipalities: dict[str, int]
    areas: dict[str, int]
    care_units: dict[str, int]


def _ensure_references(records: Sequence[TrajectoryRecord]) -> tuple[_Refs, list[str]]:
    """Load reference codes into dicts; create unknown ones, with a warning each."""
    warnings: list[str] = []
    municipalities = dict(Municipality.objects.values_list("code", "pk"))
    areas = dict(Area.objects.values_list("code", "pk"))
    care_units = dict(CareUnit.objects.values_list("code", "pk"))

    used_municipalities = Counter(r.municipality for r in records)
    for code in sorted(set(used_municipalities) - set(municipalities)):
        municipalities[code] = Municipality.objects.create(code=code, name=code).pk
        warnings.append(
            f"municipality {code} is not known: created with its code as name ({used_municipalities[code]} rows)"
        )

    area_rows: Counter[str] = Counter()
    area_municipality: dict[str, str] = {}
    for r in records:
        if r.area and r.area not in areas:
            area_rows[r.area] += 1
            area_municipality.setdefault(r.area, r.municipality)
    for code in sorted(area_rows):
        areas[code] = Area.objects.create(
            code=code, name=code, municipality_id=municipalities[area_municipality[code]]
        ).pk
        warnings.append(
            f"area {code!r} is not known: created in municipality {area_municipality[code]} ({area_rows[code]} rows)"
        )

    unit_rows = Counter(r.care_unit for r in records if r.care_unit not in care_units)
    for code in sorted(unit_rows):
        care_units[code] = CareUnit.objects.create(code=code, name=code, kind=CareUnit.Kind.UNKNOWN).pk
        warnings.append(f"care unit {code!r} is not known: created with kind 'onbekend' ({unit_rows[code]} rows)")
    return _Refs(municipalities, areas, care_units), warnings


def _ensure_clients(pseudonyms: set[str]) -> dict[str, int]:
    """Client ids by pseudonym, creating the missing clients."""
    known = dict(Client.objects.filter(pseudonym__in=pseudonyms).values_list("pseudonym", "pk"))
    missing = [Client(pseudonym=p) for p in sorted(pseudonyms - set(known))]
    if missing:
        Client.objects.bulk_create(missing, batch_size=CHUNK_SIZE)
        if any(c.pk is None for c in missing):  # backends that cannot return ids
            return dict(Client.objects.filter(pseudonym__in=pseudonyms).values_list("pseudonym", "pk"))
        known.update((c.pseudonym, c.pk) for c in missing)
    return known


def _update_trajectories(objs: Sequence[Trajectory]) -> None:
    """``UPDATE ... WHERE id = %s`` for each object in one ``executemany``.

    Django's ``bulk_update`` builds a ``CASE WHEN`` per field and row; for thousands
    of changed rows that costs seconds of Python time per thousand rows. One prepared
    statement executed many times is fast on SQLite and PostgreSQL alike.
    """
    connection = connections[router.db_for_write(Trajectory)]
    meta = Trajectory._meta
    fields = [meta.get_field(name) for name in _UPDATED_FIELDS]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
    params = [[f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] + [obj.pk] for obj in objs]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def history_data(record: TrajectoryRecord) -> dict[str, Any]:
    """The values of a trajectory after a change, as JSON primitives (codes, ISO dates)."""
    return {
        "trajectory_id": record.trajectory_id,
        "client_id": record.client_id,
        "municipality": record.municipality,
        "area": record.area,
        "care_unit": record.care_unit,
        "quadrant": record.quadrant,
        "start_date": record.start_date.isoformat(),
        "end_date": record.end_date.isoformat() if record.end_date else None,
        "end_reason": record.end_reason,
        "referrer_type": record.referrer_type,
    }


def _store(
    records: Sequence[TrajectoryRecord],
    warnings: list[str],
    *,
    filename: str,
    user: Any,
    progress: ProgressCallback | None,
) -> ImportBatch:
    batch = ImportBatch.objects.create(
        filename=filename[:255], imported_by=user, status=ImportBatch.Status.DONE, rows=len(records)
    )
    refs, reference_warnings = _ensure_references(records)
    warnings = [*warnings, *reference_warnings]
    total = len(records)
    created = updated = unchanged = 0
    for start in range(0, total, CHUNK_SIZE):
        chunk = records[start : start + CHUNK_SIZE]
        clients = _ensure_clients({r.client_id for r in chunk})
        existing = {
            row[1]: (row[0], row[2:])
            for row in Trajectory.objects.filter(trajectory_id__in=[r.trajectory_id for r in chunk]).values_list(
                "pk", "trajectory_id", *_COMPARED_FIELDS
            )
        }
        now = timezone.now()
        new: list[tuple[Trajectory, TrajectoryRecord]] = []
        changed: list[tuple[Trajectory, TrajectoryRecord]] = []
        for r in chunk:
            values = (
                clients[r.client_id],
                refs.municipalities[r.municipality],
                refs.areas[r.area] if r.area else None,
                refs.care_units[r.care_unit],
                r.quadrant,
                r.start_date,
                r.end_date,
                r.end_reason,
                r.referrer_type,
            )
            old = existing.get(r.trajectory_id)
            if old is not None and old[1] == values:
                unchanged += 1
                continue
            obj = Trajectory(trajectory_id=r.trajectory_id, **dict(zip(_COMPARED_FIELDS, values, strict=True)))
            if old is None:
                new.append((obj, r))
            else:
                obj.pk = old[0]
                obj.updated_at = now
                changed.append((obj, r))
        if new:
            Trajectory.objects.bulk_create([obj for obj, _ in new], batch_size=CHUNK_SIZE)
            if any(obj.pk is None for obj, _ in new):  # backends that cannot return ids
                ids = dict(
                    Trajectory.objects.filter(trajectory_id__in=[obj.trajectory_id for obj, _ in new]).values_list(
                        "trajectory_id", "pk"
                    )
                )
                for obj, _ in new:
                    obj.pk = ids[obj.trajectory_id]
        if changed:
            _update_trajectories([obj for obj, _ in changed])
        TrajectoryHistory.objects.bulk_create(
            [
                TrajectoryHistory(trajectory_id=obj.pk, batch=batch, action=action, data=history_data(r))
                for action, pairs in (
                    (TrajectoryHistory.Action.CREATED, new),
                    (TrajectoryHistory.Action.UPDATED, changed),
                )
                for obj, r in pairs
            ],
            batch_size=CHUNK_SIZE,
        )
        created += len(new)
        updated += len(changed)
        if progress is not None:
            progress(start + len(chunk), total)

    batch.created, batch.updated, batch.unchanged = created, updated, unchanged
    batch.warnings = warnings
    batch.finished_at = timezone.now()
    batch.save(update_fields=["created", "updated", "unchanged", "warnings", "finished_at"])
    return batch


@transaction.atomic
def rotate_bsn_keys() -> int:
    """Re-encrypt every stored BSN under the first key of ``BSN_KEYS``; all or
    nothing (a token no configured key can decrypt raises :class:`.bsn.BSNError`)."""
    from . import bsn
    from .models import Client

    clients = list(Client.objects.select_for_update().exclude(bsn_encrypted=""))
    for client in clients:
        client.bsn_encrypted = bsn.rotate(client.bsn_encrypted)
    Client.objects.bulk_update(clients, ["bsn_encrypted"], batch_size=500)
    return len(clients)
