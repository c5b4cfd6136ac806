"""The controller's upload page for trajectories.csv."""

from __future__ import annotations

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from basishulp.trajecten.models import ImportBatch, Trajectory
from tests.factories import ProfileFactory, UserFactory

from .conftest import GOOD_ROWS, csv_text

pytestmark = pytest.mark.django_db

URL = reverse("trajecten:import")


def upload(text: str, name: str = "trajecten-juni.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def controller_client(client):
    client.force_login(ProfileFactory(controller=True).user)
    return client


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("traits", [{"gemeente": True}, {"verwijzer": True}, {"gebiedsmanager": True}])
def test_other_roles_are_forbidden(client, traits):
    client.force_login(ProfileFactory(**traits).user)
    assert client.get(URL).status_code == 403
    response = client.post(URL, {"file": upload(csv_text(*GOOD_ROWS))})
    assert response.status_code == 403
    assert Trajectory.objects.count() == 0


def test_user_without_profile_is_forbidden(client):
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403


def test_controller_sees_the_form(controller_client):
    response = controller_client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'enctype="multipart/form-data"' in content
    assert 'type="file"' in content
    assert "csrfmiddlewaretoken" in content


def test_the_staff_flag_alone_gives_no_upload(client):
    client.force_login(UserFactory(staff=True))  # roles decide, not flags (issue #5)
    assert client.get(URL).status_code == 403


def test_good_file_shows_counts(controller_client):
    response = controller_client.post(URL, {"file": upload(csv_text(*GOOD_ROWS))})
    assert response.status_code == 200
    assert Trajectory.objects.count() == 5
    batch = response.context["batch"]
    assert (batch.filename, batch.created, batch.unchanged) == ("trajecten-juni.csv", 5, 0)
    content = response.content.decode()
    assert '<td id="count-created">5</td>' in content
    assert '<td id="count-unchanged">0</td>' in content

    again = controller_client.post(URL, {"file": upload(csv_text(*GOOD_ROWS))})
    assert '<td id="count-unchanged">5</td>' in again.content.decode()
    assert Trajectory.objects.count() == 5


def test_bad_file_shows_error_table_and_stores_nothing(controller_client):
    text = csv_text(GOOD_ROWS[0], "t2,999993847,Heerlen,,GT-HRL-1,K2,2023-01-01,,,", "t3,c3,Heerlen,,GT-HRL-1,K7,x,,,")
    response = controller_client.post(URL, {"file": upload(text)})
    assert response.status_code == 200
    errors = response.context["errors"]
    assert {(e.line, e.column) for e in errors} == {(3, "client_id"), (4, "quadrant"), (4, "start_date")}
    assert all(e.file == "trajecten-juni.csv" for e in errors)
    content = response.content.decode()
    assert 'class="error-table"' in content
    assert "<td>client_id</td>" in content
    assert "looks like a BSN" in content
    assert Trajectory.objects.count() == 0
    assert ImportBatch.objects.get().status == ImportBatch.Status.FAILED


def test_post_without_file_shows_form_error(controller_client):
    response = controller_client.post(URL, {})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert ImportBatch.objects.count() == 0
