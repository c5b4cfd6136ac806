"""Who keeps the quality registers: controllers (management, where the complaints
officer and the quality officer report), in the admin forms.

Complaints, Veilig Thuis reports, meldcode investigations, theme meetings and
satisfaction measurements hold no client data; the group :data:`GROUP` may add,
change, delete and view them. Help requests themselves are not in it: they change
only through the intake screens. The group follows the role (see
:mod:`basishulp.accounts.groups`) and is refreshed after every migration.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

__all__ = ["GROUP", "REGISTER_MODELS", "apply_register_access", "ensure_register_group", "sync_register_access"]

GROUP = "Kwaliteitsregistraties bijhouden"
REGISTER_MODELS = ("complaint", "veiligthuisreport", "meldcodecase", "thememeeting", "satisfactionmeasurement")


def ensure_register_group(**_kwargs: Any) -> Group:
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="toeleiding", content_type__model__in=REGISTER_MODELS)
    )
    return group


def sync_register_access(sender: Any = None, instance: Any = None, raw: bool = False, **_kwargs: Any) -> None:
    """``post_save`` receiver of :class:`~basishulp.accounts.models.Profile`."""
    if instance is not None and not raw:
        apply_register_access(instance)


def apply_register_access(profile: Any) -> None:
    from basishulp.accounts.groups import apply_role_group
    from basishulp.accounts.models import Role

    # Not intake: the staff flag the admin needs still opens finance and imports to
    # every staff user (accounts.selectors); issue #5 replaces that with permissions.
    apply_role_group(profile, GROUP, {Role.CONTROLLER}, ensure_register_group)
