"""Published figures: the CSV file (docs/comparisons.md §2) and the internal checks.

Rules of :func:`parse_published`:
- Columns (in any order; Dutch names in brackets): ``source`` (``bron``), ``period``
  (``periode``), ``scope`` (``gebied``), ``measure`` (``maat``), ``value``
  (``waarde``), optional ``cause`` (``oorzaak``). Unknown columns are ignored with a
  warning; a missing required column is an error.
- ``period`` as :func:`~basishulp.kpi.domain.periods.parse_period` reads it (``2019``,
  ``2023-H1``, ``2023-Q2``, ``2023-05``), stored in its normal form (``2023-H1``).
- ``scope`` is ``HLV`` or one of the HLV municipalities by name or CBS code.
- ``measure`` is a key of :data:`MEASURES` or one of its Dutch names.
- ``value``: a number in Dutch or plain notation (:func:`.csvtext.parse_number`), at
  most two decimals, not negative; for inflow and outflow a sign as the reports print
  it (``+778``, ``-802``) is accepted and the number of clients is kept.
- ``(source, period, scope, measure)`` is unique within the file.
- Every row is checked and every error reported; any error means no rows.

Rules of :func:`arithmetic_checks`, per published set (one source and period):
- ``subtotal = begin + inflow`` and ``end = subtotal − outflow`` per scope;
- ``begin = end of the previous period`` (the published period that ends the day
  before; the same source when it has one, else another source);
- the three municipalities add up to HLV for every additive measure; averages are
  rounded in the sources, so a difference of at most 1 counts as adding up there.
- ``difference = published − computed``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from basishulp.kpi.domain.periods import Period, parse_period
from basishulp.trajecten.domain.reference import HLV_CODES, municipality_code

from .csvtext import (
    FieldError,
    ImportFileError,
    NumberError,
    Row,
    decode,
    detect_delimiter,
    first_line,
    normalise_header,
    parse_number,
    read_rows,
)

__all__ = [
    "ADDITIVE",
    "COLUMNS",
    "FLOW_MEASURES",
    "HLV",
    "MEASURES",
    "SOURCE_MAX_LENGTH",
    "Check",
    "ParsedPublished",
    "PublishedRow",
    "PublishedValue",
    "arithmetic_checks",
    "parse_measure",
    "parse_published",
    "parse_scope",
    "period_of",
    "scope_order",
]

HLV = "HLV"
SOURCE_MAX_LENGTH = 200

#: The measures a published figure can have, in report order. The first six are the
#: client-flow measures of the dashboard (``FLOW_FIELDS``).
MEASURES: tuple[str, ...] = (
    "begin",
    "inflow",
    "subtotal",
    "outflow",
    "end",
    "monthly_average",
    "clients_in_care",
    "cost_per_client_month",
)
FLOW_MEASURES: tuple[str, ...] = MEASURES[:6]
#: Measures where the municipalities add up to HLV.
ADDITIVE: tuple[str, ...] = (*FLOW_MEASURES, "clients_in_care")
_SIGNED = ("inflow", "outflow")

_MEASURE_NAMES: dict[str, str] = {
    **{key: key for key in MEASURES},
    **{key.replace("_", " "): key for key in MEASURES},
    "aanvang": "begin",
    "cliënten bij aanvang": "begin",
    "clienten bij aanvang": "begin",
    "instroom": "inflow",
    "subtotaal": "subtotal",
    "uitstroom": "outflow",
    "ultimo": "end",
    "eind": "end",
    "aantal in zorg per ultimo": "end",
    "gemiddeld": "monthly_average",
    "gemiddeld aantal maandelijks in zorg": "monthly_average",
    "unieke cliënten in zorg": "clients_in_care",
    "unieke clienten in zorg": "clients_in_care",
    "kosten per cliënt per maand": "cost_per_client_month",
    "kosten per client per maand": "cost_per_client_month",
}

#: column -> accepted header names (normalised)
COLUMNS: dict[str, tuple[str, ...]] = {
    "source": ("source", "bron"),
    "period": ("period", "periode"),
    "scope": ("scope", "gebied"),
    "measure": ("measure", "maat"),
    "value": ("value", "waarde"),
    "cause": ("cause", "oorzaak"),
}
REQUIRED: tuple[str, ...] = ("source", "period", "scope", "measure", "value")
_MAX_VALUE = Decimal(10) ** 12


@dataclass(frozen=True)
class PublishedRow:
    line: int
    source: str
    period: str
    scope: str
    measure: str
    value: Decimal
    cause: str = ""

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.source, self.period, self.scope, self.measure)


@dataclass(frozen=True)
class ParsedPublished:
    rows: list[PublishedRow]
    warnings: list[str] = field(default_factory=list)
    has_cause: bool = False  # without a cause column the causes stored are kept


def parse_scope(text: str) -> str:
    """``HLV`` or the CBS code of an HLV municipality; ``ValueError`` otherwise."""
    value = text.strip()
    if value.upper() == HLV:
        return HLV
    code = municipality_code(value)
    if code is None or code not in HLV_CODES:
        raise ValueError(f"unknown scope {value!r}: use HLV, Heerlen, Landgraaf, Voerendaal or their CBS code")
    return code


def parse_measure(text: str) -> str:
    key = _MEASURE_NAMES.get(normalise_header(text))
    if key is None:
        raise ValueError(f"unknown measure {text.strip()!r}: use one of {', '.join(MEASURES)}")
    return key


def _value(text: str, measure: str) -> Decimal:
    number = parse_number(text)
    if measure in _SIGNED:
        number = abs(number)
    if number < 0:
        raise NumberError(f"{text.strip()!r} is negative; a published {measure} is not")
    if number >= _MAX_VALUE:
        raise NumberError(f"{text.strip()!r} is too large")
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise NumberError(f"{text.strip()!r} has more than two decimals")
    return number


def _header(cells: list[str], line: int, filename: str) -> tuple[dict[str, int], list[FieldError], list[str]]:
    positions: dict[str, int] = {}
    errors: list[FieldError] = []
    warnings: list[str] = []
    names = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
    for i, cell in enumerate(cells):
        column = names.get(normalise_header(cell))
        if column is None:
            if cell:
                warnings.append(f"{filename}, line {line}: column {cell!r} is not used and was ignored")
            continue
        if column in positions:
            errors.append(FieldError(filename, line, cell, f"column {column} appears twice"))
        positions[column] = i
    missing = [c for c in REQUIRED if c not in positions]
    if missing:
        errors.append(FieldError(filename, line, None, f"missing required column(s): {', '.join(missing)}"))
    return positions, errors, warnings


def _parse_row(row: Row, positions: dict[str, int], filename: str) -> tuple[PublishedRow | None, list[FieldError]]:
    errors: list[FieldError] = []

    def cell(column: str) -> str:
        i = positions.get(column)
        return row.cells[i] if i is not None and i < len(row.cells) else ""

    def read(column: str, parse: Callable[[str], str]) -> str:
        if not cell(column):
            errors.append(FieldError(filename, row.line, column, "is required but empty"))
            return ""
        try:
            return parse(cell(column))
        except ValueError as exc:
            errors.append(FieldError(filename, row.line, column, str(exc)))
            return ""

    source = read("source", str)
    if len(source) > SOURCE_MAX_LENGTH:
        errors.append(FieldError(filename, row.line, "source", f"is longer than {SOURCE_MAX_LENGTH} characters"))
    period = read("period", lambda text: parse_period(text).label)
    scope = read("scope", parse_scope)
    measure = read("measure", parse_measure)
    value = read("value", lambda text: str(_value(text, measure)))
    if errors:
        return None, errors
    return PublishedRow(row.line, source, period, scope, measure, Decimal(value), cell("cause")), []


def parse_published(data: bytes | str, filename: str) -> ParsedPublished:
    """Read and check a published-figures CSV; raises :class:`ImportFileError` with every error."""
    text = decode(data, filename) if isinstance(data, bytes) else data
    if not text.strip():
        raise ImportFileError([FieldError(filename, None, None, "the file is empty")])
    rows = read_rows(text, detect_delimiter(first_line(text)))
    positions, errors, warnings = _header(rows[0].cells, rows[0].line, filename)
    if errors:
        raise ImportFileError(errors)
    parsed: list[PublishedRow] = []
    seen: dict[tuple[str, str, str, str], int] = {}
    for row in rows[1:]:
        item, row_errors = _parse_row(row, positions, filename)
        errors.extend(row_errors)
        if item is None:
            continue
        if item.key in seen:
            message = f"the same source, period, scope and measure are on line {seen[item.key]}"
            errors.append(FieldError(filename, row.line, "measure", message))
            continue
        seen[item.key] = row.line
        parsed.append(item)
    if errors:
        raise ImportFileError(errors)
    if not parsed:
        raise ImportFileError([FieldError(filename, None, None, "the file has no rows with figures")])
    return ParsedPublished(parsed, warnings, "cause" in positions)


# ------------------------------------------------------------------------ checks


@dataclass(frozen=True)
class PublishedValue:
    """One published figure as the checks see it."""

    source: str
    period: str
    scope: str
    measure: str
    value: Decimal


@dataclass(frozen=True)
class Check:
    """One internal check of a published set: ``computed`` from ``parts`` against ``published``.

    ``kind``: ``subtotal`` (begin + inflow), ``end`` (subtotal − outflow), ``begin``
    (the end of ``reference``, the previous period) or ``municipalities`` (the
    municipalities' ``measure`` added up, against HLV's).
    """

    source: str
    period: str
    scope: str
    kind: str
    measure: str
    parts: tuple[Decimal, ...]
    computed: Decimal
    published: Decimal
    tolerance: Decimal = Decimal(0)
    reference: str = ""

    @property
    def difference(self) -> Decimal:
        return self.published - self.computed

    @property
    def ok(self) -> bool:
        return abs(self.difference) <= self.tolerance


def period_of(label: str) -> Period:
    return parse_period(label)


def scope_order(scope: str) -> int:
    return 0 if scope == HLV else 1 + (HLV_CODES.index(scope) if scope in HLV_CODES else len(HLV_CODES))


def _set_key(value: PublishedValue) -> tuple[object, ...]:
    period = period_of(value.period)
    return (period.start, period.end, value.source)


def arithmetic_checks(values: Iterable[PublishedValue]) -> list[Check]:
    """The internal checks of every published set, in report order (see the module rules)."""
    figures = list(values)
    by_key = {(f.source, f.period, f.scope, f.measure): f.value for f in figures}
    sets: dict[tuple[str, str], list[PublishedValue]] = {}
    for f in sorted(figures, key=_set_key):
        sets.setdefault((f.source, f.period), []).append(f)
    checks: list[Check] = []
    for (source, period), members in sets.items():
        scopes = sorted({f.scope for f in members}, key=scope_order)
        for scope in scopes:

            def get(measure: str, scope: str = scope, source: str = source, period: str = period) -> Decimal | None:
                return by_key.get((source, period, scope, measure))

            begin, inflow, subtotal = get("begin"), get("inflow"), get("subtotal")
            outflow, end = get("outflow"), get("end")
            if begin is not None and inflow is not None and subtotal is not None:
                checks.append(Check(source, period, scope, "subtotal", "subtotal", (begin, inflow), begin + inflow,
                                    subtotal))  # fmt: skip
            if subtotal is not None and outflow is not None and end is not None:
                checks.append(Check(source, period, scope, "end", "end", (subtotal, outflow), subtotal - outflow, end))
            if begin is not None:
                previous = _previous_end(figures, source, period, scope)
                if previous is not None:
                    label, value = previous
                    checks.append(Check(source, period, scope, "begin", "begin", (value,), value, begin,
                                        reference=label))  # fmt: skip
        for measure in ADDITIVE:
            total = by_key.get((source, period, HLV, measure))
            parts = [by_key.get((source, period, code, measure)) for code in HLV_CODES]
            if total is None or any(p is None for p in parts):
                continue
            known = tuple(p for p in parts if p is not None)
            tolerance = Decimal(1) if measure == "monthly_average" else Decimal(0)
            checks.append(Check(source, period, HLV, "municipalities", measure, known, sum(known, Decimal(0)), total,
                                tolerance))  # fmt: skip
    return checks


def _previous_end(
    figures: Sequence[PublishedValue], source: str, period: str, scope: str
) -> tuple[str, Decimal] | None:
    """``(label, value)`` of the published end of the period before ``period``: the
    same source first, else the first other source (by name). The label names the
    period, and the source when it is another one."""
    day_before = period_of(period).start - timedelta(days=1)
    candidates = [
        f for f in figures if f.scope == scope and f.measure == "end" and period_of(f.period).end == day_before
    ]
    if not candidates:
        return None
    candidates.sort(key=lambda f: (f.source != source, f.source, period_of(f.period).start))
    best = candidates[0]
    label = best.period if best.source == source else f"{best.period} ({best.source})"
    return label, best.value
