"""Production: HTTPS only, a real secret, explicit hosts. `manage.py check --deploy` passes.

The secret key must come from KARNE_SECRET_KEY or KARNE_SECRET_KEY_FILE; demo mode is refused.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from config.env import env_int, env_list, env_secret
from config.settings.base import *  # noqa: F403

DEBUG = False
_secret = env_secret("KARNE_SECRET_KEY")
if not _secret or len(_secret) < 50:
    raise ImproperlyConfigured("KARNE_SECRET_KEY (or _FILE) must be set to 50+ random characters")
SECRET_KEY = _secret
ALLOWED_HOSTS = env_list("KARNE_ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("KARNE_ALLOWED_HOSTS must name the site's host names")
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("KARNE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
KARNE_DEMO_ALLOWED = False
# `django-admin collectstatic` fills this for WhiteNoise to serve with long cache headers.
STATIC_ROOT = DATA_DIR / "static"  # noqa: F405
