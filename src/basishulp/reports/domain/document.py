"""The report as a document: sections holding text, tables and charts, independent of
the output format. The HTML page, the PDF and the Excel workbook are renderings of
one :class:`Report`, so their numbers cannot differ.

Cell values are plain data: ``int``, ``Decimal``, ``str``, ``datetime.date`` or
``None`` (nothing to show: an em dash). A column's ``kind`` says how to show them:

========== ==================================================== ==================
kind       value                                                Dutch rendering
========== ==================================================== ==================
text       anything, shown as ``str``                           as is
count      a whole number                                       ``1.385``
signed     a whole number with its sign                         ``+778``, ``-802``
euro       euros (rounded half away from zero for display)      ``€ 1.385.348``
keuro      euros, shown in thousands (tables "bedragen × €1.000") ``17.216``
percent    a share 0..1                                         ``26,0%``
decimal1   a number with one decimal                            ``169,4``
decimal2   a number with two decimals                           ``1,03``
date       a ``datetime.date``                                  ``30-06-2023``
plus       a whole number added (a row kind: inflow)            ``+778``
minus      a whole number taken off, stored positive (outflow)  ``-802``
========== ==================================================== ==================

A row can override the kind of every column but the first (``Table.row_kinds``):
the inflow row of a flow table is "plus", the outflow row "minus", as in the
published reports.

A protected count of the municipality version (``<8``) is a ``str`` in a count
column; renderers show it as is (and Excel keeps it as text).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Union

__all__ = [
    "KINDS",
    "Cell",
    "Chart",
    "Column",
    "Report",
    "Section",
    "Table",
    "Text",
    "format_cell",
]

Cell = Union[int, Decimal, str, dt.date, None]  # noqa: UP007 - a runtime alias

KINDS = ("text", "count", "signed", "euro", "keuro", "percent", "decimal1", "decimal2", "date", "plus", "minus")
DASH = "—"


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "text"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


@dataclass
class Table:
    """One table; ``sheet`` is its Excel sheet name (at most 31 characters, unique in
    the workbook). The last ``total_rows`` rows are totals (shown bold)."""

    id: str
    title: str
    sheet: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    note: str = ""
    total_rows: int = 0
    empty: str = ""  # shown when there are no rows
    row_kinds: list[str | None] = field(default_factory=list)  # per row: overrides the columns' kinds
    #: "grid" (rows and columns) or "records" (on the page and in the PDF each row is a
    #: small block headed by the ``record_title`` columns; for tables of long texts)
    layout: str = "grid"
    record_title: tuple[int, ...] = (0,)

    def add(self, *values: Cell, kind: str | None = None) -> None:
        if len(values) != len(self.columns):
            raise ValueError(f"table {self.id}: {len(values)} values for {len(self.columns)} columns")
        if kind is not None and kind not in KINDS:
            raise ValueError(f"unknown row kind {kind!r}")
        self.rows.append(list(values))
        self.row_kinds.append(kind)

    def kind_of(self, row: int, col: int) -> str:
        """The kind of one cell: the row's kind, else the column's (the first column is text)."""
        if col > 0 and row < len(self.row_kinds) and self.row_kinds[row]:
            return self.row_kinds[row]  # type: ignore[return-value]
        return self.columns[col].kind


@dataclass
class Chart:
    """A chart as an SVG string (vector in the PDF) with a text description."""

    id: str
    title: str
    svg: str
    desc: str = ""


@dataclass
class Text:
    """A paragraph (``style`` "p"), a sub-heading ("h3"), a list item ("li"), a note in
    small print ("note") or a warning ("warning")."""

    text: str
    style: str = "p"


Block = Union[Table, Chart, Text]  # noqa: UP007


@dataclass
class Section:
    id: str
    title: str
    blocks: list[Block] = field(default_factory=list)

    def text(self, text: str, style: str = "p") -> None:
        if text:
            self.blocks.append(Text(text, style))

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


@dataclass
class Report:
    title: str
    subtitle: str
    period: str  # the period's label, e.g. "2023-H1"
    period_label: str  # in words, e.g. "eerste halfjaar 2023"
    scope: str  # "HLV" or a municipality code
    scope_label: str
    protected: bool  # the municipality version: counts under disclosure control
    generated_at: dt.datetime
    as_of: dt.date | None
    sections: list[Section] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    def tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables()]


def _round(value: Decimal | int, places: int) -> Decimal:
    quantum = Decimal(1).scaleb(-places)
    return Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def _group(digits: str, sep: str) -> str:
    out: list[str] = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def number(value: Decimal | int, places: int = 0, dutch: bool = True) -> str:
    """``value`` rounded half away from zero with thousands separators."""
    thousands, decimal_sep = (".", ",") if dutch else (",", ".")
    rounded = _round(value, places)
    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):.{places}f}"
    whole, _sep, frac = text.partition(".")
    body = _group(whole, thousands)
    return sign + body + (decimal_sep + frac if places else "")


def format_cell(value: Cell, kind: str, dutch: bool = True) -> str:
    """The text of a cell in a table of the HTML page and the PDF."""
    if value is None:
        return DASH
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y") if dutch else value.isoformat()
    if kind == "count":
        return number(value, 0, dutch)
    if kind == "signed":
        text = number(value, 0, dutch)
        return text if value < 0 or text.startswith("-") else ("+" + text if value else text)
    if kind == "euro":
        text = number(value, 0, dutch)
        if text.startswith("-"):
            return ("-€ " if dutch else "-€") + text[1:]
        return ("€ " if dutch else "€") + text
    if kind == "plus":
        return "+" + number(value, 0, dutch)
    if kind == "minus":
        return "-" + number(value, 0, dutch) if value else number(value, 0, dutch)
    if kind == "keuro":
        return number(Decimal(value) / 1000, 0, dutch)
    if kind == "percent":
        return number(Decimal(value) * 100, 1, dutch) + "%"
    if kind == "decimal1":
        return number(value, 1, dutch)
    if kind == "decimal2":
        return number(value, 2, dutch)
    return str(value)
