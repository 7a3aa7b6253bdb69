"""Django setup and the demo database (`karne.cli.database`)."""

from __future__ import annotations

from pytest_django.fixtures import Settings


def test_demo_mode_is_refused_where_settings_forbid_it(settings: Settings) -> None:
    from karne.cli.database import reset_demo_database

    settings.KARNE_DEMO_ALLOWED = False
    assert reset_demo_database() is False
