"""Parallel wrong passwords against one user name, in a process of its own on a file database.

Run by tests/web/test_login_race.py: the test database of the suite is SQLite in memory (one
connection's) or a PostgreSQL test database inside the suite's transactions, and neither lets
threads race on real, committed rows. Here each thread has its own connection to a SQLite file
in IMMEDIATE transaction mode (the settings' own), as the server's workers have. Prints the
number of password checks and the answers' status codes as JSON.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from typing import Any

from django.contrib.auth.hashers import MD5PasswordHasher

PARALLEL = 30
LIMIT = 5


class CountingHasher(MD5PasswordHasher):
    """Django's test hasher, counting how many passwords were checked (in every thread)."""

    checks = 0
    _lock = threading.Lock()

    def verify(self, password: str, encoded: str) -> bool:
        with CountingHasher._lock:
            CountingHasher.checks += 1
        return bool(super().verify(password, encoded))


def run(database: str) -> dict[str, Any]:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["KARNE_DB_PATH"] = database
    os.environ.pop("KARNE_DATABASE_URL", None)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0, interactive=False)
    statuses: list[int] = []
    with override_settings(
        PASSWORD_HASHERS=["tests.web.login_race.CountingHasher"], KARNE_LOGIN_MAX_FAILURES=LIMIT
    ):
        get_user_model().objects.create_user(username="okur", password="dogru-parola-12345")
        connection.close()
        start = threading.Barrier(PARALLEL)

        def attempt() -> None:
            client = Client()
            start.wait()
            try:
                answer = client.post("/giris/", {"username": "okur", "password": "yanlis"})
                statuses.append(answer.status_code)
            finally:
                connection.close()

        threads = [threading.Thread(target=attempt) for _ in range(PARALLEL)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return {"checks": CountingHasher.checks, "statuses": sorted(statuses)}


if __name__ == "__main__":
    # The settings name the hasher by its module path: count in that module, not in __main__.
    from tests.web import login_race

    print(json.dumps(login_race.run(sys.argv[1])))
