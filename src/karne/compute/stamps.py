"""Which event files can hold a quarter's rows of a definition, and their fingerprint.

Incremental recomputation (`karne indicators compute --store`) computes a definition's quarter
again only when its definition or the files that can hold its rows changed. Which files those
are is read from each file's Parquet footer: the minimum and maximum of the definition's date
column in every row group. A file whose dates all fall outside the quarter (for a flow) or after
its end (for a stock) cannot hold a row of it, whatever folder it lies in and whatever the table
is partitioned by; a row group without statistics may hold anything, so it counts. The
fingerprint is taken of the files that can, by their names, sizes and modification times (what
`make` and `rsync` trust): a producer that rewrites a file keeping both is not seen, and
`--full` recomputes everything.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pyarrow.parquet as pq

from karne.core.definitions import DefinitionKind, IndicatorDefinition, quarter_bounds

if TYPE_CHECKING:
    from karne.compute.run import ComputedValue


@dataclass(frozen=True)
class Stamp:
    """What a stored figure was computed from: the definition's version and the files'."""

    definition_hash: str
    fingerprint: str


@dataclass(frozen=True)
class _Footer:
    size: int
    mtime_ns: int
    # (min, max) of each column's dates per row group; None where a group has no statistics
    ranges: dict[str, tuple[tuple[datetime.date, datetime.date] | None, ...]]


def window(
    definition: IndicatorDefinition, year: int, quarter: int
) -> tuple[datetime.date | None, datetime.date]:
    """The dates a row of the quarter can have: a flow's quarter (from 1 January for a
    cumulative one), everything up to the quarter's end for a stock."""
    start, end = quarter_bounds(year, quarter)
    if definition.kind is DefinitionKind.STOCK:
        return None, end
    if definition.cumulative:
        start = datetime.date(year, 1, 1)
    return start, end


class Footers:
    """The footers of an event folder's files, each read once per size and modification time."""

    def __init__(self, events: Path) -> None:
        self.events = events
        self._read: dict[Path, _Footer] = {}

    def files(self, source: str) -> tuple[Path, ...]:
        folder = self.events / source
        if not folder.is_dir():
            return ()
        return tuple(sorted(folder.glob("year=*/quarter=*/*.parquet")))

    def footer(self, path: Path) -> _Footer:
        stat = path.stat()
        known = self._read.get(path)
        if known is not None and (known.size, known.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
            return known
        metadata = pq.read_metadata(path)
        names = [metadata.schema.column(i).name for i in range(metadata.num_columns)]
        ranges: dict[str, list[tuple[datetime.date, datetime.date] | None]] = {n: [] for n in names}
        for g in range(metadata.num_row_groups):
            group = metadata.row_group(g)
            for i, name in enumerate(names):
                stats = group.column(i).statistics
                if stats is not None and stats.has_min_max and _is_date(stats.min):
                    ranges[name].append((stats.min, stats.max))
                elif stats is not None and stats.null_count == group.num_rows:
                    continue  # every date null: no row of the group is in any period
                else:
                    ranges[name].append(None)
        footer = _Footer(stat.st_size, stat.st_mtime_ns, {n: tuple(r) for n, r in ranges.items()})
        self._read[path] = footer
        return footer

    def may_hold(
        self, path: Path, column: str, start: datetime.date | None, end: datetime.date
    ) -> bool:
        ranges = self.footer(path).ranges.get(column)
        if ranges is None:
            return True  # no such column: the computation will say so, not this
        return any(r is None or ((start is None or r[1] >= start) and r[0] <= end) for r in ranges)

    def holding(self, definition: IndicatorDefinition, year: int, quarter: int) -> list[Path]:
        """The files of the definition's source that can hold a row of the quarter (a ratio's:
        those of both its measures)."""
        held: set[Path] = set()
        for measure in definition.measures:
            start, end = window(measure, year, quarter)
            held |= {
                p for p in self.files(measure.source) if self.may_hold(p, measure.date, start, end)
            }
        return sorted(held)

    def stamp(self, definition: IndicatorDefinition, year: int, quarter: int) -> Stamp:
        return Stamp(definition.hash, self.fingerprint(self.holding(definition, year, quarter)))

    def fingerprint(self, files: Iterable[Path]) -> str:
        digest = hashlib.sha256()
        for path in files:
            footer = self.footer(path)
            relative = path.relative_to(self.events).as_posix()
            digest.update(f"{relative}\0{footer.size}\0{footer.mtime_ns}\n".encode())
        return "sha256:" + digest.hexdigest()


def _is_date(value: object) -> bool:
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def stale(
    definitions: Sequence[IndicatorDefinition],
    year: int,
    quarters: Sequence[int],
    footers: Footers,
    stored: dict[tuple[str, int, int], Stamp],
) -> list[tuple[IndicatorDefinition, int, Stamp]]:
    """The definitions' quarters whose stored figure (keyed by indicator, year and quarter) is
    missing or was computed from another definition or other files, each with its new stamp."""
    out = []
    for definition in definitions:
        for quarter in quarters:
            now = footers.stamp(definition, year, quarter)
            if stored.get((definition.indicator, year, quarter)) != now:
                out.append((definition, quarter, now))
    return out


class Computes(Protocol):
    def compute(
        self, definition: IndicatorDefinition, year: int, quarter: int, *, breakdowns: bool
    ) -> ComputedValue: ...


def refresh(
    engine: Computes,
    definitions: Sequence[IndicatorDefinition],
    year: int,
    quarters: Sequence[int],
    footers: Footers,
    stored: dict[tuple[str, int, int], Stamp],
    *,
    breakdowns: bool = False,
    full: bool = False,
) -> list[tuple[ComputedValue, Stamp]]:
    """The figures to store: every asked quarter whose stamp changed (all of them when
    `full`), each with its new stamp. Nothing outside `year` and `quarters` is looked at, so a
    computation of one quarter never touches another's figure."""
    if full:
        work = [(d, q, footers.stamp(d, year, q)) for d in definitions for q in quarters]
    else:
        work = stale(definitions, year, quarters, footers, stored)
    return [(engine.compute(d, year, q, breakdowns=breakdowns), stamp) for d, q, stamp in work]
