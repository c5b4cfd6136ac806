"""Local development and the demo: SQLite in ``var/``, debug on, a throw-away secret."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_SECRET_KEY", "dev-only-insecure-secret-key-do-not-use-in-production")
# dev-only keys for the BSN at rest: public, so never for real data
os.environ.setdefault("BASISHULP_BSN_KEYS", "sZH6z9cMB8rNvo4Q87qEl0R3SgLXuyKLI_RyDflJnzU=")
os.environ.setdefault("BASISHULP_BSN_HMAC_KEY", "dev-only-R4-YdV77sr2ah5FThI6WEbUQGfKQNKGSXzst1j0NdCs")

from .base import *  # noqa: F403
