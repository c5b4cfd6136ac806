"""The governance registers (domain.md §5): the risk dossier ("risicodossier"), the
transformation portfolio (programme lines, assignments, projects with their measured
savings and targets), the workforce (FTE per municipality), the free texts of a
report, and the municipal budget adjustments of the council letters.

Conventions:

- A *period* is stored as its label (``2023-H1``, ``2023``, ``2023-Q2``, ``2023-05``),
  checked and normalised with :func:`basishulp.kpi.domain.periods.parse_period` in
  ``clean()``; the report compares periods by their dates, never by their text.
- Money is ``Decimal`` in euros with cents (max 14 digits), as in the finance app.
- A row with no municipality is about HLV as a whole (the three municipalities).
- The registers that controllers keep through forms (risk situation, assignment status,
  FTE, texts) record who changed them last and when (``updated_by``/``updated_at``).
  They hold no client data, so the access log (:mod:`basishulp.audit`) is not used.

Writes go through :mod:`.services`; reads for pages and reports through
:mod:`.selectors` and :mod:`.report`.
"""

from __future__ import annotations

import calendar
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from basishulp.kpi.domain.periods import Period, PeriodError, parse_period
from basishulp.trajecten.models import Municipality

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]
PERIOD_HELP = _("e.g. 2023-H1 (half-year), 2023 (year), 2023-Q2 (quarter) or 2023-05 (month)")


def _amount(verbose: str, **kwargs: object) -> models.DecimalField:
    return models.DecimalField(verbose, max_digits=14, decimal_places=2, **kwargs)  # type: ignore[arg-type]


def _period_field() -> models.CharField:
    return models.CharField(_("period"), max_length=10, help_text=PERIOD_HELP)


def clean_period(value: str) -> str:
    """The normalised label of ``value`` (``2023-h1`` -> ``2023-H1``), or a
    :class:`ValidationError` that says which forms are accepted."""
    try:
        return parse_period(value or "").label
    except PeriodError:
        raise ValidationError(
            _("“%(value)s” is not a period: use 2023, 2023-H1, 2023-Q2 or 2023-05.") % {"value": value},
            code="invalid_period",
        ) from None


class PeriodMixin(models.Model):
    """A row that belongs to a reporting period (stored as its label)."""

    period = _period_field()

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        try:
            self.period = clean_period(self.period)
        except ValidationError as exc:
            raise ValidationError({"period": exc.messages}) from None

    @property
    def parsed_period(self) -> Period:
        return parse_period(self.period)


class Changed(models.Model):
    """Who changed the row last, and when (the rows controllers keep through forms)."""

    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("updated by"),
    )  # fmt: skip

    class Meta:
        abstract = True


# --------------------------------------------------------------------------- risk dossier


class Risk(models.Model):
    """A numbered risk of the risk dossier agreed with JENS (seed 001 §9)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True, validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"))
    control_measures = models.TextField(
        _("control measures"), blank=True,
        help_text=_("One measure per line; a line starting with “– ” belongs to the measure above it."),
    )  # fmt: skip
    claims = models.ManyToManyField(
        "finance.Claim", blank=True, related_name="risks", verbose_name=_("hulpventiel claims"),
        help_text=_("The meerkosten claims that are set against this risk."),
    )  # fmt: skip

    class Meta:
        ordering = ["number"]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def measures(self) -> list[str]:
        """The control measures, one per line, without empty lines."""
        return [line.strip() for line in self.control_measures.splitlines() if line.strip()]


class RiskSituation(PeriodMixin, Changed):
    """The current situation ("actuele situatie") of a risk in a reporting period."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="situations", verbose_name=_("risk"))
    text = models.TextField(_("current situation"))

    class Meta:
        ordering = ["risk__number", "period"]
        verbose_name = _("risk situation")
        verbose_name_plural = _("risk situations")
        constraints = [models.UniqueConstraint(fields=["risk", "period"], name="risksituation_unique")]

    def __str__(self) -> str:
        return f"{self.risk.number} {self.period}"


# ------------------------------------------------------------------ transformation portfolio


class ProgrammeLine(models.Model):
    """A programme line of the transformation ("programmalijn"), e.g. 1 Met plezier
    naar school."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True, validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["number"]
        verbose_name = _("programme line")
        verbose_name_plural = _("programme lines")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Assignment(models.Model):
    """An assignment ("opdracht") with its goal; no programme line = one of the other
    development goals (seed 001 ch. 5: in the areas, management and operations)."""

    code = models.CharField(
        _("code"), max_length=20, unique=True, help_text=_("short and unique, e.g. PL1-01 or OD-03; sets the order")
    )
    line = models.ForeignKey(
        ProgrammeLine, on_delete=models.PROTECT, null=True, blank=True, related_name="assignments",
        verbose_name=_("programme line"), help_text=_("empty: another development goal, outside the programme lines"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    goal = models.TextField(_("goal"), blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)

    class Meta:
        ordering = [F("line__number").asc(nulls_last=True), "code"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class AssignmentStatus(PeriodMixin, Changed):
    """The status of an assignment in a reporting period, with its text."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        ON_TRACK = "on_track", _("on track")
        AT_RISK = "at_risk", _("at risk")
        LATE = "late", _("late")
        DONE = "done", _("done")

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="statuses", verbose_name=_("assignment")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    text = models.TextField(_("status text"), blank=True)

    class Meta:
        ordering = ["assignment__code", "period"]
        verbose_name = _("assignment status")
        verbose_name_plural = _("assignment statuses")
        constraints = [models.UniqueConstraint(fields=["assignment", "period"], name="assignmentstatus_unique")]

    def __str__(self) -> str:
        return f"{self.assignment.code} {self.period}: {self.get_status_display()}"


