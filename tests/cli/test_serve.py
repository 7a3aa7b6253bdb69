"""The `serve` command's refusals (`karne.cli.serve`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_django.fixtures import Settings


def test_serve_refuses_the_development_key_beyond_loopback(
    capsys: pytest.CaptureFixture[str], settings: Settings
) -> None:
    from config.settings.base import DEVELOPMENT_KEY

    from karne.cli.serve import serve

    settings.SECRET_KEY = DEVELOPMENT_KEY

    assert serve(host="0.0.0.0", port=9, workers=1, demo=False, reference=Path(".")) == 2
    assert "development secret" in capsys.readouterr().err
