"""Demo users: known passwords, idempotent."""

from __future__ import annotations

import pytest

from django.contrib.auth import authenticate, get_user_model

from basishulp.accounts.models import Profile, Role
from basishulp.accounts.selectors import can_import, visible_municipality_codes
from basishulp.accounts.services import ensure_demo_users

pytestmark = pytest.mark.django_db

EXPECTED = {
    "controller": "demo-controller",
    "intake": "demo-intake",
    "heerlen": "demo-heerlen",
    "landgraaf": "demo-landgraaf",
    "voerendaal": "demo-voerendaal",
    "zorgprofessional": "demo-zorgprofessional",
    "gebiedsmanager": "demo-gebiedsmanager",
    "verwijzer": "demo-verwijzer",
    "privacy": "demo-privacy",
    "beheer": "demo-beheer",
}


def test_one_demo_user_per_role():
    from basishulp.accounts.models import Profile

    ensure_demo_users()
    assert {p.role for p in Profile.objects.filter(user__username__in=EXPECTED)} == set(Role.values)
    referrer = Profile.objects.get(user__username="verwijzer")
    assert (referrer.referrer_type, referrer.user.email) == ("02", "verwijzer@example.org")
    assert [a.code for a in Profile.objects.get(user__username="gebiedsmanager").areas.order_by("code")] == [
        "HRL-3", "HRL-4",
    ]  # fmt: skip


def test_demo_users_log_in_with_their_known_passwords():
    result = ensure_demo_users()
    assert {username: password for username, password, _ in result} == EXPECTED
    assert all(description for *_, description in result)
    for username, password in EXPECTED.items():
        assert authenticate(username=username, password=password) is not None, username


def test_demo_roles():
    ensure_demo_users()
    users = {u.username: u for u in get_user_model().objects.all()}
    assert can_import(users["controller"]) and visible_municipality_codes(users["controller"]) is None
    assert visible_municipality_codes(users["heerlen"]) == ["GM0917"]
    assert visible_municipality_codes(users["landgraaf"]) == ["GM0882"]
    assert visible_municipality_codes(users["voerendaal"]) == ["GM0986"]
    assert not can_import(users["heerlen"])
    assert users["beheer"].is_superuser and users["beheer"].is_staff
    assert Profile.objects.get(user=users["beheer"]).role == Role.ADMINISTRATOR
    # Controllers maintain the finance figures (issue #3), the quality registers (issue
    # #4) and the governance registers and published figures (issue #8) in the admin:
    # staff, but only with those groups' permissions.
    assert users["controller"].is_staff and not users["controller"].is_superuser
    groups = sorted(g.name for g in users["controller"].groups.all())
    assert groups == ["Financiën bewerken", "Kwaliteitsregistraties bijhouden", "Sturingsregisters bijhouden"]
    assert users["controller"].has_perm("registers.change_risk")
    assert users["controller"].has_perm("comparisons.add_publishedfigure")
    assert not users["controller"].has_perm("reports.change_reportrun")
    assert not users["intake"].is_staff
    assert not users["heerlen"].is_staff


def test_idempotent_and_resets_passwords():
    ensure_demo_users()
    user = get_user_model().objects.get(username="heerlen")
    user.set_password("something-else")
    user.save()
    ensure_demo_users()
    assert get_user_model().objects.filter(username__in=EXPECTED).count() == len(EXPECTED)
    assert Profile.objects.count() == len(EXPECTED)
    assert authenticate(username="heerlen", password="demo-heerlen") is not None
