"""The ``basishulp`` console command.

File-based commands (``kpi``) start without Django; database commands
(``import``, ``demo``, ``demo-data``, ``manage``) set Django up lazily. Contract
(data-formats.md §2): exit 0 on success, 2 on bad input with one line on stderr,
``--json`` prints exactly one JSON document on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any

__all__ = ["UsageError", "main"]


class UsageError(Exception):
    """Bad input from the user: reported as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def _add_period_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--period", help="2023, 2023-H1, 2023-Q2 or 2023-05")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="first day (inclusive)")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="last day (inclusive)")
    p.add_argument(
        "--as-of", dest="as_of", metavar="YYYY-MM-DD", help="reporting date (default: latest date in the data)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="basishulp", description="Basishulp Jeugd: client flows, money and steering.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    kpi = sub.add_parser("kpi", help="compute KPIs from a trajectories.csv file")
    kpi_sub = kpi.add_subparsers(dest="kpi_command", required=True, parser_class=_Parser)
    for name, text in (("flows", "begin, inflow, outflow, end and monthly average"), ("journeys", "journey KPIs")):
        p = kpi_sub.add_parser(
            name, help=text, description=f"{text.capitalize()} per municipality (data-formats.md §2)."
        )
        p.add_argument("file", metavar="TRAJECTORIES.csv")
        _add_period_args(p)
        p.add_argument("--json", action="store_true", help="print one JSON document")
        p.add_argument(
            "--engine",
            choices=("duckdb", "reference"),
            default="duckdb",
            help="duckdb: the Ibis engine (default); reference: the pure-Python definition",
        )

    from basishulp.finance.cli import add_parsers as add_finance_parsers

    add_finance_parsers(sub, _Parser)

    from basishulp.ijw.cli import add_parsers as add_ijw_parsers

    add_ijw_parsers(sub, _Parser)

    from basishulp.forecast.cli import add_parsers as add_forecast_parsers

    add_forecast_parsers(sub, _Parser)

    from basishulp.forecast.scenario_cli import add_parsers as add_scenario_parsers

    add_scenario_parsers(sub, _Parser)

    from basishulp.comparisons.cli import add_parsers as add_comparisons_parsers

    add_comparisons_parsers(sub, _Parser)

    from basishulp.reports.cli import add_parsers as add_report_parsers

    add_report_parsers(sub, _Parser)

    imp = sub.add_parser("import", help="import a file into the database")
    imp_sub = imp.add_subparsers(dest="import_command", required=True, parser_class=_Parser)
    p = imp_sub.add_parser("trajectories", help="import trajectories.csv (all-or-nothing, idempotent)")
    p.add_argument("file", metavar="TRAJECTORIES.csv")
    p.add_argument("--json", action="store_true", help="print one JSON document")

    p = sub.add_parser("demo-data", help="generate the calibrated synthetic HLV data set")
    p.add_argument("--csv", metavar="OUT", help="write the trajectories to this CSV file instead of the database")
    p.add_argument("--seed", type=int, default=None, help="random seed (default: the calibrated seed)")
    p.add_argument("--json", action="store_true", help="print one JSON document")

    p = sub.add_parser("demo", help="create the SQLite database, load the demo data and serve the web app")
    p.add_argument("--addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
    p.add_argument("--no-serve", action="store_true", help="prepare the database but do not start the server")

    bsn = sub.add_parser("bsn", help="the BSNs stored with help requests")
    bsn_sub = bsn.add_subparsers(dest="bsn_command", required=True, parser_class=_Parser)
    p = bsn_sub.add_parser(
        "rotate",
        help="re-encrypt every stored BSN under the first key of BASISHULP_BSN_KEYS",
        description="Re-encrypt every stored BSN under the first key of BASISHULP_BSN_KEYS (all-or-nothing). "
        "Put the new key first, keep the old ones after it, run this, then drop the old keys.",
    )
    p.add_argument("--json", action="store_true", help="print one JSON document")

    audit = sub.add_parser("audit", help="the access log")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True, parser_class=_Parser)
    p = audit_sub.add_parser(
        "verify",
        help="check the hash chain of the access log; exit 1 when it is broken",
        description="Check the hash chain of the access log and report the first broken entry (exit 1). With "
        "--checkpoint FILE also check that the entry recorded there at the last run is still there unchanged "
        "(a cut tail), then record the newest entry.",
    )
    p.add_argument("--checkpoint", metavar="FILE", help="checkpoint file, best kept on another system")
    p.add_argument("--json", action="store_true", help="print one JSON document")

    token = sub.add_parser("api-token", help="tokens for the REST API (docs/api.md)")
    token_sub = token.add_subparsers(dest="token_command", required=True, parser_class=_Parser)
    p = token_sub.add_parser("create", help="create a token for a user; it is printed once and stored only hashed")
    p.add_argument("username")
    p.add_argument("name", help="what the token is for, e.g. 'Power BI Heerlen'")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p = token_sub.add_parser("revoke", help="revoke the tokens whose prefix is given")
    p.add_argument("prefix", help="the first 8 characters of the token")
    p.add_argument("--json", action="store_true", help="print one JSON document")

    p = sub.add_parser("manage", help="run a Django management command", add_help=False)
    p.add_argument("args", nargs=argparse.REMAINDER)
    return parser


def _period(args: argparse.Namespace) -> Any:
    from basishulp.kpi.domain.periods import PeriodError, parse_period, period_from_dates

    try:
        if args.period and (args.date_from or args.date_to):
            raise UsageError("give either --period or --from/--to, not both")
        if args.period:
            return parse_period(args.period)
        if args.date_from and args.date_to:
            return period_from_dates(args.date_from, args.date_to)
        raise UsageError("a period is required: --period P or --from YYYY-MM-DD --to YYYY-MM-DD")
    except PeriodError as exc:
        raise UsageError(str(exc)) from None


def _as_of(args: argparse.Namespace) -> date | None:
    from basishulp.kpi.domain.periods import PeriodError, parse_date

    if not args.as_of:
        return None
    try:
        return parse_date(args.as_of, "--as-of date")
    except PeriodError as exc:
        raise UsageError(str(exc)) from None


def _cmd_kpi(args: argparse.Namespace) -> int:
    from basishulp.kpi import contract
    from basishulp.kpi.service import compute_file_kpis
    from basishulp.trajecten.domain.csvfile import TrajectoryFileError

    period = _period(args)
    as_of = _as_of(args)
    try:
        result = compute_file_kpis(args.file, args.kpi_command, period, as_of, engine=args.engine)
    except TrajectoryFileError as exc:
        raise UsageError(str(exc)) from None
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.kpi_command == "flows":
        if args.json:
            _print_json(contract.flows_document(period, result.as_of, result.rows))
        else:
            print(contract.flows_table(period, result.as_of, result.rows))
    else:
        if args.json:
            _print_json(contract.journeys_document(period, result.as_of, result.rows))
        else:
            print(contract.journeys_table(period, result.as_of, result.rows))
    return 0


def _cmd_finance(args: argparse.Namespace) -> int:
    from basishulp.finance.cli import DATABASE_COMMANDS, run
    from basishulp.finance.domain.money import MoneyError

    if args.finance_command in DATABASE_COMMANDS:
        _setup_django()
        _require_migrated()
    try:
        document, table = run(args)
    except MoneyError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        _print_json(document)
    else:
        print(table)
    return 0


def _print_json(document: Any) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "basishulp.conf.dev")
    import django

    django.setup()


