"""Scenarios (pure): a TOML file that changes the forecast's inputs, read and checked
here, and the changes the model does not take as inputs applied to the yearly outlook.

The file format is documented in ``docs/scenarios.md``. :func:`parse_scenario` reads
it into a :class:`ScenarioSpec` or raises :class:`ScenarioError` listing *every*
problem, each naming the file, the line where it can be found and the field
(``scenario.toml, line 12: changes[2].months: give a whole number of months from 1
to 60``). ``changes[1]`` is the first ``[[changes]]`` block.

What a change does:

- ``inflow_shock``, ``inflow_factor``, ``longer_journeys`` are inputs of the model
  (:meth:`ScenarioSpec.adjustments`): the forecast is simulated with them.
- ``index`` names another index series; the database side fetches it (a factor
  series becomes yearly percentages with :func:`factor_percentages`).
- ``tariff``, ``member_exit`` (its ``cost_percent``), ``shift_k3_k2`` change the cost
  per client-month of a year and the years after it; ``member_exit`` adds its fee to
  the result of its year; ``cap_at_norm`` lets the clients in care above the year's
  client norm wait. These are applied to the yearly outlook after the forecast by
  :func:`apply_to_outlook`, which reuses :func:`.costs.year_outlook` year by year, so
  a scenario without them values the client paths exactly like the base.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

import numpy as np

from basishulp.trajecten.domain.reference import MUNICIPALITIES, municipality_code

from .costs import CostInputs, YearOutlook, unit_costs, year_outlook
from .history import last_full_month, month_index, month_start
from .model import Adjustments, Forecast

__all__ = [
    "KINDS",
    "CapAtNorm",
    "Change",
    "IndexChoice",
    "InflowFactor",
    "InflowShock",
    "LongerJourneys",
    "MemberExit",
    "Problem",
    "ScenarioError",
    "ScenarioSpec",
    "ShiftK3K2",
    "Tariff",
    "YearEffect",
    "apply_to_outlook",
    "factor_percentages",
    "first_forecast_month",
    "parse_scenario",
]

DEFAULT_SOURCE = "scenario.toml"
MAX_YEARS_AHEAD = 10  # ``until`` at most this many years after the cut-off
HUNDRED = Decimal(100)


# --- problems ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a scenario, located as precisely as possible."""

    file: str
    line: int | None
    field: str  # "cutoff", "changes[2].months"; "" for the file as a whole
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class ScenarioError(ValueError):
    """The scenario cannot be used; :attr:`problems` lists every problem found and
    :attr:`errors` the same as sentences."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        self.errors = [str(p) for p in self.problems]
        super().__init__("; ".join(self.errors) or "invalid scenario")


# --- the changes --------------------------------------------------------------------------


@dataclass(frozen=True)
class InflowShock:
    """Extra journeys opening in each of ``months`` months from month index ``start``."""

    extra_per_month: Decimal
    start: int
    months: int
    kind: ClassVar[str] = "inflow_shock"

    def fields(self) -> dict[str, Any]:
        return {"extra_per_month": _number(self.extra_per_month), "from": _month(self.start), "months": self.months}


@dataclass(frozen=True)
class InflowFactor:
    """The expected inflow of every forecast month times ``factor``."""

    factor: Decimal
    kind: ClassVar[str] = "inflow_factor"

    def fields(self) -> dict[str, Any]:
        return {"factor": _number(self.factor)}


@dataclass(frozen=True)
class LongerJourneys:
    """Journeys last ``percent`` % longer: the closing chances are divided by 1 + x/100."""

    percent: Decimal
    kind: ClassVar[str] = "longer_journeys"

    def fields(self) -> dict[str, Any]:
        return {"percent": _number(self.percent)}


@dataclass(frozen=True)
class Tariff:
    """A CAO/tariff increase of ``percent`` % on the cost per client-month from ``from_year`` on."""

    percent: Decimal
    from_year: int
    kind: ClassVar[str] = "tariff"

    def fields(self) -> dict[str, Any]:
        return {"percent": _number(self.percent), "from_year": self.from_year}


@dataclass(frozen=True)
class IndexChoice:
    """Another index series (by its name in the database) for the cost per client-month."""

    series: str
    kind: ClassVar[str] = "index"

    def fields(self) -> dict[str, Any]:
        return {"series": self.series}


@dataclass(frozen=True)
class MemberExit:
    """A member (care unit code) leaves in ``year``: its exit fee is income of that year;
    the costs change by ``cost_percent`` % from that year on."""

    member: str
    year: int
    exit_fee: Decimal
    cost_percent: Decimal = Decimal(0)
    kind: ClassVar[str] = "member_exit"

    def fields(self) -> dict[str, Any]:
        return {
            "member": self.member,
            "year": self.year,
            "exit_fee": _number(self.exit_fee),
            "cost_percent": _number(self.cost_percent),
        }


@dataclass(frozen=True)
class ShiftK3K2:
    """``percent`` % of all client-months move from outsourced care (K3) to the area
    teams (K2) from ``from_year`` on, each ``price_difference`` euros cheaper."""

    percent: Decimal
    price_difference: Decimal
    from_year: int
    kind: ClassVar[str] = "shift_k3_k2"

    @property
    def saving(self) -> Decimal:
        """Euros less per client-month (over all client-months)."""
        return self.percent / HUNDRED * self.price_difference

    def fields(self) -> dict[str, Any]:
        return {
            "percent": _number(self.percent),
            "price_difference": _number(self.price_difference),
            "from_year": self.from_year,
        }


@dataclass(frozen=True)
class CapAtNorm:
    """Clients in care above the year's client norm wait (not in care, no costs)."""

    kind: ClassVar[str] = "cap_at_norm"

    def fields(self) -> dict[str, Any]:
        return {}


