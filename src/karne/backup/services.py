"""Write a backup of the whole database; restore one into an empty database, all or nothing.

Restore inserts with Django's raw insert (what `loaddata` uses): no `save()`, no `auto_now`,
so every row comes back as it was, the trail's timestamps included. The change trail stays
append-only for every other path: nothing here updates or deletes a row, and restore writes
only into a database that has none.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models.sql import InsertQuery

from karne.backup.format import (
    BackupRefused,
    Manifest,
    Section,
    read_manifest,
    read_rows,
    verify_content,
    write_backup,
)
from karne.backup.tables import NaturalKeys, Table, carried_tables, loader, table_rows

_BATCH = 2000


class DatabaseNotEmpty(BackupRefused):
    """Restore writes only into an empty database: it never merges or overwrites."""


def karne_version() -> str:
    try:
        return version("karne")
    except PackageNotFoundError:
        return "unknown"


def backup_write(*, path: Path, using: str = DEFAULT_DB_ALIAS) -> Manifest:
    """Every carried table, read in one transaction so that the copy is of one moment."""
    connection = connections[using]
    outermost = not connection.in_atomic_block
    tables = carried_tables()
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            # One snapshot for every table (PostgreSQL's default gives one per statement).
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        keys = NaturalKeys(using)
        return write_backup(
            path,
            (Section(t.label, t.fields, table_rows(t, using, keys)) for t in tables),
            karne_version=karne_version(),
            database_vendor=connection.vendor,
            created_at=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        )


def backup_verify(*, path: Path) -> Manifest:
    """The file read once: manifest, checksum, structure, and that its tables are this karne's.

    Needs no database: the command line calls it before it creates or migrates one.
    """
    manifest = read_manifest(path)
    headers = verify_content(path, manifest)
    tables = {t.label: t for t in carried_tables()}
    for label, fields in headers:
        table = tables.get(label)
        if table is None:
            raise BackupRefused(
                f"the backup holds {label}, a table this karne does not have: restore it with "
                f"the karne that wrote it ({manifest.karne_version})"
            )
        if fields != table.fields:
            raise BackupRefused(
                f"the backup's {label} has the fields {', '.join(fields)}; this karne's has "
                f"{', '.join(table.fields)}: restore it with the karne that wrote it "
                f"({manifest.karne_version}), then upgrade"
            )
    return manifest


def backup_restore(
    *,
    path: Path,
    using: str = DEFAULT_DB_ALIAS,
    verified: Manifest | None = None,
    before_write: Callable[[], None] = lambda: None,
) -> Manifest:
    """Restore into an empty database in one transaction; refuse anything else, changing nothing.

    `verified` is the manifest `backup_verify` returned for this file (else it is verified
    here); `before_write` runs after that and before the database is touched (the command
    line migrates a new database there, so that a refused file leaves no database behind).
    """
    manifest = verified or backup_verify(path=path)
    before_write()
    tables = {t.label: t for t in carried_tables()}
    try:
        with transaction.atomic(using=using):
            _refuse_unless_empty(list(tables.values()), using)
            keys = NaturalKeys(using)
            batch: list[list[Any]] = []
            current = ""
            for label, row in read_rows(path):
                if label != current or len(batch) >= _BATCH:
                    _insert(tables.get(current), batch, keys, using)
                    batch, current = [], label
                batch.append(row)
            _insert(tables.get(current), batch, keys, using)
            _reset_sequences(list(tables.values()), using)
    except (DatabaseError, ValidationError, ValueError) as exc:
        raise BackupRefused(f"the backup's rows cannot be stored ({exc})") from exc
    return manifest


def _refuse_unless_empty(tables: list[Table], using: str) -> None:
    filled = [t.label for t in tables if t.model._base_manager.using(using).exists()]
    if filled:
        raise DatabaseNotEmpty(
            "the database is not empty (it has rows in "
            + ", ".join(filled[:5])
            + (", …" if len(filled) > 5 else "")
            + "): restore only into a new, empty database"
        )


def _insert(table: Table | None, rows: list[list[Any]], keys: NaturalKeys, using: str) -> None:
    if table is None or not rows:
        return
    loads = [loader(c, keys) for c in table.columns]
    objs = [
        table.model(
            **{
                c.attname: load(value)
                for c, load, value in zip(table.columns, loads, row, strict=True)
            }
        )
        for row in rows
    ]
    fields = [c.field for c in table.columns] + list(table.defaulted)
    connection = connections[using]
    size = max(1, connection.ops.bulk_batch_size(fields, objs))
    for start in range(0, len(objs), size):
        query = InsertQuery(table.model)
        # raw: the values as given, as loaddata stores them (no auto_now, no auto_now_add).
        query.insert_values(fields, objs[start : start + size], raw=True)
        query.get_compiler(using=using).execute_sql()


def _reset_sequences(tables: list[Table], using: str) -> None:
    """Primary-key sequences past the restored ids (PostgreSQL; SQLite needs no statement)."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), [t.model for t in tables])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
