"""View model of the registers page (/registers/): everything of one period (and
optionally one municipality's texts and FTE), built from the same selectors and report
blocks as the half-year report, so the page shows what the report will show."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from basishulp.accounts.models import Role
from basishulp.accounts.selectors import role_of
from basishulp.kpi.domain.periods import Period, PeriodError, parse_period
from basishulp.reports.domain.document import Chart, Table
from basishulp.trajecten.domain.reference import HLV_CODES, municipality_name

from .models import BudgetAdjustment, PeriodText
from .report import budget_adjustment, portfolio_section, workforce_chart, workforce_table
from .selectors import AssignmentRow, RiskRow, assignment_rows, default_period, known_periods, risk_rows

__all__ = ["RegistersPage", "TextItem", "build_registers_page", "may_edit_registers"]


def may_edit_registers(user: Any) -> bool:
    """Controllers keep the registers (the access table gives them the edit pages)."""
    return role_of(user) == Role.CONTROLLER


@dataclass
class TextItem:
    kind: str
    label: str
    text: str
    title: str = ""
    own: bool = False  # the municipality's own text (not the HLV text)
    updated: str = ""


@dataclass
class RegistersPage:
    period: Period
    period_input: str
    municipality: str | None
    municipality_label: str
    periods: list[str]
    municipalities: list[tuple[str, str]]
    risks: list[RiskRow]
    assignments: list[AssignmentRow]
    portfolio_tables: list[Table]
    fte: Table
    fte_chart: Chart | None
    texts: list[TextItem]
    adjustment: BudgetAdjustment | None
    can_edit: bool
    messages: list[str] = field(default_factory=list)


def _texts(period: Period, municipality: str | None) -> list[TextItem]:
    rows = {
        (t.kind, t.municipality.code if t.municipality else None): t
        for t in PeriodText.objects.filter(period=period.label).select_related("municipality", "updated_by")
    }
    items = []
    for kind, label in PeriodText.Kind.choices:
        row = rows.get((kind, municipality)) if municipality else None
        own = row is not None
        row = row or rows.get((kind, None))
        if row is None:
            items.append(TextItem(kind, str(label), ""))
            continue
        who = row.updated_by.get_full_name() or row.updated_by.get_username() if row.updated_by else ""
        items.append(TextItem(kind, str(label), row.text, row.title, own, who))
    return items


def build_registers_page(user: Any, query: Any) -> RegistersPage:
    """The page for ``?period=`` (default: the latest period with register data) and
    ``?municipality=`` (a CBS code; default HLV)."""
    notes: list[str] = []
    period_input = (query.get("period") or "").strip()
    period = None
    if period_input:
        try:
            period = parse_period(period_input)
        except PeriodError:
            notes.append(
                _("“%(value)s” is not a period: use 2023, 2023-H1, 2023-Q2 or 2023-05. Shown: %(period)s.")
                % {"value": period_input, "period": default_period().label}
            )
    period = period or default_period()
    municipality = query.get("municipality") or None
    if municipality not in (None, *HLV_CODES):
        notes.append(_("Unknown municipality “%(code)s”: HLV is shown.") % {"code": municipality})
        municipality = None
    section = portfolio_section(period)
    return RegistersPage(
        period=period,
        period_input=period.label,
        municipality=municipality,
        municipality_label=municipality_name(municipality) if municipality else _("HLV (all three municipalities)"),
        periods=known_periods(),
        municipalities=[(code, municipality_name(code)) for code in HLV_CODES],
        risks=risk_rows(period),
        assignments=assignment_rows(period),
        portfolio_tables=[t for t in section.tables() if t.id != "portfolio_assignments"],
        fte=workforce_table(period, municipality),
        fte_chart=workforce_chart(period, municipality),
        texts=_texts(period, municipality),
        adjustment=budget_adjustment(municipality, period.start.year) if municipality else None,
        can_edit=may_edit_registers(user),
        messages=notes,
    )
