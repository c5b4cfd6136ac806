"""Dashboard views: thin; the view model comes from :mod:`basishulp.dashboard.selectors`."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from basishulp.accounts.models import Role
from basishulp.accounts.selectors import role_of

from .municipal import build_municipal_figures
from .selectors import ScopeForbidden, build_dashboard, user_can_import


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    if role_of(request.user) == Role.MUNICIPALITY:
        return municipal(request)
    try:
        board = build_dashboard(request.user, request.GET)
    except ScopeForbidden:
        raise PermissionDenied from None
    return render(
        request,
        "dashboard/index.html",
        {"board": board, "can_import": user_can_import(request.user)},
    )


def municipal(request: HttpRequest) -> HttpResponse:
    """A municipality's figures: aggregates under disclosure control only."""
    try:
        figures = build_municipal_figures(request.user, request.GET)
    except ScopeForbidden:
        raise PermissionDenied from None
    return render(request, "dashboard/municipal.html", {"figures": figures})
