"""Reading CSV tables against a column schema, with the line of every problem."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from karne.dataformat.errors import Problems, shown
from karne.dataformat.files import read_text
from karne.dataformat.values import BadValue, Parser


@dataclass(frozen=True)
class Column:
    name: str
    parse: Parser


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    values: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.values[key]


def read_table(
    folder: Path, filename: str, columns: tuple[Column, ...], problems: Problems
) -> list[Row]:
    """Rows whose every field parsed; a row with a bad field is reported and left out."""
    content = read_text(folder, filename, problems)
    if content is None:
        return []
    # Only \n, \r and \r\n end a line: `str.splitlines` would also split at U+2028, NEL or a
    # form feed inside a quoted text, which the web form accepts and the writer writes.
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        problems.add(filename, 1, "", "a CSV header row", f"broken CSV ({exc})")
        return []
    expected = [c.name for c in columns]
    if header is None:
        problems.add(filename, 1, "", "a header row: " + ",".join(expected), "an empty file")
        return []
    missing = [name for name in expected if name not in header]
    unknown = [name for name in header if name not in expected]
    for name in missing:
        problems.add(filename, 1, name, f"a column named {name!r}", "no such column")
    for name in unknown:
        problems.add(filename, 1, name, "one of the columns " + ",".join(expected), shown(name))
    for name in sorted({name for name in header if header.count(name) > 1}):
        problems.add(filename, 1, name, "each column once", f"{header.count(name)} times")
    if missing or unknown or len(set(header)) != len(header):
        return []
    position = {name: header.index(name) for name in expected}
    rows: list[Row] = []
    start = 2
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.add(filename, reader.line_num, "", "well-formed CSV", f"broken CSV ({exc})")
            break
        line, start = start, reader.line_num + 1
        if not record:
            continue
        if len(record) != len(header):
            problems.add(filename, line, "", f"{len(header)} fields", f"{len(record)} fields")
            continue
        parsed: dict[str, Any] = {}
        ok = True
        for column in columns:
            raw = record[position[column.name]]
            try:
                parsed[column.name] = column.parse(raw)
            except BadValue as exc:
                problems.add(filename, line, column.name, exc.expected, shown(raw))
                ok = False
        if ok:
            rows.append(Row(filename, line, parsed))
    return rows
