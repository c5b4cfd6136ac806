"""Intake screens: the inbox, a new request, and a request with its timeline and the
actions its state allows."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Min
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from basishulp.audit.models import AccessLogEntry
from basishulp.audit.services import log_access
from basishulp.trajecten import bsn
from basishulp.trajecten.models import Client

from .domain.norms import Step, measure
from .domain.waiting import (
    growth_since_quarter_end,
    median_days,
    quarter_end_before,
    share_bridging,
    waiting_on,
    waiting_times,
)
from .domain.workflow import State, TransitionError, next_states
from .forms import FirstContactForm, NewRequestForm, StepForm
from .messages import problem_text, status_label, step_label
from .models import STATE_LABELS, HelpRequest
from .selectors import can_act, can_view, inbox, looks_like_bsn, norm_summary, visible_requests, waiting_spells
from .services import RequestError, norm_events, receive, record_first_contact, transition

Event = AccessLogEntry.Event


def _require_view(request: HttpRequest) -> None:
    if not can_view(request.user):
        raise PermissionDenied


@sensitive_post_parameters("q")  # a BSN may be searched for: kept out of error reports
@login_required
def inbox_view(request: HttpRequest) -> HttpResponse:
    _require_view(request)
    params = request.POST if request.method == "POST" else request.GET
    state = params.get("state", "open")
    query = params.get("q", "").strip()
    if request.method == "POST" or looks_like_bsn(query):
        return _search_redirect(request, query, state)
    unknown_bsn = params.get("bsn") == "unknown"  # searched for a BSN nobody has: an empty list
    if query or unknown_bsn:
        searched = query if Client.objects.filter(pseudonym=query).exists() else ""
        log_access(request, Event.SEARCH, client=searched, subject="inbox search" + (" (BSN)" if unknown_bsn else ""))
    found = None if unknown_bsn else inbox(request.user, timezone.localdate(), query, state, params.get("page", 1))
    rows = found.rows if found else []
    for row in rows:
        row.step_label = step_label(row.norm.step) if row.norm else ""  # type: ignore[attr-defined]
    states = [("open", _("open")), ("all", _("all")), *[(s.value, STATE_LABELS[s]) for s in State]]
    today = timezone.localdate()
    start = today.replace(year=today.year - 1) + dt.timedelta(days=1)
    summary = norm_summary(request.user, today, start, today)
    norm_rows = [
        {"group": group, "steps": [shares.steps[s] for s in Step], "chain": shares.chain, "n": shares.counts["chain"]}
        for group, shares in summary.items()
    ]
    context = {
        "rows": rows, "page": found.page if found else None, "state": state, "states": states,
        "can_act": can_act(request.user),
        "query": query,
        "norm_rows": norm_rows if summary["HLV"].counts["chain"] else [], "steps": [step_label(s) for s in Step],
        "norm_start": start, "norm_end": today, "waiting": _waiting_context(request.user, today),
    }  # fmt: skip
    return render(request, "toeleiding/inbox.html", context)


def visible_or_404(request: HttpRequest, visible: Any, reference: str) -> HelpRequest:
    """The request if ``request.user`` may see it; otherwise a 404, and the attempt is
    logged (with the client, so it shows in "who looked at this client")."""
    found = visible.filter(reference=reference).select_related("client").first()
    if found is None:
        existing = HelpRequest.objects.filter(reference=reference).select_related("client").first()
        if existing is not None:
            log_access(request, Event.VIEW, client=existing.client.pseudonym, subject=f"help request {reference}",
                       outcome=AccessLogEntry.Outcome.DENIED)  # fmt: skip
        raise Http404
    return found  # type: ignore[no-any-return]


def _search_redirect(request: HttpRequest, query: str, state: str) -> HttpResponse:
    """The inbox URL for a search. A BSN is replaced by the pseudonym of its client,
    so it never appears in a URL, a server log or the page."""
    if looks_like_bsn(query):
        client = Client.objects.filter(bsn_digest=bsn.digest(query)).first()
        if client is None:
            messages.info(request, _("No client with this BSN is known."))
            return redirect(f"{reverse('toeleiding:inbox')}?{urlencode({'state': state, 'bsn': 'unknown'})}")
        query = client.pseudonym
    return redirect(f"{reverse('toeleiding:inbox')}?{urlencode({'q': query, 'state': state})}")


def _waiting_context(user: Any, today: dt.date) -> dict[str, Any] | None:
    spells = waiting_spells(user)
    if not spells:
        return None
    times = waiting_times(spells)
    return {
        "total": waiting_on(spells, today)["total"],
        "bridging": share_bridging(spells, today),
        "median_days": median_days(times),
        "started": len(times),
        "quarter_end": quarter_end_before(today),
        "by_area": growth_since_quarter_end(spells, today, key=lambda s: s.area),
        "by_provider": growth_since_quarter_end(spells, today, key=lambda s: s.provider),
    }


@sensitive_post_parameters("bsn")
@login_required
def new_view(request: HttpRequest) -> HttpResponse:
    if not can_act(request.user):
        raise PermissionDenied
    form = NewRequestForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            created = receive(**form.cleaned_data, user=request.user)
        except RequestError as exc:
            errors = exc.messages
        else:
            log_access(
                request, Event.CREATE, client=created.client.pseudonym, subject=f"help request {created.reference}"
            )
            messages.success(request, _("Request %(ref)s registered.") % {"ref": created.reference})
            return redirect("toeleiding:detail", reference=created.reference)
    return render(request, "toeleiding/new.html", {"form": form, "errors": errors})


@login_required
def detail_view(request: HttpRequest, reference: str) -> HttpResponse:
    _require_view(request)
    help_request = visible_or_404(request, visible_requests(request.user), reference)
    log_access(
        request, Event.CHANGE if request.method == "POST" else Event.VIEW, client=help_request.client.pseudonym,
        subject=f"help request {reference}",
    )  # fmt: skip
    acting = can_act(request.user)
    errors: list[str] = []
    failed: tuple[str, Any] | None = None
    if request.method == "POST":
        if not acting:
            raise PermissionDenied
        action = request.POST.get("action", "")
        try:
            if action == "first_contact":
                form: Any = FirstContactForm(request.POST)
                if not form.is_valid():
                    raise RequestError([_("Enter a valid date.")])
                record_first_contact(help_request, form.cleaned_data["on"], request.user)
            elif action.startswith("step:"):
                target = State(action.removeprefix("step:"))
                form = StepForm(request.POST, target=target)
                if not form.is_valid():
                    failed = (action, form)
                    raise RequestError([_("Check the fields of this step.")])
                transition(
                    help_request, target, request.user, on=form.cleaned_data["on"], note=form.cleaned_data["note"],
                    **form.facts(),
                )  # fmt: skip
            else:
                raise RequestError([_("Unknown action.")])
        except TransitionError as exc:
            errors = [problem_text(p) for p in exc.problems]
            failed = (action, form)
        except (RequestError, ValueError) as exc:
            errors = list(getattr(exc, "messages", [str(exc)]))
            failed = failed or (action, None)
        else:
            messages.success(request, _("Saved."))
            return redirect("toeleiding:detail", reference=help_request.reference)
        help_request.refresh_from_db()
    steps = []
    if acting:
        for target in next_states(State(help_request.state)):
            action = f"step:{target.value}"
            form = failed[1] if failed and failed[0] == action and failed[1] is not None else StepForm(target=target)
            steps.append(
                {"action": action, "label": STATE_LABELS[target], "form": form, "open": failed and failed[0] == action}
            )
    context = {
        "req": help_request,
        "state_label": STATE_LABELS[State(help_request.state)],
        "events": help_request.events.select_related("user").order_by("occurred_on", "id"),
        "norms": [
            {
                "step": step_label(n.step),
                "due": n.due,
                "end": n.end,
                "status": n.status,
                "label": status_label(n.status),
            }
            for n in measure(norm_events(help_request), timezone.localdate())
        ],
        "steps": steps,
        "first_contact_form": FirstContactForm() if acting and help_request.first_contact_on is None else None,
        "errors": errors,
        "can_act": acting,
        "labels": {s.value: STATE_LABELS[s] for s in State},
    }
    return render(request, "toeleiding/detail.html", context)


@login_required
def quality_view(request: HttpRequest) -> HttpResponse:
    """Complaints against the same period a year earlier, the safety agreements,
    satisfaction, and coverage of the family plan and the fixed contact person, for a
    half-year (the same figures as on the dashboard)."""
    _require_view(request)
    from basishulp.kpi.domain.periods import PeriodError, parse_period

    from .kpis import family_coverage, quality_kpis
    from .models import Complaint, HelpRequest

    dates = [d for d in (Complaint.objects.aggregate(last=Max("received_on"))["last"],
                         HelpRequest.objects.aggregate(last=Max("received_on"))["last"]) if d]  # fmt: skip
    latest = max(dates, default=timezone.localdate())
    first = min(
        [d for d in (Complaint.objects.aggregate(first=Min("received_on"))["first"],
                     HelpRequest.objects.aggregate(first=Min("received_on"))["first"]) if d] or [latest]
    )  # fmt: skip
    choices = [f"{y}-H{h}" for y in range(latest.year, first.year - 1, -1) for h in (2, 1)]
    default = f"{latest.year}-H{1 if latest.month <= 6 else 2}"
    chosen = request.GET.get("period", default)
    try:
        period = parse_period(chosen)
    except PeriodError:
        period, chosen = parse_period(default), default
    as_of = max(latest, period.end)
    quality = quality_kpis(period.start, period.end, as_of)
    previous_half = f"{period.start.year - 1}-H{1 if period.start.month == 1 else 2}"
    context = {
        "chosen": chosen, "choices": choices, "quality": quality, "period_label": chosen,
        "previous_label": previous_half, "coverage": family_coverage(period.start, period.end),
    }  # fmt: skip
    return render(request, "toeleiding/quality.html", context)
