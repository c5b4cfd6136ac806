"""The money inputs controllers maintain (domain.md §4): budget lines (lump sums,
raises, extra contributions), index series, realisation statements, member revenue,
results to share, distribution keys and hulpventiel claims.

Amounts are ``DecimalField`` in euros with cents. A row with no municipality holds an
HLV-wide figure (e.g. the 2 M extra budget of 2019), so a source that gives only the
HLV total can be stored without inventing the municipal split. The calculations are
in :mod:`basishulp.finance.domain`; reads go through :mod:`.selectors`.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from basishulp.trajecten.models import CareUnit, Municipality

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


def _amount(verbose: str, **kwargs: object) -> models.DecimalField:
    return models.DecimalField(verbose, max_digits=14, decimal_places=2, **kwargs)  # type: ignore[arg-type]


class BudgetLine(models.Model):
    """One budget amount of a municipality (or HLV) in a contract year."""

    class Kind(models.TextChoices):
        LUMP_SUM = "lumpsum", _("lump sum")
        RAISE = "verhoging", _("lump-sum raise")
        EXTRA_TASK = "aanvullende_taak", _("additional task")
        EXTRA_CONTRIBUTION = "extra_bijdrage", _("extra contribution")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="budget_lines",
        help_text=_("empty: an amount for HLV as a whole"),
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    amount = _amount(_("amount"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["year", "kind", "municipality__code"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "kind"],
                condition=Q(municipality__isnull=False),
                name="budgetline_unique_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["year", "kind"], condition=Q(municipality__isnull=True), name="budgetline_unique_hlv"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} {self.municipality or 'HLV'}"


class IndexSeries(models.Model):
    """An index series: yearly percentages (e.g. 90% OVA + 10% PPC) or cumulative
    factors (e.g. the "Maastricht" tariff indexation)."""

    class Kind(models.TextChoices):
        PERCENT = "percent", _("yearly percentage")
        FACTOR = "factor", _("cumulative factor")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PERCENT)
    ova_weight = models.DecimalField(
        _("OVA weight"), max_digits=4, decimal_places=3, default="0.900",
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("composite = weight x OVA + (1 - weight) x PPC"),
    )  # fmt: skip
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("index series")
        verbose_name_plural = _("index series")

    def __str__(self) -> str:
        return self.name


class IndexValue(models.Model):
    """One year of a series, provisional or definitive. Both are kept, so a
    recalculation (nacalculatie) can show the difference."""

    series = models.ForeignKey(IndexSeries, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    value = models.DecimalField(
        _("value"), max_digits=10, decimal_places=5, blank=True,
        help_text=_("percentage or factor; empty: computed from OVA and PPC with the series' weight"),
    )  # fmt: skip
    ova = models.DecimalField(_("OVA %"), max_digits=8, decimal_places=4, null=True, blank=True)
    ppc = models.DecimalField(_("PPC %"), max_digits=8, decimal_places=4, null=True, blank=True)
    definitive = models.BooleanField(_("definitive"), default=False)
    published = models.DateField(_("published"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["series", "year", "definitive"]
        verbose_name = _("index value")
        verbose_name_plural = _("index values")
        constraints = [
            models.UniqueConstraint(fields=["series", "year", "definitive"], name="indexvalue_unique"),
        ]

    def __str__(self) -> str:
        state = _("definitive") if self.definitive else _("provisional")
        return f"{self.series} {self.year}: {self.value} ({state})"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.value is None:
            self.value = self.composite()  # type: ignore[assignment]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    #: A given value may differ this much from the composite of its components
    #: (published percentages carry three decimals).
    TOLERANCE = Decimal("0.0005")

    def composite(self) -> Decimal | None:
        """The composite percentage of the components, if both are given."""
        from .domain.indexation import composite

        if self.ova is None or self.ppc is None:
            return None
        return composite(Decimal(self.ova), Decimal(self.ppc), Decimal(self.series.ova_weight)).quantize(
            Decimal("0.00001")
        )

    def clean(self) -> None:
        if self.series_id is None:
            return
        computed = self.composite()
        if self.value is None:
            if computed is None:
                raise ValidationError({"value": _("Enter the value, or both OVA and PPC.")})
            self.value = computed
        elif computed is not None and abs(Decimal(self.value) - computed) > self.TOLERANCE:
            raise ValidationError(
                {"value": _("%(value)s does not match %(weight)s x OVA + the rest x PPC = %(computed)s.")
                 % {"value": self.value, "weight": self.series.ova_weight, "computed": computed}}
            )  # fmt: skip


class Statement(models.Model):
    """A column of the realisation or budget statement (seed 001 §10), for HLV (no
    municipality) or one municipality, for a year (half 0) or a half-year."""

    class Kind(models.TextChoices):
        REALISATION = "realisatie", _("realisation")
        BUDGET = "begroting", _("budget")
        FORECAST = "prognose", _("forecast")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="statements"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    half = models.PositiveSmallIntegerField(
        _("half-year"), default=0, validators=[MaxValueValidator(2)], help_text=_("0 = the whole year")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    income = _amount(_("income"))
    voorliggend_veld = _amount(_("voorliggend veld (K1)"))
    gebiedsteams = _amount(_("area teams (K2)"))
    specialistische_zorg = _amount(_("specialist care (K3)"))
    pgb = _amount(_("PGB"), default=0)
    overige_initiatieven = _amount(_("other initiatives"), default=0)
    overhead = _amount(_("overhead JENS"), default=0)
    organisatiekosten = _amount(_("organisation costs"), default=0)
    meerkosten_bijdrage = _amount(_("meerkosten contribution HLV"), default=0)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["year", "half", "kind"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "half", "kind"],
                condition=Q(municipality__isnull=False),
                name="statement_unique_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["year", "half", "kind"], condition=Q(municipality__isnull=True), name="statement_unique_hlv"
            ),
        ]

    def __str__(self) -> str:
        period = str(self.year) if self.half == 0 else f"{self.year}-H{self.half}"
        return f"{self.get_kind_display()} {period} {self.municipality or 'HLV'}"


class MemberRevenue(models.Model):
    """A member's realised revenue in the cooperative in a year: the key for result
    sharing and the cap of an exit fee. Where only the revenue *share* is known (the
    sources give percentages), ``revenue_share`` holds it."""

    care_unit = models.ForeignKey(CareUnit, on_delete=models.PROTECT, related_name="revenues")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    revenue = _amount(_("revenue"), null=True, blank=True)
    revenue_share = models.DecimalField(
        _("revenue share %"), max_digits=6, decimal_places=3, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )  # fmt: skip
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["year", "care_unit__name"]
        verbose_name = _("member revenue")
        verbose_name_plural = _("member revenues")
        constraints = [
            models.UniqueConstraint(fields=["care_unit", "year"], name="memberrevenue_unique"),
            models.CheckConstraint(
                condition=Q(revenue__isnull=False) | Q(revenue_share__isnull=False),
                name="memberrevenue_revenue_or_share",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.care_unit} {self.year}"


class YearResult(models.Model):
    """The cooperative's remaining result of a year after extra contributions, to be
    shared among that year's members (negative = loss)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=YEAR_VALIDATORS)
    amount = _amount(_("result"))
    forecast = models.BooleanField(_("forecast"), default=False)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("year result")
        verbose_name_plural = _("year results")

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class DistributionKey(models.Model):
    """A municipality's share (percent) of amounts split among the municipalities in
    a year (e.g. meerkosten: Landgraaf 26.000% in 2023)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="distribution_keys")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    percent = models.DecimalField(
        _("percent"), max_digits=6, decimal_places=3, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["year", "municipality__code"]
        verbose_name = _("distribution key")
        verbose_name_plural = _("distribution keys")
        constraints = [models.UniqueConstraint(fields=["municipality", "year"], name="distributionkey_unique")]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}: {self.percent}%"


class Claim(models.Model):
    """A meerkosten claim under the hulpventiel, with its decomposition."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        GRANTED = "granted", _("granted")
        PARTLY_GRANTED = "partly_granted", _("partly granted")
        REJECTED = "rejected", _("rejected")

    class Ordering(models.TextChoices):
        BUDGET_PRICE = "budget-price", _("volume at budget price")
        ACTUAL_PRICE = "actual-price", _("volume at actual price")

    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("title"), max_length=200)
    amount = _amount(_("meerkosten"))
    volume_effect = _amount(_("volume effect"), null=True, blank=True)
    price_effect = _amount(_("price effect"), null=True, blank=True)
    ordering = models.CharField(_("ordering"), max_length=12, choices=Ordering.choices, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    granted_amount = _amount(_("granted amount"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["year", "title"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        constraints = [
            models.CheckConstraint(
                condition=Q(volume_effect__isnull=True)
                | Q(price_effect__isnull=True)
                | Q(amount=models.F("volume_effect") + models.F("price_effect")),
                name="claim_effects_add_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.title}"


class ClientNorm(models.Model):
    """The normative cost per client per month of a budget year: the client norm is
    the budget / (12 x this price), e.g. 33,577,000 / (12 x 1,332) = 2,100 (2023)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=YEAR_VALIDATORS)
    price = _amount(_("normative cost per client per month"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("client norm")
        verbose_name_plural = _("client norms")

    def __str__(self) -> str:
        return f"{self.year}: {self.price}"


class CounterfactualYear(models.Model):
    """Inputs of the counterfactual "costs without the cooperative" for one year
    (domain.md §4.7): clients, the K1 clients who would otherwise need individual
    care, the regional (Maastricht) index and the base client price. The published
    real costs and effect, when a source gives them, are kept to show next to the
    system's own figures (seed 003 §6.10 leaves the member-borne deficits of
    2019-2020 out of the real costs)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=YEAR_VALIDATORS)
    clients = models.PositiveIntegerField(_("unique clients"))
    k1_clients = models.PositiveIntegerField(_("K1 clients"))
    factor = models.DecimalField(_("index factor"), max_digits=8, decimal_places=5)
    base_price = _amount(_("base client price"))
    k1_share = models.DecimalField(
        _("K1 price share"), max_digits=4, decimal_places=3, default="0.750",
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )  # fmt: skip
    published_real_costs = _amount(_("published real costs"), null=True, blank=True)
    published_effect = _amount(_("published effect"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("counterfactual year")
        verbose_name_plural = _("counterfactual years")

    def __str__(self) -> str:
        return str(self.year)


class FigureChange(models.Model):
    """Append-only history of the finance figures: who changed which figure, when,
    how (admin form or Excel import) and the values before and after."""

    class Via(models.TextChoices):
        FORM = "form", _("form")
        EXCEL = "excel", _("Excel import")

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        UPDATED = "updated", _("updated")
        DELETED = "deleted", _("deleted")

    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    via = models.CharField(_("via"), max_length=10, choices=Via.choices)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    model = models.CharField(_("kind of figure"), max_length=50)
    object_id = models.PositiveBigIntegerField(_("object id"))
    figure = models.CharField(_("figure"), max_length=200)
    changes = models.JSONField(_("changes"), default=dict, help_text=_("field: [before, after]"))
    source_file = models.CharField(_("file"), max_length=255, blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("change of a figure")
        verbose_name_plural = _("changes of figures")

    def __str__(self) -> str:
        return f"{self.changed_at:%Y-%m-%d %H:%M} {self.figure} ({self.get_action_display()})"


class LumpSumCorrection(models.Model):
    """A scenario that raises the lump sum, e.g. Scenario B of seed 003: + 3,557,100
    a year for too-low reference client numbers, with the year's taakstelling
    percentage applied to the raise as well."""

    name = models.CharField(_("scenario"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    raise_amount = _amount(_("raise"))
    taakstelling_percent = models.DecimalField(
        _("taakstelling %"), max_digits=6, decimal_places=3, default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )  # fmt: skip
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["name", "year"]
        verbose_name = _("lump-sum correction")
        verbose_name_plural = _("lump-sum corrections")
        constraints = [models.UniqueConstraint(fields=["name", "year"], name="lumpsumcorrection_unique")]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class ExitFee(models.Model):
    """The fee a leaving member pays, set by the board and the general assembly; never
    more than the member's revenue in the cooperative in the previous year."""

    care_unit = models.ForeignKey(CareUnit, on_delete=models.PROTECT, related_name="exit_fees")
    year = models.PositiveSmallIntegerField(_("year of leaving"), validators=YEAR_VALIDATORS)
    amount = _amount(_("exit fee"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("exit fee")
        verbose_name_plural = _("exit fees")
        constraints = [models.UniqueConstraint(fields=["care_unit", "year"], name="exitfee_unique")]

    def __str__(self) -> str:
        return f"{self.care_unit} {self.year}"

    def previous_revenue(self) -> Decimal | None:
        row = MemberRevenue.objects.filter(care_unit_id=self.care_unit_id, year=self.year - 1).first()
        return None if row is None else row.revenue

    def clean(self) -> None:
        from .domain.members import check_exit_fee
        from .domain.money import MoneyError

        if self.care_unit_id is None or self.amount is None or self.year is None:
            return
        revenue = self.previous_revenue()
        if revenue is None:
            raise ValidationError(
                {"amount": _("Enter the member's revenue of %(year)s first: the fee may not exceed it.")
                 % {"year": self.year - 1}}
            )  # fmt: skip
        try:
            check_exit_fee(Decimal(self.amount), revenue)
        except MoneyError:
            raise ValidationError(
                {"amount": _("The exit fee may not exceed the member's revenue of %(year)s (%(revenue)s).")
                 % {"year": self.year - 1, "revenue": revenue}}
            ) from None  # fmt: skip


class SmallProviderShare(models.Model):
    """The contract rule that at least 4% of the budget goes to small providers:
    the amount spent (when known) or the share the cooperative reported."""

    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    half = models.PositiveSmallIntegerField(_("half-year"), default=0, validators=[MaxValueValidator(2)])
    spent = _amount(_("spent on small providers"), null=True, blank=True)
    reported_percent = models.DecimalField(
        _("reported share %"), max_digits=6, decimal_places=3, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )  # fmt: skip
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["year", "half"]
        verbose_name = _("small-provider share")
        verbose_name_plural = _("small-provider shares")
        constraints = [
            models.UniqueConstraint(fields=["year", "half"], name="smallprovidershare_unique"),
            models.CheckConstraint(
                condition=Q(spent__isnull=False) | Q(reported_percent__isnull=False),
                name="smallprovidershare_spent_or_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}" + (f"-H{self.half}" if self.half else "")
