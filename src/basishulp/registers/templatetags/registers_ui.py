"""Template helpers of the registers page: a report :class:`~basishulp.reports.domain.document.Table`
as rows of formatted cells, in the active language (the same text as the report)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.utils import translation

from basishulp.reports.domain.document import Table, format_cell

register = template.Library()

NUMERIC = {"count", "signed", "euro", "keuro", "percent", "decimal1", "decimal2", "plus", "minus"}


@dataclass(frozen=True)
class ShownCell:
    text: str
    numeric: bool


@dataclass(frozen=True)
class ShownRow:
    cells: list[ShownCell]
    total: bool


def _kind(table: Table, row: int, col: int) -> str:
    kind_of = getattr(table, "kind_of", None)
    return kind_of(row, col) if kind_of else table.columns[col].kind  # type: ignore[no-any-return]


@register.filter
def shown_rows(table: Table) -> list[ShownRow]:
    dutch = (translation.get_language() or "nl").startswith("nl")
    first_total = len(table.rows) - table.total_rows
    out = []
    for r, row in enumerate(table.rows):
        cells = []
        for c, value in enumerate(row):
            kind = _kind(table, r, c)
            cells.append(ShownCell(format_cell(value, kind, dutch), kind in NUMERIC))
        out.append(ShownRow(cells, r >= first_total))
    return out


@register.filter
def numeric(column: Any) -> bool:
    return getattr(column, "kind", "text") in NUMERIC


@register.filter
def paragraphs(text: str) -> str:
    """A register text as HTML: paragraphs, and consecutive list items as one list
    (the rules of :func:`basishulp.registers.report.text_blocks`)."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    from basishulp.registers.report import text_blocks

    html: list[str] = []
    in_list = False
    for block in text_blocks(text or ""):
        if block.style == "li":
            if not in_list:
                html.append('<ul class="compact">')
                in_list = True
            html.append(f"<li>{escape(block.text)}</li>")
            continue
        if in_list:
            html.append("</ul>")
            in_list = False
        html.append(f"<p>{escape(block.text)}</p>")
    if in_list:
        html.append("</ul>")
    return mark_safe("".join(html))  # noqa: S308 - every text is escaped above


@register.filter
def status_badge(status: str) -> str:
    """The badge class of an assignment status."""
    return {"done": "badge--good", "late": "badge--bad", "at_risk": "badge--warning"}.get(status, "badge--neutral")
