"""Two-factor authentication with TOTP (issue #5; ASVS 6.3.3, 6.5.1, 6.5.5; BIO 5.17.01;
NEN 7513 ch. 8: two factors to read the access log).

Who is asked: with ``settings.REQUIRE_TWO_FACTOR`` on, every user whose role is in
``settings.TWO_FACTOR_ROLES`` (by default every staff role) and anyone with the staff
flag (it opens the admin); besides, anyone who has set up a device. Municipality and
referrer users are not asked unless they set up a device themselves.

- Enrolment: :func:`start_enrolment` makes a new secret (an unconfirmed one is
  replaced, a confirmed one is never replaced here); :func:`confirm` makes the device
  count after its first correct code. The secret is stored Fernet-encrypted
  (``settings.OTP_KEYS``).
- Sign-in: after the password, :class:`TwoFactorMiddleware` answers every request of a
  user who is asked and has not given a code in this session with a redirect to the
  code page (the set-up page without a device), keeping ``?next=``; under ``/api/``
  with 403. Only the two-factor pages, the login, logout and language pages and static
  files are left through. :func:`verify_code` accepts each code once (``last_step``,
  under ``select_for_update``); :func:`mark_verified` then gives the session a new key.
- Wrong codes count as failed logins (:mod:`basishulp.accounts.lockout`, kind
  ``code``): after 5 within 15 minutes the user is logged out and the login is locked
  like after 5 wrong passwords. A successful password login does not clear them.
- :func:`reset` (an admin action) removes the device: the user must set up again, and
  sessions verified with the old device are asked again.

Logged on ``basishulp.security``; never a code or a secret.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from cryptography.fernet import InvalidToken, MultiFernet

from django.conf import settings
from django.core import checks
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from basishulp.crypto import multi_fernet

from . import totp
from .access import effective_role
from .lockout import is_locked
from .models import LoginFailure, Role, TwoFactorDevice
from .selectors import is_active_user

__all__ = [
    "SESSION_KEY",
    "TwoFactorError",
    "TwoFactorMiddleware",
    "clear_code_failures",
    "confirm",
    "confirmed_device",
    "is_asked",
    "is_verified",
    "mark_verified",
    "record_wrong_code",
    "reset",
    "secret_of",
    "start_enrolment",
    "verify_code",
]

logger = logging.getLogger("basishulp.security")

#: In the session after a correct code: ``{"user": pk, "device": pk}``.
SESSION_KEY = "basishulp_two_factor"
#: Pages a user who still owes a code may open (URL names; plus the ``two_factor`` namespace).
OPEN_PAGES: frozenset[str] = frozenset({"login", "logout", "set_language"})


class TwoFactorError(Exception):
    """A stored secret that cannot be decrypted, or an enrolment that is not allowed."""


def _fernet() -> MultiFernet:
    keys = list(getattr(settings, "OTP_KEYS", []) or [])
    return multi_fernet(keys, "BASISHULP_OTP_KEYS", "a two-factor secret cannot be stored or read")


def secret_of(device: TwoFactorDevice) -> str:
    """The device's base32 secret (decrypted)."""
    try:
        return _fernet().decrypt(device.encrypted_secret.encode()).decode()
    except InvalidToken as exc:
        raise TwoFactorError("the stored two-factor secret cannot be decrypted with BASISHULP_OTP_KEYS") from exc


def confirmed_device(user: Any) -> TwoFactorDevice | None:
    if not is_active_user(user):
        return None
    return TwoFactorDevice.objects.filter(user=user, confirmed_at__isnull=False).first()


def start_enrolment(user: Any) -> TwoFactorDevice:
    """A new unconfirmed device with a fresh secret, replacing an unconfirmed one (which
    gets a new id, so a page showing the old secret can tell). A confirmed device is
    never replaced here: :func:`reset` first."""
    with transaction.atomic():
        old = TwoFactorDevice.objects.select_for_update().filter(user=user).first()
        if old is not None and old.confirmed_at is not None:
            raise TwoFactorError("this user already has a confirmed two-factor device")
        if old is not None:
            old.delete()
        device = TwoFactorDevice.objects.create(
            user=user, encrypted_secret=_fernet().encrypt(totp.new_secret().encode()).decode()
        )
    logger.info("two-factor enrolment started for user %r", user.get_username())
    return device


