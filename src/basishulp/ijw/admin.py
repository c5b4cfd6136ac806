"""The iJw messages received, their deliveries and stops: read only (they change only
through messages, basishulp.ijw.services)."""

from django.contrib import admin

from basishulp.trajecten.admin import ReadOnlyAdmin

from .models import Delivery, ReceivedMessage, Stop


@admin.register(ReceivedMessage)
class ReceivedMessageAdmin(ReadOnlyAdmin):
    list_display = ("kind", "afzender", "ontvanger", "identificatie", "dagtekening", "received_at")
    list_filter = ("kind", "ontvanger")
    search_fields = ("identificatie", "afzender")
    exclude = ("retour",)  # holds the BSN


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ("afzender", "ontvanger", "categorie", "code", "begindatum", "trajectory", "withdrawn")
    list_filter = ("withdrawn", "categorie")
    list_select_related = ("trajectory",)


@admin.register(Stop)
class StopAdmin(ReadOnlyAdmin):
    list_display = ("delivery", "reden", "einddatum", "withdrawn")
    list_filter = ("reden", "withdrawn")
