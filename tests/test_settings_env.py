from __future__ import annotations

from pathlib import Path

import pytest
from config.env import env_bool, env_int, env_path, env_secret, env_str
from django.core.exceptions import ImproperlyConfigured


def test_booleans_are_strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KARNE_X", "ture")
    with pytest.raises(ImproperlyConfigured, match="KARNE_X"):
        env_bool("KARNE_X", False)
    monkeypatch.setenv("KARNE_X", "Yes")
    assert env_bool("KARNE_X", False) is True
    monkeypatch.delenv("KARNE_X")
    assert env_bool("KARNE_X", True) is True


def test_integers_are_strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KARNE_N", "12a")
    with pytest.raises(ImproperlyConfigured):
        env_int("KARNE_N", 1)
    monkeypatch.setenv("KARNE_N", "-1")
    with pytest.raises(ImproperlyConfigured, match="at least 0"):
        env_int("KARNE_N", 1)


def test_empty_values_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KARNE_P", "  ")
    with pytest.raises(ImproperlyConfigured):
        env_path("KARNE_P", Path("x"))
    with pytest.raises(ImproperlyConfigured):
        env_str("KARNE_P", "x")


def test_secrets_from_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret = tmp_path / "key"
    secret.write_text("s3cret\n", encoding="utf-8")
    monkeypatch.setenv("KARNE_K_FILE", str(secret))
    assert env_secret("KARNE_K") == "s3cret"
    monkeypatch.setenv("KARNE_K_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="cannot read"):
        env_secret("KARNE_K")
