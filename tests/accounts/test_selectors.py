"""Access scoping by role (domain.md §2)."""

from __future__ import annotations

import pytest

from django.contrib.auth.models import AnonymousUser

from basishulp.accounts.models import Role
from basishulp.accounts.selectors import can_import, role_of, visible_municipality_codes
from basishulp.trajecten.models import Area
from tests.factories import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_sees_nothing():
    user = AnonymousUser()
    assert visible_municipality_codes(user) == []
    assert can_import(user) is False
    assert role_of(user) is None


def test_user_without_profile_sees_nothing():
    user = UserFactory()
    assert visible_municipality_codes(user) == []
    assert can_import(user) is False
    assert role_of(user) is None


def test_the_staff_flag_gives_no_rights():
    user = UserFactory(staff=True)  # the flag only opens the admin site
    assert visible_municipality_codes(user) == []
    assert can_import(user) is False
    superuser = UserFactory(is_staff=True, is_superuser=True)  # without a profile: an administrator
    assert role_of(superuser) == Role.ADMINISTRATOR
    assert visible_municipality_codes(superuser) is None and not can_import(superuser)


def test_controller_sees_all_and_may_import():
    user = ProfileFactory(controller=True).user
    assert role_of(user) == Role.CONTROLLER
    assert visible_municipality_codes(user) is None
    assert can_import(user) is True


def test_municipality_user_sees_own_municipality_only():
    user = ProfileFactory(gemeente=True).user
    assert role_of(user) == Role.MUNICIPALITY
    assert visible_municipality_codes(user) == ["GM0917"]
    assert can_import(user) is False


def test_municipality_user_without_municipality_sees_nothing():
    user = ProfileFactory(role=Role.MUNICIPALITY).user
    assert visible_municipality_codes(user) == []


def test_area_manager_sees_municipalities_of_their_areas():
    areas = list(Area.objects.filter(code__in=["HRL-3", "LGF-1"]))
    user = ProfileFactory(gebiedsmanager=True, areas=areas).user
    assert visible_municipality_codes(user) == ["GM0882", "GM0917"]
    assert can_import(user) is False


@pytest.mark.parametrize("role", [Role.REFERRER, Role.PRIVACY_OFFICER])
def test_roles_without_steering_figures(role):
    assert visible_municipality_codes(ProfileFactory(role=role).user) == []


def test_administrators_see_all_aggregates():  # no client content: that is the access table's part
    assert visible_municipality_codes(ProfileFactory(role=Role.ADMINISTRATOR).user) is None


def test_inactive_user_sees_nothing():
    profile = ProfileFactory(controller=True)
    profile.user.is_active = False
    profile.user.save()
    assert visible_municipality_codes(profile.user) == []
    assert can_import(profile.user) is False
