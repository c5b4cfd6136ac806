"""Two-factor authentication (basishulp.accounts.two_factor): enrolment, single-use codes,
the lockout after wrong codes, the reset, and the ASVS check that a password alone opens
no page for the staff roles.

Two-factor authentication is off in the CI settings; these tests turn it on with
``override_settings(REQUIRE_TWO_FACTOR=True)``. Users log in with their password through
the real login view (not ``force_login``).
"""

from __future__ import annotations

import logging
import time
from urllib.parse import parse_qs, urlparse

import pytest

from django.conf import settings
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from basishulp.accounts import totp
from basishulp.accounts.access import ACCESS, HOME, PUBLIC, ROLE_HOME, Access
from basishulp.accounts.lockout import USER_LIMIT
from basishulp.accounts.models import LoginFailure, Role, TwoFactorDevice
from basishulp.accounts.two_factor import (
    SESSION_KEY,
    TwoFactorError,
    confirm,
    reset,
    secret_of,
    start_enrolment,
    verify_code,
)
from tests.accounts.test_access_matrix import _urls, world  # noqa: F401
from tests.factories import PASSWORD, ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

TWO_FACTOR_ON = override_settings(REQUIRE_TWO_FACTOR=True)
STAFF_ROLES = {
    Role.INTAKE,
    Role.CARE_PROFESSIONAL,
    Role.AREA_MANAGER,
    Role.CONTROLLER,
    Role.ADMINISTRATOR,
    Role.PRIVACY_OFFICER,
}
SETUP, VERIFY = "/tweestapsverificatie/instellen/", "/tweestapsverificatie/"


def _now_step() -> int:
    return totp.step_at(time.time())


def _enrolled(user) -> str:
    """A confirmed device for ``user``; its secret."""
    device = start_enrolment(user)
    device.confirmed_at = timezone.now()
    device.save()
    return secret_of(device)


def _wrong(secret: str) -> str:
    """A code that is not accepted now."""
    accepted = {totp.code_at(secret, _now_step() + offset) for offset in (-1, 0, 1, 2)}
    return next(code for code in ("000000", "111111", "222222", "333333", "444444") if code not in accepted)


