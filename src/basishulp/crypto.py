"""Fernet keys from the settings, shared by the data encrypted at rest (BSNs, TOTP secrets)."""

from __future__ import annotations

from collections.abc import Sequence

from cryptography.fernet import Fernet, MultiFernet

from django.core.exceptions import ImproperlyConfigured

__all__ = ["multi_fernet"]


def multi_fernet(keys: Sequence[str], variable: str, what: str) -> MultiFernet:
    """A :class:`MultiFernet` over ``keys`` (the first encrypts, all decrypt).

    ``variable`` names the environment variable the keys come from and ``what`` says
    what cannot be done without them, for the error message."""
    if not keys:
        raise ImproperlyConfigured(f"{variable} is not set: {what}")
    try:
        return MultiFernet([Fernet(k) for k in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"{variable} holds a key that is not a Fernet key (32 url-safe base64-encoded bytes)"
        ) from exc
