"""Admin for user profiles (role, municipality, areas) and two-factor devices."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Profile, TwoFactorDevice
from .two_factor import reset


def _reset_users(modeladmin: admin.ModelAdmin, request: HttpRequest, users: list[Any]) -> None:
    count = sum(reset(user, by=request.user) for user in users)
    modeladmin.message_user(
        request,
        ngettext(
            "Two-factor authentication was reset for %(count)d user: they must set it up again at their next login.",
            "Two-factor authentication was reset for %(count)d users: they must set it up again at their next login.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "municipality")
    list_filter = ("role", "municipality")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user",)
    filter_horizontal = ("areas",)
    list_select_related = ("user", "municipality")
    actions = ["reset_two_factor"]

    @admin.action(description=_("Reset two-factor authentication"), permissions=["change"])
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[Profile]) -> None:
        _reset_users(self, request, [profile.user for profile in queryset.select_related("user")])


@admin.register(TwoFactorDevice)
class TwoFactorDeviceAdmin(admin.ModelAdmin):
    """Who has set up two-factor authentication; read only. The secret is never shown;
    a device is removed only by the reset action (which is logged)."""

    list_display = ("user", "confirmed_at", "created_at")
    list_filter = (("confirmed_at", admin.EmptyFieldListFilter),)
    search_fields = ("user__username",)
    list_select_related = ("user",)
    fields = ("user", "confirmed_at", "created_at")
    readonly_fields = fields
    actions = ["reset_two_factor"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the reset action removes devices, and logs it

    def has_reset_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("accounts.delete_twofactordevice")

    @admin.action(description=_("Reset two-factor authentication"), permissions=["reset"])
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[TwoFactorDevice]) -> None:
        _reset_users(self, request, [device.user for device in queryset.select_related("user")])
