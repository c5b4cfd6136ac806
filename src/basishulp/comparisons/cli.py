"""``basishulp published import FILE`` and ``basishulp cbs import FILE`` (Django is set
up by the caller; this module imports nothing of Django at the top, so building the
parser stays cheap).

Contract (data-formats.md §2): exit 0 imported; 2 bad input with one line on stderr
(the first problem and how many more), nothing stored; 1 when the database fails.
With ``--json`` exactly one JSON document goes to stdout, for a failure too
(``"status": "failed"`` with every problem, each with line, column and message).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["COMMANDS", "add_parsers", "run"]

COMMANDS = ("published", "cbs")


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    published = sub.add_parser("published", help="figures published earlier, for the reconciliation")
    published_sub = published.add_subparsers(dest="published_command", required=True, parser_class=parser_class)
    p = published_sub.add_parser(
        "import",
        help="import published figures from a CSV file (all-or-nothing, idempotent)",
        description="Columns source, period, scope, measure, value and optionally cause; ';' or ',' separated, "
        "UTF-8, Dutch numbers such as 2.306 and 1.153,5 accepted (docs/comparisons.md).",
    )
    p.add_argument("file", metavar="FILE.csv")
    p.add_argument("--json", action="store_true", help="print one JSON document")

    cbs = sub.add_parser("cbs", help="CBS figures for the benchmark")
    cbs_sub = cbs.add_subparsers(dest="cbs_command", required=True, parser_class=parser_class)
    p = cbs_sub.add_parser(
        "import",
        help="import a StatLine CSV export: youth with youth care and/or young people 0-17 (all-or-nothing)",
        description="A CSV export of StatLine (Downloaden, CSV) with the columns Perioden, Regio's and the "
        "number of young people with youth care and/or of young people aged 0 to 17 (docs/comparisons.md).",
    )
    p.add_argument("file", metavar="FILE.csv")
    p.add_argument("--source", help="text stored as the source of the figures (default: CBS StatLine: FILE)")
    p.add_argument("--json", action="store_true", help="print one JSON document")


def run(args: argparse.Namespace) -> int:
    from django.db import DatabaseError

    from basishulp.trajecten.cli import failed_import_document, print_json

    from .services import ImportFileError, import_cbs, import_published

    try:
        if args.command == "published":
            result = import_published(args.file, filename=args.file)
        else:
            result = import_cbs(args.file, filename=args.file, label=args.source)
    except ImportFileError as exc:
        print(f"error: {exc}; nothing was imported", file=sys.stderr)
        if args.json:
            print_json(failed_import_document(args.file, exc.errors))
        return 2
    except DatabaseError as exc:
        print(f"error: database error, nothing imported: {exc}", file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.json:
        print_json(result.document())
    else:
        print(
            f"imported {result.file}: {result.rows} rows, {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged"
        )
    return 0
