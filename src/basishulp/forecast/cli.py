"""``basishulp forecast`` (docs/forecast.md): the forecast from the database as JSON or
a table. Django is set up by the console command."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

__all__ = ["add_parsers", "run_forecast_command"]


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "forecast",
        help="forecast clients in care, costs and the result to the end of the contract period",
        description="Forecast from the trajectories known on the cut-off date: monthly clients in care with "
        "80% and 95% bands, and per year the costs against the lump sum (docs/forecast.md).",
    )
    p.add_argument("--cutoff", required=True, metavar="YYYY-MM-DD", help="the data known on this date")
    p.add_argument("--municipality", help="GM code or name (default: HLV as a whole)")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="last day (default: the end of the contract period)")
    p.add_argument("--paths", type=int, default=1000, help="simulated futures (default 1000)")
    p.add_argument("--json", action="store_true", help="print one JSON document")


def _date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{option}: {text!r} is not a date YYYY-MM-DD") from None


def run_forecast_command(args: argparse.Namespace) -> int:
    from basishulp.trajecten.domain.reference import municipality_code

    from .services import ForecastError, run_forecast

    try:
        cutoff = _date(args.cutoff, "--cutoff")
        until = _date(args.until, "--until") if args.until else None
        if not 10 <= args.paths <= 20000:
            raise ValueError("--paths: give a number from 10 to 20000")
        code = None
        if args.municipality and args.municipality.upper() != "HLV":
            code = municipality_code(args.municipality)
            if code is None:
                raise ValueError(f"unknown municipality {args.municipality!r}")
        result = run_forecast(cutoff, code, until=until, paths=args.paths)
    except (ValueError, ForecastError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    document = result.as_json()
    if args.json:
        print(json.dumps(document, ensure_ascii=False))
        return 0
    print(f"Forecast {document['scope']}, data known on {document['cutoff']}")
    print(f"{'month':8} {'in care':>8} {'80% band':>15} {'95% band':>15}")
    for m in document["months"]:
        low80, high80 = m["in_care_80"]
        low95, high95 = m["in_care_95"]
        print(f"{m['month']:8} {m['in_care']:>8} {low80:>7}-{high80:<7} {low95:>7}-{high95:<7}")
    print()
    print(
        f"{'year':4} {'clients':>8} {'norm':>6} {'costs':>12} {'lump sum':>12} {'result':>12} {'result 80% band':>25}"
    )
    for y in document["years"]:
        band = y["result_80"]
        print(
            f"{y['year']:4} {y['average_clients']:>8} {y['client_norm'] or '-':>6} {y['costs']:>12,} "
            f"{(y['lump_sum'] or 0):>12,} {(y['result'] or 0):>12,} "
            f"{(f'{band[0]:,} / {band[1]:,}' if band else '-'):>25}{' *' if y['lump_sum_assumed'] else ''}"
        )
    for note in document["assumptions"]:
        print(f"note: {note}")
    return 0
