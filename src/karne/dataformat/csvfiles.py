"""Reading CSV tables against a column schema, with the line of every problem.

A table is read line by line into its records; for the checks, each record keeps only its line
number beside it (`Rows`). Equal cells of a column parse to one shared value (a small cache per
column), so a million rows naming the same document or year hold one text or number, not a
million copies.
"""

from __future__ import annotations

import csv
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from karne.dataformat.errors import Problems, shown
from karne.dataformat.files import open_text
from karne.dataformat.values import BadValue, Parser

_SHARED_VALUES = 4096  # distinct cells remembered per column


@dataclass(frozen=True)
class Column:
    name: str
    parse: Parser


@dataclass(frozen=True, slots=True)
class Row:
    """A record with the file and line it was read from, as the checks see it."""

    file: str
    line: int
    record: Any

    def __getitem__(self, key: str) -> Any:
        return getattr(self.record, key)


@dataclass
class Rows:
    """A table's records in file order, each with its line."""

    file: str
    records: list[Any] = field(default_factory=list)
    lines: array[int] = field(default_factory=lambda: array("Q"))

    def append(self, record: Any, line: int) -> None:
        self.records.append(record)
        self.lines.append(line)

    def __iter__(self) -> Iterator[Row]:
        for record, line in zip(self.records, self.lines, strict=True):
            yield Row(self.file, line, record)

    def __len__(self) -> int:
        return len(self.records)


def read_table(
    folder: Path,
    filename: str,
    columns: tuple[Column, ...],
    problems: Problems,
    record: Callable[..., Any],
) -> Rows:
    """The records (`record(**fields)`) of the rows whose every field parsed; a row with a bad
    field is reported and left out."""
    handle = open_text(folder, filename, problems)
    if handle is None:
        return Rows(filename)
    with handle:
        return _read_rows(handle, filename, columns, problems, record)


def _read_rows(
    handle: Any,
    filename: str,
    columns: tuple[Column, ...],
    problems: Problems,
    record: Callable[..., Any],
) -> Rows:
    # Only \n, \r and \r\n end a line (the file is opened with newline=""): `str.splitlines`
    # would also split at U+2028, NEL or a form feed inside a quoted text, which the web form
    # accepts and the writer writes.
    reader = csv.reader(handle, strict=True)
    rows = Rows(filename)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        problems.add(filename, 1, "", "a CSV header row", f"broken CSV ({exc})")
        return rows
    expected = [c.name for c in columns]
    if header is None:
        problems.add(filename, 1, "", "a header row: " + ",".join(expected), "an empty file")
        return rows
    missing = [name for name in expected if name not in header]
    unknown = [name for name in header if name not in expected]
    for name in missing:
        problems.add(filename, 1, name, f"a column named {name!r}", "no such column")
    for name in unknown:
        problems.add(filename, 1, name, "one of the columns " + ",".join(expected), shown(name))
    for name in sorted({name for name in header if header.count(name) > 1}):
        problems.add(filename, 1, name, "each column once", f"{header.count(name)} times")
    if missing or unknown or len(set(header)) != len(header):
        return rows
    parsers = [
        (c.name, header.index(c.name), lru_cache(maxsize=_SHARED_VALUES)(c.parse)) for c in columns
    ]
    start = 2
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.add(filename, reader.line_num, "", "well-formed CSV", f"broken CSV ({exc})")
            break
        line, start = start, reader.line_num + 1
        if not cells:
            continue
        if len(cells) != len(header):
            problems.add(filename, line, "", f"{len(header)} fields", f"{len(cells)} fields")
            continue
        parsed: dict[str, Any] = {}
        ok = True
        for name, position, parse in parsers:
            raw = cells[position]
            try:
                parsed[name] = parse(raw)
            except BadValue as exc:
                problems.add(filename, line, name, exc.expected, shown(raw))
                ok = False
        if ok:
            rows.append(record(**parsed), line)
    return rows
