"""Saved scenarios (docs/scenarios.md): the scenario file as written, with its name and
assumptions read from it, so a page can list them and a report can add one as an
appendix. Saving goes through :func:`basishulp.forecast.scenarios.save_scenario`, which
checks the file first."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Scenario(models.Model):
    """A scenario file (TOML) saved by a controller."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("assumptions"))
    toml = models.TextField(_("scenario file (TOML)"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")

    def __str__(self) -> str:
        return self.name
