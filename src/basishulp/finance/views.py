"""Finance views: thin; the view model comes from :mod:`basishulp.finance.dashboard`."""

import io
import os
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from basishulp.accounts.models import Role
from basishulp.accounts.selectors import can_edit_finance, can_see_finance, role_of
from basishulp.dashboard.municipal import protected_monthly_clients

from .dashboard import build_finance_board, kpi_monthly_clients
from .excel import ExcelImportError, export_workbook, import_workbook
from .forms import WorkbookForm
from .models import FigureChange, Statement


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    if not can_see_finance(request.user):
        raise PermissionDenied
    periods = list(
        Statement.objects.filter(municipality=None, kind=Statement.Kind.REALISATION)
        .values_list("year", "half")
        .distinct()
    )
    monthly = kpi_monthly_clients(periods)
    if role_of(request.user) == Role.MUNICIPALITY:  # disclosure control: published counts only
        monthly = protected_monthly_clients(monthly)
    board = build_finance_board(request.user, monthly)
    can_edit = can_edit_finance(request.user)
    keeps_figures = can_edit or request.user.has_perm("finance.change_budgetline")  # controllers, administrators
    changes = list(FigureChange.objects.select_related("user")[:15]) if keeps_figures else []
    return render(request, "finance/index.html", {"board": board, "can_edit": can_edit, "changes": changes})


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """The yearly figures of every municipality as an Excel workbook (controllers)."""
    if not can_edit_finance(request.user):
        raise PermissionDenied
    buffer = io.BytesIO()
    export_workbook(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="basishulp-financien.xlsx"'
    return response


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    """Upload the workbook; shows the counts, or every problem with sheet, row and column."""
    if not can_edit_finance(request.user):
        raise PermissionDenied
    context: dict[str, Any] = {}
    form = WorkbookForm()
    if request.method == "POST":
        form = WorkbookForm(request.POST, request.FILES)
        if form.is_valid():
            upload_file = form.cleaned_data["file"]
            filename = os.path.basename(upload_file.name or "upload.xlsx")
            try:
                context["result"] = import_workbook(upload_file, filename=filename, user=request.user)
            except ExcelImportError as exc:
                context["errors"] = exc.errors
            context["filename"] = filename
            form = WorkbookForm()
    context["form"] = form
    return render(request, "finance/upload.html", context)
