"""The access log for the privacy officer: every entry, and "who looked at this
client". Reading the log is itself logged."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import AccessLogEntry
from .services import log_access, verify_log


def _filtered(request: HttpRequest) -> tuple[object, dict[str, str]]:
    filters = {k: request.GET.get(k, "").strip() for k in ("client", "username", "event", "outcome")}
    qs = AccessLogEntry.objects.order_by("-id")
    if filters["client"]:
        qs = qs.filter(client=filters["client"])
    if filters["username"]:
        qs = qs.filter(username=filters["username"])
    if filters["event"]:
        qs = qs.filter(event=filters["event"])
    if filters["outcome"]:
        qs = qs.filter(outcome=filters["outcome"])
    return qs, filters


def log_index(request: HttpRequest) -> HttpResponse:
    qs, filters = _filtered(request)
    page = Paginator(qs, 100).get_page(request.GET.get("page", 1))
    described = ", ".join(f"{k}={v}" for k, v in filters.items() if v) or "all entries"
    log_access(request, AccessLogEntry.Event.LOG_READ, client=filters["client"], subject=f"access log: {described}")
    context = {"page": page, "filters": filters, "events": AccessLogEntry.Event.choices,
               "outcomes": AccessLogEntry.Outcome.choices, "verification": verify_log()}  # fmt: skip
    return render(request, "audit/index.html", context)


def client_report(request: HttpRequest, pseudonym: str) -> HttpResponse:
    """Who looked at this client: every access, oldest first (NEN 7513 ch. 9)."""
    log_access(request, AccessLogEntry.Event.LOG_READ, client=pseudonym, subject="who looked at this client")
    entries = AccessLogEntry.objects.filter(client=pseudonym).exclude(event=AccessLogEntry.Event.LOG_READ)
    start, end = request.GET.get("from", ""), request.GET.get("to", "")
    if start:
        entries = entries.filter(occurred_at__date__gte=start)
    if end:
        entries = entries.filter(occurred_at__date__lte=end)
    context = {"pseudonym": pseudonym, "entries": entries.order_by("id"), "start": start, "end": end}
    return render(request, "audit/client.html", context)
