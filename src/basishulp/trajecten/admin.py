"""Admin for the trajecten models.

Reference data (municipalities, areas, care units, contracts, provider roles) is
editable. Trajectories, clients, imports and history are read-only here: they change
only through the import service, which writes the history in the same transaction.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import (
    Area,
    CareUnit,
    Client,
    Contract,
    ImportBatch,
    Municipality,
    ProviderRole,
    Trajectory,
    TrajectoryHistory,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """View-only: no add, change or delete in the admin."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "municipality")
    list_filter = ("municipality",)
    search_fields = ("code", "name")


class ProviderRoleInline(admin.TabularInline):
    model = ProviderRole
    extra = 0


@admin.register(CareUnit)
class CareUnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "area", "agb_code")
    list_filter = ("kind", "roles__contract", "roles__role")
    search_fields = ("code", "name", "agb_code")
    list_select_related = ("area",)
    inlines = [ProviderRoleInline]


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "start_date", "end_date")


@admin.register(ProviderRole)
class ProviderRoleAdmin(admin.ModelAdmin):
    list_display = ("care_unit", "contract", "role", "valid_from", "valid_to")
    list_filter = ("contract", "role")
    search_fields = ("care_unit__code", "care_unit__name")
    list_select_related = ("care_unit", "contract")


@admin.register(Client)
class ClientAdmin(ReadOnlyAdmin):
    list_display = ("pseudonym",)
    search_fields = ("pseudonym",)


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ("filename", "started_at", "status", "rows", "created", "updated", "unchanged", "imported_by")
    list_filter = ("status",)
    date_hierarchy = "started_at"


class TrajectoryHistoryInline(admin.TabularInline):
    model = TrajectoryHistory
    fields = ("changed_at", "action", "batch", "data")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Trajectory)
class TrajectoryAdmin(ReadOnlyAdmin):
    list_display = (
        "trajectory_id",
        "client",
        "municipality",
        "area",
        "care_unit",
        "quadrant",
        "start_date",
        "end_date",
        "end_reason",
    )
    list_filter = ("municipality", "quadrant", "area", "care_unit__kind")
    search_fields = ("trajectory_id", "client__pseudonym", "care_unit__code")
    list_select_related = ("client", "municipality", "area", "care_unit")
    date_hierarchy = "start_date"
    inlines = [TrajectoryHistoryInline]


@admin.register(TrajectoryHistory)
class TrajectoryHistoryAdmin(ReadOnlyAdmin):
    list_display = ("trajectory", "action", "changed_at", "batch")
    list_filter = ("action",)
    search_fields = ("trajectory__trajectory_id",)
    list_select_related = ("trajectory", "batch")
