"""Local development and the demo: SQLite in ``var/``, debug on, a throw-away secret."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_SECRET_KEY", "dev-only-insecure-secret-key-do-not-use-in-production")

from .base import *  # noqa: F403
