"""Sessions and passwords: a new session id at login, idle and absolute limits,
no-store on client pages, Argon2 for passwords."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from django.utils import timezone

from basishulp.accounts.models import Role
from basishulp.toeleiding.services import receive
from basishulp.trajecten.models import Municipality
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake():
    user = ProfileFactory(role=Role.INTAKE, user__username="in-s").user
    user.set_password("een lang wachtwoord 2026")
    user.save()
    return user


def test_login_gives_a_new_session_id(client, intake) -> None:
    client.get("/login/")
    session = client.session
    session["before"] = 1
    session.save()
    before = client.cookies["sessionid"].value
    response = client.post("/login/", {"username": "in-s", "password": "een lang wachtwoord 2026"})
    assert response.status_code == 302
    assert client.cookies["sessionid"].value != before


def test_idle_and_absolute_limits(client, intake, settings) -> None:
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60 <= 15 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    client.force_login(intake)
    assert client.get("/hulpvragen/").status_code == 200
    session = client.session
    session["basishulp_login_at"] = int(time.time()) - settings.SESSION_ABSOLUTE_HOURS * 3600 - 1
    session.save()
    response = client.get("/hulpvragen/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert client.get("/hulpvragen/").status_code == 302  # logged out for good


def test_client_pages_are_not_cached(client, intake) -> None:
    heerlen = Municipality.objects.get(code="GM0917")
    r = receive(received_on=dt.date(2023, 5, 1), referrer_type="02", municipality=heerlen,
                client_pseudonym="C-S-1", question="q")  # fmt: skip
    client.force_login(intake)
    for url in ("/hulpvragen/", f"/hulpvragen/{r.reference}/", "/hulpvragen/nieuw/"):
        response = client.get(url)
        assert response["Cache-Control"] == "no-store", url
        assert response["X-Content-Type-Options"] == "nosniff" and response["Referrer-Policy"] == "same-origin"


def test_passwords_are_hashed_with_argon2() -> None:
    from django.contrib.auth.hashers import make_password

    from basishulp.conf import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        assert make_password("een lang wachtwoord 2026").startswith("argon2$argon2id$")


def test_every_page_has_a_strict_content_security_policy(client, intake) -> None:
    client.force_login(intake)
    for url in ("/login/", "/hulpvragen/", "/"):
        csp = client.get(url)["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp


def test_five_failures_lock_the_account_without_telling_whether_it_exists(client, intake, settings) -> None:
    client.cookies["django_language"] = "nl"
    for _ in range(5):
        response = client.post("/login/", {"username": "in-s", "password": "fout"})
        assert response.status_code == 200
    # the right password no longer helps, and an unknown user gets the same answer
    locked = client.post("/login/", {"username": "in-s", "password": "een lang wachtwoord 2026"})
    assert "Te veel mislukte pogingen" in locked.content.decode() and "_auth_user_id" not in client.session
    for _ in range(5):
        client.post("/login/", {"username": "bestaat-niet", "password": "fout"})
    unknown = client.post("/login/", {"username": "bestaat-niet", "password": "x"})
    assert unknown.status_code == locked.status_code == 200 and "Te veel mislukte pogingen" in unknown.content.decode()


def test_the_lock_ends_after_the_window_and_a_login_clears_the_failures(client, intake) -> None:
    from basishulp.accounts.lockout import WINDOW
    from basishulp.accounts.models import LoginFailure

    for _ in range(5):
        client.post("/login/", {"username": "in-s", "password": "fout"})
    LoginFailure.objects.update(at=timezone.now() - WINDOW - dt.timedelta(seconds=1))
    assert client.post("/login/", {"username": "in-s", "password": "een lang wachtwoord 2026"}).status_code == 302
    assert not LoginFailure.objects.filter(username="in-s").exists()


def test_many_failures_from_one_address_lock_that_address(client, intake) -> None:
    from basishulp.accounts.lockout import IP_LIMIT

    for i in range(IP_LIMIT):
        client.post("/login/", {"username": f"spray-{i}", "password": "fout"})
    response = client.post("/login/", {"username": "in-s", "password": "een lang wachtwoord 2026"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
