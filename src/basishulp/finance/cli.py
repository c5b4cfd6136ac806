"""``basishulp finance index | allocate | meerkosten`` (data-formats.md §2).

Pure functions of their arguments: no database, no Django. Errors are
:class:`~basishulp.finance.domain.money.MoneyError` with a message naming the
option; the console command turns them into one line and exit code 2.
"""

from __future__ import annotations

import argparse
import re
from decimal import Decimal
from typing import Any

from .domain.allocation import allocate
from .domain.indexation import index_amounts
from .domain.meerkosten import ORDERINGS, decompose
from .domain.money import MoneyError, parse_decimal, round_euro, round_to

__all__ = ["DATABASE_COMMANDS", "add_parsers", "run"]

#: Commands that read the database (the console command sets Django up for them).
DATABASE_COMMANDS = ("overview", "statement", "counterfactual", "export", "import")

# A comma separates list items only where a new "name=" follows, so amounts may use
# thousands separators: --base 2019=28,579,461,2020=28,579,461
_ITEM_SPLIT = re.compile(r",(?=[^,=]+=)")


def parse_pairs(text: str, option: str, what: str) -> dict[str, Decimal]:
    """``A=1,B=2`` as an ordered mapping; names unique, values numbers."""
    pairs: dict[str, Decimal] = {}
    for item in _ITEM_SPLIT.split(text.strip()):
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name or not value.strip():
            raise MoneyError(f"{option}: expected name={what} items separated by commas, got {item!r}")
        if name in pairs:
            raise MoneyError(f"{option}: {name!r} is given twice")
        pairs[name] = parse_decimal(value, f"{what} for {name!r} in {option}")
    return pairs


def _years(pairs: dict[str, Decimal], option: str) -> dict[int, Decimal]:
    result = {}
    for name, value in pairs.items():
        if not re.fullmatch(r"\d{4}", name):
            raise MoneyError(f"{option}: {name!r} is not a year (use e.g. 2019=3.327)")
        result[int(name)] = value
    return result


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    finance = sub.add_parser("finance", help="money: indexation, allocation, meerkosten")
    fin = finance.add_subparsers(dest="finance_command", required=True, parser_class=parser_class)

    p = fin.add_parser(
        "index",
        help="cumulative indexation of an amount",
        description="Cumulative indexation from a start year; amounts in whole euros from unrounded factors.",
    )
    p.add_argument("--base", required=True, help="one amount, or one per year: 2019=28579461,2020=…")
    p.add_argument("--rates", required=True, help="index percentage per year: 2019=3.327,2020=3.149")
    p.add_argument("--from-year", dest="from_year", type=int, required=True, help="first year indexed")
    p.add_argument("--json", action="store_true", help="print one JSON document")

    p = fin.add_parser(
        "allocate",
        help="split an amount by weights (largest remainder)",
        description="Split an amount by weights; the shares sum exactly to the total.",
    )
    p.add_argument("--total", required=True, help="the amount to split, e.g. 3263000")
    p.add_argument("--keys", required=True, help="name=weight items: Xonar=43.9,Mondriaan=19.6")
    p.add_argument("--unit", default="1", help="round shares to this unit (1 = euro, 1000 = thousands)")
    p.add_argument("--json", action="store_true", help="print one JSON document")

    p = fin.add_parser(
        "meerkosten",
        help="split extra costs into volume and price effect",
        description="Meerkosten = actual costs - budget, split into volume and price effect (domain.md §4.5).",
    )
    p.add_argument("--budget", required=True, help="budget for the period (euros)")
    p.add_argument("--budget-clients", dest="budget_clients", required=True, help="budgeted clients per month")
    p.add_argument("--actual-costs", dest="actual_costs", required=True, help="realised costs (euros)")
    p.add_argument("--actual-client-months", dest="actual_client_months", required=True, help="realised client-months")
    p.add_argument("--months", type=int, required=True, help="months in the period")
    p.add_argument(
        "--ordering",
        choices=ORDERINGS,
        default="budget-price",
        help="budget-price: volume at the budgeted price (default); actual-price: at an actual price",
    )
    p.add_argument(
        "--volume-price",
        dest="volume_price",
        help="with --ordering actual-price: price per client-month for the volume effect "
        "(default: actual costs / actual client-months)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON document")

    p = fin.add_parser(
        "statement",
        help="the realisation / budget statements (HLV) with the result",
        description="Statements of income and costs from the database (domain.md §4.3).",
    )
    p.add_argument("--year", type=int, help="only this year")
    p.add_argument("--json", action="store_true", help="print one JSON document")

    p = fin.add_parser(
        "counterfactual",
        help="costs without the cooperative, against the real costs",
        description="The counterfactual of domain.md §4.7 from the database, with the published figures.",
    )
    p.add_argument("--json", action="store_true", help="print one JSON document")

    p = fin.add_parser(
        "export",
        help="write the yearly figures to an Excel workbook",
        description="Budget lines, index values and statements as an Excel workbook (.xlsx).",
    )
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument("--json", action="store_true", help="print one JSON document")

    p = fin.add_parser(
        "import",
        help="read the yearly figures from an Excel workbook (all-or-nothing)",
        description="Check every cell, then save the workbook in one transaction; re-importing changes nothing.",
    )
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument("--json", action="store_true", help="print one JSON document")

    p = fin.add_parser(
        "overview",
        help="lump sums per year and municipality, other budget lines, taakstelling",
        description="The lump-sum overview from the database (domain.md §4.1).",
    )
    p.add_argument("--json", action="store_true", help="print one JSON document")


