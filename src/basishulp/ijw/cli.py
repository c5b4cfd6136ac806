"""``basishulp ijw validate | import | export`` (docs/ijw.md).

``validate`` needs no database: it judges each message on its own and prints the JSON
contract of the issue (exit 0 also when messages are invalid; 2 only when a path
cannot be read). ``import`` and ``export`` work on the database (Django is set up by
the console command).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

__all__ = ["DATABASE_COMMANDS", "add_parsers", "run"]

DATABASE_COMMANDS = ("import", "export")
XSD_ENV = "BASISHULP_IJW_XSD_DIR"


class IjwUsageError(Exception):
    """Bad input: one line on stderr, exit 2."""


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    ijw = sub.add_parser("ijw", help="iJw start/stop messages (JW305/JW307): validate, import, export")
    ijw_sub = ijw.add_subparsers(dest="ijw_command", required=True, parser_class=parser_class)

    def xsd(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--xsd-dir",
            metavar="DIR",
            help=f"directory with the iJw 3.2 XSDs (default: ${XSD_ENV}; without it the XSD check is skipped)",
        )

    p = ijw_sub.add_parser(
        "validate",
        help="judge each message on its own (XSD, code lists, within-message rules)",
        description="Judge each message on its own: XML, XSD (when the schemas are given), structure, code "
        "lists and the within-message rules. Exit 0 also when messages are invalid; 2 when a path cannot be read.",
    )
    p.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    xsd(p)
    p.add_argument("--json", action="store_true", help="print one JSON document")

    p = ijw_sub.add_parser(
        "import",
        help="import JW305/JW307 messages into trajectories (all-or-nothing per message, idempotent)",
    )
    p.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    xsd(p)
    p.add_argument("--retour-dir", metavar="DIR", help="write the retour messages (JW306/JW308) here")
    p.add_argument("--json", action="store_true", help="print one JSON document")

    p = ijw_sub.add_parser("export", help="write JW305/JW307 messages for the trajectories of a period")
    p.add_argument("--period", required=True, help="2023, 2023-H1, 2023-Q2 or 2023-05")
    p.add_argument("--municipality", required=True, help="GM code or name (Heerlen, Landgraaf, Voerendaal)")
    p.add_argument("--out", required=True, metavar="DIR", help="directory to write the messages to")
    p.add_argument("--json", action="store_true", help="print one JSON document")


def _schemas(args: argparse.Namespace) -> Any:
    from .domain.xsd import SchemaError, load_schemas

    directory = args.xsd_dir or os.environ.get(XSD_ENV) or ""
    if not directory:
        return None
    try:
        return load_schemas(directory)
    except SchemaError as exc:
        raise IjwUsageError(str(exc)) from None


def _print(document: Any) -> None:
    print(json.dumps(document, ensure_ascii=False, indent=2))


def _validate(args: argparse.Namespace) -> int:
    from .domain.validate import message_files, validate_file

    schemas = _schemas(args)
    try:
        files = list(message_files(args.paths))
        reports = [validate_file(path, schemas) for path in files]
    except OSError as exc:
        raise IjwUsageError(str(exc)) from None
    if args.json:
        _print(
            {
                "xsd": {"checked": schemas is not None, "dir": str(schemas.directory) if schemas else None},
                "messages": [r.as_json() for r in reports],
            }
        )
        return 0
    if schemas is None:
        print(f"note: XSD check skipped (no --xsd-dir and no ${XSD_ENV})", file=sys.stderr)
    for r in reports:
        print(f"{r.file}: {'valid' if r.valid else 'INVALID'} ({r.message_id or '-'})")
        for e in r.errors:
            print(f"  {e.rule} {e.path}: {e.text}")
        for w in r.warnings:
            print(f"  warning {w.rule} {w.path}: {w.text}")
    print(f"{sum(r.valid for r in reports)} of {len(reports)} message(s) valid")
    return 0


def _import(args: argparse.Namespace) -> int:
    from .services import import_messages, read_files

    schemas = _schemas(args)
    try:
        reports = read_files(args.paths, schemas)
    except OSError as exc:
        raise IjwUsageError(str(exc)) from None
    if not reports:
        raise IjwUsageError(f"no .xml files in {', '.join(args.paths)}")
    outcomes = import_messages(reports)
    if args.retour_dir:
        directory = Path(args.retour_dir)
        directory.mkdir(parents=True, exist_ok=True)
        for o in outcomes:
            if o.retour is not None:
                (directory / f"retour_{Path(o.report.file).name}").write_bytes(o.retour)
    counts = {s: sum(o.status == s for o in outcomes) for s in ("imported", "unchanged", "rejected")}
    if args.json:
        _print({"xsd": {"checked": schemas is not None}, **counts, "messages": [o.as_json() for o in outcomes]})
    else:
        if schemas is None:
            print(f"note: XSD check skipped (no --xsd-dir and no ${XSD_ENV})", file=sys.stderr)
        for o in outcomes:
            print(f"{o.report.file}: {o.status} ({', '.join(o.retour_codes) or 'no retour'})")
            for e in o.report.errors + o.errors:
                print(f"  {e.rule} {e.path}: {e.text}")
            for w in o.report.warnings + o.warnings:
                print(f"  warning {w.rule} {w.path}: {w.text}")
        print(f"{counts['imported']} imported, {counts['unchanged']} unchanged, {counts['rejected']} rejected")
    return 0


def _export(args: argparse.Namespace) -> int:
    from basishulp.kpi.domain.periods import PeriodError, parse_period
    from basishulp.trajecten.domain.reference import municipality_code

    from .export import export_period

    try:
        period = parse_period(args.period)
    except PeriodError as exc:
        raise IjwUsageError(str(exc)) from None
    code = municipality_code(args.municipality)
    if code is None:
        raise IjwUsageError(
            f"unknown municipality {args.municipality!r}: give a GM code or Heerlen/Landgraaf/Voerendaal"
        )
    result = export_period(period, code, args.out)
    if args.json:
        _print(
            {
                "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
                "municipality": code,
                **result.as_json(),
            }
        )
    else:
        print(f"{result.starts} start(s) and {result.stops} stop(s) written to {args.out}")
        for s in result.skipped:
            print(f"  skipped {s['trajectory_id']}: {s['reason']}")
    return 0


def run(args: argparse.Namespace) -> int:
    handler = {"validate": _validate, "import": _import, "export": _export}[args.ijw_command]
    try:
        return handler(args)
    except IjwUsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
