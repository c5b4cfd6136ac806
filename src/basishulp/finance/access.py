"""Who maintains the finance figures: controllers, through the admin forms.

Access follows the role: a profile with the controller role gets the staff flag and
the group :data:`GROUP` (add, change, delete and view of the finance figures; view
only of their history); a profile with another role loses the group. The group is
created after every migration, so it always holds the permissions of all finance
models.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

__all__ = ["GROUP", "apply_finance_access", "ensure_finance_group", "sync_finance_access"]

GROUP = "Financiën bewerken"


def ensure_finance_group(**_kwargs: Any) -> Group:
    group, _ = Group.objects.get_or_create(name=GROUP)
    perms = Permission.objects.filter(content_type__app_label="finance").exclude(
        content_type__model="figurechange", codename__regex=r"^(add|change|delete)_"
    )
    group.permissions.set(perms)
    return group


def sync_finance_access(sender: Any = None, instance: Any = None, raw: bool = False, **_kwargs: Any) -> None:
    """``post_save`` receiver of :class:`~basishulp.accounts.models.Profile`."""
    if instance is not None and not raw:
        apply_finance_access(instance)


def apply_finance_access(profile: Any) -> None:
    """Give or take the finance editing rights according to ``profile.role``."""
    from basishulp.accounts.groups import apply_role_group
    from basishulp.accounts.models import Role

    apply_role_group(profile, GROUP, {Role.CONTROLLER}, ensure_finance_group)
