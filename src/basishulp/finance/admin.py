"""Admin for the finance inputs. Controllers maintain them here until the finance
forms exist; the admin log keeps who changed what and when."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from basishulp.trajecten.admin import ReadOnlyAdmin

from .models import (
    BudgetLine,
    Claim,
    ClientNorm,
    CounterfactualYear,
    DistributionKey,
    ExitFee,
    FigureChange,
    IndexSeries,
    IndexValue,
    LumpSumCorrection,
    MemberRevenue,
    SmallProviderShare,
    Statement,
    YearResult,
)
from .services import record_change, snapshot


class HistoryAdmin(admin.ModelAdmin):
    """Every save and delete through the admin is logged as a :class:`FigureChange`."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = snapshot(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else None
        super().save_model(request, obj, form, change)
        record_change(obj, FigureChange.Action.UPDATED if change else FigureChange.Action.CREATED, before, request.user)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        before, pk = snapshot(obj), obj.pk
        super().delete_model(request, obj)
        obj.pk = pk
        record_change(obj, FigureChange.Action.DELETED, before, request.user)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        befores = {o.pk: snapshot(o) for o in formset.get_queryset()} if hasattr(formset, "get_queryset") else {}
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            pk = obj.pk
            obj.delete()
            obj.pk = pk
            record_change(obj, FigureChange.Action.DELETED, befores.get(pk), request.user)
        for obj in instances:
            created = obj.pk is None
            obj.save()
            action = FigureChange.Action.CREATED if created else FigureChange.Action.UPDATED
            record_change(obj, action, None if created else befores.get(obj.pk), request.user)
        formset.save_m2m()


@admin.register(BudgetLine)
class BudgetLineAdmin(HistoryAdmin):
    list_display = ["year", "municipality", "kind", "amount", "source"]
    list_filter = ["year", "kind", "municipality"]


class IndexValueInline(admin.TabularInline):
    model = IndexValue
    extra = 0


@admin.register(IndexSeries)
class IndexSeriesAdmin(HistoryAdmin):
    list_display = ["name", "kind", "ova_weight"]
    inlines = [IndexValueInline]


@admin.register(Statement)
class StatementAdmin(HistoryAdmin):
    list_display = ["year", "half", "kind", "municipality", "income", "meerkosten_bijdrage"]
    list_filter = ["year", "kind", "municipality"]


@admin.register(MemberRevenue)
class MemberRevenueAdmin(HistoryAdmin):
    list_display = ["year", "care_unit", "revenue", "revenue_share"]
    list_filter = ["year"]


@admin.register(YearResult)
class YearResultAdmin(HistoryAdmin):
    list_display = ["year", "amount", "forecast"]


@admin.register(DistributionKey)
class DistributionKeyAdmin(HistoryAdmin):
    list_display = ["year", "municipality", "percent"]
    list_filter = ["year"]


@admin.register(Claim)
class ClaimAdmin(HistoryAdmin):
    list_display = ["year", "title", "amount", "status", "granted_amount"]
    list_filter = ["year", "status"]


@admin.register(ClientNorm)
class ClientNormAdmin(HistoryAdmin):
    list_display = ["year", "price"]


@admin.register(CounterfactualYear)
class CounterfactualYearAdmin(HistoryAdmin):
    list_display = ["year", "clients", "k1_clients", "factor", "base_price", "published_effect"]


@admin.register(FigureChange)
class FigureChangeAdmin(ReadOnlyAdmin):
    """The history: read-only."""

    list_display = ["changed_at", "figure", "action", "via", "user", "source_file"]
    list_filter = ["via", "action", "model"]
    readonly_fields = [f.name for f in FigureChange._meta.fields]


@admin.register(LumpSumCorrection)
class LumpSumCorrectionAdmin(HistoryAdmin):
    list_display = ["name", "year", "raise_amount", "taakstelling_percent"]


@admin.register(ExitFee)
class ExitFeeAdmin(HistoryAdmin):
    list_display = ["year", "care_unit", "amount", "decided_on"]


@admin.register(SmallProviderShare)
class SmallProviderShareAdmin(HistoryAdmin):
    list_display = ["year", "half", "spent", "reported_percent"]
