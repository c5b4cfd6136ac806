"""Who maintains the governance registers and the published figures: controllers,
through the admin forms (the risks and their claim links, programme lines,
assignments, projects with their savings and targets, budget adjustments, published
figures, CBS figures). The four everyday edits (a risk's situation, an assignment's
status, a report text, FTE) have their own pages (``/registers/``).

Access follows the role, as the finance figures' (:mod:`basishulp.finance.access`): a
controller gets the staff flag and the group :data:`GROUP` (add, change, delete and
view of the models of the registers and comparisons apps); another role loses it. The
group is brought up to date after every migration.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

__all__ = ["GROUP", "apply_registers_access", "ensure_registers_group", "sync_registers_access"]

GROUP = "Sturingsregisters bijhouden"
APPS = ("registers", "comparisons")


def ensure_registers_group(**_kwargs: Any) -> Group:
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=APPS))
    return group


def sync_registers_access(sender: Any = None, instance: Any = None, raw: bool = False, **_kwargs: Any) -> None:
    """``post_save`` receiver of :class:`~basishulp.accounts.models.Profile`."""
    if instance is not None and not raw:
        apply_registers_access(instance)


def apply_registers_access(profile: Any) -> None:
    """Give or take the register editing rights according to ``profile.role``."""
    from basishulp.accounts.groups import apply_role_group
    from basishulp.accounts.models import Role

    apply_role_group(profile, GROUP, {Role.CONTROLLER}, ensure_registers_group)
