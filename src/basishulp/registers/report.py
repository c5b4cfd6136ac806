"""The registers as blocks of the half-year and annual report (domain.md §5, §6), built
with the document model of :mod:`basishulp.reports.domain.document`.

- :func:`risk_section`: the risk dossier — an overview table (sheet "Risicodossier")
  and per risk its description, control measures, current situation for the period
  and linked hulpventiel claims.
- :func:`portfolio_section`: assignments with their status (sheet
  "Transformatieportfolio"), measured savings per project and year with the total
  and the cumulative savings computed from the projects' figures (sheet
  "Inverdieneffecten"), targets planned against realised (sheet "Doelen portfolio").
- :func:`workforce_table` / :func:`workforce_chart`: FTE per municipality at the
  half-year ends up to the period's end (sheet "Formatie FTE"); the total is the sum
  of the municipalities, computed here.
- :func:`period_texts`: the free texts of the period (introduction, communication,
  human resources, other), a municipality's own text in place of the HLV text.
- :func:`budget_adjustment`: a municipality's budget adjustment of a year.

Labels are English msgids translated with gettext (the report is Dutch); numbers in
notes follow the active language (Dutch: 169,4 and 8,9%). Percentages in notes are
rounded half away from zero to one decimal, like the tables.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import translation
from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _

from basishulp.kpi.domain.periods import Period
from basishulp.reports.domain.document import Chart, Column, Section, Table, Text, format_cell, number
from basishulp.trajecten.domain.reference import HLV_CODES, municipality_name

from .models import AssignmentStatus, BudgetAdjustment, PeriodText, ProjectSaving, ProjectTarget
from .selectors import assignment_rows, fte_series, risk_rows

__all__ = [
    "budget_adjustment",
    "period_texts",
    "portfolio_section",
    "risk_section",
    "text_blocks",
    "workforce_chart",
    "workforce_table",
]

#: Line colours of the FTE chart (Okabe-Ito, as the dashboard charts).
FTE_COLORS = {"total": "#0b5394", "GM0917": "#e69f00", "GM0882": "#009e73", "GM0986": "#d55e00"}


def _dutch() -> bool:
    return (translation.get_language() or "nl").startswith("nl")


def _date(day: dt.date) -> str:
    return format_cell(day, "date", _dutch())


def _decimal1(value: Decimal) -> str:
    return number(value, 1, _dutch())


def _month_label(day: dt.date) -> str:
    return f"{MONTHS_3[day.month]} {day.year}"


def text_blocks(text: str) -> list[Text]:
    """A text as paragraphs ("p") and list items ("li"): a blank line ends a paragraph,
    a line starting with "- " (or "– ", a sub-item) is a list item."""
    blocks: list[Text] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Text(" ".join(paragraph)))
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("- "):
            flush()
            blocks.append(Text(line[2:].strip(), "li"))
        elif line.startswith("– "):
            flush()
            blocks.append(Text(line, "li"))
        else:
            paragraph.append(line)
    flush()
    return blocks


# --------------------------------------------------------------------------- risks


def risk_section(period: Period) -> Section:
    """The risk dossier for ``period`` (section id "risks")."""
    section = Section("risks", _("Risks"))
    rows = risk_rows(period)
    overview = Table(
        id="risk_overview",
        title=_("Risk dossier: overview"),
        sheet=_("Risk dossier"),
        columns=[
            Column(_("No."), "count"),
            Column(_("Risk"), "text"),
            Column(_("Situation recorded for %(period)s") % {"period": period.label}, "text"),
            Column(_("Linked claims"), "text"),
        ],
        empty=_("No risks recorded."),
    )
    for row in rows:
        claims = "; ".join(f"{c.year} {c.title}" for c in row.claims) or None
        overview.add(row.risk.number, row.risk.title, _("yes") if row.exact else _("no"), claims)
    if rows:
        overview.note = _("“no”: the situation shown below is of an earlier period, or no situation has been recorded.")
    section.blocks.append(overview)

    dutch = _dutch()
    for row in rows:
        risk = row.risk
        section.text(_("Risk %(number)s — %(title)s") % {"number": risk.number, "title": risk.title}, "h3")
        section.blocks.extend(text_blocks(risk.description))
        measures = risk.measures()
        if measures:
            section.text(_("Control measures:"))
            for measure in measures:
                section.text(measure, "li")
        if row.situation is None:
            section.text(_("No current situation recorded for %(period)s.") % {"period": period.label}, "warning")
        else:
            if row.exact:
                section.text(_("Current situation (%(period)s):") % {"period": period.label})
            else:
                section.text(
                    _("Current situation as recorded for %(earlier)s (nothing recorded for %(period)s):")
                    % {"earlier": row.situation.period, "period": period.label}
                )
            section.blocks.extend(text_blocks(row.situation.text))
        if row.claims:
            section.text(_("Linked hulpventiel claims:"))
            for claim in row.claims:
                section.text(
                    f"{claim.year} — {claim.title} — {format_cell(claim.amount, 'euro', dutch)} — "
                    f"{claim.get_status_display()}",
                    "li",
                )
    return section


# ------------------------------------------------------------------------- portfolio


def _status_label(status: AssignmentStatus, exact: bool) -> str:
    label = str(status.get_status_display())
    return label if exact else _("%(status)s (as of %(period)s)") % {"status": label, "period": status.period}


def _assignments_table(period: Period) -> Table:
    table = Table(
        id="portfolio_assignments",
        title=_("Assignments per programme line: status %(period)s") % {"period": period.label},
        sheet=_("Transformation portfolio"),
        columns=[
            Column(_("Programme line")),
            Column(_("Code")),
            Column(_("Assignment")),
            Column(_("Goal")),
            Column(_("Target date"), "date"),
            Column(_("Status")),
            Column(_("Status text")),
        ],
        empty=_("No assignments recorded."),
        layout="records",
        record_title=(1, 2),
    )
    for row in assignment_rows(period):
        a = row.assignment
        line = f"{a.line.number} {a.line.title}" if a.line else _("Other development goals")
        status = _status_label(row.status, row.exact) if row.status else _("no status recorded")
        text = row.status.text if row.status else ""
        table.add(line, a.code, a.title, a.goal or None, a.target_date, status, text or None)
    return table


def _savings_table(period: Period) -> Table:
    savings = list(ProjectSaving.objects.filter(year__lte=period.end.year).select_related("project"))
    years = sorted({s.year for s in savings})
    table = Table(
        id="portfolio_savings",
        title=_("Measured savings per project (inverdieneffecten)"),
        sheet=_("Measured savings"),
        columns=[Column(_("Project")), *(Column(str(y), "euro") for y in years), Column(_("Cumulative"), "euro")],
        note=_("Savings measured per project, in euros. The total and the cumulative column are computed here."),
        empty=_("No project savings recorded."),
    )
    by_project: dict[str, dict[int, Decimal]] = {}
    for s in savings:
        by_project.setdefault(s.project.name, {})[s.year] = Decimal(s.amount)
    totals = dict.fromkeys(years, Decimal(0))
    for name in sorted(by_project):
        values = by_project[name]
        for year, amount in values.items():
            totals[year] += amount
        table.add(name, *(values.get(y) for y in years), sum(values.values(), Decimal(0)))
    if by_project:
        table.add(_("Total"), *(totals[y] for y in years), sum(totals.values(), Decimal(0)))
        table.total_rows = 1
    return table


def _targets_table(period: Period) -> Table:
    table = Table(
        id="portfolio_targets",
        title=_("Targets: planned and realised"),
        sheet=_("Portfolio targets"),
        columns=[
            Column(_("Project")),
            Column(_("Period")),
            Column(_("Measure")),
            Column(_("Planned"), "count"),
            Column(_("Realised"), "count"),
            Column(_("Realised / planned"), "percent"),
        ],
        empty=_("No targets recorded for %(period)s.") % {"period": period.label},
    )
    for target in ProjectTarget.objects.select_related("project"):
        p = target.parsed_period
        if p.start < period.start or p.end > period.end:
            continue
        share = None
        if target.realised is not None and target.planned:
            share = Decimal(target.realised) / Decimal(target.planned)
        table.add(target.project.name, target.period, target.measure, target.planned, target.realised, share)
    return table


def portfolio_section(period: Period) -> Section:
    """The transformation portfolio for ``period`` (section id "portfolio")."""
    section = Section("portfolio", _("Transformation portfolio"))
    section.blocks.extend([_assignments_table(period), _savings_table(period), _targets_table(period)])
    return section


# ------------------------------------------------------------------------- workforce


def _codes(municipality_code: str | None) -> list[str]:
    if municipality_code is None:
        return list(HLV_CODES)
    if municipality_code not in HLV_CODES:
        raise ValueError(f"unknown municipality {municipality_code!r}")
    return [municipality_code]


def _growth_note(dates: list[dt.date], values: dict[dt.date, Decimal], what: str) -> str:
    """The FTE at the last date, against the previous half-year and a year earlier."""
    if not dates:
        return ""
    last = dates[-1]
    now = values.get(last)
    if now is None:
        return _("No FTE recorded for %(date)s.") % {"date": _date(last)}
    parts = [_("%(what)s on %(date)s: %(fte)s FTE") % {"what": what, "date": _date(last), "fte": _decimal1(now)}]
    if len(dates) >= 2 and values.get(dates[-2]) is not None:
        diff = now - values[dates[-2]]
        parts.append(
            _("%(diff)s FTE against %(date)s") % {"diff": ("+" if diff > 0 else "") + _decimal1(diff),
                                                   "date": _date(dates[-2])}
        )  # fmt: skip
    if len(dates) >= 3 and values.get(dates[-3]):
        growth = (now / values[dates[-3]] - 1) * 100
        rounded = growth.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        parts.append(
            _("%(growth)s%% against %(date)s") % {"growth": ("+" if rounded > 0 else "") + _decimal1(rounded),
                                                   "date": _date(dates[-3])}
        )  # fmt: skip
    text = "; ".join(parts) + "."
    if len(parts) == 3:
        text += " " + _("(Growth in percent of the FTE as recorded, rounded half away from zero to one decimal.)")
    return text


def _fte_rows(
    period: Period, municipality_code: str | None
) -> tuple[list[dt.date], list[tuple[str, str, list[Decimal | None]]]]:
    """The half-year ends and the rows (key, label, values); HLV has a computed total."""
    codes = _codes(municipality_code)
    dates, values = fte_series(period.end, codes)
    rows = [(code, municipality_name(code), [values[code].get(d) for d in dates]) for code in codes]
    if municipality_code is None and dates:
        totals: list[Decimal | None] = []
        for i in range(len(dates)):
            column = [r[2][i] for r in rows]
            totals.append(None if any(v is None for v in column) else sum(column, Decimal(0)))  # type: ignore[arg-type]
        rows.append(("total", _("Total"), totals))
    return dates, rows


def workforce_table(period: Period, municipality_code: str | None = None) -> Table:
    """FTE of the area teams and voorliggend veld at the half-year ends up to the end of
    ``period`` (table id "fte"): one row per municipality and the computed total, or
    only the row of ``municipality_code``."""
    dates, rows = _fte_rows(period, municipality_code)
    table = Table(
        id="fte",
        title=_("FTE area teams and voorliggend veld"),
        sheet=_("Workforce FTE"),
        columns=[Column(_("Municipality")), *(Column(_month_label(d), "decimal1") for d in dates)],
        empty=_("No FTE recorded up to %(date)s.") % {"date": _date(period.end)},
    )
    if not dates:
        return table
    for _key, label, values in rows:
        table.add(label, *values)
    if municipality_code is None:
        table.total_rows = 1
        key_values = rows[-1][2]
        what = _("Total")
    else:
        key_values = rows[0][2]
        what = municipality_name(municipality_code)
    note = _growth_note(dates, dict(zip(dates, key_values, strict=True)), what)  # type: ignore[arg-type]
    if municipality_code is None:
        note += " " + _("The total is the sum of the municipalities.")
    table.note = note.strip()
    return table


def workforce_chart(period: Period, municipality_code: str | None = None) -> Chart | None:
    """The FTE of :func:`workforce_table` as a line chart (offline SVG): one line per
    municipality and the total, at the half-year ends where every line has a value;
    ``None`` when there is nothing to draw."""
    from basishulp.dashboard.charts import LinePanel, LineSeries, line_chart_svg

    dates, rows = _fte_rows(period, municipality_code)
    keep = [i for i in range(len(dates)) if all(r[2][i] is not None for r in rows)]
    if not keep:
        return None
    title = _("FTE area teams and voorliggend veld")
    labels = [_month_label(dates[i]) for i in keep]
    series = [
        LineSeries(
            key=key if key == "total" else key.lower(),
            label=label,
            values=[float(values[i]) for i in keep],  # type: ignore[arg-type]
            color=FTE_COLORS.get(key, ""),
            dashed=key == "total",
        )
        for key, label, values in rows
    ]
    main = rows[-1]
    first, last = main[2][keep[0]], main[2][keep[-1]]
    desc = _("FTE at the half-year ends from %(first)s to %(last)s; %(what)s from %(a)s to %(b)s FTE.") % {
        "first": labels[0],
        "last": labels[-1],
        "what": main[1],
        "a": _decimal1(first),  # type: ignore[arg-type]
        "b": _decimal1(last),  # type: ignore[arg-type]
    }
    svg = line_chart_svg(
        chart_id="fte-chart",
        title=title,
        desc=desc,
        x_labels=labels,
        x_axis_label=_("half-year end"),
        panels=[LinePanel(y_label=_("FTE"), series=series, height=220, zero_based=True)],
        fmt=lambda v: number(Decimal(str(v)), 0, _dutch()),
    )
    return Chart("fte_chart", title, svg, desc)


# ------------------------------------------------------------------- texts and letters


def period_texts(period: Period, municipality_code: str | None = None) -> dict[str, str]:
    """The texts of ``period`` by kind (:class:`~.models.PeriodText.Kind` values): the
    HLV texts, with a text of ``municipality_code`` in place of the HLV text of its kind."""
    texts: dict[str, str] = {}
    rows = PeriodText.objects.filter(period=period.label).select_related("municipality")
    for row in sorted(rows, key=lambda r: r.municipality is not None):  # HLV first, then the override
        if row.municipality is None or row.municipality.code == municipality_code:
            texts[row.kind] = row.text
    return texts


def budget_adjustment(municipality_code: str, year: int) -> BudgetAdjustment | None:
    """The budget adjustment of ``municipality_code`` for the meerkosten of ``year``, if any."""
    return (
        BudgetAdjustment.objects.filter(municipality__code=municipality_code, year=year)
        .select_related("municipality")
        .first()
    )
