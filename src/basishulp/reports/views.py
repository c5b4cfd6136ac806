"""Report views: the form and the list of runs, one run's progress, the download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .models import ReportRun
from .pages import build_reports_page, may_see
from .render import CONTENT_TYPES
from .services import ReportError, request_report, start_in_background


@login_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    page = build_reports_page(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and page.form.is_valid():
        data = page.form.cleaned_data
        try:
            run, created = request_report(data["period"], data["scope"], data["format"], data["language"], request.user)
        except ReportError as exc:
            page.form.add_error(None, str(exc))
        else:
            if created:
                start_in_background(run)
                messages.success(request, _("The report is being made; this page shows its progress."))
            elif run.status == ReportRun.Status.DONE:
                messages.info(request, _("This report was made before on the same data; here it is."))
            else:
                messages.info(request, _("This report is already being made; here is its progress."))
            return redirect("reports:run", pk=run.pk)
    return render(request, "reports/index.html", {"page": page})


def _run_for(request: HttpRequest, pk: int) -> ReportRun:
    run = get_object_or_404(ReportRun.objects.defer("content"), pk=pk)
    if not may_see(request.user, run):
        raise Http404
    return run


@login_required
@require_GET
def run_view(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run_for(request, pk)
    return render(request, "reports/run.html", {"run": run})


@login_required
@require_GET
def download(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run_for(request, pk)
    if run.status != ReportRun.Status.DONE:
        raise Http404
    content = ReportRun.objects.filter(pk=pk).values_list("content", flat=True).get()
    ReportRun.objects.filter(pk=pk).update(downloads=F("downloads") + 1)
    response = HttpResponse(bytes(content or b""), content_type=CONTENT_TYPES[run.format])
    inline = run.format in ("html", "pdf") and request.GET.get("inline") == "1"
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{run.filename()}"'
    if run.format == "html":  # a self-contained document: no scripts, no outside resources
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return response
