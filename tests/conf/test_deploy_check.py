"""`manage.py check --deploy` is clean with the production settings (no warning is
silenced), and production refuses to start without its secrets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _check(**env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "BASISHULP_", "DATABASE_URL"))}
    base |= {"DJANGO_SETTINGS_MODULE": "basishulp.conf.production", "DJANGO_ALLOWED_HOSTS": "basishulp.example.org"}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO, env=base | env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


SECRETS = {
    "DJANGO_SECRET_KEY": "k" * 20 + "production-like-secret-key-with-enough-characters-0123456789",
    "BASISHULP_BSN_KEYS": "O5vHfQy7AlyuLI9BXq0BidlGD803qTI1mhElLjGCLsQ=",
    "BASISHULP_BSN_HMAC_KEY": "another-secret",
    "BASISHULP_OTP_KEYS": "jieRfJTCZ--wbM19Ro7Da_F37TYm8VYukGBbGpxBXXQ=",
}


@pytest.mark.slow
def test_check_deploy_is_clean() -> None:
    result = _check(**SECRETS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "BASISHULP_BSN_KEYS", "BASISHULP_OTP_KEYS"])
def test_production_refuses_to_start_without_its_secrets(missing: str) -> None:
    result = _check(**{k: v for k, v in SECRETS.items() if k != missing})
    assert result.returncode != 0 and missing in result.stderr