def _use(device: TwoFactorDevice, code: str, now: float | datetime | None, confirming: bool) -> bool:
    """Check ``code`` against ``device`` and use its time step up. The step is written
    only if it is still later than the last one used (a compare-and-set), so two requests
    with one code cannot both pass, even where ``select_for_update`` is a no-op (SQLite)."""
    step = totp.verify(secret_of(device), code, now if now is not None else timezone.now(), device.last_step)
    if step is None:
        return False
    unused = Q(last_step__isnull=True) | Q(last_step__lt=step)
    changes: dict[str, Any] = {"last_step": step}
    if confirming:
        changes["confirmed_at"] = timezone.now()
    if not TwoFactorDevice.objects.filter(unused, pk=device.pk, confirmed_at__isnull=confirming).update(**changes):
        return False
    for field, value in changes.items():
        setattr(device, field, value)
    return True


def confirm(user: Any, code: str, device_id: int | None = None, now: float | datetime | None = None) -> bool:
    """Confirm the user's unconfirmed device (``device_id``, when given, must be it) with
    its first correct code; the code is then used up."""
    with transaction.atomic():
        devices = TwoFactorDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=True)
        device = devices.filter(pk=device_id).first() if device_id is not None else devices.first()
        if device is None or not _use(device, code, now, confirming=True):
            return False
    logger.info("two-factor device confirmed for user %r", user.get_username())
    return True


def verify_code(user: Any, code: str, now: float | datetime | None = None) -> TwoFactorDevice | None:
    """The user's confirmed device when ``code`` is right and not used before, else ``None``."""
    with transaction.atomic():
        device = TwoFactorDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
        if device is None or not _use(device, code, now, confirming=False):
            return None
    return device


def reset(user: Any, by: Any = None) -> bool:
    """Remove the user's device: they must set up two-factor authentication again."""
    deleted, _ = TwoFactorDevice.objects.filter(user=user).delete()
    if deleted:
        who = by.get_username() if by is not None else "-"
        logger.warning("two-factor authentication reset for user %r by %r", user.get_username(), who)
    return bool(deleted)


def _ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")


def record_wrong_code(request: HttpRequest, user: Any) -> bool:
    """Count a wrong code as a failed login; ``True`` when the login is now locked."""
    username = user.get_username()
    LoginFailure.objects.create(username=username, ip=_ip(request), at=timezone.now(), kind=LoginFailure.Kind.CODE)
    logger.info("wrong two-factor code for user %r from %s", username, _ip(request))
    locked = is_locked(username, _ip(request))
    if locked:
        logger.warning("login locked for user %r from %s after repeated wrong two-factor codes", username, _ip(request))
    return locked


def clear_code_failures(user: Any) -> None:
    LoginFailure.objects.filter(username__iexact=user.get_username(), kind=LoginFailure.Kind.CODE).delete()


def mark_verified(request: HttpRequest, device: TwoFactorDevice) -> None:
    """The session has given a correct code for ``device``: a new session key, then the marker."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"user": request.user.pk, "device": device.pk}
    logger.info("two-factor code accepted for user %r", request.user.get_username())


def is_verified(request: HttpRequest) -> bool:
    """Has this session given a correct code for the user's current device?"""
    marker = request.session.get(SESSION_KEY)
    if not isinstance(marker, dict) or marker.get("user") != request.user.pk:
        return False
    return TwoFactorDevice.objects.filter(
        pk=marker.get("device"), user=request.user, confirmed_at__isnull=False
    ).exists()


def is_asked(user: Any) -> bool:
    """Must ``user`` give a code after the password?"""
    if not is_active_user(user):
        return False
    if settings.REQUIRE_TWO_FACTOR and (
        effective_role(user) in set(settings.TWO_FACTOR_ROLES) or user.is_staff or user.is_superuser
    ):
        return True
    return TwoFactorDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def _is_open(request: HttpRequest) -> bool:
    if request.path.startswith(settings.STATIC_URL):
        return True
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in OPEN_PAGES or "two_factor" in match.namespaces


@checks.register(checks.Tags.security)
def check_two_factor_roles(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """A misspelt role in ``BASISHULP_TWO_FACTOR_ROLES`` would leave that role unasked: refuse it."""
    unknown = sorted(set(settings.TWO_FACTOR_ROLES) - set(Role.values))
    if not unknown:
        return []
    return [
        checks.Error(
            f"BASISHULP_TWO_FACTOR_ROLES names unknown roles: {', '.join(unknown)}",
            hint=f"Use the role values: {', '.join(Role.values)}.",
            id="basishulp.E001",
        )
    ]


class TwoFactorMiddleware:
    """Nothing but the two-factor pages for a user who still owes a code (see the module)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if is_active_user(user) and not _is_open(request) and not is_verified(request) and is_asked(user):
            if request.path.startswith("/api/"):
                return HttpResponseForbidden()
            page = "two_factor:verify" if confirmed_device(user) else "two_factor:setup"
            return HttpResponseRedirect(f"{reverse(page)}?{urlencode({'next': request.get_full_path()})}")
        response: HttpResponse = self.get_response(request)
        return response
