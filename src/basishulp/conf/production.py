"""Production: no default secret, secure cookies, HTTPS assumed behind a proxy."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BSN_HMAC_KEY, BSN_KEYS, OTP_KEYS, SECRET_KEY, env_bool

if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production")
if not BSN_KEYS or not BSN_HMAC_KEY:
    raise ImproperlyConfigured("BASISHULP_BSN_KEYS and BASISHULP_BSN_HMAC_KEY must be set in production")
if not OTP_KEYS:
    raise ImproperlyConfigured("BASISHULP_OTP_KEYS must be set in production (the TOTP secrets at rest)")
DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)  # eligible for the browsers' preload list
SECURE_CONTENT_TYPE_NOSNIFF = True