Change = InflowShock | InflowFactor | LongerJourneys | Tariff | IndexChoice | MemberExit | ShiftK3K2 | CapAtNorm

#: The kinds of change and their fields (all required unless listed in _OPTIONAL).
KINDS: dict[str, tuple[str, ...]] = {
    "inflow_shock": ("extra_per_month", "from", "months"),
    "inflow_factor": ("factor",),
    "longer_journeys": ("percent",),
    "tariff": ("percent", "from_year"),
    "index": ("series",),
    "member_exit": ("member", "year", "exit_fee", "cost_percent"),
    "shift_k3_k2": ("percent", "price_difference", "from_year"),
    "cap_at_norm": (),
}
_OPTIONAL = {("member_exit", "cost_percent")}
_ONCE = ("index", "cap_at_norm")  # kinds that may appear only once
_TOP = ("name", "description", "cutoff", "municipality", "until", "changes")


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _month(index: int) -> str:
    return month_start(index).isoformat()[:7]


def first_forecast_month(cutoff: date) -> int:
    """The first month the forecast simulates for data known on ``cutoff``."""
    return last_full_month(cutoff) + 1


@dataclass(frozen=True)
class ScenarioSpec:
    """A scenario as read from its file."""

    name: str
    description: str
    cutoff: date
    municipality: str | None  # GM code; None for HLV as a whole
    until: date | None
    changes: tuple[Change, ...]
    source: str = DEFAULT_SOURCE
    lines: Mapping[str, int] = field(default_factory=dict)  # field -> line, for later problems

    def problem(self, name: str, message: str) -> Problem:
        """A problem with field ``name`` (e.g. ``changes[2].year``), with its line if known."""
        return Problem(self.source, _line(self.lines, name), name, message)

    def numbered(self) -> list[tuple[str, Change]]:
        """``("changes[1]", change), ...``: the changes with their field names."""
        return [(f"changes[{i}]", c) for i, c in enumerate(self.changes, start=1)]

    def of_kind(self, kind: type[Any]) -> list[tuple[str, Any]]:
        return [(name, c) for name, c in self.numbered() if isinstance(c, kind)]

    @property
    def index_series(self) -> str | None:
        choices = [c.series for c in self.changes if isinstance(c, IndexChoice)]
        return choices[0] if choices else None

    @property
    def cap_at_norm(self) -> bool:
        return any(isinstance(c, CapAtNorm) for c in self.changes)

    def adjustments(self) -> Adjustments:
        """The model inputs: extra inflow per month (shocks add up), the inflow factor
        and the duration factor (several multiply)."""
        extra: dict[int, float] = {}
        factor, duration = 1.0, 1.0
        for c in self.changes:
            if isinstance(c, InflowShock):
                for m in range(c.start, c.start + c.months):
                    extra[m] = extra.get(m, 0.0) + float(c.extra_per_month)
            elif isinstance(c, InflowFactor):
                factor *= float(c.factor)
            elif isinstance(c, LongerJourneys):
                duration *= float(1 + c.percent / HUNDRED)
        return Adjustments(extra_inflow=extra, inflow_factor=factor, duration_factor=duration)

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "cutoff": self.cutoff.isoformat(),
            "municipality": self.municipality or "HLV",
            "until": self.until.isoformat() if self.until else None,
            "changes": [{"kind": c.kind, **c.fields()} for c in self.changes],
        }


