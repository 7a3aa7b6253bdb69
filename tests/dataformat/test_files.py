"""Reading a CSV file line by line (`karne.dataformat.files.open_text`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from karne.dataformat import files
from karne.dataformat.errors import Problems


def test_a_character_split_between_chunks_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "_CHUNK", 3)
    (tmp_path / "t.csv").write_text("code\nGİB\nÇÖŞ\n", encoding="utf-8")
    problems = Problems()
    handle = files.open_text(tmp_path, "t.csv", problems)
    assert handle is not None
    with handle:
        assert handle.read() == "code\nGİB\nÇÖŞ\n"
    assert not problems.items


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (b"code\n\xff\n", "undecodable bytes (invalid start byte)"),
        (b"code\nG\xc4", "undecodable bytes (unexpected end of data)"),
        (b"code\n" + b"A" * 20, "a larger file"),
    ],
)
def test_a_file_that_is_not_short_utf8_text_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes, found: str
) -> None:
    monkeypatch.setattr(files, "_CHUNK", 4)
    (tmp_path / "t.csv").write_bytes(data)
    problems = Problems()
    assert files.open_text(tmp_path, "t.csv", problems, limit=16) is None
    assert [p.found for p in problems.items] == [found]
