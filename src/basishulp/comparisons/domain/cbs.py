"""Reading a CBS StatLine CSV export: youth with youth care and young people (0–17)
per region and year (docs/comparisons.md §3).

Rules of :func:`parse_cbs`:
- **Header.** The first row that has a period column (``Perioden``) and a region
  column (``Regio's``); rows above it (a title) are skipped. The delimiter is that of
  the header row (``;`` in StatLine exports). Rows with only their first cell filled
  (a footer such as ``Bron: CBS``) are skipped.
- **Counts.** The youth column is the one whose name starts with ``Jongeren met
  jeugdhulp`` / ``Jongeren met jeugdzorg`` / ``Totaal jongeren met jeugdzorg`` (or
  ``youth_with_care``); columns with ``%`` in their name are percentages and are
  refused. The young-people column is ``young_people``, a name with ``0 tot 18 jaar``
  / ``tot 18 jaar``, or one starting with ``Bevolking``. A file may have either or
  both. Where several columns fit, the first is used (without ``verblijf``) and the
  others are named in a warning.
- **Values.** Whole numbers, Dutch notation accepted (``3.384.810``, ``3 255``);
  ``.`` / ``x`` / empty = not known (stored as empty), ``-`` = nil (0). A value with
  decimals or below zero is an error.
- **Periods.** Whole years: ``2022``, ``2022*`` / ``2022**`` (provisional), or the
  code ``2022JJ00``. Half-years, quarters, months and reference dates are skipped
  with a warning.
- **Regions.** A code (``GM0917``, ``NL01``, ``CR42`` …, also padded with spaces as
  the open-data files have it) or a name the system knows (:data:`KNOWN_REGIONS`).
  A separate code column (``Regiocode``) may carry the code beside the name. Rows of
  other regions are skipped with one warning (a national export has every
  municipality).
- **Ages.** With a ``Leeftijd`` column the counts of a region and year are added up
  over the ages 0 to 17 (``0 jaar`` … ``17 jaar``, or groups such as ``0 tot 5
  jaar``); other ages are skipped. The ages used must cover 0 to 17 exactly once.
- **Duplicates.** A region and year (and age) appears once; a second row is an error
  that asks to select one value for the other dimensions (e.g. ``Geslacht: Totaal``).
- All-or-nothing: every error is reported; any error means no rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .csvtext import (
    FieldError,
    ImportFileError,
    NumberError,
    Row,
    decode,
    detect_delimiter,
    normalise_header,
    parse_number,
    read_rows,
)

__all__ = [
    "KNOWN_REGIONS",
    "NATIONAL",
    "CbsRow",
    "ParsedCbs",
    "parse_cbs",
    "per_thousand",
]

NATIONAL = "NL01"

#: Regions the importer knows by name: code -> name as StatLine prints it.
KNOWN_REGIONS: dict[str, str] = {
    "GM0917": "Heerlen",
    "GM0882": "Landgraaf",
    "GM0986": "Voerendaal",
    "NL01": "Nederland",
    "CR42": "Zuid-Limburg (CR)",
    "PV31": "Limburg (PV)",
    "LD04": "Zuid-Nederland (LD)",
}
_BY_NAME: dict[str, str] = {normalise_header(name): code for code, name in KNOWN_REGIONS.items()}
_BY_NAME["zuid-limburg"] = "CR42"
_BY_NAME["limburg"] = "PV31"
_BY_NAME["zuid-nederland"] = "LD04"

_REGION_CODE = re.compile(r"^[A-Z]{2}\d{2,4}$")
_YEAR = re.compile(r"^(\d{4})(JJ00)?\s*\*{0,2}$")
_OTHER_PERIOD = re.compile(r"\d{4}")
_MISSING = {".", "x", "", "?"}

_PERIOD_NAMES = {"perioden", "periode", "period", "jaar", "year"}
_REGION_NAMES = {"regio's", "regios", "regio", "region", "region_name", "regionaam", "gemeente", "gemeenten"}
_CODE_NAMES = {"regiocode", "region_code", "regio code", "code", "gemeentecode", "codering"}
_AGE_NAMES = {"leeftijd", "age", "leeftijden"}
_YOUTH_PREFIXES = ("jongeren met jeugdhulp", "jongeren met jeugdzorg", "totaal jongeren met jeugdzorg")


@dataclass(frozen=True)
class CbsRow:
    """The figures of one region and year; ``None`` = not known. A count the file
    has no column for is left out of the update (see :attr:`ParsedCbs.has_youth`)."""

    line: int
    region_code: str
    region_name: str
    year: int
    youth_with_care: int | None
    young_people: int | None


@dataclass(frozen=True)
class ParsedCbs:
    rows: list[CbsRow]
    has_youth: bool
    has_young: bool
    youth_column: str = ""
    young_column: str = ""
    warnings: list[str] = field(default_factory=list)


def per_thousand(count: int | None, population: int | None) -> Decimal | None:
    """``count`` per 1,000 of ``population``, rounded half up to one decimal."""
    if count is None or not population:
        return None
    return (Decimal(count) * 1000 / Decimal(population)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _is_youth(name: str) -> bool:
    return name == "youth_with_care" or name.startswith(_YOUTH_PREFIXES)


def _is_young(name: str) -> bool:
    return name == "young_people" or "tot 18 jaar" in name or "0-17" in name or name.startswith("bevolking")


@dataclass
class _Columns:
    period: int
    region: int
    code: int | None = None
    age: int | None = None
    youth: int | None = None
    young: int | None = None
    names: list[str] = field(default_factory=list)


def _pick(candidates: list[int], names: list[str], what: str, filename: str, line: int) -> tuple[int | None, list[str]]:
    warnings: list[str] = []
    if not candidates:
        return None, warnings
    preferred = [i for i in candidates if "verbl" not in normalise_header(names[i])] or candidates
    chosen = preferred[0]
    others = [names[i] for i in candidates if i != chosen]
    if others:
        warnings.append(
            f"{filename}, line {line}: {what} taken from column {names[chosen]!r}; "
            f"ignored: {', '.join(repr(o) for o in others)}"
        )
    return chosen, warnings


def _find_header(rows: list[Row], filename: str) -> tuple[int, _Columns, list[str]]:
    for index, row in enumerate(rows[:50]):
        names = [normalise_header(c) for c in row.cells]
        periods = [i for i, n in enumerate(names) if n in _PERIOD_NAMES]
        regions = [i for i, n in enumerate(names) if n in _REGION_NAMES]
        codes = [i for i, n in enumerate(names) if n in _CODE_NAMES]
        if not periods or not (regions or codes):
            continue
        errors: list[FieldError] = []
        youth_all = [i for i, n in enumerate(names) if _is_youth(n)]
        young_all = [i for i, n in enumerate(names) if _is_young(n) and i not in youth_all]
        youth = [i for i in youth_all if "%" not in names[i]]
        young = [i for i in young_all if "%" not in names[i]]
        for i in youth_all + young_all:
            if "%" in names[i] and not (youth if i in youth_all else young):
                errors.append(
                    FieldError(filename, row.line, row.cells[i], "holds percentages: export the numbers (aantal)")
                )
        if not youth_all and not young_all:
            errors.append(
                FieldError(
                    filename,
                    row.line,
                    None,
                    "no column with youth with youth care ('Jongeren met jeugdhulp …') or young people "
                    "('Bevolking …', '… 0 tot 18 jaar')",
                )
            )
        if errors:
            raise ImportFileError(errors)
        youth_i, warnings = _pick(youth, row.cells, "youth with youth care", filename, row.line)
        young_i, more = _pick(young, row.cells, "young people", filename, row.line)
        ages = [i for i, n in enumerate(names) if n in _AGE_NAMES]
        columns = _Columns(
            period=periods[0],
            region=regions[0] if regions else codes[0],
            code=codes[0] if regions and codes else None,
            age=ages[0] if ages else None,
            youth=youth_i,
            young=young_i,
            names=row.cells,
        )
        return index, columns, warnings + more
    raise ImportFileError(
        [
            FieldError(
                filename,
                None,
                None,
                "no header row with the columns Perioden and Regio's: export the table from StatLine as CSV",
            )
        ]
    )


def _age_range(text: str) -> tuple[int, int] | None:
    """``[low, high)`` in years, ``None`` for a total; ``ValueError`` when unreadable."""
    value = normalise_header(text)
    value = value.removeprefix("leeftijd:").strip()
    if not value or value.startswith("totaal") or value.startswith("total"):
        return None
    patterns: tuple[tuple[str, int], ...] = (
        (r"^(\d+) jaar$", 1),
        (r"^(\d+) tot (\d+) jaar$", 2),
        (r"^jonger dan (\d+) jaar$", 3),
        (r"^(\d+) jaar of ouder$", 4),
        (r"^(\d+)-(\d+)$", 5),
    )
    for pattern, kind in patterns:
        match = re.match(pattern, value)
        if not match:
            continue
        numbers = [int(g) for g in match.groups()]
        if kind == 1:
            return numbers[0], numbers[0] + 1
        if kind == 2:
            return numbers[0], numbers[1]
        if kind == 3:
            return 0, numbers[0]
        if kind == 4:
            return numbers[0], 200
        return numbers[0], numbers[1] + 1  # 0-17: both ends inclusive
    raise ValueError(f"cannot read the age {text.strip()!r} (write e.g. '0 jaar', '0 tot 5 jaar')")


def _count(text: str) -> int | None:
    value = text.strip()
    if value.lower() in _MISSING:
        return None
    if value == "-":
        return 0
    number = parse_number(value)
    if number != number.to_integral_value():
        raise NumberError(f"{value!r} is not a whole number")
    if number < 0:
        raise NumberError(f"{value!r} is below zero")
    return int(number)


@dataclass
class _Group:
    line: int
    code: str
    name: str
    year: int
    youth: int | None = 0
    young: int | None = 0
    ages: list[tuple[int, int, int]] = field(default_factory=list)  # (low, high, line)


def _region(cells: list[str], columns: _Columns) -> tuple[str | None, str]:
    """``(code, name)``; code ``None`` for a region the system does not know."""
    raw = cells[columns.region].strip() if columns.region < len(cells) else ""
    if columns.code is not None:
        code_text = cells[columns.code].strip() if columns.code < len(cells) else ""
        code = code_text.upper()
        if not _REGION_CODE.match(code):
            raise ValueError(f"{code_text!r} is not a CBS region code (e.g. GM0917, NL01, CR42)")
        return code, raw or KNOWN_REGIONS.get(code, code)
    if _REGION_CODE.match(raw.upper()):
        code = raw.upper()
        return code, KNOWN_REGIONS.get(code, code)
    code_for_name = _BY_NAME.get(normalise_header(raw))
    if code_for_name is None:
        return None, raw
    return code_for_name, raw


def parse_cbs(data: bytes | str, filename: str) -> ParsedCbs:
    """Read and check a StatLine CSV export; raises :class:`ImportFileError` with every error."""
    text = decode(data, filename) if isinstance(data, bytes) else data
    if not text.strip():
        raise ImportFileError([FieldError(filename, None, None, "the file is empty")])
    header_line = next(
        (line for line in text.splitlines() if "perioden" in line.lower() or "period" in line.lower()),
        text.splitlines()[0],
    )
    rows = read_rows(text, detect_delimiter(header_line))
    index, columns, warnings = _find_header(rows, filename)
    errors: list[FieldError] = []
    groups: dict[tuple[str, int], _Group] = {}
    skipped_periods: set[str] = set()
    skipped_regions: set[str] = set()
    skipped_ages: set[str] = set()
    for row in rows[index + 1 :]:
        cells = row.cells
        if not any(cells[1:]):
            continue  # a title or footer line ("Bron: CBS")

        def fail(column: str | None, message: str, line: int = row.line) -> None:
            errors.append(FieldError(filename, line, column, message))

        def cell(i: int | None, cells: list[str] = cells) -> str:
            return cells[i] if i is not None and i < len(cells) else ""

        period_text = cell(columns.period).strip()
        match = _YEAR.match(period_text)
        if match is None:
            if _OTHER_PERIOD.search(period_text):
                skipped_periods.add(period_text)
            else:
                fail(columns.names[columns.period], f"{period_text!r} is not a period (e.g. 2022 or 2022JJ00)")
            continue
        year = int(match.group(1))
        if not 2000 <= year <= 2100:
            fail(columns.names[columns.period], f"year {year} is outside 2000-2100")
            continue
        try:
            code, name = _region(cells, columns)
        except ValueError as exc:
            fail(columns.names[columns.code if columns.code is not None else columns.region], str(exc))
            continue
        if code is None:
            skipped_regions.add(name)
            continue
        age: tuple[int, int] | None = None
        if columns.age is not None:
            try:
                age = _age_range(cell(columns.age))
            except ValueError as exc:
                fail(columns.names[columns.age], str(exc))
                continue
            if age is None or age[0] >= 18 or age[1] > 18:
                skipped_ages.add(cell(columns.age).strip())
                continue  # a total, or ages outside 0-17 (checked below: 0-17 must be covered)
        values: dict[str, int | None] = {}
        for figure, i in (("youth", columns.youth), ("young", columns.young)):
            if i is None:
                continue
            try:
                values[figure] = _count(cell(i))
            except NumberError as exc:
                fail(columns.names[i], str(exc))
        if len(values) != (columns.youth is not None) + (columns.young is not None):
            continue
        group = groups.get((code, year))
        if group is None:
            group = groups[(code, year)] = _Group(row.line, code, name, year)
        elif age is None:
            fail(
                columns.names[columns.region],
                f"{name} {year} is already on line {group.line}: select one value for every other "
                "dimension of the table (e.g. Geslacht: Totaal mannen en vrouwen)",
            )
            continue
        if age is not None:
            same = next((a for a in group.ages if a[:2] == age), None)
            if same is not None:
                fail(columns.names[columns.age or 0], f"{name} {year}, this age is already on line {same[2]}")
                continue
            group.ages.append((age[0], age[1], row.line))
        for key_name, value in values.items():
            current = getattr(group, key_name)
            setattr(group, key_name, None if current is None or value is None else current + value)
    if columns.age is not None:
        for group in groups.values():
            problem = _coverage_problem(group.ages)
            if problem:
                fail_line = group.ages[0][2] if group.ages else group.line
                errors.append(
                    FieldError(
                        filename,
                        fail_line,
                        columns.names[columns.age],
                        f"the ages of {group.name} {group.year} do not make up 0 to 17 exactly once ({problem}): "
                        "select the ages 0 jaar … 17 jaar, or groups that together make up 0 to 18 jaar",
                    )
                )
    if errors:
        raise ImportFileError(errors)
    if skipped_periods:
        periods = ", ".join(sorted(skipped_periods))
        warnings.append(f"{filename}: skipped the periods that are not whole years: {periods}")
    if skipped_regions:
        names = sorted(skipped_regions)
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        warnings.append(
            f"{filename}: skipped {len(names)} region(s) the benchmark does not use (give a Regiocode column "
            f"to keep them): {shown}"
        )
    if skipped_ages:
        warnings.append(f"{filename}: skipped the ages outside 0 to 17 and totals: {', '.join(sorted(skipped_ages))}")
    if not groups:
        message = "no rows of a known region and a whole year: nothing to import"
        if skipped_ages:
            message = "no rows with the ages 0 to 17 of a known region and a whole year: nothing to import"
        raise ImportFileError([FieldError(filename, None, None, message)])
    has_youth, has_young = columns.youth is not None, columns.young is not None
    result = [
        CbsRow(
            g.line,
            g.code,
            g.name,
            g.year,
            g.youth if has_youth else None,
            g.young if has_young else None,
        )
        for g in sorted(groups.values(), key=lambda g: (g.year, g.code))
    ]
    return ParsedCbs(
        result,
        has_youth,
        has_young,
        columns.names[columns.youth] if columns.youth is not None else "",
        columns.names[columns.young] if columns.young is not None else "",
        warnings,
    )


def _coverage_problem(ages: list[tuple[int, int, int]]) -> str:
    """Empty when the ranges tile ``[0, 18)``; else what is wrong."""
    expected = 0
    for low, high, _line in sorted(ages):
        if low > expected:
            return f"ages {expected} to {low - 1} are missing"
        if low < expected:
            return f"age {low} is counted twice"
        expected = high
    if expected < 18:
        return f"ages {expected} to 17 are missing"
    return ""
