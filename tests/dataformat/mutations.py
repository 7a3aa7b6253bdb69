"""Mutations of the reference dataset for the reader's fuzz test and the longer campaign
(`tests/dataformat/test_fuzz.py`, `benchmarks/fuzz.py`).

A mutation is drawn through a `Draw` (Hypothesis' `data.draw` in the test, a seeded `random`
in the campaign) and applied to a copy of the dataset folder. `attempt` reads the result and
says what happened: read, refused, or what went wrong (a crash, a hang, a round trip that
does not give back what was read).
"""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Protocol, TypeVar

from hypothesis import strategies as st

from karne.cli.database import reference_dataset_path
from karne.core.audit.engine import audit
from karne.core.evaluation import evaluate
from karne.dataformat import DatasetInvalid, read_dataset, write_dataset

T = TypeVar("T")

# A call that takes longer than this is a hang (the reference dataset reads in well under 1 s).
TIME_BOUND = 10.0


class Draw(Protocol):
    def integer(self, low: int, high: int) -> int: ...
    def choice(self, items: Sequence[T]) -> T: ...
    def text(self) -> str: ...


class HypothesisDraw:
    """A `Draw` from Hypothesis' `st.data()`, for the property tests."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data

    def integer(self, low: int, high: int) -> int:
        return self.data.draw(st.integers(low, high))

    def choice(self, items: Sequence[T]) -> T:
        return self.data.draw(st.sampled_from(items))

    def text(self) -> str:
        return self.data.draw(st.text(max_size=20))


def reference_files() -> dict[str, bytes]:
    folder = reference_dataset_path()
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# Strange cell or value texts: the categories of issue 10 and generic ones.
STRANGE = (
    "",
    " ",
    "GENEL_TOPLAM",
    "BUTCE_ICI_TOPLAM",
    "TOPLAM",
    "../../x",
    "GYH/01?x=<script>",
    "a\u2028b",
    "a\u2029b",
    "a\x85b",
    "a\x0cb",
    "a\x0bb",
    "a\x00b",
    "a\rb",
    "a\r\nb",
    '"',
    "'",
    ",",
    "²",
    "--1",
    "-1",
    "-0",
    "-10",
    "150",
    "1999",
    "0",
    "1e5",
    "NaN",
    "Infinity",
    "1,5",
    "%13",
    "٣",
    "9" * 5000,
    "1" * 31,
    "1" * 51,
    "0." + "0" * 40 + "1",
    "1" * 20 + "." + "1" * 20,
    "true",
    "yes",
    "null",
    "~",
    "2023-01-01",
    "\ufeff",
    "x" * 70_000,
    "İı",
    "🙂",
)

# YAML value texts: tags, aliases, anchors, nesting, numbers PyYAML cannot build.
YAML_VALUES = (
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!python/object/apply:os.system ['true']",
    "!!int abc",
    "!!float x",
    "!!bool maybe",
    "! tagged",
    "&a value",
    "*a",
    "&a [1, 2]\nz: *a",
    "[" * 500 + "]" * 500,
    "[" * 500,
    "{a: 1}",
    "[1, 2]",
    "? [a, b]\n: c",
    "0x_",
    "0b_",
    "._",
    "1_0",
    "190:20:30",
    ".inf",
    ".nan",
    "=",
    "<<: {code: X}",
    "'a\u2028b'",
    '"a\\x85b"',
    '"a\\fb"',
    '"\\u2028"',
    "|\n  a\n  b",
    "\t",
    "-",
    "---",
    "...",
    "%YAML 1.1",
)

_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
)


@dataclass(frozen=True)
class Mutation:
    """One change to one file of the folder (`apply` returns the new content, or None to
    leave the file to `special`, which makes it a link, a folder or removes it)."""

    kind: str
    file: str
    apply: Callable[[bytes], bytes | None]
    special: Callable[[Path], None] | None = None


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def draw_mutation(draw: Draw, files: dict[str, bytes]) -> Mutation:
    name = draw.choice(sorted(files))
    is_csv = name.endswith(".csv")
    kinds = ["delete_line", "duplicate_line", "truncate", "byte", "insert", "empty", "special"]
    kinds += (
        ["cell", "cell", "cell", "swap_cells"] if is_csv else ["value", "value", "value", "bomb"]
    )
    kind = draw.choice(kinds)
    size = len(_lines(files[name]))

    if kind in ("delete_line", "duplicate_line"):
        i = draw.integer(0, size - 1)

        def lines(data: bytes) -> bytes:
            ls = _lines(data)
            j = min(i, len(ls) - 1)
            ls[j : j + 1] = [] if kind == "delete_line" else [ls[j], ls[j]]
            return b"".join(ls)

        return Mutation(kind, name, lines)
    if kind == "truncate":
        cut = draw.integer(0, len(files[name]))
        return Mutation(kind, name, lambda data: data[:cut])
    if kind == "byte":
        at, byte = draw.integer(0, max(len(files[name]) - 1, 0)), draw.integer(0, 255)
        return Mutation(kind, name, lambda data: data[:at] + bytes([byte]) + data[at + 1 :])
    if kind == "insert":
        at = draw.integer(0, len(files[name]))
        piece = _text(draw).encode("utf-8")
        return Mutation(kind, name, lambda data: data[:at] + piece + data[at:])
    if kind == "empty":
        return Mutation(kind, name, lambda data: b"")
    if kind == "special":
        how = draw.choice(["link_out", "link_in", "link_loop", "dangling", "folder", "missing"])
        return Mutation(f"special:{how}", name, lambda data: None, _special(how, name, files))
    if kind == "bomb":
        return Mutation(kind, name, lambda data: data + b"\n" + _BOMB.encode())
    if kind == "value":
        i, value = draw.integer(0, size - 1), draw.choice([*YAML_VALUES, *STRANGE, _text(draw)])
        return Mutation(kind, name, lambda data: _yaml_value(data, i, value))
    row, column = draw.integer(0, size - 1), draw.integer(0, 15)
    if kind == "swap_cells":
        other = draw.integer(0, size - 1)
        return Mutation(kind, name, lambda data: _csv_cell(data, row, column, None, other))
    value = draw.choice([*STRANGE, _text(draw)])
    return Mutation(kind, name, lambda data: _csv_cell(data, row, column, value, None))


def _text(draw: Draw) -> str:
    return draw.text()


def _yaml_value(data: bytes, i: int, value: str) -> bytes:
    """The i-th line that has a `key: value` gets `value` instead (a new line if none)."""
    lines = data.decode("utf-8", errors="replace").splitlines(keepends=True)
    candidates = [n for n, line in enumerate(lines) if re.match(r"\s*(- )?\w+:", line)]
    if not candidates:
        return data + value.encode("utf-8")
    n = candidates[i % len(candidates)]
    key = re.match(r"(\s*(?:- )?\w+:)", lines[n])
    assert key is not None
    lines[n] = f"{key.group(1)} {value}\n"
    return "".join(lines).encode("utf-8")


def _csv_cell(data: bytes, row: int, column: int, value: str | None, other: int | None) -> bytes:
    """A cell replaced by `value`, or by the same column's cell of row `other`."""
    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    except (UnicodeDecodeError, csv.Error):
        return data
    if not rows:
        return data
    r = rows[row % len(rows)]
    if not r:
        return data
    c = column % len(r)
    if value is None:
        source = rows[(other or 0) % len(rows)]
        value = source[c] if c < len(source) else ""
    r[c] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _special(how: str, name: str, files: dict[str, bytes]) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        path = folder / name
        path.unlink()
        if how == "link_out":
            outside = folder.parent / "outside.txt"
            outside.write_text("secret,column\nvalue,1\n", encoding="utf-8")
            os.symlink(outside, path)
        elif how == "link_in":
            other = sorted(files)[(sorted(files).index(name) + 1) % len(files)]
            os.symlink(other, path)
        elif how == "link_loop":
            os.symlink(name, path)
        elif how == "dangling":
            os.symlink("nowhere", path)
        elif how == "folder":
            path.mkdir()

    return make


