"""Reading a dataset file's text: only regular files inside the folder, of a bounded size.

A link out of the folder (`units.csv -> /etc/passwd`) would otherwise be read and its content
echoed in messages; a named pipe or a device would never end; a huge file would fill memory
before any check ran. A CSV table is read line by line (`open_text`), so its bound is the
number of rows a dataset may hold, not the size of its text.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import TextIO

from karne.dataformat.errors import Problems

MAX_FILE_BYTES = 500_000_000  # a CSV table: about 10 M rows; the reference's largest is 100 kB
_CHUNK = 1 << 20


def open_text(
    folder: Path, filename: str, problems: Problems, limit: int = MAX_FILE_BYTES
) -> TextIO | None:
    """The file opened as text to read line by line, once it is known to be UTF-8 of at most
    `limit` bytes (a first pass decodes it in chunks, keeping nothing); or None after
    reporting why it cannot be read."""
    path = _regular_file(folder, filename, problems)
    if path is None:
        return None
    decoder = codecs.getincrementaldecoder("utf-8")()
    size = 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    problems.add(filename, None, "", f"at most {limit} bytes", "a larger file")
                    return None
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        return path.open(encoding="utf-8", newline="")
    except OSError as exc:
        problems.add(filename, None, "", "a readable file", exc.strerror or "an error")
    except UnicodeDecodeError as exc:
        problems.add(filename, None, "", "UTF-8 text", f"undecodable bytes ({exc.reason})")
    return None


def read_text(
    folder: Path, filename: str, problems: Problems, limit: int = MAX_FILE_BYTES
) -> str | None:
    """The file's text, or None after reporting why it cannot be read."""
    path = _regular_file(folder, filename, problems)
    if path is None:
        return None
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        problems.add(filename, None, "", "a readable file", exc.strerror or "an error")
        return None
    if len(data) > limit:
        problems.add(filename, None, "", f"at most {limit} bytes", "a larger file")
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.add(filename, None, "", "UTF-8 text", f"undecodable bytes ({exc.reason})")
        return None


def _regular_file(folder: Path, filename: str, problems: Problems) -> Path | None:
    """The path of a regular file inside the folder, or None after reporting why not."""
    path = folder / filename
    if not path.exists() and not path.is_symlink():
        problems.add(filename, None, "", "this required file", "no such file")
        return None
    try:
        inside = path.resolve(strict=True).is_relative_to(folder.resolve(strict=True))
    except (OSError, RuntimeError):  # a dangling link, or links in a loop
        problems.add(filename, None, "", "a file inside the dataset folder", "a broken link")
        return None
    if not inside:
        problems.add(
            filename, None, "", "a file inside the dataset folder", "a link to outside the folder"
        )
        return None
    if not path.is_file():
        problems.add(filename, None, "", "a regular file", "a folder or a special file")
        return None
    return path
