"""Writes of the comparisons app: importing published figures and CBS figures.

Rules (both imports):
- **Validation first** with the pure readers (:mod:`.domain.published`,
  :mod:`.domain.cbs`): every problem is collected with file, line and column; any
  problem means nothing is stored (:class:`~.domain.csvtext.ImportFileError`).
- **All-or-nothing**: the rows are stored in one transaction.
- **Idempotent**: a row is identified by its key (source, period, scope, measure /
  region code, year); a known key with changed values is updated, an unchanged one is
  left alone; the counts of each are returned. Rows absent from the file are kept.
- A CBS file may hold only the youth counts or only the young people: the other
  figure of a region and year is left as it is. Each figure keeps the source of the
  file it came from (re-importing the same numbers from another file updates the
  source); ``source`` names both when they differ.
- The log gets the file name and the counts, never the figures.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.db import transaction

from .domain.cbs import parse_cbs
from .domain.csvtext import FieldError, ImportFileError
from .domain.published import SOURCE_MAX_LENGTH, parse_published
from .models import CbsFigure, PublishedFigure, combined_source

__all__ = ["ImportFileError", "ImportResult", "import_cbs", "import_published"]

logger = logging.getLogger(__name__)

Source = str | Path | bytes | IO[bytes]
#: The largest file read (a StatLine export of every municipality is far smaller).
MAX_BYTES = 20 * 1024 * 1024


@dataclass
class ImportResult:
    file: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)

    def document(self) -> dict[str, Any]:
        """The JSON document of the command line (data-formats.md §2)."""
        doc: dict[str, Any] = {
            "file": self.file,
            "status": "imported",
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "warnings": self.warnings,
        }
        if self.years:
            doc["years"] = self.years
            doc["regions"] = self.regions
        return doc


def _read(source: Source, filename: str | None) -> tuple[bytes, str]:
    if isinstance(source, str | Path):
        name = filename or str(source)
        try:
            with open(source, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            message = f"cannot read the file: {exc.strerror or exc}"
            raise ImportFileError([FieldError(name, None, None, message)]) from None
    elif isinstance(source, bytes):
        name, data = filename or "upload.csv", source
    else:
        name = filename or os.path.basename(getattr(source, "name", "") or "upload.csv")
        data = source.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImportFileError([FieldError(name, None, None, f"the file is larger than {MAX_BYTES // 1024 // 1024} MB")])
    return data, name


def import_published(source: Source, *, filename: str | None = None, acting_user: Any = None) -> ImportResult:
    """Import published figures (docs/comparisons.md §2); all or nothing.

    ``filename`` names the file in errors and in the result (for an upload: the name
    the user gave it). Raises :class:`ImportFileError` listing every problem.
    """
    data, name = _read(source, filename)
    parsed = parse_published(data, name)
    result = ImportResult(name, rows=len(parsed.rows), warnings=list(parsed.warnings))
    with transaction.atomic():
        sources = {row.source for row in parsed.rows}
        existing = {
            (f.source, f.period, f.scope, f.measure): f for f in PublishedFigure.objects.filter(source__in=sources)
        }
        for row in parsed.rows:
            figure = existing.get(row.key)
            if figure is None:
                PublishedFigure.objects.create(
                    source=row.source, period=row.period, scope=row.scope, measure=row.measure, value=row.value,
                    cause=row.cause,
                )  # fmt: skip
                result.created += 1
                continue
            cause = row.cause if parsed.has_cause else figure.cause
            if Decimal(figure.value) == row.value and figure.cause == cause:
                result.unchanged += 1
                continue
            figure.value, figure.cause = row.value, cause
            figure.save(update_fields=["value", "cause", "updated_at"])
            result.updated += 1
    logger.info(
        "published figures imported from %s: %d created, %d updated, %d unchanged (user %s)",
        name, result.created, result.updated, result.unchanged, getattr(acting_user, "pk", None),
    )  # fmt: skip
    return result


def import_cbs(
    source: Source, *, filename: str | None = None, label: str | None = None, acting_user: Any = None
) -> ImportResult:
    """Import a CBS StatLine CSV export (docs/comparisons.md §3); all or nothing.

    ``label`` is stored as the source of the figures (default: ``CBS StatLine:`` and
    the file name). Raises :class:`ImportFileError` listing every problem.
    """
    data, name = _read(source, filename)
    parsed = parse_cbs(data, name)
    too_long = [r for r in parsed.rows if len(r.region_name) > CbsFigure._meta.get_field("region_name").max_length]
    if too_long:
        raise ImportFileError(
            [FieldError(name, r.line, None, f"the region name {r.region_name!r} is too long") for r in too_long]
        )
    text = (label or f"CBS StatLine: {os.path.basename(name)}")[:SOURCE_MAX_LENGTH]
    result = ImportResult(
        name,
        rows=len(parsed.rows),
        warnings=list(parsed.warnings),
        years=sorted({r.year for r in parsed.rows}),
        regions=sorted({r.region_code for r in parsed.rows}),
    )
    with transaction.atomic():
        existing = {
            (f.region_code, f.year): f
            for f in CbsFigure.objects.filter(year__in=result.years, region_code__in=result.regions)
        }
        for row in parsed.rows:
            values: dict[str, Any] = {"region_name": row.region_name}
            if parsed.has_youth:
                values |= {"youth_with_care": row.youth_with_care, "youth_source": text}
            if parsed.has_young:
                values |= {"young_people": row.young_people, "young_source": text}
            figure = existing.get((row.region_code, row.year))
            if figure is None:
                figure = CbsFigure(region_code=row.region_code, year=row.year, **values)
                figure.source = combined_source(figure.youth_source, figure.young_source)
                figure.save()
                result.created += 1
                continue
            changed = [k for k, v in values.items() if getattr(figure, k) != v]
            if not changed:
                result.unchanged += 1
                continue
            for key in changed:
                setattr(figure, key, values[key])
            figure.source = combined_source(figure.youth_source, figure.young_source)
            figure.save(update_fields=[*changed, "source", "updated_at"])
            result.updated += 1
    logger.info(
        "CBS figures imported from %s: %d created, %d updated, %d unchanged (user %s)",
        name, result.created, result.updated, result.unchanged, getattr(acting_user, "pk", None),
    )  # fmt: skip
    return result
