"""Test settings: the same apps on a real SQLite database (pytest-django creates it per run)."""

from __future__ import annotations

from config.settings.base import *  # noqa: F403

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": ":memory:",
    }
}
SECRET_KEY = "karne-test-key"
