"""Every trajecten admin page renders; trajectories and history are read-only."""

from __future__ import annotations

import pytest

from django.urls import reverse

from basishulp.trajecten.models import Trajectory, TrajectoryHistory
from basishulp.trajecten.services import trajectories_import
from tests.factories import UserFactory

from .conftest import GOOD_ROWS

pytestmark = pytest.mark.django_db

MODELS = [
    "municipality",
    "area",
    "careunit",
    "contract",
    "providerrole",
    "client",
    "importbatch",
    "trajectory",
    "trajectoryhistory",
]


@pytest.fixture
def admin_client_(client, write_csv):
    trajectories_import(path=write_csv(*GOOD_ROWS), filename="f.csv")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", MODELS)
def test_changelist_renders(admin_client_, model):
    assert admin_client_.get(reverse(f"admin:trajecten_{model}_changelist")).status_code == 200


def test_trajectory_and_history_are_read_only(admin_client_):
    trajectory = Trajectory.objects.get(trajectory_id="t1")
    history = TrajectoryHistory.objects.filter(trajectory=trajectory).get()
    assert admin_client_.get(reverse("admin:trajecten_trajectory_change", args=[trajectory.pk])).status_code == 200
    assert admin_client_.get(reverse("admin:trajecten_trajectory_add")).status_code == 403
    assert admin_client_.get(reverse("admin:trajecten_trajectoryhistory_add")).status_code == 403
    url = reverse("admin:trajecten_trajectoryhistory_delete", args=[history.pk])
    assert admin_client_.post(url, {"post": "yes"}).status_code == 403
    assert TrajectoryHistory.objects.filter(pk=history.pk).exists()
