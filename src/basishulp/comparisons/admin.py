"""Admin for the comparisons' figures: published figures can be entered or corrected
one by one here (the CSV import does many at once); the admin log keeps who changed
what and when."""

from django.contrib import admin

from .models import CbsFigure, PublishedFigure


@admin.register(PublishedFigure)
class PublishedFigureAdmin(admin.ModelAdmin):
    list_display = ("period", "scope", "measure", "value", "source", "cause")
    list_filter = ("source", "period", "scope", "measure")
    search_fields = ("source", "cause")


@admin.register(CbsFigure)
class CbsFigureAdmin(admin.ModelAdmin):
    list_display = ("year", "region_code", "region_name", "youth_with_care", "young_people", "source")
    list_filter = ("year", "region_code")
    search_fields = ("region_name", "region_code", "source")
