"""Forecast views: thin; the view models come from :mod:`basishulp.forecast.pages` and
:mod:`basishulp.forecast.scenario_pages`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import scenario_pages
from .forms import ScenarioForm
from .models import Scenario
from .pages import ScopeForbidden, build_backtest_page, build_forecast_page
from .scenarios import ScenarioError, save_scenario


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


# ------------------------------------------------------------------- scenarios


def _save(request: HttpRequest, scenario: Scenario | None) -> tuple[ScenarioForm, list[Any], Scenario | None]:
    """Check and save the posted scenario file: the form to show again and the problems,
    or the saved scenario."""
    form = ScenarioForm(request.POST, request.FILES)
    if not form.is_valid():
        return form, [], None
    text = form.cleaned_data["text"]
    try:
        saved = save_scenario(text, request.user, scenario)
    except ScenarioError as exc:
        return ScenarioForm(initial={"toml": text}), exc.problems, None
    return form, [], saved


@login_required
@require_http_methods(["GET", "POST"])
def scenarios_view(request: HttpRequest) -> HttpResponse:
    """The saved scenarios and the form to add one (POST here)."""
    problems: list[Any] = []
    if request.method == "POST":
        form, problems, saved = _save(request, None)
        if saved is not None:
            messages.success(request, _("The scenario “%(name)s” is saved.") % {"name": saved.name})
            return redirect("forecast:scenario", pk=saved.pk)
    else:
        form = ScenarioForm(initial={"toml": scenario_pages.example_toml()})
    context = {"items": scenario_pages.saved_scenarios(), "form": form, "problems": problems}
    return render(request, "forecast/scenarios.html", context)


@login_required
@require_GET
def scenario_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The scenario next to the base forecast."""
    scenario = get_object_or_404(Scenario, pk=pk)
    page = scenario_pages.build_comparison_page(scenario)
    return render(request, "forecast/scenario.html", {"scenario": scenario, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def scenario_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = get_object_or_404(Scenario, pk=pk)
    problems: list[Any] = []
    if request.method == "POST":
        form, problems, saved = _save(request, scenario)
        if saved is not None:
            messages.success(request, _("The scenario “%(name)s” is saved.") % {"name": saved.name})
            return redirect("forecast:scenario", pk=saved.pk)
        scenario.refresh_from_db()  # the name in the heading as saved
    else:
        form = ScenarioForm(initial={"toml": scenario.toml})
    return render(request, "forecast/scenario_edit.html", {"scenario": scenario, "form": form, "problems": problems})


@login_required
@require_http_methods(["GET", "POST"])
def scenario_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm; POST deletes."""
    scenario = get_object_or_404(Scenario, pk=pk)
    if request.method == "POST":
        name = scenario.name
        scenario.delete()
        messages.success(request, _("The scenario “%(name)s” is deleted.") % {"name": name})
        return redirect("forecast:scenarios")
    return render(request, "forecast/scenario_delete.html", {"scenario": scenario})


@login_required
@require_GET
def scenario_download_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The scenario file as saved."""
    scenario = get_object_or_404(Scenario, pk=pk)
    response = HttpResponse(scenario.toml, content_type="application/toml; charset=utf-8")
    filename = f"{slugify(scenario.name) or f'scenario-{scenario.pk}'}.toml"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
