"""`karne backup FILE` and `karne restore FILE`: everything in the database, in one file.

What is printed is counts and the checksum, never a row: a backup holds password hashes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from karne.backup.format import BackupRefused, Manifest
from karne.backup.services import (
    DatabaseNotEmpty,
    backup_restore,
    backup_verify,
    backup_write,
)
from karne.cli.database import migrate


def backup(path: Path) -> int:
    migrate()
    try:
        manifest = backup_write(path=path)
    except OSError as exc:
        print(f"karne backup: {path}: yazılamadı / cannot be written ({exc})", file=sys.stderr)
        return 2
    print(f"{path}: yedeklendi / backed up — {_summary(manifest)}")
    return 0


def restore(path: Path) -> int:
    try:
        manifest = backup_verify(path=path)
        backup_restore(path=path, verified=manifest, before_write=migrate)
    except BackupRefused as exc:
        print(
            f"karne restore: {path}: {exc}.\n"
            "Geri yükleme reddedildi, veritabanında hiçbir şey değişmedi / "
            "restore refused, nothing was changed.",
            file=sys.stderr,
        )
        return 3 if isinstance(exc, DatabaseNotEmpty) else 2
    print(f"{path}: geri yüklendi / restored — {_summary(manifest)}")
    return 0


def _summary(manifest: Manifest) -> str:
    rows = sum(manifest.rows.values())
    return (
        f"{len(manifest.rows)} tablo / tables, {rows} satır / rows, "
        f"sha256 {manifest.content_sha256}"
    )
