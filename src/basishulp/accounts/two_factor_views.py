"""The two-factor pages: set up an authenticator app, and give a code after the password
(:mod:`basishulp.accounts.two_factor`). Every signed-in user with a role may open them
(``AUTHENTICATED`` in the access table); they are never cached."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

import segno

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import totp
from .lockout import is_locked
from .models import TwoFactorDevice
from .two_factor import (
    TwoFactorError,
    clear_code_failures,
    confirm,
    confirmed_device,
    is_verified,
    mark_verified,
    record_wrong_code,
    secret_of,
    start_enrolment,
    verify_code,
)

__all__ = ["setup", "verify"]

#: The unconfirmed device this session shows (a page with an older secret is refused).
ENROLMENT_KEY = "basishulp_two_factor_enrolment"


class CodeForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Code from the app"), max_length=12)


def _no_store(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"  # a secret or a sign-in step never stays in a cache
        return response

    return wrapped


def _next(request: HttpRequest) -> str:
    """Where to go after the code: ``next`` when it is a path on this site, else the start page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _to(page: str, request: HttpRequest) -> HttpResponseRedirect:
    return HttpResponseRedirect(f"{reverse(page)}?{urlencode({'next': _next(request)})}")


def _locked_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.error(request, _("Too many wrong codes. You have been logged out; try again in 15 minutes."))
    return redirect("login")


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@_no_store
def setup(request: HttpRequest) -> HttpResponse:
    """Show a new secret as a QR code and in groups of four; the first correct code confirms it."""
    user = request.user
    if confirmed_device(user) is not None:
        if is_verified(request):
            messages.info(request, _("Two-factor authentication is already set up for your account."))
            return redirect(_next(request))
        return _to("two_factor:verify", request)
    device = TwoFactorDevice.objects.filter(user=user, pk=request.session.get(ENROLMENT_KEY)).first()
    form = CodeForm(request.POST or None)
    error = ""
    if request.method == "POST":
        if device is None:  # set up again in another window or session: this page's secret is gone
            messages.error(request, _("This set-up was replaced. Scan the new QR code."))
            return _to("two_factor:setup", request)
        if form.is_valid() and confirm(user, form.cleaned_data["code"], device_id=device.pk):
            request.session.pop(ENROLMENT_KEY, None)
            mark_verified(request, device)
            messages.success(request, _("Two-factor authentication is set up."))
            return redirect(_next(request))
        error = _("This code is not right. Check that the app shows the account you just added, and try the next code.")
    if device is None:
        try:
            device = start_enrolment(user)
        except TwoFactorError:  # confirmed in another session meanwhile
            return _to("two_factor:verify", request)
        request.session[ENROLMENT_KEY] = device.pk
    secret = secret_of(device)
    uri = totp.provisioning_uri(secret, user.get_username())
    qr = segno.make(uri, error="m").svg_inline(
        scale=4, light="#fff", svgid="qr-code", svgclass="qr-code", title=_("QR code for your authenticator app")
    )  # no style attribute: the Content-Security-Policy has no 'unsafe-inline'
    qr = mark_safe(qr)  # noqa: S308 - segno's SVG of our own URI; segno escapes the title
    context = {"form": form, "error": error, "next": _next(request), "secret": _grouped(secret), "qr": qr}
    return render(request, "two_factor/setup.html", context)


@_no_store
def verify(request: HttpRequest) -> HttpResponse:
    """The code after the password. Wrong codes count towards the login lockout."""
    user = request.user
    if confirmed_device(user) is None:
        return _to("two_factor:setup", request)
    if is_verified(request):
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    error = ""
    if request.method == "POST":
        if is_locked(user.get_username(), request.META.get("REMOTE_ADDR")):
            return _locked_out(request)
        device = verify_code(user, form.cleaned_data["code"]) if form.is_valid() else None
        if device is not None:
            clear_code_failures(user)
            mark_verified(request, device)
            return redirect(_next(request))
        if record_wrong_code(request, user):
            return _locked_out(request)
        error = _("This code is not right, or it has been used already. Wait for the next code and try again.")
    return render(request, "two_factor/verify.html", {"form": form, "error": error, "next": _next(request)})