# --- reading the file ------------------------------------------------------------------------

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")
_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")


def _locate(text: str) -> dict[str, int]:
    """Where each field is: ``name`` at the top, ``changes[n]`` for the n-th
    ``[[changes]]`` header and ``changes[n].key`` for a key in that block."""
    lines: dict[str, int] = {}
    table, count, in_string = "", 0, ""
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string:
            if line.count(in_string) % 2 == 1:
                in_string = ""
            continue
        header = _HEADER.match(line)
        if header:
            name = header.group(2).strip().strip("\"'")
            if header.group(1) == "[[" and name == "changes":
                count += 1
                table = f"changes[{count}]"
            else:
                table = name
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            name = key.group(1).strip("\"'")
            lines.setdefault(f"{table}.{name}" if table else name, number)
            rest = line[key.end() :]
            for quotes in ('"""', "'''"):
                if rest.count(quotes) % 2 == 1:
                    in_string = quotes
    return lines


def _line(lines: Mapping[str, int], name: str) -> int | None:
    """The line of ``name``, else of the block or field it belongs to."""
    while name:
        if name in lines:
            return lines[name]
        cut = max(name.rfind("."), name.rfind("["))
        name = name[:cut] if cut > 0 else ""
    return None


class _Reader:
    """Collects the problems of one file while reading its fields."""

    def __init__(self, source: str, lines: Mapping[str, int]):
        self.source = source
        self.lines = lines
        self.problems: list[Problem] = []

    def problem(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.source, _line(self.lines, name), name, message))

    def text(self, table: Mapping[str, Any], key: str, name: str, hint: str, limit: int = 0) -> str | None:
        if key not in table:
            self.problem(name, f"missing; {hint}")
            return None
        value = table[key]
        if not isinstance(value, str) or not value.strip():
            self.problem(name, hint)
            return None
        if limit and len(value.strip()) > limit:
            self.problem(name, f"at most {limit} characters, please")
            return None
        return value.strip()

    def number(
        self, table: Mapping[str, Any], key: str, name: str, hint: str, low: Decimal, high: Decimal
    ) -> Decimal | None:
        if key not in table:
            self.problem(name, f"missing; {hint}")
            return None
        value = table[key]
        if isinstance(value, str) and _looks_numeric(value):
            self.problem(name, f"{hint} (write the number without quotes)")
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            self.problem(name, hint)
            return None
        amount = Decimal(str(value))
        if not low <= amount <= high:
            self.problem(name, hint)
            return None
        return amount

    def whole(self, table: Mapping[str, Any], key: str, name: str, hint: str, low: int, high: int) -> int | None:
        if key not in table:
            self.problem(name, f"missing; {hint}")
            return None
        value = table[key]
        if isinstance(value, str) and value.strip().isdigit():
            self.problem(name, f"{hint} (write the number without quotes)")
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem(name, hint)
            return None
        return value

    def day(self, table: Mapping[str, Any], key: str, name: str, required: bool) -> date | None:
        hint = "give a date as YYYY-MM-DD, e.g. 2023-06-30"
        if key not in table:
            if required:
                self.problem(name, f"missing; {hint}")
            return None
        value = table[key]
        if isinstance(value, datetime):
            self.problem(name, f"{hint}, without a time")
            return None
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.problem(name, f"{value!r} is not a date; {hint}")
        return None


def _looks_numeric(text: str) -> bool:
    try:
        float(text.strip())
    except ValueError:
        return False
    return True


