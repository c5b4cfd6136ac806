"""Help requests in the admin: read-only. They change only through the services,
which check the workflow and append the history (the intake screens come next)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from basishulp.trajecten.admin import ReadOnlyAdmin

from .models import (
    Complaint,
    HelpRequest,
    HelpRequestEvent,
    MeldcodeCase,
    SatisfactionMeasurement,
    ThemeMeeting,
    VeiligThuisReport,
)


class EventInline(admin.TabularInline):
    model = HelpRequestEvent
    extra = 0
    fields = ["occurred_on", "kind", "from_state", "to_state", "changes", "note", "user", "recorded_at"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(HelpRequest)
class HelpRequestAdmin(ReadOnlyAdmin):
    list_display = ["reference", "received_on", "state", "municipality", "area", "referrer_type", "triage"]
    list_filter = ["state", "municipality", "referrer_type", "triage"]
    search_fields = ["reference", "client__pseudonym", "referrer_organisation"]
    inlines = [EventInline]


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    list_display = ["received_on", "category", "picked_up_on", "escalated"]
    list_filter = ["category", "escalated"]


@admin.register(VeiligThuisReport)
class VeiligThuisReportAdmin(admin.ModelAdmin):
    list_display = ["received_on", "municipality", "followed_up_on", "investigated"]
    list_filter = ["municipality", "investigated"]
    date_hierarchy = "received_on"


@admin.register(MeldcodeCase)
class MeldcodeCaseAdmin(admin.ModelAdmin):
    list_display = ["identified_on", "investigated_on"]
    date_hierarchy = "identified_on"


@admin.register(ThemeMeeting)
class ThemeMeetingAdmin(admin.ModelAdmin):
    list_display = ["held_on", "subject", "invited", "attended"]
    date_hierarchy = "held_on"


@admin.register(SatisfactionMeasurement)
class SatisfactionMeasurementAdmin(admin.ModelAdmin):
    list_display = ["measured_on", "group", "score", "scale_max", "respondents", "description"]
    list_filter = ["group"]
