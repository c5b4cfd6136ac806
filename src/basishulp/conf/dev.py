"""Local development and the demo: SQLite in ``var/``, debug on, a throw-away secret."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_SECRET_KEY", "dev-only-insecure-secret-key-do-not-use-in-production")
# dev-only keys for the BSN at rest: public, so never for real data
os.environ.setdefault("BASISHULP_BSN_KEYS", "sZH6z9cMB8rNvo4Q87qEl0R3SgLXuyKLI_RyDflJnzU=")
os.environ.setdefault("BASISHULP_BSN_HMAC_KEY", "dev-only-R4-YdV77sr2ah5FThI6WEbUQGfKQNKGSXzst1j0NdCs")
# dev-only key for the TOTP secrets at rest: public, so never for real secrets
os.environ.setdefault("BASISHULP_OTP_KEYS", "3m704MlDeOd6W65A8j1iSNff4lDMr-ve8NXtPREKKks=")
# the demo logs in with a password only; BASISHULP_REQUIRE_TWO_FACTOR=true turns two factors on
os.environ.setdefault("BASISHULP_REQUIRE_TWO_FACTOR", "false")
# the iJw schemas next to the project (../shared/standards/ijw-3.2), when they are there
_IJW = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "shared", "standards", "ijw-3.2")
if os.path.isfile(os.path.join(_IJW, "JW305.xsd")):
    os.environ.setdefault("BASISHULP_IJW_XSD_DIR", os.path.normpath(_IJW))

from .base import *  # noqa: E402, F403
