"""The access log (NEN 7513 spirit, issue #5): one entry per view, search, export or
change of a client record or help request, denied attempts included.

Append-only: the model refuses updates and deletes, and on PostgreSQL a trigger
refuses them in the database too (migration 0002). Every entry carries the hash of
the previous one (:mod:`.chain`); ``basishulp audit verify`` reports the first broken
entry.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["AccessLogEntry", "AppendOnlyError"]


class AppendOnlyError(Exception):
    """The access log is append-only."""


class AppendOnlyQuerySet(models.QuerySet["AccessLogEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("access log entries are never changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("access log entries are never deleted")


class AccessLogEntry(models.Model):
    class Event(models.TextChoices):
        VIEW = "view", _("viewed")
        SEARCH = "search", _("searched")
        CREATE = "create", _("created")
        CHANGE = "change", _("changed")
        EXPORT = "export", _("exported")
        LOG_READ = "log_read", _("read the access log")

    class Outcome(models.TextChoices):
        OK = "ok", _("allowed")
        DENIED = "denied", _("denied")

    occurred_at = models.DateTimeField(_("time (UTC)"))
    user_id_value = models.IntegerField(_("user id"), null=True, blank=True)
    username = models.CharField(_("user"), max_length=150)
    role = models.CharField(_("role"), max_length=20, blank=True)
    event = models.CharField(_("event"), max_length=12, choices=Event.choices)
    client = models.CharField(_("client (pseudonym)"), max_length=64, blank=True, db_index=True)
    subject = models.CharField(_("record"), max_length=200, blank=True, help_text=_("e.g. help request HV-2023-00012"))
    purpose = models.CharField(_("purpose"), max_length=100, blank=True)
    origin = models.CharField(_("origin"), max_length=200, blank=True, help_text=_("IP address and page"))
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.username} {self.event} {self.subject}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("access log entries are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("access log entries are never deleted")
