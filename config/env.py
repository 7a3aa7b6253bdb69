"""Strict environment helpers: a setting that is present must be valid, or startup fails.

A typo such as KARNE_DEBUG=ture silently meaning False is how production ends up in debug mode.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str) -> str:
    value = os.environ.get(name)
    if value is None:
        return default
    if not value.strip():
        raise ImproperlyConfigured(f"{name} is set but empty")
    return value


def env_secret(name: str, default: str | None = None) -> str | None:
    """A secret from NAME, or from the file named by NAME_FILE (for container secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {file_name}: {exc}") from exc
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no/on/off, not {value!r}")


def env_int(name: str, default: int, minimum: int = 0) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}")
    return number


def env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    if value is None:
        return default
    if not value.strip():
        raise ImproperlyConfigured(f"{name} is set but empty")
    return Path(value).expanduser()


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def database_from_url(url: str, *, sqlite_busy_seconds: int = 20) -> dict[str, object]:
    """Django's DATABASES entry for a URL: postgresql://user:password@host:port/name?options
    (sslmode, connect_timeout… become connection options) or sqlite:///absolute/path."""
    parts = urlsplit(url)
    if parts.scheme in ("postgres", "postgresql"):
        name = unquote(parts.path.lstrip("/"))
        if not name or not parts.hostname:
            raise ImproperlyConfigured(
                "KARNE_DATABASE_URL: a PostgreSQL URL needs a host and a database name "
                "(postgresql://user:password@host:5432/karne)"
            )
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname,
            "PORT": str(parts.port or ""),
            "OPTIONS": dict(parse_qsl(parts.query)),
        }
    if parts.scheme == "sqlite":
        path = unquote(parts.path)
        if not path or path == "/":
            raise ImproperlyConfigured("KARNE_DATABASE_URL: sqlite:///absolute/path/to/file")
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": Path(path),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": sqlite_busy_seconds},
        }
    shown = f"{parts.scheme}://…" if parts.scheme else "a text without a scheme"
    raise ImproperlyConfigured(
        f"KARNE_DATABASE_URL must start with postgresql:// or sqlite:///, not {shown}"
    )
