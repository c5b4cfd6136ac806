"""The three renderings of a :class:`~basishulp.reports.domain.document.Report`:
a self-contained HTML page, a PDF made from the same HTML with print styles
(WeasyPrint: cover, contents with page numbers, running header and page numbers,
tables that repeat their header over page breaks, charts as vector SVG), and an Excel
workbook with one sheet per table (values, no formulas; euro and percent number
formats; frozen header rows).

Numbers are formatted once, by :func:`~basishulp.reports.domain.document.format_cell`,
in the active language (Dutch: € 1.385.348, 26,0%).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .domain.document import Chart, Report, Table, Text, format_cell

__all__ = [
    "CONTENT_TYPES",
    "FORMATS",
    "range_name",
    "render",
    "render_html",
    "render_pdf",
    "render_xlsx",
    "sheet_names",
]

FORMATS = ("html", "pdf", "xlsx")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: Chapters that start on a new page in the PDF.
MAJOR_SECTIONS = {
    "summary",
    "flows",
    "journeys",
    "finance",
    "forecast",
    "risks",
    "portfolio",
    "reconciliation",
    "workforce",
}
NUMERIC_KINDS = {"count", "signed", "euro", "keuro", "percent", "decimal1", "decimal2", "plus", "minus"}


def _dutch() -> bool:
    return (get_language() or "nl").startswith("nl")


@dataclass
class _CellView:
    text: str
    numeric: bool
    count: str = ""  # a published count of the municipality version: its value ("" when suppressed)
    suppressed: bool = False


@dataclass
class _TableView:
    table: Table
    header: list[_CellView]
    rows: list[tuple[list[_CellView], bool]]  # cells, is a total row

    @property
    def records(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The rows as records: a title and the (label, text) of the other cells."""
        titled = self.table.record_title
        out = []
        for cells, _total in self.rows:
            title = " — ".join(cells[i].text for i in titled if cells[i].text != "—")
            fields = [(self.header[i].text, c.text) for i, c in enumerate(cells) if i not in titled and c.text != "—"]
            out.append((title, fields))
        return out


@dataclass
class _SectionView:
    id: str
    number: int
    title: str
    major: bool = False  # starts on a new page in the PDF
    blocks: list[tuple[str, Any]] = field(default_factory=list)  # ("table"|"chart"|"text", view)


def _table_view(table: Table, dutch: bool, protected: bool = False) -> _TableView:
    """Cells as text. In the municipality version the published counts (tables taken
    from the municipality's page) are marked up as on that page, ``<data class="count">``."""
    marked = protected and table.id.startswith("m_")
    header = [_CellView(c.label, c.kind in NUMERIC_KINDS) for c in table.columns]
    rows = []
    first_total = len(table.rows) - table.total_rows
    for r, row in enumerate(table.rows):
        cells = []
        for c, value in enumerate(row):
            kind = table.kind_of(r, c)
            numeric = kind in NUMERIC_KINDS and not (isinstance(value, str) and c == 0)
            view = _CellView(format_cell(value, kind, dutch), numeric)
            if marked and kind == "count" and c > 0 and value is not None:
                view.suppressed = isinstance(value, str)
                view.count = "" if view.suppressed else str(value)
                view.text = "<8" if view.suppressed else view.text
            cells.append(view)
        rows.append((cells, r >= first_total))
    return _TableView(table, header, rows)


def _context(report: Report) -> dict[str, Any]:
    dutch = _dutch()
    sections = []
    for number, s in enumerate(report.sections, start=1):
        view = _SectionView(s.id, number, s.title, major=s.id in MAJOR_SECTIONS)
        for block in s.blocks:
            if isinstance(block, Table):
                view.blocks.append(("table", _table_view(block, dutch, report.protected)))
            elif isinstance(block, Chart):
                view.blocks.append(("chart", block))
            elif isinstance(block, Text):
                view.blocks.append(("text", block))
        sections.append(view)
    generated = timezone.localtime(report.generated_at)
    return {
        "report": report,
        "sections": sections,
        "generated": generated.strftime("%d-%m-%Y %H:%M") if dutch else generated.strftime("%Y-%m-%d %H:%M"),
        "as_of": "" if report.as_of is None else format_cell(report.as_of, "date", dutch),
        "language": get_language() or "nl",
    }


def render_html(report: Report, for_print: bool = False) -> str:
    """A complete, self-contained HTML document (styles inline, charts as inline SVG)."""
    context = _context(report)
    context["for_print"] = for_print
    return render_to_string("reports/report.html", context)


def render_pdf(report: Report) -> bytes:
    """The PDF: the print version of the HTML, laid out by WeasyPrint."""
    from weasyprint import HTML

    html = render_html(report, for_print=True)
    document = HTML(string=html, base_url=None)
    return document.write_pdf()


# ------------------------------------------------------------------------ Excel

EXCEL_FORMATS = {
    "count": "#,##0",
    "signed": "+#,##0;-#,##0;0",
    "plus": "+#,##0;-#,##0;0",
    "minus": '"-"#,##0;+#,##0;0',
    "euro": '"€" #,##0;-"€" #,##0',
    "keuro": "#,##0,;-#,##0,",
    "percent": "0.0%",
    "decimal1": "0.0",
    "decimal2": "0.00",
    "date": "dd-mm-yyyy",
}
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")


