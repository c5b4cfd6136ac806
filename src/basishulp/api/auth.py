"""Token authentication with hashed tokens (``Authorization: Token <token>``).

DRF's own ``authtoken`` keeps the token itself in the database; here only its SHA-256
digest is stored, so a copy of the database opens nothing. A revoked token, or one of
an inactive user, is refused with 401. The last use is recorded (at most once a minute).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from .models import ApiToken

PREFIX_LENGTH = 8


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    """32 random bytes, URL-safe; never starting with "-" or "_", so its prefix can be
    given on the command line (``basishulp api-token revoke PREFIX``) without being read
    as an option."""
    while True:
        token = secrets.token_urlsafe(32)
        if token[0].isalnum():
            return token


def create_token(user: Any, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; the plain token is returned once and never stored."""
    if not name.strip():
        raise ValueError(_("Give the token a name that says what it is for."))
    token = new_token()
    record = ApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=token[:PREFIX_LENGTH], digest=digest(token)
    )
    return record, token


def revoke(record: ApiToken) -> None:
    if record.revoked_at is None:
        record.revoked_at = timezone.now()
        record.save(update_fields=["revoked_at"])


class HashedTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request: Any) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header: give exactly one token after 'Token'."))
        try:
            token = header[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        record = ApiToken.objects.select_related("user").filter(digest=digest(token), revoked_at=None).first()
        if record is None or not record.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        now = timezone.now()
        if record.last_used_at is None or now - record.last_used_at > timedelta(minutes=1):
            ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
        return record.user, record

    def authenticate_header(self, request: Any) -> str:
        return self.keyword
