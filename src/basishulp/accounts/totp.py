"""Time-based one-time passwords: RFC 6238 (TOTP) on RFC 4226 (HOTP), HMAC-SHA1.

Pure functions, no Django: the secret is base32 (as authenticator apps take it), a time
step is 30 seconds, a code has 6 digits unless ``digits`` says otherwise. :func:`verify`
accepts the current step and ``window`` steps either side (clock drift), refuses every
step at or before ``last_step`` (a code is used once, ASVS 6.5.1), takes ASCII digits only
and compares in constant time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
from datetime import datetime
from urllib.parse import quote, urlencode

__all__ = ["DIGITS", "STEP_SECONDS", "code_at", "hotp", "new_secret", "provisioning_uri", "step_at", "verify"]

STEP_SECONDS = 30
DIGITS = 6
SECRET_BYTES = 20  # 160 bits, the length RFC 4226 recommends for HMAC-SHA1


def new_secret() -> str:
    """A fresh random secret: 160 bits from :mod:`secrets`, base32 without padding (32 characters)."""
    return base64.b32encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii").rstrip("=")


def _key(secret: str) -> bytes:
    """The key bytes of a base32 secret; spaces and case do not matter, padding is optional."""
    cleaned = "".join(secret.split()).upper().rstrip("=")
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def hotp(key: bytes, counter: int, digits: int = DIGITS) -> str:
    """RFC 4226: the HOTP value of ``counter`` under ``key``, ``digits`` digits with leading zeros."""
    if not 1 <= digits <= 10:
        raise ValueError("digits must be between 1 and 10")
    if counter < 0:
        raise ValueError("the counter cannot be negative")
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    binary = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(binary % 10**digits).zfill(digits)


def step_at(now: float | datetime) -> int:
    """The time step (RFC 6238 ``T``) of ``now``: a Unix time in seconds or an aware datetime."""
    seconds = now.timestamp() if isinstance(now, datetime) else now
    return int(seconds // STEP_SECONDS)


def code_at(secret: str, step: int, digits: int = DIGITS) -> str:
    """The code for time step ``step`` under the base32 ``secret``."""
    return hotp(_key(secret), step, digits)


def verify(
    secret: str, code: str, now: float | datetime, last_step: int | None, window: int = 1, digits: int = DIGITS
) -> int | None:
    """The time step ``code`` belongs to, or ``None`` when it matches none.

    Steps ``step_at(now) - window`` to ``step_at(now) + window`` are tried; a step at or
    before ``last_step`` (the last one used) is never accepted, so each code works once.
    Spaces are dropped; anything but exactly ``digits`` ASCII digits is refused.
    """
    typed = "".join(code.split())
    if len(typed) != digits or not (typed.isascii() and typed.isdigit()):
        return None
    key = _key(secret)
    current = step_at(now)
    matched: int | None = None
    for step in range(current - window, current + window + 1):
        if step < 0 or (last_step is not None and step <= last_step):
            continue
        # compare every candidate (no early exit), each in constant time
        if hmac.compare_digest(hotp(key, step, digits).encode(), typed.encode()) and matched is None:
            matched = step
    return matched


def provisioning_uri(secret: str, account: str, issuer: str = "Basishulp Jeugd") -> str:
    """The ``otpauth://`` URI an authenticator app reads from the QR code (Key Uri Format)."""
    label = f"{quote(issuer, safe='')}:{quote(account, safe='')}"
    query = urlencode(
        {"secret": secret, "issuer": issuer, "algorithm": "SHA1", "digits": DIGITS, "period": STEP_SECONDS},
        quote_via=quote,
    )
    return f"otpauth://totp/{label}?{query}"
