"""Tests and CI: like dev, debug off; the database comes from ``DATABASE_URL`` if set."""

import os

os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_SECRET_KEY", "ci-only-insecure-secret-key")
# ci-only keys for the BSN at rest: public, so never for real data
os.environ.setdefault("BASISHULP_BSN_KEYS", "O5vHfQy7AlyuLI9BXq0BidlGD803qTI1mhElLjGCLsQ=")
os.environ.setdefault("BASISHULP_BSN_HMAC_KEY", "ci-only-Mpo4jgGsg4jlb4VafpeESggai_wKVSvL-2nZHx3eAJg")
# ci-only key for the TOTP secrets at rest: public, so never for real secrets
os.environ.setdefault("BASISHULP_OTP_KEYS", "jieRfJTCZ--wbM19Ro7Da_F37TYm8VYukGBbGpxBXXQ=")
# the iJw schemas next to the project (../shared/standards/ijw-3.2), when they are there
_IJW = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "shared", "standards", "ijw-3.2")
if os.path.isfile(os.path.join(_IJW, "JW305.xsd")):
    os.environ.setdefault("BASISHULP_IJW_XSD_DIR", os.path.normpath(_IJW))

from .base import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast tests only
# Two-factor off, whatever the environment says: the tests log in with a password; the
# tests of two-factor authentication turn it on (override_settings(REQUIRE_TWO_FACTOR=True)).
REQUIRE_TWO_FACTOR = False
