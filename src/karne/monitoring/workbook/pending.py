"""Uploaded workbooks waiting for their confirmation, kept server-side under a random token.

The preview page and the confirm button name the token, never the file's content; the file is
read again on confirm (what the preview showed is not trusted: someone may have saved since).
The cache is the database's (settings.CACHES), shared by every worker; a token is the
uploader's only (the key holds their user id) and expires after an hour.
"""

from __future__ import annotations

import secrets

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache

PENDING_SECONDS = 3600


def _key(user: AbstractBaseUser | AnonymousUser, token: str) -> str:
    return f"karne.workbook.{user.pk}.{token}"


def pending_store(user: AbstractBaseUser | AnonymousUser, filename: str, content: bytes) -> str:
    token = secrets.token_urlsafe(18)
    cache.set(_key(user, token), (filename, content), PENDING_SECONDS)
    return token


def pending_load(user: AbstractBaseUser | AnonymousUser, token: str) -> tuple[str, bytes] | None:
    found = cache.get(_key(user, token))
    if not (isinstance(found, tuple) and len(found) == 2):
        return None
    filename, content = found
    return (str(filename), bytes(content))


def pending_drop(user: AbstractBaseUser | AnonymousUser, token: str) -> None:
    cache.delete(_key(user, token))
