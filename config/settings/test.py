"""Test settings: the same apps on a real SQLite database (pytest-django creates it per run)."""

from __future__ import annotations

from config.settings.base import *  # noqa: F403

# The suite runs on SQLite in memory, and on PostgreSQL when KARNE_DATABASE_URL names a server
# (`make test` does both: tools/pg-cluster.sh starts a throwaway cluster for the second run).
if not KARNE_DATABASE_FROM_URL:  # noqa: F405
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
# The live servers of the browser tests close their connections after each request, so that
# PostgreSQL's test database can be dropped at the end.
DATABASES["default"]["CONN_MAX_AGE"] = 0
SECRET_KEY = "karne-test-key"

# Hashing with scrypt costs ~0.2 s a password, five personas a test: the tests use a fast hasher
# and tests/web/test_security.py checks the real settings' scrypt explicitly.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGGING = {**LOGGING, "root": {"handlers": ["stderr"], "level": "WARNING"}}  # noqa: F405

# Jobs run before the request answers: the in-memory database (and a test's transaction) is
# not visible to another process. The browser tests use threads; tests/jobs starts processes.
KARNE_JOB_RUNNER = "inline"
