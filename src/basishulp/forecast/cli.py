"""``basishulp forecast`` (docs/forecast.md): the forecast from the database as JSON or
a table. Django is set up by the console command."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

__all__ = ["add_parsers", "run_backtest_command", "run_forecast_command"]


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

    p = sub.add_parser(
        "backtest",
        help="cut the data at earlier month ends, forecast 12 months, compare with what followed",
        description="Backtest of the forecast: at every month end from --from to --to, the data known then, a "
        "forecast of clients in care, and the error against the full data, beside two naive forecasts (the last "
        "value; the same month a year before). Reports MAPE at 6 and 12 months and the coverage of the bands.",
    )
    p.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD", help="first cut-off")
    p.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD", help="last cut-off")
    p.add_argument("--municipality", help="GM code or name (default: HLV as a whole)")
    p.add_argument("--horizon", type=int, default=12, help="months ahead (default 12)")
    p.add_argument("--paths", type=int, default=1000, help="simulated futures per cut-off (default 1000)")
    p.add_argument("--json", action="store_true", help="print one JSON document")


def _date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{option}: {text!r} is not a date YYYY-MM-DD") from None


def _scope(municipality: str | None) -> str | None:
    """``--municipality``: ``None`` for HLV (or nothing), else the GM code; ``ValueError``
    for a name or code the system does not know."""
    from basishulp.trajecten.domain.reference import municipality_code

    if not municipality or municipality.upper() == "HLV":
        return None
    code = municipality_code(municipality)
    if code is None:
        raise ValueError(f"unknown municipality {municipality!r}")
    return code


def run_forecast_command(args: argparse.Namespace) -> int:

    from .services import ForecastError, run_forecast

    try:
        cutoff = _date(args.cutoff, "--cutoff")
        until = _date(args.until, "--until") if args.until else None
        if not 10 <= args.paths <= 20000:
            raise ValueError("--paths: give a number from 10 to 20000")
        code = _scope(args.municipality)
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


def run_backtest_command(args: argparse.Namespace) -> int:
    from basishulp.trajecten.selectors import trajectory_records

    from .domain.backtest import backtest, month_end_cutoffs

    try:
        first, last = _date(args.date_from, "--from"), _date(args.date_to, "--to")
        if last < first:
            raise ValueError("--to lies before --from")
        if not 1 <= args.horizon <= 36 or not 10 <= args.paths <= 20000:
            raise ValueError("--horizon: 1 to 36 months; --paths: 10 to 20000")
        code = _scope(args.municipality)
        records = trajectory_records()
        if not records:
            raise ValueError("there are no trajectories in the database")
        result = backtest(records, month_end_cutoffs(first, last), args.horizon, code, args.paths)
        if not result.points:
            raise ValueError("no cut-off has --horizon months of data after it")
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    aheads = sorted({a for a in (6, 12, args.horizon) if a <= args.horizon})
    methods = ("model", "last_value", "last_year")

    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 2)

    document = {
        "scope": code or "HLV",
        "cutoffs": [c.isoformat() for c in result.cutoffs],
        "horizon": args.horizon,
        "paths": args.paths,
        "mape": {str(a): {m: rounded(result.mape(a, m)) for m in methods} for a in aheads},
        "beats_both": {
            str(a): all((result.mape(a, "model") or 0) < (result.mape(a, m) or 0) for m in methods[1:]) for a in aheads
        },
        "coverage": {
            "80": rounded(result.coverage(80)),
            "95": rounded(result.coverage(95)),
            "by_ahead": {
                str(a): {"80": rounded(result.coverage(80, a)), "95": rounded(result.coverage(95, a))} for a in aheads
            },
        },
    }
    if args.json:
        print(json.dumps(document))
        return 0
    print(
        f"Backtest {document['scope']}: {len(result.cutoffs)} cut-offs, {args.horizon} months ahead, {args.paths} paths"
    )
    print(f"{'ahead':>5} {'model':>7} {'last value':>11} {'last year':>10}  MAPE %")
    for a in aheads:
        row = document["mape"][str(a)]
        verdict = "beats both" if document["beats_both"][str(a)] else "does NOT beat both"
        print(f"{a:>5} {row['model']:>7} {row['last_value']:>11} {row['last_year']:>10}  {verdict}")
    print(f"coverage of the 80% band: {document['coverage']['80']}%, of the 95% band: {document['coverage']['95']}%")
    return 0
