"""The backup file: a zip holding `data.jsonl` (the content) and `manifest.json` (docs/backup.md).

No Django here: the file is written from, and read into, plain JSON values, so that it can be
checked (and its format tested) without a database. The content is deterministic: the same
database gives the same bytes. Everything that changes from one backup of it to the next (when
it was made) lives in the manifest only, with the content's SHA-256.

The content is JSON lines: a table's header `{"model": "app.model", "fields": [...]}`, then its
rows, one JSON array a line in the header's field order, then the next table's header.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zipfile
import zlib
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

FORMAT = "karne-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CONTENT = "data.jsonl"

# Zip members carry a modification time; a fixed one keeps the content member's bytes the same.
_MEMBER_TIME = (1980, 1, 1, 0, 0, 0)
_FLUSH_LINES = 4096
_SHA256 = re.compile(r"[0-9a-f]{64}")

JSON = Any  # a JSON value: None, bool, int, float, str, list, dict


class BackupRefused(Exception):
    """A backup that cannot be read or restored; the message says why, for a person."""


@dataclass(frozen=True)
class Manifest:
    """What a backup holds and how to check it; the only part that names when it was made."""

    format: str
    format_version: int
    karne_version: str
    created_at: str
    database_vendor: str
    content_sha256: str
    content_bytes: int
    rows: dict[str, int]  # every table carried, in the content's order, with its row count

    def to_bytes(self) -> bytes:
        return (json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n").encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Manifest:
        try:
            raw = json.loads(data.decode())
        except (UnicodeDecodeError, ValueError):
            raise BackupRefused("the manifest is not JSON") from None
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise BackupRefused(f"the manifest does not say format {FORMAT!r}")
        version = raw.get("format_version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise BackupRefused("the manifest has no format version")
        if version > FORMAT_VERSION:
            raise BackupRefused(
                f"the backup is of format version {version}, written by a newer karne "
                f"({raw.get('karne_version')}); this karne reads up to version {FORMAT_VERSION}"
            )
        texts = ("karne_version", "created_at", "database_vendor", "content_sha256")
        rows = raw.get("rows")
        if (
            any(not isinstance(raw.get(key), str) for key in texts)
            or not _SHA256.fullmatch(raw["content_sha256"])
            or not _is_count(raw.get("content_bytes"))
            or not isinstance(rows, dict)
            or not all(_is_count(n) for n in rows.values())
        ):
            raise BackupRefused("the manifest is incomplete or malformed")
        return cls(
            format=FORMAT,
            format_version=version,
            karne_version=raw["karne_version"],
            created_at=raw["created_at"],
            database_vendor=raw["database_vendor"],
            content_sha256=raw["content_sha256"],
            content_bytes=raw["content_bytes"],
            rows=dict(rows),
        )


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


@dataclass(frozen=True)
class Section:
    """One table in the content: its label, its fields, and its rows (read or written once)."""

    model: str
    fields: tuple[str, ...]
    rows: Iterable[Sequence[JSON]]


def encode_line(value: JSON) -> bytes:
    """One line of the content: compact, UTF-8, no NaN; the same value gives the same bytes."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def write_backup(
    path: Path,
    sections: Iterable[Section],
    *,
    karne_version: str,
    database_vendor: str,
    created_at: str,
) -> Manifest:
    """Write the file next to its place and move it there whole: no half-written backup.

    Readable by its owner only: it holds personal data and password hashes.
    """
    partial = path.with_name(f".{path.name}.partial")
    digest = hashlib.sha256()
    size = 0
    rows: dict[str, int] = {}
    buffer: list[bytes] = []
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(descriptor, "wb") as file, zipfile.ZipFile(file, "w") as archive:
            with archive.open(_member(CONTENT), "w", force_zip64=True) as stream:
                for line in _content_lines(sections, rows):
                    digest.update(line)
                    size += len(line)
                    buffer.append(line)
                    if len(buffer) >= _FLUSH_LINES:
                        stream.write(b"".join(buffer))
                        buffer = []
                stream.write(b"".join(buffer))
            manifest = Manifest(
                format=FORMAT,
                format_version=FORMAT_VERSION,
                karne_version=karne_version,
                created_at=created_at,
                database_vendor=database_vendor,
                content_sha256=digest.hexdigest(),
                content_bytes=size,
                rows=rows,
            )
            archive.writestr(_member(MANIFEST), manifest.to_bytes())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _content_lines(sections: Iterable[Section], rows: dict[str, int]) -> Iterator[bytes]:
    """The content's lines, counting each table's rows into `rows` as they pass."""
    for section in sections:
        rows[section.model] = 0
        yield encode_line({"model": section.model, "fields": list(section.fields)}) + b"\n"
        for row in section.rows:
            rows[section.model] += 1
            yield encode_line(list(row)) + b"\n"


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_MEMBER_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def read_manifest(path: Path) -> Manifest:
    """The manifest, checked; refuses what is not a karne backup or is of a newer format."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if not {MANIFEST, CONTENT} <= names:
                raise BackupRefused(f"not a karne backup: it holds no {MANIFEST} and {CONTENT}")
            return Manifest.from_bytes(archive.read(MANIFEST))
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
        raise BackupRefused(f"the file cannot be read as a karne backup ({exc})") from None


def verify_content(path: Path, manifest: Manifest) -> list[tuple[str, tuple[str, ...]]]:
    """Read the whole content once: its checksum, size, structure and row counts.

    Returns each table's label and fields, in order. Nothing is kept but the counts, so a
    large backup is checked in constant memory. A changed checksum is reported before any
    problem of structure it may have caused.
    """
    digest = hashlib.sha256()
    size = 0
    structure = _Structure()
    try:
        with zipfile.ZipFile(path) as archive, archive.open(CONTENT) as stream:
            for number, line in enumerate(stream, start=1):
                digest.update(line)
                size += len(line)
                structure.read(line, number)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
        raise BackupRefused(f"the backup's content is damaged ({exc})") from None
    if digest.hexdigest() != manifest.content_sha256 or size != manifest.content_bytes:
        raise BackupRefused(
            "the content's SHA-256 is not the manifest's: the file is damaged or was changed"
        )
    if structure.problem is not None:
        raise BackupRefused(structure.problem)
    if list(structure.counts.items()) != list(manifest.rows.items()):
        raise BackupRefused("the content's tables or row counts are not the manifest's")
    return structure.headers


class _Structure:
    """The content's tables and row counts, line by line; the first problem, if any."""

    def __init__(self) -> None:
        self.headers: list[tuple[str, tuple[str, ...]]] = []
        self.counts: dict[str, int] = {}
        self.problem: str | None = None
        self._width = -1

    def read(self, line: bytes, number: int) -> None:
        if self.problem is not None:
            return
        try:
            value = _decode(line, number)
            if isinstance(value, list):
                if self._width != len(value):
                    raise BackupRefused(f"{CONTENT}, line {number}: not a row of its table")
                self.counts[self.headers[-1][0]] += 1
                return
            model, fields = _header(value, number)
            if model in self.counts:
                raise BackupRefused(f"{CONTENT}, line {number}: {model} appears twice")
        except BackupRefused as exc:
            self.problem = str(exc)
            return
        self.headers.append((model, fields))
        self.counts[model] = 0
        self._width = len(fields)


