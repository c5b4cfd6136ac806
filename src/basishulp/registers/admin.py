"""Admin for the governance registers. Controllers keep the risk situations, assignment
statuses, FTE and texts through the forms of the registers page (/registers/); the
admin is for the rest (risks and their claims, lines, assignments, projects, budget
adjustments) and for functional administrators."""

from __future__ import annotations

from django.contrib import admin

from .models import (
    Assignment,
    AssignmentStatus,
    BudgetAdjustment,
    PeriodText,
    ProgrammeLine,
    Project,
    ProjectSaving,
    ProjectTarget,
    Risk,
    RiskSituation,
    WorkforceFte,
)


class RiskSituationInline(admin.StackedInline):
    model = RiskSituation
    extra = 0
    readonly_fields = ["updated_at", "updated_by"]


@admin.register(Risk)
class RiskAdmin(admin.ModelAdmin):
    list_display = ["number", "title"]
    search_fields = ["title", "description"]
    filter_horizontal = ["claims"]
    inlines = [RiskSituationInline]


@admin.register(RiskSituation)
class RiskSituationAdmin(admin.ModelAdmin):
    list_display = ["risk", "period", "updated_at", "updated_by"]
    list_filter = ["period"]
    readonly_fields = ["updated_at", "updated_by"]


@admin.register(ProgrammeLine)
class ProgrammeLineAdmin(admin.ModelAdmin):
    list_display = ["number", "title"]


class AssignmentStatusInline(admin.TabularInline):
    model = AssignmentStatus
    extra = 0
    readonly_fields = ["updated_at", "updated_by"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["code", "line", "title", "target_date"]
    list_filter = ["line"]
    search_fields = ["code", "title", "goal"]
    inlines = [AssignmentStatusInline]


@admin.register(AssignmentStatus)
class AssignmentStatusAdmin(admin.ModelAdmin):
    list_display = ["assignment", "period", "status", "updated_at"]
    list_filter = ["period", "status"]
    readonly_fields = ["updated_at", "updated_by"]


class ProjectSavingInline(admin.TabularInline):
    model = ProjectSaving
    extra = 0


class ProjectTargetInline(admin.TabularInline):
    model = ProjectTarget
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "line"]
    list_filter = ["line"]
    inlines = [ProjectSavingInline, ProjectTargetInline]


@admin.register(ProjectSaving)
class ProjectSavingAdmin(admin.ModelAdmin):
    list_display = ["project", "year", "amount"]
    list_filter = ["year"]


@admin.register(ProjectTarget)
class ProjectTargetAdmin(admin.ModelAdmin):
    list_display = ["project", "period", "measure", "planned", "realised"]
    list_filter = ["period"]


@admin.register(WorkforceFte)
class WorkforceFteAdmin(admin.ModelAdmin):
    list_display = ["date", "municipality", "fte", "updated_at"]
    list_filter = ["municipality"]
    readonly_fields = ["updated_at", "updated_by"]


@admin.register(PeriodText)
class PeriodTextAdmin(admin.ModelAdmin):
    list_display = ["period", "kind", "municipality", "title", "updated_at"]
    list_filter = ["period", "kind", "municipality"]
    readonly_fields = ["updated_at", "updated_by"]


@admin.register(BudgetAdjustment)
class BudgetAdjustmentAdmin(admin.ModelAdmin):
    list_display = ["year", "municipality", "amount", "absorbed", "decided_on"]
    list_filter = ["year", "municipality"]
