"""Tests and CI: like dev, debug off; the database comes from ``DATABASE_URL`` if set."""

import os

os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_SECRET_KEY", "ci-only-insecure-secret-key")
# ci-only keys for the BSN at rest: public, so never for real data
os.environ.setdefault("BASISHULP_BSN_KEYS", "O5vHfQy7AlyuLI9BXq0BidlGD803qTI1mhElLjGCLsQ=")
os.environ.setdefault("BASISHULP_BSN_HMAC_KEY", "ci-only-Mpo4jgGsg4jlb4VafpeESggai_wKVSvL-2nZHx3eAJg")

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast tests only
