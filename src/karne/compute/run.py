"""Computing definitions over an event folder with DuckDB embedded, each value with provenance.

An event folder holds one folder per source table, `<source>/year=YYYY/quarter=Q/*.parquet`
(what `karne synth` writes). The engine runs in the calling process, in memory, reading the
Parquet files; nothing is written anywhere.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import ibis
import ibis.expr.types as ir
import pyarrow.parquet as pq

from karne.compute.compile import DefinitionError, compile_breakdown, compile_value, to_sql
from karne.core.definitions import IndicatorDefinition

ENGINE = "duckdb"


@dataclass(frozen=True)
class Source:
    name: str
    files: tuple[Path, ...]
    fingerprint: str  # of the files' names, sizes and modification times
    rows: int  # rows in the files (from their Parquet footers)


@dataclass(frozen=True)
class Provenance:
    definition: str
    definition_hash: str
    query: str
    engine: str
    engine_version: str
    ibis_version: str
    source: str
    source_fingerprint: str
    source_files: int
    source_rows: int
    matched_rows: int

    def as_json(self) -> dict[str, object]:
        return {
            "definition": self.definition,
            "definition_hash": self.definition_hash,
            "query": self.query,
            "engine": self.engine,
            "engine_version": self.engine_version,
            "ibis_version": self.ibis_version,
            "source": self.source,
            "source_fingerprint": self.source_fingerprint,
            "source_files": self.source_files,
            "source_rows": self.source_rows,
            "matched_rows": self.matched_rows,
        }


@dataclass(frozen=True)
class ComputedValue:
    indicator: str
    year: int
    quarter: int
    value: int
    provenance: Provenance
    breakdowns: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def period(self) -> str:
        return f"Q{self.quarter}"

    def as_json(self) -> dict[str, object]:
        return {
            "indicator": self.indicator,
            "year": self.year,
            "period": self.period,
            "value": self.value,
            "breakdowns": self.breakdowns,
            "provenance": self.provenance.as_json(),
        }


def find_source(events: Path, name: str) -> Source:
    """The Parquet files of a source table, or `DefinitionError` when it has none."""
    folder = events / name
    files = tuple(sorted(folder.glob("year=*/quarter=*/*.parquet"))) if folder.is_dir() else ()
    if not files:
        raise DefinitionError(f"no events of {name!r} in {events} (expected {name}/year=…)")
    digest = hashlib.sha256()
    rows = 0
    for path in files:
        stat = path.stat()
        relative = path.relative_to(events).as_posix()
        digest.update(f"{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        rows += pq.ParquetFile(path).metadata.num_rows
    return Source(name, files, "sha256:" + digest.hexdigest(), rows)


class Engine:
    """DuckDB embedded through Ibis, with the event folder's sources registered on first use."""

    def __init__(self, events: Path) -> None:
        self.events = events
        self.connection = ibis.duckdb.connect()
        self._tables: dict[str, tuple[Source, ir.Table]] = {}

    def table(self, name: str) -> tuple[Source, ir.Table]:
        if name not in self._tables:
            source = find_source(self.events, name)
            table = self.connection.read_parquet(
                [str(p) for p in source.files], table_name=name, hive_partitioning=True
            )
            self._tables[name] = (source, table)
        return self._tables[name]

    def compute(
        self,
        definition: IndicatorDefinition,
        year: int,
        quarter: int,
        *,
        breakdowns: bool = False,
    ) -> ComputedValue:
        source, table = self.table(definition.source)
        expression = compile_value(definition, table, year, quarter)
        row = self.connection.to_pyarrow(expression).to_pylist()[0]
        provenance = Provenance(
            definition=definition.id,
            definition_hash=definition.hash,
            query=to_sql(expression),
            engine=ENGINE,
            engine_version=duckdb.__version__,
            ibis_version=ibis.__version__,
            source=source.name,
            source_fingerprint=source.fingerprint,
            source_files=len(source.files),
            source_rows=source.rows,
            matched_rows=int(row["rows"]),
        )
        split: dict[str, dict[str, int]] = {}
        if breakdowns:
            for name in definition.breakdowns:
                grouped = compile_breakdown(definition, table, year, quarter, name)
                split[name] = {
                    str(r[name]): int(r["value"])
                    for r in self.connection.to_pyarrow(grouped).to_pylist()
                }
        return ComputedValue(
            definition.indicator, year, quarter, int(row["value"]), provenance, split
        )


def compute_all(
    definitions: Iterable[IndicatorDefinition],
    events: Path,
    year: int,
    quarters: Sequence[int],
    *,
    breakdowns: bool = False,
) -> list[ComputedValue]:
    """Every definition for every quarter asked, in the definitions' order."""
    engine = Engine(events)
    return [
        engine.compute(definition, year, quarter, breakdowns=breakdowns)
        for definition in definitions
        for quarter in quarters
    ]
