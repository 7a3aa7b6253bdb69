"""Reading a dataset file's text: only regular files inside the folder, of a bounded size.

A link out of the folder (`units.csv -> /etc/passwd`) would otherwise be read and its content
echoed in messages; a named pipe or a device would never end; a huge file would fill memory
before any check ran.
"""

from __future__ import annotations

from pathlib import Path

from karne.dataformat.errors import Problems

MAX_FILE_BYTES = 20_000_000  # the reference dataset's largest file is under 100 kB


def read_text(
    folder: Path, filename: str, problems: Problems, limit: int = MAX_FILE_BYTES
) -> str | None:
    """The file's text, or None after reporting why it cannot be read."""
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