def _login(client, user) -> None:
    response = client.post("/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" in client.session, user.username


def _sent_to(response, page: str) -> str | None:
    """The ``next`` of a redirect to ``page``, or ``None`` when it is no such redirect."""
    if response.status_code != 302:
        return None
    location = urlparse(response["Location"])
    if location.path != page:
        return None
    return parse_qs(location.query).get("next", [""])[0]


@pytest.fixture
def controller():
    return ProfileFactory(role=Role.CONTROLLER, user__username="ctl-2fa").user


# --- settings ---------------------------------------------------------------------------


def test_the_defaults_ask_every_staff_role_and_the_test_settings_turn_it_off() -> None:
    from basishulp.conf import base

    assert base.REQUIRE_TWO_FACTOR is True
    assert set(base.TWO_FACTOR_ROLES) == STAFF_ROLES == set(Role.values) - {Role.MUNICIPALITY, Role.REFERRER}
    assert settings.REQUIRE_TWO_FACTOR is False  # conf/ci.py


# --- services ---------------------------------------------------------------------------


def test_enrolment_and_confirmation(controller) -> None:
    device = start_enrolment(controller)
    secret = secret_of(device)
    assert device.confirmed_at is None and device.last_step is None
    assert secret not in device.encrypted_secret and len(secret) == 32
    assert not confirm(controller, _wrong(secret))
    assert not verify_code(controller, totp.code_at(secret, _now_step()))  # not confirmed yet
    assert confirm(controller, totp.code_at(secret, _now_step()))
    device.refresh_from_db()
    assert device.confirmed_at is not None and device.last_step == _now_step()
    with pytest.raises(TwoFactorError):
        start_enrolment(controller)  # a confirmed device is not replaced without a reset


def test_a_new_enrolment_replaces_an_unconfirmed_one(controller) -> None:
    first = start_enrolment(controller)
    second = start_enrolment(controller)
    assert TwoFactorDevice.objects.filter(user=controller).count() == 1
    assert second.pk != first.pk and secret_of(second) != secret_of(first)
    assert not confirm(controller, totp.code_at(secret_of(first), _now_step()), device_id=first.pk)
    assert not confirm(controller, totp.code_at(secret_of(first), _now_step()))


def test_the_secret_is_encrypted_with_the_otp_keys(controller, settings) -> None:
    from cryptography.fernet import Fernet

    device = start_enrolment(controller)
    secret = secret_of(device)
    assert Fernet(settings.OTP_KEYS[0]).decrypt(device.encrypted_secret.encode()).decode() == secret
    settings.OTP_KEYS = [Fernet.generate_key().decode(), *settings.OTP_KEYS]  # rotation: old secrets still open
    assert secret_of(device) == secret
    settings.OTP_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(TwoFactorError):
        secret_of(device)


def test_a_code_is_accepted_once(controller) -> None:
    secret = _enrolled(controller)
    code = totp.code_at(secret, _now_step())
    assert verify_code(controller, code) is not None
    assert verify_code(controller, code) is None  # replay
    assert verify_code(controller, totp.code_at(secret, _now_step() - 1)) is None  # older than the last one
    assert verify_code(controller, totp.code_at(secret, _now_step() + 1)) is not None  # the next one works


def test_reset_removes_the_device(controller) -> None:
    _enrolled(controller)
    assert reset(controller) and not TwoFactorDevice.objects.filter(user=controller).exists()
    assert not reset(controller)
    start_enrolment(controller)  # enrol again


# --- sign-in ----------------------------------------------------------------------------


def _named_urls(patterns=None, namespace: str = "") -> dict[str, str]:
    """Every named URL pattern (the admin's too) with example arguments, as a URL."""
    urls: dict[str, str] = {}
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            urls |= _named_urls(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
        elif isinstance(p, URLPattern) and p.name:
            name = namespace + p.name
            groups = getattr(p.pattern, "converters", None) or dict.fromkeys(p.pattern.regex.groupindex)
            kwargs = {k: "accounts" if k == "app_label" else "1" for k in groups}
            urls.setdefault(name, reverse(name, kwargs=kwargs))
    return urls


@TWO_FACTOR_ON
def test_a_password_alone_opens_no_page(client, world) -> None:  # noqa: F811
    """ASVS 6.3.3 / NEN 7513 ch. 8: every named URL (the admin and the API included),
    requested after a password login without a second factor, serves nothing: a redirect
    to the two-factor page, keeping the URL as ``next``, or 403 under /api/. After a
    correct code the pages open as the access table says."""
    urls = _named_urls()
    two_factor_pages = {n for n in urls if n.startswith("two_factor:")}
    assert {"admin:index", "api:figures", "dashboard:index", "audit:index"} <= set(urls)
    assert two_factor_pages == {"two_factor:setup", "two_factor:verify"}
    checked = {name: url for name, url in urls.items() if name not in PUBLIC | two_factor_pages}
    checked |= {"(api root)": "/api/", "(no such page)": "/bestaat-niet/"}
    assert len(checked) > 60  # the admin's pages are in
    for role in STAFF_ROLES:
        user = world["users"][role]
        secret = _enrolled(user) if role != Role.INTAKE else None  # intake has no device yet
        page = VERIFY if secret else SETUP
        client.logout()
        _login(client, user)
        served = []
        for name, url in checked.items():
            response = client.get(url)
            if url.startswith("/api/"):
                ok = response.status_code == 403 and not response["Content-Type"].startswith("application/json")
            else:
                ok = _sent_to(response, page) == url
            if not ok:
                served.append((role, name, url, response.status_code))
        response = client.post(reverse("toeleiding:new"), {"client_pseudonym": "X"})  # a write, too
        if _sent_to(response, page) != reverse("toeleiding:new"):
            served.append((role, "toeleiding:new (POST)", response.status_code))
        assert served == []
        if secret is None:
            continue
        # the second factor: the session gets a new key, then every page answers as the table says
        before = client.cookies["sessionid"].value
        response = client.post(VERIFY, {"code": totp.code_at(secret, _now_step()), "next": "/toegangslog/"})
        assert response.status_code == 302 and response["Location"] == "/toegangslog/"
        assert client.cookies["sessionid"].value != before and SESSION_KEY in client.session
        mismatches = []
        for name, rules in ACCESS.items():
            expected = rules.get(role, Access.DENY)
            want = 403 if expected == Access.DENY else 200
            if expected == Access.DENY and name == HOME and role in ROLE_HOME:
                want = 302
            if name.startswith("api:") and expected == Access.DENY:
                want = 403
            status = client.get(_urls(name, world)[0]).status_code
            if status != want:
                mismatches.append((role, name, expected.value, status))
        assert mismatches == []


@TWO_FACTOR_ON
def test_municipality_and_referrer_users_are_not_asked(client, world) -> None:  # noqa: F811
    for role, url in ((Role.MUNICIPALITY, "/?scope=GM0917&period=2023-H1"), (Role.REFERRER, "/verwijzer/")):
        client.logout()
        _login(client, world["users"][role])
        assert client.get(url).status_code == 200, role


@TWO_FACTOR_ON
def test_a_user_who_set_up_a_device_is_asked_whatever_the_role(client) -> None:
    user = ProfileFactory(gemeente=True).user
    _enrolled(user)
    _login(client, user)
    assert _sent_to(client.get("/"), VERIFY) == "/"


def test_without_the_setting_staff_are_not_asked(client, controller) -> None:
    _login(client, controller)
    assert client.get("/").status_code == 200


@TWO_FACTOR_ON
def test_superusers_and_staff_without_a_role_are_asked(client) -> None:
    for user in (UserFactory(is_staff=True, is_superuser=True), UserFactory(is_staff=True)):
        client.logout()
        _login(client, user)
        assert _sent_to(client.get("/admin/"), SETUP) == "/admin/"


@TWO_FACTOR_ON
def test_setting_up_from_the_login(client, controller) -> None:
    client.cookies["django_language"] = "en"  # the page language comes from the request
    _login(client, controller)
    response = client.get("/financien/", follow=True)
    assert response.redirect_chain == [(SETUP + "?next=%2Ffinancien%2F", 302)]
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert '<svg width="' in html and 'id="qr-code"' in html and "style=" not in html.split("<svg", 1)[1]
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html
    device = TwoFactorDevice.objects.get(user=controller)
    secret = secret_of(device)
    shown = html.split('id="secret">', 1)[1].split("<", 1)[0]
    assert shown.split() == [secret[i : i + 4] for i in range(0, 32, 4)]
    assert client.get(SETUP).content.decode().count(shown) == 1  # a reload shows the same secret
    # a wrong code keeps the same secret; the right one confirms and opens the page
    response = client.post(SETUP, {"code": "12345a", "next": "/financien/"})
    assert response.status_code == 200 and "This code is not right" in response.content.decode()
    before = client.cookies["sessionid"].value
    response = client.post(SETUP, {"code": totp.code_at(secret, _now_step()), "next": "/financien/"})
    assert response.status_code == 302 and response["Location"] == "/financien/"
    assert client.cookies["sessionid"].value != before
    assert client.get("/financien/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed_at is not None
    # set up once: the set-up page no longer shows a secret
    response = client.get(SETUP)
    assert response.status_code == 302 and secret not in response.content.decode()
    # the next login asks for a code, not a new set-up
    client.logout()
    _login(client, controller)
    assert _sent_to(client.get("/financien/"), VERIFY) == "/financien/"
    assert _sent_to(client.get(SETUP), VERIFY) is not None


@TWO_FACTOR_ON
def test_the_code_page(client, controller) -> None:
    secret = _enrolled(controller)
    _login(client, controller)
    client.cookies["django_language"] = "en"
    response = client.get(VERIFY + "?next=/financien/")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html
    assert '<label for="id_code">' in html and secret not in html
    # next must stay on this site
    response = client.post(VERIFY, {"code": totp.code_at(secret, _now_step()), "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"


@TWO_FACTOR_ON
def test_a_used_code_is_refused_in_another_session(client, controller) -> None:
    from django.test import Client

    secret = _enrolled(controller)
    code = totp.code_at(secret, _now_step())
    _login(client, controller)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    other = Client()
    _login(other, controller)
    response = other.post(VERIFY, {"code": code})
    assert response.status_code == 200 and SESSION_KEY not in other.session
    assert _sent_to(other.get("/"), VERIFY) == "/"


@TWO_FACTOR_ON
def test_five_wrong_codes_log_out_and_lock_the_login(client, controller, caplog) -> None:
    secret = _enrolled(controller)
    right = totp.code_at(secret, _now_step())
    wrong = _wrong(secret)
    _login(client, controller)
    caplog.set_level(logging.INFO, logger="basishulp.security")
    for attempt in range(USER_LIMIT - 1):
        response = client.post(VERIFY, {"code": wrong})
        assert response.status_code == 200 and "_auth_user_id" in client.session, attempt
    client.cookies["django_language"] = "en"
    response = client.post(VERIFY, {"code": wrong})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session
    assert "Too many wrong codes" in client.get(response["Location"]).content.decode()
    # the login is locked like after five wrong passwords, with the right password too
    response = client.post("/login/", {"username": controller.username, "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "Too many failed attempts" in response.content.decode()
    assert LoginFailure.objects.filter(username=controller.username, kind=LoginFailure.Kind.CODE).count() == 5
    messages = [r.getMessage() for r in caplog.records if r.name == "basishulp.security"]
    assert any("locked" in m and "two-factor" in m for m in messages)
    assert not any(right in m or wrong in m or secret in m for m in messages)  # never a code or the secret
    # the lock ends after the window; the right code then clears the failures
    from basishulp.accounts.lockout import WINDOW

    LoginFailure.objects.update(at=timezone.now() - WINDOW)
    _login(client, controller)
    assert client.post(VERIFY, {"code": right}).status_code == 302
    assert not LoginFailure.objects.filter(username=controller.username).exists()


@TWO_FACTOR_ON
def test_a_password_login_does_not_reset_the_count_of_wrong_codes(client, controller) -> None:
    secret = _enrolled(controller)
    wrong = _wrong(secret)
    _login(client, controller)
    for _ in range(USER_LIMIT - 1):
        client.post(VERIFY, {"code": wrong})
    client.logout()
    _login(client, controller)  # the password is right: it clears failed passwords only
    response = client.post(VERIFY, {"code": wrong})  # the fifth wrong code
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session
    client.post("/login/", {"username": controller.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


@TWO_FACTOR_ON
def test_a_reset_asks_verified_sessions_again(client, controller) -> None:
    secret = _enrolled(controller)
    _login(client, controller)
    client.post(VERIFY, {"code": totp.code_at(secret, _now_step())})
    assert client.get("/").status_code == 200
    reset(controller)
    assert _sent_to(client.get("/"), SETUP) == "/"


@TWO_FACTOR_ON
def test_the_admin_action_resets(client, controller, caplog) -> None:
    from basishulp.accounts.models import Profile

    admin_user = UserFactory(is_staff=True, is_superuser=True)
    admin_secret = _enrolled(admin_user)
    _enrolled(controller)
    _login(client, admin_user)
    client.post(VERIFY, {"code": totp.code_at(admin_secret, _now_step())})
    caplog.set_level(logging.INFO, logger="basishulp.security")
    profile = Profile.objects.get(user=controller)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("admin:accounts_profile_changelist"),
        {"action": "reset_two_factor", "_selected_action": [profile.pk]},
        follow=True,
    )
    assert response.status_code == 200 and "Two-factor authentication was reset for 1 user" in response.content.decode()
    assert not TwoFactorDevice.objects.filter(user=controller).exists()
    assert any("reset" in r.getMessage() and controller.username in r.getMessage() for r in caplog.records)
    # the device list: read only, the reset is its only action, the secret never shown
    device = TwoFactorDevice.objects.get(user=admin_user)
    response = client.get(reverse("admin:accounts_twofactordevice_changelist"))
    assert response.status_code == 200 and "reset_two_factor" in response.content.decode()
    assert "delete_selected" not in response.content.decode()
    page = client.get(reverse("admin:accounts_twofactordevice_change", args=[device.pk])).content.decode()
    assert admin_secret not in page and device.encrypted_secret not in page


@TWO_FACTOR_ON
def test_the_api_gets_a_plain_403(client, controller) -> None:
    _enrolled(controller)
    _login(client, controller)
    for url in ("/api/v1/figures/", "/api/v1/requests/", "/api/"):
        response = client.get(url)
        assert response.status_code == 403 and response.content == b"", url


@TWO_FACTOR_ON
def test_a_session_from_before_the_lock_cannot_give_the_right_code(client, controller) -> None:
    from django.test import Client

    secret = _enrolled(controller)
    wrong = _wrong(secret)
    earlier = Client()
    _login(earlier, controller)  # logged in before the guessing starts
    _login(client, controller)
    for _ in range(USER_LIMIT):
        client.post(VERIFY, {"code": wrong})
    response = earlier.post(VERIFY, {"code": totp.code_at(secret, _now_step())})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert "_auth_user_id" not in earlier.session
    assert TwoFactorDevice.objects.get(user=controller).last_step is None  # the code was not even checked


def test_an_unknown_role_in_the_setting_is_refused(settings) -> None:
    from basishulp.accounts.two_factor import check_two_factor_roles

    assert check_two_factor_roles() == []
    settings.TWO_FACTOR_ROLES = [*settings.TWO_FACTOR_ROLES, "controler"]
    errors = check_two_factor_roles()
    assert [e.id for e in errors] == ["basishulp.E001"] and "controler" in errors[0].msg


def test_a_code_checked_twice_at_once_passes_once(controller) -> None:
    """Two requests with one code, both reading the device before either writes (what
    can happen where select_for_update does nothing, as on SQLite): one passes."""
    from basishulp.accounts import two_factor

    secret = _enrolled(controller)
    code = totp.code_at(secret, _now_step())
    stale = TwoFactorDevice.objects.get(user=controller)  # read by the second request, before the first writes
    used = verify_code(controller, code)
    assert used is not None and used.last_step is not None
    assert stale.last_step is None and not two_factor._use(stale, code, None, confirming=False)
    assert TwoFactorDevice.objects.get(user=controller).last_step == used.last_step