def parse_scenario(text: str, source: str = DEFAULT_SOURCE) -> ScenarioSpec:
    """Read a scenario file; raises :class:`ScenarioError` with every problem found.

    Checks what the file alone can tell (types, ranges, a shock after the cut-off);
    what needs the database (the index series, the member and its revenue, the end of
    the contract period) is checked by ``basishulp.forecast.scenarios.check``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = _TOML_WHERE.search(message)
        line = int(where.group(1)) if where else None
        if where:
            message = f"{message[: where.start()]} (column {where.group(2)})"
        raise ScenarioError([Problem(source, line, "", f"this is not valid TOML: {message}")]) from None
    lines = _locate(text)
    r = _Reader(source, lines)
    for key in data:
        if key not in _TOP:
            r.problem(
                key, "unknown field; a scenario has name, description, cutoff, municipality, until and [[changes]]"
            )
    name = r.text(data, "name", "name", 'give the scenario a name in quotes, e.g. "Inflow shock autumn 2023"', 100)
    description = r.text(
        data, "description", "description", "state the assumptions of the scenario in words (in quotes)"
    )
    cutoff = r.day(data, "cutoff", "cutoff", required=True)
    municipality: str | None = None
    if "municipality" in data:
        value = data["municipality"]
        hint = "give HLV (the default), a municipality name (" + ", ".join(MUNICIPALITIES.values()) + ") or its GM code"
        code = municipality_code(value) if isinstance(value, str) else None
        if isinstance(value, str) and value.strip().upper() == "HLV":
            municipality = None
        elif code is None or code not in MUNICIPALITIES:
            r.problem("municipality", f"{value!r} is not known; {hint}")
        else:
            municipality = code
    until = r.day(data, "until", "until", required=False)
    if cutoff is not None and until is not None:
        if until <= cutoff:
            r.problem("until", "give a date after the cut-off date")
        elif until.year > cutoff.year + MAX_YEARS_AHEAD:
            r.problem("until", f"give a date at most {MAX_YEARS_AHEAD} years after the cut-off date")
    changes = _changes(r, data, cutoff)
    if r.problems:  # in the order of the file; problems without a line first
        raise ScenarioError(sorted(r.problems, key=lambda p: p.line or 0))
    assert name is not None and description is not None and cutoff is not None
    return ScenarioSpec(name, description, cutoff, municipality, until, tuple(changes), source, lines)


def _changes(r: _Reader, data: Mapping[str, Any], cutoff: date | None) -> list[Change]:
    if "changes" not in data:
        r.problem("changes", "missing; give at least one [[changes]] block with a kind")
        return []
    items = data["changes"]
    if not isinstance(items, list) or not items:
        r.problem("changes", "give at least one [[changes]] block with a kind")
        return []
    out: list[Change] = []
    seen: dict[str, str] = {}  # kind -> the change that has it (for the kinds allowed once)
    leaving: dict[str, str] = {}  # member -> the change in which it leaves
    for i, item in enumerate(items, start=1):
        name = f"changes[{i}]"
        if not isinstance(item, dict):
            r.problem(name, "each change is a [[changes]] block with a kind and its fields")
            continue
        kinds = ", ".join(KINDS)
        kind = item.get("kind")
        if kind is None:
            r.problem(f"{name}.kind", f"missing; give the kind of change, one of {kinds}")
            continue
        if not isinstance(kind, str) or kind not in KINDS:
            r.problem(f"{name}.kind", f"unknown kind {kind!r}; the kinds are {kinds}")
            continue
        allowed = KINDS[kind]
        for key in item:
            if key != "kind" and key not in allowed:
                fields = ", ".join(allowed) if allowed else "no fields"
                r.problem(f"{name}.{key}", f"unknown field; a change of kind {kind} has {fields}")
        if kind in _ONCE:
            if kind in seen:
                r.problem(f"{name}.kind", f"a scenario has at most one change of kind {kind} (see {seen[kind]})")
                continue
            seen[kind] = name
        change = _change(r, kind, item, name, cutoff)
        if isinstance(change, MemberExit):
            if change.member in leaving:
                r.problem(f"{name}.member", f"{change.member} already leaves in {leaving[change.member]}")
                continue
            leaving[change.member] = name
        if change is not None:
            out.append(change)
    return out


def _change(r: _Reader, kind: str, item: Mapping[str, Any], name: str, cutoff: date | None) -> Change | None:
    if cutoff is not None:
        first_year = month_start(first_forecast_month(cutoff)).year
        year_hint = f"give a year from {first_year} (the first forecast year) on, e.g. {first_year + 1}"
    else:  # the cut-off date has its own problem
        first_year, year_hint = 2000, "give a year from the first forecast year on, e.g. 2024"

    def year(key: str) -> int | None:
        return r.whole(item, key, f"{name}.{key}", year_hint, first_year, 2100)

    before = len(r.problems)
    change: Change | None = None
    if kind == "inflow_shock":
        extra = r.number(
            item,
            "extra_per_month",
            f"{name}.extra_per_month",
            "give the extra journeys a month, a number above 0 and at most 1000, e.g. 55",
            Decimal("0.001"),
            Decimal(1000),
        )
        start = _start_month(r, item, f"{name}.from", cutoff)
        months = r.whole(item, "months", f"{name}.months", "give a whole number of months from 1 to 60", 1, 60)
        if extra is not None and start is not None and months is not None:
            change = InflowShock(extra, start, months)
    elif kind == "inflow_factor":
        factor = r.number(
            item,
            "factor",
            f"{name}.factor",
            "give a factor from 0.5 to 2, e.g. 1.10 for 10% more inflow",
            Decimal("0.5"),
            Decimal(2),
        )
        if factor is not None:
            change = InflowFactor(factor)
    elif kind == "longer_journeys":
        percent = r.number(
            item,
            "percent",
            f"{name}.percent",
            "give how many percent longer journeys last, from -50 to 200, e.g. 10 (negative: shorter)",
            Decimal(-50),
            Decimal(200),
        )
        if percent is not None:
            change = LongerJourneys(percent)
    elif kind == "tariff":
        percent = r.number(
            item,
            "percent",
            f"{name}.percent",
            "give the increase in percent, from -50 to 100, e.g. 5 for 5%",
            Decimal(-50),
            Decimal(100),
        )
        from_year = year("from_year")
        if percent is not None and from_year is not None:
            change = Tariff(percent, from_year)
    elif kind == "index":
        series = r.text(
            item, "series", f"{name}.series", 'give the name of an index series in quotes, e.g. "Maastricht"'
        )
        if series is not None:
            change = IndexChoice(series)
    elif kind == "member_exit":
        member = r.text(
            item, "member", f"{name}.member", 'give the care unit code of the member in quotes, e.g. "XONAR"'
        )
        exit_year = year("year")
        fee = r.number(
            item,
            "exit_fee",
            f"{name}.exit_fee",
            "give the exit fee in euros, a number of 0 or more, e.g. 250000",
            Decimal(0),
            Decimal(10**9),
        )
        cost = Decimal(0)
        if "cost_percent" in item:
            given = r.number(
                item,
                "cost_percent",
                f"{name}.cost_percent",
                "give the change of the costs in percent, from -50 to 100, e.g. 1.5 (default 0)",
                Decimal(-50),
                Decimal(100),
            )
            cost = given if given is not None else cost
        if member is not None and exit_year is not None and fee is not None:
            change = MemberExit(member.upper(), exit_year, fee, cost)
    elif kind == "shift_k3_k2":
        percent = r.number(
            item,
            "percent",
            f"{name}.percent",
            "give the share of all client-months that moves from K3 to K2 in percent, above 0 and at most 100",
            Decimal("0.001"),
            Decimal(100),
        )
        difference = r.number(
            item,
            "price_difference",
            f"{name}.price_difference",
            "give how many euros a client-month in K2 is cheaper than in K3, from 0 to 10000, e.g. 400",
            Decimal(0),
            Decimal(10000),
        )
        from_year = year("from_year")
        if percent is not None and difference is not None and from_year is not None:
            change = ShiftK3K2(percent, difference, from_year)
    else:
        change = CapAtNorm()
    return change if len(r.problems) == before else None


def _start_month(r: _Reader, item: Mapping[str, Any], name: str, cutoff: date | None) -> int | None:
    first = first_forecast_month(cutoff) if cutoff is not None else None
    example = _month(first) if first is not None else "2023-09"
    hint = f'give the first month of the shock as "YYYY-MM" in quotes, e.g. "{example}"'
    if "from" not in item:
        r.problem(name, f"missing; {hint}")
        return None
    value = item["from"]
    start: int | None = None
    if isinstance(value, datetime):
        start = None
    elif isinstance(value, date):
        start = month_index(value)
    elif (
        isinstance(value, str)
        and (match := _YEAR_MONTH.fullmatch(value.strip())) is not None
        and 1 <= int(match.group(2)) <= 12
    ):
        start = int(match.group(1)) * 12 + int(match.group(2)) - 1
    if start is None:
        r.problem(name, f"{value!r} is not a month; {hint}")
        return None
    if first is not None and start < first:
        r.problem(name, f"the shock must start after the data: give {_month(first)} or later")
        return None
    return start


# --- index series ------------------------------------------------------------------------------


def factor_percentages(factors: Mapping[int, Decimal]) -> dict[int, Decimal]:
    """Yearly percentages from a cumulative factor series: p_y = (f_y / f_{y-1} - 1) x 100.
    A year without the factor of the year before gives no percentage (the first year)."""
    return {
        year: (value / factors[year - 1] - 1) * HUNDRED
        for year, value in sorted(factors.items())
        if year - 1 in factors and factors[year - 1] != 0
    }


# --- applying the changes to the yearly outlook -------------------------------------------------


@dataclass(frozen=True)
class YearEffect:
    """What the changes applied after the forecast did to one year."""

    year: int
    unit_cost_before: Decimal  # the cost per client-month by the index (and index choice)
    unit_cost: Decimal  # after tariffs, member cost changes and the K3->K2 saving
    cost_factor: Decimal  # tariffs x member cost changes (the year and the years before)
    saving_per_client_month: Decimal  # the K3->K2 shift
    exit_fees: Decimal  # income added to the result
    client_norm: Decimal | None
    waiting_client_months: float | None  # cap_at_norm: median over the paths; None without a cap


def _factors(spec: ScenarioSpec, year: int) -> tuple[Decimal, Decimal, Decimal]:
    factor, saving, fees = Decimal(1), Decimal(0), Decimal(0)
    for c in spec.changes:
        if isinstance(c, Tariff) and c.from_year <= year:
            factor *= 1 + c.percent / HUNDRED
        elif isinstance(c, MemberExit) and c.year <= year:
            factor *= 1 + c.cost_percent / HUNDRED
            if c.year == year:
                fees += c.exit_fee
        elif isinstance(c, ShiftK3K2) and c.from_year <= year:
            saving += c.saving
    return factor, saving, fees


def apply_to_outlook(
    spec: ScenarioSpec,
    result: Forecast,
    history_in_care: Mapping[int, int],
    inputs: CostInputs,
    years: Sequence[int],
) -> tuple[list[YearOutlook], list[YearEffect]]:
    """The yearly outlook of a scenario's forecast with the changes the model does not
    take as inputs, year by year:

    1. cost per client-month = the indexed unit cost x the tariffs and member cost
       changes in force (from their year on, so they compound with the index) - the
       K3->K2 saving (``percent`` / 100 x ``price_difference`` euros, not indexed);
    2. with ``cap_at_norm``: each path's clients in care of the year's forecast months
       above the client norm (at that cost) wait: the path is cut at the norm, the cut
       off client-months are counted as waiting; months already realised stay as they
       were;
    3. exit fees are income of their year: result + fee.

    A year applies its cost per client-month to all its client-months, the realised
    months of the cut-off year too (as the forecast values them at the unit cost).
    Raises :class:`ScenarioError` when the savings leave no cost per client-month."""
    paths = np.asarray(result.paths)
    first = result.fit.last + 1
    outlook: list[YearOutlook] = []
    effects: list[YearEffect] = []
    problems: list[Problem] = []
    for year in years:
        before = unit_costs(inputs, [year])[year]
        factor, saving, fees = _factors(spec, year)
        unit = before * factor - saving
        if unit <= 0:
            for name, _change in spec.of_kind(ShiftK3K2):
                problems.append(
                    spec.problem(
                        f"{name}.price_difference",
                        f"the saving leaves no cost per client-month in {year} (it would be {unit:.0f} euros)",
                    )
                )
            continue
        year_inputs = replace(inputs, cost_factor=inputs.cost_factor * unit / before)
        rows = year_outlook(result, history_in_care, year_inputs, [year])
        if not rows:
            continue
        row = rows[0]
        waiting: float | None = None
        if spec.cap_at_norm and row.client_norm is not None:
            norm = float(row.client_norm)
            columns = [m - first for m in range(year * 12, year * 12 + 12) if m >= first]
            capped = paths.copy()
            capped[:, columns] = np.minimum(paths[:, columns], norm)
            waiting = float(np.median((paths[:, columns] - capped[:, columns]).sum(axis=1)))
            row = year_outlook(Forecast(result.fit, result.months, capped), history_in_care, year_inputs, [year])[0]
        if fees and row.result is not None and row.result_80 is not None:
            row = replace(row, result=row.result + fees, result_80=(row.result_80[0] + fees, row.result_80[1] + fees))
        outlook.append(row)
        effects.append(
            YearEffect(
                year=year,
                unit_cost_before=before,
                unit_cost=unit,
                cost_factor=factor,
                saving_per_client_month=saving,
                exit_fees=fees,
                client_norm=row.client_norm,
                waiting_client_months=waiting,
            )
        )
    if problems:
        raise ScenarioError(problems)
    return outlook, effects
