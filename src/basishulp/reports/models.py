"""A report run: one request to make a report (period × scope × format × language),
from the web app or the command line. Runs are the log of who made which report when,
and make generation idempotent: asking again for the same report on the same data
returns the run that made it (or is making it) instead of starting another."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    class Format(models.TextChoices):
        HTML = "html", "HTML"
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "Excel"

    period = models.CharField(_("period"), max_length=10)
    scope = models.CharField(_("scope"), max_length=10, help_text=_("HLV or a municipality code"))
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    language = models.CharField(_("language"), max_length=5, default="nl")
    scenarios = models.JSONField(_("scenarios"), default=list, blank=True)
    data_version = models.CharField(_("data version"), max_length=64)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress %"), default=0)
    step = models.CharField(_("step"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    content = models.BinaryField(_("content"), null=True, blank=True, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="report_runs"
    )
    source = models.CharField(_("made from"), max_length=10, default="web")  # web or cli
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report run")
        verbose_name_plural = _("report runs")
        indexes = [models.Index(fields=["period", "scope", "format", "language", "data_version"])]

    def __str__(self) -> str:
        return f"{self.period} {self.scope} {self.format} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def scope_label(self) -> str:
        from basishulp.trajecten.domain.reference import municipality_name

        return "HLV" if self.scope == "HLV" else municipality_name(self.scope)

    def filename(self) -> str:
        return f"rapportage-{self.period}-{self.scope_label}.{self.format}"
