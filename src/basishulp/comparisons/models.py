"""Figures from outside the trajectories that the reports compare with:

- :class:`PublishedFigure`: a figure published earlier (last year's report, the
  half-year report), kept as printed, with the known cause of a difference. The
  reconciliation ("aansluiting") sets it against the figure the system recomputes.
- :class:`CbsFigure`: CBS figures per region and year, youth with youth care and
  young people (0–17), for the benchmark.

Writes go through :mod:`.services`; reads through :mod:`.selectors`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .domain.published import SOURCE_MAX_LENGTH, parse_scope


def validate_period(value: str) -> None:
    from basishulp.kpi.domain.periods import PeriodError, parse_period

    try:
        period = parse_period(value)
    except PeriodError:
        raise ValidationError(_("Enter a period such as 2019, 2023-H1, 2023-Q2 or 2023-05.")) from None
    if period.label != value:
        raise ValidationError(_("Write the period as %(label)s.") % {"label": period.label})


def validate_scope(value: str) -> None:
    try:
        if parse_scope(value) != value:
            raise ValueError
    except ValueError:
        raise ValidationError(_("Enter HLV or the CBS code of Heerlen, Landgraaf or Voerendaal.")) from None


class PublishedFigure(models.Model):
    """One figure as a source printed it: e.g. the HLV inflow of 2019 in the half-year
    report 2023-H1, §8 (1,530)."""

    class Measure(models.TextChoices):
        BEGIN = "begin", _("Clients at the start")
        INFLOW = "inflow", _("Inflow")
        SUBTOTAL = "subtotal", _("Subtotal")
        OUTFLOW = "outflow", _("Outflow")
        END = "end", _("In care at the end of the period")
        MONTHLY_AVERAGE = "monthly_average", _("Average number in care per month")
        CLIENTS_IN_CARE = "clients_in_care", _("Unique clients in care")
        COST_PER_CLIENT_MONTH = "cost_per_client_month", _("Cost per client per month")

    source = models.CharField(
        _("source"), max_length=SOURCE_MAX_LENGTH, help_text=_("e.g. Halfjaarrapportage 2023-H1, §8")
    )
    period = models.CharField(
        _("period"), max_length=10, validators=[validate_period], help_text=_("2019, 2023-H1, 2023-Q2 or 2023-05")
    )
    scope = models.CharField(
        _("scope"), max_length=6, validators=[validate_scope], help_text=_("HLV or a municipality code (GMnnnn)")
    )
    measure = models.CharField(_("measure"), max_length=30, choices=Measure.choices)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    cause = models.TextField(_("cause"), blank=True, help_text=_("the known cause of a difference"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["period", "source", "scope", "measure"]
        verbose_name = _("published figure")
        verbose_name_plural = _("published figures")
        constraints = [
            models.UniqueConstraint(fields=["source", "period", "scope", "measure"], name="publishedfigure_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.period} {self.scope} {self.measure} = {self.value}"


class CbsFigure(models.Model):
    """CBS figures of one region (municipality, region or the Netherlands) in a year.

    The two figures usually come from two StatLine tables; each keeps its own source,
    and ``source`` combines them (see :func:`combined_source`)."""

    region_code = models.CharField(
        _("region code"), max_length=10, validators=[RegexValidator(r"^[A-Z]{2}\d{2,4}$")],
        help_text=_("CBS code, e.g. GM0917, CR42, NL01"),
    )  # fmt: skip
    region_name = models.CharField(_("region"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    youth_with_care = models.PositiveIntegerField(_("youth with youth care"), null=True, blank=True)
    young_people = models.PositiveIntegerField(_("young people (0-17)"), null=True, blank=True)
    youth_source = models.CharField(_("source of the youth with youth care"), max_length=SOURCE_MAX_LENGTH, blank=True)
    young_source = models.CharField(_("source of the young people"), max_length=SOURCE_MAX_LENGTH, blank=True)
    source = models.CharField(
        _("source"), max_length=2 * SOURCE_MAX_LENGTH + 2, blank=True,
        help_text=_("both sources, or the one source of both figures"),
    )  # fmt: skip
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["year", "region_code"]
        verbose_name = _("CBS figure")
        verbose_name_plural = _("CBS figures")
        constraints = [models.UniqueConstraint(fields=["region_code", "year"], name="cbsfigure_unique")]

    def __str__(self) -> str:
        return f"{self.region_name} {self.year}"


def combined_source(youth_source: str, young_source: str) -> str:
    """One source when both figures share it (or only one is known), else both."""
    if not youth_source or not young_source or youth_source == young_source:
        return youth_source or young_source
    return f"{youth_source}; {young_source}"
