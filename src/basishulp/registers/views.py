"""Registers views: thin. The page model comes from :mod:`.pages`, the writes go through
:mod:`.services`. Who may open which page is the access table's work
(:mod:`basishulp.accounts.access`); the edit pages also check it themselves."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from basishulp.trajecten.models import Municipality

from . import services
from .forms import AssignmentStatusForm, PeriodTextForm, RiskSituationForm, WorkforceForm
from .models import Assignment, AssignmentStatus, PeriodText, Risk, RiskSituation, WorkforceFte, clean_period
from .pages import build_registers_page, may_edit_registers


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    page = build_registers_page(request.user, request.GET)
    return render(request, "registers/index.html", {"page": page})


def _back(period: str, anchor: str, municipality: str | None = None) -> str:
    query = {"period": period} | ({"municipality": municipality} if municipality else {})
    return f"{reverse('registers:index')}?{urlencode(query)}#{anchor}"


def _period_or_blank(value: Any) -> str:
    try:
        return clean_period(str(value or ""))
    except ValidationError:
        return ""


def _add_errors(form: Form, exc: ValidationError) -> None:
    """Model validation errors on the form's fields (others on the form as a whole)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _edit_page(request: HttpRequest, form: Form, title: str, intro: str, back: str) -> HttpResponse:
    context = {"form": form, "title": title, "intro": intro, "back": back}
    return render(request, "registers/edit.html", context, status=200)


def _check_editor(request: HttpRequest) -> None:
    if not may_edit_registers(request.user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def risk_situation(request: HttpRequest) -> HttpResponse:
    """The current situation of one risk in one period (``?risk=4&period=2023-H1``)."""
    _check_editor(request)
    title = _("Current situation of a risk")
    intro = _("What is the situation of this risk in the reporting period? The report shows it under the risk.")
    if request.method == "POST":
        form = RiskSituationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.risk_situation_set(
                    risk=data["risk"], period=data["period"], text=data["text"], acting_user=request.user
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Saved: the current situation of risk %(number)s for %(period)s.")
                    % {"number": data["risk"].number, "period": data["period"]},
                )
                return redirect(_back(data["period"], f"risk-{data['risk'].number}"))
        return _edit_page(request, form, title, intro, reverse("registers:index"))
    period = _period_or_blank(request.GET.get("period"))
    number = request.GET.get("risk", "")
    risk = Risk.objects.filter(number=int(number)).first() if number.isdigit() else None
    initial: dict[str, Any] = {"period": period}
    if risk is not None:
        initial["risk"] = risk.number
        current = RiskSituation.objects.filter(risk=risk, period=period).first() if period else None
        if current is not None:
            initial["text"] = current.text
    back = _back(period, f"risk-{risk.number}") if period and risk else reverse("registers:index")
    return _edit_page(request, RiskSituationForm(initial=initial), title, intro, back)


@login_required
@require_http_methods(["GET", "POST"])
def assignment_status(request: HttpRequest) -> HttpResponse:
    """The status of one assignment in one period (``?assignment=PL1-01&period=2023-H1``)."""
    _check_editor(request)
    title = _("Status of an assignment")
    intro = _("The status of the assignment in the reporting period, and a short explanation.")
    if request.method == "POST":
        form = AssignmentStatusForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.assignment_status_set(
                    assignment=data["assignment"], period=data["period"], status=data["status"],
                    text=data["text"], acting_user=request.user,
                )  # fmt: skip
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Saved: the status of %(code)s for %(period)s.")
                    % {"code": data["assignment"].code, "period": data["period"]},
                )
                return redirect(_back(data["period"], "portfolio"))
        return _edit_page(request, form, title, intro, reverse("registers:index"))
    period = _period_or_blank(request.GET.get("period"))
    assignment = Assignment.objects.filter(code=request.GET.get("assignment") or "").first()
    initial: dict[str, Any] = {"period": period}
    if assignment is not None:
        initial["assignment"] = assignment.code
        current = AssignmentStatus.objects.filter(assignment=assignment, period=period).first() if period else None
        if current is not None:
            initial |= {"status": current.status, "text": current.text}
    back = _back(period, "portfolio") if period else reverse("registers:index")
    return _edit_page(request, AssignmentStatusForm(initial=initial), title, intro, back)


@login_required
@require_http_methods(["GET", "POST"])
def period_text(request: HttpRequest) -> HttpResponse:
    """A text of a period for HLV or one municipality
    (``?period=2023-H1&kind=introduction&municipality=GM0882``)."""
    _check_editor(request)
    title = _("Text of a period")
    intro = _("The introduction, communication, human resources or another text of the report for a period.")
    if request.method == "POST":
        form = PeriodTextForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.period_text_set(
                    period=data["period"], kind=data["kind"], municipality=data["municipality"],
                    title=data["title"], text=data["text"], acting_user=request.user,
                )  # fmt: skip
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                label = dict(PeriodText.Kind.choices)[data["kind"]]
                who = data["municipality"].name if data["municipality"] else "HLV"
                messages.success(
                    request,
                    _("Saved: %(kind)s for %(period)s (%(who)s).")
                    % {"kind": label, "period": data["period"], "who": who},
                )
                code = data["municipality"].code if data["municipality"] else None
                return redirect(_back(data["period"], f"text-{data['kind']}", code))
        return _edit_page(request, form, title, intro, reverse("registers:index"))
    period = _period_or_blank(request.GET.get("period"))
    kind = request.GET.get("kind") if request.GET.get("kind") in PeriodText.Kind.values else ""
    municipality = Municipality.objects.filter(code=request.GET.get("municipality") or "").first()
    initial: dict[str, Any] = {"period": period, "kind": kind}
    if municipality is not None:
        initial["municipality"] = municipality.code
    if period and kind:
        current = PeriodText.objects.filter(period=period, kind=kind, municipality=municipality).first()
        if current is not None:
            initial |= {"title": current.title, "text": current.text}
    back = (
        _back(period, f"text-{kind}", municipality.code if municipality else None)
        if period
        else reverse("registers:index")
    )
    return _edit_page(request, PeriodTextForm(initial=initial), title, intro, back)


@login_required
@require_http_methods(["GET", "POST"])
def workforce(request: HttpRequest) -> HttpResponse:
    """The FTE of the municipalities at one month end (``?date=2023-06-30``)."""
    _check_editor(request)
    title = _("FTE area teams and voorliggend veld")
    intro = _(
        "The FTE of each municipality at a month end (the report uses 30 June and 31 December). "
        "An empty field keeps what is stored; the total is computed."
    )
    if request.method == "POST":
        form = WorkforceForm(request.POST)
        if form.is_valid():
            date = form.cleaned_data["date"]
            try:
                services.workforce_fte_set(date=date, values=form.values(), acting_user=request.user)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Saved: the FTE on %(date)s.") % {"date": date.strftime("%d-%m-%Y")})
                half = "H1" if date.month <= 6 else "H2"
                return redirect(_back(f"{date.year}-{half}", "fte"))
        return _edit_page(request, form, title, intro, reverse("registers:index"))
    initial: dict[str, Any] = {}
    date_text = request.GET.get("date") or ""
    form = WorkforceForm()
    try:
        date = form.fields["date"].clean(date_text) if date_text else None
    except ValidationError:
        date = None
    if date is not None:
        initial["date"] = date
        for row in WorkforceFte.objects.filter(date=date).select_related("municipality"):
            initial[WorkforceForm.field_name(row.municipality)] = formats.number_format(row.fte, 1, use_l10n=True)
    return _edit_page(request, WorkforceForm(initial=initial), title, intro, reverse("registers:index") + "#fte")