def _nl(value: Decimal | int, places: int = 0) -> str:
    """Dutch notation: 1.234.567,89."""
    text = f"{value:,.{places}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _number(value: Decimal) -> int | float:
    """A JSON number: integral values as int, others as the shortest float."""
    return int(value) if value == value.to_integral_value() else float(value)


def run(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    """The JSON document and the readable table of one finance command."""
    if args.finance_command == "index":
        return _index(args)
    if args.finance_command == "allocate":
        return _allocate(args)
    if args.finance_command == "overview":
        return _overview()
    if args.finance_command == "export":
        return _export(args)
    if args.finance_command == "import":
        return _import(args)
    if args.finance_command == "statement":
        return _statement(args)
    if args.finance_command == "counterfactual":
        return _counterfactual()
    return _meerkosten(args)


def _overview() -> tuple[dict[str, Any], str]:
    from .selectors import lump_sum_overview

    years = lump_sum_overview()

    def amount(value: Decimal | None) -> int | float | None:
        return None if value is None else _number(value)

    document = {
        "years": [
            {
                "year": y.year,
                "lump_sum": {"total": amount(y.total), **{n: amount(v) for n, v in y.municipalities.items()}},
                "published_total": amount(y.published_total),
                "taakstelling": amount(y.taakstelling),
                "other": [{"group": o.group, "kind": o.kind, "amount": _number(o.amount)} for o in y.other],
                "notes": y.notes,
            }
            for y in years
        ]
    }
    if not years:
        return document, "Nog geen budgetregels: voer de lumpsums in of laad de demodata (basishulp demo-data)."
    names = list(years[0].municipalities)
    cell = 14
    lines = ["Lumpsum per jaar", f"{'jaar':<6}" + "".join(f"{n:>{cell}}" for n in [*names, "HLV", "taakstelling"])]
    for y in years:
        values = [*(y.municipalities[n] for n in names), y.total, y.taakstelling]
        lines.append(f"{y.year:<6}" + "".join(f"{'-' if v is None else _nl(v):>{cell}}" for v in values))
    for y in years:
        for o in y.other:
            lines.append(f"{y.year}  {o.group}: {o.label} {_nl(o.amount)}")
        for note in y.notes:
            lines.append(f"{y.year}  let op: {note}")
    return document, "\n".join(lines)


def _index(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    rates = _years(parse_pairs(args.rates, "--rates", "rate"), "--rates")
    base: Decimal | dict[int, Decimal]
    if "=" in args.base:
        base = _years(parse_pairs(args.base, "--base", "amount"), "--base")
    else:
        base = parse_decimal(args.base, "--base amount")
    rows = index_amounts(base, rates, args.from_year)
    document = {
        "rows": [
            {"year": r.year, "rate": _number(r.rate), "cumulative": _number(r.cumulative), "amount": r.amount}
            for r in rows
        ]
    }
    lines = [f"Indexering vanaf {args.from_year}", f"{'jaar':<6}{'index %':>10}{'cumulatief':>14}{'bedrag':>16}"]
    lines += [f"{r.year:<6}{_nl(r.rate, 3):>10}{_nl(r.cumulative, 6):>14}{_nl(r.amount):>16}" for r in rows]
    return document, "\n".join(lines)


def _allocate(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    total = parse_decimal(args.total, "--total amount")
    keys = parse_pairs(args.keys, "--keys", "weight")
    unit = parse_decimal(args.unit, "--unit")
    if unit <= 0 or unit != unit.to_integral_value():
        raise MoneyError(f"--unit must be a whole number of euros (1, 1000, ...), got {args.unit!r}")
    shares = allocate(total, keys, unit)
    document = {
        "total": _number(total),
        "rows": [{"name": s.name, "weight": _number(s.weight), "amount": int(s.amount)} for s in shares],
    }
    width = max(len(s.name) for s in shares)
    lines = [f"Verdeling van {_nl(total)}", f"{'naam':<{width}}{'gewicht':>10}{'bedrag':>16}"]
    lines += [f"{s.name:<{width}}{_nl(s.weight, 3):>10}{_nl(s.amount):>16}" for s in shares]
    return document, "\n".join(lines)


def _meerkosten(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    volume_price = None if args.volume_price is None else parse_decimal(args.volume_price, "--volume-price")
    d = decompose(
        parse_decimal(args.budget, "--budget amount"),
        parse_decimal(args.budget_clients, "--budget-clients number"),
        parse_decimal(args.actual_costs, "--actual-costs amount"),
        parse_decimal(args.actual_client_months, "--actual-client-months number"),
        args.months,
        args.ordering,
        volume_price,
    )
    document = {k: _number(v) if isinstance(v, Decimal) else v for k, v in d.document().items()}
    if d.ordering != "budget-price":
        document["ordering"] = d.ordering
    label = "volume tegen budgetprijs" if d.ordering == "budget-price" else "volume tegen werkelijke prijs"
    lines = [
        f"Meerkosten ({label})",
        f"meerkosten        {_nl(d.meerkosten):>14}",
        f"volume-effect     {_nl(d.volume_effect):>14}  "
        f"({_nl(d.extra_client_months)} cliëntmaanden x {_nl(d.volume_price, 2)})",
        f"prijseffect       {_nl(d.price_effect):>14}",
        f"budgetprijs       {_nl(d.budget_price, 2):>14}",
        f"werkelijke prijs  {_nl(d.actual_price, 2):>14}",
    ]
    return document, "\n".join(lines)


def _amount(value: Decimal | int | None) -> int | float | None:
    return None if value is None else _number(Decimal(value))


def _statement(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    from .domain.statement import Statement as Column
    from .models import Statement
    from .source_data import STATEMENT_FIELDS

    rows = Statement.objects.filter(municipality=None).order_by("half", "year", "kind")
    if args.year is not None:
        rows = rows.filter(year=args.year)
    columns = []
    for row in rows:
        c = Column(*(getattr(row, f) for f in STATEMENT_FIELDS))
        columns.append(
            {
                "year": row.year,
                "half": row.half,
                "kind": row.kind,
                **{f: _amount(getattr(c, f)) for f in STATEMENT_FIELDS},
                "zorgkosten": _amount(c.zorgkosten),
                "total_costs": _amount(c.total_costs),
                "result": _amount(c.result),
            }
        )
    document = {"statements": columns}
    if not columns:
        return document, "Geen staten van baten en lasten" + (f" voor {args.year}." if args.year else ".")
    labels = [f"{c['kind']} {c['year']}" + (f"-H{c['half']}" if c["half"] else "") for c in columns]
    lines = ["Staat van baten en lasten (HLV)", f"{'':<22}" + "".join(f"{label:>20}" for label in labels)]
    for key in (*STATEMENT_FIELDS, "zorgkosten", "result"):
        lines.append(f"{key:<22}" + "".join(f"{_nl(Decimal(c[key] or 0)):>20}" for c in columns))
    return document, "\n".join(lines)


def _counterfactual() -> tuple[dict[str, Any], str]:
    from .selectors import counterfactual_views

    views = counterfactual_views()
    document = {
        "years": [
            {
                "year": v.row.year,
                "clients": v.row.clients,
                "k1_clients": v.row.k1_clients,
                "factor": _number(v.row.factor),
                "client_price": _amount(round_to(v.row.client_price, "0.01")),
                "costs": _amount(round_euro(v.row.costs)),
                "k1_costs": _amount(round_euro(v.row.k1_costs)),
                "total_without": _amount(round_euro(v.row.total_without)),
                "real_costs": _amount(v.real_costs),
                "effect": None if v.effect is None else round_euro(v.effect),
                "published_real_costs": _amount(v.published_real_costs),
                "published_effect": _amount(v.published_effect),
                "difference": _amount(v.difference),
            }
            for v in views
        ]
    }
    if not views:
        return document, "Geen gegevens voor de vergelijking zonder coöperatie."
    lines = ["Lasten zonder de coöperatie", f"{'':<30}" + "".join(f"{v.row.year:>14}" for v in views)]
    for label, key in (
        ("totale lasten zonder JENS", "total_without"),
        ("reële kosten JENS", "real_costs"),
        ("effect van JENS", "effect"),
        ("gepubliceerd effect", "published_effect"),
        ("verschil", "difference"),
    ):
        cells = [y[key] for y in document["years"]]
        lines.append(f"{label:<30}" + "".join(f"{'-' if c is None else _nl(Decimal(c)):>14}" for c in cells))
    return document, "\n".join(lines)


def _export(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    from .excel import export_workbook

    try:
        counts = export_workbook(args.file)
    except OSError as exc:
        raise MoneyError(f"cannot write {args.file}: {exc.strerror or exc}") from None
    text = ", ".join(f"{title}: {n}" for title, n in counts.items())
    return {"file": args.file, "sheets": counts}, f"geschreven: {args.file} ({text})"


def _import(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    from .excel import ExcelImportError, import_workbook

    try:
        result = import_workbook(args.file)
    except ExcelImportError as exc:
        raise MoneyError(str(exc)) from None
    document = {
        "file": args.file,
        "sheets": result.sheets,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }
    text = f"ingelezen: {args.file}: {result.created} nieuw, {result.updated} gewijzigd, {result.unchanged} ongewijzigd"
    return document, text
