"""The BSN at rest: validated, encrypted, findable by a keyed digest, never shown whole.

A client is known by a pseudonym everywhere. When intake records a client's BSN it is
- validated: nine digits (eight with a leading zero left off) passing the 11-proef;
  ``000000000`` is refused;
- stored encrypted with Fernet (AES-128-CBC with HMAC-SHA256) under the first key of
  ``settings.BSN_KEYS``; every key in the list can decrypt, so keys can be rotated
  (:func:`rotate` re-encrypts under the first key);
- findable through a keyed digest (HMAC-SHA256 with ``settings.BSN_HMAC_KEY``), so
  a second request for the same child finds the existing client without decrypting
  anything and without a plain hash that a list of all BSNs could reverse;
- shown only masked (:func:`mask`), on the request page, never in lists or logs.
"""

from __future__ import annotations

import hashlib
import hmac

from cryptography.fernet import InvalidToken, MultiFernet

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from basishulp.crypto import multi_fernet

from .domain.csvfile import is_bsn

__all__ = ["BSNError", "decrypt", "digest", "encrypt", "mask", "normalise", "pseudonym_for", "rotate"]


class BSNError(ValueError):
    """A value that is not a valid BSN, or a stored BSN that cannot be decrypted."""


def normalise(value: str) -> str:
    """The BSN as nine digits, or :class:`BSNError` saying why it is not one.
    Spaces and dots (as people type them) are dropped."""
    digits = "".join(ch for ch in value if ch not in " .")
    if not digits:
        raise BSNError(_("the BSN is empty"))
    if not all(ch in "0123456789" for ch in digits):  # ASCII digits only: not ９, not ٣
        raise BSNError(_("a BSN has digits only"))
    if len(digits) not in (8, 9):
        raise BSNError(_("a BSN has 9 digits, this one has %(n)d") % {"n": len(digits)})
    digits = digits.zfill(9)
    if int(digits) == 0:
        raise BSNError(_("000000000 is not a BSN"))
    if not is_bsn(digits):
        raise BSNError(_("this number does not pass the 11-proef, so it is not a BSN"))
    return digits


def _fernet() -> MultiFernet:
    keys = list(getattr(settings, "BSN_KEYS", []) or [])
    return multi_fernet(keys, "BASISHULP_BSN_KEYS", "a BSN cannot be stored or read")


def encrypt(bsn: str) -> str:
    """The token stored for ``bsn`` (normalised first)."""
    return _fernet().encrypt(normalise(bsn).encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise BSNError("the stored BSN cannot be decrypted with the configured keys (BASISHULP_BSN_KEYS)") from exc


def rotate(token: str) -> str:
    """``token`` re-encrypted under the first key (for key rotation)."""
    try:
        return _fernet().rotate(token.encode()).decode()
    except InvalidToken as exc:
        raise BSNError("the stored BSN cannot be decrypted with the configured keys (BASISHULP_BSN_KEYS)") from exc


def digest(bsn: str) -> str:
    """Keyed digest of ``bsn`` (hex), to find a client by BSN."""
    key = getattr(settings, "BSN_HMAC_KEY", "") or ""
    if not key:
        raise ImproperlyConfigured("BASISHULP_BSN_HMAC_KEY is not set: a BSN cannot be stored or looked up")
    return hmac.new(key.encode(), normalise(bsn).encode(), hashlib.sha256).hexdigest()


def pseudonym_for(bsn: str) -> str:
    """A pseudonym for a new client known only by BSN: derived from the keyed digest,
    so it reveals nothing without the key."""
    return "C-" + digest(bsn)[:16].upper()


def mask(bsn: str) -> str:
    """The BSN as shown on a request page: the last three digits only."""
    return "******" + bsn[-3:]
