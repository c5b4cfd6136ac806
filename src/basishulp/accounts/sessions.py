"""The absolute session limit (the idle limit is ``SESSION_COOKIE_AGE`` with
``SESSION_SAVE_EVERY_REQUEST``): a session ends ``SESSION_ABSOLUTE_HOURS`` after login,
however active it was. Django gives the session a new key at login, so a session id
known before login is worthless after it."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

__all__ = ["SessionLimitMiddleware"]

_KEY = "basishulp_login_at"


@receiver(user_logged_in)
def _stamp_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[_KEY] = int(time.time())


class SessionLimitMiddleware:
    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(_KEY)
            if started is None:
                request.session[_KEY] = int(time.time())  # a session from before this rule: counted from now
            elif time.time() - started > settings.SESSION_ABSOLUTE_HOURS * 3600:
                logout(request)
                return redirect_to_login(request.get_full_path())
        response: HttpResponse = self.get_response(request)
        return response
