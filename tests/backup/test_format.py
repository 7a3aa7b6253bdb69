"""The file format on its own: plain JSON values in, the same bytes out, every check."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from karne.backup.format import (
    CONTENT,
    FORMAT_VERSION,
    MANIFEST,
    BackupRefused,
    Manifest,
    Section,
    dependency_order,
    read_manifest,
    read_rows,
    verify_content,
    write_backup,
)

SECTIONS = [
    ("organisation.unit", ("id", "code", "name"), [[1, "YGM", "Yabancılar"], [2, "UKGM", "İç"]]),
    ("monitoring.changerecord", ("id", "at"), []),
    ("accounts.membership", ("id", "role"), [[7, "clerk"]]),
]


def write(path: Path, created_at: str = "2024-01-01T00:00:00+00:00") -> Manifest:
    return write_backup(
        path,
        (Section(model, fields, iter(rows)) for model, fields, rows in SECTIONS),
        karne_version="0.1.0",
        database_vendor="sqlite",
        created_at=created_at,
    )


def test_what_is_written_is_read_back(tmp_path: Path) -> None:
    path = tmp_path / "b.zip"
    written = write(path)
    assert read_manifest(path) == written
    assert written.rows == {
        "organisation.unit": 2,
        "monitoring.changerecord": 0,
        "accounts.membership": 1,
    }
    assert verify_content(path, written) == [(m, f) for m, f, _ in SECTIONS]
    assert list(read_rows(path)) == [
        ("organisation.unit", [1, "YGM", "Yabancılar"]),
        ("organisation.unit", [2, "UKGM", "İç"]),
        ("accounts.membership", [7, "clerk"]),
    ]
    with zipfile.ZipFile(path) as archive:
        text = archive.read(CONTENT).decode()
    assert text.splitlines()[0] == '{"model":"organisation.unit","fields":["id","code","name"]}'
    assert '[1,"YGM","Yabancılar"]' in text  # Turkish letters as themselves
    assert path.stat().st_mode & 0o077 == 0  # password hashes: for its owner only


def test_only_the_manifest_knows_when_a_backup_was_made(tmp_path: Path) -> None:
    first = write(tmp_path / "1.zip", "2024-01-01T00:00:00+00:00")
    second = write(tmp_path / "2.zip", "2025-06-30T12:00:00+00:00")
    assert first.content_sha256 == second.content_sha256
    with zipfile.ZipFile(tmp_path / "1.zip") as one, zipfile.ZipFile(tmp_path / "2.zip") as two:
        assert one.read(CONTENT) == two.read(CONTENT)
        assert one.getinfo(CONTENT).date_time == two.getinfo(CONTENT).date_time
    assert {**first.__dict__, "created_at": ""} == {**second.__dict__, "created_at": ""}


def test_a_failed_write_leaves_no_file(tmp_path: Path) -> None:
    def rows() -> list[list[object]]:
        raise RuntimeError("database gone")

    path = tmp_path / "b.zip"
    with pytest.raises(RuntimeError):
        write_backup(
            path,
            (Section("a.b", ("id",), rows()) for _ in range(1)),
            karne_version="0",
            database_vendor="sqlite",
            created_at="",
        )
    assert list(tmp_path.iterdir()) == []


def rewrite(path: Path, name: str, data: bytes) -> None:
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members[name] = data
    with zipfile.ZipFile(path, "w") as archive:
        for member, value in members.items():
            archive.writestr(member, value)


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        (b"{", "not JSON"),
        (b'{"format": "other"}', "format 'karne-backup'"),
        (b'{"format": "karne-backup", "format_version": 2}', "newer karne"),
        (b'{"format": "karne-backup", "format_version": 1}', "incomplete"),
    ],
)
def test_a_bad_manifest_is_refused(tmp_path: Path, manifest: bytes, message: str) -> None:
    path = tmp_path / "b.zip"
    write(path)
    rewrite(path, MANIFEST, manifest)
    with pytest.raises(BackupRefused, match=message):
        read_manifest(path)
    assert FORMAT_VERSION == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"model":"a.b","fields":["id"]}\n[1,2]\n', "line 2: not a row of its table"),
        (b"[1]\n", "line 1: not a row"),
        (b'{"model":"a.b","fields":["id"]}\n{"model":"a.b","fields":["id"]}\n', "twice"),
        (b'{"model":"a.b","fields":["id"]}\n[NaN]\n', "line 2: not JSON"),
        (b'{"model":"a.b","fields":["id"]}\n[1]\n', "row counts"),
    ],
)
def test_content_that_does_not_fit_is_refused(tmp_path: Path, data: bytes, message: str) -> None:
    """Even with a checksum that matches (a file made by hand): the structure is checked."""
    path = tmp_path / "b.zip"
    original = write(path)
    manifest = Manifest(
        **{
            **original.__dict__,
            "content_sha256": hashlib.sha256(data).hexdigest(),
            "content_bytes": len(data),
        }
    )
    rewrite(path, CONTENT, data)
    with pytest.raises(BackupRefused, match=message):
        verify_content(path, manifest)


def test_a_changed_content_is_refused_by_its_checksum(tmp_path: Path) -> None:
    path = tmp_path / "b.zip"
    manifest = write(path)
    with zipfile.ZipFile(path) as archive:
        data = archive.read(CONTENT).replace(b"YGM", b"XGM")
    rewrite(path, CONTENT, data)
    with pytest.raises(BackupRefused, match="SHA-256"):
        verify_content(path, manifest)


def test_dependency_order() -> None:
    assert dependency_order({"c": {"b"}, "b": {"a"}, "a": set()}) == ["a", "b", "c"]
    assert dependency_order({"z": set(), "y": set(), "x": {"z"}}) == ["y", "z", "x"]
    assert dependency_order({"a": {"a", "elsewhere"}}) == ["a"]  # itself, unknown: ignored
    assert dependency_order({"b": {"a"}, "a": {"b"}, "c": {"a"}}) == ["a", "b", "c"]  # a cycle
