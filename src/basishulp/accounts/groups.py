"""Editing rights in the admin that follow a profile's role.

Some registers are kept through the admin forms by the staff whose role they belong
to (finance figures by controllers, quality registers by intake and controllers).
Each such right is a group holding the model permissions; :func:`apply_role_group`
gives a profile the group and the staff flag when its role is one of the roles the
group follows, and takes the group away (and the staff flag, when no group is left
and the user is no superuser) when it is not.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from django.contrib.auth.models import Group

__all__ = ["apply_role_group"]


def apply_role_group(profile: Any, name: str, roles: Collection[str], ensure: Callable[[], Group]) -> None:
    user = profile.user
    group = Group.objects.filter(name=name).first() or ensure()
    if profile.role in roles:
        user.groups.add(group)
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    elif user.groups.filter(pk=group.pk).exists():
        user.groups.remove(group)
        if user.is_staff and not user.is_superuser and not user.groups.exists():
            user.is_staff = False
            user.save(update_fields=["is_staff"])
