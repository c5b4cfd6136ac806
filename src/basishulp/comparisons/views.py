"""The comparisons page: reconciliation with published figures and the CBS benchmark.

Thin: the tables come from :mod:`.report`, the imports from :mod:`.services`. Who may
open the pages is the access table's business (``comparisons:index`` for JENS's
steering roles, ``comparisons:upload`` for controllers).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from basishulp.kpi.domain.journeys import latest_date
from basishulp.kpi.domain.periods import Period, PeriodError, parse_period
from basishulp.reports.domain.document import Chart, Table, format_cell

from .forms import CbsUploadForm, PublishedUploadForm
from .report import benchmark_chart, benchmark_table, reconciliation_tables
from .selectors import cbs_years, published_periods
from .services import ImportFileError, import_cbs, import_published

CHECK_FAILED_COLUMN = 6  # the "Result" column of the checks table


@dataclass
class TableView:
    id: str
    title: str
    note: str
    empty: str
    columns: list[tuple[str, bool]]  # label, numeric
    rows: list[tuple[str, list[tuple[str, bool]]]] = field(default_factory=list)  # css class, cells


def table_view(table: Table) -> TableView:
    """A report table as text cells in the active language."""
    dutch = (translation.get_language() or "nl").startswith("nl")
    failed = _("does not add up")
    view = TableView(
        table.id, table.title, table.note, table.empty, [(c.label, c.kind != "text") for c in table.columns]
    )
    for r, row in enumerate(table.rows):
        cells = []
        for c, value in enumerate(row):
            kind = table.kind_of(r, c) if hasattr(table, "kind_of") else table.columns[c].kind
            cells.append((format_cell(value, kind, dutch), table.columns[c].kind != "text"))
        css = ""
        if table.id == "reconciliation_checks" and row[CHECK_FAILED_COLUMN] == failed:
            css = "row-strong"
        view.rows.append((css, cells))
    return view


def _period_choice(raw: str, options: list[str], fallback: Period) -> tuple[Period, list[str]]:
    if not raw:
        return fallback, []
    try:
        return parse_period(raw), []
    except PeriodError:
        return fallback, [
            _("“%(value)s” is not a period: write 2023, 2023-H1, 2023-Q2 or 2023-05. Shown: %(period)s.")
            % {"value": raw, "period": fallback.label}
        ]


def _page(request: HttpRequest) -> dict[str, Any]:
    from basishulp.dashboard.selectors import load_records

    records = load_records()
    as_of = latest_date(records)
    options = published_periods()
    fallback = parse_period(options[0] if options else str((as_of or timezone.localdate()).year))
    period, notes = _period_choice(request.GET.get("period", "").strip(), options, fallback)
    if period.label not in options:
        options = [period.label, *options]
    years = cbs_years()
    raw_year = request.GET.get("year", "").strip()
    year = period.start.year
    if raw_year:
        if raw_year.isdigit() and 2000 <= int(raw_year) <= 2100:
            year = int(raw_year)
        else:
            notes.append(_("“%(value)s” is not a year. Shown: %(year)s.") % {"value": raw_year, "year": year})
    year_options = sorted(set(years) | {year}, reverse=True)
    tables = [table_view(t) for t in reconciliation_tables(period, "HLV", records)]
    chart: Chart | None = benchmark_chart(year, "HLV", records)
    return {
        "period": period,
        "period_options": options,
        "year": year,
        "year_options": year_options,
        "as_of": as_of,
        "notes": notes,
        "reconciliation": tables[0],
        "checks": tables[1],
        "benchmark": table_view(benchmark_table(year, "HLV", records)),
        "chart": chart,
    }


def _forms(data: Any = None, files: Any = None, kind: str = "") -> tuple[PublishedUploadForm, CbsUploadForm]:
    published = PublishedUploadForm(data, files, prefix="published") if kind == "published" else None
    cbs = CbsUploadForm(data, files, prefix="cbs") if kind == "cbs" else None
    return published or PublishedUploadForm(prefix="published"), cbs or CbsUploadForm(prefix="cbs")


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    published_form, cbs_form = _forms()
    context = _page(request)
    context |= {"published_form": published_form, "cbs_form": cbs_form}
    return render(request, "comparisons/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """Import published figures or a CBS export: back to the page with the counts, or
    this page with every problem (file, line, column); nothing is stored then."""
    if request.method == "GET":
        published_form, cbs_form = _forms()
        return render(request, "comparisons/upload.html", {"published_form": published_form, "cbs_form": cbs_form})
    kind = request.POST.get("kind", "")
    published_form, cbs_form = _forms(request.POST, request.FILES, kind)
    form = published_form if kind == "published" else cbs_form if kind == "cbs" else None
    context: dict[str, Any] = {"published_form": published_form, "cbs_form": cbs_form, "kind": kind}
    if form is None or not form.is_valid():
        if form is None:
            context["form_error"] = _("Choose one of the two forms.")
        return render(request, "comparisons/upload.html", context)
    upload_file = form.cleaned_data["file"]
    filename = os.path.basename(upload_file.name or "upload.csv")
    try:
        if kind == "published":
            result = import_published(upload_file, filename=filename, acting_user=request.user)
        else:
            label = form.cleaned_data.get("source") or None
            result = import_cbs(upload_file, filename=filename, label=label, acting_user=request.user)
    except ImportFileError as exc:
        context |= {"errors": exc.errors, "filename": filename}
        return render(request, "comparisons/upload.html", context)
    messages.success(
        request,
        _("%(file)s imported: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.")
        % {"file": filename, "created": result.created, "updated": result.updated, "unchanged": result.unchanged},
    )
    for warning in result.warnings:
        messages.warning(request, warning)
    return redirect(reverse("comparisons:index"))