class Project(models.Model):
    """A transformation project, with its measured savings and targets."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    line = models.ForeignKey(
        ProgrammeLine, on_delete=models.PROTECT, null=True, blank=True, related_name="projects",
        verbose_name=_("programme line"),
    )  # fmt: skip
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.name


class ProjectSaving(models.Model):
    """The measured savings ("inverdieneffect") of a project in a year, in euros."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="savings", verbose_name=_("project"))
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    amount = _amount(_("measured savings"))
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["project__name", "year"]
        verbose_name = _("project saving")
        verbose_name_plural = _("project savings")
        constraints = [models.UniqueConstraint(fields=["project", "year"], name="projectsaving_unique")]

    def __str__(self) -> str:
        return f"{self.project} {self.year}"


class ProjectTarget(PeriodMixin):
    """A target of a project in a period: planned against realised (e.g. MDT 2023-H1:
    97 sign-ups planned, 114 realised).

    Targets belong to a *project* (not to an assignment): they are the measured output
    of a piece of work, which is what a project is here; an assignment carries a goal
    in words and a status."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="targets", verbose_name=_("project"))
    measure = models.CharField(_("measure"), max_length=100, help_text=_("e.g. aanmeldingen, afgeronde trajecten"))
    planned = models.PositiveIntegerField(_("planned"))
    realised = models.PositiveIntegerField(_("realised"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["project__name", "period", "measure"]
        verbose_name = _("project target")
        verbose_name_plural = _("project targets")
        constraints = [
            models.UniqueConstraint(fields=["project", "period", "measure"], name="projecttarget_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.period} {self.measure}"


# --------------------------------------------------------------------------- workforce


class WorkforceFte(Changed):
    """FTE of the area teams and voorliggend veld of a municipality at a month end
    (seed 001 Bijlage 2). Totals are computed, never stored."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="workforce", verbose_name=_("municipality")
    )
    date = models.DateField(_("date"), help_text=_("the last day of a month, e.g. 30-06-2023"))
    fte = models.DecimalField(
        _("FTE"), max_digits=6, decimal_places=1, validators=[MinValueValidator(0), MaxValueValidator(99999)]
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["date", "municipality__code"]
        verbose_name = _("workforce (FTE)")
        verbose_name_plural = _("workforce (FTE)")
        constraints = [models.UniqueConstraint(fields=["municipality", "date"], name="workforcefte_unique")]

    def __str__(self) -> str:
        return f"{self.municipality} {self.date}: {self.fte}"

    def clean(self) -> None:
        super().clean()
        if self.date and self.date.day != calendar.monthrange(self.date.year, self.date.month)[1]:
            raise ValidationError(
                {"date": _("Enter the last day of a month: FTE are counted at month end (e.g. 30-06-2023).")}
            )


# --------------------------------------------------------------------------- texts


class PeriodText(PeriodMixin, Changed):
    """A free text of a report for a period: the introduction, communication, human
    resources, or another text; for HLV (no municipality) or one municipality, whose
    own text takes the place of the HLV text of the same kind."""

    class Kind(models.TextChoices):
        INTRODUCTION = "introduction", _("Introduction")
        COMMUNICATION = "communication", _("Communication")
        HR = "hr", _("Human resources")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="period_texts",
        verbose_name=_("municipality"), help_text=_("empty: the text for HLV (all three municipalities)"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200, blank=True)
    text = models.TextField(
        _("text"), help_text=_("A blank line between paragraphs; start a line with “- ” for a list item.")
    )

    class Meta:
        ordering = ["period", "kind", "municipality__code"]
        verbose_name = _("text of a period")
        verbose_name_plural = _("texts of a period")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "kind", "municipality"],
                condition=Q(municipality__isnull=False),
                name="periodtext_unique_per_municipality",
                violation_error_message=_("This municipality already has a text of this kind for this period."),
            ),
            models.UniqueConstraint(
                fields=["period", "kind"],
                condition=Q(municipality__isnull=True),
                name="periodtext_unique_hlv",
                violation_error_message=_("HLV already has a text of this kind for this period."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period} {self.municipality or 'HLV'}"


# ------------------------------------------------------------------- budget adjustments


class BudgetAdjustment(models.Model):
    """A municipality's budget adjustment ("begrotingsbijstelling") for its share of
    the meerkosten of a year, as in the council letter: the amount the council added
    to the budget, and the part absorbed elsewhere (e.g. Landgraaf 2023: 1,145,600 by
    council decision of 14-12-2023 + 239,748 absorbed = its share 1,385,348)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="budget_adjustments", verbose_name=_("municipality")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    amount = _amount(_("budget adjustment"), help_text=_("the amount by which the council adjusted the budget"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    absorbed = _amount(
        _("absorbed elsewhere"), null=True, blank=True, validators=[MinValueValidator(0)],
        help_text=_("the part of the municipality's share covered within other budgets"),
    )  # fmt: skip
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["year", "municipality__code"]
        verbose_name = _("budget adjustment")
        verbose_name_plural = _("budget adjustments")
        constraints = [models.UniqueConstraint(fields=["municipality", "year"], name="budgetadjustment_unique")]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}: {self.amount}"

    @property
    def covered(self) -> Decimal:
        """Adjustment + absorbed: the part of the municipality's share that is covered."""
        return Decimal(self.amount) + Decimal(self.absorbed or 0)

    def clean(self) -> None:
        super().clean()
        if self.decided_on is not None and self.year is not None and abs(self.decided_on.year - self.year) > 1:
            raise ValidationError(
                {"decided_on": _("The decision date %(date)s is far from the year %(year)s: check both.")
                 % {"date": self.decided_on.strftime("%d-%m-%Y"), "year": self.year}}
            )  # fmt: skip
