"""Forecast views: thin; the view models come from :mod:`basishulp.forecast.pages`."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .pages import ScopeForbidden, build_backtest_page, build_forecast_page


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    try:
        page = build_forecast_page(request.user, request.GET)
    except ScopeForbidden:
        raise PermissionDenied from None
    return render(request, "forecast/index.html", {"page": page})


@login_required
@require_GET
def backtest_view(request: HttpRequest) -> HttpResponse:
    return render(request, "forecast/backtest.html", {"page": build_backtest_page()})
