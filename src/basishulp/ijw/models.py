"""iJw start and stop messages received, and the deliveries they describe.

A **delivery** (levering) is keyed as in the taakgericht variant (ijw.md §7, IV096):
sender (AGB), receiver (gemeente), client, product (category and code) and begin date.
Each delivery has exactly one trajectory (``basishulp.trajecten``), created by its
start and ended by its latest stop. Messages are kept with a digest of their bytes and
the retour message sent back, so an import can be traced and repeated without effect.
Writes go through :mod:`basishulp.ijw.services`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from basishulp.trajecten.models import Client, ImportBatch, Trajectory


class ReceivedMessage(models.Model):
    """A JW305 or JW307 message that was accepted (rejected ones are only reported)."""

    kind = models.CharField(_("message"), max_length=5)
    afzender = models.CharField(_("sender (AGB)"), max_length=8)
    ontvanger = models.CharField(_("receiver (gemeentecode)"), max_length=4)
    identificatie = models.CharField(_("message identification"), max_length=12)
    dagtekening = models.DateField(_("message date"))
    sha256 = models.CharField(_("digest of the file"), max_length=64)
    filename = models.CharField(_("file name"), max_length=255)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="ijw_messages")
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="ijw_messages"
    )
    retour = models.TextField(_("retour message"), blank=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        ordering = ["received_at", "id"]
        constraints = [
            # TR056: the identification is unique per kind of message per sender
            models.UniqueConstraint(fields=["kind", "afzender", "identificatie"], name="ijw_message_identity"),
        ]
        verbose_name = _("iJw message")
        verbose_name_plural = _("iJw messages")

    def __str__(self) -> str:
        return f"{self.kind} {self.afzender} {self.identificatie}"


class Delivery(models.Model):
    """A levering: one product for one client from one sender to one municipality."""

    afzender = models.CharField(_("sender (AGB)"), max_length=8)
    ontvanger = models.CharField(_("receiver (gemeentecode)"), max_length=4)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="ijw_deliveries")
    categorie = models.CharField(_("product category"), max_length=2, blank=True)
    code = models.CharField(_("product code"), max_length=5, blank=True)
    begindatum = models.DateField(_("begin date"))
    trajectory = models.OneToOneField(Trajectory, on_delete=models.PROTECT, related_name="ijw_delivery")
    start_message = models.ForeignKey(ReceivedMessage, on_delete=models.PROTECT, related_name="starts")
    withdrawn = models.BooleanField(_("withdrawn"), default=False)

    class Meta:
        ordering = ["begindatum", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["afzender", "ontvanger", "client", "categorie", "code", "begindatum"], name="ijw_delivery_key"
            ),
        ]
        verbose_name = _("iJw delivery")
        verbose_name_plural = _("iJw deliveries")

    def __str__(self) -> str:
        return f"{self.afzender} {self.categorie}{self.code} {self.begindatum}"


class Stop(models.Model):
    """A StopProduct of a delivery; the latest one not withdrawn ends the trajectory."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="stops")
    reden = models.CharField(_("reason of ending (JZ588)"), max_length=2)
    einddatum = models.DateField(_("end date"))
    message = models.ForeignKey(ReceivedMessage, on_delete=models.PROTECT, related_name="stops")
    withdrawn = models.BooleanField(_("withdrawn"), default=False)

    class Meta:
        ordering = ["delivery", "einddatum", "id"]
        verbose_name = _("iJw stop")
        verbose_name_plural = _("iJw stops")

    def __str__(self) -> str:
        return f"{self.delivery} {self.reden} {self.einddatum}"
