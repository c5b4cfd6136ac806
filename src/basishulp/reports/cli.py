"""``basishulp report``: the half-year or annual report as HTML, PDF or Excel
(docs/reports.md). Django is set up by the console command; every file made is a
logged report run (the same log as the web app's)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["add_parsers", "run_report_command"]


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "report",
        help="the half-year or annual report as HTML, PDF or Excel",
        description="The half-year or annual report for HLV or a municipality (the municipality version: its "
        "figures under disclosure control, its lump sum, share of the meerkosten and budget adjustment).",
    )
    p.add_argument("--period", required=True, help="a year (2023) or a half-year (2023-H1)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--municipality", help="name or GM code: the municipality version (default: HLV)")
    where.add_argument("--all", action="store_true", help="HLV and every municipality; --out is a directory")
    p.add_argument("--format", default="pdf", help="html, pdf or xlsx, or several with commas (default pdf)")
    p.add_argument("--out", required=True, metavar="PATH", help="the file, or a directory for several files")
    p.add_argument("--language", default="nl", choices=("nl", "en"), help="nl (default) or en")
    p.add_argument(
        "--scenario", action="append", default=[], metavar="NAME", help="add a saved scenario as an appendix"
    )
    p.add_argument("--json", action="store_true", help="print one JSON document")


def _formats(raw: str) -> list[str]:
    from .render import FORMATS

    wanted = [f.strip().lower() for f in raw.split(",") if f.strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if not wanted or bad:
        raise ValueError(f"--format: {', '.join(bad) or raw!r} is not a format; use html, pdf or xlsx")
    return list(dict.fromkeys(wanted))


def run_report_command(args: argparse.Namespace) -> int:
    """Messages in the report's language (``--language``)."""
    from django.utils import translation

    with translation.override(args.language):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from basishulp.trajecten.domain.reference import HLV_CODES

    from .builder import ReportError
    from .models import ReportRun
    from .services import execute_together, request_report

    try:
        formats = _formats(args.format)
        scopes: list[str | None] = ["HLV", *HLV_CODES] if args.all else [args.municipality]
        out = Path(args.out)
        several = len(formats) * len(scopes) > 1
        if several and out.exists() and not out.is_dir():
            raise ValueError(f"--out: {out} is a file; several reports need a directory")
        if several:
            out.mkdir(parents=True, exist_ok=True)
        elif out.is_dir():
            several = True
        elif not out.parent.exists():
            raise ValueError(f"--out: the directory {out.parent} does not exist")
        results = []
        for scope in scopes:
            runs: list[ReportRun] = []
            for fmt in formats:
                run, _created = request_report(
                    args.period, scope, fmt, args.language, None, args.scenario, source="cli"
                )
                runs.append(run)
            if not args.json and sys.stderr.isatty():  # progress for a person; scripts get one line on errors
                print(f"making {runs[0].period} {runs[0].scope_label}: {', '.join(formats)} ...", file=sys.stderr)
            execute_together(runs)
            for run in runs:
                run.refresh_from_db()
                if run.status != ReportRun.Status.DONE:
                    raise ReportError(run.error or "the report could not be made")
                target = out / run.filename() if several else out
                target.write_bytes(bytes(run.content or b""))
                results.append(
                    {
                        "path": str(target),
                        "period": run.period,
                        "scope": run.scope,
                        "format": run.format,
                        "language": run.language,
                        "bytes": run.size,
                        "sha256": run.sha256,
                        "run": run.pk,
                    }
                )
    except (ValueError, ReportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"files": results}, ensure_ascii=False))
    else:
        for r in results:
            print(f"wrote {r['path']} ({r['bytes']:,} bytes)")
    return 0