def sheet_names(report: Report) -> dict[str, str]:
    """Table id → its unique Excel sheet name (≤ 31 characters, no forbidden signs)."""
    names: dict[str, str] = {}
    used = {_("Cover").lower()}
    for table in report.tables():
        base = _BAD_SHEET.sub("-", table.sheet).strip("'")[:31] or table.id[:31]
        name, n = base, 2
        while name.lower() in used:
            suffix = f" ({n})"
            name = base[: 31 - len(suffix)] + suffix
            n += 1
        used.add(name.lower())
        names[table.id] = name
    return names


def range_name(table_id: str) -> str:
    """The workbook's name for a table's range: ``t_`` and the id (``-`` becomes ``_``)."""
    return "t_" + re.sub(r"\W", "_", table_id)


def _excel_value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if isinstance(value, Decimal):
        # Excel holds doubles; money to the cent, shares and decimals at full precision
        return float(value.quantize(Decimal("0.01"))) if kind in ("euro", "keuro") else float(value)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return value


def render_xlsx(report: Report) -> bytes:
    """The workbook: a cover sheet listing the tables, then one sheet per table."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.workbook.defined_name import DefinedName

    wb = Workbook()
    cover = wb.active
    cover.title = _("Cover")
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DCE6F0")
    cover["A1"] = report.title
    cover["A1"].font = Font(bold=True, size=16)
    cover["A2"] = report.subtitle
    cover["A3"] = _("Made on %(date)s; data up to %(as_of)s.") % {
        "date": timezone.localtime(report.generated_at).strftime("%d-%m-%Y %H:%M"),
        "as_of": "" if report.as_of is None else report.as_of.strftime("%d-%m-%Y"),
    }
    if report.protected:
        cover["A4"] = _("Counts are published under disclosure control (rounded to 5, <8 below 8).")
    cover["A6"], cover["B6"], cover["C6"] = _("Sheet"), _("Table"), _("Chapter")
    for cell in (cover["A6"], cover["B6"], cover["C6"]):
        cell.font, cell.fill = bold, header_fill
    names = sheet_names(report)
    row = 7
    for section in report.sections:
        for table in section.tables():
            cover.cell(row=row, column=1, value=names[table.id])
            cover.cell(row=row, column=2, value=table.title)
            cover.cell(row=row, column=3, value=section.title)
            cover.cell(row=row, column=1).hyperlink = f"#'{names[table.id]}'!A1"
            row += 1
    cover.column_dimensions["A"].width = 32
    cover.column_dimensions["B"].width = 80
    cover.column_dimensions["C"].width = 40
    cover.freeze_panes = "A7"

    for section in report.sections:
        for table in section.tables():
            ws = wb.create_sheet(names[table.id])
            ws["A1"] = table.title
            ws["A1"].font = Font(bold=True, size=13)
            ws["A2"] = section.title
            header_row = 4
            for c, column in enumerate(table.columns, start=1):
                cell = ws.cell(row=header_row, column=c, value=column.label)
                cell.font, cell.fill = bold, header_fill
                cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="right" if c > 1 else "left")
            if not table.rows:
                ws.cell(row=header_row + 1, column=1, value=table.empty or _("Nothing in this period."))
            first_total = len(table.rows) - table.total_rows
            for r, values in enumerate(table.rows):
                for c, value in enumerate(values):
                    kind = table.kind_of(r, c)
                    cell = ws.cell(row=header_row + 1 + r, column=c + 1, value=_excel_value(value, kind))
                    if kind in EXCEL_FORMATS and not isinstance(value, str):
                        cell.number_format = EXCEL_FORMATS[kind]
                    if isinstance(value, str) and c > 0:
                        cell.alignment = Alignment(horizontal="right")
                    if r >= first_total:
                        cell.font = bold
            last = header_row + 1 + max(len(table.rows), 1)
            # a named range per table (header and rows): "t_" + the table's id
            area = f"$A${header_row}:${get_column_letter(len(table.columns))}${header_row + len(table.rows)}"
            name = range_name(table.id)
            wb.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheetname(ws.title)}!{area}")
            if table.note:
                ws.cell(row=last + 1, column=1, value=table.note).alignment = Alignment(wrap_text=False)
            ws.freeze_panes = ws.cell(row=header_row + 1, column=2)
            for c, column in enumerate(table.columns, start=1):
                texts = [column.label] + [str(v[c - 1]) for v in table.rows if v[c - 1] is not None]
                width = (
                    min(60, max(10, max(len(t) for t in texts) + 2))
                    if c == 1
                    else min(22, max(12, len(column.label) // 2 + 4))
                )
                ws.column_dimensions[get_column_letter(c)].width = width
    wb.properties.title = report.title
    wb.properties.creator = "Basishulp"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def render(report: Report, fmt: str) -> bytes:
    if fmt == "html":
        return render_html(report).encode("utf-8")
    if fmt == "pdf":
        return render_pdf(report)
    if fmt == "xlsx":
        return render_xlsx(report)
    raise ValueError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
