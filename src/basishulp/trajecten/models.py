"""Municipalities, areas, care units, clients and trajectories ("zorgtrajecten").

Writes go through :mod:`basishulp.trajecten.services`; reads through
:mod:`basishulp.trajecten.selectors`. Trajectory history is append-only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    """Gemeente, identified by its CBS code (``GM0917``)."""

    code = models.CharField(_("CBS code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    """Gebied: the working area of an area team within one municipality."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="areas")

    class Meta:
        ordering = ["code"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return self.name


class CareUnit(models.Model):
    """Zorgeenheid: an area team (K2) or a care provider (K3)."""

    class Kind(models.TextChoices):
        AREA_TEAM = "gebiedsteam", _("area team")
        PROVIDER = "aanbieder", _("care provider")
        UNKNOWN = "onbekend", _("unknown")

    code = models.CharField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, null=True, blank=True, related_name="care_units", verbose_name=_("area")
    )
    #: The AGB code that identifies this care unit as the sender of iJw messages (basishulp.ijw).
    agb_code = models.CharField(
        _("AGB code"),
        max_length=8,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Eight digits; identifies this care unit in iJw start and stop messages."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("care unit")
        verbose_name_plural = _("care units")

    def __str__(self) -> str:
        return self.name


class Contract(models.Model):
    """A contract period between HLV and the cooperative JENS."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")

    def __str__(self) -> str:
        return self.name


class ProviderRole(models.Model):
    """The role of a provider within a contract period, e.g. member ("lid")."""

    class Role(models.TextChoices):
        MEMBER = "lid", _("member of the cooperative")
        SUBCONTRACTOR = "onderaannemer", _("strategic subcontractor")
        SUPPLIER = "leverancier", _("contracted supplier")
        SMALL = "kleine_aanbieder", _("small provider")

    care_unit = models.ForeignKey(CareUnit, on_delete=models.CASCADE, related_name="roles")
    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="provider_roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["contract__number", "role", "care_unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["care_unit", "contract"], name="one_role_per_contract"),
        ]
        verbose_name = _("provider role")
        verbose_name_plural = _("provider roles")

    def __str__(self) -> str:
        return f"{self.care_unit} ({self.get_role_display()}, {self.contract})"


class Client(models.Model):
    """Cliënt, known by a pseudonym. A BSN, when intake records one, is kept only
    encrypted with a keyed digest to find the client by it (:mod:`.bsn`)."""

    pseudonym = models.CharField(_("pseudonym"), max_length=64, unique=True)
    bsn_encrypted = models.TextField(_("BSN (encrypted)"), blank=True, editable=False)
    bsn_digest = models.CharField(_("BSN digest"), max_length=64, null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["pseudonym"]
        verbose_name = _("client")
        verbose_name_plural = _("clients")

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def has_bsn(self) -> bool:
        return bool(self.bsn_encrypted)

    def masked_bsn(self) -> str:
        """The BSN with all but its last three digits hidden ("" when none is recorded)."""
        from . import bsn

        if not self.bsn_encrypted:
            return ""
        try:
            return bsn.mask(bsn.decrypt(self.bsn_encrypted))
        except bsn.BSNError:
            return str(_("(cannot be decrypted with the configured keys)"))


class ImportBatch(models.Model):
    """One import of a trajectories file (command line or upload)."""

    class Status(models.TextChoices):
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    filename = models.CharField(_("file name"), max_length=255)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DONE)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.filename} ({self.started_at:%Y-%m-%d %H:%M})"


class Trajectory(models.Model):
    """Zorgtraject: one period of care for one client by one care unit."""

    class Quadrant(models.TextChoices):
        K1 = "K1", _("K1 voorliggend veld")
        K2 = "K2", _("K2 area teams")
        K3 = "K3", _("K3 outsourced care")

    trajectory_id = models.CharField(_("trajectory id"), max_length=64, unique=True)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="trajectories")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="trajectories")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, null=True, blank=True, related_name="trajectories")
    care_unit = models.ForeignKey(CareUnit, on_delete=models.PROTECT, related_name="trajectories")
    quadrant = models.CharField(_("quadrant"), max_length=2, choices=Quadrant.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.CharField(_("reason of ending"), max_length=2, blank=True)
    referrer_type = models.CharField(_("referrer type"), max_length=2, blank=True)
    #: Set when an iJw start message is withdrawn (StatusAanlevering 3): the trajectory
    #: no longer counts anywhere, but it and its history stay (basishulp.ijw).
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["start_date", "trajectory_id"]
        indexes = [
            models.Index(fields=["client", "start_date"]),
            models.Index(fields=["municipality", "start_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="trajectory_end_not_before_start",
            ),
        ]
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")

    def __str__(self) -> str:
        return self.trajectory_id


class TrajectoryHistory(models.Model):
    """Append-only history of a trajectory: one row per create or change."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        UPDATED = "updated", _("updated")
        WITHDRAWN = "withdrawn", _("withdrawn")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="history")
    batch = models.ForeignKey(ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="history")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    data = models.JSONField(_("values after the change"))

    class Meta:
        ordering = ["trajectory", "changed_at", "id"]
        verbose_name = _("trajectory history")
        verbose_name_plural = _("trajectory history")

    def __str__(self) -> str:
        return f"{self.trajectory.trajectory_id} {self.action} {self.changed_at:%Y-%m-%d %H:%M}"
