"""Settings for every environment, read from KARNE_* environment variables (docs/configuration.md).

The defaults run on the embedded SQLite database in ./var with no server and no secrets to set.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from config.env import (
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_path,
    env_secret,
    env_str,
)

DATA_DIR = env_path("KARNE_DATA_DIR", Path.cwd() / "var")
DEBUG = env_bool("KARNE_DEBUG", False)
DEVELOPMENT_KEY = "karne-insecure-development-key-not-for-production"
SECRET_KEY = env_secret("KARNE_SECRET_KEY") or DEVELOPMENT_KEY
ALLOWED_HOSTS = env_list("KARNE_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "karne.accounts",
    "karne.organisation",
    "karne.planning",
    "karne.monitoring",
    "karne.budget",
    "karne.publications",
    "karne.jobs",
    "karne.releases",
    "karne.web",
]

MIDDLEWARE = [
    "karne.web.request_id.RequestIdMiddleware",
    "karne.web.headers.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "karne.web.sessions.SlidingSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "karne.web.form_language.FormLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "karne.web.second_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "karne.web.urls"
WSGI_APPLICATION = "config.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "karne.web.context.membership",
            ],
        },
    }
]
STATIC_URL = "/static/"
# WhiteNoise serves the project's own static files from the apps (no collectstatic, no CDN).
WHITENOISE_USE_FINDERS = True

# Strong hashing without extra packages: scrypt first; older hashes are upgraded on login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
# A set-password link (an invitation's or a reset's, shown to the administrator) works once,
# for this many days (accounts/services/links.py).
# The optional second factor (django-otp's TOTP): the issuer an authenticator app shows.
OTP_TOTP_ISSUER = "karne"
PASSWORD_RESET_TIMEOUT = env_int("KARNE_LINK_DAYS", 7, minimum=1) * 24 * 3600
LOGOUT_REDIRECT_URL = "login"

# Sessions end after an idle hour (renewed at most once a minute: karne/web/sessions.py, so a page
# is not a database write) and when the browser closes.
SESSION_COOKIE_AGE = env_int("KARNE_SESSION_SECONDS", 3600, minimum=60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "karne.web.views.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Login throttling: this many failures for one user name from one address lock it for a while.
KARNE_LOGIN_MAX_FAILURES = env_int("KARNE_LOGIN_MAX_FAILURES", 5, minimum=1)
KARNE_LOGIN_LOCK_SECONDS = env_int("KARNE_LOGIN_LOCK_SECONDS", 900, minimum=1)
# The counters live in the database (accounts.LoginAttempts, raised by one conditional UPDATE), so
# every worker on every machine that shares the database sees the same counts. Django's cache (a
# table `karne migrate` creates) holds nothing of karne's own.
_PAGE_ENTRIES = env_int("KARNE_PAGE_CACHE_ENTRIES", 2000, minimum=0)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "karne_cache",
    },
    # The monitoring pages' content, per worker process, under the administration's revision
    # (karne/web/page_cache.py): a change anywhere makes the old entries unreachable, and the
    # oldest go when the cache is full.
    # 0 entries: nothing is kept, every page is computed afresh.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "karne-pages",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": _PAGE_ENTRIES},
    }
    if _PAGE_ENTRIES
    else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
# Behind a reverse proxy, the request header that carries the client's address (for example
# HTTP_X_REAL_IP); empty: REMOTE_ADDR. Only set it when the proxy overwrites that header.
KARNE_CLIENT_IP_HEADER = env_str("KARNE_CLIENT_IP_HEADER", "")
# Background jobs (document builds): how they get a worker (karne.jobs.runner), at what
# priority, when a silent one is given up, how long a finished one keeps its bytes.
KARNE_JOB_RUNNER = env_str("KARNE_JOB_RUNNER", "process")
if KARNE_JOB_RUNNER not in ("process", "thread", "inline"):
    raise ImproperlyConfigured("KARNE_JOB_RUNNER must be process, thread or inline")
KARNE_JOB_NICE = env_int("KARNE_JOB_NICE", 19)
KARNE_JOB_STALE_SECONDS = env_int("KARNE_JOB_STALE_SECONDS", 120, minimum=10)
KARNE_JOB_KEEP_DAYS = env_int("KARNE_JOB_KEEP_DAYS", 7, minimum=1)
# An uploaded workbook larger than this is saved by a background job with a progress page
# (karne/monitoring/workbook/job.py); 0: every one.
KARNE_WORKBOOK_JOB_BYTES = env_int("KARNE_WORKBOOK_JOB_BYTES", 256 * 1024, minimum=0)

# How long a SQLite write waits for another process's write lock before it fails (the command
# line waits shorter and says so while it retries: karne/cli/database.py).
SQLITE_BUSY_SECONDS = env_int("KARNE_SQLITE_BUSY_SECONDS", 20, minimum=1)
# The embedded SQLite file by default; PostgreSQL (production) when KARNE_DATABASE_URL names it
# (or KARNE_DATABASE_URL_FILE names a file that holds the URL, password included).
_DATABASE_URL = env_secret("KARNE_DATABASE_URL")
DATABASES = {
    "default": database_from_url(_DATABASE_URL, sqlite_busy_seconds=SQLITE_BUSY_SECONDS)
    if _DATABASE_URL
    else {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": env_path("KARNE_DB_PATH", DATA_DIR / "karne.sqlite3"),
        # A write waits for another process's write (a load) instead of failing at once.
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": SQLITE_BUSY_SECONDS},
    }
}
# A worker keeps its database connection between requests (a new one per request is a fresh
# SQLite open or a PostgreSQL login each time), checked before reuse so a dropped one is renewed.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("KARNE_DB_CONNECTION_SECONDS", 600, minimum=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
KARNE_DATABASE_FROM_URL = bool(_DATABASE_URL)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "tr"
LANGUAGES = [("tr", "Türkçe"), ("en", "English")]
LOCALE_PATHS = [Path(__file__).resolve().parent.parent.parent / "src" / "karne" / "locale"]
TIME_ZONE = "Europe/Istanbul"
USE_I18N = True
USE_TZ = True

# `karne serve --demo` may create demo users only where this is true (never in production).
KARNE_DEMO_ALLOWED = True

# One line per event on standard error, with the request's trace id (karne/web/request_id.py):
# request errors with their traceback, and every action the services record in the trail.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "karne.web.request_id.RequestIdFilter"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "line",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["stderr"], "level": env_str("KARNE_LOG_LEVEL", "INFO")},
    "loggers": {"django": {"level": "WARNING"}, "django.request": {"level": "ERROR"}},
}
