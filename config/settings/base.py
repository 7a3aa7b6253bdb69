"""Settings for every environment, read from KARNE_* environment variables (docs/configuration.md).

The defaults run on the embedded SQLite database in ./var with no server and no secrets to set.
"""

from __future__ import annotations

from pathlib import Path

from config.env import env_bool, env_list, env_path, env_secret

DATA_DIR = env_path("KARNE_DATA_DIR", Path.cwd() / "var")
DEBUG = env_bool("KARNE_DEBUG", False)
SECRET_KEY = env_secret("KARNE_SECRET_KEY") or "karne-insecure-development-key-not-for-production"
ALLOWED_HOSTS = env_list("KARNE_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "karne.organisation",
    "karne.planning",
    "karne.monitoring",
    "karne.budget",
    "karne.publications",
]

MIDDLEWARE: list[str] = []

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": env_path("KARNE_DB_PATH", DATA_DIR / "karne.sqlite3"),
        "OPTIONS": {"transaction_mode": "IMMEDIATE"},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "tr"
LANGUAGES = [("tr", "Türkçe"), ("en", "English")]
LOCALE_PATHS = [Path(__file__).resolve().parent.parent.parent / "src" / "karne" / "locale"]
TIME_ZONE = "Europe/Istanbul"
USE_I18N = True
USE_TZ = True
