"""Admin for user profiles (role, municipality, areas)."""

from django.contrib import admin

from .models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "municipality")
    list_filter = ("role", "municipality")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user",)
    filter_horizontal = ("areas",)
    list_select_related = ("user", "municipality")