def read_rows(path: Path) -> Iterator[tuple[str, list[JSON]]]:
    """The content's rows again, each with its table's label, read as they are consumed.

    Called after `verify_content`, which has checked the structure this relies on.
    """
    try:
        with zipfile.ZipFile(path) as archive, archive.open(CONTENT) as stream:
            model = ""
            for number, line in enumerate(stream, start=1):
                value = _decode(line, number)
                if isinstance(value, list):
                    yield model, value
                else:
                    model = _header(value, number)[0]
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
        raise BackupRefused(f"the backup's content is damaged ({exc})") from None


def _decode(line: bytes, number: int) -> JSON:
    try:
        return json.loads(line, parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError):
        raise BackupRefused(f"{CONTENT}, line {number}: not JSON") from None


def _refuse_constant(name: str) -> None:
    raise ValueError(name)


def _header(value: JSON, number: int) -> tuple[str, tuple[str, ...]]:
    if (
        isinstance(value, dict)
        and isinstance(value.get("model"), str)
        and isinstance(value.get("fields"), list)
        and all(isinstance(f, str) for f in value["fields"])
    ):
        return value["model"], tuple(value["fields"])
    raise BackupRefused(f"{CONTENT}, line {number}: expected a table's header")


def dependency_order(depends_on: Mapping[str, Collection[str]]) -> list[str]:
    """Every name after the names it depends on, ties (and cycles) broken alphabetically.

    A cycle is possible (two tables naming each other); it is broken at the alphabetically first
    table, which is safe because the databases check foreign keys at commit.
    """
    waiting = {name: set(deps) & depends_on.keys() - {name} for name, deps in depends_on.items()}
    order: list[str] = []
    while waiting:
        ready = sorted(name for name, deps in waiting.items() if not deps) or [min(waiting)]
        name = ready[0]
        order.append(name)
        del waiting[name]
        for deps in waiting.values():
            deps.discard(name)
    return order
