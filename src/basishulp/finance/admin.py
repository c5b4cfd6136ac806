"""Admin for the finance inputs. Controllers maintain them here until the finance
forms exist; the admin log keeps who changed what and when."""

from __future__ import annotations

from django.contrib import admin

from .models import (
    BudgetLine,
    Claim,
    ClientNorm,
    CounterfactualYear,
    DistributionKey,
    IndexSeries,
    IndexValue,
    MemberRevenue,
    Statement,
    YearResult,
)


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ["year", "municipality", "kind", "amount", "source"]
    list_filter = ["year", "kind", "municipality"]


class IndexValueInline(admin.TabularInline):
    model = IndexValue
    extra = 0


@admin.register(IndexSeries)
class IndexSeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "ova_weight"]
    inlines = [IndexValueInline]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["year", "half", "kind", "municipality", "income", "meerkosten_bijdrage"]
    list_filter = ["year", "kind", "municipality"]


@admin.register(MemberRevenue)
class MemberRevenueAdmin(admin.ModelAdmin):
    list_display = ["year", "care_unit", "revenue", "revenue_share"]
    list_filter = ["year"]


@admin.register(YearResult)
class YearResultAdmin(admin.ModelAdmin):
    list_display = ["year", "amount", "forecast"]


@admin.register(DistributionKey)
class DistributionKeyAdmin(admin.ModelAdmin):
    list_display = ["year", "municipality", "percent"]
    list_filter = ["year"]


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "amount", "status", "granted_amount"]
    list_filter = ["year", "status"]


@admin.register(ClientNorm)
class ClientNormAdmin(admin.ModelAdmin):
    list_display = ["year", "price"]


@admin.register(CounterfactualYear)
class CounterfactualYearAdmin(admin.ModelAdmin):
    list_display = ["year", "clients", "k1_clients", "factor", "base_price", "published_effect"]
