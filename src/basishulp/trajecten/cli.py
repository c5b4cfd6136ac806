"""``basishulp import trajectories FILE [--json]`` (Django is set up by the caller).

Exit codes (data-formats.md §2): 0 imported; 2 bad input (the first line on stderr is
the one-line error, then up to ``MAX_LISTED_ERRORS`` errors, one per line); 1 when the
database fails. Nothing is stored on failure except a failed import batch. With
``--json`` exactly one JSON document goes to stdout, for a failure too (``"status":
"failed"`` with the errors). A progress indicator goes to stderr when it is a terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

__all__ = ["MAX_LISTED_ERRORS", "import_trajectories_command"]

MAX_LISTED_ERRORS = 50


def _progress_printer(stream: TextIO) -> Any:
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        stream.write(f"\rimport: {done}/{total} rows")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return show


def import_trajectories_command(args: argparse.Namespace) -> int:
    from django.db import DatabaseError

    from basishulp.trajecten.domain.csvfile import TrajectoryFileError
    from basishulp.trajecten.services import trajectories_import

    try:
        batch = trajectories_import(path=args.file, filename=args.file, progress=_progress_printer(sys.stderr))
    except TrajectoryFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        for error in exc.errors[:MAX_LISTED_ERRORS]:
            print(f"  {error}", file=sys.stderr)
        if len(exc.errors) > MAX_LISTED_ERRORS:
            print(f"  ... and {len(exc.errors) - MAX_LISTED_ERRORS} more", file=sys.stderr)
        if args.json:
            print_json(failed_import_document(args.file, exc.errors))
        return 2
    except DatabaseError as exc:
        print(f"error: database error, nothing imported: {exc}", file=sys.stderr)
        return 1

    for warning in batch.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.json:
        print_json(
            {
                "file": batch.filename,
                "status": batch.status,
                "batch": batch.pk,
                "rows": batch.rows,
                "created": batch.created,
                "updated": batch.updated,
                "unchanged": batch.unchanged,
                "warnings": batch.warnings,
            }
        )
    else:
        print(
            f"imported {batch.filename}: {batch.rows} rows, {batch.created} created, {batch.updated} updated, "
            f"{batch.unchanged} unchanged, {len(batch.warnings)} warnings"
        )
    return 0


def print_json(document: Any) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


def failed_import_document(file: str, errors: Any) -> dict[str, Any]:
    """The ``--json`` document of an import that failed: every error with its line and
    column (data-formats.md; the same for every file import)."""
    return {
        "file": file,
        "status": "failed",
        "errors": [{"line": e.line, "column": e.column, "message": e.message, "text": str(e)} for e in errors],
    }