def _require_migrated() -> None:
    """A clear error instead of a traceback when the database is missing tables."""
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor
    from django.db.utils import DatabaseError

    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        raise UsageError(f"cannot open the database: {exc}") from None
    if pending:
        raise UsageError(
            f"the database is not up to date ({len(pending)} migrations to apply): "
            "run 'basishulp manage migrate' first (or 'make demo' for the demo database)"
        )


def _cmd_manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "basishulp.conf.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["basishulp manage", *args.args])
    return 0


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "kpi":
        return _cmd_kpi(args)
    if args.command == "finance":
        return _cmd_finance(args)
    if args.command == "manage":
        return _cmd_manage(args)
    if args.command == "ijw":
        from basishulp.ijw.cli import DATABASE_COMMANDS, run

        if args.ijw_command in DATABASE_COMMANDS:
            _setup_django()
            _require_migrated()
        return run(args)
    if args.command in ("published", "cbs"):
        from basishulp.comparisons.cli import run as run_comparisons

        _setup_django()
        _require_migrated()
        return run_comparisons(args)
    if args.command == "scenario":  # read the file first: a bad file needs no database
        from basishulp.forecast.scenario_cli import read_scenario

        try:
            args.spec = read_scenario(args)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    _setup_django()
    if args.command != "demo":  # the demo command migrates itself
        _require_migrated()
    from basishulp import commands

    handler = {
        "import": commands.import_file,
        "demo-data": commands.demo_data,
        "demo": commands.demo,
        "bsn": commands.bsn_rotate,
        "audit": commands.audit_verify,
        "api-token": commands.api_token,
        "forecast": commands.forecast,
        "scenario": commands.scenario,
        "backtest": commands.backtest,
        "report": commands.report,
    }[args.command]
    return handler(args)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        return _dispatch(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
