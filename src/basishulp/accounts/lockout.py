"""Login throttling and lockout (ASVS 6.3.1, BIO 5.17.01).

After :data:`USER_LIMIT` failed logins for one user name within :data:`WINDOW`, or
:data:`IP_LIMIT` from one address, further attempts are refused without checking the
password until the window has passed. The answer is the same whether or not the
user exists (no user enumeration). A successful login clears the user's failed
passwords, not their wrong second-factor codes (:mod:`basishulp.accounts.two_factor`
records those here too, so 5 wrong codes lock the login as well; only a correct code
clears them). Lockouts are logged (logger ``basishulp.security``).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.contrib.auth.views import LoginView
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import LoginFailure

__all__ = ["IP_LIMIT", "USER_LIMIT", "WINDOW", "LockingLoginView", "is_locked"]

USER_LIMIT = 5
IP_LIMIT = 20
WINDOW = timedelta(minutes=15)
logger = logging.getLogger("basishulp.security")


def _ip(request: HttpRequest | None) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def is_locked(username: str, ip: str | None) -> bool:
    since = timezone.now() - WINDOW
    recent = LoginFailure.objects.filter(at__gte=since)
    if recent.filter(username__iexact=username).count() >= USER_LIMIT:
        return True
    return bool(ip) and recent.filter(ip=ip).count() >= IP_LIMIT


@receiver(user_login_failed)
def _record_failure(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kw: Any) -> None:
    username = str(credentials.get("username", ""))[:150]
    LoginFailure.objects.create(username=username, ip=_ip(request), at=timezone.now())
    if is_locked(username, _ip(request)):
        logger.warning("login locked for user %r from %s after repeated failures", username, _ip(request))


@receiver(user_logged_in)
def _clear_failures(sender: Any, request: HttpRequest | None, user: Any, **kw: Any) -> None:
    # wrong two-factor codes stay: else a password alone would reset the count of code guesses
    LoginFailure.objects.filter(username__iexact=user.get_username(), kind=LoginFailure.Kind.PASSWORD).delete()


class LockingAuthenticationForm(AuthenticationForm):
    def clean(self) -> dict[str, Any]:
        username = self.data.get("username", "")
        if username and is_locked(username, _ip(self.request)):
            raise forms.ValidationError(_("Too many failed attempts. Try again in 15 minutes."), code="locked")
        return super().clean()


class LockingLoginView(LoginView):
    authentication_form = LockingAuthenticationForm
