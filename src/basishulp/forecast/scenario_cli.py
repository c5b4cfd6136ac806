"""``basishulp scenario run FILE`` (docs/scenarios.md): a scenario next to the base
forecast, as JSON or a side-by-side table per year.

The file is read before Django is set up (:func:`read_scenario`), so a bad file is
reported even without a database; :func:`run_scenario_command` then runs both
forecasts (Django is set up by the console command)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

__all__ = ["add_parsers", "read_scenario", "run_scenario_command"]

MIN_PATHS, MAX_PATHS = 10, 20000


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("scenario", help="scenarios: the forecast with changed inputs next to the base forecast")
    scenario_sub = p.add_subparsers(dest="scenario_command", required=True, parser_class=parser_class)
    run = scenario_sub.add_parser(
        "run",
        help="run a scenario file against the base forecast",
        description="Forecast the base and the scenario of a scenario file (TOML, docs/scenarios.md) with the same "
        "random seed, and show per year the average clients in care, the costs and the result side by side.",
    )
    run.add_argument("file", metavar="FILE.toml", help="the scenario file")
    run.add_argument(
        "--paths", type=int, default=1000, help=f"simulated futures ({MIN_PATHS}-{MAX_PATHS}, default 1000)"
    )
    run.add_argument("--json", action="store_true", help="print one JSON document")


def read_scenario(args: argparse.Namespace) -> Any:
    """The scenario of ``args.file``; raises ``ScenarioError`` (file problems) or
    ``ValueError`` (options), each with a one-line message."""
    from .domain.scenario import Problem, ScenarioError, parse_scenario

    if not MIN_PATHS <= args.paths <= MAX_PATHS:
        raise ValueError(f"--paths: give a number from {MIN_PATHS} to {MAX_PATHS}")
    try:
        with open(args.file, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise ScenarioError([Problem(args.file, None, "", f"cannot read the file: {exc.strerror or exc}")]) from None
    except UnicodeDecodeError:
        raise ScenarioError([Problem(args.file, None, "", "the file is not UTF-8 text")]) from None
    return parse_scenario(text, source=args.file)


def _signed(value: int | None) -> str:
    return "-" if value is None else f"{value:+,}"


def _amount(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def _table(document: dict[str, Any]) -> list[str]:
    scenario = document["scenario"]
    base_years = {y["year"]: y for y in document["base"]["years"]}
    own_years = {y["year"]: y for y in document["scenario_run"]["years"]}
    lines = [
        f'Scenario "{scenario["name"]}" against the base forecast: {scenario["scope"]}, data known on '
        f"{scenario['cutoff']}, {scenario['paths']} simulated paths, the same seed",
        "Assumptions: " + " ".join(scenario["description"].split()),
        "Changes:",
        *(f"  {i}. {c['text']}" for i, c in enumerate(scenario["changes"], start=1)),
        "",
        f"{'':4}  {'average clients in care':^24}  {'expected costs':^41}  {'expected result':^41}",
        f"{'year':4}  {'base':>7} {'scenario':>8} {'diff':>7}  {'base':>13} {'scenario':>13} {'diff':>13}  "
        f"{'base':>13} {'scenario':>13} {'diff':>13}",
    ]
    for diff in document["difference"]["years"]:
        year = diff["year"]
        base, own = base_years[year], own_years[year]
        lines.append(
            f"{year:4}  {base['average_clients']:>7} {own['average_clients']:>8} "
            f"{_signed(diff['average_clients']):>7}  "
            f"{_amount(base['costs']):>13} {_amount(own['costs']):>13} {_signed(diff['costs']):>13}  "
            f"{_amount(base['result']):>13} {_amount(own['result']):>13} {_signed(diff['result']):>13}"
        )
    fees = [f"{y['year']}: {y['exit_fees']:,}" for y in document["scenario_run"]["years"] if y["exit_fees"]]
    if fees:
        lines.append("exit fees in the scenario's result: " + ", ".join(fees))
    waiting = [
        f"{y['year']}: {y['waiting_client_months']:,}"
        for y in document["scenario_run"]["years"]
        if y["waiting_client_months"] is not None
    ]
    if waiting:
        lines.append("client-months waiting above the client norm: " + ", ".join(waiting))
    lines.extend(f"note: {note}" for note in document["scenario_run"]["assumptions"])
    return lines


def run_scenario_command(args: argparse.Namespace) -> int:
    """Run ``args.spec`` (from :func:`read_scenario`); exit 2 with one line on stderr
    when the database shows a problem or no forecast can be made."""
    from .scenarios import ScenarioError, compare
    from .services import ForecastError

    try:
        comparison = compare(args.spec, paths=args.paths)
    except (ScenarioError, ForecastError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    document = comparison.as_json()
    if args.json:
        print(json.dumps(document, ensure_ascii=False))
    else:
        print("\n".join(_table(document)))
    return 0
