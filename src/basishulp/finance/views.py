"""Finance views: thin; the view model comes from :mod:`basishulp.finance.dashboard`."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from basishulp.accounts.selectors import can_see_finance

from .dashboard import build_finance_board, kpi_monthly_clients
from .models import Statement


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
    board = build_finance_board(request.user, kpi_monthly_clients(periods))
    return render(request, "finance/index.html", {"board": board})
