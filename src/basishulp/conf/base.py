"""Settings shared by every environment. Every setting is read from the environment.

| variable | default | meaning |
|---|---|---|
| ``BASISHULP_DATA_DIR`` | ``<repo>/var`` | where the SQLite database and uploads live |
| ``DATABASE_URL`` | SQLite file in the data dir | e.g. ``postgres://user:pw@127.0.0.1:5432/basishulp`` |
| ``DJANGO_SECRET_KEY`` | none (dev/ci set one) | secret key; production refuses to start without it |
| ``DJANGO_DEBUG`` | ``false`` | debug pages; never in production |
| ``DJANGO_ALLOWED_HOSTS`` | ``localhost,127.0.0.1`` | comma separated host names |
| ``BASISHULP_LANGUAGE`` | ``nl`` | default interface language (``nl`` or ``en``) |
| ``BASISHULP_KPI_ENGINE`` | ``duckdb`` | ``duckdb`` (Ibis on DuckDB) or ``reference`` (pure Python) |
| ``BASISHULP_BSN_KEYS`` | none (dev/ci set one) | Fernet keys (comma-separated): the first encrypts BSNs, all decrypt |
| ``BASISHULP_BSN_HMAC_KEY`` | none (dev/ci set one) | secret of the keyed BSN digest; never rotate it |
| ``BASISHULP_IJW_XSD_DIR`` | none (ci/dev: ``../shared/standards/ijw-3.2`` if there) | directory of the iJw 3.2 XSDs |
| ``BASISHULP_OTP_KEYS`` | none (dev/ci set one) | Fernet keys (comma-separated) for the TOTP secrets |
| ``BASISHULP_REQUIRE_TWO_FACTOR`` | ``true`` (dev/ci: ``false``) | staff give a TOTP code after the password |
| ``BASISHULP_TWO_FACTOR_ROLES`` | every staff role | comma-separated role values that must use two factors |
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent  # src/basishulp
REPO_DIR = BASE_DIR.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DATA_DIR = Path(env("BASISHULP_DATA_DIR", str(REPO_DIR / "var")) or "var")

SECRET_KEY = env("DJANGO_SECRET_KEY") or ""
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = [h.strip() for h in (env("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1") or "").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "basishulp.accounts",
    "basishulp.trajecten",
    "basishulp.kpi",
    "basishulp.finance",
    "basishulp.toeleiding",
    "basishulp.audit",
    "basishulp.api",
    "basishulp.ijw",
    "basishulp.forecast",
    "basishulp.registers",
    "basishulp.comparisons",
    "basishulp.reports",
    "basishulp.dashboard",
    "basishulp.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "basishulp.accounts.headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "basishulp.accounts.sessions.SessionLimitMiddleware",
    "basishulp.accounts.two_factor.TwoFactorMiddleware",
    "basishulp.accounts.access.AccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "basishulp.urls"
WSGI_APPLICATION = "basishulp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

_default_db = f"sqlite:///{DATA_DIR / 'basishulp.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(env("DATABASE_URL") or _default_db, conn_max_age=60)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
    if not env("DATABASE_URL"):
        DATA_DIR.mkdir(parents=True, exist_ok=True)  # a fresh clone has no var/ yet
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard:index"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = env("BASISHULP_LANGUAGE", "nl") or "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
#: Files in one request: the iJw upload takes up to 500 message files (ijw/forms.py), and
#: says so itself up to this number; beyond it Django answers 400.
DATA_UPLOAD_MAX_NUMBER_FILES = 1000

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Strict"
#: Argon2 first: new and changed passwords are hashed with it, older hashes still verify.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
#: A session ends after this many minutes without a request (idle) and after this many
#: hours in all (absolute), whatever happens (accounts/sessions.py).
SESSION_IDLE_MINUTES = int(env("BASISHULP_SESSION_IDLE_MINUTES", "15") or "15")
SESSION_ABSOLUTE_HOURS = int(env("BASISHULP_SESSION_ABSOLUTE_HOURS", "10") or "10")
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True  # every request moves the idle deadline
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

KPI_ENGINE = env("BASISHULP_KPI_ENGINE", "duckdb") or "duckdb"
if KPI_ENGINE not in {"duckdb", "reference"}:
    raise ValueError(f"BASISHULP_KPI_ENGINE must be duckdb or reference, not {KPI_ENGINE!r}")

#: BSNs are stored encrypted (Fernet, see ``trajecten/bsn.py``); without keys a BSN cannot be recorded.
BSN_KEYS = [k.strip() for k in (env("BASISHULP_BSN_KEYS", "") or "").split(",") if k.strip()]
BSN_HMAC_KEY = env("BASISHULP_BSN_HMAC_KEY", "") or ""

#: Two-factor authentication (accounts/two_factor.py). The TOTP secrets are stored
#: encrypted with these Fernet keys (the first encrypts, all decrypt). When
#: ``REQUIRE_TWO_FACTOR`` is on, users with one of ``TWO_FACTOR_ROLES`` (or the staff
#: flag) must give a code after their password; municipalities and referrers are not asked.
OTP_KEYS = [k.strip() for k in (env("BASISHULP_OTP_KEYS", "") or "").split(",") if k.strip()]
REQUIRE_TWO_FACTOR = env_bool("BASISHULP_REQUIRE_TWO_FACTOR", True)
_STAFF_ROLES = "intake,zorgprofessional,gebiedsmanager,controller,beheerder,privacy_officer"
TWO_FACTOR_ROLES = [
    r.strip() for r in (env("BASISHULP_TWO_FACTOR_ROLES", _STAFF_ROLES) or _STAFF_ROLES).split(",") if r.strip()
]

#: The iJw 3.2 XSDs (JW305-JW308 and basisschema), downloaded from iStandaarden; they are
#: not in this repository. Empty: messages are checked without the XSDs (docs/ijw.md).
IJW_XSD_DIR = env("BASISHULP_IJW_XSD_DIR", "") or ""

#: Where referrers log in (named in the feedback mail); mail goes through Django's backend.
PORTAL_URL = env("BASISHULP_PORTAL_URL", "http://127.0.0.1:8000/verwijzer/") or ""
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend") or ""
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "basishulp@localhost") or ""
EMAIL_HOST = env("DJANGO_EMAIL_HOST", "localhost") or "localhost"
EMAIL_PORT = int(env("DJANGO_EMAIL_PORT", "25") or "25")
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", "") or ""
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", "") or ""
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)

# The API (docs/api.md): hashed tokens or the session; the access table decides; JSON only
# (no browsable API: it needs inline scripts that the Content-Security-Policy refuses).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "basishulp.api.auth.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "basishulp.api.permissions.AccessTablePermission",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Basishulp Jeugd API",
    "DESCRIPTION": (
        "Aggregates (client flows, journeys, help requests, lump sums) for municipality and JENS roles, "
        "help request records for staff roles. Municipality users get every count under disclosure "
        "control. Authenticate with `Authorization: Token <token>` or a logged-in session."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": [
        "rest_framework.permissions.IsAuthenticated",
        "basishulp.api.permissions.AccessTablePermission",
    ],
    "COMPONENT_SPLIT_REQUEST": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "WARNING")},
}