@dataclass(frozen=True)
class Outcome:
    status: str  # read | refused | crash | hang | round trip | compute
    detail: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status in ("read", "refused")


class _Hang(Exception):
    pass


@contextmanager
def _time_bound(seconds: float) -> Iterator[None]:
    """Interrupts a call that runs past the bound (in the main thread, where signals arrive)."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise _Hang

    try:
        previous = signal.signal(signal.SIGALRM, interrupt)
    except ValueError:  # not the main thread: the elapsed time is still checked
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def write_mutated(files: dict[str, bytes], mutations: Sequence[Mutation], folder: Path) -> None:
    """The dataset folder with the mutations applied, in order."""
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    for m in mutations:
        path = folder / m.file
        if path.is_file() and not path.is_symlink():
            new = m.apply(path.read_bytes())
            if new is not None:
                path.write_bytes(new)
        if m.special is not None and path.exists() and not path.is_symlink():
            m.special(folder)


def attempt(files: dict[str, bytes], mutations: Sequence[Mutation]) -> Outcome:
    """Write the mutated folder, read it; whatever reads must write and read back equal,
    and evaluate and audit without an error."""
    with tempfile.TemporaryDirectory(prefix="karne-fuzz-") as tmp:
        folder = Path(tmp) / "dataset"
        write_mutated(files, mutations, folder)
        start = time.monotonic()
        try:
            with _time_bound(TIME_BOUND):
                dataset = read_dataset(folder)
        except DatasetInvalid:
            return Outcome("refused", seconds=time.monotonic() - start)
        except _Hang:
            return Outcome("hang", seconds=time.monotonic() - start)
        except Exception as exc:  # any other exception is what we look for
            return Outcome("crash", f"{type(exc).__name__}: {str(exc)[:200]}")
        seconds = time.monotonic() - start
        if seconds > TIME_BOUND:
            return Outcome("hang", seconds=seconds)
        written = Path(tmp) / "written"
        try:
            write_dataset(dataset, written)
            again = read_dataset(written)
        except Exception as exc:
            return Outcome("round trip", f"{type(exc).__name__}: {str(exc)[:200]}", seconds)
        if again != dataset:
            return Outcome("round trip", "read back differently", seconds)
        # What the reader accepts, the core computes: evaluate and audit every year, in time.
        try:
            with _time_bound(TIME_BOUND):
                for year in sorted({d.year for d in dataset.documents}):
                    evaluate(dataset, year)
                    audit(dataset, year)
        except _Hang:
            return Outcome("hang", "evaluate or audit", seconds)
        except Exception as exc:
            return Outcome("compute", f"{type(exc).__name__}: {str(exc)[:200]}", seconds)
        return Outcome("read", seconds=seconds)
