"""The profile admin renders."""

import pytest

from django.urls import reverse

from basishulp.accounts.services import ensure_demo_users
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_profile_admin_pages(client):
    ensure_demo_users()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:accounts_profile_changelist")).status_code == 200
    assert client.get(reverse("admin:accounts_profile_add")).status_code == 200
