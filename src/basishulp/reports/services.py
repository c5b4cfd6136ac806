"""Making reports: the request (validated, idempotent), the generation with progress,
and the background thread the web app runs it in.

Idempotent: a request names the period, the scope, the format, the language and the
scenarios; together with the *data version* (a fingerprint of everything a report
reads, and of this program's version) it identifies the report. Asking again while
the same report is queued, running or done returns that run; after a change in the
data a new run is made. Every run is kept: who asked for which report, when, from the
web or the command line, and whether it was downloaded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import threading
from collections.abc import Sequence
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import close_old_connections, connection, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .builder import ReportError, build_report, report_period, resolve_scope
from .domain.document import Report
from .models import ReportRun
from .render import FORMATS, render

__all__ = [
    "LANGUAGES",
    "ReportError",
    "data_version",
    "execute",
    "execute_together",
    "request_report",
    "start_in_background",
]

logger = logging.getLogger(__name__)

LANGUAGES = ("nl", "en")
#: A run still queued or running after this long was interrupted.
STALE_AFTER = dt.timedelta(minutes=15)
#: The apps whose records a report reads (their models are fingerprinted).
REPORT_APPS = ("trajecten", "toeleiding", "finance", "forecast", "registers", "comparisons")


def data_version() -> str:
    """A fingerprint of the data a report reads: per model the number of rows, the
    highest id and the latest change time where a model records one; and the program
    version. Any added, removed or edited (where recorded) row changes it."""
    from basishulp import __version__

    digest = hashlib.sha256(f"basishulp {__version__}".encode())
    for label in REPORT_APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in sorted(config.get_models(), key=lambda m: m._meta.label):
            aggregates: dict[str, Any] = {"n": models.Count("pk"), "top": models.Max("pk")}
            for f in model._meta.get_fields():
                if isinstance(f, models.DateTimeField) and (f.auto_now or f.name in ("updated_at", "changed_at")):
                    aggregates[f"t_{f.name}"] = models.Max(f.name)
            values = model._default_manager.aggregate(**aggregates)
            digest.update(f"{model._meta.label}:{sorted(values.items())!r};".encode())
    return digest.hexdigest()


def _check(period: str, scope: str | None, fmt: str, language: str) -> tuple[str, str]:
    label = report_period(period).label or ""
    if fmt not in FORMATS:
        raise ReportError(_("unknown format “%(value)s”: choose html, pdf or xlsx") % {"value": fmt[:10]})
    if language not in LANGUAGES:
        raise ReportError(_("unknown language “%(value)s”: choose nl or en") % {"value": language[:10]})
    return label.upper(), resolve_scope(scope)


def _scenario_objects(names: Sequence[str]) -> list[Any]:
    from basishulp.forecast.models import Scenario

    found = []
    for name in names:
        scenario = Scenario.objects.filter(name=name).first()
        if scenario is None:
            raise ReportError(_("there is no saved scenario named “%(name)s”") % {"name": name[:100]})
        found.append(scenario)
    return found


def request_report(
    period: str,
    scope: str | None,
    fmt: str,
    language: str = "nl",
    user: Any = None,
    scenarios: Sequence[str] = (),
    source: str = "web",
) -> tuple[ReportRun, bool]:
    """The run for this report: an existing one on the same data, or a new queued one
    (``created``). Raises :class:`ReportError` for a bad period, scope, format,
    language or scenario."""
    label, code = _check(period, scope, fmt, language)
    _scenario_objects(scenarios)
    version = data_version()
    _fail_stale()
    with transaction.atomic():
        existing = (
            ReportRun.objects.select_for_update()
            .filter(period=label, scope=code, format=fmt, language=language, scenarios=list(scenarios),
                    data_version=version)
            .exclude(status=ReportRun.Status.FAILED)
            .order_by("-created_at", "-id")
            .first()
        )  # fmt: skip
        if existing is not None:
            return existing, False
        run = ReportRun.objects.create(
            period=label,
            scope=code,
            format=fmt,
            language=language,
            scenarios=list(scenarios),
            data_version=version,
            requested_by=user if getattr(user, "is_authenticated", False) else None,
            source=source,
            step=_("Waiting to start"),
        )
    logger.info("report run %s requested: %s %s %s %s", run.pk, label, code, fmt, language)
    return run, True


def _fail_stale() -> None:
    """Runs queued or running for longer than :data:`STALE_AFTER` were interrupted (the
    server stopped while making them): they are marked failed, so they are made anew."""
    limit = timezone.now() - STALE_AFTER
    ReportRun.objects.filter(
        status__in=[ReportRun.Status.QUEUED, ReportRun.Status.RUNNING], created_at__lt=limit
    ).update(
        status=ReportRun.Status.FAILED,
        error=_("the report was interrupted (the server stopped while making it); ask for it again"),
        finished_at=timezone.now(),
    )


def _progress(runs: Sequence[ReportRun]) -> Any:
    def report(percent: int, step: str) -> None:
        for run in runs:
            # rendering takes the last tenth
            run.progress, run.step = min(95, int(percent * 0.9)), step[:200]
            ReportRun.objects.filter(pk=run.pk).update(progress=run.progress, step=run.step)

    return report


def execute_together(runs: Sequence[ReportRun]) -> Report | None:
    """Make the reports of ``runs`` (the same period, scope, language and scenarios,
    different formats): build the report once, render each format. A failure marks
    every run failed with the reason; nothing is raised."""
    pending = [r for r in runs if r.status != ReportRun.Status.DONE]
    if not pending:
        return None
    first = pending[0]
    now = timezone.now()
    for run in pending:
        run.status, run.started_at, run.error = ReportRun.Status.RUNNING, now, ""
        run.save(update_fields=["status", "started_at", "error"])
    report: Report | None = None
    with translation.override(first.language):
        try:
            report = build_report(
                first.period,
                first.scope,
                progress=_progress(pending),
                paths=getattr(settings, "BASISHULP_REPORT_PATHS", None),
                scenarios=_scenario_objects(first.scenarios),
            )
            for run in pending:
                ReportRun.objects.filter(pk=run.pk).update(step=_("Writing the %(format)s file") % {
                    "format": run.get_format_display()})  # fmt: skip
                content = render(report, run.format)
                run.content, run.size = content, len(content)
                run.sha256 = hashlib.sha256(content).hexdigest()
                run.status, run.progress, run.step = ReportRun.Status.DONE, 100, _("Done")
                run.finished_at = timezone.now()
                run.save()
        except ReportError as exc:
            _fail(pending, str(exc))
        except Exception as exc:  # a bug: logged with its traceback, the user gets a plain message
            logger.exception("report run %s failed", first.pk)
            _fail(pending, _("the report could not be made because of an internal error (%(kind)s); it has been logged")
                  % {"kind": type(exc).__name__})  # fmt: skip
    return report


def _fail(runs: Sequence[ReportRun], reason: str) -> None:
    for run in runs:
        if run.status == ReportRun.Status.DONE:
            continue
        run.status, run.error, run.finished_at = ReportRun.Status.FAILED, reason, timezone.now()
        run.save(update_fields=["status", "error", "finished_at"])


def execute(run: ReportRun) -> None:
    execute_together([run])


def _in_thread(run_id: int) -> None:
    close_old_connections()
    try:
        run = ReportRun.objects.get(pk=run_id)
        execute(run)
    finally:
        connection.close()


def start_in_background(run: ReportRun) -> None:
    """Run ``run`` in a thread of this process (the page polls its progress). With
    ``BASISHULP_REPORTS_INLINE`` (tests on a database in a transaction) it runs now."""
    if getattr(settings, "BASISHULP_REPORTS_INLINE", False):
        execute(run)
        return
    transaction.on_commit(
        lambda: threading.Thread(target=_in_thread, args=(run.pk,), name=f"report-{run.pk}", daemon=True).start()
    )
