"""The iJw messages received, their deliveries and stops: read only (they change only
through messages, basishulp.ijw.services)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Delivery, ReceivedMessage, Stop


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReceivedMessage)
class ReceivedMessageAdmin(_ReadOnly):
    list_display = ("kind", "afzender", "ontvanger", "identificatie", "dagtekening", "received_at")
    list_filter = ("kind", "ontvanger")
    search_fields = ("identificatie", "afzender")
    exclude = ("retour",)  # holds the BSN


@admin.register(Delivery)
class DeliveryAdmin(_ReadOnly):
    list_display = ("afzender", "ontvanger", "categorie", "code", "begindatum", "trajectory", "withdrawn")
    list_filter = ("withdrawn", "categorie")
    list_select_related = ("trajectory",)


@admin.register(Stop)
class StopAdmin(_ReadOnly):
    list_display = ("delivery", "reden", "einddatum", "withdrawn")
    list_filter = ("reden", "withdrawn")
